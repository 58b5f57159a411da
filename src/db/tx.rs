//! Units of work. Every state change runs in `write`, which takes the single-row write
//! lock first: that serialises writers on both backends (SQLite: the first statement is a
//! write, so the database's write lock is taken at once; PostgreSQL: the row lock), so
//! balance checks, idempotency checks and the gap-free audit sequence are race-free.
//! See docs/adr/0002-serialised-writes.md.
//!
//! On SQLite the writers of this process first queue on a fair in-process lock, so they
//! take the database's write lock one after the other, in arrival order, instead of
//! polling for it in SQLite's busy handler (which sleeps up to 100 ms between tries while
//! the lock may sit free: that was where the long tails of the ballot came from). Other
//! processes (the command line next to a running server) still meet the busy handler.

use diesel::connection::{Connection, TransactionManager};
use diesel::prelude::*;
use parking_lot::{const_fair_mutex, FairMutex};

use super::schema::write_lock;
use super::DbConn;

/// One queue for every SQLite database of the process (tests open many; a write holds it
/// only for its own transaction, so unrelated databases just take turns).
static SQLITE_WRITERS: FairMutex<()> = const_fair_mutex(());

pub fn write<T, E, F>(conn: &mut DbConn, f: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConn) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    write_raising(conn, true, f)
}

/// A write of a resident's own step that changes nothing a round's pages show besides its
/// ballots: a ballot (its choices, the code's participation, the kept count, the audit
/// event), a voter session, a throttle step. It raises the write counter like every write
/// but not `content_generation`, so the kept copies of round data
/// (`service::round_cache`) stay valid while residents vote. Anything else uses [`write`].
pub fn write_votes<T, E, F>(conn: &mut DbConn, f: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConn) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    write_raising(conn, false, f)
}

fn write_raising<T, E, F>(conn: &mut DbConn, content: bool, f: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConn) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    // A write nested in another (a savepoint) already holds the queue and the lock.
    let sqlite = matches!(conn, DbConn::Sqlite(_));
    let queue = (sqlite && !in_transaction(conn)).then(|| SQLITE_WRITERS.lock());
    let result = conn.transaction(|c| {
        let lock = diesel::update(write_lock::table.find(1));
        if content {
            lock.set((
                write_lock::generation.eq(write_lock::generation + 1),
                write_lock::content_generation.eq(write_lock::content_generation + 1),
            ))
            .execute(c)?;
        } else {
            lock.set(write_lock::generation.eq(write_lock::generation + 1))
                .execute(c)?;
        }
        f(c)
    });
    drop(queue);
    result
}

fn in_transaction(conn: &mut DbConn) -> bool {
    matches!(
        <DbConn as Connection>::TransactionManager::transaction_manager_status_mut(conn)
            .transaction_depth(),
        Ok(Some(_))
    )
}
