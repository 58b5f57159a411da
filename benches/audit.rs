//! Export and verify of a large audit log: a SQLite file with N events (default 1,000,000:
//! accounts, then one-cent transfers between them), then `audit export` (sign a checkpoint
//! over all events, write the bundle) and `audit verify` (no database), each timed once,
//! with the CPU seconds of each and the load average around them.
//! A single run is the figure asked for (seconds, not microseconds), so no criterion here.
//!
//! `cargo bench --bench audit` (release); `AUDIT_BENCH_EVENTS=N` for another size;
//! `AUDIT_BENCH_PYTHON=1` also times tools/verify_bundle.py.

// Seconds and megabytes for the printout only; no money is computed here.
#![allow(clippy::float_arithmetic)]

use std::time::Instant;

use burgerbegroting::audit::verify::verify_bundle;
use burgerbegroting::audit_export::{export_bundle, ExportOptions};
use burgerbegroting::config::Settings;
use burgerbegroting::db::{repo, tx};
use burgerbegroting::domain::audit::{Actor, NewEvent};
use burgerbegroting::keys::KeyFile;
use burgerbegroting::service::ServiceError;
use serde_json::json;

/// CPU seconds this process used so far (user + system, Linux /proc; 0 elsewhere): on a
/// shared machine the wall-clock time also measures the other jobs.
fn cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            let rest = s.rsplit_once(')')?.1.to_string();
            let f: Vec<&str> = rest.split_whitespace().collect();
            let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
            Some(ticks / 100.0)
        })
        .unwrap_or(0.0)
}

/// The 1-, 5- and 15-minute load averages (Linux; "" elsewhere): the figures of a shared
/// machine mean little without them.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

fn main() {
    let n: usize = std::env::var("AUDIT_BENCH_EVENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let settings = Settings {
        database_url: format!("sqlite://{}", dir.path().join("bench.db").display()),
        ..Settings::default()
    };
    let pool = burgerbegroting::startup::prepare_database(&settings).expect("database");
    let mut conn = pool.get().expect("connection");
    let key = KeyFile::from_seed("bench.burgerbegroting.example/audit", [1u8; 32]).expect("key");

    let t = Instant::now();
    let accounts = ["funder-1", "pool-1", "pool-2"];
    let mut made = 0usize;
    while made < n {
        let batch: Vec<NewEvent> = (made..n.min(made + 5_000))
            .map(|i| match i {
                0 => NewEvent {
                    action: "funder.created",
                    entity_type: "funder",
                    entity_id: "f1".into(),
                    before: serde_json::Value::Null,
                    after: json!({"account": accounts[0], "name": "Gemeente Bench", "kind": "municipality", "slug": "gemeente-bench"}),
                },
                1 | 2 => NewEvent {
                    action: "area.created",
                    entity_type: "area",
                    entity_id: format!("a{i}"),
                    before: serde_json::Value::Null,
                    after: json!({"pool_account": accounts[i], "name": format!("Dorp {i}"), "kind": "dorp", "slug": format!("dorp-{i}")}),
                },
                _ => NewEvent {
                    action: "transfer.posted",
                    entity_type: "transfer",
                    entity_id: format!("t{i:07}"),
                    before: serde_json::Value::Null,
                    after: json!({"seq": i, "kind": "funder_contribution", "debit": accounts[0],
                        "credit": accounts[1 + i % 2], "amount_cents": 1 + (i % 97) as i64,
                        "memo": format!("Bijdrage {i}"), "decision_ref": null, "correction_of": null,
                        "needs_approval": false, "created_by": "cli"}),
                },
            })
            .collect();
        made += batch.len();
        tx::write(&mut conn, |c| -> Result<(), ServiceError> {
            repo::audit::append(c, &Actor::Cli { email: None }, &batch)?;
            Ok(())
        })
        .expect("append");
    }
    println!("filled {n} events in {:.1} s", t.elapsed().as_secs_f64());
    println!("load average before export: {}", load_average());

    let out = dir.path().join("bundle");
    let (t, c) = (Instant::now(), cpu_seconds());
    let sum = export_bundle(&mut conn, &key, &out, &ExportOptions::default()).expect("export");
    let export_s = t.elapsed().as_secs_f64();
    let export_cpu = cpu_seconds() - c;
    let bytes: u64 = std::fs::metadata(out.join("events.jsonl"))
        .map(|m| m.len())
        .unwrap_or(0);
    println!(
        "export: {export_s:.2} s wall, {export_cpu:.2} s CPU ({} events, {} transfers, events.jsonl {:.0} MB)",
        sum.size,
        sum.transfers,
        bytes as f64 / 1e6
    );

    let (t, c) = (Instant::now(), cpu_seconds());
    let v = verify_bundle(&out, None, None);
    let verify_s = t.elapsed().as_secs_f64();
    assert!(v.ok, "{:?}", v.failure);
    println!(
        "verify (Rust): {verify_s:.2} s wall, {:.2} s CPU",
        cpu_seconds() - c
    );

    println!("load average after verify: {}", load_average());

    if std::env::var("AUDIT_BENCH_PYTHON").is_ok() {
        let t = Instant::now();
        let status = std::process::Command::new("python3")
            .arg(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tools/verify_bundle.py"
            ))
            .arg(&out)
            .status()
            .expect("python3");
        assert!(status.success());
        println!("verify (Python): {:.2} s", t.elapsed().as_secs_f64());
    }
}
