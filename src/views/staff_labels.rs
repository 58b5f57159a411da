//! The words the staff pages show for roles, transfer kinds and statuses, account kinds
//! and area and funder kinds, in the visitor's language. The domain keeps its `label_nl`
//! (CLI, CSV files, audit bundle); the pages ask here, one catalogue key per value.

use crate::domain::kinds::{AreaKind, FunderKind};
use crate::domain::ledger::{AccountKind, TransferKind, TransferStatus};
use crate::domain::role::Role;
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

pub fn transfer_status_label(s: TransferStatus) -> String {
    match s {
        TransferStatus::Pending => tr!("staff-status-pending"),
        TransferStatus::Posted => tr!("staff-status-posted"),
        TransferStatus::Rejected => tr!("staff-status-rejected"),
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
