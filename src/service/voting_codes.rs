//! Voting codes: batches for the mail house, revocation and replacement of lost letters,
//! and the resident's entry of a code (a voter session for one area). See
//! docs/voting-codes.md.
//!
//! Privacy: the database holds handles and salted hashes only. The plain codes leave
//! `generate_batch` and `replace` once (for the CSV or the new letter) and are never
//! written anywhere by this module. Residents' code entries are not audited: the audit
//! log is for staff actions, and a timestamped "handle X signed in" would be a record of
//! who took part.

use crate::domain::message::Msg;
use crate::msg_key;
use chrono::{Duration, NaiveDateTime};
use rand::RngCore;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::throttle;
use super::{Principal, ServiceError};
use crate::db::models::{AreaRow, CodeBatchRow, VoterSessionRow, VotingCodeRow};
use crate::db::repo::{self, audit, ledger as areas, voting_codes as q};
use crate::db::{tx, DbConn};
use crate::domain::audit::NewEvent;
use crate::domain::ids::AreaId;
use crate::domain::permissions::Operation;
use crate::domain::round::RoundId;
use crate::domain::voting_code::{self as vc, VotingCode};

/// Largest batch one request may make (a village or a whole municipality fits).
pub const MAX_BATCH: i32 = 100_000;
/// Stop at half the handle space so drawing a free handle stays quick; old years'
/// codes are deleted after their retention period, which frees handles again.
pub const MAX_STORED: i64 = (vc::HANDLE_SPACE / 2) as i64;
/// How long a resident stays signed in with a code.
pub const VOTER_SESSION_MINUTES: i64 = 60;
/// Years a batch may be made for.
pub const YEARS: std::ops::RangeInclusive<i32> = 2020..=2100;

/// A new batch with its plain codes, to be written to the CSV once and then dropped.
#[derive(Debug)]
pub struct GeneratedBatch {
    pub batch: CodeBatchRow,
    pub area: AreaRow,
    pub codes: Vec<VotingCode>,
}

/// 256-bit session token for the cookie (own copy: the staff session code evolves
/// separately and voter sessions must not depend on it).
fn random_token() -> String {
    let mut b = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut b);
    hex::encode(b)
}

/// The stored form of a voter session token. A plain SHA-256 is enough: the token has
/// 256 random bits.
fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn area_by_slug(conn: &mut DbConn, slug: &str) -> Result<AreaRow, ServiceError> {
    areas::find_area_by_slug(conn, slug.trim())?.ok_or_else(|| {
        ServiceError::invalid("area", Msg::new(msg_key!("error-area-choose-existing")))
    })
}

/// Make `count` new codes for one area and year. Administrators only.
pub fn generate_batch(
    conn: &mut DbConn,
    who: &Principal,
    area_slug: &str,
    year: i32,
    count: i32,
) -> Result<GeneratedBatch, ServiceError> {
    who.may(Operation::GenerateCodes)?;
    if !YEARS.contains(&year) {
        return Err(ServiceError::invalid(
            "year",
            Msg::new(msg_key!("error-year-missing")),
        ));
    }
    if !(1..=MAX_BATCH).contains(&count) {
        return Err(ServiceError::invalid(
            "count",
            Msg::new(msg_key!("error-codes-count")).arg("max", MAX_BATCH),
        ));
    }
    tx::write(conn, |c| {
        let area = area_by_slug(c, area_slug)?;
        let mut used = q::all_handles(c)?;
        if used.len() as i64 + i64::from(count) > MAX_STORED {
            return Err(ServiceError::invalid(
                "count",
                Msg::new(msg_key!("error-codes-too-many-stored"))
                    .arg("stored", used.len())
                    .arg("max", MAX_STORED),
            ));
        }
        let now = repo::now();
        let batch = CodeBatchRow {
            id: Uuid::new_v4().to_string(),
            area_id: area.id.clone(),
            year,
            count,
            created_by: who.key(),
            created_at: now,
        };
        q::insert_batch(c, &batch)?;
        let mut codes = Vec::with_capacity(count as usize);
        while codes.len() < count as usize {
            let code = VotingCode::generate();
            if !used.insert(code.handle().to_string()) {
                continue;
            }
            q::insert_code(c, &new_row(&code, &batch.id, &area.id, year, now))?;
            codes.push(code);
        }
        audit::append(
            c,
            &who.actor,
            &[NewEvent {
                action: "voting_codes.batch_generated",
                entity_type: "code_batch",
                entity_id: batch.id.clone(),
                before: Value::Null,
                after: json!({"area": area.slug, "year": year, "count": count}),
            }],
        )?;
        Ok(GeneratedBatch { batch, area, codes })
    })
}

