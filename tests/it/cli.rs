//! The command line: ledger import and list, user add, database URL rules.

use std::io::Write;
use std::process::Stdio;

use serde_json::Value;

use crate::helpers::{assert_succeeded, bin, import_cbs_sample, run_ok, sqlite_with_cbs_sample};

#[test]
fn import_the_cbs_sample_and_list_it_as_json() {
    let (_dir, db) = sqlite_with_cbs_sample();
    let again = import_cbs_sample(&db);
    assert!(String::from_utf8_lossy(&again.stdout).contains("0 begrotingsposten toegevoegd"));
    let list = bin()
        .args([
            "ledger",
            "list",
            "--year",
            "2025",
            "--json",
            "--database",
            &db,
        ])
        .output()
        .expect("run");
    assert!(list.status.success());
    let lines: Value = serde_json::from_slice(&list.stdout).expect("json");
    let arr = lines.as_array().expect("array");
    let total: i64 = arr.iter().filter_map(|l| l["amount_cents"].as_i64()).sum();
    assert_eq!(
        total,
        103_390_000 * 100,
        "Oldebroek begroting 2025 total lasten"
    );
    let balances: i64 = arr.iter().filter_map(|l| l["balance_cents"].as_i64()).sum();
    assert_eq!(balances, total);
}

#[test]
fn a_bad_file_is_refused_with_line_numbers_and_a_failing_exit_code() {
    let dir = tempfile::tempdir().expect("dir");
    let db = format!("sqlite://{}", dir.path().join("bb.db").display());
    let file = dir.path().join("bad.csv");
    std::fs::write(
        &file,
        "year,code,name,taakveld,funder,amount\n2025,A,Groen,5.7,,1.2.3\n2025,B,Iets,77.7,,5\n",
    )
    .expect("write");
    let out = bin()
        .args(["ledger", "import"])
        .arg(&file)
        .args(["--database", &db])
        .output()
        .expect("run");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("regel 2") && err.contains("regel 3"), "{err}");
}

#[test]
fn unknown_database_urls_are_refused_without_creating_a_file() {
    let dir = tempfile::tempdir().expect("dir");
    let out = bin()
        .current_dir(dir.path())
        .args(["migrate", "--database", "mysql://localhost/bb"])
        .output()
        .expect("run");
    assert!(!out.status.success());
    let out = bin()
        .current_dir(dir.path())
        .args(["migrate", "--database", "burgerbegroting"])
        .output()
        .expect("run");
    assert!(!out.status.success());
    assert_eq!(
        std::fs::read_dir(dir.path()).expect("dir").count(),
        0,
        "no file was created"
    );
}

#[test]
fn user_add_reads_the_password_from_stdin() {
    let dir = tempfile::tempdir().expect("dir");
    let db = format!("sqlite://{}", dir.path().join("bb.db").display());
    let mut child = bin()
        .args([
            "user",
            "add",
            "--email",
            "Fin@Example.nl",
            "--role",
            "finance_clerk",
            "--database",
            &db,
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"een heel lang wachtwoord\n")
        .expect("write");
    let out = child.wait_with_output().expect("wait");
    assert_succeeded(&out);
    assert!(String::from_utf8_lossy(&out.stdout).contains("fin@example.nl"));
    let bad = bin()
        .args([
            "user",
            "add",
            "--email",
            "x@example.nl",
            "--role",
            "mayor",
            "--database",
            &db,
        ])
        .stdin(Stdio::null())
        .output()
        .expect("run");
    assert!(!bad.status.success());
}

#[test]
fn settings_come_from_environment_variables() {
    let dir = tempfile::tempdir().expect("dir");
    let db = format!("sqlite://{}", dir.path().join("env.db").display());
    run_ok(bin().env("BB_DATABASE_URL", &db).args(["migrate"]));
    assert!(dir.path().join("env.db").exists());
}
