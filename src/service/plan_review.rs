//! Handing in and reviewing plans: the plan form (with its optional cost breakdown and the
//! area's eligibility rules), the area's review checklist and rules, and the coordinator's
//! review (a verdict per criterion, the taakveld, an amount correction, the decision).
//! Forms get every problem at once ([`FormError::Fields`]); each change is audited in its
//! own transaction. See docs/rounds.md "Reviewing plans".

use crate::domain::message::Msg;
use crate::msg_key;
use serde_json::{json, Value};
use uuid::Uuid;

use super::{Principal, ServiceError};
use crate::db::models::AreaRow;
use crate::db::repo::{self, audit, ledger as areas, plan_review as pr, rounds as q};
use crate::db::{tx, DbConn};
use crate::domain::audit::NewEvent;
use crate::domain::eligibility::{self, EligibilityRules, FundedPlan, History, MAX_WAIT_MONTHS};
use crate::domain::money::{above_maximum, within_bound};
use crate::domain::permissions::Operation;
use crate::domain::review::{
    self as rv, CostLine, CriterionVerdict, Decision, FieldProblem, Verdict, VerdictInput,
    DEFAULT_CRITERIA,
};
use crate::domain::role::Role;
use crate::domain::round::{Plan, PlanId, PlanStatus, Round, RoundStatus};
use crate::domain::taakveld::{self, Taakveld};
use crate::service::rounds::{capabilities_for, today_nl, SUMMARY_MAX, TITLE_MAX};

/// A form's answer: every problem with the input at once, or another refusal.
#[derive(Debug, thiserror::Error)]
pub enum FormError {
    #[error("{}", Msg::new(msg_key!("error-form-problems")).arg("count", .0.len()))]
    Fields(Vec<FieldProblem>),
    #[error(transparent)]
    Service(#[from] ServiceError),
}

impl From<diesel::result::Error> for FormError {
    fn from(e: diesel::result::Error) -> Self {
        FormError::Service(e.into())
    }
}

impl FormError {
    /// The first problem as a `ServiceError` (for callers that show one message).
    pub fn into_service(self) -> ServiceError {
        match self {
            FormError::Service(e) => e,
            FormError::Fields(mut p) if !p.is_empty() => {
                let (field, message) = p.remove(0);
                ServiceError::invalid(static_field(&field), message)
            }
            FormError::Fields(_) => {
                ServiceError::invalid("form", Msg::new(msg_key!("error-form-invalid")))
            }
        }
    }
}

/// The `'static` name of a form field, for `ServiceError::Invalid`.
fn static_field(field: &str) -> &'static str {
    match field {
        "title" => "title",
        "summary" => "summary",
        "amount" => "amount",
        "taakveld" => "taakveld",
        "reason" => "reason",
        "round" | "plannen" => "round",
        "bedrag" => "bedrag",
        "uitleg" => "uitleg",
        f if f.starts_with("oordeel") => "oordeel",
        f if f.starts_with("toelichting") => "toelichting",
        f if f.starts_with("kosten") => "kosten",
        _ => "form",
    }
}

fn area_by_id(c: &mut DbConn, id: &str) -> Result<AreaRow, ServiceError> {
    crate::db::repo::voting_codes::find_area(c, id)?.ok_or(ServiceError::NotFound(crate::msg_key!(
        "error-missing-area"
    )))
}

/// The area's checklist: its own, or the default one.
pub fn criteria_for(conn: &mut DbConn, area_id: &str) -> Result<Vec<String>, ServiceError> {
    let own = pr::criteria_of(conn, area_id)?;
    Ok(if own.is_empty() {
        DEFAULT_CRITERIA.iter().map(|s| s.to_string()).collect()
    } else {
        own
    })
}

/// The area's eligibility rules.
pub fn rules_for(conn: &mut DbConn, area_id: &str) -> Result<EligibilityRules, ServiceError> {
    let months = pr::funded_wait_months(conn, area_id)?;
    Ok(EligibilityRules {
        funded_wait_months: u32::try_from(months).unwrap_or(0),
    })
}

