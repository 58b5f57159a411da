//! A resident's ballot on PostgreSQL in one statement: the code's participation, the
//! ballot, its choices, the round's kept count and the audit event, as one `INSERT` of
//! data-modifying `WITH` parts.
//!
//! Why: on PostgreSQL every statement is a round trip, and a profile of the database
//! during the voting flow put two thirds of its CPU in the kernel, most of it sending on
//! the socket (docs/performance.md, "PostgreSQL, turnout and the allocator"). Written
//! one statement at a time, a ballot was six round trips; now it is one. SQLite runs in
//! the process, where a statement is a function call, so it keeps the statement-by-
//! statement path of `repo::rounds`, which this must match row for row.
//!
//! Each part runs only when the one before it wrote its row: no ballot when the code
//! already took part (the participation inserts nothing), and no choices, count or event
//! when the ballot's tracker (or id) is taken. The statement says which parts wrote, so
//! the caller answers "already voted" (nothing was changed) or draws a new tracker and
//! goes on with the statement-by-statement path (the participation is then written).
//!
//! As on SQLite, nothing stored links the code to its ballot: the participation row has
//! the code and the round, the ballot row has neither the code nor the time.

use diesel::pg::Pg;
use diesel::prelude::*;
use diesel::query_builder::{AstPass, Query, QueryFragment, QueryId};
use diesel::sql_types::{Array, BigInt, Bool, Nullable, Text, Timestamp};

use crate::db::models::{AuditEventRow, BallotRow};
use crate::db::DbConn;
use crate::domain::round::PlanId;

/// What the statement wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BallotWritten {
    /// The code's participation in the round (false: it had voted already, and nothing
    /// else was written either).
    pub participated: bool,
    /// The ballot, its choices and its audit event (false: its tracker or id was taken).
    pub stored: bool,
    /// The round's kept count went up (false: the round has no counter row yet).
    pub counted: bool,
}

/// Whether ballots are written in one statement on this connection (PostgreSQL).
pub fn used_on(conn: &DbConn) -> bool {
    matches!(conn, DbConn::Postgres(_))
}

/// Writes what the statement-by-statement path writes for one ballot, in one statement;
/// `None` (nothing written) where [`used_on`] says no. `event` is the ballot's audit row,
/// numbered after the transaction's last event.
pub fn write_ballot(
    conn: &mut DbConn,
    handle: &str,
    ballot: &BallotRow,
    choices: &[PlanId],
    event: &AuditEventRow,
) -> QueryResult<Option<BallotWritten>> {
    let DbConn::Postgres(conn) = conn else {
        return Ok(None);
    };
    let choices: Vec<&str> = choices.iter().map(|p| p.0.as_str()).collect();
    let (participated, stored, counted) = OneBallot {
        handle,
        ballot,
        choices: &choices,
        event,
    }
    .get_result::<(bool, bool, bool)>(conn)?;
    Ok(Some(BallotWritten {
        participated,
        stored,
        counted,
    }))
}

/// The statement, with its parameters. A type of its own (not `sql_query`) so that it
/// has a static query id: diesel then prepares it once per connection and finds it again
/// by its type; `sql_query` text is prepared anew on every run, a round trip more.
struct OneBallot<'a> {
    handle: &'a str,
    ballot: &'a BallotRow,
    choices: &'a [&'a str],
    event: &'a AuditEventRow,
}

struct OneBallotId;

impl QueryId for OneBallot<'_> {
    type QueryId = OneBallotId;
    const HAS_STATIC_QUERY_ID: bool = true;
}

impl Query for OneBallot<'_> {
    type SqlType = (Bool, Bool, Bool);
}

impl RunQueryDsl<PgConnection> for OneBallot<'_> {}

impl QueryFragment<Pg> for OneBallot<'_> {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Pg>) -> QueryResult<()> {
        let b = self.ballot;
        let e = self.event;
        out.push_sql("WITH p AS (INSERT INTO code_participation (handle, round_id) VALUES (");
        out.push_bind_param::<Text, _>(self.handle)?;
        out.push_sql(", ");
        out.push_bind_param::<Text, _>(&b.round_id)?;
        out.push_sql(
            ") ON CONFLICT DO NOTHING RETURNING 1), \
             b AS (INSERT INTO ballots (id, round_id, tracker, channel, assisted, entered_by) \
             SELECT ",
        );
        out.push_bind_param::<Text, _>(&b.id)?;
        out.push_sql(", ");
        out.push_bind_param::<Text, _>(&b.round_id)?;
        out.push_sql(", ");
        out.push_bind_param::<Text, _>(&b.tracker)?;
        out.push_sql(", ");
        out.push_bind_param::<Text, _>(&b.channel)?;
        out.push_sql(", ");
        out.push_bind_param::<Bool, _>(&b.assisted)?;
        out.push_sql(", ");
        out.push_bind_param::<Nullable<Text>, _>(&b.entered_by)?;
        out.push_sql(
            " WHERE EXISTS (SELECT 1 FROM p) ON CONFLICT DO NOTHING RETURNING id), \
             c AS (INSERT INTO ballot_choices (ballot_id, initiative_id) \
             SELECT b.id, x FROM b CROSS JOIN unnest(",
        );
        out.push_bind_param::<Array<Text>, _>(self.choices)?;
        out.push_sql(
            ") AS x), \
             n AS (UPDATE round_ballot_counts SET ballots = ballots + 1 WHERE round_id = ",
        );
        out.push_bind_param::<Text, _>(&b.round_id)?;
        out.push_sql(
            " AND EXISTS (SELECT 1 FROM b) RETURNING 1), \
             a AS (INSERT INTO audit_events \
             (seq, occurred_at, actor, action, entity_type, entity_id, payload, leaf_hash) \
             SELECT ",
        );
        out.push_bind_param::<BigInt, _>(&e.seq)?;
        out.push_sql(", ");
        out.push_bind_param::<Timestamp, _>(&e.occurred_at)?;
        out.push_sql(", ");
        out.push_bind_param::<Text, _>(&e.actor)?;
        out.push_sql(", ");
        out.push_bind_param::<Text, _>(&e.action)?;
        out.push_sql(", ");
        out.push_bind_param::<Text, _>(&e.entity_type)?;
        out.push_sql(", ");
        out.push_bind_param::<Text, _>(&e.entity_id)?;
        out.push_sql(", ");
        out.push_bind_param::<Text, _>(&e.payload)?;
        out.push_sql(", ");
        out.push_bind_param::<Text, _>(&e.leaf_hash)?;
        out.push_sql(
            " WHERE EXISTS (SELECT 1 FROM b) RETURNING 1) \
             SELECT EXISTS (SELECT 1 FROM p), EXISTS (SELECT 1 FROM b), \
             EXISTS (SELECT 1 FROM n)",
        );
        Ok(())
    }
}
