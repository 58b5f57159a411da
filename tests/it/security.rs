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
                kind: burgerbegroting::domain::ledger::TransferKind::BudgetToPool,
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
    let r = c
        .post(app.url("/uitloggen"))
        .form(&[("csrf_token", planted.as_str())])
        .send()
        .await
        .expect("post");
    assert_eq!(
        r.status(),
        403,
        "the pre-session token is for anonymous forms only"
    );
    let (status, _) = app.get(&c, "/financien/begroting").await;
    assert_eq!(status, 200, "still signed in");
    // Anonymous forms still take it.
    let anon = app.client();
    let (_, page) = app.get(&anon, "/inloggen").await;
    let r = anon
        .post(app.url("/inloggen"))
        .form(&[
            ("csrf_token", csrf_token(&page).as_str()),
            ("email", "nobody@test.example"),
            ("password", "wrong password here"),
            ("terug", ""),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 422);
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
    let pool = db.pool();
    let server = burgerbegroting::startup::Application::build_with_pool(settings, pool.clone())
        .expect("app");
    let proxied = TestApp {
        base: format!("http://127.0.0.1:{}", server.port()),
        pool,
        db: std::sync::Arc::new(db),
    };
    actix_web::rt::spawn(server.run_until_stopped());
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
