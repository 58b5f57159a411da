//! The `tally` subcommand: argument parsing, JSON and Dutch text output, and errors.

use burgerbegroting::tally::cli::{run, TallyArgs};
use clap::Parser;

#[derive(Parser)]
struct Wrapper {
    #[command(flatten)]
    args: TallyArgs,
}

fn run_cli(argv: &[&str]) -> anyhow::Result<String> {
    let mut full = vec!["tally"];
    full.extend_from_slice(argv);
    let args = Wrapper::try_parse_from(full)?.args;
    let mut out = Vec::new();
    run(&args, &mut out)?;
    Ok(String::from_utf8(out)?)
}

const ELECTION: &str = "META\nkey;value\ndescription;Dorpsbudget Oosterwolde\nbudget;100\nvote_type;approval\ncurrency;EUR\n\
    PROJECTS\nproject_id;cost;name\nA;60;Speeltuin\nB;50;Bankjes bij de Brink\nC;40;Bloemenweide\nVOTES\nvoter_id;vote\n\
    1;A\n2;A,B\n3;B,C\n4;A\n";

fn write_temp(text: &str) -> tempfile::NamedTempFile {
    let mut file = tempfile::Builder::new()
        .suffix(".pb")
        .tempfile()
        .expect("temp file");
    std::io::Write::write_all(&mut file, text.as_bytes()).expect("write");
    file
}

#[test]
fn json_has_rule_selected_spent_budget_and_explanations() {
    let file = write_temp(ELECTION);
    let path = file.path().to_string_lossy().into_owned();
    let out = run_cli(&[&path, "--rule", "greedy", "--json"]).expect("run");
    let json: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(json["rule"], "greedy");
    assert_eq!(json["selected"], serde_json::json!(["A", "C"]));
    assert_eq!(json["spent"], "100");
    assert_eq!(json["budget"], "100");
    let b = json["explanations"]
        .as_array()
        .expect("array")
        .iter()
        .find(|e| e["project"] == "B")
        .cloned()
        .unwrap_or_default();
    assert_eq!(b["selected"], false);
    assert_eq!(b["reasons"][0]["code"], "did-not-fit");
    assert_eq!(b["reasons"][0]["remaining_before"], "40");
}

#[test]
fn mes_with_completion_and_tie_break() {
    let file = write_temp(ELECTION);
    let path = file.path().to_string_lossy().into_owned();
    for completion in [
        "none",
        "greedy",
        "add1",
        "add1-only",
        "add1-last",
        "add1u",
        "add1f",
        "add1i",
        "add1if",
        "exh",
    ] {
        for rule in ["mes-cost", "mes-approval"] {
            let out = run_cli(&[
                &path,
                "--rule",
                rule,
                "--completion",
                completion,
                "--tie-break",
                "id",
                "--json",
            ])
            .expect("run");
            let json: serde_json::Value = serde_json::from_str(&out).expect("json");
            assert_eq!(json["rule"], rule);
            assert!(json["per_voter_budget"].is_string());
        }
    }
}

#[test]
fn dutch_text_explains_each_plan() {
    let file = write_temp(ELECTION);
    let path = file.path().to_string_lossy().into_owned();
    let out = run_cli(&[&path, "--rule", "greedy"]).expect("run");
    assert!(out.contains("Gekozen plannen (2)"), "{out}");
    assert!(out.contains("[B] Bankjes bij de Brink"), "{out}");
    assert!(out.contains("Dat paste niet."), "{out}");
    assert!(out.contains("€ 100"), "{out}");
    let out = run_cli(&[&path, "--rule", "mes-approval", "--completion", "add1"]).expect("run");
    assert!(out.contains("Gekozen in ronde 1."), "{out}");
}

#[test]
fn errors_are_reported_not_panicked() {
    let bad = write_temp(&ELECTION.replace("4;A\n", "4;A,Q\n"));
    let path = bad.path().to_string_lossy().into_owned();
    let err = run_cli(&[&path, "--rule", "greedy"])
        .err()
        .map(|e| format!("{e:#}"))
        .unwrap_or_default();
    assert!(err.contains("line 17:"), "{err}");
    let good = write_temp(ELECTION);
    let path = good.path().to_string_lossy().into_owned();
    assert!(run_cli(&[&path, "--rule", "greedy", "--completion", "add1"]).is_err());
    assert!(run_cli(&[&path, "--rule", "plurality"]).is_err());
    assert!(run_cli(&["/nonexistent/file.pb"]).is_err());
}
