//! Bad files are refused as a whole, with every problem listed by line and column.

use burgerbegroting::domain::ledger_import::{
    parse_ledger, ImportOptions, ImportProblem, COLUMN_FILE, COLUMN_HEADER, COLUMN_LINE,
};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/data/ledger/{name}", env!("CARGO_MANIFEST_DIR"));
    match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => panic!("cannot read {path}: {e}"),
    }
}

fn refused_with(name: &str, opts: &ImportOptions) -> Vec<ImportProblem> {
    match parse_ledger(&fixture(name), opts) {
        Ok(p) => panic!("{name} was accepted: {p:#?}"),
        Err(problems) => {
            assert!(!problems.is_empty());
            for p in &problems {
                assert!(p.line_no >= 1, "{p:?}");
                assert!(!p.column.is_empty(), "{p:?}");
                assert!(!p.message.is_empty(), "{p:?}");
            }
            problems
        }
    }
}

fn refused(name: &str) -> Vec<ImportProblem> {
    refused_with(name, &ImportOptions::default())
}

fn places(problems: &[ImportProblem]) -> Vec<(usize, &str)> {
    problems
        .iter()
        .map(|p| (p.line_no, p.column.as_str()))
        .collect()
}

#[test]
fn bad_amounts_dutch() {
    let p = refused("bad_amount_dutch.csv");
    assert_eq!(
        places(&p),
        [
            (3, "bedrag"),
            (4, "bedrag"),
            (5, "bedrag"),
            (6, "bedrag"),
            (7, "bedrag"),
            (8, "bedrag"),
            (9, "bedrag"),
        ],
        "{p:#?}"
    );
    let values: Vec<&str> = p.iter().map(|p| p.value.as_str()).collect();
    assert_eq!(
        values,
        [
            "12.50",
            "1,234",
            "ongeveer duizend",
            "0",
            "€ -1.234,56",
            "",
            "999.999.999.999.999.999"
        ]
    );
    assert!(p[0]
        .message
        .contains("Een punt staat alleen tussen duizendtallen"));
    assert!(p[1].message.contains("hoogstens 2 cijfers na de komma"));
    assert_eq!(
        p[2].message,
        "Dit is geen geldig bedrag. Schrijf het zo: 1.234,56"
    );
    assert!(p[3].message.contains("groter zijn dan 0"));
    assert!(p[4].message.contains("groter zijn dan 0"));
    assert_eq!(p[5].message, "Er is geen bedrag ingevuld.");
    assert_eq!(p[6].message, "Dit bedrag is te groot.");
}

#[test]
fn bad_amounts_plain() {
    let p = refused("bad_amount_plain.csv");
    assert_eq!(places(&p), [(3, "amount"), (4, "amount"), (5, "amount")]);
    assert_eq!(
        p[0].message,
        "Dit is geen geldig bedrag. Schrijf het zo: 1234.56"
    );
    assert!(p[1].message.contains("hoogstens 2 cijfers na de punt"));
}

#[test]
fn unknown_taakveld() {
    let p = refused("bad_unknown_taakveld.csv");
    assert_eq!(
        places(&p),
        [
            (2, "taakveld"),
            (3, "taakveld"),
            (4, "taakveld"),
            (5, "taakveld"),
            (6, "taakveld"),
            (8, "taakveld"),
            (9, "jaar"),
        ],
        "{p:#?}"
    );
    assert_eq!(
        p[0].message,
        "Taakveld 9.9 staat niet in de lijst voor 2025 en later (jaar 2025)."
    );
    assert!(p[1].message.contains("met een punt, zoals 0.10"));
    assert!(p[2]
        .message
        .contains("hoort bij de lijst voor 2023 en 2024"));
    assert!(p[3]
        .message
        .contains("de lijst voor 2023 en 2024 (jaar 2024)"));
    assert!(p[3]
        .message
        .contains("hoort bij de lijst voor 2025 en later"));
    assert!(p[4].message.contains("de lijst voor 2017 tot en met 2022"));
    assert_eq!(p[5].message, "Vul een taakveld in, zoals 5.7.");
    assert!(p[6].message.contains("vanaf 2017"));
}

