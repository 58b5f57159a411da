//! One line of `events.jsonl` without building a `serde_json::Value`: the check that it is
//! in the canonical form of docs/audit-export.md §1.1, and read access to the fields the
//! replay needs. On a log of a million events this is where the exporter and the verifier
//! spend their time, so the common case allocates nothing per field.
//!
//! The canonical form is defined by serde_json itself (parse, write again, same bytes).
//! [`is_canonical`] first runs a strict single-pass check that only *accepts* lines it is
//! sure about (sorted unescaped keys, integers of at most 18 digits, serde_json's own string
//! escapes, no whitespace); anything else (a float, an escaped key, a huge number, or a line
//! that is simply wrong) goes the slow way through serde_json, so the verdict is always
//! serde_json's.

use std::borrow::Cow;

/// Why a line is not a canonical leaf.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LeafError {
    /// Not JSON at all (serde_json's message).
    NotJson(String),
    /// JSON, but writing it again gives other bytes.
    NotCanonical,
}

/// Is `line` exactly what serde_json writes for the value it holds?
pub fn is_canonical(line: &str) -> Result<(), LeafError> {
    if fast_canonical(line.as_bytes()) {
        return Ok(());
    }
    let v: serde_json::Value =
        serde_json::from_str(line).map_err(|e| LeafError::NotJson(e.to_string()))?;
    // Compared as text (Value's own == with a str would compare it with a JSON string).
    let written = v.to_string();
    if written.as_str() == line {
        Ok(())
    } else {
        Err(LeafError::NotCanonical)
    }
}

/// Deeper nesting goes the slow way (serde_json refuses more than 128 levels).
const MAX_DEPTH: u32 = 100;

/// True only for lines that are certainly canonical; false means "not sure".
fn fast_canonical(b: &[u8]) -> bool {
    let mut p = Check { b, i: 0, depth: 0 };
    p.value() && p.i == b.len()
}

struct Check<'a> {
    b: &'a [u8],
    i: usize,
    depth: u32,
}

impl<'a> Check<'a> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn eat(&mut self, c: u8) -> bool {
        if self.peek() == Some(c) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    fn value(&mut self) -> bool {
        match self.peek() {
            Some(b'{') => self.object(),
            Some(b'[') => self.array(),
            Some(b'"') => self.string().is_some(),
            Some(b'-' | b'0'..=b'9') => self.integer(),
            Some(b't') => self.literal(b"true"),
            Some(b'f') => self.literal(b"false"),
            Some(b'n') => self.literal(b"null"),
            _ => false,
        }
    }

    fn literal(&mut self, word: &[u8]) -> bool {
        if self.b.get(self.i..self.i + word.len()) == Some(word) {
            self.i += word.len();
            true
        } else {
            false
        }
    }

    fn object(&mut self) -> bool {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return false;
        }
        self.i += 1;
        if self.eat(b'}') {
            self.depth -= 1;
            return true;
        }
        let mut previous: Option<&'a [u8]> = None;
        loop {
            // Keys must be strictly increasing byte strings (serde_json's map is a BTreeMap);
            // an escaped key would need decoding to compare, so it is left to serde_json.
            let Some(key) = self.string() else {
                return false;
            };
            if key.contains(&b'\\') || previous.is_some_and(|p| key <= p) {
                return false;
            }
            previous = Some(key);
            if !self.eat(b':') || !self.value() {
                return false;
            }
            if self.eat(b',') {
                continue;
            }
            if self.eat(b'}') {
                self.depth -= 1;
                return true;
            }
            return false;
        }
    }

    fn array(&mut self) -> bool {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return false;
        }
        self.i += 1;
        if self.eat(b']') {
            self.depth -= 1;
            return true;
        }
        loop {
            if !self.value() {
                return false;
            }
            if self.eat(b',') {
                continue;
            }
            if self.eat(b']') {
                self.depth -= 1;
                return true;
            }
            return false;
        }
    }

    /// A string written as serde_json writes it; returns the bytes between the quotes.
    fn string(&mut self) -> Option<&'a [u8]> {
        let b = self.b;
        if b.get(self.i) != Some(&b'"') {
            return None;
        }
        let start = self.i + 1;
        let mut i = start;
        loop {
            let c = *b.get(i)?;
            match c {
                b'"' => {
                    self.i = i + 1;
                    return b.get(start..i);
                }
                b'\\' => {
                    match *b.get(i + 1)? {
                        b'"' | b'\\' | b'b' | b'f' | b'n' | b'r' | b't' => i += 2,
                        // Only control characters without a short form, as `\u00xx` with
                        // lower-case hex digits.
                        b'u' => {
                            let hex = b.get(i + 2..i + 6)?;
                            if hex[0] != b'0' || hex[1] != b'0' {
                                return None;
                            }
                            let digit = |d: u8| match d {
                                b'0'..=b'9' => Some(d - b'0'),
                                b'a'..=b'f' => Some(d - b'a' + 10),
                                _ => None,
                            };
                            let code = digit(hex[2])? * 16 + digit(hex[3])?;
                            if code >= 0x20 || matches!(code, 0x08 | 0x09 | 0x0a | 0x0c | 0x0d) {
                                return None;
                            }
                            i += 6;
                        }
                        _ => return None,
                    }
                }
                0x00..=0x1f => return None,
                _ => i += 1,
            }
        }
    }

    /// `-?(0|[1-9][0-9]*)` with at most 18 digits (always an i64); no fraction, no exponent.
    fn integer(&mut self) -> bool {
        let negative = self.eat(b'-');
        let start = self.i;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.i += 1;
        }
        let digits = &self.b[start..self.i];
        if digits.is_empty() || digits.len() > 18 {
            return false;
        }
        if digits[0] == b'0' && (digits.len() > 1 || negative) {
            return false;
        }
        !matches!(self.peek(), Some(b'.' | b'e' | b'E'))
    }
}

