//! Objections (bezwaren) to the steering group: an initiator objects to the rejection of
//! their plan, a resident with a code of the area (or an initiator of the round) to a
//! counted result; the steering group decides each objection once, with a public reason.
//! Voting does not open while an objection to a rejection waits, and the money of a
//! counted round is not committed before its objection window has passed and every
//! objection to its result is decided (the hooks `voting_may_open` and
//! `money_may_be_committed`, called by `service::rounds`). See docs/rounds.md,
//! "Objections".

use crate::domain::message::Msg;
use crate::msg_key;
use chrono::NaiveDate;
use serde_json::{json, Value};
use uuid::Uuid;

use super::{rounds, Principal, ServiceError};
use crate::db::repo::objections::{self as q, NewObjection, ObjectionRecord};
use crate::db::repo::{self, audit, ledger as areas, rounds as rq, voting_codes as codes};
use crate::db::{tx, DbConn};
use crate::domain::audit::NewEvent;
use crate::domain::nl_time;
use crate::domain::objection::{self as rule, ObjectionKind, ObjectionProblem, Verdict};
use crate::domain::permissions::Operation;
use crate::domain::round::{Plan, PlanId, PlanStatus, Round, RoundId, RoundStatus};

/// How many decided objections the steering group's page shows.
const RECENT: i64 = 20;

fn invalid(p: ObjectionProblem) -> ServiceError {
    ServiceError::invalid(p.field(), p)
}

fn load_round(c: &mut DbConn, id: &RoundId) -> Result<Round, ServiceError> {
    rq::find_round(c, id)?.ok_or(ServiceError::NotFound(crate::msg_key!(
        "error-missing-round"
    )))
}

fn load_plan(c: &mut DbConn, id: &PlanId) -> Result<Plan, ServiceError> {
    rq::find_initiative(c, id)?.ok_or(ServiceError::NotFound(crate::msg_key!(
        "error-missing-plan"
    )))
}

fn today() -> NaiveDate {
    rounds::today_nl(repo::now())
}

/// When the plan was last rejected, and by whom (from the audit log, the record of the
/// review); a plan without that event counts from its submission.
fn rejection_of(c: &mut DbConn, plan: &Plan) -> Result<(NaiveDate, Option<String>), ServiceError> {
    Ok(
        match q::latest_event(c, "initiative", plan.id.as_str(), "initiative.reviewed")? {
            Some((at, actor)) => (nl_time::to_local(at).date(), Some(actor)),
            None => (nl_time::to_local(plan.created_at).date(), None),
        },
    )
}

/// Who counted the round last (a recount by the steering group counts too); the
/// calendar's count is nobody's own decision.
fn counter_of(c: &mut DbConn, round: &Round) -> Result<Option<String>, ServiceError> {
    let id = round.id.as_str();
    let recount = q::latest_event(c, "round", id, "round.recounted")?;
    let count = q::latest_event(c, "round", id, "round.counted")?;
    let latest = match (recount, count) {
        (Some(a), Some(b)) => Some(if a.0 >= b.0 { a } else { b }),
        (a, b) => a.or(b),
    };
    Ok(latest.map(|(_, actor)| actor).filter(|a| a != "system"))
}

/// The day the result was counted (a Dutch day).
fn counted_on(round: &Round) -> Option<NaiveDate> {
    round.counted_at.map(|at| nl_time::to_local(at).date())
}

/// An objection with what the pages show about it.
#[derive(Debug, Clone)]
pub struct ObjectionView {
    pub record: ObjectionRecord,
    pub round_title: String,
    pub round_status: RoundStatus,
    pub area_name: String,
    pub area_slug: String,
    /// The plan (number, title) of an objection to a rejection.
    pub plan: Option<(i32, String)>,
    /// The reason the plan was rejected (for the steering group to weigh).
    pub rejection_reason: Option<String>,
    /// What the caller may decide (empty: not theirs to decide, or decided).
    pub verdicts: Vec<Verdict>,
    /// Why the caller may not decide although they are in the steering group.
    pub own_decision: bool,
}

