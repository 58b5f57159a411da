//! Reading a page as a browser would: the CSRF token of its form and the tracker on a
//! ballot receipt. Shared by the integration tests and `examples/loadtest.rs` (which
//! includes this file by its path), so both read the pages the same way.

/// The value of the page's `csrf_token` field.
pub fn csrf_field(html: &str) -> Option<String> {
    let marker = "name=\"csrf_token\" value=\"";
    let start = html.find(marker)? + marker.len();
    let end = html[start..].find('"')?;
    Some(html[start..start + end].to_string())
}

/// The tracker on a receipt page: the text of `<p class="tracker">`, tags and spaces
/// removed.
pub fn tracker(page: &str) -> Option<String> {
    let start = page.find("class=\"tracker\"")?;
    let rest = &page[start..];
    let body = &rest[rest.find('>')? + 1..rest.find("</p>")?];
    let mut out = String::new();
    let mut in_tag = false;
    for ch in body.chars() {
        match ch {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag && !c.is_whitespace() => out.push(c),
            _ => {}
        }
    }
    (!out.is_empty()).then_some(out)
}
