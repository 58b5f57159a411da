//! The audit log as a signed Merkle log: signing checkpoints, refusing to sign a history
//! that no longer matches what was signed, and proofs (inclusion for an event or a
//! ballot's receipt, consistency between two checkpoints).
//!
//! The signer runs under the write lock (`tx::write`), so with several servers on one
//! PostgreSQL database only one signs a given size (and the primary key on
//! `audit_checkpoints.tree_size` would refuse a second one anyway).

use crate::domain::message::Msg;
use crate::msg_key;
use chrono::NaiveDateTime;

use crate::audit::merkle::{self, Hash};
use crate::audit::note::{self, Checkpoint};
use crate::config::Settings;
use crate::db::models::CheckpointRow;
use crate::db::repo::{self, audit as audit_repo, audit_log as q};
use crate::db::{tx, DbConn};
use crate::domain::audit::NewEvent;
use crate::domain::permissions::Operation;
use crate::keys::KeyFile;

use super::{Principal, ServiceError};

/// A checkpoint the server signed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StoredCheckpoint {
    /// The signed note (C2SP tlog-checkpoint), exactly as signed.
    pub text: String,
    pub size: i64,
    pub root_hex: String,
    pub origin: String,
    pub key_id: String,
    pub signed_at: NaiveDateTime,
}

impl From<CheckpointRow> for StoredCheckpoint {
    fn from(r: CheckpointRow) -> Self {
        StoredCheckpoint {
            text: r.note,
            size: r.tree_size,
            root_hex: r.root_hex,
            origin: r.origin,
            key_id: r.key_id,
            signed_at: r.signed_at,
        }
    }
}

/// Whether the log is being signed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SigningStatus {
    /// No `signing_key_file` in the settings.
    NotConfigured,
    /// Signing; the latest checkpoint (None before the first one).
    Ok { latest: Option<StoredCheckpoint> },
    /// The stored history no longer matches the last signed checkpoint.
    Stopped {
        since: NaiveDateTime,
        reason: String,
    },
}

impl SigningStatus {
    pub fn is_stopped(&self) -> bool {
        matches!(self, SigningStatus::Stopped { .. })
    }
}

/// What one signing pass did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignOutcome {
    Signed(StoredCheckpoint),
    /// The log did not grow since the last checkpoint.
    Unchanged,
    /// Signing is (now or already) stopped; the reason.
    Stopped(String),
}

/// The signing key named in the settings, if any.
pub fn load_signing_key(settings: &Settings) -> anyhow::Result<Option<KeyFile>> {
    match &settings.signing_key_file {
        None => Ok(None),
        Some(path) => Ok(Some(KeyFile::load(path)?)),
    }
}

/// Fingerprint of a public key as shown to people: SHA-256 of the 32 key bytes, hex, in
/// groups of four.
pub fn key_fingerprint(key: &KeyFile) -> String {
    crate::audit::key_fingerprint(&key.verifying_key())
}

/// The latest signed checkpoint (public: anyone may check the log).
pub fn latest_checkpoint(
    conn: &mut DbConn,
    who: &Principal,
) -> Result<Option<StoredCheckpoint>, ServiceError> {
    who.may(Operation::LatestCheckpoint)?;
    Ok(q::latest_checkpoint(conn)?.map(Into::into))
}

/// Every signed checkpoint, oldest first (public).
pub fn checkpoints(
    conn: &mut DbConn,
    who: &Principal,
) -> Result<Vec<StoredCheckpoint>, ServiceError> {
    who.may(Operation::Checkpoints)?;
    Ok(q::list_checkpoints(conn)?
        .into_iter()
        .map(Into::into)
        .collect())
}

/// Whether the log is being signed (public: the /audit page says so loudly when not).
pub fn signing_status(
    conn: &mut DbConn,
    who: &Principal,
    key: Option<&KeyFile>,
) -> Result<SigningStatus, ServiceError> {
    who.may(Operation::SigningStatus)?;
    if let Some((since, reason)) = q::signer_stopped(conn)? {
        return Ok(SigningStatus::Stopped { since, reason });
    }
    if key.is_none() {
        return Ok(SigningStatus::NotConfigured);
    }
    Ok(SigningStatus::Ok {
        latest: q::latest_checkpoint(conn)?.map(Into::into),
    })
}