/// A JSON value inside a canonical line, as its text. Reading a field walks the text; the
/// answers are those of `serde_json::Value` for the same line (a missing field is `null`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Raw<'a>(pub &'a str);

impl<'a> Raw<'a> {
    /// The member `key` of an object (None when this is no object or has no such key).
    pub fn get(&self, key: &str) -> Option<Raw<'a>> {
        let b = self.0.as_bytes();
        if b.first() != Some(&b'{') {
            return None;
        }
        let mut i = 1;
        if b.get(i) == Some(&b'}') {
            return None;
        }
        loop {
            let key_end = skip_string(b, i)?;
            let name = b.get(i + 1..key_end - 1)?;
            let value_start = key_end + 1;
            if b.get(key_end) != Some(&b':') {
                return None;
            }
            let value_end = skip_value(b, value_start)?;
            if name == key.as_bytes() {
                return self.0.get(value_start..value_end).map(Raw);
            }
            match b.get(value_end) {
                Some(b',') => i = value_end + 1,
                _ => return None,
            }
        }
    }

    /// The members of an object, read in one walk (None when this is no object): for
    /// reading several fields of the same object.
    pub fn object(&self) -> Option<Obj<'a>> {
        let b = self.0.as_bytes();
        if b.first() != Some(&b'{') {
            return None;
        }
        let mut members = Vec::with_capacity(12);
        let mut i = 1;
        if b.get(i) == Some(&b'}') {
            return Some(Obj { members });
        }
        loop {
            let key_end = skip_string(b, i)?;
            if b.get(key_end) != Some(&b':') {
                return None;
            }
            let value_end = skip_value(b, key_end + 1)?;
            members.push((
                self.0.get(i + 1..key_end - 1)?,
                Raw(self.0.get(key_end + 1..value_end)?),
            ));
            match b.get(value_end) {
                Some(b',') => i = value_end + 1,
                Some(b'}') => return Some(Obj { members }),
                _ => return None,
            }
        }
    }

    /// The elements of an array (None when this is no array).
    pub fn items(&self) -> Option<Vec<Raw<'a>>> {
        let b = self.0.as_bytes();
        if b.first() != Some(&b'[') {
            return None;
        }
        let mut out = Vec::new();
        let mut i = 1;
        if b.get(i) == Some(&b']') {
            return Some(out);
        }
        loop {
            let end = skip_value(b, i)?;
            out.push(Raw(self.0.get(i..end)?));
            match b.get(end) {
                Some(b',') => i = end + 1,
                Some(b']') => return Some(out),
                _ => return None,
            }
        }
    }

    /// The string's text when this is a string.
    pub fn as_str(&self) -> Option<Cow<'a, str>> {
        let inner = self.0.strip_prefix('"')?.strip_suffix('"')?;
        if !inner.contains('\\') {
            return Some(Cow::Borrowed(inner));
        }
        serde_json::from_str::<String>(self.0).ok().map(Cow::Owned)
    }

    pub fn as_i64(&self) -> Option<i64> {
        self.integer_text()?.parse().ok()
    }

    pub fn as_u64(&self) -> Option<u64> {
        self.integer_text()?.parse().ok()
    }

    fn integer_text(&self) -> Option<&'a str> {
        let t = self.0;
        let digits = t.strip_prefix('-').unwrap_or(t);
        (!digits.is_empty() && digits.bytes().all(|c| c.is_ascii_digit())).then_some(t)
    }
}

