//! The role table test: every service entry point of finance, administration, users and
//! voting codes, called with every role, refuses exactly when the one table in
//! `domain::permissions` says so. A new `Operation` without a call here does not compile
//! (the match has no catch-all).

use burgerbegroting::domain::ledger_import::ImportOptions;
use burgerbegroting::domain::permissions::Operation;
use burgerbegroting::domain::role::Role;
use burgerbegroting::service::ledger::{self as svc, CorrectionInput, TransferInput};
use burgerbegroting::service::voting_codes::RevokeReason;
use burgerbegroting::service::{auth, users, voting_codes, Principal, ServiceError};

use crate::helpers::*;

/// Call the entry point of `op` as `who`, with input that changes nothing when allowed
/// (unknown ids, empty names): only the guard's answer matters here.
fn call(
    c: &mut burgerbegroting::db::DbConn,
    who: &Principal,
    op: Operation,
    small: &Small,
) -> Result<(), ServiceError> {
    let nobody = "00000000-0000-0000-0000-000000000000";
    let slug = small.pools[0].slug.as_str();
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
        Operation::Transfer => svc::transfer(c, who, nobody).map(drop),
        Operation::AllBalances => svc::all_balances(c, who).map(drop),
        Operation::TransferOptions => svc::transfer_options(c, who).map(drop),
        Operation::TransfersCsv => svc::transfers_csv(c, who).map(drop),
        Operation::ImportLedger => {
            svc::import_ledger(c, who, "leeg.csv", b"", &ImportOptions::default()).map(drop)
        }
        Operation::ProposeTransfer => svc::propose_transfer(c, who, &input).map(drop),
        Operation::ProposeCorrection => {
            svc::propose_correction(c, who, nobody, &correction).map(drop)
        }
        Operation::DecideTransfer => svc::decide_transfer(c, who, nobody, true, "").map(drop),
        Operation::CreateArea => svc::create_area(c, who, "", "dorp").map(drop),
        Operation::CreateFunder => svc::create_funder(c, who, "", "other").map(drop),
        Operation::AddUser => auth::add_user(c, who, "", "", Role::Initiator, "").map(drop),
        Operation::ListUsers => users::list_users(c, who).map(drop),
        Operation::GrantRole => users::grant_role(c, who, nobody, Role::Council, None),
        Operation::RevokeRole => users::revoke_role(c, who, nobody),
        Operation::SetDisabled => users::set_disabled(c, who, nobody, false),
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
    }
}

#[test]
fn every_entry_point_with_every_role_follows_the_one_table() {
    for db in TestDb::all() {
        let pool = db.pool();
        let mut c = pool.get().expect("conn");
        let small = seed_small(&mut c);
        let area = small.pools[0].area_id.clone();
        let mut checked = 0;
        for role in Role::ALL {
            let mut who = staff(&format!("walker-{}", role.as_str()), &[role]);
            if role == Role::AreaCoordinator {
                who.coordinator_areas = vec![area.clone()];
            }
            for op in Operation::ALL {
                let expected = op.allowed(&who.roles, &who.coordinator_areas, &area);
                let got = !matches!(
                    call(&mut c, &who, op, &small),
                    Err(ServiceError::Forbidden(_))
                );
                assert_eq!(
                    got, expected,
                    "{op:?} as {role:?} on {}: the service and the table disagree",
                    db.backend
                );
                checked += 1;
            }
        }
        assert_eq!(checked, Role::ALL.len() * Operation::ALL.len());
        // A caller without any role may do nothing.
        let none = staff("walker-none", &[]);
        for op in Operation::ALL {
            assert!(
                matches!(
                    call(&mut c, &none, op, &small),
                    Err(ServiceError::Forbidden(_))
                ),
                "{op:?} without a role"
            );
        }
    }
}
