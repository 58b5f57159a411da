//! The role table test: every service entry point that takes a caller (finance,
//! administration, users, voting codes, rounds and ballots, the council's report and audit
//! events), called with every role, as a resident and with no role, refuses exactly when
//! the one table in `domain::permissions` says so. A refusal is `Forbidden`; a round in
//! the wrong state answers `Invalid` (that is `domain::round::capabilities`' *when*, not
//! the table's *who*). A new `Operation` without a call here does not compile
//! (the match has no catch-all).

use burgerbegroting::domain::ledger_import::ImportOptions;
use burgerbegroting::domain::permissions::Operation;
use burgerbegroting::domain::plan_money::ProgressStage;
use burgerbegroting::domain::role::Role;
use burgerbegroting::domain::round::{BallotRule, CountRule, PlanId, RoundId};
use burgerbegroting::service::ledger::{self as svc, CorrectionInput, TransferInput};
use burgerbegroting::service::payments::{self, PaymentInput};
use burgerbegroting::service::progress::{self, ProgressInput};
use burgerbegroting::service::report::{self, EventQuery};
use burgerbegroting::service::rounds::{
    self, CastError, Channel, InitiativeInput, Review, RoundInput,
};
use burgerbegroting::service::voting_codes::RevokeReason;
use burgerbegroting::service::{
    audit_log, auth, objections, plan_review, plans, users, village, voting_codes, Principal,
    ServiceError,
};

use crate::helpers::*;

/// What the walk acts on: the small ledger, and one round with one plan in its first area.
struct World {
    small: Small,
    round: RoundId,
    plan: PlanId,
}

fn round_input(slug: &str) -> RoundInput {
    RoundInput {
        area_slug: slug.into(),
        year: 2027,
        quarter: 1,
        title: "Ronde".into(),
        budget_cents: 100_000,
        ballot_rule: BallotRule::Approval { max_choices: None },
        count_rule: CountRule::EqualShares,
        calendar: None,
    }
}

fn plan_input() -> InitiativeInput {
    InitiativeInput {
        title: "Bankjes".into(),
        summary: "Bankjes bij de kerk".into(),
        amount_cents: 50_000,
        taakveld: "5.7".into(),
    }
}

fn world(c: &mut burgerbegroting::db::DbConn) -> World {
    let small = seed_small(c);
    let round = rounds::create_round(c, &admin(), &round_input(&small.pools[0].slug))
        .expect("round")
        .round
        .id;
    // Handed in by the walk's initiator, so that "the plan's own initiator" (progress
    // posts) is a caller the walk has.
    let initiator = staff("walker-initiator", &[Role::Initiator]);
    let plan = rounds::submit_initiative(c, &initiator, &round, &plan_input())
        .expect("plan")
        .id;
    World { small, round, plan }
}

/// A ballot's own refusals (no code, not voting) are answers, not the guard's: only a
/// `Forbidden` inside counts as refused.
fn cast_answer<T>(r: Result<T, CastError>) -> Result<(), ServiceError> {
    match r {
        Err(CastError::Failed(e)) => Err(e),
        _ => Ok(()),
    }
}

