//! `burgerbegroting audit export`: one folder (optionally one zip) a council member can
//! keep and check offline. Signs a fresh checkpoint first, then writes every file from the
//! log up to that checkpoint; the format is docs/audit-export.md.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use sha2::{Digest, Sha256};

use crate::audit::bundle::{self as b, Period, Replay};
use crate::audit::merkle;
use crate::audit::note::{self, Checkpoint};
use crate::db::repo::audit_log as q;
use crate::db::DbConn;
use crate::domain::message::Msg;
use crate::keys::KeyFile;
use crate::msg_key;
use crate::service::audit_log::{self as log, SignOutcome};
use crate::service::ServiceError;

#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// An earlier bundle: its checkpoint and a consistency proof from it are included.
    pub previous: Option<PathBuf>,
    /// Also write `<out>.zip`.
    pub zip: bool,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct ExportSummary {
    pub dir: PathBuf,
    pub zip: Option<PathBuf>,
    pub size: u64,
    pub root_hex: String,
    pub files: usize,
    pub rounds: usize,
    pub transfers: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Why no bundle is made: a message, Dutch on the command line, in the visitor's
    /// language on the council's download page.
    #[error("{0}")]
    Refused(Msg),
    #[error(transparent)]
    Service(#[from] ServiceError),
    #[error("schrijven naar {path} mislukt: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

impl From<diesel::result::Error> for ExportError {
    fn from(e: diesel::result::Error) -> Self {
        ExportError::Service(e.into())
    }
}

struct Writer {
    dir: PathBuf,
    hashes: BTreeMap<String, String>,
}

impl Writer {
    fn put(&mut self, rel: &str, bytes: &[u8]) -> Result<(), ExportError> {
        let path = self.dir.join(rel);
        let io = |source| ExportError::Io {
            path: path.display().to_string(),
            source,
        };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io)?;
        }
        std::fs::write(&path, bytes).map_err(io)?;
        if rel != b::MANIFEST && rel != b::MANIFEST_SIG {
            self.hashes
                .insert(rel.to_string(), hex::encode(Sha256::digest(bytes)));
        }
        Ok(())
    }
}

/// Name shown as the municipality: the first funder of kind `municipality`.
fn municipality(conn: &mut DbConn) -> Result<String, ServiceError> {
    Ok(crate::db::repo::ledger::list_funders(conn)?
        .into_iter()
        .find(|f| f.kind == crate::domain::kinds::FunderKind::Municipality)
        .map(|f| f.name)
        .unwrap_or_default())
}