fn new_row(
    code: &VotingCode,
    batch_id: &str,
    area_id: &AreaId,
    year: i32,
    now: NaiveDateTime,
) -> VotingCodeRow {
    VotingCodeRow {
        handle: code.handle().to_string(),
        batch_id: batch_id.to_string(),
        area_id: area_id.clone(),
        year,
        secret_hash: vc::hash_secret(code.handle(), code.secret()),
        status: q::STATUS_ACTIVE.to_string(),
        replaced_by: None,
        created_at: now,
    }
}

/// The mail house's file: UTF-8 with a byte order mark and `;` between fields, which
/// Dutch Excel opens correctly; `handle;code;area`.
pub fn batch_csv(area_name: &str, codes: &[VotingCode]) -> Result<Vec<u8>, ServiceError> {
    let mut out = Vec::with_capacity(codes.len() * 40 + 32);
    out.extend_from_slice("\u{feff}".as_bytes());
    {
        let mut w = csv::WriterBuilder::new()
            .delimiter(b';')
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        let csv_err = |e: csv::Error| ServiceError::invalid("csv", Msg::verbatim(e.to_string()));
        w.write_record(["handle", "code", "area"])
            .map_err(csv_err)?;
        for code in codes {
            w.write_record(crate::domain::csv_cell::record([
                code.handle(),
                code.formatted().as_str(),
                area_name,
            ]))
            .map_err(csv_err)?;
        }
        w.flush()
            .map_err(|e| ServiceError::invalid("csv", Msg::verbatim(e.to_string())))?;
    }
    Ok(out)
}

/// A batch with counts only: never which code did what.
#[derive(Debug, Clone, serde::Serialize)]
pub struct BatchSummary {
    pub id: String,
    pub area_slug: String,
    pub area_name: String,
    pub year: i32,
    /// Codes made when the batch was generated.
    pub generated: i32,
    /// Rows now in the batch (generated plus replacements).
    pub codes: i64,
    pub active: i64,
    pub revoked: i64,
    /// Revoked codes for which a new letter was made.
    pub replaced: i64,
    /// Codes of this batch that took part in at least one round (online or on paper).
    pub used: i64,
    pub created_at: NaiveDateTime,
}

pub fn list_batches(conn: &mut DbConn, who: &Principal) -> Result<Vec<BatchSummary>, ServiceError> {
    who.may(Operation::ListCodeBatches)?;
    let batches = q::list_batches(conn)?;
    let counts = q::counts_per_batch(conn)?;
    let replaced = q::replaced_per_batch(conn)?;
    let used = crate::db::repo::rounds::used_per_batch(conn)?;
    let areas = areas::list_areas(conn)?;
    let mut out: Vec<BatchSummary> = batches
        .into_iter()
        .map(|b| {
            let area = areas.iter().find(|a| a.id == b.area_id);
            let count_of = |status: &str| {
                counts
                    .iter()
                    .filter(|(id, s, _)| *id == b.id && s == status)
                    .map(|(_, _, n)| *n)
                    .sum::<i64>()
            };
            let active = count_of(q::STATUS_ACTIVE);
            let revoked = count_of(q::STATUS_REVOKED);
            BatchSummary {
                area_slug: area.map(|a| a.slug.clone()).unwrap_or_default(),
                area_name: area.map(|a| a.name.clone()).unwrap_or_default(),
                year: b.year,
                generated: b.count,
                codes: active + revoked,
                active,
                revoked,
                replaced: replaced
                    .iter()
                    .filter(|(id, _)| *id == b.id)
                    .map(|(_, n)| *n)
                    .sum(),
                used: used
                    .iter()
                    .filter(|(id, _)| *id == b.id)
                    .map(|(_, n)| *n)
                    .sum(),
                created_at: b.created_at,
                id: b.id,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.year
            .cmp(&a.year)
            .then_with(|| a.area_name.cmp(&b.area_name))
            .then_with(|| b.created_at.cmp(&a.created_at))
    });
    Ok(out)
}

/// Why a letter is replaced or revoked. A fixed list, not free text: free text tends to
/// collect names ("mevrouw X belde") and the audit log is kept for years.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RevokeReason {
    Lost,
    NotReceived,
    Damaged,
    Other,
}

