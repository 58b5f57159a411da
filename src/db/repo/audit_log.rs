//! The audit log as a Merkle log: its leaves in `seq` order, the signed checkpoints and the
//! signer's state.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::models::{AuditEventRow, CheckpointRow};
use crate::db::schema::{audit_checkpoints, audit_events, audit_signer, voting_codes};
use crate::db::DbConn;

/// Rows per page when walking the whole log (keeps memory flat on large logs).
const PAGE: i64 = 20_000;

/// What the Merkle log needs of a stored event (not the indexed columns beside it).
#[derive(Debug, Clone, Queryable)]
pub struct LeafRow {
    pub seq: i64,
    pub payload: String,
    pub leaf_hash: String,
}

/// Calls `f` for every event with `seq` 1..=upto in order.
pub fn for_each_leaf<E, F>(conn: &mut DbConn, upto: i64, mut f: F) -> Result<(), E>
where
    F: FnMut(&LeafRow) -> Result<(), E>,
    E: From<diesel::result::Error>,
{
    let mut after = 0;
    while after < upto {
        let rows: Vec<LeafRow> = audit_events::table
            .filter(audit_events::seq.gt(after))
            .filter(audit_events::seq.le(upto))
            .order(audit_events::seq.asc())
            .select((
                audit_events::seq,
                audit_events::payload,
                audit_events::leaf_hash,
            ))
            .limit(PAGE)
            .load(conn)?;
        if rows.is_empty() {
            break;
        }
        for r in &rows {
            f(r)?;
        }
        after = rows.last().map(|r| r.seq).unwrap_or(upto);
    }
    Ok(())
}

/// Highest `seq` (the log's size, since `seq` is gap-free from 1).
pub fn max_seq(conn: &mut DbConn) -> QueryResult<i64> {
    let m: Option<i64> = audit_events::table
        .select(diesel::dsl::max(audit_events::seq))
        .get_result(conn)?;
    Ok(m.unwrap_or(0))
}

pub fn event(conn: &mut DbConn, seq: i64) -> QueryResult<Option<AuditEventRow>> {
    audit_events::table.find(seq).get_result(conn).optional()
}

/// `ballot.cast` events whose payload mentions this tracker (the caller checks the field).
pub fn ballot_events_mentioning(
    conn: &mut DbConn,
    tracker: &str,
) -> QueryResult<Vec<AuditEventRow>> {
    audit_events::table
        .filter(audit_events::action.eq("ballot.cast"))
        .filter(audit_events::payload.like(format!("%\"tracker\":\"{tracker}\"%")))
        .order(audit_events::seq.asc())
        .load(conn)
}

pub fn latest_checkpoint(conn: &mut DbConn) -> QueryResult<Option<CheckpointRow>> {
    audit_checkpoints::table
        .order(audit_checkpoints::tree_size.desc())
        .first(conn)
        .optional()
}

pub fn checkpoint_of_size(conn: &mut DbConn, size: i64) -> QueryResult<Option<CheckpointRow>> {
    audit_checkpoints::table
        .find(size)
        .get_result(conn)
        .optional()
}

/// The smallest checkpoint that covers event `seq`.
pub fn first_checkpoint_covering(
    conn: &mut DbConn,
    seq: i64,
) -> QueryResult<Option<CheckpointRow>> {
    audit_checkpoints::table
        .filter(audit_checkpoints::tree_size.ge(seq))
        .order(audit_checkpoints::tree_size.asc())
        .first(conn)
        .optional()
}

pub fn list_checkpoints(conn: &mut DbConn) -> QueryResult<Vec<CheckpointRow>> {
    audit_checkpoints::table
        .order(audit_checkpoints::tree_size.asc())
        .load(conn)
}

pub fn insert_checkpoint(conn: &mut DbConn, row: &CheckpointRow) -> QueryResult<()> {
    diesel::insert_into(audit_checkpoints::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

/// (stopped_at, reason) while signing is stopped.
pub fn signer_stopped(conn: &mut DbConn) -> QueryResult<Option<(NaiveDateTime, String)>> {
    let row: Option<(Option<NaiveDateTime>, Option<String>)> = audit_signer::table
        .find(1)
        .select((audit_signer::stopped_at, audit_signer::stop_reason))
        .get_result(conn)
        .optional()?;
    Ok(match row {
        Some((Some(at), reason)) => Some((at, reason.unwrap_or_default())),
        _ => None,
    })
}

pub fn set_signer_stopped(conn: &mut DbConn, at: NaiveDateTime, reason: &str) -> QueryResult<()> {
    diesel::update(audit_signer::table.find(1))
        .set((
            audit_signer::stopped_at.eq(Some(at)),
            audit_signer::stop_reason.eq(Some(reason)),
        ))
        .execute(conn)
        .map(|_| ())
}

pub fn set_signer_resumed(conn: &mut DbConn, at: NaiveDateTime) -> QueryResult<()> {
    diesel::update(audit_signer::table.find(1))
        .set((
            audit_signer::stopped_at.eq(None::<NaiveDateTime>),
            audit_signer::stop_reason.eq(None::<String>),
            audit_signer::resumed_at.eq(Some(at)),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Voting codes issued for an area and year (the turnout's denominator).
pub fn codes_issued(conn: &mut DbConn, area_id: &str, year: i32) -> QueryResult<i64> {
    voting_codes::table
        .filter(voting_codes::area_id.eq(area_id))
        .filter(voting_codes::year.eq(year))
        .count()
        .get_result(conn)
}
