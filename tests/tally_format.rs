//! The `.pb` reader and writer: round trips on every real file, special characters, and
//! malformed input (errors name the line; nothing ever panics).

use std::path::PathBuf;

use burgerbegroting::tally::{
    tally, Ballot, Completion, Election, PbFile, Project, Rule, TallyOptions, TieBreak, VoteType,
};
use num_bigint::BigInt;
use num_rational::BigRational;
use proptest::prelude::*;

fn real_dir() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/pabulib/real"
    ))
}

fn real_files() -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(real_dir())
        .expect("real pabulib dir")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "pb"))
        .map(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            (name, std::fs::read_to_string(&p).expect("read"))
        })
        .collect();
    files.sort();
    files
}

/// A file's text content without line numbers (they shift when multi-line fields are written).
type Fields = (
    Vec<(String, String)>,
    Vec<String>,
    Vec<Vec<String>>,
    Vec<String>,
    Vec<Vec<String>>,
);

fn fields_only(file: &PbFile) -> Fields {
    (
        file.meta
            .iter()
            .map(|m| (m.key.clone(), m.value.clone()))
            .collect(),
        file.projects.header.clone(),
        file.projects
            .rows
            .iter()
            .map(|r| r.fields.clone())
            .collect(),
        file.votes.header.clone(),
        file.votes.rows.iter().map(|r| r.fields.clone()).collect(),
    )
}

