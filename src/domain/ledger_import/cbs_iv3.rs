//! The CBS Iv3 extract: one row per gemeente, verslagjaar, document and taakveld, amounts in
//! thousands of euros ("x € 1.000"), baten and lasten both positive. Header (any order):
//!
//! `gemeente,verslagjaar,document,taakveld_code,taakveld_naam,cbs_label,baten_x1000_eur,lasten_x1000_eur,salarissen_L1_1_x1000_eur,inwonertal,provincie`
//!
//! Mapping: one budget line per **begroting** row of the chosen gemeente with lasten > 0;
//! code `TV-<taakveld>`, name = `taakveld_naam`, amount = lasten × € 1.000, no funder.
//! Skipped, each with a note: other gemeenten, jaarrekening rows (realised figures, not a
//! budget), taakvelden with lasten 0, taakvelden with negative lasten (a budget line cannot be
//! negative), and in 2023/2024 the old parent codes 6.71, 6.72, 6.81, 6.82 when their 2023
//! sub-codes are present (CBS lists both; adding them would count twice).

use crate::domain::message::Msg;
use crate::msg_key;
use std::collections::{BTreeMap, HashMap, HashSet};

use super::problems::{ImportProblem, COLUMN_FILE};
use super::table::{check_text, check_year, map_columns, ColumnSpec, Table, MAX_NAME_CHARS};
use super::{ImportOptions, ImportedLine};
use crate::domain::money::{parse_x1000_eur_signed, MoneyError};
use crate::domain::taakveld;

/// The header of the CBS extract as written in the project sample.
pub const HEADER: &str = "gemeente,verslagjaar,document,taakveld_code,taakveld_naam,cbs_label,\
baten_x1000_eur,lasten_x1000_eur,salarissen_L1_1_x1000_eur,inwonertal,provincie";

/// Prefix of the budget-line code made from a taakveld: `TV-5.7`.
pub const CODE_PREFIX: &str = "TV-";

const GEMEENTE: usize = 0;
const JAAR: usize = 1;
const DOCUMENT: usize = 2;
const TAAKVELD: usize = 3;
const NAAM: usize = 4;
const LASTEN: usize = 5;

const COLUMNS: [ColumnSpec; 11] = [
    ColumnSpec {
        name: "gemeente",
        required: true,
    },
    ColumnSpec {
        name: "verslagjaar",
        required: true,
    },
    ColumnSpec {
        name: "document",
        required: true,
    },
    ColumnSpec {
        name: "taakveld_code",
        required: true,
    },
    ColumnSpec {
        name: "taakveld_naam",
        required: true,
    },
    ColumnSpec {
        name: "lasten_x1000_eur",
        required: true,
    },
    // Known but not used.
    ColumnSpec {
        name: "cbs_label",
        required: false,
    },
    ColumnSpec {
        name: "baten_x1000_eur",
        required: false,
    },
    ColumnSpec {
        name: "salarissen_l1_1_x1000_eur",
        required: false,
    },
    ColumnSpec {
        name: "inwonertal",
        required: false,
    },
    ColumnSpec {
        name: "provincie",
        required: false,
    },
];

/// Header keys that identify this format.
pub(crate) const KEYS: [&str; 11] = [
    "gemeente",
    "verslagjaar",
    "document",
    "taakveld_code",
    "taakveld_naam",
    "lasten_x1000_eur",
    "cbs_label",
    "baten_x1000_eur",
    "salarissen_l1_1_x1000_eur",
    "inwonertal",
    "provincie",
];

/// Result of a CBS parse: chosen gemeente, lines and notes.
pub(crate) struct CbsParsed {
    pub municipality: String,
    pub lines: Vec<ImportedLine>,
    pub notes: Vec<Msg>,
}

/// The gemeenten in the file, in order of first appearance.
pub(crate) fn municipalities(table: &Table) -> Vec<String> {
    let Some(col) = table.header.iter().position(|h| h.key == "gemeente") else {
        return Vec::new();
    };
    let mut out: Vec<String> = Vec::new();
    for row in &table.rows {
        let g = row.get(Some(col));
        if !g.is_empty() && !out.iter().any(|o| o == g) {
            out.push(g.to_owned());
        }
    }
    out
}

struct Candidate {
    line_no: usize,
    year: i32,
    taakveld: String,
    name: String,
    amount: i64,
}

fn join_codes(codes: &[String]) -> String {
    codes.join(", ")
}

