//! Cells for CSV files that people open in a spreadsheet. A cell that starts with `=`,
//! `+`, `-`, `@`, a tab or a carriage return is read by Excel and LibreOffice as a formula
//! (`=HYPERLINK(..)`, `=1+1`, DDE tricks), so a display name or a memo typed by someone
//! could run in the spreadsheet of the clerk who downloads it. Such cells get a leading
//! apostrophe (OWASP's advice), which the spreadsheet shows as plain text.
//!
//! Plain numbers (`-1.234,56`, `+12`) are left alone: a negative amount is not a formula,
//! and an apostrophe would turn it into text. Every CSV the product writes for download
//! passes its cells through [`neutralise`] (or writes them with [`record`]).

use std::borrow::Cow;

/// First characters that make a spreadsheet read a cell as a formula.
const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The cell as a spreadsheet will show it as text.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    match cell.chars().next() {
        Some(first) if TRIGGERS.contains(&first) && !is_plain_number(cell) => {
            Cow::Owned(format!("'{cell}"))
        }
        _ => Cow::Borrowed(cell),
    }
}

/// A record with every cell neutralised, for `csv::Writer::write_record`.
pub fn record<I, S>(cells: I) -> Vec<String>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    cells
        .into_iter()
        .map(|c| neutralise(c.as_ref()).into_owned())
        .collect()
}

/// An optional sign followed by digits with `.` or `,` between them: `-1.234,56`.
fn is_plain_number(cell: &str) -> bool {
    let digits = cell.strip_prefix(['-', '+']).unwrap_or(cell);
    digits.starts_with(|c: char| c.is_ascii_digit())
        && digits
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_get_an_apostrophe() {
        for (cell, shown) in [
            (
                "=HYPERLINK(\"http://evil\";\"klik\")",
                "'=HYPERLINK(\"http://evil\";\"klik\")",
            ),
            ("=1+1", "'=1+1"),
            ("+31 6 12345678", "'+31 6 12345678"),
            ("-1+1", "'-1+1"),
            ("-", "'-"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ] {
            assert_eq!(neutralise(cell), shown, "{cell:?}");
        }
    }

    #[test]
    fn ordinary_text_and_plain_numbers_are_left_alone() {
        for cell in [
            "",
            "Bankjes bij de kerk",
            "'t Loo",
            "a=b",
            "-1.234,56",
            "+12",
            "1.250,00",
            "2025-03-01",
        ] {
            assert!(matches!(neutralise(cell), Cow::Borrowed(_)), "{cell:?}");
        }
        assert_eq!(
            record(["=x", "y"]),
            vec!["'=x".to_string(), "y".to_string()]
        );
    }
}
