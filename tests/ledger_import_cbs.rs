//! CBS Iv3 extract import, on the project's real sample (`tests/data/cbs/`, see its PROVENANCE.md).

use burgerbegroting::domain::ledger_import::{
    detect_format, list_municipalities, parse_ledger, ImportOptions, LedgerFormat, ParsedLedger,
};
use burgerbegroting::domain::money::format_eur_whole;

const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/cbs/cbs_iv3_hoogeveen_oldebroek_2023-2025.csv"
);

fn sample() -> Vec<u8> {
    match std::fs::read(SAMPLE) {
        Ok(b) => b,
        Err(e) => panic!("cannot read {SAMPLE}: {e}"),
    }
}

fn import(gemeente: Option<&str>) -> ParsedLedger {
    let opts = ImportOptions {
        municipality: gemeente.map(str::to_owned),
    };
    match parse_ledger(&sample(), &opts) {
        Ok(p) => p,
        Err(problems) => panic!("refused: {problems:#?}"),
    }
}

#[test]
fn oldebroek_begroting_2025_total_lasten() {
    let p = import(Some("Oldebroek"));
    assert_eq!(p.format, LedgerFormat::CbsIv3);
    assert_eq!(p.municipality.as_deref(), Some("Oldebroek"));
    let total = p.total_cents_for_year(2025).expect("no overflow");
    assert_eq!(total, 10_339_000_000);
    assert_eq!(format_eur_whole(total), "€\u{a0}103.390.000");
    // Other years: begroting 2023 and 2024; the jaarrekening is skipped.
    let years: std::collections::BTreeSet<i32> = p.lines.iter().map(|l| l.year).collect();
    assert_eq!(years.into_iter().collect::<Vec<_>>(), [2023, 2024, 2025]);
    assert_eq!(p.total_cents_for_year(2024), Some(9_365_900_000));
    assert!(p.notes.iter().any(|n| n.contains("jaarrekening")));
    assert!(p.notes.iter().any(|n| n.contains("Bron: CBS")));
    assert!(p.notes.iter().any(|n| n.contains("Hoogeveen")));
}

#[test]
fn lines_are_mapped_per_taakveld() {
    let p = import(Some("oldebroek"));
    let groen = p
        .lines
        .iter()
        .find(|l| l.year == 2025 && l.taakveld == "5.7")
        .expect("5.7 in 2025");
    assert_eq!(groen.code, "TV-5.7");
    assert_eq!(groen.name, "Openbaar groen en (openlucht) recreatie");
    assert_eq!(groen.amount_cents, 235_200_000);
    assert_eq!(groen.funder, None);
    // Codes unique per year; every amount > 0; 0.10 is not 0.1.
    for year in [2023, 2024, 2025] {
        let codes: Vec<&str> = p
            .lines
            .iter()
            .filter(|l| l.year == year)
            .map(|l| l.code.as_str())
            .collect();
        let set: std::collections::HashSet<&&str> = codes.iter().collect();
        assert_eq!(set.len(), codes.len());
    }
    assert!(p.lines.iter().all(|l| l.amount_cents > 0));
    assert!(p.lines.iter().any(|l| l.code == "TV-0.10"));
    assert!(p.lines.iter().any(|l| l.code == "TV-0.1"));
}

#[test]
fn split_parents_are_not_counted_twice() {
    let p = import(Some("Oldebroek"));
    for year in [2023, 2024] {
        for parent in ["6.71", "6.72", "6.81", "6.82"] {
            assert!(
                !p.lines
                    .iter()
                    .any(|l| l.year == year && l.taakveld == parent),
                "{parent} {year}"
            );
            assert!(
                p.notes.iter().any(|n| n
                    .to_string()
                    .starts_with(&format!("{year}: taakveld {parent} is overgeslagen"))),
                "note for {parent} {year}: {:#?}",
                p.notes
            );
        }
        assert!(p
            .lines
            .iter()
            .any(|l| l.year == year && l.taakveld == "6.71a"));
    }
    // The numbers: in the begroting the parents are all 0, so the total is the plain sum of
    // all lasten rows (CBS sample check: Oldebroek 2024 lasten 93.659 x € 1.000).
    assert_eq!(p.total_cents_for_year(2024), Some(93_659 * 100_000));
    // 2023: sum 85.629 includes 0.11 with -1, which is skipped.
    assert_eq!(p.total_cents_for_year(2023), Some(85_630 * 100_000));
}