pub(crate) fn parse(
    table: &Table,
    opts: &ImportOptions,
    mut problems: Vec<ImportProblem>,
) -> Result<CbsParsed, Vec<ImportProblem>> {
    let expected = HEADER;
    let idx = map_columns(table, &COLUMNS, expected, &mut problems);
    if idx[GEMEENTE].is_none() {
        return Err(problems);
    }
    let col = |i: usize| COLUMNS[i].name;
    let line = table.header_line_no;

    // Which gemeente.
    let found = municipalities(table);
    let chosen = match &opts.municipality {
        Some(wanted) => {
            let w = wanted.trim();
            match found.iter().find(|g| g.trim().eq_ignore_ascii_case(w)) {
                Some(g) => Some(g.clone()),
                None => {
                    problems.push(ImportProblem::new(
                        line,
                        col(GEMEENTE),
                        Msg::new(msg_key!("error-import-municipality-unknown"))
                            .arg("wanted", w)
                            .arg("found", found.join(", ")),
                        w,
                    ));
                    None
                }
            }
        }
        None => match found.as_slice() {
            [] => None,
            [one] => Some(one.clone()),
            many => {
                problems.push(ImportProblem::new(
                    line,
                    col(GEMEENTE),
                    Msg::new(msg_key!("error-import-municipality-choose"))
                        .arg("count", many.len())
                        .arg("found", many.join(", ")),
                    many.join(", "),
                ));
                None
            }
        },
    };
    let Some(chosen) = chosen else {
        if problems.is_empty() {
            problems.push(ImportProblem::new(
                line,
                COLUMN_FILE,
                Msg::new(msg_key!("error-import-header-only")),
                "",
            ));
        }
        return Err(problems);
    };

    let mut notes = vec![Msg::new(msg_key!("more-import-note-source"))];
    let others: Vec<&String> = found.iter().filter(|g| **g != chosen).collect();
    if !others.is_empty() {
        let count = table
            .rows
            .iter()
            .filter(|r| r.get(idx[GEMEENTE]) != chosen)
            .count();
        notes.push(
            Msg::new(msg_key!("more-import-note-other-municipalities"))
                .arg("count", count)
                .arg(
                    "names",
                    others
                        .iter()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
        );
    }

    // Read the rows of the chosen gemeente.
    let mut candidates = Vec::new();
    let mut jaarrekening: BTreeMap<String, usize> = BTreeMap::new();
    for row in &table.rows {
        let gemeente = row.get(idx[GEMEENTE]);
        if gemeente.is_empty() {
            problems.push(ImportProblem::new(
                row.line_no,
                col(GEMEENTE),
                Msg::new(msg_key!("error-import-municipality-empty")),
                gemeente,
            ));
        }
    }
    for row in table.rows.iter().filter(|r| r.get(idx[GEMEENTE]) == chosen) {
        let n = row.line_no;
        let year_value = row.get(idx[JAAR]);
        let document = row.get(idx[DOCUMENT]);
        match document.to_lowercase().as_str() {
            "begroting" => {}
            "jaarrekening" => {
                // Skipped without further checks: realised figures, not a budget.
                *jaarrekening.entry(year_value.to_owned()).or_default() += 1;
                continue;
            }
            _ if idx[DOCUMENT].is_none() => {}
            _ => {
                problems.push(ImportProblem::new(
                    n,
                    col(DOCUMENT),
                    Msg::new(msg_key!("error-import-document")),
                    document,
                ));
                continue;
            }
        }
        let year = match idx[JAAR].map(|_| check_year(year_value, n, col(JAAR))) {
            Some(Ok(y)) => Some(y),
            Some(Err(p)) => {
                problems.push(p);
                None
            }
            None => None,
        };
        let code = row.get(idx[TAAKVELD]);
        if idx[TAAKVELD].is_some() && code.is_empty() {
            problems.push(ImportProblem::new(
                n,
                col(TAAKVELD),
                Msg::new(msg_key!("error-import-taakveld-empty")),
                code,
            ));
        }
        let name = match check_text(
            row.get(idx[NAAM]),
            n,
            col(NAAM),
            "taakveld_name",
            MAX_NAME_CHARS,
            true,
        ) {
            Ok(name) => name,
            Err(p) => {
                problems.push(p);
                None
            }
        };
        let lasten_value = row.get(idx[LASTEN]);
        let amount = match idx[LASTEN].map(|_| parse_x1000_eur_signed(lasten_value)) {
            Some(Ok(a)) if !crate::domain::money::within_bound(a) => {
                problems.push(ImportProblem::new(
                    n,
                    col(LASTEN),
                    crate::domain::money::above_maximum(),
                    lasten_value,
                ));
                None
            }
            Some(Ok(a)) => Some(a),
            Some(Err(e)) => {
                let message = match e {
                    MoneyError::Empty => Msg::new(msg_key!("error-import-costs-empty")),
                    MoneyError::TooLarge => e.msg(),
                    _ => Msg::new(msg_key!("error-import-costs-invalid")),
                };
                problems.push(ImportProblem::new(n, col(LASTEN), message, lasten_value));
                None
            }
            None => None,
        };
        if let (Some(year), Some(amount), false) = (year, amount, code.is_empty()) {
            candidates.push(Candidate {
                line_no: n,
                year,
                taakveld: code.to_owned(),
                name: name.unwrap_or_default(),
                amount,
            });
        }
    }
    for (year, count) in &jaarrekening {
        notes.push(if year.is_empty() {
            Msg::new(msg_key!("more-import-note-accounts")).arg("count", *count)
        } else {
            Msg::new(msg_key!("more-import-note-accounts-of-year"))
                .arg("count", *count)
                .arg("year", year)
        });
    }

    // Check and map.
    let present: HashSet<(i32, &str)> = candidates
        .iter()
        .map(|c| (c.year, c.taakveld.as_str()))
        .collect();
    let mut seen: HashMap<(i32, &str), usize> = HashMap::new();
    let mut zero: BTreeMap<i32, Vec<String>> = BTreeMap::new();
    let mut lines = Vec::new();
    for c in &candidates {
        let n = c.line_no;
        if let Some(first) = seen.get(&(c.year, c.taakveld.as_str())) {
            problems.push(ImportProblem::new(
                n,
                col(TAAKVELD),
                Msg::new(msg_key!("error-import-taakveld-twice"))
                    .arg("taakveld", &c.taakveld)
                    .arg("year", c.year)
                    .arg("first", *first)
                    .arg("line", n),
                c.taakveld.clone(),
            ));
            continue;
        }
        seen.insert((c.year, c.taakveld.as_str()), n);

        if taakveld::lookup(c.year, &c.taakveld).is_none()
            && taakveld::SPLIT_PARENTS.contains(&c.taakveld.as_str())
        {
            let mut children: Vec<&str> = present
                .iter()
                .filter(|(y, code)| {
                    *y == c.year && taakveld::split_parent(code) == Some(c.taakveld.as_str())
                })
                .map(|(_, code)| *code)
                .collect();
            if !children.is_empty() {
                children.sort_unstable();
                let amount_note = if c.amount == 0 {
                    Msg::new(msg_key!("more-import-note-costs-zero"))
                } else {
                    Msg::new(msg_key!("more-import-note-costs-not-counted"))
                        .money_whole("amount", c.amount)
                };
                notes.push(
                    Msg::new(msg_key!("more-import-note-parent-skipped"))
                        .arg("year", c.year.to_string())
                        .arg("taakveld", &c.taakveld)
                        .arg("parts", children.join(", "))
                        .arg("costs", amount_note),
                );
                continue;
            }
        }
        let official = match taakveld::check(c.year, &c.taakveld) {
            Ok(t) => t,
            Err(e) => {
                problems.push(ImportProblem::new(
                    n,
                    col(TAAKVELD),
                    e.msg(),
                    c.taakveld.clone(),
                ));
                continue;
            }
        };
        if c.amount == 0 {
            zero.entry(c.year).or_default().push(c.taakveld.clone());
            continue;
        }
        if c.amount < 0 {
            notes.push(
                Msg::new(msg_key!("more-import-note-negative"))
                    .arg("year", c.year.to_string())
                    .arg("taakveld", &c.taakveld)
                    .money_whole("amount", c.amount),
            );
            continue;
        }
        let name = if c.name.is_empty() {
            official.name.to_owned()
        } else {
            c.name.clone()
        };
        lines.push(ImportedLine {
            line_no: n,
            year: c.year,
            code: format!("{CODE_PREFIX}{}", c.taakveld),
            name,
            taakveld: official.code.to_owned(),
            funder: None,
            amount_cents: c.amount,
        });
    }
    for (year, codes) in &zero {
        notes.push(
            Msg::new(msg_key!("more-import-note-zero"))
                .arg("year", year.to_string())
                .arg("count", codes.len())
                .arg("codes", join_codes(codes)),
        );
    }
    if lines.is_empty() && problems.is_empty() {
        problems.push(ImportProblem::new(
            line,
            COLUMN_FILE,
            Msg::new(msg_key!("error-import-municipality-no-lines")).arg("municipality", &chosen),
            "",
        ));
    }
    if problems.is_empty() {
        Ok(CbsParsed {
            municipality: chosen,
            lines,
            notes,
        })
    } else {
        Err(problems)
    }
}