impl ObjectionView {
    pub fn kind(&self) -> ObjectionKind {
        self.record.kind
    }
}

fn view_of(
    c: &mut DbConn,
    who: &Principal,
    record: ObjectionRecord,
) -> Result<ObjectionView, ServiceError> {
    let round = load_round(c, &record.round_id)?;
    let area = codes::find_area(c, &round.area_id)?.ok_or(ServiceError::NotFound(
        crate::msg_key!("error-missing-area"),
    ))?;
    let plan = match &record.initiative_id {
        Some(id) => Some(load_plan(c, id)?),
        None => None,
    };
    let decision_by = match (&plan, record.kind) {
        (Some(p), ObjectionKind::Rejection) => rejection_of(c, p)?.1,
        _ => counter_of(c, &round)?,
    };
    let steering = who.may(Operation::DecideObjection).is_ok();
    let own = !rule::may_decide(&who.key(), decision_by.as_deref(), &record.filed_by);
    let verdicts = if steering && !own && record.decision.is_none() {
        record.kind.verdicts().to_vec()
    } else {
        Vec::new()
    };
    Ok(ObjectionView {
        round_title: round.title.clone(),
        round_status: round.status,
        area_name: area.name,
        area_slug: area.slug,
        rejection_reason: plan.as_ref().and_then(|p| p.review_reason.clone()),
        plan: plan.map(|p| (p.number, p.title)),
        verdicts,
        own_decision: steering && own && record.decision.is_none(),
        record,
    })
}

/// The objections of a round, for its public page, with the window after the count.
#[derive(Debug, Clone)]
pub struct RoundObjections {
    pub objections: Vec<ObjectionView>,
    /// The area's window in days.
    pub days: i32,
    /// The last day to object to the result (a counted round).
    pub result_last_day: Option<NaiveDate>,
    /// Whether objections to the result can be made today.
    pub result_open: bool,
}

/// Public: every objection of a round and its decision.
pub fn round_objections(
    conn: &mut DbConn,
    who: &Principal,
    round_id: &RoundId,
) -> Result<RoundObjections, ServiceError> {
    who.may(Operation::RoundObjections)?;
    let round = load_round(conn, round_id)?;
    let days = q::window_days(conn, &round.area_id)?;
    let records = q::of_round(conn, round_id)?;
    let objections = records
        .into_iter()
        .map(|r| view_of(conn, who, r))
        .collect::<Result<Vec<_>, _>>()?;
    let last = counted_on(&round).and_then(|d| rule::last_day(d, days));
    let result_open = round.status == RoundStatus::Counted
        && counted_on(&round)
            .is_some_and(|d| rule::may_object_to_result(round.status, d, days, today()).is_ok());
    Ok(RoundObjections {
        objections,
        days,
        result_last_day: (round.status == RoundStatus::Counted)
            .then_some(last)
            .flatten(),
        result_open,
    })
}

/// What the plan page shows: the objection to its rejection (if any), and until when the
/// initiator may still object.
#[derive(Debug, Clone)]
pub struct PlanObjection {
    pub plan: Plan,
    pub objection: Option<ObjectionView>,
    /// The last day to object, while the initiator still may.
    pub last_day: Option<NaiveDate>,
    /// Whether the caller (the plan's initiator) may object now.
    pub may_object: bool,
}

/// Public: the objection to a plan's rejection, and whether the caller may make one.
pub fn plan_objection(
    conn: &mut DbConn,
    who: &Principal,
    plan_id: &PlanId,
) -> Result<PlanObjection, ServiceError> {
    who.may(Operation::RoundObjections)?;
    let plan = load_plan(conn, plan_id)?;
    let round = load_round(conn, &plan.round_id)?;
    let objection = match q::of_plan(conn, plan_id)? {
        Some(r) => Some(view_of(conn, who, r)?),
        None => None,
    };
    let days = q::window_days(conn, &round.area_id)?;
    let (rejected_on, _) = rejection_of(conn, &plan)?;
    let open = objection.is_none()
        && rule::may_object_to_rejection(plan.status, round.status, rejected_on, days, today())
            .is_ok();
    let may_object = open && who.key() == plan.submitted_by;
    Ok(PlanObjection {
        plan,
        objection,
        last_day: open.then(|| rule::last_day(rejected_on, days)).flatten(),
        may_object,
    })
}