impl RevokeReason {
    pub const ALL: [RevokeReason; 4] = [
        RevokeReason::Lost,
        RevokeReason::NotReceived,
        RevokeReason::Damaged,
        RevokeReason::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RevokeReason::Lost => "lost",
            RevokeReason::NotReceived => "not_received",
            RevokeReason::Damaged => "damaged",
            RevokeReason::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<RevokeReason> {
        RevokeReason::ALL
            .into_iter()
            .find(|r| r.as_str() == s.trim())
    }

    pub fn label_nl(self) -> &'static str {
        match self {
            RevokeReason::Lost => "Brief kwijt",
            RevokeReason::NotReceived => "Brief niet ontvangen",
            RevokeReason::Damaged => "Brief beschadigd of onleesbaar",
            RevokeReason::Other => "Andere reden",
        }
    }
}

fn active_code(conn: &mut DbConn, handle_text: &str) -> Result<VotingCodeRow, ServiceError> {
    let handle = vc::parse_handle(handle_text).ok_or_else(|| {
        ServiceError::invalid("handle", Msg::new(msg_key!("error-code-handle-missing")))
    })?;
    let row = q::find_code(conn, &handle)?.ok_or_else(|| {
        ServiceError::invalid("handle", Msg::new(msg_key!("error-code-handle-unknown")))
    })?;
    if row.status != q::STATUS_ACTIVE {
        return Err(ServiceError::invalid(
            "handle",
            Msg::new(msg_key!("error-code-already-revoked")),
        ));
    }
    Ok(row)
}

/// The code a revoke or replace would change, for the question asked before it: the
/// same checks as the change itself (refused on the `handle` field), nothing written.
#[derive(Debug, Clone)]
pub struct CodeToChange {
    pub handle: String,
    pub area_name: String,
    pub year: i32,
    /// Someone is signed in with this code now (the change ends that session).
    pub in_use: bool,
}

pub fn code_to_change(
    conn: &mut DbConn,
    who: &Principal,
    handle: &str,
) -> Result<CodeToChange, ServiceError> {
    who.may(Operation::RevokeCode)?;
    let row = active_code(conn, handle)?;
    let area = q::find_area(conn, &row.area_id)?.ok_or(ServiceError::NotFound(crate::msg_key!(
        "error-missing-area"
    )))?;
    let in_use = q::has_sessions(conn, &row.handle)?;
    Ok(CodeToChange {
        handle: row.handle,
        area_name: area.name,
        year: row.year,
        in_use,
    })
}

/// Revoke a code (lost letter): it can no longer open a voter session, and open
/// sessions with it end.
pub fn revoke(
    conn: &mut DbConn,
    who: &Principal,
    handle: &str,
    reason: RevokeReason,
) -> Result<VotingCodeRow, ServiceError> {
    who.may(Operation::RevokeCode)?;
    tx::write(conn, |c| {
        let row = active_code(c, handle)?;
        q::set_revoked(c, &row.handle, None)?;
        q::delete_sessions_of(c, &row.handle)?;
        audit::append(
            c,
            &who.actor,
            &[NewEvent {
                action: "voting_code.revoked",
                entity_type: "voting_code",
                entity_id: row.handle.clone(),
                before: json!({"status": q::STATUS_ACTIVE}),
                after: json!({"status": q::STATUS_REVOKED, "reason": reason.as_str()}),
            }],
        )?;
        Ok(VotingCodeRow {
            status: q::STATUS_REVOKED.to_string(),
            ..row
        })
    })
}