/// The leaf hashes of events 1..=upto, recomputed from the stored payloads. Err(reason)
/// when the stored rows are not a gap-free log whose stored hashes match their payloads.
/// Public, like the log itself (a check of the stored history).
pub fn leaf_hashes(
    conn: &mut DbConn,
    who: &Principal,
    upto: i64,
) -> Result<Result<Vec<Hash>, String>, ServiceError> {
    who.may(Operation::LeafHashes)?;
    leaf_hashes_reading(conn, upto, |_| {})
}

/// [`leaf_hashes`], handing every payload to `each` in `seq` order as it is hashed (the
/// exporter writes `events.jsonl` in the same pass).
fn leaf_hashes_reading(
    conn: &mut DbConn,
    upto: i64,
    mut each: impl FnMut(&str),
) -> Result<Result<Vec<Hash>, String>, ServiceError> {
    let mut out: Vec<Hash> = Vec::with_capacity(usize::try_from(upto).unwrap_or(0));
    let mut problem: Option<String> = None;
    q::for_each_leaf(conn, upto, |row| -> Result<(), ServiceError> {
        if problem.is_some() {
            return Ok(());
        }
        let expected = out.len() as i64 + 1;
        if row.seq != expected {
            problem = Some(format!("gebeurtenis {expected} ontbreekt"));
            return Ok(());
        }
        let h = merkle::leaf_hash(row.payload.as_bytes());
        // The stored hash in lower-case hex, compared without an allocation per event.
        let mut hex_hash = [0u8; 64];
        if hex::encode_to_slice(h, &mut hex_hash).is_err()
            || &hex_hash[..] != row.leaf_hash.as_bytes()
        {
            problem = Some(format!(
                "de opgeslagen hash van gebeurtenis {} past niet bij de inhoud",
                row.seq
            ));
            return Ok(());
        }
        each(&row.payload);
        out.push(h);
        Ok(())
    })?;
    if let Some(p) = problem {
        return Ok(Err(p));
    }
    if (out.len() as i64) < upto {
        return Ok(Err(format!(
            "het logboek telt {} gebeurtenissen, minder dan de {upto} die al ondertekend zijn",
            out.len()
        )));
    }
    Ok(Ok(out))
}

/// Does the stored history still produce the last signed checkpoint? Ok(root of all
/// `leaves`) when it does (or nothing was signed yet), Err(reason) when not.
fn check_history(last: Option<&CheckpointRow>, leaves: &[Hash]) -> Result<Hash, String> {
    let Some(last) = last else {
        return Ok(merkle::root(leaves));
    };
    let size = usize::try_from(last.tree_size).unwrap_or(usize::MAX);
    if leaves.len() < size {
        return Err(format!(
            "het logboek telt {} gebeurtenissen, minder dan de {} van het laatste controlepunt",
            leaves.len(),
            last.tree_size
        ));
    }
    // The root signed for the old size must equal the root recomputed now; together with
    // the consistency proof from it to the new tree this is what a verifier checks.
    let old_root = merkle::root(&leaves[..size]);
    if hex::encode(old_root) != last.root_hex {
        return Err(format!(
            "de eerste {} gebeurtenissen geven nu een andere wortel dan de ondertekende",
            last.tree_size
        ));
    }
    if leaves.len() == size {
        return Ok(old_root);
    }
    let new_root = merkle::root(leaves);
    let proof: Vec<Vec<u8>> = merkle::consistency_proof(leaves, size)
        .unwrap_or_default()
        .iter()
        .map(|h| h.to_vec())
        .collect();
    if merkle::verify_consistency(
        last.tree_size as u64,
        leaves.len() as u64,
        &proof,
        &old_root,
        &new_root,
    )
    .is_err()
    {
        return Err("het consistentiebewijs klopt niet".into());
    }
    Ok(new_root)
}

fn stop(conn: &mut DbConn, reason: &str) -> Result<SignOutcome, ServiceError> {
    tracing::error!(
        reason,
        "AUDIT LOG SIGNING STOPPED: the stored history does not match the last signed \
         checkpoint; nothing will be signed until an administrator runs \
         'burgerbegroting audit resume' (docs/audit-export.md)"
    );
    q::set_signer_stopped(conn, repo::now(), reason)?;
    Ok(SignOutcome::Stopped(reason.to_string()))
}

/// Signs a checkpoint over the whole log when it grew since the last one, after checking
/// that the stored history still matches the last signed checkpoint.
pub fn sign_pending(conn: &mut DbConn, key: &KeyFile) -> Result<SignOutcome, ServiceError> {
    sign_pending_reading(conn, key, |_| {}).map(|s| s.outcome)
}