// ---------------------------------------------------------------------------------------
// The area's checklist and rules
// ---------------------------------------------------------------------------------------

/// An area's review checklist and eligibility rules, for its settings page.
#[derive(Debug, Clone)]
pub struct ReviewRulesView {
    pub area_slug: String,
    pub area_name: String,
    pub criteria: Vec<String>,
    /// The area did not set its own checklist.
    pub default_checklist: bool,
    pub funded_wait_months: u32,
}

pub fn review_rules(
    conn: &mut DbConn,
    who: &Principal,
    slug: &str,
) -> Result<ReviewRulesView, ServiceError> {
    let area = areas::find_area_by_slug(conn, slug)?.ok_or(ServiceError::NotFound(
        crate::msg_key!("error-missing-area"),
    ))?;
    who.may_in_area(Operation::ReviewRules, &area.id)?;
    let own = pr::criteria_of(conn, &area.id)?;
    Ok(ReviewRulesView {
        default_checklist: own.is_empty(),
        criteria: criteria_for(conn, &area.id)?,
        funded_wait_months: rules_for(conn, &area.id)?.funded_wait_months,
        area_slug: area.slug,
        area_name: area.name,
    })
}

/// Replaces the area's checklist (one criterion per line) and sets its waiting time
/// (`funded_wait_months` as typed; empty is 0). Every problem at once.
pub fn update_review_rules(
    conn: &mut DbConn,
    who: &Principal,
    slug: &str,
    checklist: &str,
    funded_wait_months: &str,
) -> Result<ReviewRulesView, FormError> {
    let mut problems = Vec::new();
    let criteria = rv::parse_checklist(checklist).unwrap_or_else(|p| {
        problems.extend(p);
        Vec::new()
    });
    let months = match funded_wait_months.trim() {
        "" => Some(0),
        t => t.parse::<u32>().ok().filter(|m| *m <= MAX_WAIT_MONTHS),
    };
    if months.is_none() {
        problems.push((
            "wachttijd".to_string(),
            Msg::new(msg_key!("error-review-wait-months")).arg("max", MAX_WAIT_MONTHS),
        ));
    }
    tx::write(conn, |c| {
        let area = areas::find_area_by_slug(c, slug)?.ok_or(ServiceError::NotFound(
            crate::msg_key!("error-missing-area"),
        ))?;
        who.may_in_area(Operation::UpdateReviewRules, &area.id)?;
        if !problems.is_empty() {
            return Err(FormError::Fields(problems));
        }
        let months = months.unwrap_or(0);
        let before_criteria = criteria_for(c, &area.id)?;
        let before_months = rules_for(c, &area.id)?.funded_wait_months;
        pr::set_criteria(c, &area.id, &criteria)?;
        pr::set_funded_wait_months(c, &area.id, months as i32)?;
        audit::append(
            c,
            &who.actor,
            &[NewEvent {
                action: "area.review_rules_changed",
                entity_type: "area",
                entity_id: area.id.to_string(),
                before: json!({"checklist": before_criteria, "funded_wait_months": before_months}),
                after: json!({"checklist": criteria, "funded_wait_months": months}),
            }],
        )?;
        Ok(ReviewRulesView {
            area_slug: area.slug,
            area_name: area.name,
            criteria,
            default_checklist: false,
            funded_wait_months: months,
        })
    })
}

// ---------------------------------------------------------------------------------------
// Handing in a plan
// ---------------------------------------------------------------------------------------

/// A plan as handed in. `amount_cents` is `None` when the typed amount could not be read
/// (the caller passes that problem along); `cost_lines` are the filled-in lines with their
/// form position, amounts `None` when unreadable.
#[derive(Debug, Clone, Default)]
pub struct PlanSubmission {
    pub title: String,
    pub summary: String,
    pub amount_cents: Option<i64>,
    pub cost_lines: Vec<(usize, String, Option<i64>)>,
    /// A taakveld set in advance (staff entering a plan); residents never send one and
    /// the coordinator assigns it at review.
    pub taakveld: String,
}

