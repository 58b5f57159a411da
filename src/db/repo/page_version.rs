//! What the cached copy of a public page depends on, read with two lookups by key.

use diesel::prelude::*;

use crate::db::schema::{rounds, write_lock};
use crate::db::DbConn;
use crate::domain::round::{RoundId, RoundStatus};

/// The write counter alone (`write_lock.generation`): what the anonymous home page depends
/// on.
pub fn generation(conn: &mut DbConn) -> QueryResult<i64> {
    let query = write_lock::table.find(1).select(write_lock::generation);
    crate::on_backend!(conn, |c| query.get_result(c))
}

/// The round's status and the write counter (`write_lock.generation`, which every write
/// transaction of every process raises first, see `db::tx::write`), or `None` for an
/// unknown round. The counter is read first: whatever is read after it is at least as new.
pub fn round_status_and_generation(
    conn: &mut DbConn,
    id: &RoundId,
) -> QueryResult<Option<(RoundStatus, i64)>> {
    let generation = generation(conn)?;
    let query = rounds::table.find(id.as_str()).select(rounds::status);
    let status: Option<String> = crate::on_backend!(conn, |c| query.get_result(c).optional())?;
    status
        .map(|s| {
            RoundStatus::parse(&s)
                .map(|status| (status, generation))
                .ok_or_else(|| {
                    diesel::result::Error::DeserializationError(
                        format!("unknown round status '{s}'").into(),
                    )
                })
        })
        .transpose()
}
