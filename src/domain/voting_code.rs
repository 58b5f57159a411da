//! Voting codes: the code printed in the letter every resident gets (see
//! docs/voting-codes.md). Pure: generation from a caller-chosen CSPRNG, the printed format,
//! parsing what a resident typed, and the stored hash.
//!
//! A code is `HHHH-SSSS-SSSS-SSSS-SSSS`: the first group is the public *handle* (the row's
//! key, used by staff to revoke a lost letter and by the throttle), the other sixteen
//! characters are the *secret*. The resident types all twenty, so the server finds the
//! row by the handle and never needs to store the secret; attempts can be counted per
//! handle as the issue asks.
//!
//! Alphabet: 31 symbols without 0/O, 1/I/L, so nothing on the letter can be misread as
//! something else. Case, spaces and dashes do not matter when typing.
//!
//! Hash: `SHA-256("bb-voting-code-v1" 0x00 salt handle 0x00 secret)` with a 128-bit random
//! salt per code. Why not argon2id like passwords: the secret is machine-made with 79 bits
//! of entropy, not a human choice, so there is no dictionary to try. Guessing one code from
//! a stolen database takes about 2^78 SHA-256 evaluations on average (the salt stops
//! attacking all codes at once): a GPU doing 2·10^10 per second needs about half a million
//! years. Argon2id with the password parameters costs ~76 ms per code (measured, release
//! build), i.e. over an hour for a batch of 50,000 letters, for no real gain. This meets
//! ASVS 4.0.3 2.6.2 (lookup secrets below 112 bits: salted with ≥ 32 random bits and an
//! approved one-way hash). The scheme name is part of the stored string, so a future
//! switch (e.g. to a keyed hash with a server-side pepper) needs no schema change.

use std::fmt;

use rand::{CryptoRng, RngCore};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// The symbols a code is made of: digits 2-9 and A-Z without I, L and O.
pub const ALPHABET: &[u8; 31] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
/// Characters in the public handle (the first group).
pub const HANDLE_LEN: usize = 4;
/// Characters in the secret (the other four groups).
pub const SECRET_LEN: usize = 16;
/// Characters per group on the letter.
pub const GROUP_LEN: usize = 4;
/// Characters a resident types, without the dashes.
pub const CODE_LEN: usize = HANDLE_LEN + SECRET_LEN;
/// Whole bits of entropy in the secret: floor(16 · log2 31) = 79 (79.27 exactly).
pub const SECRET_ENTROPY_BITS: u32 = 79;
// ASVS: a lookup secret has at least 64 bits. Checked when compiling.
const _: () = assert!(SECRET_ENTROPY_BITS >= 64);
/// How many different handles can be drawn: the first symbol is a letter (23 choices),
/// the other three any symbol (31^3), minus the two spreadsheet words below.
pub const HANDLE_SPACE: u64 = 23 * 29_791 - 2;
/// Handles a spreadsheet would turn into a boolean when the mail house opens the CSV
/// (English and Dutch Excel). A leading letter already stops numbers like `2E45`.
const SPREADSHEET_WORDS: [&str; 2] = ["TRUE", "WAAR"];
/// The name of the hash scheme, the first field of every stored hash.
pub const HASH_SCHEME: &str = "bbvc-sha256-v1";
/// Domain separation: this hash cannot collide with any other SHA-256 use in the platform.
const HASH_CONTEXT: &[u8] = b"bb-voting-code-v1";
const SALT_LEN: usize = 16;

/// Largest multiple of 31 that fits in a byte: bytes at or above it are thrown away so
/// every symbol is exactly equally likely (no modulo bias).
const REJECT_FROM: u8 = 248;

/// A complete voting code. The secret never appears in `Debug` output, so it cannot leak
/// into logs by accident.
#[derive(Clone, PartialEq, Eq)]
pub struct VotingCode {
    handle: String,
    secret: String,
}

impl fmt::Debug for VotingCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VotingCode")
            .field("handle", &self.handle)
            .field("secret", &"<verborgen>")
            .finish()
    }
}

/// What a resident typed could not be a code. The web layer answers with the same generic
/// message as for an unknown code, so this carries no details.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("not a voting code")]
pub struct CodeFormatError;

