//! Read-only queries for the council's report and dashboard: the ledger as it was posted,
//! the rounds counted in a period, and the audit events with filters. Nothing here writes.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::models::*;
use crate::db::schema::*;
use crate::db::DbConn;

/// A posted transfer and the moment it took effect: its approval for a transfer that
/// needed one, its creation otherwise.
#[derive(Debug, Clone)]
pub struct PostedTransfer {
    pub row: TransferRow,
    pub posted_at: NaiveDateTime,
}

/// Every posted transfer (approved or needing no approval), in ledger order.
pub fn posted_transfers(conn: &mut DbConn) -> QueryResult<Vec<PostedTransfer>> {
    let rows: Vec<(TransferRow, Option<TransferDecisionRow>)> = transfers::table
        .left_join(transfer_decisions::table)
        .select((
            transfers::all_columns,
            transfer_decisions::all_columns.nullable(),
        ))
        .order(transfers::seq.asc())
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(t, d)| match (t.needs_approval, d) {
            (false, _) => Some(PostedTransfer {
                posted_at: t.created_at,
                row: t,
            }),
            (true, Some(d)) if d.approved => Some(PostedTransfer {
                posted_at: d.decided_at,
                row: t,
            }),
            _ => None,
        })
        .collect())
}

pub fn accounts(conn: &mut DbConn) -> QueryResult<Vec<AccountRow>> {
    accounts::table.order(accounts::created_at.asc()).load(conn)
}

pub fn areas(conn: &mut DbConn) -> QueryResult<Vec<AreaRow>> {
    areas::table.order(areas::name.asc()).load(conn)
}

pub fn funders(conn: &mut DbConn) -> QueryResult<Vec<FunderRow>> {
    funders::table.order(funders::name.asc()).load(conn)
}

pub fn budget_lines(conn: &mut DbConn) -> QueryResult<Vec<BudgetLineRow>> {
    budget_lines::table.load(conn)
}

/// (initiative id, round id) of every plan: a plan's account belongs to its round's area.
pub fn initiative_rounds(conn: &mut DbConn) -> QueryResult<Vec<(String, String)>> {
    initiatives::table
        .select((initiatives::id, initiatives::round_id))
        .load(conn)
}

pub fn rounds(conn: &mut DbConn) -> QueryResult<Vec<RoundRow>> {
    rounds::table.order(rounds::created_at.asc()).load(conn)
}

/// Rounds counted (closed) in `[from, to)`, oldest first.
pub fn rounds_closed_between(
    conn: &mut DbConn,
    from: Option<NaiveDateTime>,
    to: Option<NaiveDateTime>,
) -> QueryResult<Vec<crate::domain::round::Round>> {
    let mut q = rounds::table
        .filter(rounds::closed_at.is_not_null())
        .into_boxed();
    if let Some(f) = from {
        q = q.filter(rounds::closed_at.ge(f));
    }
    if let Some(t) = to {
        q = q.filter(rounds::closed_at.lt(t));
    }
    super::rounds::rounds_of(q.order(rounds::closed_at.asc()).load(conn)?)
}

pub fn initiatives_of(conn: &mut DbConn, round_id: &str) -> QueryResult<Vec<InitiativeRow>> {
    initiatives::table
        .filter(initiatives::round_id.eq(round_id))
        .order(initiatives::number.asc())
        .load(conn)
}

/// Letters that went out for an area and year: every code except those replaced by a
/// new letter (a replacement stands for the same resident).
pub fn codes_issued(conn: &mut DbConn, area_id: &str, year: i32) -> QueryResult<i64> {
    voting_codes::table
        .filter(voting_codes::area_id.eq(area_id))
        .filter(voting_codes::year.eq(year))
        .filter(voting_codes::replaced_by.is_null())
        .count()
        .get_result(conn)
}

/// Ids of the code batches of an area (their events belong to the area).
pub fn batch_ids_of_area(conn: &mut DbConn, area_id: &str) -> QueryResult<Vec<String>> {
    code_batches::table
        .filter(code_batches::area_id.eq(area_id))
        .select(code_batches::id)
        .load(conn)
}

// ---- audit events ----------------------------------------------------------------------

/// What the council filters the audit events on. `entity_ids` narrows to the events of
/// one area (its own id, its rounds, plans, transfers and code batches).
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    pub action: Option<String>,
    pub entity_ids: Option<Vec<String>>,
    pub from: Option<NaiveDateTime>,
    pub to: Option<NaiveDateTime>,
}

type Backend = <DbConn as diesel::Connection>::Backend;

fn filtered(f: &EventFilter) -> audit_events::BoxedQuery<'_, Backend> {
    let mut q = audit_events::table.into_boxed();
    if let Some(a) = &f.action {
        q = q.filter(audit_events::action.eq(a));
    }
    if let Some(ids) = &f.entity_ids {
        q = q.filter(audit_events::entity_id.eq_any(ids));
    }
    if let Some(from) = f.from {
        q = q.filter(audit_events::occurred_at.ge(from));
    }
    if let Some(to) = f.to {
        q = q.filter(audit_events::occurred_at.lt(to));
    }
    q
}

/// One page of events, newest first, and how many match in all.
pub fn events_page(
    conn: &mut DbConn,
    f: &EventFilter,
    offset: i64,
    limit: i64,
) -> QueryResult<(Vec<AuditEventRow>, i64)> {
    let total: i64 = filtered(f).count().get_result(conn)?;
    let rows = filtered(f)
        .order(audit_events::seq.desc())
        .offset(offset)
        .limit(limit)
        .load(conn)?;
    Ok((rows, total))
}

/// The kinds of event in the log, for the filter's list.
pub fn event_actions(conn: &mut DbConn) -> QueryResult<Vec<String>> {
    audit_events::table
        .select(audit_events::action)
        .distinct()
        .order(audit_events::action.asc())
        .load(conn)
}
