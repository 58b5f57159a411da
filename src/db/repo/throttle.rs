//! Failed-attempt counters, one row per key (`votecode:ip:…`, `votecode:handle:…`, later
//! `login:…`). Callers run these inside `tx::write`, which makes read-then-write safe.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::models::ThrottleBucketRow;
use crate::db::schema::throttle_buckets;
use crate::db::DbConn;

pub fn find(conn: &mut DbConn, key: &str) -> QueryResult<Option<ThrottleBucketRow>> {
    let query = throttle_buckets::table.find(key);
    crate::on_backend!(conn, |c| query.get_result(c).optional())
}

/// The rows of two keys, in one statement (a code entry looks up its address and its
/// handle: on PostgreSQL each statement is a round trip).
pub fn find_both(
    conn: &mut DbConn,
    first: &str,
    second: &str,
) -> QueryResult<Vec<ThrottleBucketRow>> {
    let query = throttle_buckets::table.filter(
        throttle_buckets::key
            .eq(first)
            .or(throttle_buckets::key.eq(second)),
    );
    crate::on_backend!(conn, |c| query.load(c))
}

/// Insert or replace the row for `row.key`.
pub fn save(conn: &mut DbConn, row: &ThrottleBucketRow) -> QueryResult<()> {
    // Delete + insert instead of an upsert: ON CONFLICT is outside the MultiConnection's
    // common subset, and the caller holds the write lock, so nobody sees the gap.
    diesel::delete(throttle_buckets::table.find(&row.key)).execute(conn)?;
    diesel::insert_into(throttle_buckets::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn delete(conn: &mut DbConn, key: &str) -> QueryResult<usize> {
    diesel::delete(throttle_buckets::table.find(key)).execute(conn)
}

/// Remove rows whose counting window started before `window_before` and that are not
/// blocked at `now`: they can no longer change any decision.
pub fn prune(
    conn: &mut DbConn,
    window_before: NaiveDateTime,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    let delete = diesel::delete(
        throttle_buckets::table
            .filter(throttle_buckets::window_start.lt(window_before))
            .filter(
                throttle_buckets::blocked_until
                    .is_null()
                    .or(throttle_buckets::blocked_until.le(now)),
            ),
    );
    crate::on_backend!(conn, |c| delete.execute(c))
}

pub fn count(conn: &mut DbConn) -> QueryResult<i64> {
    throttle_buckets::table.count().get_result(conn)
}
