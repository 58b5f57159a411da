//! Accounts, roles, sessions and the one guard (issue 3, accounts part).

use std::collections::BTreeMap;

use burgerbegroting::db::models::UserRow;
use burgerbegroting::db::repo::{self, users};
use burgerbegroting::domain::password;
use burgerbegroting::domain::role::Role;
use burgerbegroting::service::auth::{self, LoginOutcome, SessionPolicy};
use burgerbegroting::service::{users as usvc, Principal, ServiceError};
use chrono::Duration;
use diesel::connection::SimpleConnection;
use diesel::RunQueryDsl;

use crate::helpers::*;

/// A new account made from the command line, with no display name and [`PASSWORD`].
fn new_user(c: &mut burgerbegroting::db::DbConn, email: &str, role: Role) -> UserRow {
    auth::add_user(c, &Principal::cli(), email, "", role, PASSWORD).expect("user")
}

/// fin@example.nl with an authenticator app, confirmed with the code of the step before
/// `now`'s, so that the current code is still unused: the user, the secret and the code
/// that confirmed it.
fn enrolled_clerk(
    c: &mut burgerbegroting::db::DbConn,
    sealer: &burgerbegroting::domain::sealed_secret::SecretSealer,
    now: chrono::NaiveDateTime,
) -> (UserRow, String, String) {
    let u = new_user(c, "fin@example.nl", Role::FinanceClerk);
    let (secret, url) = auth::begin_totp(c, sealer, &u.id).expect("begin");
    assert!(url.starts_with("otpauth://totp/"), "{url}");
    let enrol = code_at_step(&secret, &u.email, auth::time_step(now) - 1);
    auth::confirm_totp(c, sealer, &u.id, &enrol, now).expect("confirm");
    (u, secret, enrol)
}

fn session_token(outcome: LoginOutcome) -> String {
    match outcome {
        LoginOutcome::Session(s) => s.token,
        other => panic!("expected a session, got {other:?}"),
    }
}

#[test]
fn stored_hashes_are_argon2id_phc_and_old_parameters_are_rehashed_at_login() {
    for db in TestDb::all() {
        let pool = db.pool();
        let mut c = pool.get().expect("conn");
        let u = new_user(&mut c, "Oud@Example.nl", Role::Initiator);
        assert!(
            u.password_hash
                .starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{}",
            u.password_hash
        );
        let old = password::hash_with(PASSWORD, 8192, 1, 1).expect("old hash");
        users::set_password_hash(&mut c, &u.id, &old).expect("set");
        let now = repo::now();
        session_token(login_at(
            &mut c,
            "oud@example.nl",
            PASSWORD,
            "127.0.0.1",
            now,
        ));
        let after = users::find(&mut c, &u.id).expect("q").expect("user");
        assert!(
            after
                .password_hash
                .starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{} on {}",
            after.password_hash,
            db.backend
        );
        assert_ne!(after.password_hash, old);
        assert!(password::verify(PASSWORD, &after.password_hash));
    }
}

#[test]
fn sessions_expire_when_idle_and_after_the_absolute_limit() {
    let db = TestDb::sqlite();
    let pool = db.pool();
    let mut c = pool.get().expect("conn");
    new_user(&mut c, "fin@example.nl", Role::FinanceClerk);
    let policy = SessionPolicy::default();
    let t0 = repo::now();
    let token = session_token(
        auth::login(&mut c, "fin@example.nl", PASSWORD, "127.0.0.1", t0, policy).expect("login"),
    );
    assert!(
        auth::session_user(&mut c, &token, t0 + Duration::minutes(29), policy)
            .expect("q")
            .is_some()
    );
    // Idle: 30 minutes after the last request.
    assert!(auth::session_user(
        &mut c,
        &token,
        t0 + Duration::minutes(29) + Duration::minutes(30),
        policy
    )
    .expect("q")
    .is_none());

    // Absolute: active every 20 minutes, still gone after 8 hours.
    let t1 = repo::now();
    let token = session_token(
        auth::login(&mut c, "fin@example.nl", PASSWORD, "127.0.0.1", t1, policy).expect("login"),
    );
    let mut t = t1;
    while t < t1 + Duration::hours(8) - Duration::minutes(20) {
        t += Duration::minutes(20);
        assert!(
            auth::session_user(&mut c, &token, t, policy)
                .expect("q")
                .is_some(),
            "alive at {t}"
        );
    }
    assert!(
        auth::session_user(&mut c, &token, t1 + Duration::hours(8), policy)
            .expect("q")
            .is_none()
    );
}

#[test]
fn login_throttling_is_stored_and_holds_after_a_restart() {
    for db in TestDb::all() {
        {
            let pool = db.pool();
            let mut c = pool.get().expect("conn");
            new_user(&mut c, "fin@example.nl", Role::FinanceClerk);
            let now = repo::now();
            let mut outcomes = Vec::new();
            for _ in 0..5 {
                outcomes.push(login_at(
                    &mut c,
                    "fin@example.nl",
                    "verkeerd wachtwoord",
                    "10.0.0.1",
                    now,
                ));
            }
            assert!(matches!(outcomes[3], LoginOutcome::Refused));
            assert!(
                matches!(outcomes[4], LoginOutcome::Throttled),
                "{:?}",
                outcomes[4]
            );
            // Unknown accounts are throttled the same way.
            for _ in 0..5 {
                login_at(
                    &mut c,
                    "niemand@example.nl",
                    "verkeerd wachtwoord",
                    "10.0.0.2",
                    now,
                );
            }
        }
        // "Restart": a new pool on the same database; the right password is still refused.
        let pool = db.pool();
        let mut c = pool.get().expect("conn");
        let now = repo::now() + Duration::minutes(1);
        let r = login_at(&mut c, "fin@example.nl", PASSWORD, "10.0.0.3", now);
        assert!(
            matches!(r, LoginOutcome::Throttled),
            "{r:?} on {}",
            db.backend
        );
        let r = login_at(&mut c, "niemand@example.nl", PASSWORD, "10.0.0.3", now);
        assert!(matches!(r, LoginOutcome::Throttled));
        // After the block, the right password works again.
        let later = now + Duration::minutes(16);
        session_token(login_at(
            &mut c,
            "fin@example.nl",
            PASSWORD,
            "10.0.0.3",
            later,
        ));
    }
}

