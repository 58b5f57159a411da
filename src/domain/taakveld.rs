//! The official taakvelden lists (Iv3, BBV), versioned per verslagjaar.
//!
//! The lists are embedded in the binary from `src/domain/data/` (copies of the project's
//! research data; provenance, "Bron: CBS" attribution and every assumption in
//! `src/domain/data/SOURCES.md`). Nothing is read from disk at run time.
//!
//! Three lists exist (see [`TaakveldList`]):
//!
//! * **2025 and later**: the current list, `taakvelden.csv` (69 codes, Iv3-informatievoorschrift
//!   2026 v1.0, identical for 2025 and 2026).
//! * **2023 and 2024**: the current list *without* the 22 sociaal-domein codes new in 2025
//!   ([`NEW_IN_2025`]), *plus* the codes of `taakvelden_history.csv` valid in 2023-2024
//!   (6.2, 6.6, 6.71a-d, 6.72a-d, 6.73a-c, 6.74a-c, 6.81a-b, 6.82a-b).
//! * **2017 to 2022**: the same base, plus the history codes valid then (6.2 Wijkteams,
//!   6.4 Begeleide participatie, 6.6, 6.71, 6.72, 6.81, 6.82, 8.1 Ruimtelijke ordening).
//!
//! Codes are strings: `0.10` is not `0.1`, and `6.71a` exists only in 2023-2024.

use std::sync::OnceLock;

use serde::Serialize;

use super::message::Msg;
use crate::msg_key;

const TAAKVELDEN_CSV: &str = include_str!("data/taakvelden.csv");
const HISTORY_CSV: &str = include_str!("data/taakvelden_history.csv");
const HOOFDTAAKVELDEN_CSV: &str = include_str!("data/hoofdtaakvelden.csv");

/// First verslagjaar with taakvelden (the BBV revision of 2016 took effect for 2017).
pub const FIRST_YEAR: i32 = 2017;
/// First verslagjaar of the current list.
pub const CURRENT_LIST_FROM: i32 = 2025;
/// First verslagjaar of the 2023 sociaal-domein sub-codes (6.71a ...).
pub const SUBCODES_FROM: i32 = 2023;

/// Codes of the current list that were introduced in verslagjaar 2025 (the 3-digit
/// sociaal-domein codes, `nl_domain.md` §1.3). They are not valid before 2025.
pub const NEW_IN_2025: [&str; 22] = [
    "6.21", "6.22", "6.23", "6.60", "6.711", "6.712", "6.713", "6.714", "6.751", "6.752", "6.753",
    "6.761", "6.762", "6.763", "6.791", "6.792", "6.811", "6.812", "6.821", "6.822", "6.91",
    "6.92",
];

/// History rows whose `last_verslagjaar` is `unknown` (only 8.1 "Ruimtelijke ordening") are
/// assumed to be valid up to this year: CBS shows the current name from 2023 on.
const ASSUMED_LAST_YEAR_WHEN_UNKNOWN: i32 = 2022;

/// One taakveld as valid in a given year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Taakveld {
    /// The code as a string, e.g. `"0.10"`, `"6.71a"`.
    pub code: &'static str,
    /// The official name in that year.
    pub name: &'static str,
    /// The hoofdtaakveld code, `"0"` to `"8"`.
    pub hoofdtaakveld: &'static str,
    /// The hoofdtaakveld's name, e.g. `"Sociaal domein"`.
    pub hoofdtaakveld_name: &'static str,
}

/// The three versions of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum TaakveldList {
    /// Verslagjaar 2017 to 2022.
    Until2022,
    /// Verslagjaar 2023 and 2024 (with the 2023 sub-codes 6.71a ...).
    Years2023To2024,
    /// Verslagjaar 2025 and later (the current list).
    From2025,
}

impl TaakveldList {
    /// The list that applies to `year`, or `None` before 2017.
    pub fn for_year(year: i32) -> Option<Self> {
        if year < FIRST_YEAR {
            None
        } else if year < SUBCODES_FROM {
            Some(TaakveldList::Until2022)
        } else if year < CURRENT_LIST_FROM {
            Some(TaakveldList::Years2023To2024)
        } else {
            Some(TaakveldList::From2025)
        }
    }

