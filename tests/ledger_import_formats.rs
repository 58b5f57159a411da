//! Good files in each import format, and round trips through the writers.

use std::collections::BTreeMap;

use burgerbegroting::domain::ledger_import::{
    parse_ledger, write_dutch_spreadsheet, write_plain_csv, ImportOptions, ImportedLine,
    LedgerFormat, ParsedLedger,
};
use burgerbegroting::domain::taakveld;
use proptest::prelude::*;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/data/ledger/{name}", env!("CARGO_MANIFEST_DIR"));
    match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => panic!("cannot read {path}: {e}"),
    }
}

fn parse(bytes: &[u8]) -> ParsedLedger {
    match parse_ledger(bytes, &ImportOptions::default()) {
        Ok(p) => p,
        Err(problems) => panic!("refused: {problems:#?}"),
    }
}

/// `(line, year, code, amount)` per line.
fn summary(p: &ParsedLedger) -> Vec<(usize, i32, &str, i64)> {
    p.lines
        .iter()
        .map(|l| (l.line_no, l.year, l.code.as_str(), l.amount_cents))
        .collect()
}

fn without_line_numbers(lines: &[ImportedLine]) -> Vec<ImportedLine> {
    lines
        .iter()
        .map(|l| ImportedLine {
            line_no: 0,
            ..l.clone()
        })
        .collect()
}

#[test]
fn excel_export_with_bom_crlf_and_quotes() {
    let bytes = fixture("good_dutch_excel.csv");
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    assert!(bytes.windows(2).any(|w| w == b"\r\n"));
    let p = parse(&bytes);
    assert_eq!(p.format, LedgerFormat::DutchSpreadsheet);
    assert_eq!(p.municipality, None);
    assert_eq!(
        summary(&p),
        [
            (2, 2025, "GR-001", 123_456),
            (3, 2025, "GR-002", 1_250_000),
            (4, 2025, "VK-001", 100_000),
            (5, 2025, "AF-001", 200_050),
            (6, 2025, "SD-001", 500),
            (7, 2024, "SD-001", 9_876_543),
            (8, 2020, "SD-001", 100_000_000),
        ]
    );
    let speeltuin = &p.lines[1];
    assert_eq!(speeltuin.name, "Speeltuin \"De Eekhoorn\"; Oosterwolde");
    assert_eq!(speeltuin.funder.as_deref(), Some("Woonstichting Oldebroek"));
    assert_eq!(speeltuin.taakveld, "5.7");
    assert_eq!(p.lines[0].name, "Openbaar groen 't Loo");
    assert_eq!(p.lines[0].funder, None);
    assert_eq!(p.lines[5].taakveld, "6.71a");
    assert_eq!(p.lines[6].taakveld, "6.2");
}

#[test]
fn plain_csv() {
    let p = parse(&fixture("good_plain.csv"));
    assert_eq!(p.format, LedgerFormat::PlainCsv);
    assert_eq!(
        summary(&p),
        [
            (2, 2025, "GR-001", 123_456),
            (3, 2025, "GR-002", 1_250_000),
            (4, 2025, "VK-001", 100_050),
            (5, 2025, "BE-001", 1),
            (6, 2024, "SD-001", 9_876_543),
        ]
    );
    assert_eq!(p.lines[1].name, "Speeltuin \"De Eekhoorn\", Oosterwolde");
    assert_eq!(p.lines[3].taakveld, "0.10");
}

#[test]
fn cbs_file_with_one_gemeente() {
    let p = parse(&fixture("good_cbs_one_gemeente.csv"));
    assert_eq!(p.format, LedgerFormat::CbsIv3);
    assert_eq!(p.municipality.as_deref(), Some("Oldebroek"));
    assert_eq!(
        summary(&p),
        [
            (2, 2025, "TV-5.7", 235_200_000),
            (3, 2025, "TV-2.1", 312_800_000),
            (6, 2024, "TV-6.71a", 217_400_000),
        ]
    );
    // Source, parent 6.71 skipped, lasten 0 skipped, jaarrekening skipped.
    assert_eq!(p.notes.len(), 4, "{:#?}", p.notes);
}