#[test]
fn missing_column() {
    let p = refused("bad_missing_column_dutch.csv");
    assert_eq!(places(&p), [(1, "bedrag")]);
    assert!(p[0].message.contains("De kolom 'bedrag' ontbreekt"));
    assert!(p[0]
        .message
        .contains("jaar;code;omschrijving;taakveld;financier;bedrag"));

    let p = refused("bad_missing_column_plain.csv");
    assert_eq!(places(&p), [(1, "taakveld")]);
    assert!(p[0]
        .message
        .contains("year,code,name,taakveld,funder,amount"));
}

#[test]
fn unknown_column() {
    let p = refused("bad_unknown_column.csv");
    assert_eq!(places(&p), [(1, "opmerking")]);
    assert!(p[0].message.contains("De kolom 'opmerking' kennen we niet"));
}

#[test]
fn duplicate_lines() {
    let p = refused("bad_duplicate.csv");
    assert_eq!(places(&p), [(5, "code"), (6, "code")]);
    assert!(
        p[0].message.contains("op regel 2 en op regel 5"),
        "{}",
        p[0].message
    );
    assert!(
        p[1].message.contains("op regel 3 en op regel 6"),
        "{}",
        p[1].message
    );
    assert_eq!(p[0].value, "GR-001");
}

#[test]
fn every_kind_of_line_problem_with_correct_line_numbers() {
    // Line 2-3 is one record (a quoted name with a line break); later line numbers must still
    // be the line numbers a text editor shows.
    let p = refused("bad_mixed_plain.csv");
    assert_eq!(
        places(&p),
        [
            (2, "name"),
            (4, "year"),
            (5, "code"),
            (6, "name"),
            (7, COLUMN_LINE),
            (8, COLUMN_LINE),
        ],
        "{p:#?}"
    );
    assert!(p[0].message.contains("regeleinde"));
    assert!(p[4].message.contains("7 velden, de kopregel heeft er 6"));
    assert!(p[5].message.contains("5 velden, de kopregel heeft er 6"));
}

#[test]
fn windows_1252_gets_a_clear_message() {
    let p = refused("bad_windows1252.csv");
    assert_eq!(places(&p), [(3, COLUMN_FILE)]);
    assert!(p[0].message.contains("UTF-8"));
    assert!(p[0].message.contains("CSV UTF-8"));
}

#[test]
fn empty_and_header_only_files() {
    let p = refused("bad_empty.csv");
    assert_eq!(places(&p), [(1, COLUMN_FILE)]);
    assert_eq!(p[0].message, "Het bestand is leeg.");
    let p = refused("bad_header_only.csv");
    assert_eq!(places(&p), [(1, COLUMN_FILE)]);
    assert!(p[0].message.contains("geen begrotingsregels"));
}

#[test]
fn unknown_header() {
    let p = refused("bad_unknown_header.csv");
    assert_eq!(places(&p), [(1, COLUMN_HEADER)]);
    assert_eq!(p[0].value, "Gemeenten;Taakveld;Baten;Lasten");
    assert!(p[0]
        .message
        .contains("jaar;code;omschrijving;taakveld;financier;bedrag"));
}

#[test]
fn cbs_with_two_gemeenten_asks_for_a_choice() {
    let p = refused("bad_cbs_two_gemeenten.csv");
    assert_eq!(places(&p), [(1, "gemeente")]);
    assert_eq!(
        p[0].message,
        "In dit bestand staan 2 gemeenten: Hoogeveen, Oldebroek. Kies een gemeente."
    );
    let opts = ImportOptions {
        municipality: Some("Oldebroek".into()),
    };
    let ok = parse_ledger(&fixture("bad_cbs_two_gemeenten.csv"), &opts).expect("with a choice");
    assert_eq!(ok.lines.len(), 1);
    assert_eq!(ok.lines[0].line_no, 3);
    assert_eq!(ok.lines[0].amount_cents, 235_200_000);
}

#[test]
fn problems_display_for_the_cli() {
    let p = refused("bad_duplicate.csv");
    assert_eq!(
        p[0].to_string(),
        "Regel 5, kolom code: Jaar 2025 met code GR-001 staat twee keer in het bestand: op \
         regel 2 en op regel 5. Elke code mag per jaar één keer voorkomen. (waarde: \"GR-001\")"
    );
}
