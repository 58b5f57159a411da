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
pub fn read_records(text: &str) -> Result<Vec<Record>, PbError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut in_quotes = false;
    let mut line = 1usize;
    let mut record_line = 1usize;
    let mut quote_line = 0usize;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => in_quotes = false,
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => {
                in_quotes = true;
                quote_line = line;
            }
            ';' => fields.push(std::mem::take(&mut field)),
            '\r' => {
                // A CR is part of a CRLF (or an old Mac line end); either way it ends the line.
                if chars.peek() == Some(&'\n') {
                    continue;
                }
                end_record(&mut records, &mut fields, &mut field, record_line);
                line += 1;
                record_line = line;
            }
            '\n' => {
                end_record(&mut records, &mut fields, &mut field, record_line);
                line += 1;
                record_line = line;
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
    end_record(&mut records, &mut fields, &mut field, record_line);
    Ok(records)
}

fn end_record(
    records: &mut Vec<Record>,
    fields: &mut Vec<String>,
    field: &mut String,
    line: usize,
) {
    if fields.is_empty() && field.is_empty() {
        return; // blank line: pabutools skips these
    }
    fields.push(std::mem::take(field));
    records.push(Record {
        line,
        fields: std::mem::take(fields),
    });
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
