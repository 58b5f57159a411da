//! Ledger import: a whole file → budget lines, or the list of **all** problems in it.
//!
//! Pure functions, no I/O. A file is accepted as a whole or refused as a whole: when there is
//! any problem, [`parse_ledger`] returns every problem found (by line and column) and no lines.
//!
//! Three formats, recognised by their header line (case-insensitive, spaces trimmed, UTF-8 BOM
//! removed, columns in any order, separator `;` or `,` taken from the header line):
//!
//! * Dutch spreadsheet ([`LedgerFormat::DutchSpreadsheet`]): `jaar;code;omschrijving;taakveld;financier;bedrag`,
//!   amounts `1.234,56` / `€ 1.234,56` / `1.000` ([`dutch_spreadsheet`]).
//! * Plain CSV ([`LedgerFormat::PlainCsv`]): `year,code,name,taakveld,funder,amount`, amounts `1234.56`
//!   ([`plain_csv`]).
//! * CBS ([`LedgerFormat::CbsIv3`]): the CBS Iv3 extract (`gemeente,verslagjaar,document,...,
//!   lasten_x1000_eur,...`), see [`cbs_iv3`].
//!
//! The checks are described in `docs/ledger-import.md`.

pub mod cbs_iv3;
pub mod dutch_spreadsheet;
mod lines;
pub mod plain_csv;
pub mod problems;
mod table;

use serde::Serialize;

use crate::domain::message::Msg;
use crate::msg_key;

pub use dutch_spreadsheet::write_dutch_spreadsheet;
pub use plain_csv::write_plain_csv;
pub use problems::{ImportProblem, COLUMN_FILE, COLUMN_HEADER, COLUMN_LINE};
pub use table::{MAX_CODE_CHARS, MAX_NAME_CHARS, MAX_YEAR};

/// One budget line read from a file.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct ImportedLine {
    /// 1-based line in the file where this budget line starts.
    pub line_no: usize,
    /// Fiscal year (begrotingsjaar), 2017 to [`MAX_YEAR`].
    pub year: i32,
    /// The budget line's own code; unique per year within the file.
    pub code: String,
    /// Description (omschrijving).
    pub name: String,
    /// Taakveld code, valid in the list for `year` (see [`crate::domain::taakveld`]).
    pub taakveld: String,
    /// Who pays, if given.
    pub funder: Option<String>,
    /// Amount in euro cents, always > 0.
    pub amount_cents: i64,
}

/// The file formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum LedgerFormat {
    /// `jaar;code;omschrijving;taakveld;financier;bedrag`, Dutch amounts.
    DutchSpreadsheet,
    /// `year,code,name,taakveld,funder,amount`, plain amounts.
    PlainCsv,
    /// CBS Iv3 extract per taakveld, x € 1.000.
    CbsIv3,
}

impl LedgerFormat {
    /// Dutch name for pages and messages.
    pub fn label(self) -> &'static str {
        match self {
            LedgerFormat::DutchSpreadsheet => "spreadsheet (jaar;code;omschrijving;...)",
            LedgerFormat::PlainCsv => "CSV (year,code,name,...)",
            LedgerFormat::CbsIv3 => "CBS Iv3-bestand",
        }
    }
}

/// Choices the caller makes for a file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// For CBS files with several gemeenten: which one (matched case-insensitively). Ignored
    /// for the other formats.
    pub municipality: Option<String>,
}

/// A file that passed every check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ParsedLedger {
    pub format: LedgerFormat,
    /// The gemeente of a CBS file; `None` for the other formats.
    pub municipality: Option<String>,
    /// The budget lines, in file order.
    pub lines: Vec<ImportedLine>,
    /// What was skipped on purpose (e.g. jaarrekening rows, taakvelden with lasten 0, the
    /// source "Bron: CBS"), as messages shown in the language of the page that shows them.
    pub notes: Vec<Msg>,
}

impl ParsedLedger {
    /// Sum of all amounts in cents (`None` on overflow).
    pub fn total_cents(&self) -> Option<i64> {
        self.lines
            .iter()
            .try_fold(0_i64, |acc, l| acc.checked_add(l.amount_cents))
    }

    /// Sum of the amounts of one year in cents (`None` on overflow).
    pub fn total_cents_for_year(&self, year: i32) -> Option<i64> {
        self.lines
            .iter()
            .filter(|l| l.year == year)
            .try_fold(0_i64, |acc, l| acc.checked_add(l.amount_cents))
    }
}

impl std::fmt::Display for LedgerFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

const DUTCH_KEYS: [&str; 4] = ["jaar", "omschrijving", "financier", "bedrag"];
const PLAIN_KEYS: [&str; 4] = ["year", "name", "funder", "amount"];