/// What one signing pass read and signed, for the exporter.
#[derive(Debug)]
pub struct SignedLog {
    pub outcome: SignOutcome,
    /// The checkpoint over exactly `leaves` (just signed, or the last one when the log did
    /// not grow); None when signing stopped or the log is empty.
    pub checkpoint: Option<CheckpointRow>,
    /// The leaf hashes of events 1..=size, recomputed from the stored payloads.
    pub leaves: Vec<Hash>,
}

/// [`sign_pending`], handing every payload to `each` in `seq` order while it is hashed: the
/// exporter writes `events.jsonl` from the very rows the checkpoint is signed over, in one
/// pass (one read of the log, one hash per event).
pub fn sign_pending_reading(
    conn: &mut DbConn,
    key: &KeyFile,
    each: impl FnMut(&str),
) -> Result<SignedLog, ServiceError> {
    // A checkpoint is no round data (`write_housekeeping`): signing, every 30 seconds
    // when the log grew, leaves residents' kept round data valid.
    tx::write_housekeeping(conn, |c| {
        let stopped = |outcome| SignedLog {
            outcome,
            checkpoint: None,
            leaves: Vec::new(),
        };
        if let Some((_, reason)) = q::signer_stopped(c)? {
            return Ok(stopped(SignOutcome::Stopped(reason)));
        }
        let size = q::max_seq(c)?;
        let last = q::latest_checkpoint(c)?;
        let leaves = match leaf_hashes_reading(c, size, each)? {
            Ok(l) => l,
            Err(reason) => return stop(c, &reason).map(stopped),
        };
        let root = match check_history(last.as_ref(), &leaves) {
            Ok(root) => root,
            Err(reason) => return stop(c, &reason).map(stopped),
        };
        if size == 0 || last.as_ref().is_some_and(|l| l.tree_size == size) {
            return Ok(SignedLog {
                outcome: SignOutcome::Unchanged,
                checkpoint: last.filter(|l| l.tree_size == size),
                leaves,
            });
        }
        let cp = Checkpoint {
            origin: key.name().to_string(),
            size: size as u64,
            root,
        };
        let row = CheckpointRow {
            tree_size: size,
            root_hex: cp.root_hex(),
            origin: cp.origin.clone(),
            key_id: hex::encode(key.key_id()),
            note: cp.sign(key),
            signed_at: repo::now(),
        };
        q::insert_checkpoint(c, &row)?;
        Ok(SignedLog {
            outcome: SignOutcome::Signed(row.clone().into()),
            checkpoint: Some(row),
            leaves,
        })
    })
}

/// After signing stopped: checks the stored history again and, only when it matches the
/// last signed checkpoint again (for example after restoring the events from a backup),
/// lets signing continue. Writes an `audit.signing_resumed` event. Administrators only.
pub fn resume(conn: &mut DbConn, who: &Principal) -> Result<(), ServiceError> {
    who.may(Operation::ResumeSigning)?;
    tx::write(conn, |c| {
        let Some((since, reason)) = q::signer_stopped(c)? else {
            return Err(ServiceError::invalid(
                "audit",
                Msg::new(msg_key!("error-audit-not-stopped")),
            ));
        };
        let size = q::max_seq(c)?;
        let last = q::latest_checkpoint(c)?;
        let problem = match leaf_hashes_reading(c, size, |_| {})? {
            Ok(leaves) => check_history(last.as_ref(), &leaves).err(),
            Err(p) => Some(p),
        };
        if let Some(p) = problem {
            return Err(ServiceError::invalid(
                "audit",
                Msg::new(msg_key!("error-audit-history-differs")).arg("problem", p),
            ));
        }
        q::set_signer_resumed(c, repo::now())?;
        audit_repo::append(
            c,
            &who.actor,
            &[NewEvent {
                action: "audit.signing_resumed",
                entity_type: "audit_log",
                entity_id: "signer".into(),
                before: serde_json::json!({"stopped_at": since.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string(), "reason": reason}),
                after: serde_json::json!({"checked_size": size}),
            }],
        )?;
        Ok(())
    })
}

/// Inclusion proof (C2SP tlog-proof text) of event `seq` in the latest checkpoint that
/// contains it. None when no checkpoint covers the event yet. Public.
pub fn inclusion_proof(
    conn: &mut DbConn,
    who: &Principal,
    seq: i64,
) -> Result<Option<String>, ServiceError> {
    who.may(Operation::InclusionProof)?;
    proof_of_event(conn, seq)
}

