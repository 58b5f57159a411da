//! Accounts, sign-in (password, throttling, second factor) and server-side sessions.

use crate::domain::message::Msg;
use crate::msg_key;
use crate::tr;
use chrono::{Duration, NaiveDateTime};
use rand::RngCore;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::{throttle, Principal, ServiceError};
use crate::db::models::{LoginTicketRow, SessionRow, UserRoleRow, UserRow};
use crate::db::repo::{self, audit, sessions, users};
use crate::db::{tx, DbConn};
use crate::domain::audit::{Actor, NewEvent};
use crate::domain::form_errors::FormErrors;
use crate::domain::ids::{AreaId, UserId};
use crate::domain::password;
use crate::domain::permissions::Operation;
use crate::domain::role::Role;
use crate::domain::sealed_secret::{self, Opened, SecretSealer};

/// Session lifetimes. Staff: idle 30 min, absolute 8 h (security.md). Residents with an
/// account (initiators) keep theirs longer: they come back to follow their initiative.
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

impl SessionPolicy {
    pub fn resident() -> SessionPolicy {
        SessionPolicy {
            idle: Duration::hours(4),
            absolute: Duration::days(14),
        }
    }
}

/// Login attempts per account: 5 failures in 15 minutes block it for 15 minutes.
pub fn login_per_account() -> throttle::Limit {
    throttle::Limit {
        max_failures: 5,
        window: Duration::minutes(15),
        block: Duration::minutes(15),
    }
}

/// Login attempts per client address: 20 failures in 15 minutes block it for 15 minutes.
pub fn login_per_ip() -> throttle::Limit {
    throttle::Limit {
        max_failures: 20,
        window: Duration::minutes(15),
        block: Duration::minutes(15),
    }
}

/// Second-factor (authenticator code) failures per account: 5 in 15 minutes block the
/// second step of that account for 15 minutes. Counted apart from the password, and
/// cleared only when a code is accepted: a right password alone clears nothing.
pub fn second_factor_per_account() -> throttle::Limit {
    login_per_account()
}

/// Second-factor failures per client address: 20 in 15 minutes block it for 15 minutes.
/// Never cleared by a success (someone with an account of their own could otherwise
/// reset the count between guesses); it ends with its window.
pub fn second_factor_per_ip() -> throttle::Limit {
    login_per_ip()
}

/// A signed-in person, as every request sees them.
#[derive(Debug, Clone)]
pub struct SessionUser {
    pub user_id: UserId,
    pub email: String,
    pub display_name: String,
    pub roles: Vec<Role>,
    /// Areas this person coordinates.
    pub coordinator_areas: Vec<AreaId>,
    pub csrf_token: String,
    pub token_hash: String,
    pub totp_enabled: bool,
}

impl SessionUser {
    pub fn principal(&self) -> Principal {
        Principal {
            actor: Actor::User {
                id: self.user_id.clone(),
                email: self.email.clone(),
            },
            roles: self.roles.clone(),
            coordinator_areas: self.coordinator_areas.clone(),
        }
    }

