//! Housekeeping: deletes rows that can never be used again, so that personal data is not
//! kept longer than docs/security.md says. `serve` runs it every hour.

use chrono::NaiveDateTime;
use serde_json::{json, Value};

use super::ServiceError;
use crate::db::repo::{audit, sessions, users, voting_codes};
use crate::db::{tx, DbConn};
use crate::domain::audit::{Actor, NewEvent};

/// How many rows each table lost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct Pruned {
    pub sessions: usize,
    pub login_tickets: usize,
    pub voter_sessions: usize,
    pub throttle_buckets: usize,
}

impl Pruned {
    pub fn total(&self) -> usize {
        self.sessions + self.login_tickets + self.voter_sessions + self.throttle_buckets
    }
}

/// Deletes expired or revoked staff sessions, expired login tickets and voter sessions,
/// and throttle rows whose window and block are over. One audit event with the counts
/// when anything was deleted (none when there was nothing to do).
pub fn prune_expired(conn: &mut DbConn, now: NaiveDateTime) -> Result<Pruned, ServiceError> {
    tx::write(conn, |c| {
        let pruned = Pruned {
            sessions: sessions::delete_dead(c, now)?,
            login_tickets: users::delete_expired_login_tickets(c, now)?,
            voter_sessions: voting_codes::prune_sessions(c, now)?,
            throttle_buckets: super::throttle::prune(c, now)?,
        };
        if pruned.total() > 0 {
            audit::append(
                c,
                &Actor::System,
                &[NewEvent {
                    action: "maintenance.pruned",
                    entity_type: "maintenance",
                    entity_id: "expired-rows".into(),
                    before: Value::Null,
                    after: json!(pruned),
                }],
            )?;
        }
        Ok(pruned)
    })
}