/// The initiator's funded plans in this area, for the eligibility rules.
fn history(c: &mut DbConn, who: &Principal, area_id: &str) -> Result<History, ServiceError> {
    let me = who.key();
    let mut funded = Vec::new();
    for round in q::rounds_of_area(c, area_id)? {
        let (Some(result), Some(closed_at)) = (&round.result, round.closed_at) else {
            continue;
        };
        if round.status != RoundStatus::Closed {
            continue;
        }
        for plan in q::initiatives_of(c, &round.id)? {
            if plan.submitted_by == me && result.selected.contains(&plan.id) {
                funded.push(FundedPlan {
                    title: plan.title,
                    funded_on: today_nl(closed_at),
                });
            }
        }
    }
    Ok(History { funded })
}

/// Hands in a plan while its round is open. `known` are problems the caller already found
/// (amounts that could not be read); every problem comes back at once.
pub fn submit_plan(
    conn: &mut DbConn,
    who: &Principal,
    round_id: &crate::domain::round::RoundId,
    input: &PlanSubmission,
    known: Vec<FieldProblem>,
) -> Result<Plan, FormError> {
    let mut problems = known;
    let title = input.title.trim().to_string();
    let summary = input.summary.trim().to_string();
    if title.is_empty() || title.chars().count() > TITLE_MAX {
        problems.push((
            "title".into(),
            Msg::new(msg_key!("error-plan-title")).arg("max", TITLE_MAX),
        ));
    }
    if summary.is_empty() || summary.chars().count() > SUMMARY_MAX {
        problems.push((
            "summary".into(),
            Msg::new(msg_key!("error-plan-summary")).arg("max", SUMMARY_MAX),
        ));
    }
    let amount_known = problems.iter().any(|(f, _)| f == "amount");
    match input.amount_cents {
        None if !amount_known => problems.push((
            "amount".into(),
            Msg::new(msg_key!("error-plan-amount-missing")),
        )),
        Some(a) if a <= 0 => problems.push((
            "amount".into(),
            Msg::new(msg_key!("error-plan-amount-missing")),
        )),
        Some(a) if !within_bound(a) => problems.push(("amount".into(), above_maximum())),
        _ => {}
    }
    problems.extend(rv::cost_problems(&input.cost_lines, input.amount_cents));
    tx::write(conn, |c| {
        let round = q::find_round(c, round_id)?.ok_or(ServiceError::NotFound(crate::msg_key!(
            "error-missing-round"
        )))?;
        let may = capabilities_for(who, &round);
        if !may.submits_plans {
            return Err(
                ServiceError::Forbidden(Msg::new(msg_key!("error-plan-needs-account"))).into(),
            );
        }
        if !may.may_submit {
            problems.push((
                "round".into(),
                Msg::new(msg_key!("error-plan-round-closed")),
            ));
        }
        if let Some(cal) = &round.calendar {
            let today = today_nl(repo::now());
            if today < cal.plans_from {
                problems.push((
                    "round".into(),
                    Msg::new(msg_key!("error-plan-not-yet")).arg("from", cal.plans_from),
                ));
            } else if today > cal.plans_until {
                problems.push((
                    "round".into(),
                    Msg::new(msg_key!("error-plan-too-late")).arg("until", cal.plans_until),
                ));
            }
        }
        let code = input.taakveld.trim();
        let taakveld = if code.is_empty() {
            String::new()
        } else {
            match taakveld::check(round.year, code) {
                Ok(t) => t.code.to_string(),
                Err(e) => {
                    problems.push(("taakveld".into(), e.msg()));
                    String::new()
                }
            }
        };
        let area = area_by_id(c, &round.area_id)?;
        if let Some(amount) = input.amount_cents.filter(|a| *a > 0) {
            if let Some(max) = area.max_initiative_cents.filter(|m| amount > *m) {
                problems.push((
                    "amount".into(),
                    Msg::new(msg_key!("error-plan-above-area-max"))
                        .arg("area", &area.name)
                        .money("max", max),
                ));
            } else if amount > round.budget_cents {
                problems.push((
                    "amount".into(),
                    Msg::new(msg_key!("error-plan-above-budget"))
                        .money("budget", round.budget_cents),
                ));
            }
        }
        // The area's own rules are about the person who hands in: a coordinator entering
        // a paper plan on someone's behalf is not that person.
        if who.roles.contains(&Role::Initiator) && !may.coordinates {
            let rules = rules_for(c, &area.id)?;
            let history = history(c, who, &area.id)?;
            let today = today_nl(repo::now());
            for r in eligibility::refusals(&rules, &area.name, &history, today) {
                problems.push(("round".into(), r.msg()));
            }
        }
        if !problems.is_empty() {
            return Err(FormError::Fields(problems));
        }
        let amount_cents = input.amount_cents.unwrap_or_default();
        let lines: Vec<CostLine> = input
            .cost_lines
            .iter()
            .map(|(_, d, a)| CostLine {
                description: d.trim().to_string(),
                amount_cents: a.unwrap_or_default(),
            })
            .collect();
        let row = Plan {
            id: PlanId(Uuid::new_v4().to_string()),
            round_id: round.id.clone(),
            number: q::next_initiative_number(c, &round.id)?,
            title,
            summary,
            amount_cents,
            taakveld,
            status: PlanStatus::Submitted,
            review_reason: None,
            submitted_by: who.key(),
            created_at: repo::now(),
        };
        q::insert_initiative(c, &row)?;
        pr::insert_cost_lines(c, &row.id.0, &lines)?;
        audit::append(
            c,
            &who.actor,
            &[NewEvent {
                action: "initiative.submitted",
                entity_type: "initiative",
                entity_id: row.id.to_string(),
                before: Value::Null,
                after: json!({
                    "round": row.round_id, "number": row.number, "title": row.title,
                    "amount_cents": row.amount_cents, "taakveld": row.taakveld,
                    "cost_lines": lines,
                }),
            }],
        )?;
        Ok(row)
    })
}