fn detect(table: &table::Table) -> Option<LedgerFormat> {
    let score = |keys: &[&str]| {
        table
            .header
            .iter()
            .filter(|h| keys.contains(&h.key.as_str()))
            .count()
    };
    let scores = [
        (score(&cbs_iv3::KEYS), LedgerFormat::CbsIv3),
        (score(&DUTCH_KEYS), LedgerFormat::DutchSpreadsheet),
        (score(&PLAIN_KEYS), LedgerFormat::PlainCsv),
    ];
    scores
        .iter()
        .filter(|(s, _)| *s > 0)
        .max_by_key(|(s, _)| *s)
        .map(|(_, f)| *f)
}

fn unknown_header(table: &table::Table) -> ImportProblem {
    ImportProblem::new(
        table.header_line_no,
        COLUMN_HEADER,
        Msg::new(msg_key!("error-import-header-unknown"))
            .arg("spreadsheet", dutch_spreadsheet::HEADER)
            .arg("csv", plain_csv::HEADER)
            .arg("cbs", cbs_iv3::HEADER),
        table.header_text(),
    )
}

fn read(bytes: &[u8]) -> Result<(table::Table, Vec<ImportProblem>), Vec<ImportProblem>> {
    let text = table::decode(bytes).map_err(|p| vec![p])?;
    let mut problems = Vec::new();
    let delimiter = table::guess_delimiter(text);
    match table::read_table(text, delimiter, &mut problems) {
        Some(t) => Ok((t, problems)),
        None => Err(problems),
    }
}

/// Parses a whole import file. Returns the budget lines, or every problem found, sorted by
/// line. Never returns part of a file: `Ok` means every line passed every check.
pub fn parse_ledger(
    bytes: &[u8],
    opts: &ImportOptions,
) -> Result<ParsedLedger, Vec<ImportProblem>> {
    let (table, problems) = read(bytes)?;
    let result = match detect(&table) {
        None => {
            let mut problems = problems;
            problems.insert(0, unknown_header(&table));
            Err(problems)
        }
        Some(LedgerFormat::CbsIv3) => {
            cbs_iv3::parse(&table, opts, problems).map(|p| ParsedLedger {
                format: LedgerFormat::CbsIv3,
                municipality: Some(p.municipality),
                lines: p.lines,
                notes: p.notes,
            })
        }
        Some(format) => {
            let spec = if format == LedgerFormat::DutchSpreadsheet {
                &dutch_spreadsheet::SPEC
            } else {
                &plain_csv::SPEC
            };
            lines::parse_lines(&table, spec, problems).map(|lines| ParsedLedger {
                format: spec.format,
                municipality: None,
                lines,
                notes: Vec::new(),
            })
        }
    };
    result.map_err(|mut problems| {
        problems::sort_problems(&mut problems);
        problems
    })
}

/// The format of a file, judged by its header only (`None` when not recognised or not
/// readable). Handy to decide whether to ask for a gemeente before importing.
pub fn detect_format(bytes: &[u8]) -> Option<LedgerFormat> {
    read(bytes).ok().and_then(|(t, _)| detect(&t))
}

/// The gemeenten in a CBS Iv3 file, in order of first appearance (empty for other formats or
/// unreadable files). Use it to offer a choice when [`parse_ledger`] asks for a gemeente.
pub fn list_municipalities(bytes: &[u8]) -> Vec<String> {
    match read(bytes) {
        Ok((t, _)) if detect(&t) == Some(LedgerFormat::CbsIv3) => cbs_iv3::municipalities(&t),
        _ => Vec::new(),
    }
}

