//! Where a person starts after signing in (unless they signed in for a particular page):
//! the page with what waits for them in their main role.

use super::role::Role;

/// The first page for someone with `roles`. A person with several roles lands where the
/// most pressing work is: approvals first (they hold up money), then the coordinator's
/// tasks, the council's dashboard, the clerk's transfers, the administrator's users.
pub fn landing_for(roles: &[Role]) -> &'static str {
    let has = |r: Role| roles.contains(&r);
    if has(Role::FinanceApprover) {
        "/financien/goedkeuren"
    } else if has(Role::AreaCoordinator) {
        // The start page lists, per round, what waits for the coordinator.
        "/#todo-coord"
    } else if has(Role::Council) {
        "/raad"
    } else if has(Role::FinanceClerk) {
        "/financien/overboekingen"
    } else if has(Role::Admin) {
        "/beheer/gebruikers"
    } else {
        // Initiators and the steering group: the start page says what to do next.
        "/"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_has_a_landing_page() {
        assert_eq!(
            landing_for(&[Role::FinanceApprover]),
            "/financien/goedkeuren"
        );
        assert_eq!(landing_for(&[Role::Council]), "/raad");
        assert_eq!(landing_for(&[Role::AreaCoordinator]), "/#todo-coord");
        assert_eq!(
            landing_for(&[Role::FinanceClerk]),
            "/financien/overboekingen"
        );
        assert_eq!(landing_for(&[Role::Admin]), "/beheer/gebruikers");
        assert_eq!(landing_for(&[Role::Initiator]), "/");
        assert_eq!(landing_for(&[]), "/");
        // Approvals first: they hold up money.
        assert_eq!(
            landing_for(&[Role::Admin, Role::FinanceClerk, Role::FinanceApprover]),
            "/financien/goedkeuren"
        );
    }
}
