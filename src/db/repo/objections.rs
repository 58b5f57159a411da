//! Objections, their decisions and the per-area objection window. Rows are mapped to the
//! domain's kinds and verdicts here; an unknown stored value is an error.

use diesel::prelude::*;

use crate::db::schema::{
    audit_events, objection_decisions, objection_settings, objections, rounds,
};
use crate::db::DbConn;
use crate::domain::objection::{ObjectionKind, Verdict, DEFAULT_DAYS};
use crate::domain::round::{PlanId, RoundId, RoundResult, RoundStatus};

/// An objection as stored, with its decision once there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectionRecord {
    pub id: String,
    pub round_id: RoundId,
    pub kind: ObjectionKind,
    pub initiative_id: Option<PlanId>,
    pub reason: String,
    pub filed_by: String,
    pub filed_at: chrono::NaiveDateTime,
    pub decision: Option<DecisionRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionRecord {
    pub verdict: Verdict,
    pub reason: String,
    pub decided_by: String,
    pub decided_at: chrono::NaiveDateTime,
}

/// A new objection.
pub struct NewObjection<'a> {
    pub id: &'a str,
    pub round_id: &'a RoundId,
    pub kind: ObjectionKind,
    pub initiative_id: Option<&'a PlanId>,
    pub reason: &'a str,
    pub filed_by: &'a str,
    pub voter_handle: Option<&'a str>,
    pub filed_at: chrono::NaiveDateTime,
}

/// A row of `objections`: all its columns (`objections::all_columns`), in order.
type ObjectionRow = (
    String,
    String,
    String,
    Option<String>,
    String,
    String,
    Option<String>,
    chrono::NaiveDateTime,
);
type DecisionRow = (String, String, String, String, chrono::NaiveDateTime);

fn unreadable(what: &str, value: &str) -> diesel::result::Error {
    diesel::result::Error::DeserializationError(
        format!("unknown {what} {value:?} in the database").into(),
    )
}

fn record_of(r: ObjectionRow, d: Option<DecisionRow>) -> QueryResult<ObjectionRecord> {
    let kind = ObjectionKind::parse(&r.2).ok_or_else(|| unreadable("objection kind", &r.2))?;
    let decision = match d {
        None => None,
        Some(d) => Some(DecisionRecord {
            verdict: Verdict::parse(&d.1).ok_or_else(|| unreadable("objection verdict", &d.1))?,
            reason: d.2,
            decided_by: d.3,
            decided_at: d.4,
        }),
    };
    Ok(ObjectionRecord {
        id: r.0,
        round_id: RoundId(r.1),
        kind,
        initiative_id: r.3.map(PlanId),
        reason: r.4,
        filed_by: r.5,
        filed_at: r.7,
        decision,
    })
}

fn with_decisions(conn: &mut DbConn, rows: Vec<ObjectionRow>) -> QueryResult<Vec<ObjectionRecord>> {
    let ids: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    let decisions: Vec<DecisionRow> = objection_decisions::table
        .filter(objection_decisions::objection_id.eq_any(&ids))
        .load(conn)?;
    rows.into_iter()
        .map(|r| {
            let d = decisions.iter().find(|d| d.0 == r.0).cloned();
            record_of(r, d)
        })
        .collect()
}

pub fn insert(conn: &mut DbConn, o: &NewObjection<'_>) -> QueryResult<()> {
    diesel::insert_into(objections::table)
        .values((
            objections::id.eq(o.id),
            objections::round_id.eq(o.round_id.as_str()),
            objections::kind.eq(o.kind.as_str()),
            objections::initiative_id.eq(o.initiative_id.map(PlanId::as_str)),
            objections::reason.eq(o.reason),
            objections::filed_by.eq(o.filed_by),
            objections::voter_handle.eq(o.voter_handle),
            objections::filed_at.eq(o.filed_at),
        ))
        .execute(conn)
        .map(|_| ())
}

