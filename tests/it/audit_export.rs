//! The council's export bundle: export from a real database (the demo), check with the
//! offline verifier, and mutate every part to see each change caught with the file named.

use std::path::{Path, PathBuf};

use burgerbegroting::audit::verify::{verify_bundle, Verdict};
use burgerbegroting::audit_export::{export_bundle, ExportOptions};
use burgerbegroting::keys::KeyFile;
use burgerbegroting::service::demo;
use serde_json::Value;

use crate::audit_log::{add_event, test_key};
use crate::helpers::{assert_succeeded, bin, run_ok, sqlite_with_cbs_sample, TestDb};

fn failure_file(v: &Verdict) -> Option<String> {
    v.failure.as_ref().map(|f| f.file.clone())
}

fn assert_ok(dir: &Path, previous: Option<&Path>, key: Option<&Path>) {
    let v = verify_bundle(dir, previous, key);
    assert!(v.ok, "{:?}", v.failure);
}

/// One changed file of a bundle and the files a verifier may name for it.
struct Mutation {
    rel: String,
    bytes: Vec<u8>,
    names: Vec<&'static str>,
    what: String,
    /// The line the failure must name, where the change is in one line (an event).
    line: Option<u64>,
}

/// Writes the changed file, runs the Rust verifier, restores; the verdict must fail naming
/// one of `names`. The mutation is kept for the Python verifier ([`python_on_all`]).
fn check_rust(dir: &Path, m: Mutation, plan: &mut Vec<Mutation>) {
    let path = dir.join(&m.rel);
    let original = std::fs::read(&path).expect("read");
    assert_ne!(m.bytes, original, "{}: mutation changed nothing", m.what);
    std::fs::write(&path, &m.bytes).expect("write");
    let v = verify_bundle(dir, None, None);
    std::fs::write(&path, original).expect("restore");
    let file = failure_file(&v);
    assert!(
        file.as_deref()
            .is_some_and(|f| m.names.iter().any(|n| f.contains(n))),
        "rust, {}: expected a failure naming {:?}, got {:?}",
        m.what,
        m.names,
        v.failure
    );
    if let Some(line) = m.line {
        assert_eq!(
            v.failure.as_ref().and_then(|f| f.line),
            Some(line),
            "rust, {}: the failure must name line {line}: {:?}",
            m.what,
            v.failure
        );
    }
    plan.push(m);
}

