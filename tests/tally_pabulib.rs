//! Golden tests: our counts on the real pabulib elections in `tests/data/pabulib/real/` equal
//! pabutools 1.2.3's results (recorded in `tests/data/pabulib/golden.tsv`, made by
//! `make_golden.py` from `run_rules.py` output), and reproduce the real winners where the file
//! marks them and states its rule.

use std::collections::BTreeMap;
use std::path::PathBuf;

use burgerbegroting::tally::{
    canonical_ids, tally_profile, Completion, Election, GreedyScore, Profile, Rule, TallyOptions,
    TieBreak,
};
use clap::ValueEnum;

fn real_dir() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/pabulib/real"
    ))
}

fn golden_path() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/pabulib/golden.tsv"
    ))
}

fn load(file: &str) -> (Election, Profile) {
    let text = std::fs::read_to_string(real_dir().join(file)).expect("read .pb file");
    let election = Election::parse(&text).expect("parse .pb file");
    let profile = Profile::new(&election);
    (election, profile)
}

struct GoldenRow {
    file: String,
    pabutools_rule: String,
    options: TallyOptions,
    hash: String,
    ids: Vec<String>,
}

fn golden_rows() -> Vec<GoldenRow> {
    let text = std::fs::read_to_string(golden_path()).expect("golden.tsv");
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            assert_eq!(f.len(), 10, "bad golden line {line}");
            let options = TallyOptions {
                rule: Rule::from_str(f[2], false).expect("rule"),
                completion: Completion::from_str(f[3], false).expect("completion"),
                greedy_by: if f[4] == "-" {
                    None
                } else {
                    Some(GreedyScore::from_str(f[4], false).expect("greedy_by"))
                },
                apply_threshold: f[5] == "yes",
                tie_break: TieBreak::from_str(f[6], false).expect("tie"),
            };
            GoldenRow {
                file: f[0].to_string(),
                pabutools_rule: f[1].to_string(),
                options,
                hash: f[8].to_string(),
                ids: if f[9].is_empty() {
                    Vec::new()
                } else {
                    f[9].split(',').map(str::to_string).collect()
                },
            }
        })
        .collect()
}

/// Runs every golden row for the files matching `filter`; returns the mismatches.
fn check_golden(filter: impl Fn(&str) -> bool) -> (usize, Vec<String>) {
    let mut by_file: BTreeMap<String, Vec<GoldenRow>> = BTreeMap::new();
    for row in golden_rows() {
        if filter(&row.file) {
            by_file.entry(row.file.clone()).or_default().push(row);
        }
    }
    let mut failures = Vec::new();
    let mut checked = 0;
    for (file, rows) in by_file {
        let (election, profile) = load(&file);
        for row in rows {
            checked += 1;
            let outcome = tally_profile(&election, &profile, &row.options).expect("tally");
            let (ids, hash) = canonical_ids(&outcome.selected);
            if hash != row.hash || ids != row.ids {
                let missing: Vec<_> = row.ids.iter().filter(|i| !ids.contains(i)).collect();
                let extra: Vec<_> = ids.iter().filter(|i| !row.ids.contains(i)).collect();
                failures.push(format!(
                    "{file} {} ({:?}): hash {hash} != {} ; extra {extra:?} missing {missing:?}",
                    row.pabutools_rule, row.options, row.hash
                ));
            }
        }
    }
    (checked, failures)
}

const SMALL: [&str; 6] = [
    "Netherlands_Assen_2024.pb",
    "Switzerland_Zurich_SN.pb",
    "Switzerland_Zurich_D10.pb",
    "Poland_Warszawa_2026_Marymont-Potok_Stary_Zoliborz.pb",
    "Poland_Swiecie_2023.pb",
    "France_Toulouse_2022.pb",
];