pub fn find(conn: &mut DbConn, id: &str) -> QueryResult<Option<ObjectionRecord>> {
    let rows: Vec<ObjectionRow> = objections::table
        .filter(objections::id.eq(id))
        .select(objections::all_columns)
        .load(conn)?;
    Ok(with_decisions(conn, rows)?.into_iter().next())
}

/// The objections of a round, oldest first.
pub fn of_round(conn: &mut DbConn, round_id: &RoundId) -> QueryResult<Vec<ObjectionRecord>> {
    let rows: Vec<ObjectionRow> = objections::table
        .filter(objections::round_id.eq(round_id.as_str()))
        .select(objections::all_columns)
        .order((objections::filed_at.asc(), objections::id.asc()))
        .load(conn)?;
    with_decisions(conn, rows)
}

/// The objection to the rejection of a plan, if one was made.
pub fn of_plan(conn: &mut DbConn, plan: &PlanId) -> QueryResult<Option<ObjectionRecord>> {
    let rows: Vec<ObjectionRow> = objections::table
        .filter(objections::initiative_id.eq(plan.as_str()))
        .select(objections::all_columns)
        .load(conn)?;
    Ok(with_decisions(conn, rows)?.into_iter().next())
}

/// Every objection without a decision, oldest first.
pub fn waiting(conn: &mut DbConn) -> QueryResult<Vec<ObjectionRecord>> {
    let rows: Vec<ObjectionRow> = objections::table
        .filter(diesel::dsl::not(diesel::dsl::exists(
            objection_decisions::table.filter(objection_decisions::objection_id.eq(objections::id)),
        )))
        .select(objections::all_columns)
        .order((objections::filed_at.asc(), objections::id.asc()))
        .load(conn)?;
    with_decisions(conn, rows)
}

/// The most recent decisions, newest first.
pub fn recently_decided(conn: &mut DbConn, limit: i64) -> QueryResult<Vec<ObjectionRecord>> {
    let ids: Vec<String> = objection_decisions::table
        .select(objection_decisions::objection_id)
        .order(objection_decisions::decided_at.desc())
        .limit(limit)
        .load(conn)?;
    let rows: Vec<ObjectionRow> = objections::table
        .filter(objections::id.eq_any(&ids))
        .select(objections::all_columns)
        .load(conn)?;
    let mut out = with_decisions(conn, rows)?;
    out.sort_by(|a, b| {
        let at = |o: &ObjectionRecord| o.decision.as_ref().map(|d| d.decided_at);
        at(b).cmp(&at(a))
    });
    Ok(out)
}

/// How many objections of `kind` in the round wait for a decision.
pub fn waiting_in_round(
    conn: &mut DbConn,
    round_id: &RoundId,
    kind: ObjectionKind,
) -> QueryResult<i64> {
    objections::table
        .filter(objections::round_id.eq(round_id.as_str()))
        .filter(objections::kind.eq(kind.as_str()))
        .filter(diesel::dsl::not(diesel::dsl::exists(
            objection_decisions::table.filter(objection_decisions::objection_id.eq(objections::id)),
        )))
        .count()
        .get_result(conn)
}

/// Whether this code (or this account, without a code) already objected to the result.
pub fn result_objection_exists(
    conn: &mut DbConn,
    round_id: &RoundId,
    filed_by: &str,
    voter_handle: Option<&str>,
) -> QueryResult<bool> {
    let q = objections::table
        .filter(objections::round_id.eq(round_id.as_str()))
        .filter(objections::kind.eq(ObjectionKind::Result.as_str()));
    let n: i64 = match voter_handle {
        Some(h) => q
            .filter(objections::voter_handle.eq(h))
            .count()
            .get_result(conn)?,
        None => q
            .filter(objections::voter_handle.is_null())
            .filter(objections::filed_by.eq(filed_by))
            .count()
            .get_result(conn)?,
    };
    Ok(n > 0)
}