// ---------------------------------------------------------------------------------------
// Reviewing a plan
// ---------------------------------------------------------------------------------------

/// A correction of a plan's amount, as the plan page shows it.
#[derive(Debug, Clone)]
pub struct CorrectionView {
    pub old_cents: i64,
    pub new_cents: i64,
    pub explanation: String,
    pub at: chrono::NaiveDateTime,
}

/// What the public plan page shows of the review (the verdicts, the breakdown, the
/// corrections).
#[derive(Debug, Clone, Default)]
pub struct PlanReviewFacts {
    pub verdicts: Vec<CriterionVerdict>,
    pub cost_lines: Vec<CostLine>,
    pub corrections: Vec<CorrectionView>,
}

pub fn review_facts(conn: &mut DbConn, plan: &PlanId) -> Result<PlanReviewFacts, ServiceError> {
    Ok(PlanReviewFacts {
        verdicts: pr::verdicts_of(conn, &plan.0)?,
        cost_lines: pr::cost_lines_of(conn, &plan.0)?,
        corrections: pr::corrections_of(conn, &plan.0)?
            .into_iter()
            .map(|r| CorrectionView {
                old_cents: r.old_cents,
                new_cents: r.new_cents,
                explanation: r.explanation,
                at: r.corrected_at,
            })
            .collect(),
    })
}

/// The coordinator's review page of one plan.
#[derive(Debug, Clone)]
pub struct ReviewPageView {
    pub plan: Plan,
    pub round: Round,
    pub area_name: String,
    pub area_slug: String,
    pub max_initiative_cents: Option<i64>,
    pub criteria: Vec<String>,
    pub facts: PlanReviewFacts,
    pub taakvelden: Vec<Taakveld>,
    /// The review can still change (voting has not opened, no objection to it).
    pub may_review: bool,
    /// Why the review cannot change although voting has not opened: an objection to the
    /// rejection waits for, or was decided by, the steering group.
    pub fixed_by_objection: Option<Msg>,
}