/// The initiator objects to the rejection of their plan, within the area's window and
/// before voting opens. One objection per plan.
pub fn object_to_rejection(
    conn: &mut DbConn,
    who: &Principal,
    plan_id: &PlanId,
    reason: &str,
) -> Result<ObjectionRecord, ServiceError> {
    let reason = rule::check_reason(reason).map_err(invalid)?;
    tx::write(conn, |c| {
        let plan = load_plan(c, plan_id)?;
        let round = load_round(c, &plan.round_id)?;
        who.may_in_area(Operation::ObjectToRejection, &round.area_id)?;
        if who.key() != plan.submitted_by {
            return Err(ServiceError::invalid(
                "objection",
                Msg::new(msg_key!("error-objection-only-author")),
            ));
        }
        if q::of_plan(c, plan_id)?.is_some() {
            return Err(ServiceError::invalid(
                "objection",
                Msg::new(msg_key!("error-objection-already-rejection")),
            ));
        }
        let days = q::window_days(c, &round.area_id)?;
        let (rejected_on, _) = rejection_of(c, &plan)?;
        rule::may_object_to_rejection(plan.status, round.status, rejected_on, days, today())
            .map_err(invalid)?;
        file(
            c,
            who,
            &round,
            ObjectionKind::Rejection,
            Some(&plan),
            &reason,
            None,
        )
    })
}

/// Who objects to a result.
#[derive(Debug, Clone, Copy)]
pub enum ResultObjector<'a> {
    /// A resident signed in with the code from their letter (the voter session's token).
    Voter { token: &'a str },
    /// The caller's own account: an initiator with a plan in the round.
    Account,
}

/// A resident with a code of the area, or an initiator of the round, objects to the
/// counted result, within the area's window and before the money is committed. One
/// objection per code (or account) per round.
pub fn object_to_result(
    conn: &mut DbConn,
    who: &Principal,
    round_id: &RoundId,
    by: ResultObjector<'_>,
    reason: &str,
) -> Result<ObjectionRecord, ServiceError> {
    who.may(Operation::ObjectToResult)?;
    let reason = rule::check_reason(reason).map_err(invalid)?;
    tx::write(conn, |c| {
        let round = load_round(c, round_id)?;
        let handle = match by {
            ResultObjector::Voter { token } => {
                let voter = super::voting_codes::voter(c, token, repo::now())?
                    .filter(|v| v.area_id == round.area_id);
                match voter {
                    Some(v) => Some(v.handle),
                    None => {
                        return Err(ServiceError::invalid(
                            "objection",
                            Msg::new(msg_key!("error-objection-needs-code")),
                        ))
                    }
                }
            }
            ResultObjector::Account => {
                let plans = rq::initiatives_of(c, &round.id)?;
                if !plans.iter().any(|p| p.submitted_by == who.key()) {
                    return Err(ServiceError::invalid(
                        "objection",
                        Msg::new(msg_key!("error-objection-code-or-author")),
                    ));
                }
                None
            }
        };
        let counted = counted_on(&round).unwrap_or_else(today);
        let days = q::window_days(c, &round.area_id)?;
        rule::may_object_to_result(round.status, counted, days, today()).map_err(invalid)?;
        let filed_by = if handle.is_some() {
            "resident".to_string()
        } else {
            who.key()
        };
        if q::result_objection_exists(c, &round.id, &filed_by, handle.as_deref())? {
            return Err(ServiceError::invalid(
                "objection",
                Msg::new(msg_key!("error-objection-already-result")),
            ));
        }
        file(
            c,
            who,
            &round,
            ObjectionKind::Result,
            None,
            &reason,
            handle.as_deref(),
        )
    })
}

