//! Counts what a pool's connections do: statements sent, statements put in diesel's
//! statement cache (prepared for the first time on a connection), committed transactions
//! and pool checkouts.
//!
//! Why: what a resident's request costs is mostly how many round trips and how many
//! freshly planned statements it makes, and that number must not grow with the turnout.
//! Tests read these counts to hold every step of the voting flow to a fixed budget
//! (`tests/it/statement_budget.rs`); the counters are plain atomics, so they stay on in
//! production at no noticeable cost. With `BURGERBEGROTING_SQL_LOG=1` every statement is
//! also written to standard error, to see which ones a request makes.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use diesel::connection::{Connection, Instrumentation, InstrumentationEvent};
use diesel::r2d2::event::{CheckoutEvent, HandleEvent};
use diesel::result::{DatabaseErrorKind, Error};

/// The running totals of one pool.
#[derive(Debug, Default)]
pub struct StatementCounts {
    statements: AtomicU64,
    prepared: AtomicU64,
    commits: AtomicU64,
    checkouts: AtomicU64,
}

/// The totals at one moment; subtract two to get what happened in between.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct StatementTally {
    /// Statements sent to the database, `BEGIN` and `COMMIT` included.
    pub statements: u64,
    /// Statements prepared and put in a connection's statement cache (their first use on
    /// that connection). Statements diesel never caches are prepared on every use and only
    /// show up in `statements` (and in the log).
    pub prepared: u64,
    /// Outermost transactions committed.
    pub commits: u64,
    /// Connections taken from the pool.
    pub checkouts: u64,
}

impl std::ops::Sub for StatementTally {
    type Output = StatementTally;
    fn sub(self, earlier: StatementTally) -> StatementTally {
        StatementTally {
            statements: self.statements.saturating_sub(earlier.statements),
            prepared: self.prepared.saturating_sub(earlier.prepared),
            commits: self.commits.saturating_sub(earlier.commits),
            checkouts: self.checkouts.saturating_sub(earlier.checkouts),
        }
    }
}

impl StatementCounts {
    pub fn tally(&self) -> StatementTally {
        StatementTally {
            statements: self.statements.load(Ordering::Relaxed),
            prepared: self.prepared.load(Ordering::Relaxed),
            commits: self.commits.load(Ordering::Relaxed),
            checkouts: self.checkouts.load(Ordering::Relaxed),
        }
    }

    /// The instrumentation to install on each of the pool's connections.
    pub fn instrumentation(self: &Arc<Self>) -> impl Instrumentation {
        Counter {
            counts: self.clone(),
            lost: false,
            log: std::env::var_os("BURGERBEGROTING_SQL_LOG").is_some_and(|v| v == "1"),
        }
    }

    /// The pool's event handler that counts checkouts.
    pub fn checkout_handler(self: &Arc<Self>) -> Box<dyn HandleEvent> {
        Box::new(Checkouts(self.clone()))
    }
}

struct Counter {
    counts: Arc<StatementCounts>,
    /// A statement failed because the connection to the database is gone.
    lost: bool,
    log: bool,
}

/// Whether a statement on this connection failed because the database went away (a
/// restarted or stopped PostgreSQL server). The pool drops such a connection instead of
/// handing it out again; it no longer tests every connection with `SELECT 1` before use.
pub fn connection_lost(conn: &mut super::DbConn) -> bool {
    conn.instrumentation()
        .downcast_ref::<Counter>()
        .is_some_and(|c| c.lost)
}

impl Instrumentation for Counter {
    fn on_connection_event(&mut self, event: InstrumentationEvent<'_>) {
        match event {
            InstrumentationEvent::StartQuery { query, .. } => {
                self.counts.statements.fetch_add(1, Ordering::Relaxed);
                if self.log {
                    eprintln!("sql: {query}");
                }
            }
            InstrumentationEvent::CacheQuery { sql, .. } => {
                self.counts.prepared.fetch_add(1, Ordering::Relaxed);
                if self.log {
                    eprintln!("sql prepared: {sql}");
                }
            }
            InstrumentationEvent::FinishQuery {
                error:
                    Some(Error::DatabaseError(
                        DatabaseErrorKind::ClosedConnection
                        | DatabaseErrorKind::UnableToSendCommand,
                        _,
                    )),
                ..
            } => {
                self.lost = true;
            }
            InstrumentationEvent::CommitTransaction { depth, .. } if depth.get() == 1 => {
                self.counts.commits.fetch_add(1, Ordering::Relaxed);
            }
            _ => {}
        }
    }
}

#[derive(Debug)]
struct Checkouts(Arc<StatementCounts>);

impl HandleEvent for Checkouts {
    fn handle_checkout(&self, _event: CheckoutEvent) {
        self.0.checkouts.fetch_add(1, Ordering::Relaxed);
    }
}
