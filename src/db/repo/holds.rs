//! Pool holds: round reservations and earmarks, and their releases (append-only; see
//! migration 000011 and docs/ledger.md).

use diesel::prelude::*;

use crate::db::schema::{pool_hold_releases, pool_holds};
use crate::db::DbConn;
use crate::domain::ids::AreaId;

pub const RESERVATION: &str = "reservation";
pub const EARMARK: &str = "earmark";

#[derive(Debug, Clone, Queryable, Insertable, serde::Serialize)]
#[diesel(table_name = pool_holds)]
pub struct HoldRow {
    pub id: String,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub area_id: AreaId,
    pub kind: String,
    pub round_id: Option<String>,
    pub amount_cents: i64,
    pub reason: String,
    pub created_by: String,
    pub created_at: chrono::NaiveDateTime,
}

pub fn insert_hold(conn: &mut DbConn, row: &HoldRow) -> QueryResult<()> {
    diesel::insert_into(pool_holds::table)
        .values(row.clone())
        .execute(conn)
        .map(|_| ())
}

/// Releases a hold. False, and nothing written, when it was released already (the
/// primary key decides).
pub fn release(
    conn: &mut DbConn,
    hold_id: &str,
    reason: &str,
    by: &str,
    at: chrono::NaiveDateTime,
) -> QueryResult<bool> {
    let done = pool_hold_releases::table
        .find(hold_id)
        .count()
        .get_result::<i64>(conn)?
        > 0;
    if done {
        return Ok(false);
    }
    diesel::insert_into(pool_hold_releases::table)
        .values((
            pool_hold_releases::hold_id.eq(hold_id),
            pool_hold_releases::reason.eq(reason),
            pool_hold_releases::released_by.eq(by),
            pool_hold_releases::released_at.eq(at),
        ))
        .execute(conn)?;
    Ok(true)
}

/// The holds of an area that are not released, oldest first.
pub fn open_holds(conn: &mut DbConn, area_id: &str) -> QueryResult<Vec<HoldRow>> {
    pool_holds::table
        .left_join(pool_hold_releases::table)
        .filter(pool_holds::area_id.eq(area_id))
        .filter(pool_hold_releases::hold_id.is_null())
        .select(pool_holds::all_columns)
        .order((pool_holds::created_at.asc(), pool_holds::id.asc()))
        .load(conn)
}

pub fn find_hold(conn: &mut DbConn, id: &str) -> QueryResult<Option<HoldRow>> {
    pool_holds::table.find(id).get_result(conn).optional()
}

/// The open reservation of a round, if any.
pub fn open_reservation_of_round(
    conn: &mut DbConn,
    round_id: &str,
) -> QueryResult<Option<HoldRow>> {
    pool_holds::table
        .left_join(pool_hold_releases::table)
        .filter(pool_holds::round_id.eq(round_id))
        .filter(pool_hold_releases::hold_id.is_null())
        .select(pool_holds::all_columns)
        .get_result(conn)
        .optional()
}

/// (reserved, earmarked) cents still held in an area's pool.
pub fn held(conn: &mut DbConn, area_id: &str) -> QueryResult<(i64, i64)> {
    let mut reserved = 0_i64;
    let mut earmarked = 0_i64;
    for h in open_holds(conn, area_id)? {
        let slot = if h.kind == RESERVATION {
            &mut reserved
        } else {
            &mut earmarked
        };
        *slot = slot.checked_add(h.amount_cents).ok_or_else(|| {
            diesel::result::Error::DeserializationError("held amount out of range".into())
        })?;
    }
    Ok((reserved, earmarked))
}
