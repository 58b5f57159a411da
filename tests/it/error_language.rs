//! Refusals and validation messages in the visitor's language (issue 10): the messages
//! that domain and service code build (a transfer without enough money, a plan without an
//! amount, a weak password, a ledger file with problems) come from the catalogue in the
//! language the visitor chose, over real HTTP, with no Dutch text of the catalogues on
//! the page. Outside a request they stay Dutch (the other tests assert the Dutch texts).

use burgerbegroting::domain::role::Role;
use burgerbegroting::domain::round::RoundId;
use burgerbegroting::service::ledger as ledger_svc;
use burgerbegroting::service::rounds;

use crate::helpers::*;
use crate::i18n::{assert_no_dutch, choose_english};

/// A client that chose English (on the sign-in page, as a visitor does) and signed in.
async fn english_staff(app: &TestApp, email: &str) -> reqwest::Client {
    let c = app.client();
    assert_eq!(choose_english(app, &c, "/inloggen").await, "/inloggen");
    app.login_with(&c, email).await;
    c
}

/// Posts `fields` as a browser does, from the page and to the path in `page_and_path`;
/// the answer must be the form again (422) with `message` on it. Returns that page.
async fn refused_with(
    app: &TestApp,
    c: &reqwest::Client,
    (page, path): (&str, &str),
    fields: &[(&str, &str)],
    message: &str,
    context: &str,
) -> String {
    let (status, html) = post_page_form(app, c, page, path, fields).await;
    assert_eq!(status, 422, "{context}");
    assert!(html.contains(message), "{context}: {html}");
    html
}

/// Registers Piet Plan with `password`, which must be refused with `message`.
async fn refused_registration(
    app: &TestApp,
    c: &reqwest::Client,
    password: &str,
    message: &str,
    context: &str,
) -> String {
    let fields = [
        ("email", "piet@errors.example"),
        ("name", "Piet Plan"),
        ("password", password),
    ];
    let page = ("/registreren", "/registreren");
    refused_with(app, c, page, &fields, message, context).await
}

#[actix_web::test]
async fn a_transfer_without_enough_money_is_refused_in_english() {
    for db in TestDb::all() {
        let backend = db.backend;
        let app = TestApp::spawn_on(db).await;
        let clerk = app.add_user("clerk@errors.example", Role::FinanceClerk);
        let small = seed_small(&mut app.conn());
        let c = english_staff(&app, &clerk).await;
        let (_, form) = app.get(&c, "/financien/overboekingen/nieuw").await;
        let request_id = hidden(&form, "request_id");
        let html = refused_with(
            &app,
            &c,
            ("/financien/overboekingen/nieuw", "/financien/overboekingen"),
            &[
                ("request_id", request_id.as_str()),
                ("from_account", small.lines[0].account_id.as_str()),
                ("to_account", small.pools[1].account_id.as_str()),
                ("amount", "60,000.00"),
                ("memo", "Bankjes bij de kerk"),
                ("decision_ref", "RB-2025-07"),
            ],
            "There is not enough money in",
            backend,
        )
        .await;
        // An English page writes and reads amounts the English way.
        assert!(
            html.contains("requested: €60,000.00"),
            "{backend}: the amounts"
        );
        assert!(html.contains("value=\"60,000.00\""), "{backend}: kept");
        assert_no_dutch(&html, "the transfer form");
    }
}

fn round_in(c: &mut burgerbegroting::db::DbConn) -> RoundId {
    let a = ledger_svc::create_area(c, &admin(), "Wezep", "dorp").expect("area");
    fund_pool(c, &a.slug, 10_000_000);
    rounds::create_round(
        c,
        &admin(),
        &round_input(a.slug, 2027, 1, "Ronde 1", 1_000_000),
    )
    .expect("round")
    .round
    .id
}

#[actix_web::test]
async fn a_plan_without_an_amount_is_refused_in_english() {
    for db in TestDb::all() {
        let backend = db.backend;
        let app = TestApp::spawn_on(db).await;
        let round = round_in(&mut app.conn());
        let initiator = app.add_user("indiener@errors.example", Role::Initiator);
        let c = english_staff(&app, &initiator).await;
        let page = format!("/rondes/{round}");
        let html = refused_with(
            &app,
            &c,
            (&page, &format!("/rondes/{round}/plannen")),
            &[
                ("title", "Jeu-de-boulesbaan"),
                ("summary", "Een baan bij het dorpshuis."),
                ("amount", ""),
            ],
            "Fill in what your plan costs, for example 2,500.00.",
            backend,
        )
        .await;
        assert!(html.contains("value=\"Jeu-de-boulesbaan\""), "{backend}");
        assert_no_dutch(&html, "the plan form");
    }
}

#[actix_web::test]
async fn a_weak_password_is_refused_in_english() {
    for db in TestDb::all() {
        let backend = db.backend;
        let app = TestApp::spawn_on(db).await;
        let c = app.client();
        assert_eq!(
            choose_english(&app, &c, "/registreren").await,
            "/registreren"
        );
        for (password, message) in [
            ("kort", "Choose a password of at least 12 characters."),
            (
                "password1234",
                "This password is used a lot and is easy to guess.",
            ),
        ] {
            let context = format!("{backend} {password}");
            let html = refused_registration(&app, &c, password, message, &context).await;
            assert!(html.contains("value=\"Piet Plan\""), "{backend}: kept");
            assert_no_dutch(&html, "the registration form");
        }
    }
}

#[actix_web::test]
async fn a_ledger_file_with_problems_is_refused_in_english() {
    for db in TestDb::all() {
        let backend = db.backend;
        let app = TestApp::spawn_on(db).await;
        let clerk = app.add_user("clerk@errors.example", Role::FinanceClerk);
        let c = english_staff(&app, &clerk).await;
        let (_, page) = app.get(&c, "/financien/import").await;
        let bad = "jaar;code;omschrijving;taakveld;financier;bedrag\r\n\
                   2025;A-1;Groen;5.7;;12.5\r\n\
                   2025;A-2;Iets;99.9;;\r\n";
        let form = reqwest::multipart::Form::new()
            .text("csrf_token", csrf_token(&page))
            .text("gemeente", "")
            .part(
                "bestand",
                reqwest::multipart::Part::bytes(bad.as_bytes().to_vec()).file_name("begroting.csv"),
            );
        let r = c
            .post(app.url("/financien/import"))
            .multipart(form)
            .send()
            .await
            .expect("post");
        assert_eq!(r.status(), 422, "{backend}");
        let html = r.text().await.expect("body");
        for english in [
            "A dot only goes between thousands",
            "Taakveld 99.9 is not in the list for 2025 and later (year 2025).",
            "No amount was filled in.",
        ] {
            assert!(html.contains(english), "{backend}: {english} in {html}");
        }
        assert_no_dutch(&html, "the import form");
    }
}

/// A visitor who chose no language reads the same refusal in Dutch, word for word.
#[actix_web::test]
async fn the_same_refusal_is_dutch_for_a_dutch_visitor() {
    for db in TestDb::all() {
        let backend = db.backend;
        let app = TestApp::spawn_on(db).await;
        let c = app.client();
        let message = "Kies een wachtwoord van minstens 12 tekens.";
        refused_registration(&app, &c, "kort", message, backend).await;
    }
}