/// A replacement letter: the old code is revoked and a new one made for the same area
/// and year, in one transaction. The new plain code is returned once.
#[derive(Debug)]
pub struct Replacement {
    pub old_handle: String,
    pub code: VotingCode,
    pub area: AreaRow,
    pub year: i32,
}

pub fn replace(
    conn: &mut DbConn,
    who: &Principal,
    handle: &str,
    reason: RevokeReason,
) -> Result<Replacement, ServiceError> {
    who.may(Operation::ReplaceCode)?;
    tx::write(conn, |c| {
        let old = active_code(c, handle)?;
        let used = q::all_handles(c)?;
        let code = loop {
            let code = VotingCode::generate();
            if !used.contains(code.handle()) {
                break code;
            }
        };
        let now = repo::now();
        // Insert first: replaced_by references the new row.
        q::insert_code(
            c,
            &new_row(&code, &old.batch_id, &old.area_id, old.year, now),
        )?;
        q::set_revoked(c, &old.handle, Some(code.handle()))?;
        q::delete_sessions_of(c, &old.handle)?;
        audit::append(
            c,
            &who.actor,
            &[NewEvent {
                action: "voting_code.replaced",
                entity_type: "voting_code",
                entity_id: old.handle.clone(),
                before: json!({"status": q::STATUS_ACTIVE}),
                after: json!({
                    "status": q::STATUS_REVOKED,
                    "reason": reason.as_str(),
                    "replaced_by": code.handle(),
                }),
            }],
        )?;
        let area = q::find_area(c, &old.area_id)?.ok_or(ServiceError::NotFound(
            crate::msg_key!("error-missing-area"),
        ))?;
        Ok(Replacement {
            old_handle: old.handle,
            code,
            area,
            year: old.year,
        })
    })
}

/// A resident with a valid code, as the pages see them.
#[derive(Debug, Clone)]
pub struct Voter {
    pub handle: String,
    pub area_id: AreaId,
    pub area_slug: String,
    pub area_name: String,
    pub year: i32,
    pub token_hash: String,
    /// The version of the round data when the voter was looked up (see
    /// `service::round_cache`).
    pub round_data_version: i64,
    /// The rounds this code voted in, read with the voter (a ballot is cast under the
    /// lock, which finds out again).
    pub voted_in: Vec<RoundId>,
}

/// A voter session just opened; `token` goes into the cookie, only its hash is stored.
#[derive(Debug, Clone)]
pub struct VoterSession {
    pub token: String,
    pub area_slug: String,
    pub area_name: String,
    pub year: i32,
    pub expires_at: NaiveDateTime,
}