pub fn review_page(
    conn: &mut DbConn,
    who: &Principal,
    plan_id: &PlanId,
) -> Result<ReviewPageView, ServiceError> {
    let plan = q::find_initiative(conn, plan_id)?.ok_or(ServiceError::NotFound(
        crate::msg_key!("error-missing-plan"),
    ))?;
    let round = q::find_round(conn, &plan.round_id)?.ok_or(ServiceError::NotFound(
        crate::msg_key!("error-missing-round"),
    ))?;
    who.may_in_area(Operation::ReviewPlan, &round.area_id)?;
    let area = area_by_id(conn, &round.area_id)?;
    let may = capabilities_for(who, &round);
    let fixed_by_objection = match super::objections::review_may_change(conn, plan_id) {
        Ok(()) => None,
        Err(ServiceError::Invalid { message, .. }) => Some(message),
        Err(e) => return Err(e),
    };
    Ok(ReviewPageView {
        criteria: criteria_for(conn, &area.id)?,
        facts: review_facts(conn, plan_id)?,
        taakvelden: taakveld::all_for_year(round.year),
        may_review: may.may_review && fixed_by_objection.is_none(),
        fixed_by_objection,
        area_name: area.name,
        area_slug: area.slug,
        max_initiative_cents: area.max_initiative_cents,
        plan,
        round,
    })
}

/// The coordinator's review of one plan. `verdicts[i]` is for the checklist's criterion
/// `i + 1`; `amount_cents` is the plan's amount as typed (`None`: unchanged or unreadable,
/// the caller passes that problem in `known`).
#[derive(Debug, Clone)]
pub struct ReviewInput {
    pub decision: Decision,
    pub verdicts: Vec<VerdictInput>,
    /// A taakveld code; empty keeps the plan's.
    pub taakveld: String,
    pub amount_cents: Option<i64>,
    pub explanation: String,
    /// The public reason (required for a rejection).
    pub reason: String,
}