fn proof_of_event(conn: &mut DbConn, seq: i64) -> Result<Option<String>, ServiceError> {
    let Some(cp) = q::latest_checkpoint(conn)? else {
        return Ok(None);
    };
    if seq < 1 || seq > cp.tree_size {
        return Ok(None);
    }
    let leaves = match leaf_hashes_reading(conn, cp.tree_size, |_| {})? {
        Ok(l) => l,
        Err(_) => return Ok(None),
    };
    let index = (seq - 1) as usize;
    let Some(proof) = merkle::inclusion_proof(&leaves, index) else {
        return Ok(None);
    };
    Ok(Some(note::inclusion_proof_text(
        index as u64,
        &proof,
        &cp.note,
    )))
}

/// The receipt (tracker) printed after voting finds its `ballot.cast` event; returns that
/// event's `seq` and its inclusion proof. None when the receipt is unknown or not yet in a
/// signed checkpoint. Public (a resident checks their own ballot).
pub fn inclusion_proof_for_receipt(
    conn: &mut DbConn,
    who: &Principal,
    receipt: &str,
) -> Result<Option<(i64, String)>, ServiceError> {
    who.may(Operation::InclusionProofForReceipt)?;
    proof_of_receipt(conn, receipt)
}

fn proof_of_receipt(
    conn: &mut DbConn,
    receipt: &str,
) -> Result<Option<(i64, String)>, ServiceError> {
    let receipt = receipt.trim().to_ascii_uppercase();
    // Trackers are letters, digits and one dash; anything else cannot match and must not
    // reach the LIKE pattern.
    if receipt.is_empty()
        || receipt.len() > 32
        || !receipt
            .chars()
            .all(|ch| ch.is_ascii_alphanumeric() || ch == '-')
    {
        return Ok(None);
    }
    let events = q::ballot_events_mentioning(conn, &receipt)?;
    let found = events.into_iter().find(|e| {
        serde_json::from_str::<serde_json::Value>(&e.payload)
            .ok()
            .and_then(|v| v["after"]["tracker"].as_str().map(|t| t == receipt))
            .unwrap_or(false)
    });
    let Some(ev) = found else {
        return Ok(None);
    };
    Ok(proof_of_event(conn, ev.seq)?.map(|p| (ev.seq, p)))
}

/// Where a receipt stands in the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReceiptLookup {
    /// Its `ballot.cast` event is in a signed checkpoint (that event's number).
    InLog { seq: i64 },
    /// The ballot is there, but no checkpoint covers it yet.
    NotYetSigned,
    /// No ballot has this receipt.
    Unknown,
}

/// Finds a receipt for the /audit page. Public.
pub fn find_receipt(
    conn: &mut DbConn,
    who: &Principal,
    receipt: &str,
) -> Result<ReceiptLookup, ServiceError> {
    who.may(Operation::FindReceipt)?;
    if let Some((seq, _)) = proof_of_receipt(conn, receipt)? {
        return Ok(ReceiptLookup::InLog { seq });
    }
    if repo::rounds::tracker_exists(conn, receipt)? {
        return Ok(ReceiptLookup::NotYetSigned);
    }
    Ok(ReceiptLookup::Unknown)
}

/// Consistency proof text between the checkpoints of sizes `old` and `new` (both signed).
/// Public.
pub fn consistency_proof(
    conn: &mut DbConn,
    who: &Principal,
    old: i64,
    new: i64,
) -> Result<Option<String>, ServiceError> {
    who.may(Operation::ConsistencyProof)?;
    if old < 1 || old > new {
        return Ok(None);
    }
    if q::checkpoint_of_size(conn, old)?.is_none() || q::checkpoint_of_size(conn, new)?.is_none() {
        return Ok(None);
    }
    let leaves = match leaf_hashes_reading(conn, new, |_| {})? {
        Ok(l) => l,
        Err(_) => return Ok(None),
    };
    Ok(
        merkle::consistency_proof(&leaves[..new as usize], old as usize)
            .map(|p| note::consistency_proof_text(old as u64, new as u64, &p)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stopped_message_is_loud() {
        let s = SigningStatus::Stopped {
            since: chrono::NaiveDateTime::default(),
            reason: "x".into(),
        };
        // The audit page's words for it (`views::audit`, from the catalogue).
        assert!(crate::views::audit::signing_status_text(&s).starts_with("LET OP"));
        assert!(s.is_stopped());
    }
}