/// Call the entry point of `op` as `who`, with input that changes little when allowed
/// (unknown ids, empty names, a second round in a taken quarter): only the guard's answer
/// matters here. Allowed round changes may move the round on (voting opened, closed);
/// later calls then answer `Invalid`, which the walk counts as allowed.
fn call(
    c: &mut burgerbegroting::db::DbConn,
    who: &Principal,
    op: Operation,
    w: &World,
) -> Result<(), ServiceError> {
    let nobody = "00000000-0000-0000-0000-000000000000";
    let small = &w.small;
    let slug = small.pools[0].slug.as_str();
    let area = small.pools[0].area_id.as_str();
    let input = TransferInput {
        id: uuid::Uuid::new_v4(),
        kind: None,
        from_account: nobody.into(),
        to_account: nobody.into(),
        amount_cents: 1,
        memo: "x".into(),
        decision_ref: None,
    };
    let correction = CorrectionInput {
        id: uuid::Uuid::new_v4(),
        amount_cents: 1,
        memo: "x".into(),
    };
    match op {
        Operation::LedgerOverview => svc::ledger_overview(c, who, None).map(drop),
        Operation::ListBudgetLines => svc::list_budget_lines(c, who, None).map(drop),
        Operation::BudgetLineDetail => {
            svc::budget_line_detail(c, who, &small.lines[0].id).map(drop)
        }
        Operation::Pools => svc::pools(c, who).map(drop),
        Operation::PoolDetail => svc::pool_detail(c, who, slug).map(drop),
        Operation::Funders => svc::funders(c, who).map(drop),
        Operation::ListTransfers => svc::list_transfers(c, who).map(drop),
        Operation::ApprovalQueue => svc::approval_queue(c, who).map(drop),
        Operation::Transfer => svc::transfer(c, who, &nobody.into()).map(drop),
        Operation::AllBalances => svc::all_balances(c, who).map(drop),
        Operation::TransferOptions => svc::transfer_options(c, who).map(drop),
        Operation::TransfersCsv => svc::transfers_csv(c, who).map(drop),
        Operation::ImportLedger => {
            svc::import_ledger(c, who, "leeg.csv", b"", &ImportOptions::default()).map(drop)
        }
        Operation::ProposeTransfer => svc::propose_transfer(c, who, &input).map(drop),
        Operation::ProposeCorrection => {
            svc::propose_correction(c, who, &nobody.into(), &correction).map(drop)
        }
        Operation::DecideTransfer => {
            svc::decide_transfer(c, who, &nobody.into(), true, "").map(drop)
        }
        Operation::CreateArea => svc::create_area(c, who, "", "dorp").map(drop),
        Operation::CreateFunder => svc::create_funder(c, who, "", "other").map(drop),
        Operation::AddUser => auth::add_user(c, who, "", "", Role::Initiator, "").map(drop),
        Operation::ListUsers => users::list_users(c, who).map(drop),
        Operation::GrantRole => users::grant_role(c, who, &nobody.into(), Role::Council, None),
        Operation::RevokeRole => users::revoke_role(c, who, nobody),
        Operation::SetDisabled => users::set_disabled(c, who, &nobody.into(), false),
        Operation::RolesCsv => users::roles_csv(c, who).map(drop),
        Operation::AreaSettings => users::area_settings(c, who, slug).map(drop),
        Operation::UpdateAreaSettings => {
            // The same description as now: allowed callers change nothing.
            let now = users::area_settings(c, &admin(), slug)?.description;
            users::update_area_settings(c, who, slug, &now, None).map(drop)
        }
        Operation::GenerateCodes => voting_codes::generate_batch(c, who, "", 0, 0).map(drop),
        Operation::ListCodeBatches => voting_codes::list_batches(c, who).map(drop),
        Operation::RevokeCode => {
            voting_codes::revoke(c, who, "onbekend", RevokeReason::Lost).map(drop)
        }
        Operation::ReplaceCode => {
            voting_codes::replace(c, who, "onbekend", RevokeReason::Lost).map(drop)
        }
        Operation::AreasForCodes => voting_codes::areas_for_codes(c, who).map(drop),
        Operation::Round => rounds::round(c, who, &w.round).map(drop),
        Operation::ListRounds => rounds::list(c, who).map(drop),
        Operation::ManageableRounds => rounds::manageable(c, who).map(drop),
        Operation::AreasForRounds => rounds::areas_for(c, who).map(drop),
        Operation::AreaBySlug => rounds::area_by_slug(c, who, slug).map(drop),
        Operation::VoterRounds => {
            rounds::voter_rounds(c, who, "onbekend", &area.into(), 2027).map(drop)
        }
        Operation::PreviewBallot => cast_answer(rounds::preview(c, who, &w.round, &[])),
        Operation::CastOnline => cast_answer(rounds::cast(
            c,
            who,
            &w.round,
            Channel::Online { handle: "onbekend" },
            &[],
        )),
        Operation::PublishedPb => rounds::published_pb(c, who, &w.round).map(drop),
        Operation::PublishedBallots => rounds::published_ballots(c, who, &w.round).map(drop),
        Operation::CreateRound => rounds::create_round(c, who, &round_input(slug)).map(drop),
        Operation::ManagedRound => rounds::managed(c, who, &w.round).map(drop),
        Operation::SubmitPlan => {
            rounds::submit_initiative(c, who, &w.round, &plan_input()).map(drop)
        }
        Operation::ReviewPlan => {
            rounds::review_initiative(c, who, &w.plan, Review::Nominate, "").map(drop)
        }
        Operation::ReviewRules => plan_review::review_rules(c, who, slug).map(drop),
        Operation::UpdateReviewRules => {
            // The same rules as now: allowed callers change nothing.
            let now = plan_review::review_rules(c, &admin(), slug)?;
            plan_review::update_review_rules(
                c,
                who,
                slug,
                &now.criteria.join("\n"),
                &now.funded_wait_months.to_string(),
            )
            .map(drop)
            .map_err(plan_review::FormError::into_service)
        }
        Operation::OpenVoting => rounds::open_voting(c, who, &w.round).map(drop),
        Operation::PaperBallot => cast_answer(rounds::cast(
            c,
            who,
            &w.round,
            Channel::Paper {
                code: "onbekend",
                assisted: false,
            },
            &[],
        )),
        Operation::CloseRound => {
            // Counting and closing are the same coordinator's steps (one row of the table).
            rounds::count_round(c, who, &w.round)
                .and_then(|_| rounds::close_round(c, who, &w.round))
                .map(drop)
        }
        Operation::Report => report::build(c, who, None, None).map(drop),
        Operation::AuditEvents => report::events(c, who, &EventQuery::default()).map(drop),
        Operation::LatestCheckpoint => audit_log::latest_checkpoint(c, who).map(drop),
        Operation::Checkpoints => audit_log::checkpoints(c, who).map(drop),
        Operation::SigningStatus => audit_log::signing_status(c, who, None).map(drop),
        Operation::InclusionProof => audit_log::inclusion_proof(c, who, 1).map(drop),
        Operation::InclusionProofForReceipt => {
            audit_log::inclusion_proof_for_receipt(c, who, "AAAAA-AAAAA").map(drop)
        }
        Operation::FindReceipt => audit_log::find_receipt(c, who, "AAAAA-AAAAA").map(drop),
        Operation::ConsistencyProof => audit_log::consistency_proof(c, who, 1, 2).map(drop),
        Operation::LeafHashes => audit_log::leaf_hashes(c, who, 0).map(drop),
        // Signing has not stopped: an allowed caller is told there is nothing to resume.
        Operation::ResumeSigning => audit_log::resume(c, who),
        // The walk's plan has no money: allowed callers get `Invalid` (not funded).
        Operation::FundedPlans => plans::funded_plans(c, who).map(drop),
        Operation::RecordPayment => payments::record_payment(
            c,
            who,
            &w.plan,
            &PaymentInput {
                id: uuid::Uuid::new_v4(),
                amount_cents: 1,
                paid_on: "2026-01-02".into(),
                reference: "F-1".into(),
                note: String::new(),
            },
            0,
        )
        .map(drop),
        Operation::PostProgress => progress::post_progress(
            c,
            who,
            &w.plan,
            &ProgressInput {
                id: uuid::Uuid::new_v4(),
                stage: ProgressStage::InProgress,
                body: "Begonnen".into(),
                photo: None,
                photo_alt: String::new(),
            },
        )
        .map(drop),
        Operation::PlanPage => plans::plan_page(c, who, &w.plan).map(drop),
        Operation::PlanPhoto => plans::photo(c, who, &w.plan, nobody).map(drop),
        Operation::VillagePage => village::village(c, who, slug).map(drop),
        Operation::ObjectToRejection => {
            objections::object_to_rejection(c, who, &w.plan, "Oneerlijk").map(drop)
        }
        Operation::ObjectToResult => objections::object_to_result(
            c,
            who,
            &w.round,
            objections::ResultObjector::Account,
            "Verkeerd geteld",
        )
        .map(drop),
        Operation::RoundObjections => objections::round_objections(c, who, &w.round).map(drop),
        Operation::ObjectionQueue => objections::queue(c, who).map(drop),
        Operation::DecideObjection => {
            objections::decide(c, who, nobody, "rejected", "Reden").map(drop)
        }
        Operation::SetObjectionWindow => objections::set_window(c, who, slug, 7).map(drop),
    }
}