/// Shared writer for the two line formats.
fn write_with(
    out: &mut Vec<u8>,
    delimiter: u8,
    terminator: csv::Terminator,
    header: &[&str; 6],
    lines: &[ImportedLine],
    format_amount: fn(i64) -> String,
) {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .terminator(terminator)
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(out);
    // Writing to a Vec cannot fail; errors are impossible here and ignored.
    let _ = writer.write_record(header);
    for l in lines {
        let _ = writer.write_record([
            l.year.to_string(),
            l.code.clone(),
            l.name.clone(),
            l.taakveld.clone(),
            l.funder.clone().unwrap_or_default(),
            format_amount(l.amount_cents),
        ]);
    }
    let _ = writer.flush();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<ParsedLedger, Vec<ImportProblem>> {
        parse_ledger(text.as_bytes(), &ImportOptions::default())
    }

    fn problems(text: &str) -> Vec<ImportProblem> {
        match parse(text) {
            Ok(p) => panic!("expected problems, got {p:?}"),
            Err(p) => p,
        }
    }

    /// A file with the English header and one line per (year, taakveld), with codes A, B,
    /// C, … in order, name `x`, no funder and an amount of 1.
    fn lines(rows: &[(&str, &str)]) -> String {
        let mut text = String::from("year,code,name,taakveld,funder,amount\n");
        for ((year, taakveld), code) in rows.iter().zip('A'..) {
            text.push_str(&format!("{year},{code},x,{taakveld},,1\n"));
        }
        text
    }

    #[test]
    fn dutch_basic() {
        let p = parse(
            "jaar;code;omschrijving;taakveld;financier;bedrag\n\
             2025;GR-01;Groen 't Loo;5.7;;1.234,56\n\
             2025;GR-02;Speeltuin;5.7;Woonstichting;€ 1.000\n",
        )
        .expect("ok");
        assert_eq!(p.format, LedgerFormat::DutchSpreadsheet);
        assert_eq!(p.lines.len(), 2);
        assert_eq!(p.lines[0].amount_cents, 123_456);
        assert_eq!(p.lines[0].line_no, 2);
        assert_eq!(p.lines[0].funder, None);
        assert_eq!(p.lines[1].amount_cents, 100_000);
        assert_eq!(p.lines[1].funder.as_deref(), Some("Woonstichting"));
        assert_eq!(p.total_cents(), Some(223_456));
    }

    #[test]
    fn plain_basic_any_column_order_and_case() {
        let p = parse(" Amount ,YEAR,code,name,taakveld,funder\n1234.5,2024,A,Afval,7.3,\n")
            .expect("ok");
        assert_eq!(p.format, LedgerFormat::PlainCsv);
        assert_eq!(p.lines[0].amount_cents, 123_450);
        assert_eq!(p.lines[0].taakveld, "7.3");
    }

    #[test]
    fn funder_column_may_be_left_out() {
        let p = parse("year,code,name,taakveld,amount\n2025,A,Afval,7.3,10\n").expect("ok");
        assert_eq!(p.lines[0].funder, None);
    }

    #[test]
    fn all_problems_of_a_line_are_reported() {
        let p = problems(
            "year,code,name,taakveld,funder,amount\n\
             2025,,,9.9,,abc\n",
        );
        let cols: Vec<&str> = p.iter().map(|p| p.column.as_str()).collect();
        assert_eq!(cols, ["code", "name", "taakveld", "amount"]);
        assert!(p.iter().all(|p| p.line_no == 2));
    }

    #[test]
    fn zero_and_negative_amounts_are_refused() {
        let p = problems(
            "jaar;code;omschrijving;taakveld;financier;bedrag\n\
             2025;A;x;5.7;;0\n\
             2025;B;x;5.7;;-5\n\
             2025;C;x;5.7;;€ -1.234,56\n",
        );
        assert_eq!(p.len(), 3);
        assert!(p.iter().all(|p| p.message.contains("groter zijn dan 0")));
    }

    #[test]
    fn year_checks() {
        let years = ["25", "2016", "2100", "", "2.025"];
        let p = problems(&lines(&years.map(|y| (y, "5.7"))));
        assert_eq!(p.len(), 5, "{p:#?}");
        assert!(p.iter().all(|p| p.column == "year"));
        assert!(p[1].message.contains("vanaf 2017"));
    }

    #[test]
    fn taakveld_per_year() {
        let p = problems(&lines(&[
            ("2024", "6.71a"),
            ("2025", "6.71a"),
            ("2025", "0.1"),
            ("2025", "0.10"),
            ("2022", "6.71"),
        ]));
        assert_eq!(p.len(), 1, "{p:#?}");
        assert_eq!(p[0].line_no, 3);
        assert!(p[0].message.contains("lijst voor 2025 en later"));
        assert!(p[0].message.contains("2023 en 2024"));
    }

    #[test]
    fn duplicates_name_both_lines() {
        let p = problems(
            "year,code,name,taakveld,funder,amount\n\
             2025,A,x,5.7,,1\n\
             2024,A,x,5.7,,1\n\
             2025,A,y,5.7,,2\n",
        );
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].line_no, 4);
        assert!(
            p[0].message.contains("regel 2 en op regel 4"),
            "{}",
            p[0].message
        );
    }

    #[test]
    fn header_problems() {
        let p = problems("year,code,name,funder,amount,colour\n2025,A,x,,1,red\n");
        assert_eq!(p.len(), 2, "{p:#?}");
        assert_eq!(p[0].line_no, 1);
        let cols: Vec<&str> = p.iter().map(|p| p.column.as_str()).collect();
        assert!(cols.contains(&"colour"));
        assert!(cols.contains(&"taakveld"));
        let p = problems("foo;bar\n1;2\n");
        assert_eq!(p[0].column, COLUMN_HEADER);
    }

    #[test]
    fn empty_and_header_only() {
        assert_eq!(problems("")[0].message, "Het bestand is leeg.");
        assert_eq!(
            problems("\u{feff}\r\n  \r\n")[0].message,
            "Het bestand is leeg."
        );
        let p = problems("year,code,name,taakveld,funder,amount\n");
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].column, COLUMN_FILE);
    }

    #[test]
    fn wrong_field_count() {
        let p = problems(
            "jaar;code;omschrijving;taakveld;financier;bedrag\n\
             2025;A;x;5.7;;1;2\n\
             2025;B;x;5.7;1\n\
             2025;C;x;5.7;;1;;\n",
        );
        assert_eq!(p.len(), 2, "{p:#?}");
        assert_eq!((p[0].line_no, p[1].line_no), (2, 3));
        assert!(p.iter().all(|p| p.column == COLUMN_LINE));
    }

    #[test]
    fn excel_blank_rows_are_ignored() {
        let p = parse(
            "jaar;code;omschrijving;taakveld;financier;bedrag;;\r\n\
             2025;A;x;5.7;;1;;\r\n\
             ;;;;;;;\r\n\
             \r\n",
        )
        .expect("ok");
        assert_eq!(p.lines.len(), 1);
    }

    #[test]
    fn not_utf8() {
        let mut bytes = b"jaar;code;omschrijving;taakveld;financier;bedrag\r\n".to_vec();
        bytes.extend_from_slice(b"2025;A;Gee\xebscaleerde zorg;5.7;;1\r\n");
        let p = parse_ledger(&bytes, &ImportOptions::default()).expect_err("refused");
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].line_no, 2);
        assert!(p[0].message.contains("UTF-8"));
        let p = parse_ledger(b"\xFF\xFEj\0", &ImportOptions::default()).expect_err("refused");
        assert!(p[0].message.contains("UTF-16"));
    }

    #[test]
    fn detects_formats() {
        assert_eq!(
            detect_format(b"jaar;code;omschrijving;taakveld;financier;bedrag\n"),
            Some(LedgerFormat::DutchSpreadsheet)
        );
        assert_eq!(
            detect_format(b"year,code,name,taakveld,funder,amount\n"),
            Some(LedgerFormat::PlainCsv)
        );
        assert_eq!(
            detect_format(cbs_iv3::HEADER.as_bytes()),
            Some(LedgerFormat::CbsIv3)
        );
        assert_eq!(detect_format(b"a,b\n"), None);
    }

    #[test]
    fn format_display() {
        assert_eq!(LedgerFormat::CbsIv3.to_string(), "CBS Iv3-bestand");
    }

    #[test]
    fn problem_display() {
        let p = ImportProblem::new(
            7,
            "bedrag",
            Msg::verbatim("Dit is geen geldig bedrag."),
            "12.5",
        );
        assert_eq!(
            p.to_string(),
            "Regel 7, kolom bedrag: Dit is geen geldig bedrag. (waarde: \"12.5\")"
        );
    }

    #[test]
    fn writers_roundtrip_tricky_text() {
        let lines = vec![
            ImportedLine {
                line_no: 2,
                year: 2025,
                code: "A;1".into(),
                name: "Groen \"'t Loo\", dorp; zuid".into(),
                taakveld: "5.7".into(),
                funder: Some("Woonstichting, Oldebroek".into()),
                amount_cents: 123_456_789,
            },
            ImportedLine {
                line_no: 3,
                year: 2024,
                code: "B".into(),
                name: "Geëscaleerde zorg €".into(),
                taakveld: "6.81a".into(),
                funder: None,
                amount_cents: 1,
            },
        ];
        for bytes in [write_dutch_spreadsheet(&lines), write_plain_csv(&lines)] {
            let p = parse_ledger(&bytes, &ImportOptions::default()).expect("roundtrip");
            assert_eq!(p.lines, lines);
        }
        let dutch = write_dutch_spreadsheet(&lines);
        assert!(
            dutch.starts_with(b"\xEF\xBB\xBFjaar;code;omschrijving;taakveld;financier;bedrag\r\n")
        );
        let text = String::from_utf8(dutch).expect("utf8");
        assert!(text.contains("2025;\"A;1\";\"Groen \"\"'t Loo\"\", dorp; zuid\";5.7;Woonstichting, Oldebroek;1.234.567,89\r\n"), "{text}");
    }
}