fn file(
    c: &mut DbConn,
    who: &Principal,
    round: &Round,
    kind: ObjectionKind,
    plan: Option<&Plan>,
    reason: &str,
    voter_handle: Option<&str>,
) -> Result<ObjectionRecord, ServiceError> {
    let id = Uuid::new_v4().to_string();
    let filed_by = if voter_handle.is_some() {
        "resident".to_string()
    } else {
        who.key()
    };
    let now = repo::now();
    q::insert(
        c,
        &NewObjection {
            id: &id,
            round_id: &round.id,
            kind,
            initiative_id: plan.map(|p| &p.id),
            reason,
            filed_by: &filed_by,
            voter_handle,
            filed_at: now,
        },
    )?;
    // A resident's objection names no one: not the code, not the person.
    let actor = if voter_handle.is_some() {
        crate::domain::audit::Actor::Resident
    } else {
        who.actor.clone()
    };
    audit::append(
        c,
        &actor,
        &[NewEvent {
            action: "objection.filed",
            entity_type: "objection",
            entity_id: id.clone(),
            before: Value::Null,
            after: json!({
                "round": round.id, "kind": kind.as_str(),
                "plan": plan.map(|p| p.id.clone()), "reason": reason,
            }),
        }],
    )?;
    q::find(c, &id)?.ok_or(ServiceError::NotFound(crate::msg_key!(
        "error-missing-objection"
    )))
}

/// The steering group's work list: objections waiting for a decision, and the latest
/// decisions.
#[derive(Debug, Clone)]
pub struct Queue {
    pub waiting: Vec<ObjectionView>,
    pub decided: Vec<ObjectionView>,
}

pub fn queue(conn: &mut DbConn, who: &Principal) -> Result<Queue, ServiceError> {
    who.may(Operation::ObjectionQueue)?;
    let waiting = q::waiting(conn)?
        .into_iter()
        .map(|r| view_of(conn, who, r))
        .collect::<Result<Vec<_>, _>>()?;
    let decided = q::recently_decided(conn, RECENT)?
        .into_iter()
        .map(|r| view_of(conn, who, r))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Queue { waiting, decided })
}

/// The steering group decides an objection, once, with a public reason. Upheld, an
/// objection to a rejection puts the plan on the ballot; one to a result has the round
/// counted again under its frozen rules, or annulled (nothing committed, the reservation
/// released). Everything in one transaction with its audit events. Nobody decides an
/// objection about their own decision, or their own objection.
pub fn decide(
    conn: &mut DbConn,
    who: &Principal,
    objection_id: &str,
    verdict: &str,
    reason: &str,
) -> Result<ObjectionView, ServiceError> {
    who.may(Operation::DecideObjection)?;
    tx::write(conn, |c| {
        let record = q::find(c, objection_id)?.ok_or(ServiceError::NotFound(crate::msg_key!(
            "error-missing-objection"
        )))?;
        if record.decision.is_some() {
            return Err(ServiceError::invalid(
                "objection",
                Msg::new(msg_key!("error-objection-already-decided")),
            ));
        }
        let round = load_round(c, &record.round_id)?;
        let plan = match &record.initiative_id {
            Some(id) => Some(load_plan(c, id)?),
            None => None,
        };
        let decision_by = match &plan {
            Some(p) => rejection_of(c, p)?.1,
            None => counter_of(c, &round)?,
        };
        if !rule::may_decide(&who.key(), decision_by.as_deref(), &record.filed_by) {
            return Err(ServiceError::forbidden(msg_key!("error-objection-own")));
        }
        // Both problems at once, so the form shows everything to fix.
        let v = rule::check_verdict(record.kind, verdict);
        let r = rule::check_decision_reason(reason);
        let (verdict, reason) = match (v, r) {
            (Ok(v), Ok(r)) => (v, r),
            (Err(e), _) | (_, Err(e)) => return Err(invalid(e)),
        };
        let now = repo::now();
        if !q::decide(c, &record.id, verdict, &reason, &who.key(), now)? {
            return Err(ServiceError::invalid(
                "objection",
                Msg::new(msg_key!("error-objection-already-decided")),
            ));
        }
        audit::append(
            c,
            &who.actor,
            &[NewEvent {
                action: "objection.decided",
                entity_type: "objection",
                entity_id: record.id.clone(),
                before: json!({"decided": false}),
                after: json!({
                    "round": record.round_id, "kind": record.kind.as_str(),
                    "plan": record.initiative_id,
                    "verdict": verdict.as_str(), "upheld": verdict.upheld(), "reason": reason,
                }),
            }],
        )?;
        match verdict {
            Verdict::Rejected => {}
            Verdict::Nominate => nominate(c, who, &round, plan.as_ref(), &record.id)?,
            Verdict::Recount => recount(c, who, round, &record.id)?,
            Verdict::Annul => annul(c, who, &round, &record.id)?,
        }
        let record = q::find(c, objection_id)?.ok_or(ServiceError::NotFound(crate::msg_key!(
            "error-missing-objection"
        )))?;
        view_of(c, who, record)
    })
}