/// Uniform random symbols from a cryptographic generator.
pub(crate) fn random_symbols<R: RngCore + CryptoRng>(rng: &mut R, n: usize) -> String {
    let mut out = String::with_capacity(n);
    let mut buf = [0u8; 32];
    while out.len() < n {
        rng.fill_bytes(&mut buf);
        for &b in buf.iter() {
            if out.len() == n {
                break;
            }
            if b < REJECT_FROM {
                out.push(char::from(ALPHABET[usize::from(b % 31)]));
            }
        }
    }
    out
}

fn in_alphabet(c: char) -> bool {
    c.is_ascii() && ALPHABET.contains(&(c as u8))
}

/// Upper case, without spaces, dashes, dots or underscores (what people add or what
/// phones insert). Other characters stay, so that `parse` can refuse them.
pub fn normalise(input: &str) -> String {
    input
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '‐' | '‑' | '–' | '—' | '.' | '_'))
        .flat_map(char::to_uppercase)
        .collect()
}

/// Whether a spreadsheet keeps this handle as text: it starts with a letter (so it is
/// never read as a number such as `2E45` = 2·10^45) and is not a boolean word.
pub fn spreadsheet_safe(handle: &str) -> bool {
    handle
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && !SPREADSHEET_WORDS.contains(&handle)
}

/// A handle as staff type it (revoke, replace): normalised and checked, or None.
pub fn parse_handle(input: &str) -> Option<String> {
    let h = normalise(input);
    (h.chars().count() == HANDLE_LEN && h.chars().all(in_alphabet)).then_some(h)
}

impl VotingCode {
    /// A new code from the operating system's generator.
    pub fn generate() -> VotingCode {
        VotingCode::generate_with(&mut rand::rngs::OsRng)
    }

    pub fn generate_with<R: RngCore + CryptoRng>(rng: &mut R) -> VotingCode {
        let handle = loop {
            let h = random_symbols(rng, HANDLE_LEN);
            if spreadsheet_safe(&h) {
                break h;
            }
        };
        VotingCode {
            handle,
            secret: random_symbols(rng, SECRET_LEN),
        }
    }

    pub fn handle(&self) -> &str {
        &self.handle
    }

    pub fn secret(&self) -> &str {
        &self.secret
    }

    /// As printed on the letter: `K7PM-2XQ9-HT4W-R8NC-5DFG`.
    pub fn formatted(&self) -> String {
        let all: Vec<char> = self.handle.chars().chain(self.secret.chars()).collect();
        all.chunks(GROUP_LEN)
            .map(|g| g.iter().collect::<String>())
            .collect::<Vec<_>>()
            .join("-")
    }

    /// What a resident typed, in any case, with or without spaces and dashes.
    pub fn parse(input: &str) -> Result<VotingCode, CodeFormatError> {
        let n = normalise(input);
        if n.chars().count() != CODE_LEN || !n.chars().all(in_alphabet) {
            return Err(CodeFormatError);
        }
        // All characters are ASCII here, so byte offsets are character offsets.
        let (handle, secret) = n.split_at(HANDLE_LEN);
        Ok(VotingCode {
            handle: handle.to_string(),
            secret: secret.to_string(),
        })
    }
}

fn digest(handle: &str, secret: &str, salt: &[u8]) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(HASH_CONTEXT);
    h.update([0u8]);
    h.update(salt);
    h.update(handle.as_bytes());
    h.update([0u8]);
    h.update(secret.as_bytes());
    h.finalize().into()
}

/// The stored form: `$bbvc-sha256-v1$<salt, 32 hex>$<digest, 64 hex>`.
pub fn hash_with_salt(handle: &str, secret: &str, salt: &[u8; SALT_LEN]) -> String {
    format!(
        "${HASH_SCHEME}${}${}",
        hex::encode(salt),
        hex::encode(digest(handle, secret, salt))
    )
}

/// Hash a new code's secret with a fresh random salt.
pub fn hash_secret(handle: &str, secret: &str) -> String {
    let mut salt = [0u8; SALT_LEN];
    rand::rngs::OsRng.fill_bytes(&mut salt);
    hash_with_salt(handle, secret, &salt)
}