/// Writes the bundle into `out` (which must not exist or be empty).
pub fn export_bundle(
    conn: &mut DbConn,
    key: &KeyFile,
    out: &Path,
    opts: &ExportOptions,
) -> Result<ExportSummary, ExportError> {
    if let (Some(f), Some(t)) = (opts.from, opts.to) {
        if f > t {
            return Err(ExportError::Refused(Msg::new(msg_key!(
                "more-export-from-after-to"
            ))));
        }
    }
    if out.exists()
        && std::fs::read_dir(out)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        return Err(ExportError::Refused(
            Msg::new(msg_key!("more-export-dir-not-empty")).arg("dir", out.display().to_string()),
        ));
    }
    // A fresh checkpoint over everything logged so far. The signer reads every stored
    // event once, checks it against its stored hash and the last checkpoint, and hands us
    // the payloads as it goes: events.jsonl is exactly what the checkpoint is signed over.
    let mut events: Vec<u8> = Vec::new();
    let signed = log::sign_pending_reading(conn, key, |payload| {
        events.extend_from_slice(payload.as_bytes());
        events.push(b'\n');
    })?;
    if let SignOutcome::Stopped(reason) = &signed.outcome {
        return Err(ExportError::Refused(
            Msg::new(msg_key!("more-export-signing-stopped")).arg("reason", reason.to_string()),
        ));
    }
    let cp_row = signed
        .checkpoint
        .ok_or_else(|| ExportError::Refused(Msg::new(msg_key!("more-export-log-empty"))))?;
    let leaves = signed.leaves;
    let cp = Checkpoint::open(&cp_row.note, key.name(), &key.verifying_key()).map_err(|_| {
        ExportError::Refused(Msg::new(msg_key!("more-export-checkpoint-other-key")))
    })?;
    if leaves.len() as u64 != cp.size {
        return Err(ExportError::Refused(Msg::new(msg_key!(
            "more-export-checkpoint-count"
        ))));
    }
    let mut w = Writer {
        dir: out.to_path_buf(),
        hashes: BTreeMap::new(),
    };
    // The replay, from the lines as the verifier will read them.
    let events_text = std::str::from_utf8(&events)
        .map_err(|_| ExportError::Refused(Msg::new(msg_key!("more-export-not-utf8"))))?;
    let mut replay = Replay::default();
    for (i, line) in events_text.split_terminator('\n').enumerate() {
        let seq = i as u64 + 1;
        let bad = match crate::audit::leaf::is_canonical(line) {
            Err(crate::audit::leaf::LeafError::NotJson(e)) => {
                Some(format!("gebeurtenis {seq} is geen JSON: {e}"))
            }
            Err(crate::audit::leaf::LeafError::NotCanonical) => {
                Some(format!("gebeurtenis {seq} is niet in de canonieke vorm"))
            }
            Ok(()) => replay
                .apply(
                    seq,
                    &crate::audit::leaf::Raw(line).object().unwrap_or_default(),
                )
                .err()
                .map(|e| format!("gebeurtenis {seq}: {}", e.nl)),
        };
        if let Some(reason) = bad {
            // The detail is the verifier's own (technical) wording; the sentence around it
            // is ours.
            return Err(ExportError::Refused(
                Msg::new(msg_key!("more-export-log-wrong")).arg("reason", reason),
            ));
        }
    }
    w.put(b::EVENTS, &events)?;
    drop(events);
    w.put(b::LEAF_HASHES, &b::leaf_hashes_text(&leaves))?;
    w.put(b::CHECKPOINT, cp_row.note.as_bytes())?;
    w.put(b::KEY, format!("{}\n", key.verifier_text()).as_bytes())?;

    // The earlier bundle's checkpoint and the proof from it.
    let mut previous = serde_json::Value::Null;
    if let Some(prev) = &opts.previous {
        let t = std::fs::read_to_string(prev.join(b::CHECKPOINT)).map_err(|source| {
            ExportError::Io {
                path: prev.join(b::CHECKPOINT).display().to_string(),
                source,
            }
        })?;
        let old = Checkpoint::open(&t, key.name(), &key.verifying_key()).map_err(|_| {
            ExportError::Refused(Msg::new(msg_key!("more-export-previous-other-key")))
        })?;
        if old.size > cp.size || merkle::root(&leaves[..old.size as usize]) != old.root {
            return Err(ExportError::Refused(Msg::new(msg_key!(
                "more-export-previous-mismatch"
            ))));
        }
        let proof = merkle::consistency_proof(&leaves, old.size as usize).unwrap_or_default();
        w.put(b::PREVIOUS_CHECKPOINT, t.as_bytes())?;
        w.put(
            b::CONSISTENCY,
            note::consistency_proof_text(old.size, cp.size, &proof).as_bytes(),
        )?;
        previous = serde_json::json!({"size": old.size, "root_hex": old.root_hex()});
    }
    drop(leaves);

    // The ledger, from the replay of the events.
    let period = Period {
        from: opts.from,
        to: opts.to,
    };
    w.put(b::TRANSFERS, b::transfers_csv(&replay, period).as_bytes())?;
    w.put(b::BALANCES, b::balances_csv(&replay, period).as_bytes())?;
    w.put(
        b::BUDGET_LINES,
        b::budget_lines_csv(&replay, period).as_bytes(),
    )?;
    let transfers = replay
        .movements
        .iter()
        .filter(|m| period.contains(m.date))
        .count();

    // Every round counted in the period.
    let rounds = replay.closed_rounds(period);
    for r in &rounds {
        let d = b::round_dir(&r.id);
        let rules = r.rules_text.clone().unwrap_or_default();
        w.put(&format!("{d}/rules.json"), rules.as_bytes())?;
        w.put(
            &format!("{d}/fingerprint.txt"),
            format!("{}\n", hex::encode(Sha256::digest(rules.as_bytes()))).as_bytes(),
        )?;
        let (who, id) = (
            crate::service::Principal::cli(),
            crate::domain::round::RoundId::from(r.id.as_str()),
        );
        let pb = crate::service::rounds::published_pb(conn, &who, &id)?.unwrap_or_default();
        w.put(&format!("{d}/ballots.pb"), pb.as_bytes())?;
        let view = crate::service::rounds::round(conn, &who, &id)?;
        // The stored result as JSON (sorted keys, as stored).
        let mut result = serde_json::to_value(view.result()).unwrap_or(serde_json::Value::Null);
        let codes = q::codes_issued(conn, &view.area.id, view.round.year)?;
        result["round"] = serde_json::json!({
            "id": view.round.id, "title": view.round.title, "area": view.area.name,
            "year": view.round.year, "quarter": view.round.quarter,
        });
        result["turnout"] = serde_json::json!({
            "ballots": r.closed.as_ref().map(|c| c.ballots).unwrap_or(0),
            "codes_issued": codes,
        });
        let text = serde_json::to_string_pretty(&result).unwrap_or_default() + "\n";
        w.put(&format!("{d}/result.json"), text.as_bytes())?;
    }

    // The council's printable report (built by service::report / views::report).
    let fingerprint = crate::audit::key_fingerprint(&key.verifying_key());
    let model = crate::service::report::build_for_bundle(conn, opts.from, opts.to)?;
    let html = crate::views::report::rapport_html(&model, &cp_row.note, &fingerprint);
    w.put(b::REPORT, html.as_bytes())?;

    // The manifest, then its signature.
    let manifest = serde_json::json!({
        "format": b::FORMAT,
        "version": b::FORMAT_VERSION,
        "municipality": municipality(conn)?,
        "period": {
            "from": opts.from.map(|d| d.to_string()),
            "to": opts.to.map(|d| d.to_string()),
        },
        "created_at": crate::db::repo::now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        "checkpoint": {"origin": cp.origin, "size": cp.size, "root_hex": cp.root_hex()},
        "key": key.verifier_text(),
        "key_fingerprint": fingerprint,
        "previous": previous,
        "files": w.hashes,
    });
    let manifest_bytes =
        (serde_json::to_string_pretty(&manifest).unwrap_or_default() + "\n").into_bytes();
    let files = w.hashes.len();
    w.put(b::MANIFEST, &manifest_bytes)?;
    let sig = sign_note(key, &b::manifest_note(&manifest_bytes));
    w.put(b::MANIFEST_SIG, sig.as_bytes())?;

    let zip = if opts.zip {
        Some(write_zip(out)?)
    } else {
        None
    };
    Ok(ExportSummary {
        dir: out.to_path_buf(),
        zip,
        size: cp.size,
        root_hex: cp.root_hex(),
        files: files + 2,
        rounds: rounds.len(),
        transfers,
    })
}

