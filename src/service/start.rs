//! The start page's read model: per role, what to do next. Composed from the services the
//! pages already use (rounds, the approval queue, the objections queue), each asked with the caller, so nobody
//! sees more here than on the pages it links to.

use super::{ledger, objections, rounds, Principal, ServiceError};
use crate::db::DbConn;
use crate::domain::ids::{PlanId, RoundId};
use crate::domain::permissions::{allows, Operation, Permission};
use crate::domain::role::Role;
use crate::domain::round::{PlanStatus, RoundStatus};

/// One of the caller's own plans, with its round.
#[derive(Debug, Clone)]
pub struct MyPlan {
    pub plan_id: PlanId,
    pub round_id: RoundId,
    pub round_title: String,
    pub area_name: String,
    pub title: String,
    pub status: PlanStatus,
    pub round_status: RoundStatus,
    /// After the count: chosen or not.
    pub standing: crate::domain::plan_standing::Standing,
}

/// What waits for a coordinator in one round.
#[derive(Debug, Clone)]
pub struct CoordinatorTask {
    pub round: rounds::RoundView,
    /// Plans handed in and not yet nominated or rejected.
    pub to_review: usize,
}

#[derive(Debug, Clone, Default)]
pub struct StartPage {
    /// Rounds open for plans or for voting, for everyone.
    pub open_rounds: Vec<rounds::RoundView>,
    /// The latest counted rounds (at most three), for everyone.
    pub recent_results: Vec<rounds::RoundView>,
    /// The caller may hand in plans (an initiator).
    pub submits_plans: bool,
    pub my_plans: Vec<MyPlan>,
    /// Rounds the caller coordinates that are not closed, with what waits there.
    pub coordinator_tasks: Vec<CoordinatorTask>,
    /// Transfers waiting for the caller's approval (approvers only; never their own).
    pub approvals: Option<Vec<ledger::TransferView>>,
    /// Objections waiting for the caller's decision (the steering group only; never one
    /// about their own decision or their own objection).
    pub objections: Option<Vec<objections::ObjectionView>>,
}

/// The start page for `who`; `user_id` is the signed-in account, if any.
pub fn start_page(
    conn: &mut DbConn,
    who: &Principal,
    user_id: Option<&str>,
) -> Result<StartPage, ServiceError> {
    let all = rounds::list(conn, who)?;
    // Plans store their author as the actor key (`Principal::key`).
    let me = user_id.map(|_| who.key());
    let mut page = StartPage {
        submits_plans: who.roles.contains(&Role::Initiator),
        ..StartPage::default()
    };
    for r in &all {
        if let Some(key) = &me {
            for p in r.initiatives.iter().filter(|p| &p.submitted_by == key) {
                page.my_plans.push(MyPlan {
                    plan_id: p.id.clone(),
                    round_id: r.round.id.clone(),
                    round_title: r.round.title.clone(),
                    area_name: r.area.name.clone(),
                    title: p.title.clone(),
                    status: p.status,
                    round_status: r.status(),
                    standing: r.standing(p),
                });
            }
        }
        if r.actions.coordinates && r.status() != RoundStatus::Closed {
            page.coordinator_tasks.push(CoordinatorTask {
                round: r.clone(),
                to_review: r
                    .initiatives
                    .iter()
                    .filter(|p| p.status == PlanStatus::Submitted)
                    .count(),
            });
        }
    }
    let (closed, open): (Vec<_>, Vec<_>) = all
        .into_iter()
        .partition(|r| r.status() == RoundStatus::Closed);
    page.open_rounds = open;
    page.recent_results = closed.into_iter().take(3).collect();
    if allows(&who.roles, Permission::ApproveTransfer) {
        let queue = ledger::approval_queue(conn, who)?;
        page.approvals = Some(
            queue
                .into_iter()
                .filter(|t| t.actions.may_approve)
                .collect(),
        );
    }
    if who.may(Operation::ObjectionQueue).is_ok() {
        let queue = objections::queue(conn, who)?;
        page.objections = Some(
            queue
                .waiting
                .into_iter()
                .filter(|o| !o.verdicts.is_empty())
                .collect(),
        );
    }
    Ok(page)
}