/// The golden rows of the files `which` holds: at least `at_least` of them, none differing.
fn assert_golden(what: &str, at_least: usize, which: impl Fn(&str) -> bool) {
    let (checked, failures) = check_golden(which);
    assert!(checked >= at_least, "only {checked} golden rows for {what}");
    assert!(
        failures.is_empty(),
        "{} of {checked} differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn golden_small_files_equal_pabutools() {
    assert_golden("the small files", 91, |f| SMALL.contains(&f));
}

#[test]
fn golden_wieliczka_equal_pabutools() {
    assert_golden("Wieliczka", 21, |f| f.to_lowercase().contains("wieliczka"));
}

#[test]
fn golden_large_files_equal_pabutools() {
    assert_golden("the large files", 41, |f| {
        !SMALL.contains(&f) && !f.to_lowercase().contains("wieliczka")
    });
}

#[test]
fn every_real_pb_file_has_golden_rows() {
    let rows = golden_rows();
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(real_dir()).expect("real pabulib dir") {
        let name = entry
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        if name.ends_with(".pb") && !rows.iter().any(|r| r.file == name) {
            missing.push(name);
        }
    }
    assert!(missing.is_empty(), "no golden results for {missing:?}");
}

fn actual_winners(election: &Election) -> Vec<String> {
    let ids: Vec<String> = election
        .projects
        .iter()
        .filter(|p| p.selected.as_deref() == Some("1"))
        .map(|p| p.id.clone())
        .collect();
    canonical_ids(&ids).0
}

/// Files that mark their real winners and state a rule we implement, with the options that
/// reproduce them (see pabulib.md §4.2 and §5.5 for why these options).
#[test]
fn reproduces_real_winners() {
    let votes = |threshold| TallyOptions {
        greedy_by: Some(GreedyScore::Votes),
        apply_threshold: threshold,
        ..TallyOptions::new(Rule::Greedy, Completion::None, TieBreak::Id)
    };
    let mes = |completion| TallyOptions::new(Rule::MesCost, completion, TieBreak::Id);
    let (add1, threshold) = ("equalshares/add1", "greedy-threshold");
    let katowice = TallyOptions {
        apply_threshold: true,
        ..TallyOptions::new(Rule::Greedy, Completion::None, TieBreak::Id)
    };
    let cases: Vec<(&str, &str, TallyOptions)> = vec![
        ("Poland_Warszawa_2019_Ursynow.pb", "greedy", votes(false)),
        ("Poland_Warszawa_2023_Mokotow.pb", "greedy", votes(false)),
        ("Poland_Lodz_2022.pb", threshold, votes(true)),
        ("Poland_Warszawa_2026.pb", threshold, votes(true)),
        (
            "Poland_Wroclaw_2015_150_-_500.pb",
            "greedy-no-skip",
            votes(false),
        ),
        ("Poland_Katowice_2023.pb", threshold, katowice),
        ("Poland_Swiecie_2023.pb", add1, mes(Completion::Add1Only)),
        ("Poland_Swiecie_2023.pb", add1, mes(Completion::Add1)),
        ("Netherlands_Assen_2024.pb", add1, mes(Completion::Add1Only)),
        (
            "Poland_Wieliczka_2023_Green_Budget.pb",
            "equalshares/add1-comparison",
            mes(Completion::Add1Last),
        ),
        (
            "equalshares_poland_wieliczka_2023_green-budget.pb",
            add1,
            mes(Completion::Add1Last),
        ),
        (
            "pabutools_analysis_poland_wieliczka_2023.pb",
            add1,
            mes(Completion::Add1Last),
        ),
    ];
    let mut failures = Vec::new();
    for (file, meta_rule, options) in cases {
        let (election, profile) = load(file);
        assert_eq!(
            election.meta_rule.as_deref(),
            Some(meta_rule),
            "{file} states another rule"
        );
        let expected = actual_winners(&election);
        assert!(!expected.is_empty(), "{file} marks no winners");
        for tie_break in [TieBreak::Id, TieBreak::Fair] {
            let options = TallyOptions {
                tie_break,
                ..options.clone()
            };
            let outcome = tally_profile(&election, &profile, &options).expect("tally");
            let (got, _) = canonical_ids(&outcome.selected);
            if got != expected {
                failures.push(format!(
                    "{file} {options:?}: got {got:?}, real {expected:?}"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The worked example of `docs/counting.md` (tests/data/pabulib/example_dorp.pb).
#[test]
fn worked_example_in_the_docs() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/pabulib/example_dorp.pb"
    );
    let election =
        Election::parse(&std::fs::read_to_string(path).expect("example")).expect("parse");
    let run = |rule, completion| {
        let outcome = burgerbegroting::tally::tally(
            &election,
            &TallyOptions::new(rule, completion, TieBreak::Fair),
        )
        .expect("tally");
        (outcome.selected, outcome.spent, outcome.per_voter_budget)
    };
    let ids = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(run(Rule::Greedy, Completion::None).0, ids(&["A", "B", "D"]));
    assert_eq!(
        run(Rule::MesApproval, Completion::None),
        (ids(&["D", "B"]), "400".to_string(), Some("100".to_string()))
    );
    assert_eq!(
        run(Rule::MesApproval, Completion::Add1),
        (
            ids(&["D", "B", "C"]),
            "800".to_string(),
            Some("125".to_string())
        )
    );
    assert_eq!(
        run(Rule::MesApproval, Completion::Greedy).0,
        ids(&["D", "B", "A"])
    );
    assert_eq!(run(Rule::MesCost, Completion::None).0, ids(&["A", "C"]));
}
