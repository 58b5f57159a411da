//! The council's export bundle: export from a real database (the demo), check with the
//! offline verifier, and mutate every part to see each change caught with the file named.

use std::path::{Path, PathBuf};

use burgerbegroting::audit::verify::{verify_bundle, Verdict};
use burgerbegroting::audit_export::{export_bundle, ExportOptions};
use burgerbegroting::keys::KeyFile;
use burgerbegroting::service::demo;
use serde_json::Value;

use crate::audit_log::{add_event, test_key};
use crate::helpers::TestDb;

fn failure_file(v: &Verdict) -> Option<String> {
    v.failure.as_ref().map(|f| f.file.clone())
}

fn assert_ok(dir: &Path, previous: Option<&Path>, key: Option<&Path>) {
    let v = verify_bundle(dir, previous, key);
    assert!(v.ok, "{:?}", v.failure);
}

/// Runs `change` on the file's text, verifies, restores; the verdict must fail naming one
/// of `names`.
fn mutate(dir: &Path, rel: &str, names: &[&str], change: impl FnOnce(&str) -> String) -> Verdict {
    let path = dir.join(rel);
    let original = std::fs::read(&path).expect("read");
    let text = String::from_utf8(original.clone()).expect("utf8");
    let changed = change(&text);
    assert_ne!(changed, text, "{rel}: mutation changed nothing");
    std::fs::write(&path, changed).expect("write");
    let v = verify_bundle(dir, None, None);
    std::fs::write(&path, original).expect("restore");
    let file = failure_file(&v);
    assert!(
        file.as_deref()
            .is_some_and(|f| names.iter().any(|n| f.contains(n))),
        "{rel}: expected a failure naming {names:?}, got {:?}",
        v.failure
    );
    v
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

#[test]
fn every_mutation_is_caught_and_named() {
    let e = exported_demo();
    let dir = &e.first;
    // Any field of any event.
    let events = std::fs::read_to_string(dir.join("events.jsonl")).expect("events");
    let lines: Vec<&str> = events.lines().collect();
    let mut n = 0;
    for (i, line) in lines.iter().enumerate() {
        let ev: Value = serde_json::from_str(line).expect("json");
        for field in ev.as_object().expect("object").keys() {
            let mut changed = ev.clone();
            changed[field] = mutate_value(&ev[field]);
            let new_line = changed.to_string();
            mutate(dir, "events.jsonl", &["events.jsonl"], |t| {
                let mut ls: Vec<String> = t.lines().map(str::to_string).collect();
                ls[i] = new_line.clone();
                ls.join("\n") + "\n"
            });
            n += 1;
        }
    }
    assert!(n > 100, "mutated {n} event fields");
    // Any amount in a CSV.
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
                    mutate(dir, rel, &[rel], |t| {
                        let mut ls: Vec<String> = t.split("\r\n").map(str::to_string).collect();
                        let mut cells: Vec<String> = ls[i].split(';').map(str::to_string).collect();
                        cells[j] = format!("{}1", cells[j]);
                        ls[i] = cells.join(";");
                        ls.join("\r\n")
                    });
                }
            }
        }
    }
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
            mutate(dir, rel, &[rel.as_str()], |t| {
                let mut ls: Vec<String> = t.lines().map(str::to_string).collect();
                ls[i] = if ls[i].ends_with(",1") || ls[i].ends_with(";1") {
                    format!("{}0", &ls[i][..ls[i].len() - 1])
                } else {
                    format!("{}1", ls[i])
                };
                ls.join("\n") + "\n"
            });
        }
    }
    // Any byte of the manifest, the checkpoint or a signature.
    for rel in ["manifest.json", "checkpoint.txt", "manifest.sig"] {
        let bytes = std::fs::read(dir.join(rel)).expect("read");
        for i in 0..bytes.len() {
            let path = dir.join(rel);
            let mut b = bytes.clone();
            b[i] ^= 0x01;
            std::fs::write(&path, &b).expect("write");
            let v = verify_bundle(dir, None, None);
            std::fs::write(&path, &bytes).expect("restore");
            let f = failure_file(&v);
            assert!(
                f.as_deref().is_some_and(
                    |f| ["manifest.json", "manifest.sig", "checkpoint.txt"].contains(&f)
                ),
                "{rel} byte {i}: {:?}",
                v.failure
            );
        }
    }
    assert_ok(dir, None, None);
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
    assert!(
        f.file == "events.jsonl" || f.file == "previous/consistency-proof.txt",
        "{f:?}"
    );
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
fn python(dir: &Path, extra: &[&str]) -> (bool, Option<String>) {
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