fn nominate(
    c: &mut DbConn,
    who: &Principal,
    round: &Round,
    plan: Option<&Plan>,
    objection: &str,
) -> Result<(), ServiceError> {
    let plan = plan.ok_or(ServiceError::NotFound(crate::msg_key!(
        "error-missing-plan"
    )))?;
    // Voting cannot have opened while this objection waited (`voting_may_open`).
    if !matches!(round.status, RoundStatus::Open | RoundStatus::Review) {
        return Err(ServiceError::invalid(
            "objection",
            Msg::new(msg_key!("error-objection-voting-started")),
        ));
    }
    rq::set_review(c, &plan.id, PlanStatus::Nominated, None)?;
    audit::append(
        c,
        &who.actor,
        &[NewEvent {
            action: "initiative.nominated_on_objection",
            entity_type: "initiative",
            entity_id: plan.id.to_string(),
            before: json!({"status": plan.status.as_str(), "reason": plan.review_reason}),
            after: json!({"status": PlanStatus::Nominated.as_str(), "objection": objection}),
        }],
    )?;
    Ok(())
}

/// A recount or an annulment is for a counted round whose money is not committed yet;
/// `refusal` says which step was refused.
fn still_counted(round: &Round, refusal: &'static str) -> Result<(), ServiceError> {
    if round.status != RoundStatus::Counted {
        return Err(ServiceError::refuse("objection", refusal));
    }
    Ok(())
}

/// The round changed state between reading it and writing the decision.
fn no_longer_counted() -> ServiceError {
    ServiceError::invalid(
        "objection",
        Msg::new(msg_key!("error-objection-round-not-counted")),
    )
}

fn recount(
    c: &mut DbConn,
    who: &Principal,
    round: Round,
    objection: &str,
) -> Result<(), ServiceError> {
    still_counted(&round, msg_key!("error-objection-recount-state"))?;
    let before = round.result.clone();
    let id = round.id.clone();
    let (result, pb_sha256, ballots) = rounds::recount(c, who, round)?;
    if q::set_recounted(c, &id, &result, repo::now())? != 1 {
        return Err(no_longer_counted());
    }
    audit::append(
        c,
        &who.actor,
        &[NewEvent {
            action: "round.recounted",
            entity_type: "round",
            entity_id: id.to_string(),
            before: json!({
                "selected": before.as_ref().map(|r| r.selected.clone()),
                "spent_cents": before.as_ref().map(|r| r.spent_cents),
            }),
            after: json!({
                "status": RoundStatus::Counted.as_str(), "objection": objection, "ballots": ballots,
                "ballots_pb_sha256": pb_sha256, "selected": result.selected,
                "spent_cents": result.spent_cents,
                "changed": before.as_ref().map(|b| b.selected != result.selected),
            }),
        }],
    )?;
    Ok(())
}

