//! Residents' own writes that are written in groups (`db::group_commit`): entering a
//! voting code (the voter session and its throttle steps) and casting a ballot. Both are
//! the writes of the voting flow that every resident makes, and neither changes round
//! data (`db::tx::write_votes`), so they can share one group and one commit.

use super::rounds::{CastError, OnlineCast, Receipt};
use super::voting_codes::{CodeEntry, CodeRefused, VoterSession};
use super::ServiceError;
use crate::db::group_commit::{GroupCommit, GroupedWrite};
use crate::db::repo::audit::AuditTail;
use crate::db::DbConn;

/// The application's queue of residents' writes (one per application: a group runs on
/// one connection, so it must never mix databases).
pub type ResidentQueue = GroupCommit<ResidentWrite>;

pub enum ResidentWrite {
    Code(CodeEntry),
    /// Boxed: a ballot carries its round (the queue moves writes around by value).
    Cast(Box<OnlineCast>),
}

pub enum Written {
    /// A refused code is written too (its throttle steps are kept).
    Code(Result<VoterSession, CodeRefused>),
    Cast(Receipt),
}

/// A write rolled back: refused, or the database failed under the whole group.
pub enum NotWritten {
    Code(CodeRefused),
    Cast(CastError),
    Database(diesel::result::Error),
}

impl From<diesel::result::Error> for NotWritten {
    fn from(e: diesel::result::Error) -> Self {
        NotWritten::Database(e)
    }
}

impl GroupedWrite for ResidentWrite {
    type Done = Written;
    type Error = NotWritten;

    fn write(
        self,
        conn: &mut DbConn,
        version: i64,
        tail: &mut AuditTail,
    ) -> Result<Written, NotWritten> {
        match self {
            ResidentWrite::Code(entry) => entry
                .store(conn)
                .map(Written::Code)
                .map_err(NotWritten::Code),
            ResidentWrite::Cast(ballot) => ballot
                .store(conn, version, tail)
                .map(Written::Cast)
                .map_err(NotWritten::Cast),
        }
    }

    /// A code's refusals are written (its throttle steps, `Ok(Err(…))`), so its `Err` is
    /// always a failure; a ballot's refusals all come before it changes anything
    /// (`rounds::store_ballot`: the participation's insert is its first change, and when
    /// the code already voted it inserts nothing).
    fn refused_unchanged(error: &NotWritten) -> bool {
        match error {
            NotWritten::Cast(e) => e.refused_unchanged(),
            NotWritten::Code(_) | NotWritten::Database(_) => false,
        }
    }
}

/// `voting_codes::open_voter_session`, written in a group.
pub fn enter_code(
    queue: &ResidentQueue,
    conn: &mut DbConn,
    entry: CodeEntry,
) -> Result<VoterSession, CodeRefused> {
    match queue.write(conn, ResidentWrite::Code(entry)) {
        Ok(Written::Code(outcome)) => outcome,
        Err(NotWritten::Code(e)) => Err(e),
        Err(NotWritten::Database(e)) => Err(e.into()),
        Ok(Written::Cast(_)) | Err(NotWritten::Cast(_)) => Err(mixed_up().into()),
    }
}

/// `rounds::cast_seen`, written in a group.
pub fn cast(
    queue: &ResidentQueue,
    conn: &mut DbConn,
    ballot: OnlineCast,
) -> Result<Receipt, CastError> {
    match queue.write(conn, ResidentWrite::Cast(Box::new(ballot))) {
        Ok(Written::Cast(receipt)) => Ok(receipt),
        Err(NotWritten::Cast(e)) => Err(e),
        Err(NotWritten::Database(e)) => Err(e.into()),
        Ok(Written::Code(_)) | Err(NotWritten::Code(_)) => Err(mixed_up().into()),
    }
}

/// A write answered with another kind's outcome: cannot happen (each write gets the
/// outcome of its own `write`), reported as an internal error rather than a panic.
fn mixed_up() -> ServiceError {
    ServiceError::internal(
        "a grouped write got the outcome of another kind of write",
        "mixed up outcome",
    )
}