/// Why no voter session was opened.
#[derive(Debug, thiserror::Error)]
pub enum CodeRefused {
    /// Unknown, revoked, wrong area, mistyped: one answer for all of them.
    #[error("code refused")]
    Refused,
    /// Too many failures from this address or for this handle.
    #[error("too many attempts")]
    TooManyAttempts,
    #[error(transparent)]
    Failed(#[from] ServiceError),
}

impl From<diesel::result::Error> for CodeRefused {
    fn from(e: diesel::result::Error) -> Self {
        CodeRefused::Failed(e.into())
    }
}

/// The resident typed `code_text` (on the page of `area_slug`, if any) from `client`
/// (an address key, see `web::codes::client_key`). Unknown handle, wrong secret, revoked
/// code and wrong area all do the same work (one lookup, one hash, the same throttle
/// writes) and give the same `Refused`.
pub fn open_voter_session(
    conn: &mut DbConn,
    code_text: &str,
    area_slug: Option<&str>,
    client: &str,
    now: NaiveDateTime,
) -> Result<VoterSession, CodeRefused> {
    let entry = CodeEntry::new(code_text, area_slug, client, now);
    // Sessions and throttle steps change nothing a round's pages show (`write_votes`).
    tx::write_votes(conn, |c| entry.store(c))?
}

/// A code typed in, ready to be checked and written under the write lock (by
/// [`open_voter_session`], or in a group of residents' writes: `service::resident_writes`).
pub struct CodeEntry {
    parsed: Option<VotingCode>,
    area_slug: Option<String>,
    ip_key: String,
    handle_key: Option<String>,
    token: String,
    now: NaiveDateTime,
}

impl CodeEntry {
    /// What can be worked out before the lock: the code read, the throttle keys, the
    /// session's token.
    pub fn new(
        code_text: &str,
        area_slug: Option<&str>,
        client: &str,
        now: NaiveDateTime,
    ) -> CodeEntry {
        let parsed = VotingCode::parse(code_text).ok();
        let handle_key = parsed
            .as_ref()
            .map(|c| throttle::key("votecode:handle", c.handle()));
        CodeEntry {
            parsed,
            area_slug: area_slug.map(str::to_string),
            ip_key: throttle::key("votecode:ip", client),
            handle_key,
            token: random_token(),
            now,
        }
    }