/// An object's members as written (keys as their raw text between the quotes).
#[derive(Debug, Clone, Default)]
pub struct Obj<'a> {
    members: Vec<(&'a str, Raw<'a>)>,
}

impl<'a> Obj<'a> {
    /// The member `key` (a key written with escapes never equals a plain `key`, as in
    /// [`Raw::get`]).
    pub fn get(&self, key: &str) -> Option<Raw<'a>> {
        self.members
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| *v)
    }
}

/// A field as text the way the replay reads it: a string's text, "" for null or missing,
/// anything else as its (canonical) JSON text.
pub fn text<'a>(v: Option<Raw<'a>>) -> Cow<'a, str> {
    match v {
        None => Cow::Borrowed(""),
        Some(r) if r.0 == "null" => Cow::Borrowed(""),
        Some(r) => r.as_str().unwrap_or(Cow::Borrowed(r.0)),
    }
}

/// End of the string starting at `i` (just past its closing quote).
fn skip_string(b: &[u8], i: usize) -> Option<usize> {
    if b.get(i) != Some(&b'"') {
        return None;
    }
    let mut j = i + 1;
    loop {
        match *b.get(j)? {
            b'"' => return Some(j + 1),
            b'\\' => j += 2,
            _ => j += 1,
        }
    }
}