    pub fn is_staff(&self) -> bool {
        self.roles.iter().any(|r| r.is_staff())
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

pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

fn valid_email(email: &str) -> bool {
    let mut parts = email.splitn(2, '@');
    match (parts.next(), parts.next()) {
        (Some(local), Some(domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !email.contains(char::is_whitespace)
                && email.len() <= 254
        }
        _ => false,
    }
}

/// The area a role is granted in: none for a role without one; for a coordinator the
/// area the form named, which must exist. Account creation and granting a role ask here.
pub(crate) fn area_id_for(
    c: &mut DbConn,
    role: Role,
    area_slug: Option<&str>,
) -> Result<Option<AreaId>, ServiceError> {
    if !role.needs_area() {
        return Ok(None);
    }
    let slug = area_slug
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| {
            ServiceError::invalid("area", Msg::new(msg_key!("error-account-area-missing")))
        })?;
    let area = repo::ledger::find_area_by_slug(c, slug)?
        .ok_or_else(|| ServiceError::invalid("area", Msg::new(msg_key!("error-area-unknown"))))?;
    Ok(Some(area.id))
}

/// Create an account. Staff accounts are made by an administrator (page and
/// `burgerbegroting user add`); initiators register themselves (`register_initiator`).
pub fn add_user(
    conn: &mut DbConn,
    who: &Principal,
    email: &str,
    display_name: &str,
    role: Role,
    password_plain: &str,
) -> Result<UserRow, ServiceError> {
    add_user_in_area(conn, who, email, display_name, role, None, password_plain)
}

pub fn add_user_in_area(
    conn: &mut DbConn,
    who: &Principal,
    email: &str,
    display_name: &str,
    role: Role,
    area_slug: Option<&str>,
    password_plain: &str,
) -> Result<UserRow, ServiceError> {
    who.may(Operation::AddUser)?;
    create_account(
        conn,
        Some(who),
        &NewAccount {
            email,
            display_name,
            role,
            area_slug,
            password_plain,
        },
    )
}

/// What a new account is made of, as typed on a form or the command line.
#[derive(Clone, Copy)]
struct NewAccount<'a> {
    email: &'a str,
    display_name: &'a str,
    role: Role,
    area_slug: Option<&'a str>,
    password_plain: &'a str,
}

/// The e-mail address as stored (trimmed, lower case), or the refusal on its field.
fn checked_email(email: &str) -> Result<String, ServiceError> {
    let email = normalise_email(email);
    if valid_email(&email) {
        Ok(email)
    } else {
        Err(ServiceError::invalid(
            "email",
            Msg::new(msg_key!("error-email-invalid")),
        ))
    }
}

/// Self-registration of a resident who wants to submit initiatives.
pub fn register_initiator(
    conn: &mut DbConn,
    email: &str,
    display_name: &str,
    password_plain: &str,
) -> Result<UserRow, ServiceError> {
    create_account(
        conn,
        None,
        &NewAccount {
            email,
            display_name,
            role: Role::Initiator,
            area_slug: None,
            password_plain,
        },
    )
}

/// Registrations per client address: 10 attempts an hour, then an hour's pause. Every
/// attempt that reaches the account step counts, made or not.
pub fn registration_per_ip() -> throttle::Limit {
    throttle::Limit {
        max_failures: 10,
        window: Duration::minutes(60),
        block: Duration::minutes(60),
    }
}

/// What a registration did. The page answers `Created` and `ExistingNotified` alike, so
/// it does not tell whether an address has an account.
#[derive(Debug, Clone)]
pub enum Registration {
    Created(UserRow),
    /// The address has an account already: its owner gets a notice in the mail outbox.
    ExistingNotified,
    Throttled,
}

/// Self-registration from the web: throttled per client address, and the same answer
/// whether or not the e-mail address is known (the owner is told by mail instead).
pub fn register(
    conn: &mut DbConn,
    email: &str,
    display_name: &str,
    password_plain: &str,
    client_key: &str,
    now: NaiveDateTime,
) -> Result<Registration, ServiceError> {
    let email_n = checked_email(email)?;
    password::check_policy(password_plain, &[&email_n, display_name.trim()])
        .map_err(|m| ServiceError::invalid("password", m))?;
    let key = throttle::key("register:ip", client_key);
    let (blocked, existing) = tx::write(conn, |c| -> Result<_, ServiceError> {
        if throttle::is_blocked(c, &key, now)? {
            return Ok((true, None));
        }
        throttle::record_failure(c, &key, registration_per_ip(), now)?;
        Ok((false, users::find_by_email(c, &email_n)?))
    })?;
    if blocked {
        return Ok(Registration::Throttled);
    }
    let Some(owner) = existing else {
        return match register_initiator(conn, &email_n, display_name, password_plain) {
            Ok(u) => Ok(Registration::Created(u)),
            // Made by someone else a moment ago: the same answer as for a known address.
            Err(ServiceError::Invalid { field: "email", .. }) => Ok(Registration::ExistingNotified),
            Err(e) => Err(e),
        };
    };
    // The same argon2 work as a new account, so timing tells nothing either.
    let _ = password::hash(password_plain);
    tx::write(conn, |c| {
        repo::mail::queue(
            c,
            &crate::db::models::MailRow {
                id: Uuid::new_v4().to_string(),
                recipient: owner.email.clone(),
                subject: "Poging om een account te maken met uw e-mailadres".into(),
                body: "Iemand probeerde op de burgerbegroting een account te maken met uw \
                       e-mailadres. U heeft al een account; er is niets veranderd. Was u dit \
                       zelf? Log dan in met uw bestaande account. Wachtwoord vergeten? Vraag \
                       de gemeente om hulp."
                    .into(),
                created_at: now,
                sent_at: None,
            },
        )?;
        audit::append(
            c,
            &Actor::System,
            &[NewEvent {
                action: "user.registration_for_known_address",
                entity_type: "user",
                entity_id: owner.id.to_string(),
                before: Value::Null,
                after: json!({"notice": "mail_outbox"}),
            }],
        )?;
        Ok(Registration::ExistingNotified)
    })
}

/// The sign-in form's own problems, all at once (before any password is checked).
pub fn check_login_form(email: &str, password_plain: &str) -> FormErrors {
    let mut errors = FormErrors::new();
    errors.add_if(
        email.trim().is_empty(),
        "email",
        tr!("staff-login-email-empty"),
    );
    errors.add_if(
        password_plain.is_empty(),
        "password",
        tr!("staff-login-password-empty"),
    );
    errors
}

/// An authenticator code as typed: six digits (spaces are allowed, as the app shows
/// them in two groups). Anything else is refused before it counts as an attempt.
pub fn check_code_form(code: &str) -> FormErrors {
    let digits = code.chars().filter(|c| c.is_ascii_digit()).count();
    let others = code
        .chars()
        .any(|c| !c.is_ascii_digit() && !c.is_whitespace());
    let mut errors = FormErrors::new();
    errors.add_if(digits != 6 || others, "code", tr!("staff-code-format"));
    errors
}

/// Every field problem of a new account at once (e-mail, password, area), so the form
/// shows them all in one go. The service checks them again when it saves.
pub fn check_new_account(
    email: &str,
    display_name: &str,
    role: Role,
    area_slug: &str,
    password_plain: &str,
) -> FormErrors {
    let mut errors = FormErrors::new();
    let email = normalise_email(email);
    errors.add_if(
        !valid_email(&email),
        "email",
        Msg::new(msg_key!("error-email-invalid")),
    );
    errors.add_if(
        role.needs_area() && area_slug.trim().is_empty(),
        "area",
        Msg::new(msg_key!("error-account-area-missing")),
    );
    if let Err(m) = password::check_policy(password_plain, &[&email, display_name.trim()]) {
        errors.add("password", m);
    }
    errors
}

fn create_account(
    conn: &mut DbConn,
    who: Option<&Principal>,
    new: &NewAccount<'_>,
) -> Result<UserRow, ServiceError> {
    let NewAccount {
        email,
        display_name,
        role,
        area_slug,
        password_plain,
    } = *new;
    let email = checked_email(email)?;
    let name = display_name.trim();
    password::check_policy(password_plain, &[&email, name])
        .map_err(|m| ServiceError::invalid("password", m))?;
    let hash = password::hash(password_plain)
        .map_err(|e| ServiceError::invalid("password", Msg::verbatim(e)))?;
    let display_name = if name.is_empty() {
        email.clone()
    } else {
        name.to_string()
    };
    tx::write(conn, |c| {
        if users::find_by_email(c, &email)?.is_some() {
            return Err(ServiceError::invalid(
                "email",
                Msg::new(msg_key!("error-email-taken")),
            ));
        }
        let area_id = area_id_for(c, role, area_slug)?;
        let now = repo::now();
        let user = UserRow {
            id: UserId(Uuid::new_v4().to_string()),
            email: email.clone(),
            display_name: display_name.clone(),
            password_hash: hash.clone(),
            disabled: false,
            created_at: now,
            totp_secret: None,
            totp_enabled: false,
            totp_last_step: None,
        };
        users::insert(c, &user)?;
        users::add_role(
            c,
            &UserRoleRow {
                id: Uuid::new_v4().to_string(),
                user_id: user.id.clone(),
                role,
                area_id: area_id.clone().map(String::from),
                created_at: now,
            },
        )?;
        let actor = match who {
            Some(p) => p.actor.clone(),
            None => Actor::User {
                id: user.id.clone(),
                email: user.email.clone(),
            },
        };
        audit::append(
            c,
            &actor,
            &[NewEvent {
                action: if who.is_some() {
                    "user.created"
                } else {
                    "user.registered"
                },
                entity_type: "user",
                entity_id: user.id.to_string(),
                before: Value::Null,
                after: json!({"email": user.email, "roles": [{"role": role.as_str(), "area": area_id}]}),
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
    pub user_id: UserId,
    pub staff: bool,
    /// Where this person starts after signing in.
    pub landing: &'static str,
}

#[derive(Debug, Clone)]
pub enum LoginOutcome {
    Session(NewSession),
    /// Password right; the second factor is asked with this ticket (valid 5 minutes).
    NeedsCode {
        ticket: String,
    },
    /// Unknown user, wrong password or disabled account: one answer for all.
    Refused,
    /// Too many failures for this account or this address.
    Throttled,
}

fn open_session(
    c: &mut DbConn,
    user: &UserRow,
    now: NaiveDateTime,
    staff_policy: SessionPolicy,
) -> Result<NewSession, ServiceError> {
    let roles = role_list(c, &user.id)?;
    let staff = roles.iter().any(|(r, _)| r.is_staff());
    let policy = if staff {
        staff_policy
    } else {
        SessionPolicy::resident()
    };
    let token = random_token();
    let csrf = random_token();
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
    if staff {
        audit::append(
            c,
            &Actor::User {
                id: user.id.clone(),
                email: user.email.clone(),
            },
            &[NewEvent {
                action: "staff.login",
                entity_type: "user",
                entity_id: user.id.to_string(),
                before: Value::Null,
                after: Value::Null,
            }],
        )?;
    }
    let role_list: Vec<Role> = roles.iter().map(|(r, _)| *r).collect();
    let landing = crate::domain::landing::landing_for(&role_list);
    Ok(NewSession {
        token,
        csrf_token: csrf,
        user_id: user.id.clone(),
        staff,
        landing,
    })
}

/// Check the password. Unknown users, disabled users and wrong passwords get the same
/// answer after the same argon2 work; failures count per account and per address, stored
/// in the database so a restart does not reset them.
pub fn login(
    conn: &mut DbConn,
    email: &str,
    password_plain: &str,
    client_ip: &str,
    now: NaiveDateTime,
    policy: SessionPolicy,
) -> Result<LoginOutcome, ServiceError> {
    let email = normalise_email(email);
    let account_key = throttle::key("login:account", &email);
    let ip_key = throttle::key("login:ip", client_ip);
    let blocked = tx::write(conn, |c| -> Result<bool, ServiceError> {
        Ok(throttle::is_blocked(c, &account_key, now)? || throttle::is_blocked(c, &ip_key, now)?)
    })?;
    let user = users::find_by_email(conn, &email)?;
    let phc = user
        .as_ref()
        .map(|u| u.password_hash.clone())
        .unwrap_or_else(|| password::dummy_hash().to_string());
    // Always do the argon2 work, also when blocked, so timing tells nothing.
    let ok = password::verify(password_plain, &phc);
    if blocked {
        return Ok(LoginOutcome::Throttled);
    }
    let user = match user {
        Some(u) if ok && !u.disabled => u,
        _ => {
            let now_blocked = tx::write(conn, |c| -> Result<bool, ServiceError> {
                let a = throttle::record_failure(c, &account_key, login_per_account(), now)?;
                let b = throttle::record_failure(c, &ip_key, login_per_ip(), now)?;
                Ok(a || b)
            })?;
            return Ok(if now_blocked {
                LoginOutcome::Throttled
            } else {
                LoginOutcome::Refused
            });
        }
    };
    let new_hash = if password::needs_rehash(&user.password_hash) {
        password::hash(password_plain).ok()
    } else {
        None
    };
    tx::write(conn, |c| {
        if !user.totp_enabled {
            // With a second factor the password failures are forgiven only once the code
            // is right too (complete_login).
            throttle::clear(c, &account_key)?;
        }
        if let Some(h) = &new_hash {
            users::set_password_hash(c, &user.id, h)?;
            audit::append(
                c,
                &Actor::System,
                &[NewEvent {
                    action: "user.password_rehashed",
                    entity_type: "user",
                    entity_id: user.id.to_string(),
                    before: Value::Null,
                    after: json!({"algorithm": "argon2id", "m": password::M_COST, "t": password::T_COST, "p": password::P_COST}),
                }],
            )?;
        }
        if user.totp_enabled {
            let ticket = random_token();
            users::insert_login_ticket(
                c,
                &LoginTicketRow {
                    token_hash: hash_token(&ticket),
                    user_id: user.id.clone(),
                    created_at: now,
                    expires_at: now + Duration::minutes(5),
                },
            )?;
            return Ok(LoginOutcome::NeedsCode { ticket });
        }
        Ok(LoginOutcome::Session(open_session(c, &user, now, policy)?))
    })
}

fn totp_for(secret_b32: &str, email: &str) -> Option<totp_rs::TOTP> {
    let bytes = totp_rs::Secret::Encoded(secret_b32.to_string())
        .to_bytes()
        .ok()?;
    totp_rs::TOTP::new(
        totp_rs::Algorithm::SHA1,
        6,
        1,
        STEP_SECONDS as u64,
        bytes,
        Some("Burgerbegroting".to_string()),
        email.to_string(),
    )
    .ok()
}

/// Seconds per authenticator time step (RFC 6238's default, what every app uses).
const STEP_SECONDS: i64 = 30;

/// The time step of a moment: unix time / 30.
pub fn time_step(now: NaiveDateTime) -> i64 {
    now.and_utc().timestamp().div_euclid(STEP_SECONDS)
}

/// The step whose code `code` is, among the previous, current and next step (clocks of
/// phones drift), provided it is later than `after` (the last accepted step): a code
/// works once, and no older code works after a newer one.
fn matching_step(
    secret_b32: &str,
    email: &str,
    code: &str,
    now: NaiveDateTime,
    after: Option<i64>,
) -> Option<i64> {
    use subtle::ConstantTimeEq;
    let code: String = code.chars().filter(|c| c.is_ascii_digit()).collect();
    if code.len() != 6 {
        return None;
    }
    let totp = totp_for(secret_b32, email)?;
    let current = time_step(now);
    let mut found = None;
    // Check all three without stopping early, so timing says nothing about which matched.
    for step in current - 1..=current + 1 {
        let Ok(at) = u64::try_from(step * STEP_SECONDS) else {
            continue;
        };
        let same: bool = totp.generate(at).as_bytes().ct_eq(code.as_bytes()).into();
        if same && after.is_none_or(|last| step > last) && found.is_none() {
            found = Some(step);
        }
    }
    found
}

/// The code for a secret at a moment (tests and the enrolment page's self-check).
pub fn current_code(secret_b32: &str, email: &str, now: NaiveDateTime) -> Option<String> {
    let ts = now.and_utc().timestamp().max(0) as u64;
    totp_for(secret_b32, email).map(|t| t.generate(ts))
}

/// The plain secret of a user, sealing it first when it was stored before sealing
/// existed. None when the account has no secret or it does not open with this key.
fn user_secret(
    c: &mut DbConn,
    sealer: &SecretSealer,
    user: &UserRow,
) -> Result<Option<String>, ServiceError> {
    let Some(stored) = user.totp_secret.as_deref() else {
        return Ok(None);
    };
    match sealer.open(&user.id, stored) {
        Ok(Opened::Sealed(s)) => Ok(Some(s)),
        Ok(Opened::Plain(s)) => {
            let sealed = seal(sealer, &user.id, &s)?;
            users::set_totp_secret(c, &user.id, &sealed)?;
            Ok(Some(s))
        }
        Err(e) => {
            // The key file changed: nobody can pass the second step until an
            // administrator resets it or the right key file is back.
            tracing::error!(user = %user.id, error = %e, "second-factor secret does not open");
            Ok(None)
        }
    }
}

fn seal(sealer: &SecretSealer, owner: &str, secret: &str) -> Result<String, ServiceError> {
    sealer
        .seal(owner, secret)
        .map_err(|e| ServiceError::invalid("code", Msg::verbatim(e.to_string())))
}

/// The plain secret of a user (tests, and an administrator's support tools).
pub fn totp_secret_of(
    conn: &mut DbConn,
    sealer: &SecretSealer,
    user_id: &UserId,
) -> Result<Option<String>, ServiceError> {
    let Some(user) = users::find(conn, user_id)? else {
        return Ok(None);
    };
    tx::write(conn, |c| user_secret(c, sealer, &user))
}

/// Seal every second-factor secret still stored in plain text (databases from before
/// sealing). Runs when the server starts; returns how many were sealed. One audit event
/// with the count when there were any.
pub fn seal_plain_totp_secrets(
    conn: &mut DbConn,
    sealer: &SecretSealer,
) -> Result<usize, ServiceError> {
    tx::write(conn, |c| {
        let mut sealed = 0usize;
        for user in users::with_totp_secret(c)? {
            let Some(stored) = user.totp_secret.as_deref() else {
                continue;
            };
            if sealed_secret::is_sealed(stored) {
                continue;
            }
            let s = seal(sealer, &user.id, stored)?;
            users::set_totp_secret(c, &user.id, &s)?;
            sealed += 1;
        }
        if sealed > 0 {
            audit::append(
                c,
                &Actor::System,
                &[NewEvent {
                    action: "users.second_factor_secrets_sealed",
                    entity_type: "user",
                    entity_id: "*".into(),
                    before: Value::Null,
                    after: json!({"sealed": sealed}),
                }],
            )?;
        }
        Ok(sealed)
    })
}

/// Second step of the login: the code from the authenticator app. Failures count per
/// account and per client address (`second_factor_per_*`); a block refuses even the
/// right code. A code is accepted once: its time step is stored and that step and every
/// earlier one are refused afterwards.
pub fn complete_login(
    conn: &mut DbConn,
    sealer: &SecretSealer,
    ticket: &str,
    code: &str,
    client_ip: &str,
    now: NaiveDateTime,
    policy: SessionPolicy,
) -> Result<LoginOutcome, ServiceError> {
    tx::write(conn, |c| {
        let Some(t) = users::find_login_ticket(c, &hash_token(ticket))? else {
            return Ok(LoginOutcome::Refused);
        };
        if now >= t.expires_at {
            return Ok(LoginOutcome::Refused);
        }
        let Some(user) = users::find(c, &t.user_id)? else {
            return Ok(LoginOutcome::Refused);
        };
        let account_key = throttle::key("login2:account", &user.id);
        let ip_key = throttle::key("login2:ip", client_ip);
        if throttle::is_blocked(c, &account_key, now)? || throttle::is_blocked(c, &ip_key, now)? {
            return Ok(LoginOutcome::Throttled);
        }
        let secret = user_secret(c, sealer, &user)?;
        let step = match secret {
            Some(secret) if !user.disabled && user.totp_enabled => {
                matching_step(&secret, &user.email, code, now, user.totp_last_step)
            }
            _ => None,
        };
        let Some(step) = step else {
            let a = throttle::record_failure(c, &account_key, second_factor_per_account(), now)?;
            let b = throttle::record_failure(c, &ip_key, second_factor_per_ip(), now)?;
            return Ok(if a || b {
                LoginOutcome::Throttled
            } else {
                LoginOutcome::Refused
            });
        };
        users::set_totp_last_step(c, &user.id, step)?;
        users::delete_login_ticket(c, &t.token_hash)?;
        throttle::clear(c, &account_key)?;
        throttle::clear(c, &throttle::key("login:account", &user.email))?;
        Ok(LoginOutcome::Session(open_session(c, &user, now, policy)?))
    })
}

/// Start (or restart) enrolment of an authenticator app; returns the secret (base32) and
/// the otpauth:// URI for the QR code. The secret is stored sealed. The factor is active
/// only after `confirm_totp`.
pub fn begin_totp(
    conn: &mut DbConn,
    sealer: &SecretSealer,
    user_id: &UserId,
) -> Result<(String, String), ServiceError> {
    let secret = match totp_rs::Secret::generate_secret().to_encoded() {
        totp_rs::Secret::Encoded(s) => s,
        totp_rs::Secret::Raw(_) => {
            return Err(ServiceError::invalid(
                "code",
                Msg::new(msg_key!("error-totp-secret-failed")),
            ))
        }
    };
    tx::write(conn, |c| {
        let user = users::find(c, user_id)?.ok_or(ServiceError::NotFound(crate::msg_key!(
            "error-missing-user"
        )))?;
        if user.totp_enabled {
            return Err(ServiceError::invalid(
                "code",
                Msg::new(msg_key!("error-totp-already-set")),
            ));
        }
        let sealed = seal(sealer, user_id, &secret)?;
        users::set_totp(c, user_id, Some(&sealed), false)?;
        let url = totp_for(&secret, &user.email)
            .map(|t| t.get_url())
            .unwrap_or_default();
        Ok((secret.clone(), url))
    })
}

pub fn confirm_totp(
    conn: &mut DbConn,
    sealer: &SecretSealer,
    user_id: &UserId,
    code: &str,
    now: NaiveDateTime,
) -> Result<(), ServiceError> {
    tx::write(conn, |c| {
        let user = users::find(c, user_id)?.ok_or(ServiceError::NotFound(crate::msg_key!(
            "error-missing-user"
        )))?;
        let secret = user_secret(c, sealer, &user)?.ok_or_else(|| {
            ServiceError::invalid("code", Msg::new(msg_key!("error-totp-start-again")))
        })?;
        let Some(step) = matching_step(&secret, &user.email, code, now, user.totp_last_step) else {
            return Err(ServiceError::invalid(
                "code",
                Msg::new(msg_key!("error-totp-wrong-code")),
            ));
        };
        let sealed = seal(sealer, user_id, &secret)?;
        users::set_totp(c, user_id, Some(&sealed), true)?;
        // The code used to confirm cannot sign in afterwards.
        users::set_totp_last_step(c, user_id, step)?;
        audit::append(
            c,
            &Actor::User {
                id: user.id.clone(),
                email: user.email.clone(),
            },
            &[NewEvent {
                action: "user.second_factor_enabled",
                entity_type: "user",
                entity_id: user.id.to_string(),
                before: Value::Null,
                after: json!({"method": "totp"}),
            }],
        )?;
        Ok(())
    })
}

fn role_list(
    conn: &mut DbConn,
    user_id: &UserId,
) -> Result<Vec<(Role, Option<AreaId>)>, ServiceError> {
    Ok(users::grants_of(conn, user_id)?)
}

/// Resolve a session cookie; None when unknown, revoked, idle too long or past its
/// absolute end, or when the account was disabled. Refreshes the idle timer at most once
/// a minute to spare writes.
pub fn session_user(
    conn: &mut DbConn,
    token: &str,
    now: NaiveDateTime,
    staff_policy: SessionPolicy,
) -> Result<Option<SessionUser>, ServiceError> {
    let th = hash_token(token);
    let Some(s) = sessions::find(conn, &th)? else {
        return Ok(None);
    };
    let Some(user) = users::find(conn, &s.user_id)? else {
        return Ok(None);
    };
    let grants = role_list(conn, &user.id)?;
    let staff = grants.iter().any(|(r, _)| r.is_staff());
    let policy = if staff {
        staff_policy
    } else {
        SessionPolicy::resident()
    };
    if s.revoked || user.disabled || now >= s.expires_at || now - s.last_seen_at >= policy.idle {
        return Ok(None);
    }
    if now - s.last_seen_at > Duration::minutes(1) {
        sessions::touch(conn, &th, now)?;
    }
    let mut roles: Vec<Role> = grants.iter().map(|(r, _)| *r).collect();
    roles.sort();
    roles.dedup();
    Ok(Some(SessionUser {
        coordinator_areas: grants
            .iter()
            .filter(|(r, _)| *r == Role::AreaCoordinator)
            .filter_map(|(_, a)| a.clone())
            .collect(),
        roles,
        user_id: user.id,
        email: user.email,
        display_name: user.display_name,
        csrf_token: s.csrf_token,
        token_hash: th,
        totp_enabled: user.totp_enabled,
    }))
}

/// One of a person's own sessions, for the account page.
#[derive(Debug, Clone)]
pub struct OwnSession {
    /// The session's key (SHA-256 of its cookie; useless as a cookie itself).
    pub id: String,
    pub created_at: NaiveDateTime,
    pub last_seen_at: NaiveDateTime,
    /// The session this page was asked with.
    pub current: bool,
}

/// The live sessions of the signed-in person (idle ones too, until their absolute end).
pub fn own_sessions(
    conn: &mut DbConn,
    user: &SessionUser,
    now: NaiveDateTime,
) -> Result<Vec<OwnSession>, ServiceError> {
    Ok(sessions::live_of_user(conn, &user.user_id, now)?
        .into_iter()
        .map(|s| OwnSession {
            current: s.token_hash == user.token_hash,
            id: s.token_hash,
            created_at: s.created_at,
            last_seen_at: s.last_seen_at,
        })
        .collect())
}

/// End one of one's own sessions (another browser or a lost phone). Someone else's
/// session is not found, whatever id is sent.
pub fn end_own_session(
    conn: &mut DbConn,
    user: &SessionUser,
    session_id: &str,
) -> Result<(), ServiceError> {
    tx::write(conn, |c| match sessions::find(c, session_id)? {
        Some(s) if s.user_id == user.user_id => {
            sessions::revoke(c, session_id)?;
            Ok(())
        }
        _ => Err(ServiceError::NotFound(crate::msg_key!(
            "error-missing-session"
        ))),
    })
}

pub fn logout(conn: &mut DbConn, token_hash: &str) -> Result<(), ServiceError> {
    sessions::revoke(conn, token_hash)?;
    Ok(())
}
