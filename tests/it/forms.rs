//! Forms after an error: every field keeps what was typed or chosen (selects included),
//! and every problem is reported at once, in the summary and next to its field.

use burgerbegroting::domain::role::Role;

use crate::helpers::*;
// The page's CSRF token added; (status, the page that came back or the `Location`).
use crate::helpers::post_page_form as post_back;

/// The summary lists each message and each field is marked invalid.
fn assert_errors_on(page: &str, fields: &[&str]) {
    assert!(page.contains("error-summary"), "no error summary: {page}");
    for f in fields {
        assert!(
            page.contains(&format!("href=\"#{f}\"")),
            "summary does not link to {f}: {page}"
        );
        assert!(
            page.contains(&format!("id=\"{f}-error\"")),
            "no error next to {f}: {page}"
        );
    }
}

#[actix_web::test]
async fn the_account_form_keeps_the_role_and_area_and_reports_every_error() {
    let app = TestApp::spawn().await;
    {
        let mut c = app.conn();
        seed_small(&mut c);
    }
    let admin = app.add_user("beheer@example.nl", Role::Admin);
    let c = app.login(&admin).await;
    let (status, page) = app.get(&c, "/beheer/gebruikers").await;
    assert_eq!(status, 200);
    let token = csrf_token(&page);

    // Council member, no password: the role stays "Raadslid".
    let r = c
        .post(app.url("/beheer/gebruikers"))
        .form(&[
            ("csrf_token", token.as_str()),
            ("email", "raad@example.nl"),
            ("name", "Rita Raad"),
            ("role", "council"),
            ("area", "t-loo"),
            ("password", ""),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 422);
    let page = r.text().await.expect("body");
    assert!(
        page.contains(r#"<option value="council" selected>"#),
        "role lost: {page}"
    );
    assert!(
        page.contains(r#"<option value="t-loo" selected>"#),
        "area lost: {page}"
    );
    assert!(page.contains(r#"value="raad@example.nl""#));
    assert!(page.contains(r#"value="Rita Raad""#));
    assert_errors_on(&page, &["password"]);

    // Everything wrong at once: a bad address, a coordinator without an area, no
    // password. All three are reported in one go.
    let r = c
        .post(app.url("/beheer/gebruikers"))
        .form(&[
            ("csrf_token", token.as_str()),
            ("email", "geen-adres"),
            ("name", ""),
            ("role", "area_coordinator"),
            ("area", ""),
            ("password", "kort"),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 422);
    let page = r.text().await.expect("body");
    assert_errors_on(&page, &["email", "area", "password"]);
    assert!(page.contains(r#"<option value="area_coordinator" selected>"#));
    assert!(page.contains(r#"value="geen-adres""#));
    // Nothing was made.
    let (_, list) = app.get(&c, "/beheer/gebruikers").await;
    assert!(!list.contains("raad@example.nl"));
}

#[actix_web::test]
async fn the_voting_code_batch_form_reports_year_and_count_at_once() {
    let app = TestApp::spawn().await;
    {
        let mut c = app.conn();
        seed_small(&mut c);
    }
    let admin = app.add_user("beheer@example.nl", Role::Admin);
    let c = app.login(&admin).await;
    let page = "/beheer/stemcodes";
    let (status, html) = post_back(
        &app,
        &c,
        page,
        "/beheer/stemcodes/reeksen",
        &[("area", "t-loo"), ("year", "twintig"), ("count", "veel")],
    )
    .await;
    assert_eq!(status, 422);
    assert_errors_on(&html, &["year", "count"]);
    assert!(
        html.contains(r#"<option value="t-loo" selected>"#),
        "area lost: {html}"
    );
    assert!(html.contains(r#"value="twintig""#) && html.contains(r#"value="veel""#));
}

#[actix_web::test]
async fn the_earmark_form_reports_amount_and_reason_at_once() {
    let app = TestApp::spawn().await;
    {
        let mut c = app.conn();
        seed_small(&mut c);
    }
    let admin = app.add_user("beheer@example.nl", Role::Admin);
    let c = app.login(&admin).await;
    let page = "/rondes/pot/t-loo";
    let (status, html) = post_back(
        &app,
        &c,
        page,
        page,
        &[("amount", "10.000,5x"), ("reason", " ")],
    )
    .await;
    assert_eq!(status, 422, "{html}");
    assert_errors_on(&html, &["amount", "reason"]);
    assert!(html.contains(r#"value="10.000,5x""#), "amount lost: {html}");
    assert!(html.contains(r#"aria-invalid="true""#));
}
