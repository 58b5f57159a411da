//! Findings of the outside security test (issue 12) that are not about signing in:
//! spreadsheet formulas in downloads, pre-session tokens, client addresses, caching.

use burgerbegroting::domain::role::Role;
use burgerbegroting::service::auth;
use burgerbegroting::service::ledger as svc;
use burgerbegroting::service::Principal;

use crate::helpers::*;

/// The cell of `column` in the CSV row whose text contains `marker`.
fn cell(csv: &str, marker: &str, column: usize) -> String {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    reader
        .records()
        .filter_map(Result::ok)
        .find(|r| r.iter().any(|c| c.contains(marker)))
        .and_then(|r| r.get(column).map(str::to_string))
        .unwrap_or_else(|| panic!("no row with {marker} in {csv}"))
}

#[actix_web::test]
async fn csv_downloads_neutralise_spreadsheet_formulas() {
    let app = TestApp::spawn().await;
    app.add_user("admin@test.example", Role::Admin);
    app.add_user("approver@test.example", Role::FinanceApprover);
    let hyperlink = "=HYPERLINK(\"http://evil.example\";\"klik\")";
    {
        let mut c = app.conn();
        let small = seed_small(&mut c);
        auth::add_user(
            &mut c,
            &Principal::cli(),
            "naam@test.example",
            hyperlink,
            Role::FinanceClerk,
            PASSWORD,
        )
        .expect("user");
        svc::propose_transfer(
            &mut c,
            &clerk(),
            &svc::TransferInput {
                id: uuid::Uuid::new_v4(),
                kind: Some(burgerbegroting::domain::ledger::TransferKind::BudgetToPool),
                from_account: small.lines[0].account_id.clone(),
                to_account: small.pools[0].account_id.clone(),
                amount_cents: 125_000,
                memo: "=1+1".into(),
                decision_ref: Some("@raad".into()),
            },
        )
        .expect("transfer");
    }
    let admin = app.login("admin@test.example").await;
    let (status, users) = app.get(&admin, "/beheer/gebruikers.csv").await;
    assert_eq!(status, 200);
    assert_eq!(
        cell(&users, "naam@test.example", 1),
        format!("'{hyperlink}")
    );
    let approver = app.login("approver@test.example").await;
    let (status, transfers) = app.get(&approver, "/financien/overboekingen.csv").await;
    assert_eq!(status, 200);
    assert_eq!(cell(&transfers, "1+1", 8), "'=1+1");
    assert_eq!(cell(&transfers, "1+1", 9), "'@raad");
    assert_eq!(
        cell(&transfers, "1+1", 7),
        "1.250,00",
        "amounts stay numbers"
    );
}

#[actix_web::test]
async fn a_planted_pre_session_cookie_does_not_pass_a_signed_in_form() {
    let app = TestApp::spawn().await;
    let email = app.add_user("clerk@test.example", Role::FinanceClerk);
    let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
    let c = reqwest::Client::builder()
        .cookie_provider(jar.clone())
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    app.login_with(&c, &email).await;
    // An attacker plants a pre-session cookie whose value they know, then makes the
    // signed-in browser post it as the form token.
    let planted = "ab".repeat(32);
    let url: reqwest::Url = app.base.parse().expect("url");
    jar.add_cookie_str(&format!("bb_pre={planted}; Path=/"), &url);
    let (status, _) = post_form(&app, &c, "/uitloggen", &[("csrf_token", planted.as_str())]).await;
    assert_eq!(
        status, 403,
        "the pre-session token is for anonymous forms only"
    );
    let (status, _) = app.get(&c, "/financien/begroting").await;
    assert_eq!(status, 200, "still signed in");
    // Anonymous forms still take it.
    let anon = app.client();
    let (_, page) = app.get(&anon, "/inloggen").await;
    let (status, _) = post_form(
        &app,
        &anon,
        "/inloggen",
        &[
            ("csrf_token", csrf_token(&page).as_str()),
            ("email", "nobody@test.example"),
            ("password", "wrong password here"),
            ("terug", ""),
        ],
    )
    .await;
    assert_eq!(status, 422);
}