    /// The list's name in messages (the catalogue says "de lijst voor 2023 en 2024").
    pub fn as_str(self) -> &'static str {
        match self {
            TaakveldList::Until2022 => "until2022",
            TaakveldList::Years2023To2024 => "years2023to2024",
            TaakveldList::From2025 => "from2025",
        }
    }

    fn index(self) -> usize {
        match self {
            TaakveldList::Until2022 => 0,
            TaakveldList::Years2023To2024 => 1,
            TaakveldList::From2025 => 2,
        }
    }

    /// A year inside this list (used to build it).
    fn sample_year(self) -> i32 {
        match self {
            TaakveldList::Until2022 => FIRST_YEAR,
            TaakveldList::Years2023To2024 => SUBCODES_FROM,
            TaakveldList::From2025 => CURRENT_LIST_FROM,
        }
    }

    /// The taakvelden of this list, in official order.
    pub fn taakvelden(self) -> &'static [Taakveld] {
        &lists()[self.index()]
    }

    const ALL: [TaakveldList; 3] = [
        TaakveldList::Until2022,
        TaakveldList::Years2023To2024,
        TaakveldList::From2025,
    ];
}

/// Why a (year, code) is not a valid taakveld. `Display` gives a Dutch (B1) message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TaakveldError {
    /// No taakvelden list for this year (before 2017).
    YearNotSupported { year: i32 },
    /// The code is not in the list for that year.
    Unknown {
        year: i32,
        code: String,
        list: TaakveldList,
        /// Other lists in which this exact code does exist.
        valid_in: Vec<TaakveldList>,
    },
}

impl TaakveldError {
    /// The message for the person who typed the code.
    pub fn msg(&self) -> Msg {
        match self {
            TaakveldError::YearNotSupported { year } => Msg::new(msg_key!("error-taakveld-year"))
                .arg("year", *year)
                .arg("first", FIRST_YEAR),
            TaakveldError::Unknown {
                year,
                code,
                list,
                valid_in,
            } => {
                if code.trim().is_empty() {
                    return Msg::new(msg_key!("error-taakveld-empty"));
                }
                let msg = if code.contains(',') {
                    Msg::new(msg_key!("error-taakveld-unknown-comma"))
                } else if let Some(other) = valid_in.first() {
                    Msg::new(msg_key!("error-taakveld-unknown-elsewhere"))
                        .arg("other", other.as_str())
                } else {
                    Msg::new(msg_key!("error-taakveld-unknown"))
                };
                msg.arg("code", code)
                    .arg("list", list.as_str())
                    .arg("year", *year)
            }
        }
    }
}

crate::msg_display!(TaakveldError);

// ---------------------------------------------------------------------------------------
// Embedded data
// ---------------------------------------------------------------------------------------

struct Row {
    code: String,
    name: String,
}

struct HistoryRow {
    code: String,
    name: String,
    first: i32,
    last: i32,
}

fn read_rows(data: &'static str) -> Vec<Row> {
    let mut reader = csv::Reader::from_reader(data.as_bytes());
    reader
        .records()
        .filter_map(Result::ok)
        .filter_map(|r| {
            Some(Row {
                code: r.get(0)?.trim().to_owned(),
                name: r.get(1)?.trim().to_owned(),
            })
        })
        .collect()
}

fn current_rows() -> &'static [Row] {
    static ROWS: OnceLock<Vec<Row>> = OnceLock::new();
    ROWS.get_or_init(|| read_rows(TAAKVELDEN_CSV))
}

fn hoofd_rows() -> &'static [Row] {
    static ROWS: OnceLock<Vec<Row>> = OnceLock::new();
    ROWS.get_or_init(|| read_rows(HOOFDTAAKVELDEN_CSV))
}

fn history_rows() -> &'static [HistoryRow] {
    static ROWS: OnceLock<Vec<HistoryRow>> = OnceLock::new();
    ROWS.get_or_init(|| {
        let mut reader = csv::Reader::from_reader(HISTORY_CSV.as_bytes());
        reader
            .records()
            .filter_map(Result::ok)
            .filter_map(|r| {
                let first = r.get(2)?.trim().parse().ok()?;
                let last_text = r.get(3)?.trim();
                let last = if last_text.eq_ignore_ascii_case("unknown") {
                    ASSUMED_LAST_YEAR_WHEN_UNKNOWN
                } else {
                    last_text.parse().ok()?
                };
                Some(HistoryRow {
                    code: r.get(0)?.trim().to_owned(),
                    name: r.get(1)?.trim().to_owned(),
                    first,
                    last,
                })
            })
            .collect()
    })
}

