//! The finance pages over real HTTP: login, CSRF, the transfer flow, four eyes, import.

use burgerbegroting::domain::role::Role;
use burgerbegroting::service::ledger as svc;

use crate::helpers::*;

async fn app_with_staff() -> (TestApp, Small) {
    let app = TestApp::spawn().await;
    app.add_user("clerk@test.example", Role::FinanceClerk);
    app.add_user("approver@test.example", Role::FinanceApprover);
    app.add_user("admin@test.example", Role::Admin);
    let small = {
        let mut c = app.conn();
        seed_small(&mut c)
    };
    (app, small)
}

#[actix_web::test]
async fn anonymous_visitors_are_sent_to_the_login_page() {
    let app = TestApp::spawn().await;
    let r = app
        .client()
        .get(app.url("/financien/begroting"))
        .send()
        .await
        .expect("get");
    assert_eq!(r.status(), 303);
    let to = r
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    assert!(
        to.starts_with("/inloggen?terug=/financien/begroting"),
        "{to}"
    );
    // Security headers on every response.
    let r = app.client().get(app.url("/")).send().await.expect("get");
    let csp = r
        .headers()
        .get("content-security-policy")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    assert!(
        csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self'"),
        "{csp}"
    );
    assert_eq!(
        r.headers()
            .get("x-content-type-options")
            .and_then(|v| v.to_str().ok()),
        Some("nosniff")
    );
    assert_eq!(
        r.headers()
            .get("referrer-policy")
            .and_then(|v| v.to_str().ok()),
        Some("same-origin")
    );
}

#[actix_web::test]
async fn wrong_password_and_unknown_user_get_the_same_answer() {
    let (app, _) = app_with_staff().await;
    let mut bodies = Vec::new();
    for email in ["clerk@test.example", "nobody@test.example"] {
        let c = app.client();
        let html = app.get(&c, "/inloggen").await.1;
        let token = csrf_token(&html);
        let (status, body) = post_form(
            &app,
            &c,
            "/inloggen",
            &[
                ("csrf_token", token.as_str()),
                ("email", email),
                ("password", "niet het wachtwoord"),
                ("terug", ""),
            ],
        )
        .await;
        assert_eq!(status, 422);
        assert!(body.contains("Deze combinatie van e-mailadres en wachtwoord kennen we niet."));
        assert!(
            body.contains(&format!("value=\"{email}\"")),
            "typed e-mail kept"
        );
        bodies.push(body.replace(email, "EMAIL").replace(&token, "TOKEN"));
    }
    assert_eq!(bodies[0], bodies[1]);
}

#[actix_web::test]
async fn overview_shows_taakvelden_with_dutch_amounts_and_totals() {
    let (app, _) = app_with_staff().await;
    let c = app.login("clerk@test.example").await;
    let (status, html) = app.get(&c, "/financien/begroting?jaar=2025").await;
    assert_eq!(status, 200);
    assert!(html.contains("Taakveld 5.7"), "grouped by taakveld");
    assert!(html.contains("€\u{a0}50.000,00"));
    assert!(html.contains("€\u{a0}90.000,50"), "total of all lines");
}

#[actix_web::test]
async fn a_post_without_or_with_a_wrong_csrf_token_is_refused() {
    let (app, small) = app_with_staff().await;
    let c = app.login("clerk@test.example").await;
    let form = [
        ("request_id", uuid::Uuid::new_v4().to_string()),
        ("from_account", small.lines[0].account_id.to_string()),
        ("to_account", small.pools[0].account_id.to_string()),
        ("amount", "100,00".to_string()),
        ("memo", "x".to_string()),
        ("decision_ref", "RB".to_string()),
    ];
    let (status, _) = post_form(&app, &c, "/financien/overboekingen", &form).await;
    assert_eq!(status, 403);
    let mut with_wrong = form.to_vec();
    with_wrong.push(("csrf_token", "0".repeat(64)));
    let (status, _) = post_form(&app, &c, "/financien/overboekingen", &with_wrong).await;
    assert_eq!(status, 403);
    // Cross-site: refused even with the right token.
    let (_, html) = app.get(&c, "/financien/overboekingen/nieuw").await;
    let mut good = form.to_vec();
    good.push(("csrf_token", csrf_token(&html)));
    let r = c
        .post(app.url("/financien/overboekingen"))
        .header("Sec-Fetch-Site", "cross-site")
        .form(&good)
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 403);
    let r = c
        .post(app.url("/financien/overboekingen"))
        .header("Origin", "https://evil.example")
        .form(&good)
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 403);
    let mut conn = app.conn();
    assert!(
        svc::approval_queue(&mut conn, &crate::helpers::reader())
            .expect("queue")
            .is_empty(),
        "nothing was created"
    );
}

