//! Queries, one file per aggregate. Plain functions over `&mut DbConn`.
//!
//! Lookups of one row use `.get_result()` (on a key or an aggregate), not `.first()`:
//! `.first()` adds `LIMIT ?` with the 1 as a bound parameter, and SQLite (3.53, bundled) plans a
//! statement with a bound LIMIT for that value and marks it to be prepared again whenever
//! the parameter is bound, i.e. on every run. The cached statement is then never reused
//! (`sqlite3Reprepare` was a quarter of the server's CPU on the voting pages; see
//! docs/performance.md, "Resident paths"). Where a top row of an ordering is needed and
//! the query is not on a hot path, `.first()` is still fine.

pub mod audit;
pub mod audit_log;
pub mod ballot_statement;
pub mod holds;
pub mod ledger;
pub mod mail;
pub mod objections;
pub mod page_version;
pub mod plan_money;
pub mod plan_review;
pub mod report;
pub mod rounds;
pub mod scheduled_jobs;
pub mod sessions;
pub mod throttle;
pub mod users;
pub mod voting_codes;

/// Current time in UTC, truncated to microseconds so both backends store the same value.
pub fn now() -> chrono::NaiveDateTime {
    let n = chrono::Utc::now().naive_utc();
    chrono::DurationRound::duration_trunc(n, chrono::Duration::microseconds(1)).unwrap_or(n)
}
