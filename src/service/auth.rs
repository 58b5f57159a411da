//! Staff accounts and server-side sessions.

use chrono::{Duration, NaiveDateTime};
use rand::RngCore;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::{Principal, ServiceError};
use crate::db::models::{SessionRow, UserRoleRow, UserRow};
use crate::db::repo::{self, audit, sessions, users};
use crate::db::{tx, DbConn};
use crate::domain::audit::{Actor, NewEvent};
use crate::domain::password;
use crate::domain::role::{Permission, Role};

/// Session lifetimes for staff (security.md: idle 30 min, absolute 8 h).
#[derive(Debug, Clone, Copy)]
pub struct SessionPolicy {
    pub idle: Duration,
    pub absolute: Duration,
}

impl Default for SessionPolicy {
    fn default() -> Self {
        SessionPolicy {
            idle: Duration::minutes(30),
            absolute: Duration::hours(8),
        }
    }
}

/// A signed-in staff member, as every request sees them.
#[derive(Debug, Clone)]
pub struct SessionUser {
    pub user_id: String,
    pub email: String,
    pub display_name: String,
    pub roles: Vec<Role>,
    pub csrf_token: String,
    pub token_hash: String,
}

impl SessionUser {
    pub fn principal(&self) -> Principal {
        Principal {
            actor: Actor::User {
                id: self.user_id.clone(),
                email: self.email.clone(),
            },
            roles: self.roles.clone(),
        }
    }
}

pub fn random_token() -> String {
    let mut b = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut b);
    hex::encode(b)
}

pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

fn valid_email(email: &str) -> bool {
    let mut parts = email.splitn(2, '@');
    match (parts.next(), parts.next()) {
        (Some(local), Some(domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !email.contains(' ')
        }
        _ => false,
    }
}

/// Create a staff account (command line `user add`, later the administrator page).
pub fn add_user(
    conn: &mut DbConn,
    who: &Principal,
    email: &str,
    display_name: &str,
    role: Role,
    password_plain: &str,
) -> Result<UserRow, ServiceError> {
    who.require(Permission::Administer)?;
    let email = normalise_email(email);
    if !valid_email(&email) {
        return Err(ServiceError::invalid(
            "email",
            "Vul een geldig e-mailadres in.",
        ));
    }
    password::check_policy(password_plain).map_err(|m| ServiceError::invalid("password", m))?;
    let hash = password::hash(password_plain).map_err(|e| ServiceError::invalid("password", e))?;
    let display_name = if display_name.trim().is_empty() {
        email.clone()
    } else {
        display_name.trim().to_string()
    };
    tx::write(conn, |c| {
        if users::find_by_email(c, &email)?.is_some() {
            return Err(ServiceError::invalid(
                "email",
                "Er is al een account met dit e-mailadres.",
            ));
        }
        let now = repo::now();
        let user = UserRow {
            id: Uuid::new_v4().to_string(),
            email: email.clone(),
            display_name: display_name.clone(),
            password_hash: hash.clone(),
            disabled: false,
            created_at: now,
        };
        users::insert(c, &user)?;
        users::add_role(
            c,
            &UserRoleRow {
                id: Uuid::new_v4().to_string(),
                user_id: user.id.clone(),
                role: role.as_str().to_string(),
                area_id: None,
                created_at: now,
            },
        )?;
        audit::append(
            c,
            &who.actor,
            &[NewEvent {
                action: "user.created",
                entity_type: "user",
                entity_id: user.id.clone(),
                before: Value::Null,
                after: json!({"email": user.email, "roles": [role.as_str()]}),
            }],
        )?;
        Ok(user)
    })
}

/// A new session: the raw token goes into the cookie, only its hash into the database.
#[derive(Debug, Clone)]
pub struct NewSession {
    pub token: String,
    pub csrf_token: String,
    pub user_id: String,
}

/// Check the password and open a session. Unknown users, disabled users and wrong
/// passwords get the same answer after the same argon2 work.
pub fn login(
    conn: &mut DbConn,
    email: &str,
    password_plain: &str,
    now: NaiveDateTime,
    policy: SessionPolicy,
) -> Result<Option<NewSession>, ServiceError> {
    let email = normalise_email(email);
    let user = users::find_by_email(conn, &email)?;
    let phc = user
        .as_ref()
        .map(|u| u.password_hash.clone())
        .unwrap_or_else(|| password::dummy_hash().to_string());
    let ok = password::verify(password_plain, &phc);
    let user = match user {
        Some(u) if ok && !u.disabled => u,
        _ => return Ok(None),
    };
    let token = random_token();
    let csrf = random_token();
    tx::write(conn, |c| {
        sessions::insert(
            c,
            &SessionRow {
                token_hash: hash_token(&token),
                user_id: user.id.clone(),
                csrf_token: csrf.clone(),
                created_at: now,
                last_seen_at: now,
                expires_at: now + policy.absolute,
                revoked: false,
            },
        )?;
        audit::append(
            c,
            &Actor::User {
                id: user.id.clone(),
                email: user.email.clone(),
            },
            &[NewEvent {
                action: "staff.login",
                entity_type: "user",
                entity_id: user.id.clone(),
                before: Value::Null,
                after: Value::Null,
            }],
        )?;
        Ok::<_, ServiceError>(())
    })?;
    Ok(Some(NewSession {
        token,
        csrf_token: csrf,
        user_id: user.id,
    }))
}

/// Resolve a session cookie; None when unknown, revoked, idle too long or past its
/// absolute end. Refreshes the idle timer at most once a minute to spare writes.
pub fn session_user(
    conn: &mut DbConn,
    token: &str,
    now: NaiveDateTime,
    policy: SessionPolicy,
) -> Result<Option<SessionUser>, ServiceError> {
    let th = hash_token(token);
    let Some(s) = sessions::find(conn, &th)? else {
        return Ok(None);
    };
    if s.revoked || now >= s.expires_at || now - s.last_seen_at >= policy.idle {
        return Ok(None);
    }
    let Some(user) = users::find(conn, &s.user_id)? else {
        return Ok(None);
    };
    if user.disabled {
        return Ok(None);
    }
    if now - s.last_seen_at > Duration::minutes(1) {
        sessions::touch(conn, &th, now)?;
    }
    let roles = users::roles_of(conn, &user.id)?
        .iter()
        .filter_map(|r| Role::parse(r))
        .collect();
    Ok(Some(SessionUser {
        user_id: user.id,
        email: user.email,
        display_name: user.display_name,
        roles,
        csrf_token: s.csrf_token,
        token_hash: th,
    }))
}

pub fn logout(conn: &mut DbConn, token_hash: &str) -> Result<(), ServiceError> {
    sessions::revoke(conn, token_hash)?;
    Ok(())
}
