use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::models::SessionRow;
use crate::db::schema::sessions;
use crate::db::DbConn;

pub fn insert(conn: &mut DbConn, row: &SessionRow) -> QueryResult<()> {
    diesel::insert_into(sessions::table)
        .values(row.clone())
        .execute(conn)
        .map(|_| ())
}

pub fn find(conn: &mut DbConn, token_hash: &str) -> QueryResult<Option<SessionRow>> {
    sessions::table.find(token_hash).get_result(conn).optional()
}

pub fn touch(conn: &mut DbConn, token_hash: &str, at: NaiveDateTime) -> QueryResult<()> {
    diesel::update(sessions::table.find(token_hash))
        .set(sessions::last_seen_at.eq(at))
        .execute(conn)
        .map(|_| ())
}

pub fn revoke(conn: &mut DbConn, token_hash: &str) -> QueryResult<()> {
    diesel::update(sessions::table.find(token_hash))
        .set(sessions::revoked.eq(true))
        .execute(conn)
        .map(|_| ())
}

/// Live sessions of one user (not revoked, before their absolute end), newest first.
pub fn live_of_user(
    conn: &mut DbConn,
    user_id: &str,
    now: NaiveDateTime,
) -> QueryResult<Vec<SessionRow>> {
    sessions::table
        .filter(sessions::user_id.eq(user_id))
        .filter(sessions::revoked.eq(false))
        .filter(sessions::expires_at.gt(now))
        .order(sessions::created_at.desc())
        .load(conn)
}

pub fn revoke_all_for_user(conn: &mut DbConn, user_id: &str) -> QueryResult<usize> {
    diesel::update(sessions::table.filter(sessions::user_id.eq(user_id)))
        .set(sessions::revoked.eq(true))
        .execute(conn)
}

/// Staff sessions that can never be used again: past their absolute end, or revoked.
pub fn delete_dead(conn: &mut DbConn, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(
        sessions::table.filter(sessions::expires_at.le(now).or(sessions::revoked.eq(true))),
    )
    .execute(conn)
}