#[test]
fn per_address_throttling_stops_spraying_many_accounts() {
    let db = TestDb::sqlite();
    let pool = db.pool();
    let mut c = pool.get().expect("conn");
    let now = repo::now();
    let mut last = None;
    for i in 0..20 {
        last = Some(login_at(
            &mut c,
            &format!("user{i}@example.nl"),
            "verkeerd wachtwoord",
            "10.9.9.9",
            now,
        ));
    }
    assert!(matches!(last, Some(LoginOutcome::Throttled)));
}

/// Signs in with the default session policy; the call itself must not fail.
fn login_at(
    c: &mut burgerbegroting::db::DbConn,
    email: &str,
    password: &str,
    ip: &str,
    now: chrono::NaiveDateTime,
) -> LoginOutcome {
    auth::login(c, email, password, ip, now, SessionPolicy::default()).expect("login")
}

/// The user's stored authenticator secret, which must be sealed (`v1:`); `context` is what
/// the assertion says when it is not.
fn sealed_totp_secret(
    c: &mut burgerbegroting::db::DbConn,
    id: &burgerbegroting::domain::ids::UserId,
    context: &str,
) -> String {
    let stored = users::find(c, id)
        .expect("q")
        .expect("u")
        .totp_secret
        .expect("stored");
    assert!(stored.starts_with("v1:"), "{context}: {stored}");
    stored
}

/// GETs `path` and asserts the status it answers with.
async fn get_status(app: &TestApp, c: &reqwest::Client, path: &str, expected: u16) {
    let (status, _) = app.get(c, path).await;
    assert_eq!(status, expected, "GET {path}");
}

/// The budget page, requested by `c` with only the session cookie `cookie`.
async fn budget_with_cookie(app: &TestApp, c: &reqwest::Client, cookie: &str) -> reqwest::Response {
    c.get(app.url("/financien/begroting"))
        .header("Cookie", cookie)
        .send()
        .await
        .expect("get")
}

fn password_step(c: &mut burgerbegroting::db::DbConn, email: &str, ip: &str) -> String {
    match login_at(c, email, PASSWORD, ip, repo::now()) {
        LoginOutcome::NeedsCode { ticket } => ticket,
        other => panic!("expected the code step, got {other:?}"),
    }
}

/// A connection to `db` (it keeps its pool alive) and the key that seals the
/// authenticator secrets there.
fn conn_and_sealer(
    db: &TestDb,
) -> (
    diesel::r2d2::PooledConnection<burgerbegroting::db::conn::Manager>,
    burgerbegroting::domain::sealed_secret::SecretSealer,
) {
    (db.pool().get().expect("conn"), db.sealer())
}

fn wrong_code(right: &str) -> &'static str {
    if right == "123456" {
        "654321"
    } else {
        "123456"
    }
}

#[test]
fn the_second_factor_is_needed_when_set_up() {
    for db in TestDb::all() {
        let (mut c, sealer) = conn_and_sealer(&db);
        let now = repo::now();
        let (u, secret, _) = enrolled_clerk(&mut c, &sealer, now);
        let step = auth::time_step(now);
        let code = code_at_step(&secret, &u.email, step);
        let ticket = password_step(&mut c, "fin@example.nl", "127.0.0.1");
        let policy = SessionPolicy::default();
        let ip = "127.0.0.1";
        assert!(matches!(
            auth::complete_login(&mut c, &sealer, &ticket, wrong_code(&code), ip, now, policy)
                .expect("x"),
            LoginOutcome::Refused
        ));
        session_token(
            auth::complete_login(&mut c, &sealer, &ticket, &code, ip, now, policy).expect("ok"),
        );
        // A ticket works once.
        assert!(matches!(
            auth::complete_login(&mut c, &sealer, &ticket, &code, ip, now, policy).expect("x"),
            LoginOutcome::Refused
        ));
    }
}

#[test]
fn an_authenticator_code_is_accepted_once_and_no_older_code_after_it() {
    for db in TestDb::all() {
        let (mut c, sealer) = conn_and_sealer(&db);
        let now = repo::now();
        let step = auth::time_step(now);
        let (u, secret, enrol) = enrolled_clerk(&mut c, &sealer, now);
        let policy = SessionPolicy::default();
        let ip = "192.0.2.1";
        // The code used to confirm the app does not sign in.
        let t = password_step(&mut c, "fin@example.nl", ip);
        assert!(matches!(
            auth::complete_login(&mut c, &sealer, &t, &enrol, ip, now, policy).expect("x"),
            LoginOutcome::Refused
        ));
        let newest = code_at_step(&secret, &u.email, step + 1);
        let current = code_at_step(&secret, &u.email, step);
        let t = password_step(&mut c, "fin@example.nl", ip);
        session_token(
            auth::complete_login(&mut c, &sealer, &t, &newest, ip, now, policy).expect("ok"),
        );
        // The same code with a fresh ticket (the replay), and the older one, are refused.
        for (label, code) in [("same", &newest), ("older", &current)] {
            let t = password_step(&mut c, "fin@example.nl", ip);
            let out = auth::complete_login(&mut c, &sealer, &t, code, ip, now, policy).expect("x");
            assert!(
                matches!(out, LoginOutcome::Refused),
                "{} {label} code: {out:?}",
                db.backend
            );
        }
    }
}