fn split_stored(stored: &str) -> Option<([u8; SALT_LEN], [u8; 32])> {
    let mut parts = stored.split('$');
    let (Some(""), Some(scheme), Some(salt), Some(dig), None) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) else {
        return None;
    };
    if scheme != HASH_SCHEME {
        return None;
    }
    let salt: [u8; SALT_LEN] = hex::decode(salt).ok()?.try_into().ok()?;
    let dig: [u8; 32] = hex::decode(dig).ok()?.try_into().ok()?;
    Some((salt, dig))
}

/// Whether `secret` belongs to the stored hash. Always computes one hash, also for a
/// stored string it cannot read, and compares in constant time.
pub fn verify(handle: &str, secret: &str, stored: &str) -> bool {
    let (salt, expected, readable) = match split_stored(stored) {
        Some((s, d)) => (s, d, true),
        None => ([0u8; SALT_LEN], [0u8; 32], false),
    };
    let got = digest(handle, secret, &salt);
    bool::from(got.ct_eq(&expected)) && readable
}

/// A stored hash no secret matches, used for unknown handles so that they cost the same
/// work as known ones.
pub fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash_secret("----", "no code has this secret"))
}

/// Whether a stored string has the format `hash_secret` writes (tests, checks).
pub fn is_stored_hash(stored: &str) -> bool {
    split_stored(stored).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_alphabet_has_no_confusable_symbols() {
        assert_eq!(ALPHABET.len(), 31);
        for bad in b"01OIL" {
            assert!(!ALPHABET.contains(bad), "{}", char::from(*bad));
        }
        let mut sorted = ALPHABET.to_vec();
        sorted.dedup();
        assert_eq!(sorted.len(), 31, "no symbol twice");
    }

    #[test]
    fn the_secret_carries_at_least_79_bits() {
        // Integer check of 16 · log2(31) >= 79 (and < 80): 2^79 <= 31^16 < 2^80.
        let space = 31u128.pow(SECRET_LEN as u32);
        assert!(space >= 1u128 << SECRET_ENTROPY_BITS);
        assert!(space < 1u128 << (SECRET_ENTROPY_BITS + 1));
        assert_eq!(23 * 31u64.pow(HANDLE_LEN as u32 - 1) - 2, HANDLE_SPACE);
    }

    #[test]
    fn a_generated_code_looks_like_the_letter() {
        let c = VotingCode::generate();
        let f = c.formatted();
        assert_eq!(f.len(), CODE_LEN + 4);
        let groups: Vec<&str> = f.split('-').collect();
        assert_eq!(groups.len(), 5);
        assert!(groups.iter().all(|g| g.len() == GROUP_LEN));
        assert_eq!(groups[0], c.handle());
        assert_eq!(groups[1..].concat(), c.secret());
        assert!(
            !format!("{c:?}").contains(c.secret()),
            "Debug hides the secret"
        );
        assert!(spreadsheet_safe(c.handle()));
        assert!(!spreadsheet_safe("2E45") && !spreadsheet_safe("WAAR") && spreadsheet_safe("E245"));
    }

    #[test]
    fn typing_variants_are_accepted() {
        let c = VotingCode::generate();
        let f = c.formatted();
        for typed in [
            f.clone(),
            f.to_lowercase(),
            f.replace('-', ""),
            f.replace('-', " "),
            format!("  {}\t", f.replace('-', " - ")),
            f.replace('-', "\u{2013}"),
        ] {
            assert_eq!(VotingCode::parse(&typed), Ok(c.clone()), "{typed:?}");
        }
    }

    #[test]
    fn wrong_inputs_are_refused() {
        let c = VotingCode::generate().formatted();
        for bad in [
            String::new(),
            c[..c.len() - 1].to_string(),
            format!("{c}2"),
            c.replacen(|ch: char| ch.is_ascii_alphanumeric(), "0", 1),
            c.replacen(|ch: char| ch.is_ascii_alphanumeric(), "O", 1),
            c.replacen(|ch: char| ch.is_ascii_alphanumeric(), "l", 1),
            c.replacen(|ch: char| ch.is_ascii_alphanumeric(), "É", 1),
        ] {
            assert_eq!(VotingCode::parse(&bad), Err(CodeFormatError), "{bad:?}");
        }
    }

    #[test]
    fn every_symbol_occurs_and_none_other() {
        let mut seen = [0u32; 256];
        for _ in 0..2000 {
            let c = VotingCode::generate();
            for b in c.handle().bytes().chain(c.secret().bytes()) {
                seen[usize::from(b)] += 1;
            }
        }
        // 40,000 symbols, 31 kinds: about 1290 each; a symbol below 900 would mean a
        // broken generator (the chance by luck is far below 1e-20).
        for (b, n) in seen.iter().enumerate() {
            let expected = ALPHABET.contains(&(b as u8));
            assert_eq!(*n > 0, expected, "symbol {b}");
            if expected {
                assert!(*n > 900, "symbol {} only {n} times", char::from(b as u8));
            }
        }
    }

    #[test]
    fn the_stored_hash_has_a_fixed_format_and_verifies() {
        let c = VotingCode::generate();
        let h = hash_secret(c.handle(), c.secret());
        assert!(h.starts_with("$bbvc-sha256-v1$"), "{h}");
        assert_eq!(h.len(), 1 + HASH_SCHEME.len() + 1 + 32 + 1 + 64);
        assert!(is_stored_hash(&h));
        assert!(!h.contains(c.secret()));
        assert!(verify(c.handle(), c.secret(), &h));
        let other = VotingCode::generate();
        assert!(!verify(c.handle(), other.secret(), &h));
        assert!(
            !verify(other.handle(), c.secret(), &h),
            "bound to its handle"
        );
        assert!(!verify(c.handle(), c.secret(), "garbage"));
        assert!(is_stored_hash(dummy_hash()));
        // Two hashes of the same code differ: each has its own salt.
        assert_ne!(h, hash_secret(c.handle(), c.secret()));
    }

    #[test]
    fn handles_are_parsed_like_codes() {
        assert_eq!(parse_handle(" k7pm "), Some("K7PM".to_string()));
        assert_eq!(parse_handle("K7P"), None);
        assert_eq!(parse_handle("K0PM"), None);
    }

    fn any_code() -> impl Strategy<Value = VotingCode> {
        let sym = proptest::sample::select(ALPHABET.to_vec());
        (
            proptest::collection::vec(sym.clone(), HANDLE_LEN),
            proptest::collection::vec(sym, SECRET_LEN),
        )
            .prop_map(|(h, s)| VotingCode {
                handle: h.into_iter().map(char::from).collect(),
                secret: s.into_iter().map(char::from).collect(),
            })
    }

    proptest! {
        #[test]
        fn parse_normalise_format_round_trips(c in any_code(), lower in any::<bool>(), sep in "[ -]{0,2}") {
            let f = c.formatted();
            let typed = if lower { f.to_lowercase() } else { f.clone() };
            let typed = typed.replace('-', &sep);
            prop_assert_eq!(VotingCode::parse(&normalise(&typed)), Ok(c.clone()));
            prop_assert_eq!(VotingCode::parse(&typed), Ok(c.clone()));
            prop_assert_eq!(VotingCode::parse(&f).map(|p| p.formatted()), Ok(f));
        }

        #[test]
        fn parse_never_panics_and_accepts_only_the_alphabet(s in "\\PC{0,40}") {
            if let Ok(c) = VotingCode::parse(&s) {
                prop_assert_eq!(c.handle().len() + c.secret().len(), CODE_LEN);
                prop_assert!(c.handle().chars().chain(c.secret().chars()).all(in_alphabet));
            }
        }

        #[test]
        fn a_changed_secret_never_verifies(c in any_code(), pos in 0..SECRET_LEN, sym in proptest::sample::select(ALPHABET.to_vec())) {
            let h = hash_with_salt(c.handle(), c.secret(), &[9u8; 16]);
            let mut changed: Vec<u8> = c.secret().bytes().collect();
            prop_assume!(changed[pos] != sym);
            changed[pos] = sym;
            let changed = String::from_utf8(changed).unwrap_or_default();
            prop_assert!(!verify(c.handle(), &changed, &h));
            prop_assert!(verify(c.handle(), c.secret(), &h));
        }
    }
}