/// End of the value starting at `i` in valid JSON without whitespace.
fn skip_value(b: &[u8], i: usize) -> Option<usize> {
    match *b.get(i)? {
        b'"' => skip_string(b, i),
        open @ (b'{' | b'[') => {
            let close = if open == b'{' { b'}' } else { b']' };
            let mut j = i + 1;
            if b.get(j) == Some(&close) {
                return Some(j + 1);
            }
            loop {
                if open == b'{' {
                    j = skip_string(b, j)?;
                    if b.get(j) != Some(&b':') {
                        return None;
                    }
                    j += 1;
                }
                j = skip_value(b, j)?;
                match *b.get(j)? {
                    b',' => j += 1,
                    c if c == close => return Some(j + 1),
                    _ => return None,
                }
            }
        }
        _ => {
            // A number or a literal: up to the next delimiter.
            let mut j = i;
            while b
                .get(j)
                .is_some_and(|c| !matches!(c, b',' | b'}' | b']' | b':'))
            {
                j += 1;
            }
            (j > i).then_some(j)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::{json, Value};

    fn slow(line: &str) -> bool {
        serde_json::from_str::<Value>(line).is_ok_and(|v| v.to_string().as_str() == line)
    }

    #[test]
    fn canonical_lines_pass_and_others_fail_with_serde_jsons_verdict() {
        let leaf = json!({"v": 1, "seq": 7, "at": "2026-03-31T23:30:00.000000Z",
            "actor": "user:1", "action": "transfer.posted",
            "entity": {"type": "transfer", "id": "t-1"}, "before": null,
            "after": {"amount_cents": 1250, "memo": "zeg \"hoi\"\n\u{1}\u{7f}é",
                "neg": -5, "list": [1, "a", [], {}], "flag": true, "f": false}})
        .to_string();
        assert!(fast_canonical(leaf.as_bytes()), "{leaf}");
        assert_eq!(is_canonical(&leaf), Ok(()));
        for bad in [
            "{\"b\":1,\"a\":2}",
            "{\"a\": 1}",
            "{\"a\":1,\"a\":1}",
            "{\"a\":\"\\u0041\"}",
            "{\"a\":\"\\/\"}",
            "{\"a\":-0}",
            "{\"a\":\"\\u001F\"}",
            "{\"a\":\"\\u000a\"}",
            " {}",
            "{}\n",
        ] {
            assert!(!fast_canonical(bad.as_bytes()), "{bad}");
            assert_eq!(is_canonical(bad), Err(LeafError::NotCanonical), "{bad}");
        }
        for broken in ["{\"a\":", "{\"a\":01}", "{\"a\":\"\u{1}\"}"] {
            assert!(!fast_canonical(broken.as_bytes()), "{broken}");
            assert!(
                matches!(is_canonical(broken), Err(LeafError::NotJson(_))),
                "{broken}"
            );
        }
        // Canonical but left to serde_json: a float, an escaped key, a 19-digit number.
        for unsure in ["{\"a\":1.5}", "{\"\\\"\":1}", "{\"a\":1000000000000000000}"] {
            assert!(!fast_canonical(unsure.as_bytes()), "{unsure}");
            assert_eq!(is_canonical(unsure), Ok(()), "{unsure}");
        }
    }

    #[test]
    fn fields_read_as_serde_json_reads_them() {
        let line = json!({"after": {"amount_cents": -12, "memo": "a \"b\" ;c", "n": null,
            "choices": ["x", "y\\z"], "rules": {"b": [1, {"c": "}"}], "a": "]"}, "big": 18446744073709551615u64},
            "entity": {"id": "e,1", "type": "t"}, "seq": 3})
        .to_string();
        let r = Raw(&line);
        let v: Value = serde_json::from_str(&line).expect("json");
        let after = r.get("after").expect("after");
        assert_eq!(
            after.get("amount_cents").and_then(|x| x.as_i64()),
            Some(-12)
        );
        assert_eq!(text(after.get("memo")), "a \"b\" ;c");
        assert_eq!(text(after.get("n")), "");
        assert_eq!(text(after.get("missing")), "");
        assert_eq!(text(r.get("seq")), "3");
        assert_eq!(
            after.get("rules").map(|x| x.0.to_string()),
            Some(v["after"]["rules"].to_string())
        );
        assert_eq!(
            after.get("big").and_then(|x| x.as_u64()),
            v["after"]["big"].as_u64()
        );
        assert_eq!(after.get("big").and_then(|x| x.as_i64()), None);
        let choices: Vec<String> = after
            .get("choices")
            .and_then(|c| c.items())
            .expect("array")
            .iter()
            .map(|x| text(Some(*x)).into_owned())
            .collect();
        assert_eq!(choices, ["x", "y\\z"]);
        assert_eq!(text(r.get("entity").and_then(|e| e.get("id"))), "e,1");
        assert_eq!(r.get("nothing"), None);
        let obj = r.object().expect("object");
        for key in ["after", "entity", "seq", "nothing"] {
            assert_eq!(obj.get(key), r.get(key), "{key}");
        }
        assert_eq!(Raw("[]").items(), Some(vec![]));
        assert!(Raw("{}").object().is_some_and(|o| o.get("a").is_none()));
        assert!(Raw("[1]").object().is_none());
        assert_eq!(Raw("{}").get("a"), None);
    }

    fn value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            (-1000i32..1000)
                .prop_map(|x| serde_json::from_str(&format!("{x}.5")).unwrap_or(Value::Null)),
            "\\PC{0,8}".prop_map(Value::String),
            "[\\x00-\\x20\"\\\\/a-z\u{7f}\u{2028}é]{0,6}".prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 40, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
                prop::collection::btree_map("[a-z\"\\\\é ]{0,4}", inner, 0..5)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        // The fast check never accepts what serde_json would not write, and the field
        // reader answers as serde_json::Value does.
        #[test]
        fn the_fast_check_agrees_with_serde_json(v in value(), cut in 0usize..64, byte in any::<u8>()) {
            let line = v.to_string();
            prop_assert_eq!(is_canonical(&line), Ok(()));
            if let Value::Object(m) = &v {
                let obj = Raw(&line).object();
                prop_assert!(obj.is_some());
                for (k, x) in m.iter().filter(|(k, _)| !k.contains(['"', '\\'])) {
                    prop_assert_eq!(Raw(&line).get(k).map(|r| r.0.to_string()), Some(x.to_string()));
                    prop_assert_eq!(obj.as_ref().and_then(|o| o.get(k)).map(|r| r.0.to_string()), Some(x.to_string()));
                }
            }
            // A changed line: whatever the fast check accepts, serde_json writes the same way.
            let mut b = line.clone().into_bytes();
            if !b.is_empty() {
                let at = cut % b.len();
                b[at] = byte;
            }
            if let Ok(changed) = String::from_utf8(b) {
                if fast_canonical(changed.as_bytes()) {
                    prop_assert!(slow(&changed), "{}", changed);
                }
                prop_assert_eq!(is_canonical(&changed).is_ok(), slow(&changed));
            }
        }
    }
}
