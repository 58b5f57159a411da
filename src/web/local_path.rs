//! Return addresses ("terug" after login) may only be plain paths on this site. Anything a
//! browser could read as another host (`//host`, `/\host`, `/<TAB>/host`, a scheme), and
//! anything that cannot go into a `Location` header (newlines, other control characters),
//! is refused, so the caller falls back to the person's start page.

/// Longest return address kept; longer ones are not links anyone clicked.
const MAX_LEN: usize = 512;

/// Characters allowed in a return path besides ASCII letters and digits: those of paths
/// and query strings the site itself makes. `%` only as the start of an escape of a
/// character that is itself harmless (checked below).
const ALLOWED: &str = "-._~/?=&,+%";

/// `raw` when it is a strict local path, else None.
pub fn local_return_path(raw: &str) -> Option<&str> {
    let bytes = raw.as_bytes();
    if raw.is_empty() || raw.len() > MAX_LEN || bytes[0] != b'/' {
        return None;
    }
    // `//host` is another host; `/\host` is read as `//host` by browsers.
    if matches!(bytes.get(1), Some(b'/') | Some(b'\\')) {
        return None;
    }
    if !raw
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || ALLOWED.contains(c))
    {
        return None;
    }
    // Escapes: two hex digits, decoding to a printable character that is not a slash,
    // backslash or another escape (no `%2F%2F` tricks, no control characters).
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = raw.get(i + 1..i + 3)?;
            let byte = u8::from_str_radix(hex, 16).ok()?;
            if !(0x21..0x7f).contains(&byte) || matches!(byte, b'/' | b'\\' | b'%') {
                return None;
            }
            i += 3;
        } else {
            i += 1;
        }
    }
    Some(raw)
}

/// The return path when it is local, otherwise `fallback`.
pub fn local_or<'a>(raw: &'a str, fallback: &'a str) -> &'a str {
    local_return_path(raw).unwrap_or(fallback)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_local_paths_pass() {
        for ok in [
            "/",
            "/financien/begroting",
            "/rondes/3f2a-9b/stemmen?jaar=2025&gebied=t-loo",
            "/gebieden/%27t-loo",
        ] {
            assert_eq!(local_return_path(ok), Some(ok), "{ok:?}");
        }
    }

    #[test]
    fn anything_that_could_leave_the_site_or_break_a_header_is_refused() {
        for bad in [
            "",
            "financien",
            "//evil.example",
            "/\\evil.example",
            "/\t/evil.example",
            "/%09/evil.example",
            "/%2F/evil.example",
            "/%5Cevil.example",
            "/%2",
            "/%zz",
            "/x\ny",
            "/x\r\nSet-Cookie: a=b",
            "https://evil.example",
            "/a b",
            "/javascript:alert(1)",
            "/ünïcode",
            "/x\u{0}",
        ] {
            assert_eq!(local_return_path(bad), None, "{bad:?}");
        }
        assert_eq!(local_return_path(&format!("/{}", "a".repeat(600))), None);
        assert_eq!(local_or("//evil.example", "/account"), "/account");
    }
}