fn hoofd_of(code: &str) -> &str {
    code.split('.').next().unwrap_or(code)
}

fn make(code: &'static str, name: &'static str) -> Taakveld {
    let hoofd = hoofd_of(code);
    let (hoofdtaakveld, hoofdtaakveld_name) = hoofd_rows()
        .iter()
        .find(|h| h.code == hoofd)
        .map_or(("", ""), |h| (h.code.as_str(), h.name.as_str()));
    Taakveld {
        code,
        name,
        hoofdtaakveld,
        hoofdtaakveld_name,
    }
}

fn build_list(list: TaakveldList) -> Vec<Taakveld> {
    let year = list.sample_year();
    let mut out: Vec<Taakveld> = current_rows()
        .iter()
        .filter(|r| year >= CURRENT_LIST_FROM || !NEW_IN_2025.contains(&r.code.as_str()))
        .map(|r| make(&r.code, &r.name))
        .collect();
    if year >= CURRENT_LIST_FROM {
        return out;
    }
    for h in history_rows()
        .iter()
        .filter(|h| h.first <= year && year <= h.last)
    {
        if let Some(existing) = out.iter_mut().find(|t| t.code == h.code) {
            // Same code, older name (6.4 Begeleide participatie, 8.1 Ruimtelijke ordening).
            existing.name = &h.name;
            continue;
        }
        // Insert after the last code of the same hoofdtaakveld that sorts before it.
        let hoofd = hoofd_of(&h.code);
        let pos = out
            .iter()
            .rposition(|t| t.hoofdtaakveld == hoofd && t.code < h.code.as_str())
            .map(|p| p + 1)
            .or_else(|| out.iter().position(|t| t.hoofdtaakveld == hoofd))
            .unwrap_or(out.len());
        out.insert(pos, make(&h.code, &h.name));
    }
    out
}

fn lists() -> &'static [Vec<Taakveld>; 3] {
    static LISTS: OnceLock<[Vec<Taakveld>; 3]> = OnceLock::new();
    LISTS.get_or_init(|| TaakveldList::ALL.map(build_list))
}

// ---------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------

/// The taakveld with exactly this code in the list for `year`; `None` if the code is not in
/// that list or the year is before 2017. Leading/trailing spaces are ignored, nothing else:
/// `0.1` is not `0.10`.
pub fn lookup(year: i32, code: &str) -> Option<Taakveld> {
    let list = TaakveldList::for_year(year)?;
    let code = code.trim();
    list.taakvelden().iter().find(|t| t.code == code).copied()
}

/// Like [`lookup`], with a Dutch message saying why a code is refused.
pub fn check(year: i32, code: &str) -> Result<Taakveld, TaakveldError> {
    let list = TaakveldList::for_year(year).ok_or(TaakveldError::YearNotSupported { year })?;
    if let Some(t) = lookup(year, code) {
        return Ok(t);
    }
    let trimmed = code.trim();
    let valid_in = TaakveldList::ALL
        .into_iter()
        .filter(|l| *l != list && l.taakvelden().iter().any(|t| t.code == trimmed))
        .collect();
    Err(TaakveldError::Unknown {
        year,
        code: trimmed.to_owned(),
        list,
        valid_in,
    })
}

/// All taakvelden valid in `year`, in official order; empty before 2017.
pub fn all_for_year(year: i32) -> Vec<Taakveld> {
    TaakveldList::for_year(year)
        .map(|l| l.taakvelden().to_vec())
        .unwrap_or_default()
}

/// Name of a hoofdtaakveld. Accepts the hoofdtaakveld code (`"6"`) or any taakveld code
/// (`"6.71a"` → "Sociaal domein").
pub fn hoofdtaakveld_name(code: &str) -> Option<&'static str> {
    let hoofd = hoofd_of(code.trim());
    hoofd_rows()
        .iter()
        .find(|h| h.code == hoofd)
        .map(|h| h.name.as_str())
}

/// All hoofdtaakvelden as `(code, name)`, `"0"` to `"8"`.
pub fn hoofdtaakvelden() -> Vec<(&'static str, &'static str)> {
    hoofd_rows()
        .iter()
        .map(|h| (h.code.as_str(), h.name.as_str()))
        .collect()
}