/// A signed note over any text (the text ends in `\n`).
fn sign_note(key: &KeyFile, body: &str) -> String {
    use base64::Engine;
    use ed25519_dalek::Signer;
    let sig = key.signing_key().sign(body.as_bytes());
    let mut blob = key.key_id().to_vec();
    blob.extend_from_slice(&sig.to_bytes());
    format!(
        "{body}\n\u{2014} {} {}\n",
        key.name(),
        base64::engine::general_purpose::STANDARD.encode(blob)
    )
}

/// `<dir>.zip` with every file of the bundle under the folder's name.
fn write_zip(dir: &Path) -> Result<PathBuf, ExportError> {
    let zip_path = dir.with_extension("zip");
    let io = |p: &Path, source| ExportError::Io {
        path: p.display().to_string(),
        source,
    };
    let file = std::fs::File::create(&zip_path).map_err(|e| io(&zip_path, e))?;
    let mut z = zip::ZipWriter::new(file);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let top = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "bundel".into());
    let mut stack = vec![PathBuf::new()];
    let mut files = Vec::new();
    while let Some(rel) = stack.pop() {
        let entries = std::fs::read_dir(dir.join(&rel)).map_err(|e| io(dir, e))?;
        for e in entries.flatten() {
            let p = rel.join(e.file_name());
            if e.file_type().map(|t| t.is_dir()).unwrap_or(false) {
                stack.push(p);
            } else {
                files.push(p);
            }
        }
    }
    files.sort();
    for rel in files {
        let name = format!(
            "{top}/{}",
            rel.components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/")
        );
        let bytes = std::fs::read(dir.join(&rel)).map_err(|e| io(&rel, e))?;
        z.start_file(name, opts)
            .map_err(|e| io(&zip_path, std::io::Error::other(e)))?;
        z.write_all(&bytes).map_err(|e| io(&zip_path, e))?;
    }
    z.finish()
        .map_err(|e| io(&zip_path, std::io::Error::other(e)))?;
    Ok(zip_path)
}
