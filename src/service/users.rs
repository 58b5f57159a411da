//! Administration of accounts and roles, and the area settings coordinators manage.

use crate::domain::message::Msg;
use crate::msg_key;
use std::collections::HashMap;

use chrono::NaiveDateTime;
use serde::Serialize;
use serde_json::{json, Value};
use uuid::Uuid;

use super::auth::SessionUser;
use super::{throttle, Principal, ServiceError};
use crate::db::models::UserRoleRow;
use crate::db::repo::{self, audit, ledger as q, sessions, users};
use crate::db::{tx, DbConn};
use crate::domain::audit::{Actor, NewEvent};
use crate::domain::ids::{AreaId, UserId};
use crate::domain::password;
use crate::domain::permissions::Operation;
use crate::domain::role::Role;

#[derive(Debug, Clone, Serialize)]
pub struct GrantView {
    pub id: String,
    pub role: Role,
    pub role_label: &'static str,
    pub area: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct UserView {
    pub id: UserId,
    pub email: String,
    pub display_name: String,
    pub disabled: bool,
    pub second_factor: bool,
    pub created_at: String,
    pub grants: Vec<GrantView>,
}

fn area_names(conn: &mut DbConn) -> Result<HashMap<AreaId, String>, ServiceError> {
    Ok(q::list_areas(conn)?
        .into_iter()
        .map(|a| (a.id, a.name))
        .collect())
}

pub fn list_users(conn: &mut DbConn, who: &Principal) -> Result<Vec<UserView>, ServiceError> {
    who.may(Operation::ListUsers)?;
    let areas = area_names(conn)?;
    let mut grants: HashMap<UserId, Vec<GrantView>> = HashMap::new();
    for g in users::all_grants(conn)? {
        let role = g.role;
        grants
            .entry(g.user_id.clone())
            .or_default()
            .push(GrantView {
                id: g.id,
                role,
                role_label: role.label_nl(),
                area: g.area_id.and_then(|a| areas.get(a.as_str()).cloned()),
            });
    }
    Ok(users::list(conn)?
        .into_iter()
        .map(|u| UserView {
            grants: grants.remove(&u.id).unwrap_or_default(),
            id: u.id,
            email: u.email,
            display_name: u.display_name,
            disabled: u.disabled,
            second_factor: u.totp_enabled,
            created_at: crate::domain::nl_time::local_date_nl(u.created_at),
        })
        .collect())
}

pub fn grant_role(
    conn: &mut DbConn,
    who: &Principal,
    user_id: &UserId,
    role: Role,
    area_slug: Option<&str>,
) -> Result<(), ServiceError> {
    who.may(Operation::GrantRole)?;
    tx::write(conn, |c| {
        let user = users::find(c, user_id)?.ok_or(ServiceError::NotFound(crate::msg_key!(
            "error-missing-user"
        )))?;
        let area_id = super::auth::area_id_for(c, role, area_slug)?;
        let existing = users::grants_of(c, &user.id)?;
        if existing.iter().any(|(r, a)| *r == role && *a == area_id) {
            return Err(ServiceError::invalid(
                "role",
                Msg::new(msg_key!("error-role-already")),
            ));
        }
        let row = UserRoleRow {
            id: Uuid::new_v4().to_string(),
            user_id: user.id.clone(),
            role,
            area_id: area_id.clone().map(String::from),
            created_at: repo::now(),
        };
        users::add_role(c, &row)?;
        audit::append(
            c,
            &who.actor,
            &[NewEvent {
                action: "role.granted",
                entity_type: "user",
                entity_id: user.id.to_string(),
                before: Value::Null,
                after: json!({"grant": row.id, "role": role.as_str(), "area": area_id}),
            }],
        )?;
        Ok(())
    })
}

pub fn revoke_role(conn: &mut DbConn, who: &Principal, grant_id: &str) -> Result<(), ServiceError> {
    who.may(Operation::RevokeRole)?;
    tx::write(conn, |c| {
        let g = users::find_grant(c, grant_id)?.ok_or(ServiceError::NotFound(crate::msg_key!(
            "error-missing-role"
        )))?;
        if who.actor.user_id() == Some(&g.user_id) && g.role == Role::Admin {
            return Err(ServiceError::invalid(
                "role",
                Msg::new(msg_key!("error-role-own-admin")),
            ));
        }
        users::delete_grant(c, grant_id)?;
        audit::append(
            c,
            &who.actor,
            &[NewEvent {
                action: "role.revoked",
                entity_type: "user",
                entity_id: g.user_id.to_string(),
                before: json!({"grant": g.id, "role": g.role, "area": g.area_id}),
                after: Value::Null,
            }],
        )?;
        Ok(())
    })
}

/// Disabling ends every session of the user at once.
pub fn set_disabled(
    conn: &mut DbConn,
    who: &Principal,
    user_id: &UserId,
    disabled: bool,
) -> Result<(), ServiceError> {
    who.may(Operation::SetDisabled)?;
    if disabled && who.actor.user_id() == Some(user_id) {
        return Err(ServiceError::invalid(
            "user",
            Msg::new(msg_key!("error-block-self")),
        ));
    }
    tx::write(conn, |c| {
        let user = users::find(c, user_id)?.ok_or(ServiceError::NotFound(crate::msg_key!(
            "error-missing-user"
        )))?;
        if user.disabled == disabled {
            return Ok(());
        }
        users::set_disabled(c, user_id, disabled)?;
        let ended = if disabled {
            sessions::revoke_all_for_user(c, user_id)?
        } else {
            0
        };
        audit::append(
            c,
            &who.actor,
            &[NewEvent {
                action: if disabled {
                    "user.disabled"
                } else {
                    "user.enabled"
                },
                entity_type: "user",
                entity_id: user.id.to_string(),
                before: json!({"disabled": user.disabled}),
                after: json!({"disabled": disabled, "sessions_ended": ended}),
            }],
        )?;
        Ok(())
    })
}

/// Who has which role, for the quarterly access review (CSV, `;`, BOM for Excel).
pub fn roles_csv(conn: &mut DbConn, who: &Principal) -> Result<String, ServiceError> {
    who.may(Operation::RolesCsv)?;
    let list = list_users(conn, who)?;
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(Vec::new());
    let err = |e: csv::Error| ServiceError::invalid("csv", Msg::verbatim(e.to_string()));
    w.write_record([
        "e-mail",
        "naam",
        "rol",
        "gebied",
        "geblokkeerd",
        "tweede_stap",
        "aangemaakt",
    ])
    .map_err(err)?;
    for u in list {
        let rows: Vec<(String, String)> = if u.grants.is_empty() {
            vec![(String::new(), String::new())]
        } else {
            u.grants
                .iter()
                .map(|g| {
                    (
                        // The plain Dutch name, as on the users page (not the stored code).
                        g.role.label_nl().to_string(),
                        g.area.clone().unwrap_or_default(),
                    )
                })
                .collect()
        };
        for (role, area) in rows {
            w.write_record(crate::domain::csv_cell::record([
                u.email.as_str(),
                u.display_name.as_str(),
                role.as_str(),
                area.as_str(),
                if u.disabled { "ja" } else { "nee" },
                if u.second_factor { "ja" } else { "nee" },
                u.created_at.as_str(),
            ]))
            .map_err(err)?;
        }
    }
    let bytes = w
        .into_inner()
        .map_err(|e| ServiceError::invalid("csv", Msg::verbatim(e.to_string())))?;
    Ok(format!("\u{feff}{}", String::from_utf8_lossy(&bytes)))
}

#[derive(Debug, Clone, Serialize)]
pub struct AreaSettings {
    pub id: AreaId,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub max_initiative_cents: Option<i64>,
}

pub fn area_settings(
    conn: &mut DbConn,
    who: &Principal,
    slug: &str,
) -> Result<AreaSettings, ServiceError> {
    let a = q::find_area_by_slug(conn, slug)?.ok_or(ServiceError::NotFound(crate::msg_key!(
        "error-missing-area"
    )))?;
    who.may_in_area(Operation::AreaSettings, &a.id)?;
    Ok(AreaSettings {
        id: a.id,
        slug: a.slug,
        name: a.name,
        description: a.description,
        max_initiative_cents: a.max_initiative_cents,
    })
}

/// The village's own rules for initiatives: a description and the per-initiative maximum.
/// Every problem with an area's settings, each on its field (the form shows them all at
/// once; the service refuses on the first).
pub fn area_settings_problems(
    description: &str,
    max_initiative_cents: Option<i64>,
) -> Vec<(&'static str, Msg)> {
    let mut problems = Vec::new();
    if let Some(m) = max_initiative_cents {
        if m <= 0 {
            problems.push((
                "max_initiative",
                Msg::new(msg_key!("error-area-max-positive")),
            ));
        } else if !crate::domain::money::within_bound(m) {
            problems.push(("max_initiative", crate::domain::money::above_maximum()));
        }
    }
    if description.chars().count() > 4000 {
        problems.push((
            "description",
            Msg::new(msg_key!("error-area-description-long")),
        ));
    }
    problems
}

pub fn update_area_settings(
    conn: &mut DbConn,
    who: &Principal,
    slug: &str,
    description: &str,
    max_initiative_cents: Option<i64>,
) -> Result<AreaSettings, ServiceError> {
    if let Some((field, message)) = area_settings_problems(description, max_initiative_cents)
        .into_iter()
        .next()
    {
        return Err(ServiceError::invalid(field, message));
    }
    tx::write(conn, |c| {
        let a = q::find_area_by_slug(c, slug)?.ok_or(ServiceError::NotFound(crate::msg_key!(
            "error-missing-area"
        )))?;
        who.may_in_area(Operation::UpdateAreaSettings, &a.id)?;
        q::update_area_settings(c, &a.id, description.trim(), max_initiative_cents)?;
        audit::append(
            c,
            &who.actor,
            &[NewEvent {
                action: "area.settings_changed",
                entity_type: "area",
                entity_id: a.id.to_string(),
                before: json!({"description": a.description, "max_initiative_cents": a.max_initiative_cents}),
                after: json!({"description": description.trim(), "max_initiative_cents": max_initiative_cents}),
            }],
        )?;
        Ok(AreaSettings {
            id: a.id,
            slug: a.slug,
            name: a.name,
            description: description.trim().to_string(),
            max_initiative_cents,
        })
    })
}

/// Areas this person may manage (all for administrators).
pub fn my_areas(conn: &mut DbConn, who: &Principal) -> Result<Vec<AreaSettings>, ServiceError> {
    Ok(q::list_areas(conn)?
        .into_iter()
        .filter(|a| Operation::AreaSettings.allowed(&who.roles, &who.coordinator_areas, &a.id))
        .map(|a| AreaSettings {
            id: a.id,
            slug: a.slug,
            name: a.name,
            description: a.description,
            max_initiative_cents: a.max_initiative_cents,
        })
        .collect())
}

/// Wrong current passwords on the password-change form, per account: the limits of the
/// login (5 in 15 minutes block that form for 15 minutes), counted apart from the login
/// so that someone on an open session cannot lock the owner out of signing in.
pub fn password_change_per_account() -> throttle::Limit {
    super::auth::login_per_account()
}

/// What a password change did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordChange {
    /// Changed; the account's other sessions ended (this many), the current one stays.
    Changed { sessions_ended: usize },
    /// The current password is right; nothing changed (no new password was given, because
    /// the form had other problems).
    CurrentRight,
    /// The current password is wrong (counted towards the throttle).
    CurrentWrong,
    /// The new password does not meet the policy of `domain::password`: nothing changed.
    NewRefused,
    /// Too many wrong current passwords: nothing was checked.
    Throttled,
}