/// For a 2023 sub-code, the 2017-2022 code it was split from: `6.71a` → `6.71`,
/// `6.73b` → `6.72`, `6.74c` → `6.72`, `6.81a` → `6.81`, `6.82b` → `6.82`
/// (Iv3-informatievoorschrift 2023, as recorded in `taakvelden_history.csv`).
pub fn split_parent(code: &str) -> Option<&'static str> {
    let code = code.trim();
    let base = code.strip_suffix(|c: char| c.is_ascii_lowercase())?;
    match base {
        "6.71" => Some("6.71"),
        "6.72" | "6.73" | "6.74" => Some("6.72"),
        "6.81" => Some("6.81"),
        "6.82" => Some("6.82"),
        _ => None,
    }
    .filter(|_| {
        history_rows()
            .iter()
            .any(|h| h.code == code && h.first == SUBCODES_FROM)
    })
}

/// The 2017-2022 codes that were split into sub-codes in 2023.
pub const SPLIT_PARENTS: [&str; 4] = ["6.71", "6.72", "6.81", "6.82"];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn codes(year: i32) -> BTreeSet<&'static str> {
        all_for_year(year).iter().map(|t| t.code).collect()
    }

    #[test]
    fn embedded_files_parse_completely() {
        assert_eq!(current_rows().len(), 69);
        assert_eq!(hoofd_rows().len(), 9);
        assert_eq!(history_rows().len(), 27);
        for code in NEW_IN_2025 {
            assert!(
                current_rows().iter().any(|r| r.code == code),
                "{code} not in the current list"
            );
        }
    }

    #[test]
    fn list_sizes_per_year() {
        assert_eq!(all_for_year(2025).len(), 69);
        assert_eq!(all_for_year(2026).len(), 69);
        assert_eq!(all_for_year(2024).len(), 67);
        assert_eq!(all_for_year(2023).len(), 67);
        assert_eq!(all_for_year(2022).len(), 53);
        assert_eq!(all_for_year(2017).len(), 53);
        assert!(all_for_year(2016).is_empty());
        for year in [2017, 2023, 2025] {
            let list = all_for_year(year);
            assert_eq!(codes(year).len(), list.len(), "duplicate code in {year}");
            assert!(list.iter().all(|t| !t.hoofdtaakveld_name.is_empty()));
        }
    }

    #[test]
    fn codes_are_strings() {
        assert_eq!(
            lookup(2025, "0.10").map(|t| t.name),
            Some("Mutaties reserves")
        );
        assert_eq!(lookup(2025, "0.1").map(|t| t.name), Some("Bestuur"));
        assert!(lookup(2025, "0.100").is_none());
        assert!(lookup(2025, "6.60").is_some());
        assert!(lookup(2025, "6.6").is_none());
        assert!(lookup(2024, "6.6").is_some());
        assert!(lookup(2024, "6.60").is_none());
        assert_eq!(lookup(2025, " 5.7 ").map(|t| t.code), Some("5.7"));
    }

    #[test]
    fn versions() {
        assert!(lookup(2023, "6.71a").is_some());
        assert!(lookup(2024, "6.71a").is_some());
        assert!(lookup(2022, "6.71a").is_none());
        assert!(lookup(2025, "6.71a").is_none());
        assert!(lookup(2022, "6.71").is_some());
        assert!(lookup(2023, "6.71").is_none());
        assert_eq!(lookup(2020, "6.2").map(|t| t.name), Some("Wijkteams"));
        assert_eq!(
            lookup(2023, "6.2").map(|t| t.name),
            Some("Toegang en eerstelijnsvoorzieningen")
        );
        assert!(lookup(2025, "6.2").is_none());
        assert_eq!(
            lookup(2019, "6.4").map(|t| t.name),
            Some("Begeleide participatie")
        );
        assert_eq!(
            lookup(2024, "6.4").map(|t| t.name),
            Some("WSW en beschut werk")
        );
        assert_eq!(
            lookup(2018, "8.1").map(|t| t.name),
            Some("Ruimtelijke ordening")
        );
        assert_eq!(
            lookup(2023, "8.1").map(|t| t.name),
            Some("Ruimte en leefomgeving")
        );
        assert!(lookup(2016, "0.1").is_none());
        assert!(lookup(2100, "0.1").is_some());
        let t = lookup(2024, "6.74b");
        assert_eq!(t.map(|t| t.hoofdtaakveld), Some("6"));
        assert_eq!(t.map(|t| t.hoofdtaakveld_name), Some("Sociaal domein"));
    }

    #[test]
    fn order_is_official() {
        let list: Vec<_> = all_for_year(2020).iter().map(|t| t.code).collect();
        let six: Vec<_> = list
            .iter()
            .filter(|c| c.starts_with("6."))
            .copied()
            .collect();
        assert_eq!(
            six,
            ["6.1", "6.2", "6.3", "6.4", "6.5", "6.6", "6.71", "6.72", "6.81", "6.82"]
        );
        assert_eq!(list.first(), Some(&"0.1"));
        assert_eq!(list.last(), Some(&"8.3"));
        let list: Vec<_> = all_for_year(2025).iter().map(|t| t.code).collect();
        let pos = |c: &str| list.iter().position(|x| *x == c);
        assert!(pos("0.9") < pos("0.10"));
    }

    #[test]
    fn messages() {
        assert_eq!(
            check(2015, "0.1").map_err(|e| e.to_string()),
            Err("Voor het jaar 2015 is er geen lijst met taakvelden. \
                 Taakvelden bestaan vanaf 2017."
                .to_owned())
        );
        let e = check(2025, "6.71a").err().map(|e| e.to_string());
        assert_eq!(
            e.as_deref(),
            Some(
                "Taakveld 6.71a staat niet in de lijst voor 2025 en later (jaar 2025). \
                 Deze code hoort bij de lijst voor 2023 en 2024."
            )
        );
        let e = check(2025, "0,10").err().map(|e| e.to_string());
        assert!(e.is_some_and(|e| e.contains("met een punt")));
        assert!(check(2025, "9.9").is_err());
    }

    #[test]
    fn hoofdtaakvelden_names() {
        assert_eq!(hoofdtaakveld_name("6"), Some("Sociaal domein"));
        assert_eq!(hoofdtaakveld_name("6.71a"), Some("Sociaal domein"));
        assert_eq!(hoofdtaakveld_name("0.10"), Some("Bestuur en ondersteuning"));
        assert_eq!(hoofdtaakveld_name("9"), None);
        assert_eq!(hoofdtaakvelden().len(), 9);
    }

    #[test]
    fn split_parents() {
        assert_eq!(split_parent("6.71a"), Some("6.71"));
        assert_eq!(split_parent("6.73b"), Some("6.72"));
        assert_eq!(split_parent("6.74c"), Some("6.72"));
        assert_eq!(split_parent("6.82b"), Some("6.82"));
        assert_eq!(split_parent("6.71"), None);
        assert_eq!(split_parent("6.711"), None);
        assert_eq!(split_parent("6.71z"), None);
        for year in [2023, 2024] {
            let subcodes = all_for_year(year)
                .iter()
                .filter(|t| split_parent(t.code).is_some())
                .count();
            assert_eq!(subcodes, 18);
        }
    }

    /// Cross-check against the CBS data (the sample in `tests/data/cbs/`, tests only): the
    /// codes CBS used per year are exactly our list, plus (2023/2024) the split parents.
    #[test]
    fn matches_cbs_codes() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/cbs/cbs_iv3_hoogeveen_oldebroek_2023-2025.csv"
        );
        let Ok(data) = std::fs::read_to_string(path) else {
            panic!("missing {path}");
        };
        let mut reader = csv::Reader::from_reader(data.as_bytes());
        let mut per_year: std::collections::BTreeMap<i32, BTreeSet<String>> = Default::default();
        for r in reader.records() {
            let r = r.expect("csv");
            let year: i32 = r[1].parse().expect("year");
            per_year.entry(year).or_default().insert(r[3].to_owned());
        }
        for (year, cbs) in per_year {
            let mut ours: BTreeSet<String> = codes(year).iter().map(|c| c.to_string()).collect();
            if year < CURRENT_LIST_FROM {
                ours.extend(SPLIT_PARENTS.iter().map(|c| c.to_string()));
            }
            assert_eq!(cbs, ours, "year {year}");
        }
    }
}