#[test]
fn guessing_the_second_factor_is_throttled_per_account_and_per_address() {
    for db in TestDb::all() {
        let (mut c, sealer) = conn_and_sealer(&db);
        let emails: Vec<String> = (0..7).map(|i| format!("u{i}@example.nl")).collect();
        let mut ids = Vec::new();
        for email in &emails {
            let u = new_user(&mut c, email, Role::FinanceClerk);
            enrol_second_factor(&mut c, &sealer, &u.id);
            ids.push(u.id);
        }
        let now = repo::now();
        let policy = SessionPolicy::default();
        let right = |c: &mut burgerbegroting::db::DbConn, id: &str, email: &str| {
            let secret = auth::totp_secret_of(c, &sealer, &id.into())
                .expect("query")
                .expect("secret");
            code_at_step(&secret, email, auth::time_step(now) + 1)
        };
        // Per account: the right password every time, wrong codes from 40 addresses.
        let mut outcomes = Vec::new();
        for i in 0..40 {
            let ip = format!("198.51.100.{i}");
            let t = password_step(&mut c, &emails[0], &ip);
            let code = right(&mut c, &ids[0], &emails[0]);
            outcomes.push(
                auth::complete_login(&mut c, &sealer, &t, wrong_code(&code), &ip, now, policy)
                    .expect("x"),
            );
        }
        let first_block = outcomes
            .iter()
            .position(|o| matches!(o, LoginOutcome::Throttled))
            .expect("throttled within 40 wrong codes");
        assert_eq!(first_block, 4, "{}: the fifth failure blocks", db.backend);
        // Blocked: the right code is refused too.
        let code = right(&mut c, &ids[0], &emails[0]);
        let t = password_step(&mut c, &emails[0], "203.0.113.9");
        assert!(matches!(
            auth::complete_login(&mut c, &sealer, &t, &code, "203.0.113.9", now, policy)
                .expect("x"),
            LoginOutcome::Throttled
        ));
        // Per address: one address, four wrong codes for each of five accounts (so no
        // account is blocked): the twentieth failure blocks the address.
        let ip = "203.0.113.50";
        let mut outcomes = Vec::new();
        for round in 0..4 {
            for k in 1..6 {
                let t = password_step(&mut c, &emails[k], ip);
                let code = right(&mut c, &ids[k], &emails[k]);
                let out =
                    auth::complete_login(&mut c, &sealer, &t, wrong_code(&code), ip, now, policy)
                        .expect("x");
                outcomes.push((round, k, out));
            }
        }
        let blocked: Vec<usize> = outcomes
            .iter()
            .enumerate()
            .filter(|(_, (_, _, o))| matches!(o, LoginOutcome::Throttled))
            .map(|(i, _)| i)
            .collect();
        assert_eq!(blocked, vec![19], "{}", db.backend);
        let code = right(&mut c, &ids[6], &emails[6]);
        let t = password_step(&mut c, &emails[6], ip);
        assert!(matches!(
            auth::complete_login(&mut c, &sealer, &t, &code, ip, now, policy).expect("x"),
            LoginOutcome::Throttled
        ));
        // After the block has passed, the right code works and clears the account's count.
        let later = now + Duration::minutes(16);
        let t = match auth::login(&mut c, &emails[0], PASSWORD, "192.0.2.77", later, policy)
            .expect("login")
        {
            LoginOutcome::NeedsCode { ticket } => ticket,
            other => panic!("{other:?}"),
        };
        let secret = auth::totp_secret_of(&mut c, &sealer, &ids[0])
            .expect("query")
            .expect("secret");
        let code = code_at_step(&secret, &emails[0], auth::time_step(later));
        session_token(
            auth::complete_login(&mut c, &sealer, &t, &code, "192.0.2.77", later, policy)
                .expect("ok"),
        );
    }
}