#[actix_web::test]
async fn transfer_flow_with_four_eyes_double_click_and_bad_input() {
    let (app, small) = app_with_staff().await;
    let clerk = app.login("clerk@test.example").await;
    let (_, form_html) = app.get(&clerk, "/financien/overboekingen/nieuw").await;
    let token = csrf_token(&form_html);
    let request_id = hidden(&form_html, "request_id");

    // Bad amount: a Dutch message on the form, everything typed kept, nothing stored.
    let bad = [
        ("csrf_token", token.as_str()),
        ("request_id", request_id.as_str()),
        ("from_account", small.lines[0].account_id.as_str()),
        ("to_account", small.pools[1].account_id.as_str()),
        ("amount", "12,345"),
        ("memo", "Bankjes bij de kerk"),
        ("decision_ref", "RB-2025-07"),
    ];
    let (status, html) = post_form(&app, &clerk, "/financien/overboekingen", &bad).await;
    assert_eq!(status, 422);
    assert!(html.contains("Fout:"), "field error shown");
    assert!(
        html.contains("value=\"12,345\"")
            && html.contains("value=\"Bankjes bij de kerk\"")
            && html.contains("value=\"RB-2025-07\"")
    );
    assert!(html.contains(&format!("value=\"{}\" selected", small.pools[1].account_id)));

    // Too much: refused with the available amount.
    let too_much = [("amount", "60.000,00")];
    let mut f: Vec<(&str, &str)> = bad.to_vec();
    f.retain(|(k, _)| *k != "amount");
    f.extend_from_slice(&too_much);
    let (status, body) = post_form(&app, &clerk, "/financien/overboekingen", &f).await;
    assert_eq!(status, 422);
    assert!(body.contains("Er staat niet genoeg geld op"));

    // Good, twice (double click): one transfer.
    let mut good: Vec<(&str, &str)> = bad.to_vec();
    good.retain(|(k, _)| *k != "amount");
    good.push(("amount", "1.250,00"));
    let first = clerk
        .post(app.url("/financien/overboekingen"))
        .form(&good)
        .send()
        .await
        .expect("post");
    assert_eq!(first.status(), 303);
    let second = clerk
        .post(app.url("/financien/overboekingen"))
        .form(&good)
        .send()
        .await
        .expect("post");
    assert_eq!(second.status(), 303);
    let loc = location(&first);
    assert_eq!(
        Some(loc.as_str()),
        second
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
    );
    assert!(loc.ends_with(&request_id));
    {
        let mut c = app.conn();
        assert_eq!(
            svc::approval_queue(&mut c, &crate::helpers::reader())
                .expect("queue")
                .len(),
            1
        );
    }

    // The clerk cannot approve it.
    let (_, page) = app.get(&clerk, &loc).await;
    assert!(page.contains("Wacht op goedkeuring"));
    assert!(
        !page.contains("/beoordelen"),
        "no approve form for the creator"
    );
    let approve = ("goedkeuren", "");
    let (status, _) = decide_transfer(&app, &clerk, &loc, &page, approve, false).await;
    assert_eq!(status, 403);

    // The approver can.
    let approver = app.login("approver@test.example").await;
    let (_, queue) = app.get(&approver, "/financien/goedkeuren").await;
    assert!(queue.contains(&request_id));
    let (_, page) = app.get(&approver, &loc).await;
    // The approve button only asks: the confirmation page says what moves where, and
    // nothing is booked yet.
    let approve = ("goedkeuren", "akkoord");
    let (status, confirm) = decide_transfer(&app, &approver, &loc, &page, approve, false).await;
    assert_eq!(status, 200);
    assert!(confirm.contains("€\u{a0}1.250,00 gaat van"), "{confirm}");
    assert!(
        confirm.contains(r#"name="bevestigd" value="ja""#),
        "{confirm}"
    );
    assert!(
        confirm.contains(r#"value="akkoord""#),
        "the reason goes along: {confirm}"
    );
    let (_, queue) = app.get(&approver, "/financien/goedkeuren").await;
    assert!(
        queue.contains(&request_id),
        "still waiting after the question"
    );
    let (status, _) = decide_transfer(&app, &approver, &loc, &confirm, approve, true).await;
    assert_eq!(status, 303);
    let (_, pools) = app.get(&approver, "/financien/potten").await;
    assert!(pools.contains("€\u{a0}1.250,00"), "pool balance shown");
    let (_, line) = app
        .get(
            &approver,
            &format!("/financien/begrotingsposten/{}", small.lines[0].id),
        )
        .await;
    assert!(
        line.contains("€\u{a0}48.750,00"),
        "budget line balance after approval"
    );

    // CSV download has the transfer with a Dutch amount.
    let r = approver
        .get(app.url("/financien/overboekingen.csv"))
        .send()
        .await
        .expect("csv");
    assert_eq!(r.status(), 200);
    assert!(r
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .starts_with("text/csv"));
    let csv = r.text().await.expect("body");
    assert!(csv.contains("1.250,00") && csv.contains("Bankjes bij de kerk"));
}

#[actix_web::test]
async fn a_rejection_needs_a_reason_shown_on_the_page() {
    let (app, small) = app_with_staff().await;
    let t = {
        let mut c = app.conn();
        let clerk = staff("someone-else", &[Role::FinanceClerk]);
        svc::propose_transfer(&mut c, &clerk, &to_pool(&small, 0, 0, 100)).expect("t")
    };
    let approver = app.login("approver@test.example").await;
    let path = format!("/financien/overboekingen/{}", t.id);
    let (_, page) = app.get(&approver, &path).await;
    let reject = ("afwijzen", "");
    let (status, body) = decide_transfer(&app, &approver, &path, &page, reject, false).await;
    assert_eq!(status, 422);
    assert!(body.contains("waarom u de overboeking afwijst"));
}

#[actix_web::test]
async fn import_page_refuses_a_bad_file_whole_and_accepts_a_good_one() {
    let (app, _) = app_with_staff().await;
    let clerk = app.login("clerk@test.example").await;
    let (_, page) = app.get(&clerk, "/financien/import").await;
    let token = csrf_token(&page);
    let bad = "jaar;code;omschrijving;taakveld;financier;bedrag\r\n2025;A-1;Groen;5.7;;1.000,00\r\n2025;A-2;Iets;99.9;;12,5x\r\n";
    let import = "/financien/import";
    let (status, html) = post_file(
        &app,
        &clerk,
        import,
        &[("csrf_token", &token), ("gemeente", "")],
        (bad.as_bytes(), "begroting.csv", None),
    )
    .await;
    assert_eq!(status, 422);
    assert!(html.contains("Het bestand is niet ingelezen"));
    assert!(html.contains("<td>3</td>"), "line number of the problems");
    {
        let mut c = app.conn();
        assert!(
            svc::list_budget_lines(&mut c, &crate::helpers::reader(), Some(2025))
                .expect("l")
                .iter()
                .all(|l| l.code != "A-1"),
            "nothing half-imported"
        );
    }
    let good =
        "jaar;code;omschrijving;taakveld;financier;bedrag\r\n2025;A-1;Groen;5.7;;€ 1.000,00\r\n";
    let (status, html) = post_file(
        &app,
        &clerk,
        import,
        &[("csrf_token", &token)],
        (good.as_bytes(), "begroting.csv", None),
    )
    .await;
    assert_eq!(status, 200);
    assert!(html.contains("1 begrotingspost toegevoegd"));
    // Without a token: 403.
    let (status, _) = post_file(&app, &clerk, import, &[], (good.as_bytes(), "b.csv", None)).await;
    assert_eq!(status, 403);
}

#[actix_web::test]
async fn logout_ends_the_session_on_the_server() {
    let (app, _) = app_with_staff().await;
    let c = app.login("clerk@test.example").await;
    let (_, page) = app.get(&c, "/financien/begroting").await;
    let session = c
        .get(app.url("/financien/begroting"))
        .send()
        .await
        .expect("get");
    assert_eq!(session.status(), 200);
    let (status, _) = post_form(&app, &c, "/uitloggen", &[("csrf_token", csrf_token(&page))]).await;
    assert_eq!(status, 303);
    let r = c
        .get(app.url("/financien/begroting"))
        .send()
        .await
        .expect("get");
    assert_eq!(r.status(), 303, "session is gone");
}

#[actix_web::test]
async fn only_administrators_manage_areas() {
    let (app, _) = app_with_staff().await;
    let clerk = app.login("clerk@test.example").await;
    let (status, _) = app.get(&clerk, "/beheer").await;
    assert_eq!(status, 403);
    let admin = app.login("admin@test.example").await;
    let (status, page) = app.get(&admin, "/beheer").await;
    assert_eq!(status, 200);
    let token = csrf_token(&page);
    let form = [
        ("csrf_token", token.as_str()),
        ("area_name", "Noordeinde"),
        ("area_kind", "dorp"),
    ];
    // The same area twice: added, then refused.
    for (want, says) in [
        (200, "Gebied Noordeinde is toegevoegd"),
        (422, "Er is al een gebied met deze naam."),
    ] {
        let (status, body) = post_form(&app, &admin, "/beheer/gebieden", &form).await;
        assert_eq!(status, want);
        assert!(body.contains(says), "{body}");
    }
}
