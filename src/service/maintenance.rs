//! Housekeeping and scheduled work.
//!
//! - [`prune_expired`] deletes rows that can never be used again, so that personal data is
//!   not kept longer than docs/security.md says.
//! - [`run_once_per_period`] is how `serve` runs scheduled work (this pruning every hour,
//!   the audit signer every 30 seconds) once per period however many servers share the
//!   database: a claim row per job in `scheduled_jobs`, moved under the write lock in the
//!   same transaction as the work. New scheduled work (e.g. a round calendar) uses it too;
//!   `startup::spawn_scheduled` is the loop around it.

use chrono::{Duration, NaiveDateTime};
use serde_json::{json, Value};

use super::audit_log::{self, SignOutcome};
use super::{Principal, ServiceError};
use crate::db::repo::scheduled_jobs::{self, ScheduledJobRow};
use crate::db::repo::{audit, sessions, users, voting_codes};
use crate::db::{tx, DbConn};
use crate::domain::audit::{Actor, NewEvent};
use crate::keys::KeyFile;

/// How many rows each table lost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct Pruned {
    pub sessions: usize,
    pub login_tickets: usize,
    pub voter_sessions: usize,
    pub throttle_buckets: usize,
}

impl Pruned {
    pub fn total(&self) -> usize {
        self.sessions + self.login_tickets + self.voter_sessions + self.throttle_buckets
    }
}

/// Deletes expired or revoked staff sessions, expired login tickets and voter sessions,
/// and throttle rows whose window and block are over. One audit event with the counts
/// when anything was deleted (none when there was nothing to do).
pub fn prune_expired(conn: &mut DbConn, now: NaiveDateTime) -> Result<Pruned, ServiceError> {
    // Sessions, tickets and throttle rows are no round data (`write_housekeeping`).
    tx::write_housekeeping(conn, |c| {
        let pruned = Pruned {
            sessions: sessions::delete_dead(c, now)?,
            login_tickets: users::delete_expired_login_tickets(c, now)?,
            voter_sessions: voting_codes::prune_sessions(c, now)?,
            throttle_buckets: super::throttle::prune(c, now)?,
        };
        if pruned.total() > 0 {
            audit::append(
                c,
                &Actor::System,
                &[NewEvent {
                    action: "maintenance.pruned",
                    entity_type: "maintenance",
                    entity_id: "expired-rows".into(),
                    before: Value::Null,
                    after: json!(pruned),
                }],
            )?;
        }
        Ok(pruned)
    })
}

/// The housekeeping job: [`prune_expired`] once an hour across all servers.
pub const PRUNE_JOB: &str = "maintenance.prune";
pub const PRUNE_PERIOD: Duration = Duration::hours(1);

/// The audit signer: [`sign_checkpoint`] once per 30 seconds across all servers.
pub const SIGN_JOB: &str = "audit.sign";
pub const SIGN_PERIOD: Duration = Duration::seconds(30);

/// The start of the period that `now` falls in. Periods are counted from the Unix epoch,
/// so every server (with a correct clock) cuts time into the same periods.
pub fn period_start(now: NaiveDateTime, period: Duration) -> NaiveDateTime {
    let len = period.num_microseconds().unwrap_or(i64::MAX).max(1);
    let t = now.and_utc().timestamp_micros();
    let start = t.div_euclid(len).saturating_mul(len);
    chrono::DateTime::from_timestamp_micros(start)
        .map(|d| d.naive_utc())
        .unwrap_or(now)
}

/// What [`run_once_per_period`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scheduled<T> {
    /// This call claimed the period and the work ran (and committed) with the claim.
    Ran {
        period_start: NaiveDateTime,
        output: T,
    },
    /// The job already ran for this period; the row says when and by which server.
    AlreadyDone(ScheduledJobRow),
}

/// Runs `work` at most once per `period` for all servers on the database together.
///
/// The period containing `now` (see [`period_start`]) is claimed on the job's row in
/// `scheduled_jobs` under the write lock, and `work` runs in that same transaction: when
/// it returns an error (or the process dies) the claim is undone with the work, and the
/// next call, here or on another server, tries again. When the job already ran for this
/// period, nothing is locked (a plain read first) and `AlreadyDone` tells who ran it.
///
/// `work` holds the write lock while it runs, so it must be short (a few queries, like
/// housekeeping or signing), and it must do its writes through `conn` (a nested
/// `tx::write` inside it is a savepoint of the same transaction). `runner` names this
/// server in the row ([`runner_name`]).
pub fn run_once_per_period<T>(
    conn: &mut DbConn,
    job: &str,
    period: Duration,
    now: NaiveDateTime,
    runner: &str,
    work: impl FnOnce(&mut DbConn) -> Result<T, ServiceError>,
) -> Result<Scheduled<T>, ServiceError> {
    let start = period_start(now, period);
    let done =
        |row: &Option<ScheduledJobRow>| row.as_ref().filter(|r| r.period_start >= start).cloned();
    if let Some(row) = done(&scheduled_jobs::find(conn, job)?) {
        return Ok(Scheduled::AlreadyDone(row));
    }
    // The claim is no round data; work that changes round data raises the counter itself
    // (its own `tx::write`, nested here as a savepoint, raises it in this transaction).
    tx::write_housekeeping(conn, |c| {
        let previous = scheduled_jobs::find(c, job)?;
        if let Some(row) = done(&previous) {
            return Ok(Scheduled::AlreadyDone(row));
        }
        scheduled_jobs::save(
            c,
            &ScheduledJobRow {
                job: job.to_string(),
                period_start: start,
                ran_at: now,
                ran_by: runner.to_string(),
                runs: previous.map_or(0, |r| r.runs).saturating_add(1),
            },
        )?;
        let output = work(c)?;
        Ok(Scheduled::Ran {
            period_start: start,
            output,
        })
    })
}

/// This server's name in `scheduled_jobs.ran_by`: host name and process id.
pub fn runner_name() -> String {
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "localhost".into());
    format!("{host} pid {}", std::process::id())
}

/// The scheduled signing pass: [`audit_log::sign_pending`], but only with the key that
/// signed the last checkpoint. A server started with another `signing_key_file` than the
/// others would otherwise sign every other checkpoint with its own key: two signers in one
/// history, which no verifier holding one key accepts. It signs nothing and the error
/// (which also undoes the period's claim, so a rightly configured server signs instead)
/// names both keys. A new key for a new log starts on an empty checkpoint table only.
pub fn sign_checkpoint(conn: &mut DbConn, key: &KeyFile) -> Result<SignOutcome, ServiceError> {
    let ours = hex::encode(key.key_id());
    if let Some(last) = audit_log::latest_checkpoint(conn, &Principal::system())? {
        if last.key_id != ours {
            return Err(ServiceError::invalid(
                "signing_key_file",
                crate::domain::message::Msg::new(crate::msg_key!("error-signing-key-differs"))
                    .arg("ours", ours)
                    .arg("name", key.name())
                    .arg("theirs", &last.key_id)
                    .arg("origin", &last.origin),
            ));
        }
    }
    audit_log::sign_pending(conn, key)
}
