//! Attempt limits kept in the database, so a restart (or a second server process) does
//! not hand an attacker a fresh set of tries. Generic over keys: voting codes use
//! `votecode:ip:…` and `votecode:handle:…`; staff login can add its own prefixes.
//!
//! A key counts failures in a fixed window that starts at its first failure. Reaching
//! `max_failures` blocks the key until `block` has passed; while blocked, callers refuse
//! without checking anything. Every function here must run inside `tx::write`.

use chrono::{Duration, NaiveDateTime};
use diesel::QueryResult;

use crate::db::models::ThrottleBucketRow;
use crate::db::repo::throttle as repo;
use crate::db::DbConn;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub max_failures: i32,
    pub window: Duration,
    pub block: Duration,
}

/// Voting codes per client address: 10 failures in 15 minutes block for 15 minutes.
/// Enough for a household mistyping a few letters; far too few to guess 79-bit secrets.
pub fn vote_code_per_ip() -> Limit {
    Limit {
        max_failures: 10,
        window: Duration::minutes(15),
        block: Duration::minutes(15),
    }
}

/// Voting codes per handle: 5 failures in 15 minutes block that handle for 15 minutes,
/// also for the right code (otherwise the block would still answer guesses).
pub fn vote_code_per_handle() -> Limit {
    Limit {
        max_failures: 5,
        window: Duration::minutes(15),
        block: Duration::minutes(15),
    }
}

/// The longest window or block any limit uses: older rows can be pruned.
pub const LONGEST: i64 = 60;

pub fn key(scope: &str, subject: &str) -> String {
    format!("{scope}:{subject}")
}

/// Whether `key` is blocked at `now`.
pub fn is_blocked(conn: &mut DbConn, key: &str, now: NaiveDateTime) -> QueryResult<bool> {
    Ok(bucket(conn, key)?.is_some_and(|b| blocks(&b, now)))
}

/// The stored failures of `key`, if any.
pub fn bucket(conn: &mut DbConn, key: &str) -> QueryResult<Option<ThrottleBucketRow>> {
    repo::find(conn, key)
}

/// The stored failures of `first` and of `second` (if given), read together.
pub fn buckets(
    conn: &mut DbConn,
    first: &str,
    second: Option<&str>,
) -> QueryResult<(Option<ThrottleBucketRow>, Option<ThrottleBucketRow>)> {
    let Some(second) = second else {
        return Ok((repo::find(conn, first)?, None));
    };
    let (mut a, mut b) = (None, None);
    for row in repo::find_both(conn, first, second)? {
        if row.key == first {
            a = Some(row);
        } else if row.key == second {
            b = Some(row);
        }
    }
    Ok((a, b))
}

/// Whether a stored row blocks its key at `now`.
pub fn blocks(bucket: &ThrottleBucketRow, now: NaiveDateTime) -> bool {
    bucket.blocked_until.is_some_and(|until| until > now)
}

/// Count one failure; returns true when this failure blocks the key.
pub fn record_failure(
    conn: &mut DbConn,
    key: &str,
    limit: Limit,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let current = repo::find(conn, key)?;
    let mut row = match current {
        Some(b) if now < b.window_start + limit.window => b,
        // No row, or its window has passed: start counting again.
        _ => ThrottleBucketRow {
            key: key.to_string(),
            window_start: now,
            attempts: 0,
            blocked_until: None,
        },
    };
    row.attempts = row.attempts.saturating_add(1);
    let blocks = row.attempts >= limit.max_failures;
    if blocks {
        row.blocked_until = Some(now + limit.block);
        // A fresh window after the block: the next failure counts from one again.
        row.window_start = now;
        row.attempts = 0;
    }
    repo::save(conn, &row)?;
    Ok(blocks)
}

/// Forget the failures of `key` (after a success that proves the secret was known).
pub fn clear(conn: &mut DbConn, key: &str) -> QueryResult<()> {
    repo::delete(conn, key).map(|_| ())
}

/// Delete rows that can no longer change a decision (data minimisation: client
/// addresses are kept only as long as they matter).
pub fn prune(conn: &mut DbConn, now: NaiveDateTime) -> QueryResult<usize> {
    repo::prune(conn, now - Duration::minutes(LONGEST), now)
}
