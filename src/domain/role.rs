//! Staff roles and what each may do. One place decides; handlers ask it.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    FinanceClerk,
    FinanceApprover,
    Admin,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::FinanceClerk, Role::FinanceApprover, Role::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::FinanceClerk => "finance_clerk",
            Role::FinanceApprover => "finance_approver",
            Role::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s.trim())
    }

    pub fn label_nl(self) -> &'static str {
        match self {
            Role::FinanceClerk => "Medewerker financiën",
            Role::FinanceApprover => "Fiatteur financiën",
            Role::Admin => "Beheerder",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// Read the ledger, pools and transfers.
    ViewFinance,
    /// Import budget lines and propose transfers.
    ProposeTransfer,
    /// Approve or reject somebody else's transfer.
    ApproveTransfer,
    /// Manage areas, funders and staff.
    Administer,
}

pub fn allows(roles: &[Role], p: Permission) -> bool {
    roles.iter().any(|r| {
        matches!(
            (r, p),
            (_, Permission::ViewFinance)
                | (
                    Role::FinanceClerk | Role::FinanceApprover,
                    Permission::ProposeTransfer
                )
                | (Role::FinanceApprover, Permission::ApproveTransfer)
                | (Role::Admin, Permission::Administer)
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clerks_propose_approvers_approve() {
        assert!(allows(&[Role::FinanceClerk], Permission::ProposeTransfer));
        assert!(!allows(&[Role::FinanceClerk], Permission::ApproveTransfer));
        assert!(allows(
            &[Role::FinanceApprover],
            Permission::ApproveTransfer
        ));
        assert!(!allows(&[Role::Admin], Permission::ProposeTransfer));
        assert!(allows(&[Role::Admin], Permission::Administer));
        assert!(!allows(&[], Permission::ViewFinance));
    }

    #[test]
    fn roles_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        assert_eq!(Role::parse("mayor"), None);
    }
}