#[test]
fn second_factor_secrets_are_sealed_and_plain_ones_from_before_keep_working() {
    for db in TestDb::all() {
        let (mut c, sealer) = conn_and_sealer(&db);
        let u = new_user(&mut c, "fin@example.nl", Role::FinanceClerk);
        let (secret, _) = auth::begin_totp(&mut c, &sealer, &u.id).expect("begin");
        let stored = sealed_totp_secret(&mut c, &u.id, "sealed");
        assert!(!stored.contains(&secret), "the plain base32 is not stored");
        // A database from before sealing: the plain secret, enabled.
        let plain_db = "UPDATE users SET totp_secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', \
                        totp_enabled = TRUE";
        c.batch_execute(plain_db).expect("plain secret");
        let now = repo::now();
        let t = password_step(&mut c, "fin@example.nl", "127.0.0.1");
        let code = code_at_step(
            "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
            "fin@example.nl",
            auth::time_step(now),
        );
        session_token(
            auth::complete_login(
                &mut c,
                &sealer,
                &t,
                &code,
                "127.0.0.1",
                now,
                SessionPolicy::default(),
            )
            .expect("ok"),
        );
        sealed_totp_secret(&mut c, &u.id, "sealed on first use");
        // And the start-up step seals any that are left.
        c.batch_execute(plain_db).expect("plain secret");
        assert_eq!(
            auth::seal_plain_totp_secrets(&mut c, &sealer).expect("seal"),
            1
        );
        assert_eq!(
            auth::totp_secret_of(&mut c, &sealer, &u.id)
                .expect("q")
                .as_deref(),
            Some("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
        );
        // Another key does not open it.
        let other = burgerbegroting::domain::sealed_secret::SecretSealer::new([9; 32]);
        assert_eq!(
            auth::totp_secret_of(&mut c, &other, &u.id).expect("q"),
            None
        );
    }
}

#[test]
fn registration_refuses_short_and_common_passwords() {
    let db = TestDb::sqlite();
    let pool = db.pool();
    let mut c = pool.get().expect("conn");
    for bad in ["kort", "password1234", "qwertyuiop123"] {
        assert!(
            matches!(
                auth::register_initiator(&mut c, "a@example.nl", "A", bad),
                Err(ServiceError::Invalid {
                    field: "password",
                    ..
                })
            ),
            "{bad}"
        );
    }
    let u = auth::register_initiator(&mut c, "a@example.nl", "A", "de molen draait op zaterdag")
        .expect("ok");
    assert_eq!(
        users::grants_of(&mut c, &u.id).expect("g"),
        vec![(Role::Initiator, None)]
    );
}

#[test]
fn disabling_a_user_ends_their_sessions_and_roles_are_exportable() {
    for db in TestDb::all() {
        let pool = db.pool();
        let mut c = pool.get().expect("conn");
        let u = new_user(&mut c, "fin@example.nl", Role::FinanceClerk);
        let now = repo::now();
        let token = session_token(login_at(
            &mut c,
            "fin@example.nl",
            PASSWORD,
            "127.0.0.1",
            now,
        ));
        assert!(
            auth::session_user(&mut c, &token, now, SessionPolicy::default())
                .expect("q")
                .is_some()
        );
        usvc::set_disabled(&mut c, &admin(), &u.id, true).expect("disable");
        assert!(
            auth::session_user(&mut c, &token, now, SessionPolicy::default())
                .expect("q")
                .is_none(),
            "{}",
            db.backend
        );
        assert!(matches!(
            login_at(&mut c, "fin@example.nl", PASSWORD, "127.0.0.2", now),
            LoginOutcome::Refused
        ));
        // Only administrators.
        assert!(matches!(
            usvc::set_disabled(&mut c, &clerk(), &u.id, false),
            Err(ServiceError::Forbidden(_))
        ));
        usvc::grant_role(&mut c, &admin(), &u.id, Role::Council, None).expect("grant");
        let csv = usvc::roles_csv(&mut c, &admin()).expect("csv");
        // Plain Dutch role names, never the stored codes.
        assert!(
            csv.contains("fin@example.nl;fin@example.nl;Raadslid;;ja"),
            "{csv}"
        );
        assert!(csv.contains("Medewerker financiën"), "{csv}");
        assert!(
            !csv.contains("finance_clerk") && !csv.contains(";council;"),
            "{csv}"
        );
    }
}

#[actix_web::test]
async fn cookies_have_the_required_attributes_and_a_new_session_replaces_the_old() {
    let app = TestApp::spawn().await;
    app.add_user("fin@example.nl", Role::FinanceClerk);
    let c = app.client();
    let html = app.get(&c, "/inloggen").await.1;
    let r = c
        .post(app.url("/inloggen"))
        .form(&[
            ("csrf_token", csrf_token(&html).as_str()),
            ("email", "fin@example.nl"),
            ("password", PASSWORD),
            ("terug", ""),
        ])
        .send()
        .await
        .expect("post");
    let html = r.text().await.expect("body");
    let r = c
        .post(app.url("/inloggen/code"))
        .form(&[
            ("csrf_token", csrf_token(&html).as_str()),
            ("ticket", hidden(&html, "ticket").as_str()),
            ("code", app.code_for("fin@example.nl").as_str()),
            ("terug", ""),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 303);
    let session = set_cookie(&r, "bb_session=").expect("session cookie");
    for attr in ["HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(session.contains(attr), "{session} lacks {attr}");
    }
    assert!(
        !session.contains("Secure"),
        "plain loopback development: not Secure"
    );
    let first = session.split(';').next().unwrap_or_default().to_string();

    let old = app.client();
    let r = budget_with_cookie(&app, &old, &first).await;
    assert_eq!(r.status(), 200, "the first session works");

    // Logging in again in the same browser gives a new token, and the old one is dead.
    app.login_with(&c, "fin@example.nl").await;
    let r = c
        .get(app.url("/financien/begroting"))
        .send()
        .await
        .expect("get");
    assert_eq!(r.status(), 200);
    let r = budget_with_cookie(&app, &old, &first).await;
    assert_eq!(
        r.status(),
        303,
        "the old session id is dead after a new login"
    );
}

#[actix_web::test]
async fn secure_deployments_use_host_prefixed_secure_cookies() {
    let db = TestDb::sqlite();
    let mut settings = db.settings();
    settings.secure_cookies = Some(true);
    let app = TestApp::spawn_with(db, settings).await;
    let (base, pool) = (app.base.clone(), app.pool.clone());
    let c = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let r = c.get(format!("{base}/inloggen")).send().await.expect("get");
    let pre = r
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    assert!(pre.contains("Secure") && pre.contains("HttpOnly"), "{pre}");
    assert!(
        pre.starts_with("__Host-bb_pre="),
        "pre-session cookie prefixed: {pre}"
    );
    let mut conn = pool.get().expect("conn");
    new_user(&mut conn, "init@example.nl", Role::Initiator);
    let token = pre
        .split(';')
        .next()
        .and_then(|kv| kv.split_once('='))
        .map(|(_, v)| v.to_string())
        .unwrap_or_default();
    let r = c
        .post(format!("{base}/inloggen"))
        .header("Cookie", format!("__Host-bb_pre={token}"))
        .form(&[
            ("csrf_token", token.as_str()),
            ("email", "init@example.nl"),
            ("password", PASSWORD),
            ("terug", ""),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 303);
    let session = set_cookie(&r, "__Host-bb_session=").expect("__Host- cookie");
    assert!(
        session.contains("Secure") && session.contains("HttpOnly") && session.contains("Path=/"),
        "{session}"
    );
    assert!(
        session.contains("SameSite=Lax"),
        "residents: Lax; {session}"
    );
    assert!(!session.contains("Domain="));
}

#[actix_web::test]
async fn another_sessions_csrf_token_is_refused() {
    let app = TestApp::spawn().await;
    app.add_user("a@example.nl", Role::Admin);
    app.add_user("b@example.nl", Role::Admin);
    let a = app.login("a@example.nl").await;
    let b = app.login("b@example.nl").await;
    let (_, page_b) = app.get(&b, "/beheer").await;
    let (status, _) = post_form(
        &app,
        &a,
        "/beheer/gebieden",
        &[
            ("csrf_token", csrf_token(&page_b).as_str()),
            ("area_name", "Wezep"),
            ("area_kind", "dorp"),
        ],
    )
    .await;
    assert_eq!(status, 403);
}

#[actix_web::test]
async fn staff_without_a_second_factor_must_set_it_up_first() {
    let app = TestApp::spawn().await;
    {
        let mut c = app.conn();
        new_user(&mut c, "nieuw@example.nl", Role::FinanceClerk);
    }
    let c = app.login("nieuw@example.nl").await;
    let (status, to) = get_location(&app, &c, "/financien/begroting").await;
    assert_eq!(status, 303);
    assert_eq!(to, "/account/tweede-stap");
    let (status, page) = app.get(&c, "/account/tweede-stap").await;
    assert_eq!(status, 200);
    let r = c
        .post(app.url("/account/tweede-stap/start"))
        .form(&[("csrf_token", csrf_token(&page))])
        .send()
        .await
        .expect("post");
    let html = r.text().await.expect("body");
    assert!(html.contains("<svg"), "QR code shown");
    let secret = hidden(&html, "secret");
    let code = auth::current_code(&secret, "nieuw@example.nl", repo::now()).expect("code");
    let (status, _) = post_form(
        &app,
        &c,
        "/account/tweede-stap/bevestigen",
        &[
            ("csrf_token", csrf_token(&html).as_str()),
            ("code", code.as_str()),
            ("secret", secret.as_str()),
            ("url", ""),
        ],
    )
    .await;
    assert_eq!(status, 303);
    get_status(&app, &c, "/financien/begroting", 200).await;
}

#[actix_web::test]
async fn coordinators_manage_only_their_own_areas() {
    let app = TestApp::spawn().await;
    {
        let mut c = app.conn();
        seed_small(&mut c);
        add_coordinator(&mut c, &app.sealer(), "loo@example.nl", "", "t-loo");
    }
    let c = app.login("loo@example.nl").await;
    let (status, mine) = app.get(&c, "/gebieden").await;
    assert_eq!(status, 200);
    assert!(mine.contains("'t Loo") || mine.contains("&#39;t Loo") || mine.contains("t-loo"));
    assert!(!mine.contains("Oosterwolde"));
    let own = "/gebieden/t-loo/instellingen";
    get_status(&app, &c, own, 200).await;
    let fields = [
        ("description", "Veilig en voor iedereen"),
        ("max_initiative", "5.000,00"),
    ];
    let (status, _) = post_page_form(&app, &c, own, own, &fields).await;
    assert_eq!(status, 303);
    let other = "/gebieden/oosterwolde/instellingen";
    get_status(&app, &c, other, 403).await;
    // With a valid token (from the own area's page) the other area is still refused.
    let fields = [("description", "overgenomen"), ("max_initiative", "1,00")];
    let (status, _) = post_page_form(&app, &c, own, other, &fields).await;
    assert_eq!(status, 403);
    // A coordinator sees no finance pages.
    get_status(&app, &c, "/financien/begroting", 403).await;
}

/// No GET route changes state: request every GET route as every kind of user and compare
/// the whole database (except the idle timer of sessions) before and after.
#[actix_web::test]
async fn no_get_route_changes_state() {
    let app = TestApp::spawn().await;
    for (email, role) in [
        ("admin@example.nl", Role::Admin),
        ("clerk@example.nl", Role::FinanceClerk),
        ("approver@example.nl", Role::FinanceApprover),
    ] {
        app.add_user(email, role);
    }
    let small = {
        let mut c = app.conn();
        seed_small(&mut c)
    };
    let t = {
        let mut c = app.conn();
        burgerbegroting::service::ledger::propose_transfer(
            &mut c,
            &clerk(),
            &to_pool(&small, 0, 0, 100),
        )
        .expect("t")
    };
    // A counted round and a round in voting in the first area, for the round pages.
    let (closed_round, voting_round) = {
        use burgerbegroting::domain::round::{BallotRule, CountRule};
        use burgerbegroting::service::rounds::{self as r, InitiativeInput, RoundInput};
        let mut c = app.conn();
        let mut ids = Vec::new();
        for quarter in [1, 2] {
            fund_pool(&mut c, &small.pools[0].slug, 100_000);
            let (round, _) = round_in_voting(
                &mut c,
                &RoundInput {
                    area_slug: small.pools[0].slug.clone(),
                    year: 2027,
                    quarter,
                    title: format!("Ronde {quarter}"),
                    budget_cents: 100_000,
                    ballot_rule: BallotRule::Knapsack,
                    count_rule: CountRule::Greedy,
                    calendar: None,
                },
                &InitiativeInput {
                    title: "Bankjes".into(),
                    summary: "Twee bankjes".into(),
                    amount_cents: 50_000,
                    taakveld: "5.7".into(),
                },
            );
            ids.push(round.round.id);
        }
        r::count_round(&mut c, &admin(), &ids[0]).expect("counted");
        crate::helpers::without_objection_window(&mut c, &ids[0]);
        r::close_round(&mut c, &admin(), &ids[0]).expect("closed");
        (ids[0].clone(), ids[1].clone())
    };
    let clients = [
        app.login("admin@example.nl").await,
        app.login("clerk@example.nl").await,
        app.login("approver@example.nl").await,
        app.client(),
    ];

    // Every GET route registered in the web layer, with its parameters filled in.
    let mut routes = Vec::new();
    for file in [
        include_str!("../../src/web/home.rs"),
        include_str!("../../src/web/finance.rs"),
        include_str!("../../src/web/ledger_import.rs"),
        include_str!("../../src/web/admin_areas.rs"),
        include_str!("../../src/web/account.rs"),
        include_str!("../../src/web/admin_users.rs"),
        include_str!("../../src/web/api.rs"),
        include_str!("../../src/web/codes.rs"),
        include_str!("../../src/web/ballot.rs"),
        include_str!("../../src/web/rounds.rs"),
        include_str!("../../src/web/mod.rs"),
    ] {
        let api = file.contains("web::scope(\"/api/v1\")");
        for line in file.lines() {
            let line = line.trim();
            if let Some(rest) = line.strip_prefix(".route(\"") {
                if line.contains("web::get()") {
                    let path = &rest[..rest.find('"').unwrap_or(0)];
                    routes.push(if api {
                        format!("/api/v1{path}")
                    } else {
                        path.to_string()
                    });
                }
            }
        }
    }
    assert!(routes.len() > 20, "{routes:?}");
    let fill = |r: &str| {
        let r = if r.starts_with("/stemmen/") {
            r.replace("{id}", voting_round.as_str())
        } else if r.starts_with("/rondes/") {
            r.replace("{id}", closed_round.as_str())
        } else {
            r.to_string()
        };
        r.replace("{id}", &t.id)
            .replace("{slug}", &small.pools[0].slug)
            .replace(
                "/begrotingsposten/{id}",
                &format!("/begrotingsposten/{}", small.lines[0].id),
            )
            .replace("{area}", &small.pools[0].slug)
    };

    let snapshot = |app: &TestApp| -> BTreeMap<String, String> {
        let mut c = app.conn();
        let mut out = BTreeMap::new();
        for table in [
            "users",
            "user_roles",
            "areas",
            "funders",
            "budget_lines",
            "accounts",
            "ledger_imports",
            "transfers",
            "transfer_decisions",
            "audit_events",
            "voting_codes",
            "code_batches",
            "throttle_buckets",
            "login_tickets",
            "rounds",
            "initiatives",
            "code_participation",
            "ballots",
            "ballot_choices",
            "voter_sessions",
        ] {
            #[derive(diesel::QueryableByName)]
            struct N {
                #[diesel(sql_type = diesel::sql_types::BigInt)]
                n: i64,
            }
            let n: Vec<N> = diesel::sql_query(format!("SELECT COUNT(*) AS n FROM {table}"))
                .load(&mut c)
                .unwrap_or_default();
            out.insert(
                table.to_string(),
                n.first().map(|x| x.n.to_string()).unwrap_or_default(),
            );
        }
        let rounds =
            burgerbegroting::service::rounds::list(&mut c, &Principal::resident()).expect("rounds");
        out.insert(
            "round_states".into(),
            rounds
                .iter()
                .map(|r| {
                    let plans: Vec<&str> =
                        r.initiatives.iter().map(|i| i.status.as_str()).collect();
                    format!("{}:{}", r.round.status.as_str(), plans.join("/"))
                })
                .collect::<Vec<_>>()
                .join(","),
        );
        let hashes: Vec<burgerbegroting::db::models::UserRow> = users::list(&mut c).expect("users");
        out.insert(
            "password_hashes".into(),
            hashes
                .iter()
                .map(|u| u.password_hash.clone())
                .collect::<Vec<_>>()
                .join(","),
        );
        out
    };
    let before = snapshot(&app);
    for c in &clients {
        for r in &routes {
            let path = fill(r);
            let resp = c.get(app.url(&path)).send().await.expect("get");
            assert!(
                resp.status().as_u16() < 500,
                "{path} gave {}",
                resp.status()
            );
        }
    }
    let after = snapshot(&app);
    assert_eq!(before, after, "a GET changed state");
    // And the database refuses edits to the ledger whatever the route table says.
    let mut c = app.conn();
    assert!(c.batch_execute("DELETE FROM transfers").is_err());
}

/// The hourly housekeeping deletes dead sessions, tickets, voter sessions and old
/// throttle rows, keeps what can still be used, and says what it did in the audit log.
#[test]
fn pruning_deletes_only_rows_that_can_never_be_used_again() {
    use burgerbegroting::db::models::{LoginTicketRow, SessionRow, VoterSessionRow};
    use burgerbegroting::service::{maintenance, throttle, voting_codes};
    for db in TestDb::all() {
        let pool = db.pool();
        let mut c = pool.get().expect("conn");
        let now = repo::now();
        let user = auth::add_user(
            &mut c,
            &admin(),
            "prune@example.nl",
            "P",
            Role::FinanceClerk,
            "een lange zin als wachtwoord",
        )
        .expect("user");
        let session = |hash: &str, expires: chrono::NaiveDateTime, revoked: bool| SessionRow {
            token_hash: hash.into(),
            user_id: user.id.clone(),
            csrf_token: "t".into(),
            created_at: now - Duration::hours(9),
            last_seen_at: now - Duration::minutes(5),
            expires_at: expires,
            revoked,
        };
        for row in [
            session("expired", now - Duration::minutes(1), false),
            session("revoked", now + Duration::hours(1), true),
            session("live", now + Duration::hours(1), false),
        ] {
            repo::sessions::insert(&mut c, &row).expect("session");
        }
        for (hash, expires) in [
            ("old", now - Duration::minutes(1)),
            ("new", now + Duration::minutes(4)),
        ] {
            users::insert_login_ticket(
                &mut c,
                &LoginTicketRow {
                    token_hash: hash.into(),
                    user_id: user.id.clone(),
                    created_at: now - Duration::minutes(5),
                    expires_at: expires,
                },
            )
            .expect("ticket");
        }
        let area = burgerbegroting::service::ledger::create_area(&mut c, &admin(), "Wezep", "dorp")
            .expect("area");
        let code = voting_codes::generate_batch(&mut c, &admin(), &area.slug, 2027, 1)
            .expect("codes")
            .codes
            .remove(0);
        for (hash, expires) in [
            ("v-old", now - Duration::seconds(1)),
            ("v-new", now + Duration::minutes(30)),
        ] {
            repo::voting_codes::insert_session(
                &mut c,
                &VoterSessionRow {
                    token_hash: hash.into(),
                    handle: code.handle().into(),
                    area_id: area.area_id.clone(),
                    year: 2027,
                    created_at: now - Duration::minutes(30),
                    expires_at: expires,
                },
            )
            .expect("voter session");
        }
        // One throttle row from two hours ago, one from now.
        let limit = throttle::vote_code_per_ip();
        throttle::record_failure(&mut c, "old-key", limit, now - Duration::hours(2))
            .expect("old failure");
        throttle::record_failure(&mut c, "new-key", limit, now).expect("new failure");
        let events_before = repo::audit::count(&mut c).expect("count");

        let pruned = maintenance::prune_expired(&mut c, now).expect("prune");
        assert_eq!(
            pruned,
            maintenance::Pruned {
                sessions: 2,
                login_tickets: 1,
                voter_sessions: 1,
                throttle_buckets: 1
            },
            "{}",
            db.backend
        );
        assert!(repo::sessions::find(&mut c, "live")
            .expect("find")
            .is_some());
        assert!(repo::sessions::find(&mut c, "expired")
            .expect("find")
            .is_none());
        assert!(users::find_login_ticket(&mut c, "new")
            .expect("t")
            .is_some());
        assert!(repo::voting_codes::find_session(&mut c, "v-new")
            .expect("v")
            .is_some());
        assert!(repo::throttle::find(&mut c, "new-key")
            .expect("b")
            .is_some());
        assert!(repo::throttle::find(&mut c, "old-key")
            .expect("b")
            .is_none());
        assert_eq!(
            repo::audit::count(&mut c).expect("count"),
            events_before + 1
        );
        // Nothing left to do: nothing deleted, no event.
        assert_eq!(
            maintenance::prune_expired(&mut c, now)
                .expect("again")
                .total(),
            0
        );
        assert_eq!(
            repo::audit::count(&mut c).expect("count"),
            events_before + 1
        );
    }
}

/// The wrong code for the code `app.code_for` would give now.
fn wrong_for(app: &TestApp, email: &str) -> String {
    wrong_code(&app.code_for(email)).to_string()
}

#[actix_web::test]
async fn forty_wrong_codes_on_the_login_page_end_in_429_and_the_right_code_is_refused_then() {
    let app = TestApp::spawn().await;
    let email = app.add_user("fin@example.nl", Role::FinanceClerk);
    let c = app.client();
    let mut statuses = Vec::new();
    for _ in 0..40 {
        let (_, page) = app.get(&c, "/inloggen").await;
        let (status, html) = post_form(
            &app,
            &c,
            "/inloggen",
            &[
                ("csrf_token", csrf_token(&page).as_str()),
                ("email", email.as_str()),
                ("password", PASSWORD),
                ("terug", ""),
            ],
        )
        .await;
        assert_eq!(status, 200, "the right password asks for the code");
        let r = c
            .post(app.url("/inloggen/code"))
            .form(&[
                ("csrf_token", csrf_token(&html).as_str()),
                ("ticket", hidden(&html, "ticket").as_str()),
                ("code", wrong_for(&app, &email).as_str()),
                ("terug", ""),
            ])
            .send()
            .await
            .expect("code");
        statuses.push(r.status().as_u16());
    }
    let first = statuses.iter().position(|s| *s == 429);
    assert_eq!(first, Some(4), "{statuses:?}");
    assert!(statuses[5..].iter().all(|s| *s == 429), "{statuses:?}");
    // The right code, now: still 429.
    let (_, page) = app.get(&c, "/inloggen").await;
    let r = c
        .post(app.url("/inloggen"))
        .form(&[
            ("csrf_token", csrf_token(&page).as_str()),
            ("email", email.as_str()),
            ("password", PASSWORD),
            ("terug", ""),
        ])
        .send()
        .await
        .expect("login");
    let html = r.text().await.expect("body");
    let (status, _) = post_form(
        &app,
        &c,
        "/inloggen/code",
        &[
            ("csrf_token", csrf_token(&html).as_str()),
            ("ticket", hidden(&html, "ticket").as_str()),
            ("code", app.code_for(&email).as_str()),
            ("terug", ""),
        ],
    )
    .await;
    assert_eq!(status, 429);
}

#[actix_web::test]
async fn the_api_login_counts_wrong_codes_and_accepts_a_code_once() {
    for db in TestDb::all() {
        let backend = db.backend;
        let app = TestApp::spawn_on(db).await;
        let a = app.add_user("a@example.nl", Role::FinanceClerk);
        let b = app.add_user("b@example.nl", Role::FinanceClerk);
        let post = |body: serde_json::Value| {
            let c = app.client();
            let url = app.url("/api/v1/session");
            async move { c.post(url).json(&body).send().await.expect("post") }
        };
        // A code is accepted once: the same body twice gives 200, then 401.
        let code = app.code_for(&b);
        let body = serde_json::json!({"email": b, "password": PASSWORD, "code": code});
        assert_eq!(post(body.clone()).await.status(), 200, "{backend}");
        assert_eq!(post(body).await.status(), 401, "{backend}: replayed code");
        // Forty wrong codes with the right password: 429 from the fifth on.
        let mut statuses = Vec::new();
        for _ in 0..40 {
            let body =
                serde_json::json!({"email": a, "password": PASSWORD, "code": wrong_for(&app, &a)});
            statuses.push(post(body).await.status().as_u16());
        }
        assert_eq!(
            statuses.iter().position(|s| *s == 429),
            Some(4),
            "{backend}: {statuses:?}"
        );
        assert!(statuses[4..].iter().all(|s| *s == 429), "{statuses:?}");
        let body = serde_json::json!({"email": a, "password": PASSWORD, "code": app.code_for(&a)});
        assert_eq!(post(body).await.status(), 429, "{backend}: blocked");
    }
}

#[test]
fn the_secrets_key_is_made_beside_a_sqlite_database_and_required_with_postgresql() {
    let db = TestDb::sqlite();
    let settings = db.settings();
    assert_eq!(settings.secrets_key_file, None);
    let sealer = burgerbegroting::startup::secret_sealer(&settings).expect("default key");
    let dir = std::path::Path::new(settings.database_url.trim_start_matches("sqlite://"))
        .parent()
        .expect("dir")
        .to_path_buf();
    let key = dir.join(burgerbegroting::startup::DEFAULT_SECRETS_KEY);
    assert!(key.exists(), "made beside the database");
    // The same key next time: what it sealed opens again.
    let sealed = sealer.seal("u", "SECRET").expect("seal");
    let again = burgerbegroting::startup::secret_sealer(&settings).expect("again");
    assert_eq!(again.open("u", &sealed).expect("open").secret(), "SECRET");
    // PostgreSQL without the setting: refused with a message that says what to do.
    let mut pg = settings.clone();
    pg.database_url = "postgres://nobody@127.0.0.1/none".into();
    let err = burgerbegroting::startup::secret_sealer(&pg)
        .expect_err("refused")
        .to_string();
    assert!(err.contains("secrets_key_file"), "{err}");
    // A configured file that is missing is an error, never silently a new key.
    let mut missing = settings;
    missing.secrets_key_file = Some(dir.join("elders.key"));
    assert!(burgerbegroting::startup::secret_sealer(&missing).is_err());
}

#[actix_web::test]
async fn after_login_only_strict_local_return_paths_are_followed() {
    let app = TestApp::spawn().await;
    let email = app.add_user("init@example.nl", Role::Initiator);
    // An initiator starts on the start page (with "Mijn plannen") when the return path
    // is refused.
    for (terug, expected) in [
        ("/\t/evil.example", "/"),
        ("//evil.example", "/"),
        ("/\\evil.example", "/"),
        ("/x\ny", "/"),
        ("/x\r\nSet-Cookie: a=b", "/"),
        ("https://evil.example/", "/"),
        ("/rondes?jaar=2025", "/rondes?jaar=2025"),
    ] {
        let c = app.client();
        let fields = [
            ("email", email.as_str()),
            ("password", PASSWORD),
            ("terug", terug),
        ];
        let (status, to) = post_page_form(&app, &c, "/inloggen", "/inloggen", &fields).await;
        assert_eq!(status, 303, "{terug:?}");
        assert_eq!(to, expected, "{terug:?}");
    }
    // Seven logins, seven sessions: none left behind by a failed answer.
    let sessions: i64 = {
        use diesel::dsl::count_star;
        use diesel::QueryDsl;
        burgerbegroting::db::schema::sessions::table
            .select(count_star())
            .first(&mut app.conn())
            .expect("count")
    };
    assert_eq!(sessions, 7);
}

/// The users and voting-code pages have one guard, the service their page reads: staff
/// without administration still get 403, an administrator the page.
#[actix_web::test]
async fn the_admin_pages_are_for_administrators_only() {
    let app = TestApp::spawn().await;
    app.add_user("klerk@test.example", Role::FinanceClerk);
    app.add_user("beheer@test.example", Role::Admin);
    let clerk = app.login("klerk@test.example").await;
    let admin = app.login("beheer@test.example").await;
    for path in ["/beheer/gebruikers", "/beheer/stemcodes"] {
        assert_eq!(app.get(&clerk, path).await.0, 403, "{path}");
        assert_eq!(app.get(&admin, path).await.0, 200, "{path}");
    }
}
