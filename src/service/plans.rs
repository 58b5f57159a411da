//! A plan after the vote, as everyone may read it (the plan page) and as the payment and
//! progress forms need it: the plan, its round and area, who handed it in, the review
//! verdict, the result, its money (granted, paid, waiting, returned, open), its payments
//! and its progress posts.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use serde::Serialize;

use crate::db::models::{AccountRow, AreaRow};
use crate::db::repo::{ledger as lq, plan_money as pq, rounds as rq, users as uq};
use crate::db::DbConn;
use crate::domain::ids::{AccountId, TransferId, UserId};
use crate::domain::ledger::{AccountKind, TransferStatus};
use crate::domain::permissions::{allows, may_coordinate, Operation, Permission};
use crate::domain::plan_money::{
    check_open, may_post_progress, PlanMoney, PlanMove, ProgressStage,
};
use crate::domain::role::Role;
use crate::domain::round::{Plan, PlanId, PlanStatus, Round, RoundId, RoundStatus};
use crate::service::{Principal, ServiceError};

/// A plan with everything around it that the money needs.
pub(crate) struct PlanContext {
    pub plan: Plan,
    pub round: Round,
    pub area: AreaRow,
    /// The plan's own account: there once its round committed money to it.
    pub account: Option<AccountRow>,
}

/// A plan that money may still move for (paid, or returned when it is finished): funded
/// (it has its own account) and not finished yet; with that account. The check before
/// a payment and before a progress post.
pub(crate) fn load_open(
    c: &mut DbConn,
    id: &PlanId,
) -> Result<(PlanContext, AccountRow), ServiceError> {
    let mut ctx = load(c, id)?;
    let done = pq::is_done(c, &ctx.plan.id.0)?;
    check_open(ctx.account.is_some(), done).map_err(|e| ServiceError::invalid("plan", e))?;
    let Some(account) = ctx.account.take() else {
        return Err(ServiceError::NotFound(crate::msg_key!(
            "error-missing-plan-account"
        )));
    };
    Ok((ctx, account))
}

pub(crate) fn load(c: &mut DbConn, id: &PlanId) -> Result<PlanContext, ServiceError> {
    let plan = rq::find_initiative(c, id)?.ok_or(ServiceError::NotFound(crate::msg_key!(
        "error-missing-plan"
    )))?;
    let round = rq::find_round(c, &plan.round_id)?.ok_or(ServiceError::NotFound(
        crate::msg_key!("error-missing-round"),
    ))?;
    let area = crate::db::repo::voting_codes::find_area(c, &round.area_id)?.ok_or(
        ServiceError::NotFound(crate::msg_key!("error-missing-area")),
    )?;
    let account = pq::account_of_plan(c, &plan.id.0, AccountKind::Initiative)?;
    Ok(PlanContext {
        plan,
        round,
        area,
        account,
    })
}

/// The money of a plan's account, summed by `domain::plan_money`.
pub(crate) fn money_of(c: &mut DbConn, account: &AccountRow) -> Result<PlanMoney, ServiceError> {
    let mut kinds: HashMap<AccountId, AccountKind> = HashMap::new();
    let mut moves = Vec::new();
    for (t, d) in lq::transfers_of_account(c, &account.id)? {
        let outgoing = t.debit_account == account.id;
        let other = if outgoing {
            &t.credit_account
        } else {
            &t.debit_account
        };
        let other_kind = match kinds.get(other) {
            Some(k) => *k,
            None => {
                let k = lq::find_account(c, other)?
                    .ok_or(ServiceError::NotFound(crate::msg_key!(
                        "error-missing-account"
                    )))?
                    .kind;
                kinds.insert(other.clone(), k);
                k
            }
        };
        moves.push(PlanMove {
            kind: t.kind,
            outgoing,
            other: other_kind,
            amount_cents: t.amount_cents,
            status: TransferStatus::derive(t.needs_approval, d.map(|d| d.approved)),
        });
    }
    Ok(PlanMoney::of(&moves))
}