#[test]
fn negative_lasten_are_skipped_with_a_note() {
    // Hoogeveen 2025 has 0.8 with lasten -216 (x € 1.000); Oldebroek 2023 has 0.8 -84 and
    // 0.11 -1. A budget line cannot be negative: skipped, and the note says so.
    let p = import(Some("Hoogeveen"));
    assert!(!p
        .lines
        .iter()
        .any(|l| l.year == 2025 && l.taakveld == "0.8"));
    assert!(p
        .notes
        .iter()
        .any(|n| n.to_string().starts_with("2025: taakveld 0.8") && n.contains("€\u{a0}-216.000")));
    // The note is a message: an English page shows it in English, with the English amount.
    let note = p
        .notes
        .iter()
        .find(|n| n.to_string().starts_with("2025: taakveld 0.8"))
        .expect("the note");
    use burgerbegroting::i18n::{with_lang, Lang};
    assert_eq!(
        with_lang(Lang::En, || note.to_string()),
        "2025: taakveld 0.8 was skipped, because its costs are negative (-€216,000). \
         A budget line must be more than 0 euros."
    );
    assert_eq!(
        p.total_cents_for_year(2025),
        Some((237_791 + 216) * 100_000)
    );
}

#[test]
fn several_gemeenten_need_a_choice() {
    let problems = parse_ledger(&sample(), &ImportOptions::default()).expect_err("needs choice");
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].line_no, 1);
    assert_eq!(problems[0].column, "gemeente");
    assert!(problems[0].message.contains("Hoogeveen, Oldebroek"));
    assert!(problems[0].message.contains("Kies een gemeente"));
    assert_eq!(list_municipalities(&sample()), ["Hoogeveen", "Oldebroek"]);
    assert_eq!(detect_format(&sample()), Some(LedgerFormat::CbsIv3));

    let opts = ImportOptions {
        municipality: Some("Zwolle".into()),
    };
    let problems = parse_ledger(&sample(), &opts).expect_err("unknown gemeente");
    assert!(problems[0]
        .message
        .contains("Zwolle staat niet in dit bestand"));
}

#[test]
fn single_gemeente_needs_no_choice_and_columns_may_move() {
    let text =
        "\u{feff}Lasten_x1000_eur;Gemeente;verslagjaar;document;taakveld_code;taakveld_naam\r\n\
                2352;Oldebroek;2025;begroting;5.7;Openbaar groen en (openlucht) recreatie\r\n\
                0;Oldebroek;2025;begroting;2.2;Parkeren\r\n\
                2125;Oldebroek;2023;jaarrekening;6.71a;Huishoudelijke hulp (Wmo)\r\n";
    let p = parse_ledger(text.as_bytes(), &ImportOptions::default()).expect("ok");
    assert_eq!(p.municipality.as_deref(), Some("Oldebroek"));
    assert_eq!(p.lines.len(), 1);
    assert_eq!(p.lines[0].line_no, 2);
    assert_eq!(p.lines[0].amount_cents, 235_200_000);
    assert_eq!(p.notes.len(), 3, "{:#?}", p.notes);
}

#[test]
fn cbs_problems_are_collected() {
    let text = "gemeente,verslagjaar,document,taakveld_code,taakveld_naam,lasten_x1000_eur\n\
                Oldebroek,2025,begroting,6.71a,Huishoudelijke hulp (Wmo),12\n\
                Oldebroek,2025,begroting,5.7,Groen,12a\n\
                Oldebroek,2025,kwartaal,5.7,Groen,1\n\
                Oldebroek,2025,begroting,7.3,Afval,10\n\
                Oldebroek,2025,begroting,7.3,Afval,11\n\
                Oldebroek,2022,begroting,6.72,Maatwerkdienstverlening 18-,5\n\
                Oldebroek,2024,begroting,6.72,Maatwerkdienstverlening 18-,5\n\
                ,2025,begroting,5.7,Groen,1\n\
                Oldebroek,20x5,jaarrekening,5.7,Groen,1\n";
    let problems = parse_ledger(text.as_bytes(), &ImportOptions::default()).expect_err("refused");
    let got: Vec<(usize, &str)> = problems
        .iter()
        .map(|p| (p.line_no, p.column.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (2, "taakveld_code"),
            (3, "lasten_x1000_eur"),
            (4, "document"),
            (6, "taakveld_code"),
            // 6.72 in 2024 without its sub-codes: not a valid code in 2023-2024.
            (8, "taakveld_code"),
            (9, "gemeente"),
            // Line 10 is a jaarrekening row: skipped without checks.
        ],
        "{problems:#?}"
    );
    assert!(problems[3].message.contains("regel 5 en op regel 6"));
}
