//! Roles and what each may do. One place decides; the service layer asks it for every
//! request (the "one server-side guard"), with area scoping for coordinators.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// A resident with an account who submits and follows initiatives.
    Initiator,
    /// Sets up rounds and reviews initiatives for the areas they are assigned to.
    AreaCoordinator,
    FinanceClerk,
    FinanceApprover,
    /// Decides objections against review decisions and results.
    SteeringGroup,
    /// Council members: read-only.
    Council,
    Admin,
}

impl Role {
    pub const ALL: [Role; 7] = [
        Role::Initiator,
        Role::AreaCoordinator,
        Role::FinanceClerk,
        Role::FinanceApprover,
        Role::SteeringGroup,
        Role::Council,
        Role::Admin,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Initiator => "initiator",
            Role::AreaCoordinator => "area_coordinator",
            Role::FinanceClerk => "finance_clerk",
            Role::FinanceApprover => "finance_approver",
            Role::SteeringGroup => "steering_group",
            Role::Council => "council",
            Role::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s.trim())
    }

    pub fn label_nl(self) -> &'static str {
        match self {
            Role::Initiator => "Initiatiefnemer",
            Role::AreaCoordinator => "Gebiedsregisseur",
            Role::FinanceClerk => "Medewerker financiën",
            Role::FinanceApprover => "Fiatteur financiën",
            Role::SteeringGroup => "Stuurgroep",
            Role::Council => "Raadslid",
            Role::Admin => "Beheerder",
        }
    }

    /// Staff roles get the stricter session and a second factor; initiators do not.
    pub fn is_staff(self) -> bool {
        !matches!(self, Role::Initiator)
    }

    /// Roles that only make sense for one or more areas.
    pub fn needs_area(self) -> bool {
        matches!(self, Role::AreaCoordinator)
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
    /// Manage areas, funders, staff, roles and voting codes.
    Administer,
    /// The council's dashboard: the report, the audit events and the export bundle
    /// (read-only; council members and the steering group).
    ViewAuditReport,
}

pub fn allows(roles: &[Role], p: Permission) -> bool {
    roles.iter().any(|r| {
        matches!(
            (r, p),
            (
                Role::FinanceClerk
                    | Role::FinanceApprover
                    | Role::Council
                    | Role::SteeringGroup
                    | Role::Admin,
                Permission::ViewFinance
            ) | (
                Role::FinanceClerk | Role::FinanceApprover,
                Permission::ProposeTransfer
            ) | (Role::FinanceApprover, Permission::ApproveTransfer)
                | (Role::Admin, Permission::Administer)
                | (
                    Role::Council | Role::SteeringGroup,
                    Permission::ViewAuditReport
                )
        )
    })
}

/// May someone with these grants manage this area? Administrators may manage every area;
/// a coordinator only the areas they were assigned.
pub fn may_coordinate(roles: &[Role], coordinator_areas: &[String], area_id: &str) -> bool {
    roles.contains(&Role::Admin)
        || (roles.contains(&Role::AreaCoordinator)
            && coordinator_areas.iter().any(|a| a == area_id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clerks_propose_approvers_approve_council_reads() {
        assert!(allows(&[Role::FinanceClerk], Permission::ProposeTransfer));
        assert!(!allows(&[Role::FinanceClerk], Permission::ApproveTransfer));
        assert!(allows(
            &[Role::FinanceApprover],
            Permission::ApproveTransfer
        ));
        assert!(!allows(&[Role::Admin], Permission::ProposeTransfer));
        assert!(allows(&[Role::Admin], Permission::Administer));
        assert!(allows(&[Role::Council], Permission::ViewFinance));
        assert!(!allows(&[Role::Council], Permission::ProposeTransfer));
        assert!(!allows(&[Role::Initiator], Permission::ViewFinance));
        assert!(!allows(&[Role::AreaCoordinator], Permission::ViewFinance));
        assert!(!allows(&[], Permission::ViewFinance));
        assert!(allows(&[Role::Council], Permission::ViewAuditReport));
        assert!(allows(&[Role::SteeringGroup], Permission::ViewAuditReport));
        for r in [
            Role::Initiator,
            Role::AreaCoordinator,
            Role::FinanceClerk,
            Role::FinanceApprover,
            Role::Admin,
        ] {
            assert!(!allows(&[r], Permission::ViewAuditReport), "{r:?}");
        }
    }

    #[test]
    fn coordinators_are_scoped_to_their_areas() {
        let loo = vec!["area-t-loo".to_string()];
        assert!(may_coordinate(&[Role::AreaCoordinator], &loo, "area-t-loo"));
        assert!(!may_coordinate(
            &[Role::AreaCoordinator],
            &loo,
            "area-oosterwolde"
        ));
        assert!(!may_coordinate(&[Role::FinanceClerk], &loo, "area-t-loo"));
        assert!(may_coordinate(&[Role::Admin], &[], "area-oosterwolde"));
    }

    #[test]
    fn roles_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        assert_eq!(Role::parse("mayor"), None);
    }
}