/// A name to show for whoever wrote something: the account's display name, or the
/// municipality for the command line and the system.
pub(crate) fn display_name(c: &mut DbConn, key: &str) -> Result<String, ServiceError> {
    if let Some(id) = key.strip_prefix("user:") {
        if let Some(u) = uq::find(c, &UserId::from(id))? {
            return Ok(u.display_name);
        }
    }
    Ok("De gemeente".to_string())
}

/// What the result of the round says about the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanOutcome {
    /// Not on the ballot (yet), or the round is not counted yet.
    NotCounted,
    Funded,
    NotFunded,
}

impl PlanOutcome {
    pub fn label_nl(self) -> &'static str {
        match self {
            PlanOutcome::NotCounted => "Nog niet geteld",
            PlanOutcome::Funded => "Gekozen: het plan krijgt geld",
            PlanOutcome::NotFunded => "Niet gekozen",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct PaymentView {
    pub transfer_id: TransferId,
    pub paid_on: String,
    pub reference: String,
    pub note: String,
    pub amount_cents: i64,
    pub status: TransferStatus,
}

#[derive(Debug, Clone, Serialize)]
pub struct PostView {
    pub id: String,
    pub stage: ProgressStage,
    pub body: String,
    pub has_photo: bool,
    pub photo_alt: Option<String>,
    pub posted_by: String,
    pub at: NaiveDateTime,
    /// What went back to the pool with this post (a "done" post).
    pub returned_cents: Option<i64>,
}

/// What the caller may do on the plan page.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct PlanActions {
    pub may_pay: bool,
    pub may_post: bool,
}

#[derive(Debug, Clone)]
pub struct PlanPageView {
    pub plan: Plan,
    pub round_id: RoundId,
    pub round_title: String,
    pub round_year: i32,
    pub round_quarter: i32,
    pub round_status: RoundStatus,
    pub area_name: String,
    pub area_slug: String,
    pub author: String,
    pub outcome: PlanOutcome,
    /// `None` until a round committed money to the plan.
    pub money: Option<PlanMoney>,
    pub payments: Vec<PaymentView>,
    pub posts: Vec<PostView>,
    pub done: bool,
    pub actions: PlanActions,
    /// The review's verdicts, the cost breakdown and any amount corrections (public).
    pub review: crate::service::plan_review::PlanReviewFacts,
}

fn outcome(round: &Round, plan: &Plan) -> PlanOutcome {
    match round.result.as_ref() {
        None => PlanOutcome::NotCounted,
        Some(r) if r.selected.contains(&plan.id) => PlanOutcome::Funded,
        Some(_) if plan.status == PlanStatus::Nominated => PlanOutcome::NotFunded,
        Some(_) => PlanOutcome::NotCounted,
    }
}

/// The public page of a plan.
pub fn plan_page(
    conn: &mut DbConn,
    who: &Principal,
    id: &PlanId,
) -> Result<PlanPageView, ServiceError> {
    who.may(Operation::PlanPage)?;
    let ctx = load(conn, id)?;
    let money = match &ctx.account {
        Some(a) => Some(money_of(conn, a)?),
        None => None,
    };
    let mut payments = Vec::new();
    for p in pq::payments_of(conn, &ctx.plan.id.0)? {
        let (t, d) = lq::find_transfer(conn, &p.transfer_id)?.ok_or(ServiceError::NotFound(
            crate::msg_key!("error-missing-payment"),
        ))?;
        payments.push(PaymentView {
            transfer_id: p.transfer_id.into(),
            paid_on: p.paid_on,
            reference: p.reference,
            note: p.note,
            amount_cents: t.amount_cents,
            status: TransferStatus::derive(t.needs_approval, d.map(|d| d.approved)),
        });
    }
    payments.sort_by(|a, b| a.paid_on.cmp(&b.paid_on));
    let mut posts = Vec::new();
    for h in pq::posts_of(conn, &ctx.plan.id.0)? {
        let returned_cents = match &h.return_transfer_id {
            Some(t) => lq::find_transfer(conn, t)?.map(|(t, _)| t.amount_cents),
            None => None,
        };
        posts.push(PostView {
            posted_by: display_name(conn, &h.posted_by)?,
            id: h.id,
            stage: h.stage,
            body: h.body,
            has_photo: h.photo_type.is_some(),
            photo_alt: h.photo_alt,
            at: h.created_at,
            returned_cents,
        });
    }
    let done = posts.iter().any(|p| p.stage == ProgressStage::Done);
    let funded = ctx.account.is_some();
    let coordinates = may_coordinate(&who.roles, &who.coordinator_areas, &ctx.area.id);
    let actions = PlanActions {
        may_pay: funded && !done && allows(&who.roles, Permission::ProposeTransfer),
        may_post: funded
            && !done
            && may_post_progress(
                coordinates,
                who.roles.contains(&Role::Initiator) && ctx.plan.submitted_by == who.key(),
            ),
    };
    let review = crate::service::plan_review::review_facts(conn, &ctx.plan.id)?;
    Ok(PlanPageView {
        review,
        author: display_name(conn, &ctx.plan.submitted_by)?,
        outcome: outcome(&ctx.round, &ctx.plan),
        round_id: ctx.round.id.clone(),
        round_title: ctx.round.title.clone(),
        round_year: ctx.round.year,
        round_quarter: ctx.round.quarter,
        round_status: ctx.round.status,
        area_name: ctx.area.name.clone(),
        area_slug: ctx.area.slug.clone(),
        plan: ctx.plan,
        money,
        payments,
        posts,
        done,
        actions,
    })
}

/// A funded plan in finance's list: where its money stands.
#[derive(Debug, Clone, Serialize)]
pub struct FundedPlanRow {
    pub plan_id: PlanId,
    pub number: i32,
    pub title: String,
    pub area_name: String,
    pub round_title: String,
    pub year: i32,
    pub money: PlanMoney,
    pub done: bool,
}

/// Every plan that a round committed money to, for finance's payments list.
pub fn funded_plans(
    conn: &mut DbConn,
    who: &Principal,
) -> Result<Vec<FundedPlanRow>, ServiceError> {
    who.may(Operation::FundedPlans)?;
    let mut out = Vec::new();
    for account in lq::accounts_by_kind(conn, AccountKind::Initiative)? {
        let Some(plan_id) = account.initiative_id.clone() else {
            continue;
        };
        let ctx = load(conn, &PlanId(plan_id))?;
        let money = money_of(conn, &account)?;
        out.push(FundedPlanRow {
            plan_id: ctx.plan.id.clone(),
            number: ctx.plan.number,
            title: ctx.plan.title.clone(),
            area_name: ctx.area.name.clone(),
            round_title: ctx.round.title.clone(),
            year: ctx.round.year,
            done: pq::is_done(conn, &ctx.plan.id.0)?,
            money,
        });
    }
    out.sort_by(|a, b| {
        (a.done, &a.area_name, b.year, &a.round_title, a.number).cmp(&(
            b.done,
            &b.area_name,
            a.year,
            &b.round_title,
            b.number,
        ))
    });
    Ok(out)
}

/// The photo of a progress post: (media type, bytes). Public, like the post.
pub fn photo(
    conn: &mut DbConn,
    who: &Principal,
    plan_id: &PlanId,
    post_id: &str,
) -> Result<(&'static str, Vec<u8>), ServiceError> {
    who.may(Operation::PlanPhoto)?;
    let (plan, kind, bytes) = pq::photo_of(conn, post_id)?.ok_or(ServiceError::NotFound(
        crate::msg_key!("error-missing-photo"),
    ))?;
    if plan != plan_id.0 {
        return Err(ServiceError::NotFound(crate::msg_key!(
            "error-missing-photo"
        )));
    }
    let kind = kind
        .as_deref()
        .and_then(crate::domain::photo::PhotoType::from_media_type)
        .ok_or(ServiceError::NotFound(crate::msg_key!(
            "error-missing-photo"
        )))?;
    let bytes = bytes.ok_or(ServiceError::NotFound(crate::msg_key!(
        "error-missing-photo"
    )))?;
    Ok((kind.media_type(), bytes))
}
