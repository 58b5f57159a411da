//! Service functions: one unit of work each, shared by the HTML pages, the JSON API and
//! the command line. They check permissions (the one guard), apply the domain rules and
//! write the audit events in the same transaction as the change.

pub mod audit_log;
pub mod auth;
pub mod count_explanation;
pub mod demo;
mod demo_money;
mod demo_review;
pub mod ledger;
pub mod maintenance;
pub mod objections;
pub mod payments;
pub mod plan_review;
pub mod plans;
pub mod pool_holds;
pub mod progress;
pub mod public_pages;
pub mod report;
pub mod resident_writes;
pub mod round_cache;
pub mod rounds;
pub mod start;
pub mod throttle;
pub mod users;
pub mod village;
pub mod voting_codes;

use crate::db::DbError;
use crate::domain::audit::Actor;
use crate::domain::ids::AreaId;
use crate::domain::ledger::LedgerError;
use crate::domain::ledger_import::ImportProblem;
use crate::domain::message::Msg;
use crate::domain::permissions::{allows, Need, Operation, Permission};
use crate::domain::role::Role;
use crate::msg_key;

/// The current moment as the database stores it (UTC, microseconds). Handlers pass it to
/// the services that take a moment (sessions, throttles), which keeps those testable.
pub fn now() -> chrono::NaiveDateTime {
    crate::db::repo::now()
}

/// Who is asking, with their roles.
#[derive(Debug, Clone)]
pub struct Principal {
    pub actor: Actor,
    pub roles: Vec<Role>,
    /// Areas this person coordinates.
    pub coordinator_areas: Vec<AreaId>,
}

impl Principal {
    /// The operator at the command line (ledger import, demo set-up).
    pub fn cli() -> Principal {
        Principal {
            actor: Actor::Cli { email: None },
            roles: vec![Role::FinanceClerk, Role::Admin],
            coordinator_areas: Vec::new(),
        }
    }

    /// The service guard: may this caller start `op`? Asks the one table in
    /// `domain::permissions`. Area-scoped operations use [`Principal::may_in_area`].
    pub fn may(&self, op: Operation) -> Result<(), ServiceError> {
        match op.need() {
            Need::Anyone => Ok(()),
            Need::Permission(p) => self.require(p),
            Need::Area | Need::AreaOrInitiator => Err(ServiceError::not_your_area()),
        }
    }

    /// The guard for an operation on one area (coordinators in their own areas).
    pub fn may_in_area(&self, op: Operation, area_id: &AreaId) -> Result<(), ServiceError> {
        match op.need() {
            Need::Anyone => Ok(()),
            Need::Permission(p) => self.require(p),
            Need::Area => self.require_area(area_id),
            Need::AreaOrInitiator if self.roles.contains(&Role::Initiator) => Ok(()),
            Need::AreaOrInitiator => self.require_area(area_id),
        }
    }

    /// A resident without an account: a visitor of the public pages, or a voter whose
    /// letter code (checked separately) is the only credential.
    pub fn resident() -> Principal {
        Principal {
            actor: Actor::Resident,
            roles: Vec::new(),
            coordinator_areas: Vec::new(),
        }
    }

    /// The server's own scheduled work (housekeeping, signing checkpoints): no role, so
    /// it may only read what is public; its changes are its own, audited as `system`.
    pub fn system() -> Principal {
        Principal {
            actor: Actor::System,
            roles: Vec::new(),
            coordinator_areas: Vec::new(),
        }
    }

    pub fn require(&self, p: Permission) -> Result<(), ServiceError> {
        if allows(&self.roles, p) {
            Ok(())
        } else {
            Err(ServiceError::Forbidden(Msg::new(msg_key!(
                "error-no-permission"
            ))))
        }
    }

    /// The one guard for area-scoped work: administrators everywhere, coordinators only
    /// in their own areas.
    pub fn require_area(&self, area_id: &AreaId) -> Result<(), ServiceError> {
        if crate::domain::permissions::may_coordinate(&self.roles, &self.coordinator_areas, area_id)
        {
            Ok(())
        } else {
            Err(ServiceError::not_your_area())
        }
    }

    /// The id stored in `created_by` / `decided_by`.
    pub fn key(&self) -> String {
        self.actor.key()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// Bad input on a form field (field name, message shown in the visitor's language).
    #[error("{message}")]
    Invalid { field: &'static str, message: Msg },
    #[error("{0}")]
    Ledger(#[from] LedgerError),
    #[error("{}", Msg::new(msg_key!("error-import-refused")).arg("count", .0.len()))]
    Import(Vec<ImportProblem>),
    /// Something asked for does not exist; the key (`msg_key!("error-missing-...")`) names
    /// what: "Ronde niet gevonden.".
    #[error("{}", missing(.0))]
    NotFound(&'static str),
    #[error("{0}")]
    Forbidden(Msg),
    #[error(transparent)]
    Db(#[from] DbError),
    /// Something outside the database failed (writing a CSV, a worker thread); the cause is
    /// kept for the log.
    #[error("{context}")]
    Internal {
        context: &'static str,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
}

/// The message of [`ServiceError::NotFound`].
fn missing(key: &&'static str) -> Msg {
    Msg::new(key)
}

impl From<diesel::result::Error> for ServiceError {
    fn from(e: diesel::result::Error) -> Self {
        ServiceError::Db(DbError::from(e))
    }
}

impl ServiceError {
    pub fn internal(
        context: &'static str,
        source: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Self {
        ServiceError::Internal {
            context,
            source: source.into(),
        }
    }

    pub fn invalid(field: &'static str, message: impl Into<Msg>) -> Self {
        ServiceError::Invalid {
            field,
            message: message.into(),
        }
    }

    /// Bad input on a form field, with a message without placeholders.
    pub fn refuse(field: &'static str, key: &'static str) -> Self {
        ServiceError::invalid(field, Msg::new(key))
    }

    /// A refusal with a message without placeholders.
    pub fn forbidden(key: &'static str) -> Self {
        ServiceError::Forbidden(Msg::new(key))
    }

    /// "Only the areas you coordinate."
    pub fn not_your_area() -> Self {
        ServiceError::forbidden(msg_key!("error-not-your-area"))
    }
}
