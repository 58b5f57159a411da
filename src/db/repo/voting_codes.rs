//! Code batches, voting codes and voter sessions. No query here returns or takes a
//! plain code: only handles and hashes.

use std::collections::HashSet;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::models::{AreaRow, CodeBatchRow, VoterSessionRow, VotingCodeRow};
use crate::db::schema::{
    areas, code_batches, code_participation, voter_sessions, voting_codes, write_lock,
};
use crate::db::DbConn;
use crate::domain::round::RoundId;

pub const STATUS_ACTIVE: &str = "active";
pub const STATUS_REVOKED: &str = "revoked";

pub fn find_area(conn: &mut DbConn, id: &str) -> QueryResult<Option<AreaRow>> {
    areas::table.find(id).get_result(conn).optional()
}

pub fn insert_batch(conn: &mut DbConn, row: &CodeBatchRow) -> QueryResult<()> {
    diesel::insert_into(code_batches::table)
        .values(row.clone())
        .execute(conn)
        .map(|_| ())
}

pub fn list_batches(conn: &mut DbConn) -> QueryResult<Vec<CodeBatchRow>> {
    code_batches::table
        .order((code_batches::year.desc(), code_batches::created_at.desc()))
        .load(conn)
}

pub fn find_batch(conn: &mut DbConn, id: &str) -> QueryResult<Option<CodeBatchRow>> {
    code_batches::table.find(id).get_result(conn).optional()
}

pub fn insert_code(conn: &mut DbConn, row: &VotingCodeRow) -> QueryResult<()> {
    diesel::insert_into(voting_codes::table)
        .values(row.clone())
        .execute(conn)
        .map(|_| ())
}

pub fn find_code(conn: &mut DbConn, handle: &str) -> QueryResult<Option<VotingCodeRow>> {
    let query = voting_codes::table.find(handle);
    crate::on_backend!(conn, |c| query.get_result(c).optional())
}

/// A code with its area, in one statement (entering a code needs both: on PostgreSQL
/// each statement is a round trip). The area is `None` only in a damaged database.
pub fn find_code_with_area(
    conn: &mut DbConn,
    handle: &str,
) -> QueryResult<Option<(VotingCodeRow, Option<AreaRow>)>> {
    let query = voting_codes::table
        .left_join(areas::table.on(areas::id.eq(voting_codes::area_id)))
        .filter(voting_codes::handle.eq(handle));
    crate::on_backend!(conn, |c| query.get_result(c).optional())
}

/// Every handle in use, to draw new ones that do not collide.
pub fn all_handles(conn: &mut DbConn) -> QueryResult<HashSet<String>> {
    let v: Vec<String> = voting_codes::table
        .select(voting_codes::handle)
        .load(conn)?;
    Ok(v.into_iter().collect())
}

pub fn count_codes(conn: &mut DbConn) -> QueryResult<i64> {
    voting_codes::table.count().get_result(conn)
}

/// (batch id, status, number of codes) per group.
/// Counts only: never which code did what.
pub fn counts_per_batch(conn: &mut DbConn) -> QueryResult<Vec<(String, String, i64)>> {
    voting_codes::table
        .group_by((voting_codes::batch_id, voting_codes::status))
        .select((
            voting_codes::batch_id,
            voting_codes::status,
            diesel::dsl::count_star(),
        ))
        .load(conn)
}

/// Revoked codes that got a replacement, per batch.
pub fn replaced_per_batch(conn: &mut DbConn) -> QueryResult<Vec<(String, i64)>> {
    voting_codes::table
        .filter(voting_codes::replaced_by.is_not_null())
        .group_by(voting_codes::batch_id)
        .select((voting_codes::batch_id, diesel::dsl::count_star()))
        .load(conn)
}

pub fn set_revoked(
    conn: &mut DbConn,
    handle: &str,
    replaced_by: Option<&str>,
) -> QueryResult<usize> {
    diesel::update(
        voting_codes::table
            .find(handle)
            .filter(voting_codes::status.eq(STATUS_ACTIVE)),
    )
    .set((
        voting_codes::status.eq(STATUS_REVOKED),
        voting_codes::replaced_by.eq(replaced_by),
    ))
    .execute(conn)
}

pub fn insert_session(conn: &mut DbConn, row: &VoterSessionRow) -> QueryResult<()> {
    let insert = diesel::insert_into(voter_sessions::table).values(row.clone());
    crate::on_backend!(conn, |c| insert.execute(c)).map(|_| ())
}

pub fn find_session(conn: &mut DbConn, token_hash: &str) -> QueryResult<Option<VoterSessionRow>> {
    voter_sessions::table
        .find(token_hash)
        .get_result(conn)
        .optional()
}

/// The voter session, its code's status and its area, the version of the round data
/// (`write_lock.content_generation`, `service::round_cache`) and the rounds its code voted
/// in, all in one statement: every page of a signed-in resident starts here and needs
/// nothing else from the database.
pub fn find_voter(conn: &mut DbConn, token_hash: &str) -> QueryResult<Option<FoundVoter>> {
    // One row per round the code voted in (or one with no round): the pages need both,
    // and one statement is one read transaction instead of two.
    let query = voter_sessions::table
        .inner_join(voting_codes::table.on(voting_codes::handle.eq(voter_sessions::handle)))
        .inner_join(areas::table.on(areas::id.eq(voter_sessions::area_id)))
        .inner_join(write_lock::table.on(write_lock::id.eq(1)))
        .left_join(
            code_participation::table.on(code_participation::handle.eq(voter_sessions::handle)),
        )
        .filter(voter_sessions::token_hash.eq(token_hash))
        .select((
            voter_sessions::all_columns,
            voting_codes::status,
            areas::all_columns,
            write_lock::content_generation,
            code_participation::round_id.nullable(),
        ));
    type Row = (VoterSessionRow, String, AreaRow, i64, Option<String>);
    let rows: Vec<Row> = crate::on_backend!(conn, |c| query.load(c))?;
    let mut rows = rows.into_iter();
    let Some((session, status, area, round_data_version, first)) = rows.next() else {
        return Ok(None);
    };
    let voted_in = first
        .into_iter()
        .chain(rows.filter_map(|r| r.4))
        .map(RoundId)
        .collect();
    Ok(Some(FoundVoter {
        session,
        status,
        area,
        round_data_version,
        voted_in,
    }))
}

/// A voter session with its code's status, its area, the round data version and the
/// rounds its code voted in, all read in one statement.
pub struct FoundVoter {
    pub session: VoterSessionRow,
    pub status: String,
    pub area: AreaRow,
    pub round_data_version: i64,
    pub voted_in: Vec<RoundId>,
}

pub fn delete_session(conn: &mut DbConn, token_hash: &str) -> QueryResult<usize> {
    diesel::delete(voter_sessions::table.find(token_hash)).execute(conn)
}

/// Whether a voter session with this code is open (not yet pruned).
pub fn has_sessions(conn: &mut DbConn, handle: &str) -> QueryResult<bool> {
    let n: i64 = voter_sessions::table
        .filter(voter_sessions::handle.eq(handle))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

pub fn delete_sessions_of(conn: &mut DbConn, handle: &str) -> QueryResult<usize> {
    diesel::delete(voter_sessions::table.filter(voter_sessions::handle.eq(handle))).execute(conn)
}

pub fn prune_sessions(conn: &mut DbConn, now: NaiveDateTime) -> QueryResult<usize> {
    let delete = diesel::delete(voter_sessions::table.filter(voter_sessions::expires_at.le(now)));
    crate::on_backend!(conn, |c| delete.execute(c))
}
