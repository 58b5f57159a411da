//! Units of work. Every state change runs in `write`, which takes the single-row write
//! lock first: that serialises writers on both backends (SQLite: the first statement is a
//! write, so the busy handler waits instead of failing; PostgreSQL: the row lock), so
//! balance checks, idempotency checks and the gap-free audit sequence are race-free.
//! See docs/adr/0002-serialised-writes.md.

use diesel::prelude::*;

use super::schema::write_lock;
use super::DbConn;

pub fn write<T, E, F>(conn: &mut DbConn, f: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConn) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    conn.transaction(|c| {
        diesel::update(write_lock::table.find(1))
            .set(write_lock::generation.eq(write_lock::generation + 1))
            .execute(c)?;
        f(c)
    })
}
