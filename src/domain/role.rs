//! Roles. What each role may do is in the one table of `domain::permissions`.

use serde::{Deserialize, Serialize};

// The permission table lives in `permissions`; these names stay importable from here.
pub use super::permissions::{allows, may_coordinate, Permission};

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

/// A stored role that is none of the known ones: an error where the row is read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown role in the database: {0:?}")]
pub struct UnknownRole(pub String);

impl TryFrom<String> for Role {
    type Error = UnknownRole;
    fn try_from(s: String) -> Result<Self, UnknownRole> {
        Role::parse(&s).ok_or(UnknownRole(s))
    }
}

impl From<Role> for String {
    fn from(r: Role) -> String {
        r.as_str().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        assert_eq!(Role::parse("mayor"), None);
    }
}
