//! The demo ledger used by the `demo` subcommand: gemeente Oldebroek, begroting 2024 and
//! 2025, one budget line per taakveld (lasten), in the plain CSV import format.
//!
//! **Bron: CBS** (Iv3 open data), via the project sample; provenance in
//! `src/domain/data/SOURCES.md`. The file is embedded: nothing is read from disk at run time.

/// The embedded file (plain CSV: `year,code,name,taakveld,funder,amount`).
const DEMO_LEDGER: &[u8] = include_bytes!("data/demo_ledger_oldebroek_2024_2025.csv");

/// The gemeente of the demo ledger.
pub const DEMO_MUNICIPALITY: &str = "Oldebroek";

/// Attribution to show wherever the demo figures appear.
pub const DEMO_ATTRIBUTION: &str =
    "Bron: CBS (Iv3 open data), begroting 2024 en 2025 van gemeente Oldebroek, lasten per taakveld.";

/// The bytes of the demo ledger file; [`parse_ledger`](crate::domain::ledger_import::parse_ledger)
/// accepts them (format: plain CSV).
pub fn demo_ledger_file() -> &'static [u8] {
    DEMO_LEDGER
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ledger_import::{
        parse_ledger, write_plain_csv, ImportOptions, ImportedLine, LedgerFormat,
    };

    #[test]
    fn demo_file_parses_with_the_acceptance_total() {
        let p = parse_ledger(demo_ledger_file(), &ImportOptions::default()).expect("demo parses");
        assert_eq!(p.format, LedgerFormat::PlainCsv);
        assert_eq!(p.total_cents_for_year(2025), Some(10_339_000_000));
        assert_eq!(p.total_cents_for_year(2024), Some(9_365_900_000));
        assert_eq!(p.lines.len(), 110);
        assert!(p.lines.iter().all(|l| l.amount_cents > 0));
    }

    /// The demo file is exactly what the CBS importer makes of the project sample
    /// (Oldebroek, begroting 2024 and 2025). The sample is `tests/data/cbs/` (tests only).
    #[test]
    fn demo_file_equals_cbs_import() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/cbs/cbs_iv3_hoogeveen_oldebroek_2023-2025.csv"
        );
        let bytes = std::fs::read(path).expect("CBS sample beside the repository");
        let opts = ImportOptions {
            municipality: Some(DEMO_MUNICIPALITY.to_owned()),
        };
        let parsed = parse_ledger(&bytes, &opts).expect("CBS sample parses");
        let mut lines: Vec<ImportedLine> = parsed
            .lines
            .into_iter()
            .filter(|l| l.year >= 2024)
            .collect();
        lines.sort_by_key(|l| (l.year, l.line_no));
        let expected = write_plain_csv(&lines);
        assert!(
            expected == demo_ledger_file(),
            "demo ledger differs from the CBS import; regenerate it:\n{}",
            String::from_utf8_lossy(&expected)
        );
    }
}