    /// The checks and writes under the lock. A refusal is an `Ok(Err(…))`: its throttle
    /// steps are kept. Only a failure (`Err`) rolls back.
    pub fn store(self, c: &mut DbConn) -> Result<Result<VoterSession, CodeRefused>, CodeRefused> {
        // Finished throttle rows are not deleted here but by the hourly housekeeping
        // (`maintenance::prune_expired`): a row whose window has passed decides nothing
        // (`throttle::record_failure` starts counting again, `throttle::blocks` looks at
        // `blocked_until`). A delete on every code entry was a statement per resident and,
        // on PostgreSQL, a scan of the whole table, which an attack with many addresses
        // makes as large as it likes.
        // The address's and the handle's failures in one read.
        let (ip_bucket, handle_bucket) =
            throttle::buckets(c, &self.ip_key, self.handle_key.as_deref())?;
        let blocked = |b: &Option<_>| b.as_ref().is_some_and(|b| throttle::blocks(b, self.now));
        if blocked(&ip_bucket) || blocked(&handle_bucket) {
            return Ok(Err(CodeRefused::TooManyAttempts));
        }
        let (Some(code), Some(handle_key)) = (&self.parsed, &self.handle_key) else {
            throttle::record_failure(c, &self.ip_key, throttle::vote_code_per_ip(), self.now)?;
            return Ok(Err(CodeRefused::Refused));
        };
        // The code with its area in one read; the page's area (if any) is compared by
        // its slug, which is unique.
        let row = q::find_code_with_area(c, code.handle())?;
        let stored = row
            .as_ref()
            .map(|(r, _)| r.secret_hash.as_str())
            .unwrap_or_else(|| vc::dummy_hash());
        let secret_ok = vc::verify(code.handle(), code.secret(), stored);
        let page_slug = self.area_slug.as_deref().map(str::trim);
        let accepted = row.filter(|(r, area)| {
            let area_ok = match page_slug {
                None => true,
                Some(slug) => area.as_ref().is_some_and(|a| a.slug == slug),
            };
            secret_ok && r.status == q::STATUS_ACTIVE && area_ok
        });
        let Some((row, area)) = accepted else {
            throttle::record_failure(c, &self.ip_key, throttle::vote_code_per_ip(), self.now)?;
            throttle::record_failure(c, handle_key, throttle::vote_code_per_handle(), self.now)?;
            return Ok(Err(CodeRefused::Refused));
        };
        // Checked before anything is written: an `Err` of this step is a failure, and
        // fails the group it is written in (`db::group_commit`), but never after a change.
        let area = area.ok_or(ServiceError::NotFound(crate::msg_key!(
            "error-missing-area"
        )))?;
        // Only a handle with failures has a row to forget.
        if handle_bucket.is_some() {
            throttle::clear(c, handle_key)?;
        }
        // Expired sessions are not deleted here: `find_voter` refuses them, and the hourly
        // housekeeping (`maintenance::prune_expired`) deletes them. A delete on every code
        // entry cost a statement per resident, and on PostgreSQL a scan of the whole table
        // (a range on `expires_at` with an unknown bound is planned as a third of it).
        let expires_at = self.now + Duration::minutes(VOTER_SESSION_MINUTES);
        q::insert_session(
            c,
            &VoterSessionRow {
                token_hash: hash_token(&self.token),
                handle: row.handle.clone(),
                area_id: row.area_id.clone(),
                year: row.year,
                created_at: self.now,
                expires_at,
            },
        )?;
        Ok(Ok(VoterSession {
            token: self.token,
            area_slug: area.slug,
            area_name: area.name,
            year: row.year,
            expires_at,
        }))
    }
}

/// The resident behind a voter cookie: None when unknown, expired or revoked since.
pub fn voter(
    conn: &mut DbConn,
    token: &str,
    now: NaiveDateTime,
) -> Result<Option<Voter>, ServiceError> {
    let th = hash_token(token);
    let Some(found) = q::find_voter(conn, &th)? else {
        return Ok(None);
    };
    let (s, area) = (found.session, found.area);
    if now >= s.expires_at || found.status != q::STATUS_ACTIVE {
        return Ok(None);
    }
    Ok(Some(Voter {
        handle: s.handle,
        area_id: area.id,
        area_slug: area.slug,
        area_name: area.name,
        year: s.year,
        token_hash: th,
        round_data_version: found.round_data_version,
        voted_in: found.voted_in,
    }))
}

/// End a voter session (the resident is done, or leaves a shared computer).
pub fn end_voter_session(conn: &mut DbConn, token: &str) -> Result<(), ServiceError> {
    tx::write_votes(conn, |c| {
        q::delete_session(c, &hash_token(token))?;
        Ok(())
    })
}

/// The areas a batch can be made for.
pub fn areas_for_codes(
    conn: &mut DbConn,
    who: &Principal,
) -> Result<Vec<super::rounds::AreaInfo>, ServiceError> {
    who.may(Operation::AreasForCodes)?;
    Ok(areas::list_areas(conn)?
        .into_iter()
        .map(super::rounds::AreaInfo::from)
        .collect())
}

/// The command line's `codes generate`: make a batch and write its CSV to `out`, which
/// must not exist yet (codes are written once; an old file is never overwritten). The
/// file is created first, readable by its owner only, so a bad path fails before any
/// codes are made.
pub fn generate_to_file(
    conn: &mut DbConn,
    who: &Principal,
    area_slug: &str,
    year: i32,
    count: i32,
    out: &std::path::Path,
) -> Result<GeneratedBatch, ServiceError> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(out).map_err(|e| {
        let message = if e.kind() == std::io::ErrorKind::AlreadyExists {
            Msg::new(msg_key!("error-codes-file-exists")).arg("file", out.display().to_string())
        } else {
            Msg::new(msg_key!("error-codes-file-not-made"))
                .arg("file", out.display().to_string())
                .arg("detail", e.to_string())
        };
        ServiceError::invalid("out", message)
    })?;
    let generated = match generate_batch(conn, who, area_slug, year, count) {
        Ok(g) => g,
        Err(e) => {
            drop(file);
            let _ = std::fs::remove_file(out);
            return Err(e);
        }
    };
    let csv = batch_csv(&generated.area.name, &generated.codes)?;
    file.write_all(&csv)
        .and_then(|_| file.sync_all())
        .map_err(|e| {
            ServiceError::invalid(
                "out",
                Msg::new(msg_key!("error-codes-file-not-written"))
                    .arg("batch", &generated.batch.id)
                    .arg("file", out.display().to_string())
                    .arg("detail", e.to_string()),
            )
        })?;
    Ok(generated)
}
