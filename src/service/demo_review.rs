//! The demo's reviews: verdicts per criterion (some plans judged in part), a plan with a
//! cost breakdown, a corrected amount, and 't Loo's waiting time after a funded plan.

use super::plan_review::{self as pr, FormError, PlanSubmission, ReviewInput};
use super::{Principal, ServiceError};
use crate::db::DbConn;
use crate::domain::review::{Decision, Verdict, VerdictInput};
use crate::domain::round::{Plan, RoundId};

/// A demo review: the first `judged` criteria get a verdict (those in `fails` "voldoet
/// niet" with their note, the others "voldoet"), then `decision`.
pub(crate) struct Judgement<'a> {
    pub decision: Decision,
    pub judged: usize,
    pub fails: &'a [(usize, &'a str)],
    pub taakveld: &'a str,
    pub reason: &'a str,
}

pub(crate) fn review(
    conn: &mut DbConn,
    who: &Principal,
    plan: &Plan,
    j: &Judgement<'_>,
) -> Result<Plan, ServiceError> {
    let Judgement {
        decision,
        judged,
        fails,
        taakveld,
        reason,
    } = *j;
    let criteria = pr::review_page(conn, who, &plan.id)?.criteria;
    let verdicts = (1..=criteria.len())
        .map(|n| match fails.iter().find(|(f, _)| *f == n) {
            Some((_, note)) => VerdictInput {
                verdict: Some(Verdict::Fails),
                note: note.to_string(),
            },
            None if n <= judged => VerdictInput {
                verdict: Some(Verdict::Meets),
                note: String::new(),
            },
            None => VerdictInput::default(),
        })
        .collect();
    let input = ReviewInput {
        decision,
        verdicts,
        taakveld: taakveld.into(),
        amount_cents: None,
        explanation: String::new(),
        reason: reason.into(),
    };
    pr::save_review(conn, who, &plan.id, &input, Vec::new()).map_err(FormError::into_service)
}

/// Puts a plan on the ballot: every criterion "voldoet", with its taakveld.
pub(crate) fn nominate(
    conn: &mut DbConn,
    who: &Principal,
    plan: &Plan,
    taakveld: &str,
) -> Result<Plan, ServiceError> {
    let j = Judgement {
        decision: Decision::Nominate,
        judged: 5,
        fails: &[],
        taakveld,
        reason: "",
    };
    review(conn, who, plan, &j)
}

/// Corrects the plan's amount during review, keeping its verdicts.
pub(crate) fn correct(
    conn: &mut DbConn,
    who: &Principal,
    plan: &Plan,
    new_cents: i64,
    explanation: &str,
) -> Result<Plan, ServiceError> {
    let criteria = pr::review_page(conn, who, &plan.id)?.criteria;
    let input = ReviewInput {
        decision: Decision::Save,
        verdicts: pr::stored_inputs(conn, &plan.id, &criteria)?,
        taakveld: String::new(),
        amount_cents: Some(new_cents),
        explanation: explanation.into(),
        reason: plan.review_reason.clone().unwrap_or_default(),
    };
    pr::save_review(conn, who, &plan.id, &input, Vec::new()).map_err(FormError::into_service)
}

/// Hands in a plan with a cost breakdown (the amount is the lines' sum).
pub(crate) fn with_breakdown(
    conn: &mut DbConn,
    who: &Principal,
    round: &RoundId,
    title: &str,
    summary: &str,
    lines: &[(&str, i64)],
) -> Result<Plan, ServiceError> {
    let input = PlanSubmission {
        title: title.into(),
        summary: summary.into(),
        amount_cents: Some(lines.iter().map(|(_, a)| a).sum()),
        cost_lines: lines
            .iter()
            .enumerate()
            .map(|(i, (d, a))| (i + 1, d.to_string(), Some(*a)))
            .collect(),
        taakveld: String::new(),
    };
    pr::submit_plan(conn, who, round, &input, Vec::new()).map_err(FormError::into_service)
}

/// The area keeps the usual checklist and makes a funded initiator wait `months`.
pub(crate) fn waiting_time(
    conn: &mut DbConn,
    who: &Principal,
    slug: &str,
    months: u32,
) -> Result<(), ServiceError> {
    let now = pr::review_rules(conn, who, slug)?;
    pr::update_review_rules(
        conn,
        who,
        slug,
        &now.criteria.join("\n"),
        &months.to_string(),
    )
    .map(drop)
    .map_err(FormError::into_service)
}
