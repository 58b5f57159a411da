//! Cells for CSV files that people open in a spreadsheet. A cell that starts with `=`,
//! `+`, `-`, `@`, a tab or a carriage return is read by Excel and LibreOffice as a formula
//! (`=HYPERLINK(..)`, `=1+1`, DDE tricks), so a display name or a memo typed by someone
//! could run in the spreadsheet of the clerk who downloads it. Such cells get a leading
//! apostrophe (OWASP's advice), which the spreadsheet shows as plain text.
//!
//! The one rule lives here, in two strengths:
//! - [`neutralise_text`]: a cell that is text by its column's type gets the apostrophe
//!   whenever it starts like a formula, also `-5` (the audit bundle's CSV files, whose rule
//!   docs/audit-export.md §3.2 fixes for every verifier: "starts with `=`, `+`, `-`, `@`,
//!   TAB or CR");
//! - [`neutralise`]: for files that put numbers and text through the same call, plain
//!   numbers (`-1.234,56`, `+12`) are left alone: a negative amount is not a formula, and
//!   an apostrophe would turn it into text.
//!
//! Every CSV the product writes for download passes its text cells through one of them
//! (or writes them with [`record`]).

use std::borrow::Cow;

/// First characters that make a spreadsheet read a cell as a formula.
const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Would a spreadsheet read a cell that starts like this as a formula?
pub fn starts_like_formula(cell: &str) -> bool {
    cell.starts_with(TRIGGERS)
}

/// A text cell as a spreadsheet will show it: an apostrophe before anything that starts
/// like a formula, numbers included (the column is text).
pub fn neutralise_text(cell: &str) -> Cow<'_, str> {
    if starts_like_formula(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// A cell of a column that may hold numbers: plain numbers pass, anything else as
/// [`neutralise_text`].
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if is_plain_number(cell) {
        Cow::Borrowed(cell)
    } else {
        neutralise_text(cell)
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

    #[test]
    fn text_columns_neutralise_numbers_too() {
        // The audit bundle's rule (docs/audit-export.md §3.2): the first character decides.
        for (cell, shown) in [
            ("-1", "'-1"),
            ("+12", "'+12"),
            ("-1.234,56", "'-1.234,56"),
            ("=1+1", "'=1+1"),
            ("@x", "'@x"),
            ("\t1", "'\t1"),
            ("\r1", "'\r1"),
        ] {
            assert_eq!(neutralise_text(cell), shown, "{cell:?}");
        }
        for cell in ["", "1,00", "a-b", "'t Loo", " =x"] {
            assert!(
                matches!(neutralise_text(cell), Cow::Borrowed(_)),
                "{cell:?}"
            );
        }
    }
}