#[test]
fn every_real_file_round_trips() {
    let files = real_files();
    assert!(files.len() >= 18, "expected the 18 real .pb files");
    for (name, text) in files {
        let raw = PbFile::parse(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let written = raw.to_pb_string();
        let again = PbFile::parse(&written).unwrap_or_else(|e| panic!("{name} rewritten: {e}"));
        assert_eq!(
            fields_only(&raw),
            fields_only(&again),
            "{name}: raw round trip"
        );
        assert_eq!(written, again.to_pb_string(), "{name}: writing is stable");
        let election = Election::from_pb(&raw).unwrap_or_else(|e| panic!("{name}: {e}"));
        let reread = Election::from_pb(&again).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(election, reread, "{name}: typed round trip");
        // Our own export of the typed election also reads back to the same election.
        let exported = Election::parse(&election.to_pb().to_pb_string())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(election.projects.len(), exported.projects.len());
        assert_eq!(
            election.ballots, exported.ballots,
            "{name}: exported ballots"
        );
        assert_eq!(election.budget, exported.budget);
    }
}

#[test]
fn reads_polish_and_dutch_characters_and_quotes() {
    let text = "\u{feff}META\r\nkey;value\r\ndescription;\"Łódź; Zielona rowerowo-piesza obwodnica\"\r\n\
        budget;1000,50\r\nvote_type;approval\r\ncurrency;EUR\r\nPROJECTS\r\nproject_id;cost;name\r\n\
        1;500;\"\"\"Konikowo\"\" - Budowa; ETAP II\"\r\n2;400.25;Geveltuinen in de Pijp (ĳ, é, ü)\r\n\
        VOTES\r\nvoter_id;vote\r\n1;1,2\r\n2;\r\n3;2\r\n";
    let election = Election::parse(text).expect("parse");
    assert_eq!(
        election.description.as_deref(),
        Some("Łódź; Zielona rowerowo-piesza obwodnica")
    );
    assert_eq!(
        election.projects[0].name.as_deref(),
        Some("\"Konikowo\" - Budowa; ETAP II")
    );
    assert_eq!(
        election.projects[1].name.as_deref(),
        Some("Geveltuinen in de Pijp (ĳ, é, ü)")
    );
    assert_eq!(
        election.budget,
        BigRational::new(BigInt::from(2001), BigInt::from(2))
    );
    assert_eq!(
        election.projects[1].cost,
        BigRational::new(BigInt::from(1601), BigInt::from(4))
    );
    // The empty ballot still counts as a voter.
    assert_eq!(election.voter_count(), 3);
    let back = Election::parse(&PbFile::parse(text).expect("raw").to_pb_string()).expect("reparse");
    assert_eq!(election, back);
}

fn error_of(text: &str) -> String {
    match Election::parse(text) {
        Ok(_) => String::from("no error"),
        Err(e) => e.to_string(),
    }
}

const GOOD: &str =
    "META\nkey;value\nbudget;100\nvote_type;approval\nPROJECTS\nproject_id;cost;name\n\
    A;60;Speeltuin\nB;50;Bankjes\nVOTES\nvoter_id;vote\n1;A\n2;A,B\n";

#[test]
fn errors_name_the_line() {
    assert!(error_of(GOOD) == "no error");
    assert!(
        error_of(&GOOD.replace("2;A,B", "2;A,Z")).starts_with("line 12:"),
        "{}",
        error_of(&GOOD.replace("2;A,B", "2;A,Z"))
    );
    assert!(error_of(&GOOD.replace("A;60", "A;zestig")).starts_with("line 7:"));
    assert!(error_of(&GOOD.replace("B;50;Bankjes", "B;50;Bankjes;extra")).starts_with("line 8:"));
    assert!(error_of(&GOOD.replace("B;50;Bankjes", "B;50;\"Bankjes")).starts_with("line 8:"));
    assert!(error_of(&GOOD.replace("budget;100", "budget;veel")).starts_with("line 3:"));
    assert!(error_of(&GOOD.replace("vote_type;approval", "vote_type;rank")).starts_with("line 4:"));
    assert!(error_of(&GOOD.replace("B;50", "A;50")).starts_with("line 8:"));
    assert!(error_of(&GOOD.replace("A;60", "A;-60")).starts_with("line 7:"));
    assert!(error_of(&GOOD.replace("VOTES\n", "")).contains("VOTES"));
    assert!(error_of("hello\n").starts_with("line 1:"));
    assert!(error_of("").contains("META"));
}

#[test]
fn invalid_utf8_names_the_line() {
    let mut bytes = GOOD.as_bytes().to_vec();
    bytes.extend_from_slice(b"3;\xff\n");
    let err = PbFile::read_from(&bytes[..])
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(err.starts_with("line 13:"), "{err}");
}

/// Every prefix of a real file is either read or refused with an error: never a panic.
#[test]
fn truncated_files_never_panic() {
    let text = std::fs::read_to_string(real_dir().join("Netherlands_Assen_2024.pb")).expect("read");
    // Add1 on a full Assen file takes ~800 MES runs, so it is tried on every 97th cut only.
    let mut cut = 0;
    while cut < text.len() {
        if text.is_char_boundary(cut) {
            if let Ok(election) = Election::parse(&text[..cut]) {
                let completion = if cut % 97 == 0 {
                    Completion::Add1
                } else {
                    Completion::Greedy
                };
                let _ = tally(
                    &election,
                    &TallyOptions::new(Rule::MesCost, completion, TieBreak::Fair),
                );
                let _ = tally(
                    &election,
                    &TallyOptions::new(Rule::Greedy, Completion::None, TieBreak::Fair),
                );
            }
        }
        cut += 5;
    }
}

fn small_election() -> impl Strategy<Value = Election> {
    let names = prop::sample::select(vec![
        "Speeltuin",
        "Łąka kwietna; etap II",
        "\"Konikowo\" - Budowa",
        "Bankjes bij de Brink",
        "Zürich Süd",
        "ĳsbaan",
    ]);
    (1usize..6, 0u64..500).prop_flat_map(move |(m, budget)| {
        let projects =
            prop::collection::vec((1u64..200, prop::option::of(names.clone()), 0u8..3), m);
        let ballots = prop::collection::vec(prop::collection::vec(0..m as u32, 0..4), 0..12);
        (projects, ballots).prop_map(move |(projects, ballots)| Election {
            budget: BigRational::from_integer(BigInt::from(budget)),
            vote_type: VoteType::Approval,
            projects: projects
                .into_iter()
                .enumerate()
                .map(|(i, (cost, name, sel))| Project {
                    id: format!("{}", i * 7 + 1),
                    cost: BigRational::new(BigInt::from(cost), BigInt::from(4)),
                    name: name.map(str::to_string),
                    selected: (sel < 2).then(|| sel.to_string()),
                })
                .collect(),
            ballots: ballots
                .into_iter()
                .map(|mut b| {
                    b.dedup();
                    let mut seen = Vec::new();
                    b.retain(|p| {
                        if seen.contains(p) {
                            false
                        } else {
                            seen.push(*p);
                            true
                        }
                    });
                    Ballot {
                        projects: b,
                        points: Vec::new(),
                    }
                })
                .collect(),
            meta_rule: Some("greedy".into()),
            currency: Some("EUR".into()),
            score_threshold: None,
            ordinal_top_points: m as u64,
            description: Some("Dorpsbudget 't Loo".into()),
        })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn written_elections_read_back_identically(election in small_election()) {
        let text = election.to_pb().to_pb_string();
        let back = Election::parse(&text).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(back, election);
    }

    #[test]
    fn garbage_never_panics(text in "(META|PROJECTS|VOTES|key;value|budget;[0-9]{1,3}|vote_type;(approval|cumulative|ordinal)|[a-z0-9;,\"\n\r ]{0,12}|\n){0,30}") {
        if let Ok(election) = Election::parse(&text) {
            for rule in [Rule::Greedy, Rule::MesCost, Rule::MesApproval] {
                let _ = tally(&election, &TallyOptions::new(rule, Completion::None, TieBreak::Id));
            }
        }
    }
}
