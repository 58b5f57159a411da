//! The CSV dialect of `.pb` files: `;` between fields, `"` around fields that contain `;`, `"`
//! or a line break, `""` for a quote inside a quoted field. Mirrors Python's `csv` module, which
//! pabutools uses, closely enough for every file on pabulib.

use super::error::PbError;

/// One CSV record with the (1-based) line number where it starts, for error messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub line: usize,
    pub fields: Vec<String>,
}

/// Splits a whole file into records. A UTF-8 BOM is ignored and CRLF line ends are accepted.
/// (Counting reads through [`super::pb_view::read_rows`], which keeps plain lines as slices.)
pub fn read_records(text: &str) -> Result<Vec<Record>, PbError> {
    Ok(super::pb_view::read_rows(text)?
        .into_iter()
        .map(|row| Record {
            line: row.line,
            fields: row.into_vec(),
        })
        .collect())
}

/// Reads one record that contains quotes (or a lone CR) starting at byte `start` of `text`,
/// which is on line `line`. Returns the record (None for a blank line), where the next record
/// starts, and its line number.
pub(crate) fn quoted_record(
    text: &str,
    start: usize,
    line: usize,
) -> Result<(Option<Record>, usize, usize), PbError> {
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut in_quotes = false;
    let mut current = line;
    let mut quote_line = line;
    let mut chars = text[start..].char_indices().peekable();
    let mut end = None;
    while let Some((i, c)) = chars.next() {
        if in_quotes {
            match c {
                '"' if chars.peek().map(|&(_, n)| n) == Some('"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => in_quotes = false,
                '\n' => {
                    current += 1;
                    field.push('\n');
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => {
                in_quotes = true;
                quote_line = current;
            }
            ';' => fields.push(std::mem::take(&mut field)),
            // A CR is part of a CRLF (or an old Mac line end); either way it ends the line.
            '\r' if chars.peek().map(|&(_, n)| n) == Some('\n') => {}
            '\r' | '\n' => {
                end = Some(start + i + 1);
                break;
            }
            _ => field.push(c),
        }
    }
    if in_quotes {
        return Err(PbError::new(
            quote_line,
            "a quoted field is never closed (missing '\"')",
        ));
    }
    let next = end.unwrap_or(text.len());
    if fields.is_empty() && field.is_empty() {
        return Ok((None, next, current + 1));
    }
    fields.push(field);
    Ok((Some(Record { line, fields }), next, current + 1))
}

/// Quotes a field when needed so that [`read_records`] gives it back unchanged.
pub fn quote_field(field: &str) -> String {
    let needs_quotes = field.contains([';', '"', '\n', '\r'])
        || field.starts_with(char::is_whitespace)
        || field.ends_with(char::is_whitespace);
    if needs_quotes {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

/// Joins fields into one line (without line end).
pub fn write_record(fields: &[String]) -> String {
    fields
        .iter()
        .map(|f| quote_field(f))
        .collect::<Vec<_>>()
        .join(";")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_fields_and_crlf() {
        let text = "\u{feff}a;\"b;c\";\"\"\"Konikowo\"\" - x\"\r\n\r\nd;e\n";
        let recs = read_records(text).unwrap_or_default();
        assert_eq!(recs.len(), 2);
        assert_eq!(recs[0].fields, vec!["a", "b;c", "\"Konikowo\" - x"]);
        assert_eq!(recs[1].line, 3);
        assert_eq!(recs[1].fields, vec!["d", "e"]);
    }

    #[test]
    fn multi_line_field_keeps_line_numbers() {
        let recs = read_records("x;\"one\ntwo\"\ny;z").unwrap_or_default();
        assert_eq!(recs[0].fields[1], "one\ntwo");
        assert_eq!(recs[1].line, 3);
    }

    #[test]
    fn unclosed_quote_is_an_error() {
        let err = read_records("a\nb;\"oops\n").err();
        assert_eq!(err.map(|e| e.line), Some(2));
    }

    #[test]
    fn quoting_round_trips() {
        let fields: Vec<String> = ["plain", "a;b", "say \"hi\"", " padded ", "Łódź; Zürich"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let line = write_record(&fields);
        let back = read_records(&line).unwrap_or_default();
        assert_eq!(back[0].fields, fields);
    }
}