#[test]
fn every_entry_point_with_every_role_follows_the_one_table() {
    for db in TestDb::all() {
        let pool = db.pool();
        let mut c = pool.get().expect("conn");
        let w = world(&mut c);
        let area = w.small.pools[0].area_id.clone();
        let mut callers: Vec<(String, Principal)> = Role::ALL
            .iter()
            .map(|&role| {
                let mut who = staff(&format!("walker-{}", role.as_str()), &[role]);
                if role == Role::AreaCoordinator {
                    who.coordinator_areas = vec![area.clone()];
                }
                (format!("{role:?}"), who)
            })
            .collect();
        // A coordinator of another area, a resident, and a staff member without a role.
        let mut elsewhere = staff("walker-elders", &[Role::AreaCoordinator]);
        elsewhere.coordinator_areas = vec![w.small.pools[1].area_id.clone()];
        callers.push(("coordinator elsewhere".into(), elsewhere));
        callers.push(("resident".into(), Principal::resident()));
        callers.push(("no role".into(), staff("walker-none", &[])));
        let mut checked = 0;
        for (name, who) in &callers {
            for op in Operation::ALL {
                let expected = op.allowed(&who.roles, &who.coordinator_areas, &area);
                let got = !matches!(call(&mut c, who, op, &w), Err(ServiceError::Forbidden(_)));
                assert_eq!(
                    got, expected,
                    "{op:?} as {name} on {}: the service and the table disagree",
                    db.backend
                );
                checked += 1;
            }
        }
        assert_eq!(checked, callers.len() * Operation::ALL.len());
    }
}

/// Without a role, only what the table opens to anyone is open (and it is not empty: the
/// public round pages and voting with a code).
#[test]
fn without_a_role_only_the_public_entry_points_are_open() {
    let open: Vec<Operation> = Operation::ALL
        .into_iter()
        .filter(|op| op.allowed(&[], &[], &"area".into()))
        .collect();
    assert!(open.contains(&Operation::CastOnline));
    assert!(open.contains(&Operation::Round));
    assert!(!open.contains(&Operation::SubmitPlan));
    assert!(!open.contains(&Operation::Report));
    assert!(!open.contains(&Operation::LedgerOverview));
    // The signed log is public, letting signing resume is not.
    assert!(open.contains(&Operation::InclusionProofForReceipt));
    assert!(!open.contains(&Operation::ResumeSigning));
}