/// Wrong API logins, each with `forwarded` as X-Forwarded-For; the statuses.
async fn wrong_logins(app: &TestApp, forwarded: impl Fn(usize) -> String) -> Vec<u16> {
    let c = app.client();
    let mut out = Vec::new();
    for i in 0..22 {
        let r = c
            .post(app.url("/api/v1/session"))
            .header("X-Forwarded-For", forwarded(i))
            .json(&serde_json::json!({"email": format!("n{i}@test.example"), "password": "fout wachtwoord"}))
            .send()
            .await
            .expect("post");
        out.push(r.status().as_u16());
    }
    out
}

#[actix_web::test]
async fn forwarded_addresses_count_only_from_a_trusted_proxy() {
    // Nobody trusted: a client that names another address each time is still one client.
    let app = TestApp::spawn().await;
    let statuses = wrong_logins(&app, |i| format!("203.0.113.{i}")).await;
    assert_eq!(
        statuses.iter().position(|s| *s == 429),
        Some(19),
        "{statuses:?}"
    );

    // Behind a trusted proxy (this test's loopback): each forwarded address is a client,
    // and IPv6 clients count per /64.
    let db = TestDb::sqlite();
    let mut settings = db.settings();
    settings.trusted_proxies = vec!["127.0.0.1".into(), "::1".into()];
    let proxied = TestApp::spawn_with(db, settings).await;
    let statuses = wrong_logins(&proxied, |i| format!("203.0.113.{i}")).await;
    assert!(statuses.iter().all(|s| *s == 401), "{statuses:?}");
    let statuses = wrong_logins(&proxied, |i| format!("2001:db8:5:6::{i:x}")).await;
    assert_eq!(
        statuses.iter().position(|s| *s == 429),
        Some(19),
        "{statuses:?}"
    );
}