/// Records the decision. False, and nothing written, when the objection was decided
/// already (the primary key decides, so two parallel requests cannot both pass).
pub fn decide(
    conn: &mut DbConn,
    objection_id: &str,
    verdict: Verdict,
    reason: &str,
    by: &str,
    at: chrono::NaiveDateTime,
) -> QueryResult<bool> {
    let done = objection_decisions::table
        .find(objection_id)
        .count()
        .get_result::<i64>(conn)?
        > 0;
    if done {
        return Ok(false);
    }
    let n = diesel::insert_into(objection_decisions::table)
        .values((
            objection_decisions::objection_id.eq(objection_id),
            objection_decisions::verdict.eq(verdict.as_str()),
            objection_decisions::reason.eq(reason),
            objection_decisions::decided_by.eq(by),
            objection_decisions::decided_at.eq(at),
        ))
        .execute(conn)?;
    Ok(n == 1)
}

/// The objection window of an area, in days (the default when the area set none).
pub fn window_days(conn: &mut DbConn, area_id: &str) -> QueryResult<i32> {
    Ok(objection_settings::table
        .find(area_id)
        .select(objection_settings::days)
        .get_result::<i32>(conn)
        .optional()?
        .unwrap_or(DEFAULT_DAYS))
}

/// Sets an area's objection window.
pub fn set_window_days(
    conn: &mut DbConn,
    area_id: &str,
    days: i32,
    by: &str,
    at: chrono::NaiveDateTime,
) -> QueryResult<()> {
    let exists = objection_settings::table
        .find(area_id)
        .count()
        .get_result::<i64>(conn)?
        > 0;
    if exists {
        diesel::update(objection_settings::table.find(area_id))
            .set((
                objection_settings::days.eq(days),
                objection_settings::updated_by.eq(by),
                objection_settings::updated_at.eq(at),
            ))
            .execute(conn)?;
    } else {
        diesel::insert_into(objection_settings::table)
            .values((
                objection_settings::area_id.eq(area_id),
                objection_settings::days.eq(days),
                objection_settings::updated_by.eq(by),
                objection_settings::updated_at.eq(at),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// When and by whom the entity's latest event of `action` was written (the audit log is
/// the record of who rejected a plan and who counted a round).
pub fn latest_event(
    conn: &mut DbConn,
    entity_type: &str,
    entity_id: &str,
    action: &str,
) -> QueryResult<Option<(chrono::NaiveDateTime, String)>> {
    audit_events::table
        .filter(audit_events::entity_type.eq(entity_type))
        .filter(audit_events::entity_id.eq(entity_id))
        .filter(audit_events::action.eq(action))
        .order(audit_events::seq.desc())
        .select((audit_events::occurred_at, audit_events::actor))
        .first(conn)
        .optional()
}

/// The round `id` while it is counted: a recount or an annulment changes it only then
/// (a step that lost the race changes no row).
fn counted_round(
    id: &RoundId,
) -> diesel::dsl::Filter<
    diesel::dsl::Find<rounds::table, &str>,
    diesel::dsl::Eq<rounds::status, &'static str>,
> {
    rounds::table
        .find(id.as_str())
        .filter(rounds::status.eq(RoundStatus::Counted.as_str()))
}

/// Counted → counted again: the new result of a recount under the frozen rules.
pub fn set_recounted(
    conn: &mut DbConn,
    id: &RoundId,
    result: &RoundResult,
    at: chrono::NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(counted_round(id))
        .set((
            rounds::result_json.eq(result.to_json()),
            rounds::counted_at.eq(at),
        ))
        .execute(conn)
}

/// Counted → annulled: stored closed with the moment of annulment; the result stays for
/// the record and nothing is committed.
pub fn set_annulled(
    conn: &mut DbConn,
    id: &RoundId,
    at: chrono::NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(counted_round(id))
        .set((
            rounds::status.eq(RoundStatus::Closed.as_str()),
            rounds::closed_at.eq(at),
            rounds::annulled_at.eq(at),
        ))
        .execute(conn)
}
