//! Queries, one file per aggregate. Plain functions over `&mut DbConn`.

pub mod audit;
pub mod audit_log;
pub mod ledger;
pub mod mail;
pub mod report;
pub mod rounds;
pub mod sessions;
pub mod throttle;
pub mod users;
pub mod voting_codes;

/// Current time in UTC, truncated to microseconds so both backends store the same value.
pub fn now() -> chrono::NaiveDateTime {
    let n = chrono::Utc::now().naive_utc();
    chrono::DurationRound::duration_trunc(n, chrono::Duration::microseconds(1)).unwrap_or(n)
}