/// Runs `change` on the file's text; see [`check_rust`].
fn mutate(
    dir: &Path,
    plan: &mut Vec<Mutation>,
    rel: &str,
    names: &[&'static str],
    what: String,
    change: impl FnOnce(&str) -> String,
) {
    mutate_at(dir, plan, rel, names, None, what, change)
}

/// [`mutate`], and the failure must also name `line`.
fn mutate_at(
    dir: &Path,
    plan: &mut Vec<Mutation>,
    rel: &str,
    names: &[&'static str],
    line: Option<u64>,
    what: String,
    change: impl FnOnce(&str) -> String,
) {
    let text = std::fs::read_to_string(dir.join(rel)).expect("utf8");
    let m = Mutation {
        rel: rel.to_string(),
        bytes: change(&text).into_bytes(),
        names: names.to_vec(),
        what,
        line,
    };
    check_rust(dir, m, plan);
}

/// Every mutation through tools/verify_bundle.py, in one Python process
/// (tests/it/verify_mutations.py): each must fail naming one of its files.
fn python_on_all(dir: &Path, plan: &[Mutation]) {
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD;
    let items: Vec<Value> = plan
        .iter()
        .map(|m| serde_json::json!({"file": m.rel, "content": b64.encode(&m.bytes)}))
        .collect();
    let plan_path = dir.with_extension("plan.json");
    std::fs::write(&plan_path, serde_json::to_vec(&items).expect("json")).expect("plan");
    let harness = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/verify_mutations.py");
    let out = std::process::Command::new("python3")
        .arg(harness)
        .arg(dir)
        .arg(&plan_path)
        .output()
        .expect("python3 runs (CI installs it with the cryptography package)");
    let verdicts: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "the mutation harness printed no JSON ({e}): {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    assert_eq!(verdicts.len(), plan.len());
    for (m, v) in plan.iter().zip(&verdicts) {
        let file = v["file"].as_str();
        assert!(
            v["ok"] == false && file.is_some_and(|f| m.names.iter().any(|n| f.contains(n))),
            "python, {}: expected a failure naming {:?}, got {v}",
            m.what,
            m.names
        );
        if let Some(line) = m.line {
            assert_eq!(
                v["line"].as_u64(),
                Some(line),
                "python, {}: the failure must name line {line}: {v}",
                m.what
            );
        }
    }
}

/// Mutates one field of one JSON value.
fn mutate_value(v: &Value) -> Value {
    match v {
        Value::String(s) => Value::String(format!("{s}x")),
        Value::Number(n) => Value::from(n.as_i64().unwrap_or(0) + 1),
        Value::Bool(b) => Value::Bool(!b),
        Value::Null => Value::from(1),
        Value::Array(a) => {
            let mut a = a.clone();
            a.push(Value::from(0));
            Value::Array(a)
        }
        Value::Object(o) => {
            let mut o = o.clone();
            o.insert("zz".into(), Value::from(1));
            Value::Object(o)
        }
    }
}

pub struct Exported {
    pub _db: TestDb,
    pub _tmp: tempfile::TempDir,
    pub first: PathBuf,
    pub second: PathBuf,
    pub key_pub: PathBuf,
    pub key: KeyFile,
}

/// The demo on SQLite, exported twice: before and after the log grew.
pub fn exported_demo() -> Exported {
    let key = test_key();
    let db = TestDb::sqlite();
    let pool = db.pool();
    let mut c = pool.get().expect("conn");
    demo::seed(&mut c).expect("seed").expect("fresh");
    let tmp = tempfile::tempdir().expect("tmp");
    let first = tmp.path().join("q1");
    export_bundle(&mut c, &key, &first, &ExportOptions::default()).expect("first export");
    add_event(&mut c, 4);
    let second = tmp.path().join("q2");
    let sum = export_bundle(
        &mut c,
        &key,
        &second,
        &ExportOptions {
            previous: Some(first.clone()),
            zip: true,
            ..ExportOptions::default()
        },
    )
    .expect("second export");
    assert!(sum.zip.as_ref().is_some_and(|z| z.exists()));
    let key_pub = tmp.path().join("trusted.pub");
    std::fs::write(&key_pub, format!("{}\n", key.verifier_text())).expect("key");
    drop(c);
    Exported {
        _db: db,
        _tmp: tmp,
        first,
        second,
        key_pub,
        key,
    }
}

#[test]
fn a_fresh_bundle_verifies_and_a_later_one_extends_it() {
    let e = exported_demo();
    assert_ok(&e.first, None, None);
    assert_ok(&e.first, None, Some(&e.key_pub));
    assert_ok(&e.second, Some(&e.first), Some(&e.key_pub));
    let v = verify_bundle(&e.second, Some(&e.first), Some(&e.key_pub));
    assert!(
        v.previous_checked && v.rounds >= 1 && v.transfers > 0,
        "{v:?}"
    );
    let manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(e.second.join("manifest.json")).expect("m"))
            .expect("json");
    assert!(manifest["previous"]["size"].as_u64().is_some());
    // Another key is not trusted.
    let other = KeyFile::from_seed(e.key.name(), [5u8; 32]).expect("valid");
    let other_pub = e.first.parent().expect("tmp").join("other.pub");
    std::fs::write(&other_pub, other.verifier_text()).expect("write");
    let v = verify_bundle(&e.first, None, Some(&other_pub));
    assert_eq!(failure_file(&v).as_deref(), Some("manifest.sig"));
    // The CSVs open in a Dutch spreadsheet: BOM, ';', decimal comma.
    let t = std::fs::read_to_string(e.first.join("ledger/balances.csv")).expect("csv");
    assert!(t.starts_with("\u{feff}account_id;kind;name;opening_eur"));
    assert!(t.lines().nth(1).is_some_and(|l| l.contains(',')));
}

/// The mutation test, for BOTH verifiers: any one field of any event, any amount
/// in a CSV file, any ballot in a `.pb` file, any byte of the manifest, the checkpoint or a
/// signature: each fails, naming the file it changed (or the file that no longer matches
/// it: a changed file's hash fails in manifest.json's check by naming that file).
#[test]
fn every_mutation_is_caught_and_named() {
    let e = exported_demo();
    let dir = &e.first;
    let mut plan = Vec::new();
    // Any field of any event, nested fields of `after` and `entity` too.
    let events = std::fs::read_to_string(dir.join("events.jsonl")).expect("events");
    let lines: Vec<&str> = events.lines().collect();
    let mut fields = 0;
    for (i, line) in lines.iter().enumerate() {
        let ev: Value = serde_json::from_str(line).expect("json");
        let mut paths: Vec<Vec<String>> = Vec::new();
        for (k, v) in ev.as_object().expect("object") {
            paths.push(vec![k.clone()]);
            if let Some(inner) = v.as_object() {
                paths.extend(inner.keys().map(|k2| vec![k.clone(), k2.clone()]));
            }
        }
        for path in paths {
            let mut changed = ev.clone();
            let mut at = &mut changed;
            for p in &path {
                at = &mut at[p.as_str()];
            }
            *at = mutate_value(at);
            let new_line = changed.to_string();
            mutate_at(
                dir,
                &mut plan,
                "events.jsonl",
                &["events.jsonl"],
                Some(i as u64 + 1),
                format!("event {} field {}", i + 1, path.join(".")),
                |t| {
                    let mut ls: Vec<String> = t.lines().map(str::to_string).collect();
                    ls[i] = new_line.clone();
                    ls.join("\n") + "\n"
                },
            );
            fields += 1;
        }
    }
    assert!(fields > 300, "mutated {fields} event fields");
    // Any amount in a CSV.
    let mut amounts = 0;
    for rel in [
        "ledger/transfers.csv",
        "ledger/balances.csv",
        "ledger/budget_lines.csv",
    ] {
        let t = std::fs::read_to_string(dir.join(rel)).expect("csv");
        for (i, line) in t.split("\r\n").enumerate().skip(1) {
            for (j, cell) in line.split(';').enumerate() {
                if cell.contains(',')
                    && cell
                        .trim_start_matches('-')
                        .chars()
                        .all(|c| c.is_ascii_digit() || c == ',')
                {
                    mutate(
                        dir,
                        &mut plan,
                        rel,
                        &[rel],
                        format!("{rel} line {} cell {}", i + 1, j + 1),
                        |t| {
                            let mut ls: Vec<String> = t.split("\r\n").map(str::to_string).collect();
                            let mut cells: Vec<String> =
                                ls[i].split(';').map(str::to_string).collect();
                            cells[j] = format!("{}1", cells[j]);
                            ls[i] = cells.join(";");
                            ls.join("\r\n")
                        },
                    );
                    amounts += 1;
                }
            }
        }
    }
    assert!(amounts > 20, "mutated {amounts} amounts");
    // Any ballot in a .pb.
    let pb_files: Vec<String> = walk(dir)
        .into_iter()
        .filter(|p| p.ends_with(".pb"))
        .collect();
    assert!(!pb_files.is_empty());
    for rel in &pb_files {
        let t = std::fs::read_to_string(dir.join(rel)).expect("pb");
        let votes_at = t.lines().position(|l| l == "VOTES").expect("VOTES") + 2;
        for i in votes_at..t.lines().count() {
            mutate(
                dir,
                &mut plan,
                rel,
                &[".pb"],
                format!("{rel} line {}", i + 1),
                |t| {
                    let mut ls: Vec<String> = t.lines().map(str::to_string).collect();
                    ls[i] = if ls[i].ends_with(",1") || ls[i].ends_with(";1") {
                        format!("{}0", &ls[i][..ls[i].len() - 1])
                    } else {
                        format!("{}1", ls[i])
                    };
                    ls.join("\n") + "\n"
                },
            );
        }
    }
    // Any leaf hash.
    let hashes = std::fs::read_to_string(dir.join("leaf_hashes.txt")).expect("leaf hashes");
    for i in 0..hashes.lines().count() {
        mutate(
            dir,
            &mut plan,
            "leaf_hashes.txt",
            &["leaf_hashes.txt"],
            format!("leaf_hashes.txt line {}", i + 1),
            |t| {
                let mut ls: Vec<String> = t.lines().map(str::to_string).collect();
                let flipped = if ls[i].starts_with('0') { "1" } else { "0" };
                ls[i].replace_range(0..1, flipped);
                ls.join("\n") + "\n"
            },
        );
    }
    // Any byte of the manifest, the checkpoint or a signature.
    for rel in ["manifest.json", "checkpoint.txt", "manifest.sig"] {
        let bytes = std::fs::read(dir.join(rel)).expect("read");
        for i in 0..bytes.len() {
            let mut b = bytes.clone();
            b[i] ^= 0x01;
            let m = Mutation {
                rel: rel.to_string(),
                bytes: b,
                names: vec!["manifest.json", "manifest.sig", "checkpoint.txt"],
                what: format!("{rel} byte {i}"),
                line: None,
            };
            check_rust(dir, m, &mut plan);
        }
    }
    assert_ok(dir, None, None);
    python_on_all(dir, &plan);
    assert_eq!(
        python(dir, &[]),
        (true, None),
        "untouched after the harness"
    );
}

#[test]
fn a_rewritten_history_is_caught_with_the_earlier_bundle() {
    // An insider who also holds the signing key rewrites event 3 and re-signs everything:
    // on its own the bundle is consistent, against the earlier bundle it is not.
    let e = exported_demo();
    let dir = &e.second;
    let path = dir.join("events.jsonl");
    let events = std::fs::read_to_string(&path).expect("events");
    let mut ls: Vec<String> = events.lines().map(str::to_string).collect();
    let mut ev: Value = serde_json::from_str(&ls[2]).expect("json");
    ev["actor"] = Value::String("system".into());
    ls[2] = ev.to_string();
    std::fs::write(&path, ls.join("\n") + "\n").expect("write");
    resign(dir, &e.key);
    let alone = verify_bundle(dir, None, None);
    assert!(
        alone.ok || failure_file(&alone).as_deref() == Some("previous/consistency-proof.txt"),
        "{:?}",
        alone.failure
    );
    let v = verify_bundle(dir, Some(&e.first), Some(&e.key_pub));
    assert!(!v.ok);
    let f = v.failure.expect("failure");
    assert_eq!(f.file, "events.jsonl", "{f:?}");
    assert_eq!(f.line, Some(3), "the rewritten event is named: {f:?}");
}

fn walk(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        for e in std::fs::read_dir(dir.join(&rel)).expect("dir").flatten() {
            let p = rel.join(e.file_name());
            if e.file_type().expect("type").is_dir() {
                stack.push(p);
            } else {
                out.push(p.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    out
}

/// Re-signs a tampered bundle as someone holding the key would: new checkpoint over the
/// new events, new hashes in the manifest, new manifest signature.
pub fn resign(dir: &Path, key: &KeyFile) {
    use burgerbegroting::audit::bundle::manifest_note;
    use burgerbegroting::audit::merkle;
    use burgerbegroting::audit::note::Checkpoint;
    use sha2::{Digest, Sha256};
    let events = std::fs::read_to_string(dir.join("events.jsonl")).expect("events");
    let leaves: Vec<merkle::Hash> = events
        .lines()
        .map(|l| merkle::leaf_hash(l.as_bytes()))
        .collect();
    let cp = Checkpoint {
        origin: key.name().to_string(),
        size: leaves.len() as u64,
        root: merkle::root(&leaves),
    };
    std::fs::write(dir.join("checkpoint.txt"), cp.sign(key)).expect("cp");
    std::fs::write(
        dir.join("leaf_hashes.txt"),
        burgerbegroting::audit::bundle::leaf_hashes_text(&leaves),
    )
    .expect("leaf hashes");
    let mpath = dir.join("manifest.json");
    let mut m: Value =
        serde_json::from_str(&std::fs::read_to_string(&mpath).expect("m")).expect("json");
    m["checkpoint"]["root_hex"] = Value::String(cp.root_hex());
    let files: Vec<String> = m["files"]
        .as_object()
        .expect("files")
        .keys()
        .cloned()
        .collect();
    for f in files {
        let bytes = std::fs::read(dir.join(&f)).expect("file");
        m["files"][&f] = Value::String(hex::encode(Sha256::digest(&bytes)));
    }
    let bytes = (serde_json::to_string_pretty(&m).expect("json") + "\n").into_bytes();
    std::fs::write(&mpath, &bytes).expect("write");
    let body = manifest_note(&bytes);
    // Sign the manifest note like the exporter does (a checkpoint-shaped signer is enough:
    // the signature covers the note body).
    use base64::Engine;
    use ed25519_dalek::Signer;
    let sig = key.signing_key().sign(body.as_bytes());
    let mut blob = key.key_id().to_vec();
    blob.extend_from_slice(&sig.to_bytes());
    std::fs::write(
        dir.join("manifest.sig"),
        format!(
            "{body}\n\u{2014} {} {}\n",
            key.name(),
            base64::engine::general_purpose::STANDARD.encode(blob)
        ),
    )
    .expect("sig");
}

/// Runs tools/verify_bundle.py; returns (exit ok, failing file).
pub fn python(dir: &Path, extra: &[&str]) -> (bool, Option<String>) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tools/verify_bundle.py");
    let out = std::process::Command::new("python3")
        .arg(script)
        .arg(dir)
        .args(extra)
        .arg("--json")
        .output()
        .expect("python3 runs (CI installs it with the cryptography package)");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "python verifier printed no JSON ({e}): {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    assert_eq!(
        out.status.success(),
        v["ok"] == true,
        "exit code and verdict agree"
    );
    (
        out.status.success(),
        v["failure"]["file"].as_str().map(str::to_string),
    )
}

/// Applies `change` to a file, runs both verifiers, restores; both must fail naming `want`.
fn both_fail(dir: &Path, rel: &str, want: &[&str], change: impl FnOnce(&mut Vec<u8>)) {
    let path = dir.join(rel);
    let original = std::fs::read(&path).expect("read");
    let mut b = original.clone();
    change(&mut b);
    assert_ne!(b, original);
    std::fs::write(&path, &b).expect("write");
    let rust = verify_bundle(dir, None, None);
    let (py_ok, py_file) = python(dir, &[]);
    std::fs::write(&path, &original).expect("restore");
    let named = |f: Option<&str>| f.is_some_and(|f| want.iter().any(|w| f.contains(w)));
    assert!(
        named(failure_file(&rust).as_deref()),
        "rust, {rel}: {:?}",
        rust.failure
    );
    assert!(
        !py_ok && named(py_file.as_deref()),
        "python, {rel}: {py_file:?}"
    );
}

fn replace_line(b: &mut Vec<u8>, sep: &str, i: usize, f: impl FnOnce(&str) -> String) {
    let t = String::from_utf8(b.clone()).expect("utf8");
    let mut ls: Vec<String> = t.split(sep).map(str::to_string).collect();
    ls[i] = f(&ls[i]);
    *b = ls.join(sep).into_bytes();
}

#[test]
fn the_python_verifier_written_from_the_document_agrees() {
    let e = exported_demo();
    let key = e.key_pub.to_string_lossy().to_string();
    let first = e.first.to_string_lossy().to_string();
    assert_eq!(python(&e.first, &[]), (true, None));
    assert_eq!(
        python(&e.second, &["--previous", &first, "--key", &key]),
        (true, None)
    );
    // A period-bounded bundle (today only) verifies in both.
    let today = chrono::Utc::now().date_naive();
    let db = TestDb::sqlite();
    let pool = db.pool();
    let mut c = pool.get().expect("conn");
    demo::seed(&mut c).expect("seed").expect("fresh");
    let dated = e.first.parent().expect("tmp").join("dated");
    export_bundle(
        &mut c,
        &e.key,
        &dated,
        &ExportOptions {
            from: Some(today),
            to: Some(today),
            ..ExportOptions::default()
        },
    )
    .expect("dated export");
    assert_ok(&dated, None, None);
    assert_eq!(python(&dated, &[]), (true, None));

    let dir = &e.first;
    let n_events = std::fs::read_to_string(dir.join("events.jsonl"))
        .expect("e")
        .lines()
        .count();
    for i in [0, 1, n_events / 2, n_events - 1] {
        both_fail(dir, "events.jsonl", &["events.jsonl"], |b| {
            replace_line(b, "\n", i, |l| l.replacen("\"v\":1", "\"v\":2", 1))
        });
    }
    both_fail(dir, "ledger/transfers.csv", &["transfers.csv"], |b| {
        replace_line(b, "\r\n", 1, |l| l.replacen(",00", ",01", 1))
    });
    both_fail(dir, "ledger/balances.csv", &["balances.csv"], |b| {
        replace_line(b, "\r\n", 2, |l| l.replacen(',', ",9", 1))
    });
    let pb = walk(dir)
        .into_iter()
        .find(|p| p.ends_with(".pb"))
        .expect("a round");
    both_fail(dir, &pb, &[".pb"], |b| {
        let n = String::from_utf8_lossy(b).lines().count();
        replace_line(b, "\n", n - 1, |l| format!("{l},1"))
    });
    for rel in ["manifest.json", "checkpoint.txt", "manifest.sig"] {
        let len = std::fs::metadata(dir.join(rel)).expect("meta").len() as usize;
        for at in [0, len / 3, len / 2, len - 3] {
            both_fail(
                dir,
                rel,
                &["manifest.json", "manifest.sig", "checkpoint.txt"],
                |b| b[at] ^= 0x01,
            );
        }
    }
    // A rewritten, re-signed history passes alone but not against the earlier bundle.
    let second = &e.second;
    let path = second.join("events.jsonl");
    let events = std::fs::read_to_string(&path).expect("events");
    let mut b = events.into_bytes();
    replace_line(&mut b, "\n", 2, |l| {
        l.replacen("\"v\":1", "\"v\":1,\"w\":0", 1)
    });
    std::fs::write(&path, &b).expect("write");
    resign(second, &e.key);
    let (ok, file) = python(second, &["--previous", &first, "--key", &key]);
    assert!(!ok);
    assert!(
        file.as_deref() == Some("events.jsonl")
            || file.as_deref() == Some("previous/consistency-proof.txt"),
        "{file:?}"
    );
}

/// The rewritten database, end to end on every backend: after a bundle was handed
/// to the council, an insider drops the trigger, changes one event and recomputes its hash.
/// The server refuses at its next signing (and no bundle is exported); an insider who also
/// holds the key, empties the checkpoint table and exports again gets a bundle that is
/// consistent on its own, but both verifiers reject it against the council's earlier bundle.
#[test]
fn a_rewritten_database_is_caught_by_the_server_and_by_both_verifiers_with_previous() {
    use burgerbegroting::service::audit_log::{self as log, SignOutcome};
    use diesel::connection::SimpleConnection;
    let key = test_key();
    for db in TestDb::all() {
        let backend = db.backend;
        let pool = db.pool();
        let mut c = pool.get().expect("conn");
        demo::seed(&mut c).expect("seed").expect("fresh");
        let tmp = tempfile::tempdir().expect("tmp");
        let kept = tmp.path().join("kept-by-the-council");
        export_bundle(&mut c, &key, &kept, &ExportOptions::default()).expect("first export");
        add_event(&mut c, 2);

        crate::audit_log::rewrite_event(&mut c, backend, 3);
        add_event(&mut c, 1);
        assert!(
            matches!(
                log::sign_pending(&mut c, &key).expect("sign pass"),
                SignOutcome::Stopped(_)
            ),
            "{backend}: the server signed a rewritten history"
        );
        let refused = export_bundle(
            &mut c,
            &key,
            &tmp.path().join("refused"),
            &ExportOptions::default(),
        );
        assert!(
            matches!(&refused, Err(burgerbegroting::audit_export::ExportError::Refused(m)) if m.contains("gestopt")),
            "{backend}: {:?}",
            refused.map(|s| s.size)
        );

        // The insider hides the trail in the database and signs the rewritten log afresh.
        c.batch_execute(
            "DELETE FROM audit_checkpoints; \
             UPDATE audit_signer SET stopped_at = NULL, stop_reason = NULL;",
        )
        .expect("insider");
        let forged = tmp.path().join("forged");
        export_bundle(&mut c, &key, &forged, &ExportOptions::default())
            .expect("a self-consistent forged bundle");
        assert_ok(&forged, None, None);
        assert_eq!(python(&forged, &[]), (true, None), "{backend}");

        let key_pub = tmp.path().join("raad.pub");
        std::fs::write(&key_pub, format!("{}\n", key.verifier_text())).expect("key");
        let v = verify_bundle(&forged, Some(&kept), Some(&key_pub));
        let f = v.failure.expect("caught with --previous");
        assert_eq!(f.file, "events.jsonl", "{backend}: {f:?}");
        assert!(f.message_en.contains("history was rewritten"), "{f:?}");
        assert_eq!(
            f.line,
            Some(3),
            "{backend}: the rewritten event is named: {f:?}"
        );
        let kept_s = kept.to_string_lossy().to_string();
        let key_s = key_pub.to_string_lossy().to_string();
        assert_eq!(
            python(&forged, &["--previous", &kept_s, "--key", &key_s]),
            (false, Some("events.jsonl".to_string())),
            "{backend}: the Python verifier with --previous"
        );
    }
}

/// The commands a council member and an administrator type: `keys generate` (never
/// overwrites, owner-only), `audit export` with the key from the settings, and `audit
/// verify` with its exit code, `--json` and `--lang en`, naming the file and line.
#[test]
fn the_commands_generate_a_key_export_and_verify_with_exit_codes() {
    let (dir, db) = sqlite_with_cbs_sample();

    let key = dir.path().join("audit.key");
    let generate = || {
        bin()
            .args([
                "keys",
                "generate",
                "--name",
                "cli.burgerbegroting.example/audit",
            ])
            .arg("--out")
            .arg(&key)
            .output()
            .expect("run")
    };
    assert_succeeded(&generate());
    let written = std::fs::read(&key).expect("key file");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "owner-only key file");
    }
    let again = generate();
    assert!(!again.status.success(), "a second generate must refuse");
    assert_eq!(
        std::fs::read(&key).expect("key"),
        written,
        "not overwritten"
    );

    let bundle = dir.path().join("bundel");
    run_ok(
        bin()
            .env("BB_SIGNING_KEY_FILE", &key)
            .args(["audit", "export", "--zip", "--database", &db])
            .arg("--out")
            .arg(&bundle),
    );
    assert!(bundle.with_extension("zip").exists());

    let verify = |extra: &[&str]| {
        let out = bin()
            .args(["audit", "verify"])
            .arg(&bundle)
            .args(extra)
            .output()
            .expect("run");
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    let (ok, text) = verify(&[]);
    assert!(ok && text.starts_with("OK: "), "{text}");
    assert!(text.contains("sleutel uit de bundel zelf"), "{text}");

    // One amount in the budget lines changed: exit 1, the file and line named.
    let csv_path = bundle.join("ledger/budget_lines.csv");
    let csv = std::fs::read_to_string(&csv_path).expect("csv");
    let mut lines: Vec<String> = csv.split("\r\n").map(str::to_string).collect();
    let mut cells: Vec<String> = lines[2].split(';').map(str::to_string).collect();
    cells[6] = format!("{}1", cells[6]);
    lines[2] = cells.join(";");
    std::fs::write(&csv_path, lines.join("\r\n")).expect("write");
    let (ok, text) = verify(&["--lang", "en"]);
    assert!(!ok, "{text}");
    assert!(
        text.starts_with("FAILED: ledger/budget_lines.csv"),
        "{text}"
    );
    let (ok, json) = verify(&["--json"]);
    assert!(!ok);
    let v: Value = serde_json::from_str(&json).expect("json verdict");
    assert_eq!(v["ok"], false);
    assert_eq!(v["failure"]["file"], "ledger/budget_lines.csv");
    assert!(v["failure"]["message_nl"]
        .as_str()
        .is_some_and(|m| !m.is_empty()));
    std::fs::write(&csv_path, csv).expect("restore");
    // Against the key the reader trusts, and its file named in the verdict.
    let trusted = dir.path().join("raad.pub");
    std::fs::copy(bundle.join("key.pub"), &trusted).expect("copy");
    let (ok, text) = verify(&["--key", &trusted.to_string_lossy()]);
    assert!(ok && text.contains("opgegeven sleutel"), "{text}");
}