#[actix_web::test]
async fn the_origin_check_ignores_forwarded_hosts_from_untrusted_clients() {
    let app = TestApp::spawn().await;
    let c = app.client();
    let (_, page) = app.get(&c, "/inloggen").await;
    let r = c
        .post(app.url("/inloggen"))
        .header("Origin", "http://evil.example")
        .header("X-Forwarded-Host", "evil.example")
        .form(&[
            ("csrf_token", csrf_token(&page).as_str()),
            ("email", "nobody@test.example"),
            ("password", "wrong password here"),
            ("terug", ""),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 403);
}

fn header(r: &reqwest::Response, name: &str) -> String {
    r.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

#[actix_web::test]
async fn signed_in_csv_and_api_answers_and_the_api_login_are_not_cached() {
    let app = TestApp::spawn().await;
    let admin = app.add_user("admin@test.example", Role::Admin);
    let approver = app.add_user("approver@test.example", Role::FinanceApprover);
    let a = app.login(&admin).await;
    let r = a
        .get(app.url("/beheer/gebruikers.csv"))
        .send()
        .await
        .expect("csv");
    assert_eq!(header(&r, "cache-control"), "no-store");
    let f = app.login(&approver).await;
    let r = f
        .get(app.url("/financien/overboekingen.csv"))
        .send()
        .await
        .expect("csv");
    assert_eq!(header(&r, "cache-control"), "no-store");
    let c = app.client();
    let r = c
        .post(app.url("/api/v1/session"))
        .json(&serde_json::json!({"email": approver, "password": PASSWORD, "code": app.code_for(&approver)}))
        .send()
        .await
        .expect("login");
    assert_eq!(r.status(), 200);
    assert_eq!(header(&r, "cache-control"), "no-store");
    let r = c
        .get(app.url("/api/v1/transfers"))
        .send()
        .await
        .expect("get");
    assert_eq!(r.status(), 200);
    assert_eq!(header(&r, "cache-control"), "no-store");
}

/// Sign in through the API with a client; the session cookie's value.
async fn api_session(app: &TestApp, c: &reqwest::Client, email: &str) -> u16 {
    c.post(app.url("/api/v1/session"))
        .json(
            &serde_json::json!({"email": email, "password": PASSWORD, "code": app.code_for(email)}),
        )
        .send()
        .await
        .expect("login")
        .status()
        .as_u16()
}

#[actix_web::test]
async fn the_api_login_ends_the_session_it_was_sent_with_and_the_account_page_ends_others() {
    let app = TestApp::spawn().await;
    let email = app.add_user("clerk@test.example", Role::FinanceClerk);
    let c = app.client();
    assert_eq!(api_session(&app, &c, &email).await, 200);
    assert_eq!(api_session(&app, &c, &email).await, 200);
    let live = |app: &TestApp| {
        use burgerbegroting::db::schema::sessions;
        use diesel::prelude::*;
        sessions::table
            .filter(sessions::revoked.eq(false))
            .count()
            .get_result::<i64>(&mut app.conn())
            .expect("count")
    };
    assert_eq!(
        live(&app),
        1,
        "the first API session ended at the second login"
    );

    // Two browsers; the second ends the first from the account page.
    let laptop = app.login(&email).await;
    let phone = app.login(&email).await;
    let (status, page) = app.get(&phone, "/account").await;
    assert_eq!(status, 200);
    assert!(page.contains("Deze sessie"));
    let others: Vec<String> = page
        .match_indices("name=\"sessie\" value=\"")
        .map(|(i, m)| page[i + m.len()..i + m.len() + 64].to_string())
        .collect();
    assert_eq!(others.len(), 2, "the API session and the laptop");
    for id in &others {
        let (status, _) = post_form(
            &app,
            &phone,
            "/account/sessies/beeindigen",
            &[
                ("csrf_token", csrf_token(&page).as_str()),
                ("sessie", id.as_str()),
            ],
        )
        .await;
        assert_eq!(status, 303);
    }
    let (status, _) = app.get(&laptop, "/financien/begroting").await;
    assert_eq!(status, 303, "the laptop is signed out");
    let (status, _) = app.get(&phone, "/financien/begroting").await;
    assert_eq!(status, 200, "the phone is not");
    // Someone else's session cannot be ended by id.
    let other = app.add_user("other@test.example", Role::FinanceClerk);
    let theirs = app.login(&other).await;
    let their_id = {
        use burgerbegroting::db::schema::{sessions, users};
        use diesel::prelude::*;
        sessions::table
            .inner_join(users::table)
            .filter(users::email.eq(&other))
            .filter(sessions::revoked.eq(false))
            .select(sessions::token_hash)
            .first::<String>(&mut app.conn())
            .expect("their session")
    };
    let (_, page) = app.get(&phone, "/account").await;
    let (status, _) = post_form(
        &app,
        &phone,
        "/account/sessies/beeindigen",
        &[
            ("csrf_token", csrf_token(&page).as_str()),
            ("sessie", their_id.as_str()),
        ],
    )
    .await;
    assert_eq!(status, 404);
    let (status, _) = app.get(&theirs, "/financien/begroting").await;
    assert_eq!(status, 200);
}

async fn register(app: &TestApp, c: &reqwest::Client, email: &str) -> reqwest::Response {
    let (_, page) = app.get(c, "/registreren").await;
    c.post(app.url("/registreren"))
        .form(&[
            ("csrf_token", csrf_token(&page).as_str()),
            ("email", email),
            ("name", "Bewoner"),
            ("password", "de molen draait op zaterdag"),
        ])
        .send()
        .await
        .expect("register")
}

#[actix_web::test]
async fn registration_is_throttled_per_address_and_does_not_tell_who_has_an_account() {
    for db in TestDb::all() {
        let backend = db.backend;
        let app = TestApp::spawn_on(db).await;
        let c = app.client();
        let new = register(&app, &c, "nieuw@example.nl").await;
        let known = register(&app, &c, "nieuw@example.nl").await;
        assert_eq!(new.status(), 303, "{backend}");
        assert_eq!(known.status(), new.status(), "{backend}");
        assert_eq!(header(&known, "location"), header(&new, "location"));
        let mail = {
            let mut conn = app.conn();
            burgerbegroting::db::repo::mail::unsent(&mut conn).expect("outbox")
        };
        assert_eq!(mail.len(), 1, "{backend}");
        assert_eq!(mail[0].recipient, "nieuw@example.nl");
        // Ten attempts an hour per address: the eleventh is refused.
        let mut statuses = Vec::new();
        for i in 0..10 {
            statuses.push(
                register(&app, &c, &format!("r{i}@example.nl"))
                    .await
                    .status()
                    .as_u16(),
            );
        }
        assert_eq!(
            statuses.iter().position(|s| *s == 429),
            Some(8),
            "{backend}: {statuses:?}"
        );
    }
}