#[test]
fn the_same_file_twice_gives_the_same_lines() {
    let bytes = fixture("good_dutch_excel.csv");
    assert_eq!(parse(&bytes), parse(&bytes));
}

#[test]
fn fixtures_round_trip_through_both_writers() {
    for name in [
        "good_dutch_excel.csv",
        "good_plain.csv",
        "good_cbs_one_gemeente.csv",
    ] {
        let p = parse(&fixture(name));
        let lines = without_line_numbers(&p.lines);
        let dutch = parse(&write_dutch_spreadsheet(&p.lines));
        assert_eq!(dutch.format, LedgerFormat::DutchSpreadsheet);
        assert_eq!(
            without_line_numbers(&dutch.lines),
            lines,
            "{name} via Dutch"
        );
        let plain = parse(&write_plain_csv(&p.lines));
        assert_eq!(plain.format, LedgerFormat::PlainCsv);
        assert_eq!(
            without_line_numbers(&plain.lines),
            lines,
            "{name} via plain"
        );
    }
}

#[test]
fn writers_write_what_excel_writes() {
    let p = parse(&fixture("good_plain.csv"));
    let dutch = String::from_utf8(write_dutch_spreadsheet(&p.lines)).expect("utf8");
    assert!(dutch.starts_with("\u{feff}jaar;code;omschrijving;taakveld;financier;bedrag\r\n"));
    assert!(dutch.contains(
        "2025;GR-002;\"Speeltuin \"\"De Eekhoorn\"\", Oosterwolde\";5.7;Woonstichting Oldebroek;12.500,00\r\n"
    ));
    let plain = String::from_utf8(write_plain_csv(&p.lines)).expect("utf8");
    assert!(plain.starts_with("year,code,name,taakveld,funder,amount\n"));
    assert!(plain.contains("2025,BE-001,Mutaties reserves,0.10,,0.01\n"));
    assert!(!plain.contains('\r'));
}

/// Text a user might type in a cell: letters, digits, separators, quotes, accents, € —
/// not starting or ending with a space (cells are trimmed) and without line breaks.
fn cell_text() -> impl Strategy<Value = String> {
    "[A-Za-z0-9]([A-Za-z0-9 ;,\"'ëé€().-]{0,30}[A-Za-z0-9)])?"
}

fn line_strategy() -> impl Strategy<Value = ImportedLine> {
    (
        2017..=2030_i32,
        cell_text(),
        cell_text(),
        any::<usize>(),
        proptest::option::of(cell_text()),
        // Every amount the import accepts: at most money::MAX_AMOUNT_CENTS (€ 10 billion).
        1..=burgerbegroting::domain::money::MAX_AMOUNT_CENTS,
    )
        .prop_map(|(year, code, name, pick, funder, amount_cents)| {
            let list = taakveld::all_for_year(year);
            let taakveld = list[pick % list.len()].code.to_owned();
            ImportedLine {
                line_no: 0,
                year,
                code,
                name,
                taakveld,
                funder,
                amount_cents,
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_lines_round_trip(lines in proptest::collection::vec(line_strategy(), 1..12)) {
        // (year, code) must be unique in a file: keep the first of each.
        let mut unique: BTreeMap<(i32, String), ImportedLine> = BTreeMap::new();
        for l in lines {
            unique.entry((l.year, l.code.clone())).or_insert(l);
        }
        let lines: Vec<ImportedLine> = unique.into_values().collect();
        for bytes in [write_dutch_spreadsheet(&lines), write_plain_csv(&lines)] {
            let parsed = parse_ledger(&bytes, &ImportOptions::default());
            prop_assert!(parsed.is_ok(), "{:?}", parsed);
            let parsed = parsed.map(|p| without_line_numbers(&p.lines)).unwrap_or_default();
            prop_assert_eq!(&parsed, &lines);
        }
    }
}
