use diesel::prelude::*;

use crate::db::models::AuditEventRow;
use crate::db::schema::audit_events;
use crate::db::DbConn;
use crate::domain::audit::{encode_leaf, leaf_hash, Actor, NewEvent};

/// The audit log's last sequence number as the current write transaction knows it, so
/// that the events of several writes in one transaction (the ballots of a group,
/// `db::group_commit`) read `max(seq)` once instead of once each: on PostgreSQL every
/// read is a round trip.
///
/// Valid only inside the one transaction that made it, under the write lock (nobody else
/// appends meanwhile), and only while every event of that transaction is appended through
/// it. Should that ever be broken, `seq` is the table's key: the insert with a stale
/// number fails (and the transaction with it), it never writes a wrong log.
#[derive(Debug, Default)]
pub struct AuditTail {
    last: Option<i64>,
}

impl AuditTail {
    /// The number the next event gets (read from the log the first time).
    pub fn next_seq(&mut self, conn: &mut DbConn) -> QueryResult<i64> {
        let last = match self.last {
            Some(last) => last,
            None => {
                let query = audit_events::table.select(diesel::dsl::max(audit_events::seq));
                let last: Option<i64> = crate::on_backend!(conn, |c| query.get_result(c))?;
                let last = last.unwrap_or(0);
                self.last = Some(last);
                last
            }
        };
        Ok(last + 1)
    }

    /// An event with number `seq` (from [`AuditTail::next_seq`]) was stored.
    pub fn stored(&mut self, seq: i64) {
        self.last = Some(seq);
    }
}

/// The stored row of one event: its leaf (the payload the export and the Merkle tree
/// use) and that leaf's hash.
pub fn event_row(
    seq: i64,
    at: chrono::NaiveDateTime,
    actor: &Actor,
    ev: &NewEvent,
) -> AuditEventRow {
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
}

/// Append events. Must run inside `tx::write`, which makes the sequence gap-free.
pub fn append(conn: &mut DbConn, actor: &Actor, events: &[NewEvent]) -> QueryResult<()> {
    append_after(conn, &mut AuditTail::default(), actor, events)
}

/// [`append`] after the events this transaction already appended through `tail`.
pub fn append_after(
    conn: &mut DbConn,
    tail: &mut AuditTail,
    actor: &Actor,
    events: &[NewEvent],
) -> QueryResult<()> {
    let at = super::now();
    // One statement per row: batch inserts are outside the MultiConnection's common subset.
    for ev in events {
        let row = event_row(tail.next_seq(conn)?, at, actor, ev);
        let insert = diesel::insert_into(audit_events::table).values(&row);
        crate::on_backend!(&mut *conn, |c| insert.execute(c))?;
        tail.stored(row.seq);
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