/// Stores the verdicts, the taakveld and a corrected amount, and makes the decision (or
/// not, for [`Decision::Save`]), all or nothing. Every problem comes back at once.
pub fn save_review(
    conn: &mut DbConn,
    who: &Principal,
    plan_id: &PlanId,
    input: &ReviewInput,
    known: Vec<FieldProblem>,
) -> Result<Plan, FormError> {
    tx::write(conn, |c| {
        let before = q::find_initiative(c, plan_id)?.ok_or(ServiceError::NotFound(
            crate::msg_key!("error-missing-plan"),
        ))?;
        let round = q::find_round(c, &before.round_id)?.ok_or(ServiceError::NotFound(
            crate::msg_key!("error-missing-round"),
        ))?;
        let may = capabilities_for(who, &round);
        if !may.coordinates {
            return Err(ServiceError::not_your_area().into());
        }
        if !may.may_review {
            return Err(ServiceError::invalid(
                "round",
                Msg::new(msg_key!("error-review-voting-started")),
            )
            .into());
        }
        super::objections::review_may_change(c, plan_id)?;
        let area = area_by_id(c, &round.area_id)?;
        let criteria = criteria_for(c, &area.id)?;
        let mut problems = known;
        problems.extend(rv::verdict_problems(
            &criteria,
            &input.verdicts,
            input.decision,
        ));
        let code = input.taakveld.trim();
        let taakveld = if code.is_empty() {
            before.taakveld.clone()
        } else {
            match taakveld::check(round.year, code) {
                Ok(t) => t.code.to_string(),
                Err(e) => {
                    problems.push(("taakveld".into(), e.msg()));
                    before.taakveld.clone()
                }
            }
        };
        if input.decision == Decision::Nominate && taakveld.is_empty() && code.is_empty() {
            problems.push((
                "taakveld".into(),
                Msg::new(msg_key!("error-review-taakveld-missing")),
            ));
        }
        let amount = input.amount_cents.unwrap_or(before.amount_cents);
        problems.extend(rv::correction_problems(
            before.amount_cents,
            amount,
            &input.explanation,
            area.max_initiative_cents,
            round.budget_cents,
        ));
        let reason = input.reason.trim().to_string();
        if input.decision == Decision::Reject && reason.is_empty() {
            problems.push((
                "reason".into(),
                Msg::new(msg_key!("error-review-reject-reason")),
            ));
        }
        if !problems.is_empty() {
            return Err(FormError::Fields(problems));
        }
        let mut events = Vec::new();
        let verdicts = rv::judged(&criteria, &input.verdicts);
        let stored = pr::verdicts_of(c, &before.id.0)?;
        if verdicts != stored {
            pr::set_verdicts(c, &before.id.0, &verdicts)?;
            events.push(NewEvent {
                action: "initiative.verdicts_saved",
                entity_type: "initiative",
                entity_id: before.id.to_string(),
                before: verdicts_json(&stored),
                after: verdicts_json(&verdicts),
            });
        }
        if taakveld != before.taakveld {
            pr::set_taakveld(c, &before.id.0, &taakveld)?;
            events.push(NewEvent {
                action: "initiative.taakveld_assigned",
                entity_type: "initiative",
                entity_id: before.id.to_string(),
                before: json!({"taakveld": before.taakveld}),
                after: json!({"taakveld": taakveld}),
            });
        }
        if amount != before.amount_cents {
            let explanation = input.explanation.trim().to_string();
            pr::insert_correction(
                c,
                &pr::CorrectionRow {
                    id: Uuid::new_v4().to_string(),
                    initiative_id: before.id.0.clone(),
                    old_cents: before.amount_cents,
                    new_cents: amount,
                    explanation: explanation.clone(),
                    corrected_by: who.key(),
                    corrected_at: repo::now(),
                },
            )?;
            pr::set_amount(c, &before.id.0, amount)?;
            events.push(NewEvent {
                action: "initiative.amount_corrected",
                entity_type: "initiative",
                entity_id: before.id.to_string(),
                before: json!({"amount_cents": before.amount_cents}),
                after: json!({"amount_cents": amount, "explanation": explanation}),
            });
        }
        let (status, review_reason) = match input.decision {
            Decision::Save => (before.status, before.review_reason.clone()),
            Decision::Nominate | Decision::Reject => {
                let status = if input.decision == Decision::Nominate {
                    PlanStatus::Nominated
                } else {
                    PlanStatus::Rejected
                };
                let reason = (!reason.is_empty()).then_some(reason.as_str());
                q::set_review(c, &before.id, status, reason)?;
                let failed: Vec<&str> = verdicts
                    .iter()
                    .filter(|v| v.verdict == Verdict::Fails)
                    .map(|v| v.criterion.as_str())
                    .collect();
                events.push(NewEvent {
                    action: "initiative.reviewed",
                    entity_type: "initiative",
                    entity_id: before.id.to_string(),
                    before: json!({"status": before.status.as_str(), "reason": before.review_reason}),
                    after: json!({"status": status.as_str(), "reason": reason, "failed_criteria": failed}),
                });
                (status, reason.map(str::to_string))
            }
        };
        if !events.is_empty() {
            audit::append(c, &who.actor, &events)?;
        }
        Ok(Plan {
            status,
            review_reason,
            taakveld,
            amount_cents: amount,
            ..before
        })
    })
}

fn verdicts_json(v: &[CriterionVerdict]) -> Value {
    Value::Array(
        v.iter()
            .map(|v| {
                json!({"position": v.position, "criterion": v.criterion,
                       "verdict": v.verdict.as_str(), "note": v.note})
            })
            .collect(),
    )
}

/// The stored verdicts laid on the current checklist (a criterion whose text changed since
/// it was judged counts as not judged).
pub fn stored_inputs(
    conn: &mut DbConn,
    plan_id: &PlanId,
    criteria: &[String],
) -> Result<Vec<VerdictInput>, ServiceError> {
    let stored = pr::verdicts_of(conn, &plan_id.0)?;
    Ok(criteria
        .iter()
        .enumerate()
        .map(|(i, c)| {
            stored
                .iter()
                .find(|v| v.position == i as i32 + 1 && &v.criterion == c)
                .map(|v| VerdictInput {
                    verdict: Some(v.verdict),
                    note: v.note.clone(),
                })
                .unwrap_or_default()
        })
        .collect())
}