/// Change the signed-in person's own password. The current password is checked first
/// (argon2, throttled per account like the login); with `new` the password is replaced,
/// every other session of the account ends and an audit event is written, all in one
/// transaction. The caller checks the form first (`new` is `None` while it has problems,
/// so that the current password is still checked and every problem shows at once).
pub fn change_password(
    conn: &mut DbConn,
    user: &SessionUser,
    current: &str,
    new: Option<&str>,
    now: NaiveDateTime,
) -> Result<PasswordChange, ServiceError> {
    let key = throttle::key("password:account", user.user_id.as_str());
    if tx::write(conn, |c| throttle::is_blocked(c, &key, now))? {
        return Ok(PasswordChange::Throttled);
    }
    let account = users::find(conn, &user.user_id)?.ok_or(ServiceError::NotFound("Gebruiker"))?;
    if !password::verify(current, &account.password_hash) {
        let blocked = tx::write(conn, |c| {
            throttle::record_failure(c, &key, password_change_per_account(), now)
        })?;
        return Ok(if blocked {
            PasswordChange::Throttled
        } else {
            PasswordChange::CurrentWrong
        });
    }
    let Some(new) = new else {
        return Ok(PasswordChange::CurrentRight);
    };
    if password::check_policy(new, &[&account.email, account.display_name.trim()]).is_err() {
        return Ok(PasswordChange::NewRefused);
    }
    let hash = password::hash(new)
        .map_err(|e| ServiceError::internal("hashing the new password failed", e))?;
    tx::write(conn, |c| {
        users::set_password_hash(c, &account.id, &hash)?;
        let mut ended = 0;
        for s in sessions::live_of_user(c, &account.id, now)? {
            if s.token_hash != user.token_hash {
                sessions::revoke(c, &s.token_hash)?;
                ended += 1;
            }
        }
        throttle::clear(c, &key)?;
        audit::append(
            c,
            &Actor::User {
                id: account.id.clone(),
                email: account.email.clone(),
            },
            &[NewEvent {
                action: "user.password_changed",
                entity_type: "user",
                entity_id: account.id.to_string(),
                before: Value::Null,
                after: json!({"sessions_ended": ended}),
            }],
        )?;
        Ok(PasswordChange::Changed {
            sessions_ended: ended,
        })
    })
}