fn annul(
    c: &mut DbConn,
    who: &Principal,
    round: &Round,
    objection: &str,
) -> Result<(), ServiceError> {
    still_counted(round, msg_key!("error-objection-annul-state"))?;
    // Nothing is committed: the whole reservation is free again.
    super::pool_holds::release_round(
        c,
        who,
        round,
        0,
        "ronde ongeldig verklaard door de stuurgroep",
    )?;
    if q::set_annulled(c, &round.id, repo::now())? != 1 {
        return Err(no_longer_counted());
    }
    audit::append(
        c,
        &who.actor,
        &[NewEvent {
            action: "round.annulled",
            entity_type: "round",
            entity_id: round.id.to_string(),
            before: json!({"status": RoundStatus::Counted.as_str()}),
            after: json!({"status": RoundStatus::Annulled.as_str(), "objection": objection, "committed_cents": 0}),
        }],
    )?;
    Ok(())
}

/// The hook of `rounds::open_voting`: voting does not open while an objection to a
/// rejection in the round waits for the steering group.
pub(crate) fn voting_may_open(c: &mut DbConn, round: &Round) -> Result<(), ServiceError> {
    let waiting = q::waiting_in_round(c, &round.id, ObjectionKind::Rejection)?;
    if waiting > 0 {
        return Err(ServiceError::invalid(
            "round",
            Msg::new(msg_key!("error-objection-blocks-voting")).arg("count", waiting),
        ));
    }
    Ok(())
}

/// The hook of `plan_review::save_review` (and its review page): once the initiator
/// objected to the plan's rejection, the review no longer changes: the steering group
/// decides, and its decision is final.
pub(crate) fn review_may_change(c: &mut DbConn, plan: &PlanId) -> Result<(), ServiceError> {
    let objection = q::of_plan(c, plan)?.map(|o| o.decision.is_some());
    rule::review_may_change(objection).map_err(invalid)
}

/// The hook of `rounds::close_round`: the money of a counted round is committed only
/// after the objection window has passed and every objection to the result is decided.
pub(crate) fn money_may_be_committed(c: &mut DbConn, round: &Round) -> Result<(), ServiceError> {
    let days = q::window_days(c, &round.area_id)?;
    if let Some(counted) = counted_on(round) {
        if rule::result_window_open(counted, days, today()) {
            let last = rule::last_day(counted, days).unwrap_or(counted);
            return Err(ServiceError::invalid(
                "round",
                Msg::new(msg_key!("error-objection-window-open")).arg("last", last),
            ));
        }
    }
    let waiting = q::waiting_in_round(c, &round.id, ObjectionKind::Result)?;
    if waiting > 0 {
        return Err(ServiceError::invalid(
            "round",
            Msg::new(msg_key!("error-objection-blocks-closing")).arg("count", waiting),
        ));
    }
    Ok(())
}

/// An area's objection window, for its coordinator's settings page.
pub fn window(conn: &mut DbConn, who: &Principal, area_slug: &str) -> Result<i32, ServiceError> {
    let area = areas::find_area_by_slug(conn, area_slug)?.ok_or(ServiceError::NotFound(
        crate::msg_key!("error-missing-area"),
    ))?;
    who.may_in_area(Operation::SetObjectionWindow, &area.id)?;
    Ok(q::window_days(conn, &area.id)?)
}

/// Sets an area's objection window (0 to 60 days), audited.
pub fn set_window(
    conn: &mut DbConn,
    who: &Principal,
    area_slug: &str,
    days: i32,
) -> Result<i32, ServiceError> {
    tx::write(conn, |c| {
        let area = areas::find_area_by_slug(c, area_slug)?.ok_or(ServiceError::NotFound(
            crate::msg_key!("error-missing-area"),
        ))?;
        who.may_in_area(Operation::SetObjectionWindow, &area.id)?;
        let days = rule::check_days(days).map_err(invalid)?;
        let before = q::window_days(c, &area.id)?;
        q::set_window_days(c, &area.id, days, &who.key(), repo::now())?;
        audit::append(
            c,
            &who.actor,
            &[NewEvent {
                action: "area.objection_window_set",
                entity_type: "area",
                entity_id: area.id.to_string(),
                before: json!({"days": before}),
                after: json!({"days": days}),
            }],
        )?;
        Ok(days)
    })
}
