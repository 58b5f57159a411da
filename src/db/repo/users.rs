use diesel::prelude::*;

use crate::db::models::{LoginTicketRow, UserRoleRow, UserRow};
use crate::db::schema::{login_tickets, user_roles, users};
use crate::db::DbConn;
use crate::domain::ids::{AreaId, UserId};
use crate::domain::role::Role;

pub fn insert(conn: &mut DbConn, user: &UserRow) -> QueryResult<()> {
    diesel::insert_into(users::table)
        .values(user.clone())
        .execute(conn)
        .map(|_| ())
}

pub fn add_role(conn: &mut DbConn, role: &UserRoleRow) -> QueryResult<()> {
    diesel::insert_into(user_roles::table)
        .values(role.clone())
        .execute(conn)
        .map(|_| ())
}

pub fn find_by_email(conn: &mut DbConn, email: &str) -> QueryResult<Option<UserRow>> {
    users::table
        .filter(users::email.eq(email))
        .get_result(conn)
        .optional()
}

pub fn find(conn: &mut DbConn, id: &UserId) -> QueryResult<Option<UserRow>> {
    users::table.find(id.as_str()).get_result(conn).optional()
}

pub fn roles_of(conn: &mut DbConn, user_id: &UserId) -> QueryResult<Vec<Role>> {
    let stored: Vec<String> = user_roles::table
        .filter(user_roles::user_id.eq(user_id.as_str()))
        .select(user_roles::role)
        .order(user_roles::role.asc())
        .load(conn)?;
    stored.into_iter().map(to_role).collect()
}

/// A stored role as the domain enum; an unknown value is an error, never skipped.
fn to_role(s: String) -> QueryResult<Role> {
    Role::try_from(s).map_err(|e| diesel::result::Error::DeserializationError(Box::new(e)))
}

pub fn list(conn: &mut DbConn) -> QueryResult<Vec<UserRow>> {
    users::table.order(users::email.asc()).load(conn)
}

pub fn emails(conn: &mut DbConn, ids: &[UserId]) -> QueryResult<Vec<(UserId, String)>> {
    let ids: Vec<&str> = ids.iter().map(UserId::as_str).collect();
    let found: Vec<(String, String)> = users::table
        .filter(users::id.eq_any(ids))
        .select((users::id, users::email))
        .load(conn)?;
    Ok(found.into_iter().map(|(id, e)| (UserId(id), e)).collect())
}

/// Display names of the given accounts (id, name), for lists that name their authors.
pub fn names(conn: &mut DbConn, ids: &[String]) -> QueryResult<Vec<(String, String)>> {
    users::table
        .filter(users::id.eq_any(ids))
        .select((users::id, users::display_name))
        .load(conn)
}

pub fn set_password_hash(conn: &mut DbConn, user_id: &UserId, phc: &str) -> QueryResult<()> {
    diesel::update(users::table.find(user_id.as_str()))
        .set(users::password_hash.eq(phc))
        .execute(conn)
        .map(|_| ())
}

pub fn set_totp(
    conn: &mut DbConn,
    user_id: &UserId,
    secret: Option<&str>,
    enabled: bool,
) -> QueryResult<()> {
    diesel::update(users::table.find(user_id.as_str()))
        .set((
            users::totp_secret.eq(secret),
            users::totp_enabled.eq(enabled),
        ))
        .execute(conn)
        .map(|_| ())
}

pub fn set_totp_secret(conn: &mut DbConn, user_id: &UserId, secret: &str) -> QueryResult<()> {
    diesel::update(users::table.find(user_id.as_str()))
        .set(users::totp_secret.eq(secret))
        .execute(conn)
        .map(|_| ())
}

pub fn set_totp_last_step(conn: &mut DbConn, user_id: &UserId, step: i64) -> QueryResult<()> {
    diesel::update(users::table.find(user_id.as_str()))
        .set(users::totp_last_step.eq(step))
        .execute(conn)
        .map(|_| ())
}

/// Accounts that have a second-factor secret stored (enrolled or enrolling).
pub fn with_totp_secret(conn: &mut DbConn) -> QueryResult<Vec<UserRow>> {
    users::table
        .filter(users::totp_secret.is_not_null())
        .order(users::id.asc())
        .load(conn)
}

pub fn set_disabled(conn: &mut DbConn, user_id: &UserId, disabled: bool) -> QueryResult<()> {
    diesel::update(users::table.find(user_id.as_str()))
        .set(users::disabled.eq(disabled))
        .execute(conn)
        .map(|_| ())
}

/// (role, area id) pairs of one user.
pub fn grants_of(conn: &mut DbConn, user_id: &UserId) -> QueryResult<Vec<(Role, Option<AreaId>)>> {
    let stored: Vec<(String, Option<String>)> = user_roles::table
        .filter(user_roles::user_id.eq(user_id.as_str()))
        .select((user_roles::role, user_roles::area_id))
        .order(user_roles::role.asc())
        .load(conn)?;
    stored
        .into_iter()
        .map(|(r, a)| Ok((to_role(r)?, a.map(AreaId))))
        .collect()
}

pub fn all_grants(conn: &mut DbConn) -> QueryResult<Vec<UserRoleRow>> {
    user_roles::table
        .order(user_roles::created_at.asc())
        .load(conn)
}

pub fn find_grant(conn: &mut DbConn, id: &str) -> QueryResult<Option<UserRoleRow>> {
    user_roles::table.find(id).get_result(conn).optional()
}

pub fn delete_grant(conn: &mut DbConn, id: &str) -> QueryResult<usize> {
    diesel::delete(user_roles::table.find(id)).execute(conn)
}

pub fn insert_login_ticket(conn: &mut DbConn, row: &LoginTicketRow) -> QueryResult<()> {
    diesel::insert_into(login_tickets::table)
        .values(row.clone())
        .execute(conn)
        .map(|_| ())
}

pub fn find_login_ticket(
    conn: &mut DbConn,
    token_hash: &str,
) -> QueryResult<Option<LoginTicketRow>> {
    login_tickets::table
        .find(token_hash)
        .get_result(conn)
        .optional()
}

pub fn delete_login_ticket(conn: &mut DbConn, token_hash: &str) -> QueryResult<usize> {
    diesel::delete(login_tickets::table.find(token_hash)).execute(conn)
}

pub fn delete_expired_login_tickets(
    conn: &mut DbConn,
    now: chrono::NaiveDateTime,
) -> QueryResult<usize> {
    diesel::delete(login_tickets::table.filter(login_tickets::expires_at.le(now))).execute(conn)
}
