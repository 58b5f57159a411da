//! The one home of the labels the pages show for the domain's enums, in the visitor's
//! language: roles, transfer kinds and statuses, account kinds, area and funder kinds,
//! round statuses, counting rules and where a plan stands. The domain keeps its
//! `label_nl` (CLI, CSV files, audit bundle); the pages ask here, one catalogue key per
//! value. `components` re-exports the status and rule labels for the pages that import
//! them with the other building blocks.

use crate::domain::kinds::{AreaKind, FunderKind};
use crate::domain::ledger::{AccountKind, TransferKind, TransferStatus};
use crate::domain::plan_standing::Standing;
use crate::domain::role::Role;
use crate::domain::round::{CountRule, RoundStatus};
use crate::tr;

pub fn role_label(r: Role) -> String {
    match r {
        Role::Initiator => tr!("staff-role-initiator"),
        Role::AreaCoordinator => tr!("staff-role-coordinator"),
        Role::FinanceClerk => tr!("staff-role-clerk"),
        Role::FinanceApprover => tr!("staff-role-approver"),
        Role::SteeringGroup => tr!("staff-role-steering"),
        Role::Council => tr!("staff-role-council"),
        Role::Admin => tr!("staff-role-admin"),
    }
}

pub fn transfer_kind_label(k: TransferKind) -> String {
    match k {
        TransferKind::BudgetAllocation => tr!("staff-kind-budget-allocation"),
        TransferKind::BudgetToPool => tr!("staff-kind-budget-to-pool"),
        TransferKind::FunderContribution => tr!("staff-kind-funder-contribution"),
        TransferKind::Correction => tr!("staff-kind-correction"),
        TransferKind::Commitment => tr!("staff-kind-commitment"),
        TransferKind::Payment => tr!("staff-kind-payment"),
        TransferKind::Return => tr!("staff-kind-return"),
    }
}

pub fn account_kind_label(k: AccountKind) -> String {
    match k {
        AccountKind::BudgetLine => tr!("staff-account-budget-line"),
        AccountKind::Pool => tr!("staff-account-pool"),
        AccountKind::Funder => tr!("staff-account-funder"),
        AccountKind::Initiative => tr!("staff-account-plan"),
        AccountKind::PaidOut => tr!("staff-account-paid-out"),
    }
}

pub fn area_kind_label(k: AreaKind) -> String {
    match k {
        AreaKind::Dorp => tr!("staff-area-village"),
        AreaKind::Wijk => tr!("staff-area-neighbourhood"),
    }
}

pub fn funder_kind_label(k: FunderKind) -> String {
    match k {
        FunderKind::Municipality => tr!("staff-funder-municipality"),
        FunderKind::HousingCorporation => tr!("staff-funder-housing"),
        FunderKind::Other => tr!("staff-funder-other"),
    }
}

/// A round's status in the visitor's language.
pub fn round_status_label(s: RoundStatus) -> String {
    match s {
        RoundStatus::Open => tr!("round-status-open"),
        RoundStatus::Review => tr!("round-status-review"),
        RoundStatus::Voting => tr!("round-status-voting"),
        RoundStatus::Counted => tr!("round-status-counted"),
        RoundStatus::Closed => tr!("round-status-closed"),
        RoundStatus::Annulled => tr!("round-status-annulled"),
    }
}

/// A counting rule's name in the visitor's language.
pub fn count_rule_label(r: CountRule) -> String {
    match r {
        CountRule::Greedy => tr!("count-rule-greedy"),
        CountRule::EqualShares => tr!("count-rule-mes"),
    }
}

/// Where a plan stands, in the visitor's language.
pub fn standing_label(s: Standing) -> String {
    match s {
        Standing::Submitted => tr!("standing-submitted"),
        Standing::OnBallot => tr!("standing-on-ballot"),
        Standing::Rejected => tr!("standing-rejected"),
        Standing::Chosen => tr!("standing-chosen"),
        Standing::NotChosen => tr!("standing-not-chosen"),
    }
}

/// A transfer's status in the visitor's language.
pub fn transfer_status_label(s: TransferStatus) -> String {
    match s {
        TransferStatus::Pending => tr!("transfer-status-pending"),
        TransferStatus::Posted => tr!("transfer-status-posted"),
        TransferStatus::Rejected => tr!("transfer-status-rejected"),
    }
}
