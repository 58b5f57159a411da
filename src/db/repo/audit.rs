use diesel::prelude::*;

use crate::db::models::AuditEventRow;
use crate::db::schema::audit_events;
use crate::db::DbConn;
use crate::domain::audit::{encode_leaf, leaf_hash, Actor, NewEvent};

/// Append events. Must run inside `tx::write`, which makes the sequence gap-free.
pub fn append(conn: &mut DbConn, actor: &Actor, events: &[NewEvent]) -> QueryResult<()> {
    let query = audit_events::table.select(diesel::dsl::max(audit_events::seq));
    let last: Option<i64> = crate::on_backend!(conn, |c| query.get_result(c))?;
    let mut seq = last.unwrap_or(0);
    let at = super::now();
    let rows: Vec<AuditEventRow> = events
        .iter()
        .map(|ev| {
            seq += 1;
            let payload = encode_leaf(seq, at, actor, ev);
            AuditEventRow {
                seq,
                occurred_at: at,
                actor: actor.key(),
                action: ev.action.to_string(),
                entity_type: ev.entity_type.to_string(),
                entity_id: ev.entity_id.clone(),
                leaf_hash: leaf_hash(&payload),
                payload,
            }
        })
        .collect();
    // One statement per row: batch inserts are outside the MultiConnection's common subset.
    for row in &rows {
        let insert = diesel::insert_into(audit_events::table).values(row);
        crate::on_backend!(&mut *conn, |c| insert.execute(c))?;
    }
    Ok(())
}

pub fn list(conn: &mut DbConn, after_seq: i64, limit: i64) -> QueryResult<Vec<AuditEventRow>> {
    audit_events::table
        .filter(audit_events::seq.gt(after_seq))
        .order(audit_events::seq.asc())
        .limit(limit)
        .load(conn)
}

pub fn for_entity(conn: &mut DbConn, entity_id: &str) -> QueryResult<Vec<AuditEventRow>> {
    audit_events::table
        .filter(audit_events::entity_id.eq(entity_id))
        .order(audit_events::seq.asc())
        .load(conn)
}

pub fn count(conn: &mut DbConn) -> QueryResult<i64> {
    audit_events::table.count().get_result(conn)
}
