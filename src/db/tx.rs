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

/// [`write_votes`], handing `f` the value of `content_generation` read under the lock
/// (the lock's own UPDATE returns it: no extra statement). A caller that read round data
/// at that same value knows it is still current without reading it again: every write
/// that could change it raises the counter, and none can commit while the lock is held.
pub fn write_votes_at<T, E, F>(conn: &mut DbConn, f: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConn, i64) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    locked(
        conn,
        |c| {
            let lock = diesel::update(write_lock::table.find(1))
                .set(write_lock::generation.eq(write_lock::generation + 1))
                .returning(write_lock::content_generation);
            // MultiConnection has no RETURNING: the concrete connection runs it.
            match c {
                DbConn::Sqlite(s) => lock.get_result::<i64>(s),
                DbConn::Postgres(p) => lock.get_result::<i64>(p),
            }
        },
        f,
    )
}

/// A write of the scheduled housekeeping (`service::maintenance`: a job's claim on its
/// period, pruning expired sessions, tickets and throttle rows, signing an audit
/// checkpoint). None of it is round data either, so like [`write_votes`] it leaves
/// `content_generation` alone: otherwise the signer's claim, every 30 seconds, would throw
/// away the kept round data of every server on the database.
pub fn write_housekeeping<T, E, F>(conn: &mut DbConn, f: F) -> Result<T, E>
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
    locked(
        conn,
        |c| {
            let lock = diesel::update(write_lock::table.find(1));
            if content {
                lock.set((
                    write_lock::generation.eq(write_lock::generation + 1),
                    write_lock::content_generation.eq(write_lock::content_generation + 1),
                ))
                .execute(c)
            } else {
                lock.set(write_lock::generation.eq(write_lock::generation + 1))
                    .execute(c)
            }
        },
        |c, _| f(c),
    )
}

/// Every write: the process's queue (SQLite), then a transaction whose first statement is
/// `take_lock` (an UPDATE of the lock row), then `f` with what that statement returned.
fn locked<T, E, L, F>(
    conn: &mut DbConn,
    take_lock: impl FnOnce(&mut DbConn) -> diesel::QueryResult<L>,
    f: F,
) -> Result<T, E>
where
    F: FnOnce(&mut DbConn, L) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    // A write nested in another (a savepoint) already holds the queue and the lock.
    let sqlite = matches!(conn, DbConn::Sqlite(_));
    let queue = (sqlite && !in_transaction(conn)).then(|| SQLITE_WRITERS.lock());
    let result = conn.transaction(|c| {
        let taken = take_lock(c)?;
        f(c, taken)
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
