//! Forms after an error, over real HTTP, one test per form: every problem is reported at
//! once (each message once in the summary, linked to its field, and once next to that
//! field), every typed value, chosen option and checked box is still there, and nothing
//! changed (no audit event: every change writes one in its own transaction).

use burgerbegroting::domain::role::Role;
use burgerbegroting::service::{ledger as ledger_svc, users};

use crate::helpers::*;

/// Each field's message is in the summary once (a link to `#field`) and the same message
/// is next to the field once (`<field>-error`); the summary lists nothing else.
fn assert_all_errors(page: &str, fields: &[&str]) {
    let start = page
        .find("class=\"error-summary\"")
        .unwrap_or_else(|| panic!("no error summary: {page}"));
    let summary = &page[start..start + page[start..].find("</div>").expect("end of summary")];
    assert_eq!(
        summary.matches("<li>").count(),
        fields.len(),
        "the summary lists exactly {fields:?}: {summary}"
    );
    for f in fields {
        let link = format!("<a href=\"#{f}\">");
        assert_eq!(
            summary.matches(&link).count(),
            1,
            "summary links to {f} once: {summary}"
        );
        let at = summary.find(&link).expect("link") + link.len();
        let message = &summary[at..at + summary[at..].find("</a>").expect("end of link")];
        assert!(!message.is_empty(), "{f}: an empty message");
        let next_to = format!("id=\"{f}-error\">Fout: {message}</span>");
        assert_eq!(
            page.matches(&next_to).count(),
            1,
            "the message of {f} is next to its field once: {page}"
        );
        assert_eq!(
            page.matches(&format!("href=\"#{f}\"")).count(),
            1,
            "{f} is linked once"
        );
    }
}

/// The `<select id="id" …>…</select>` of a page.
fn select<'a>(page: &'a str, id: &str) -> &'a str {
    let start = page
        .find(&format!("<select id=\"{id}\""))
        .unwrap_or_else(|| panic!("no select {id}: {page}"));
    let end = page[start..].find("</select>").expect("end of select");
    &page[start..start + end]
}

/// The option with `value` is the selected one of select `id`.
fn assert_selected(page: &str, id: &str, value: &str) {
    let s = select(page, id);
    assert!(
        s.contains(&format!("<option value=\"{value}\" selected>")),
        "{id} lost {value}: {s}"
    );
    assert_eq!(s.matches(" selected>").count(), 1, "{id}: one choice: {s}");
}

/// Posts `fields` to `action` from the form on `page`: refused (422) with exactly `errors`
/// reported (see [`assert_all_errors`]). The page that came back.
async fn refused(
    app: &TestApp,
    c: &reqwest::Client,
    page: &str,
    action: &str,
    fields: &[(&str, &str)],
    errors: &[&str],
) -> String {
    let (status, html) = post_page_form(app, c, page, action, fields).await;
    assert_eq!(status, 422, "{action}: {html}");
    assert_all_errors(&html, errors);
    html
}

/// An app on `db` with the small ledger and an administrator signed in; the audit events
/// before the test posts anything.
async fn seeded_admin(db: TestDb) -> (TestApp, reqwest::Client, i64) {
    let app = TestApp::spawn_on(db).await;
    seed_small(&mut app.conn());
    let admin_mail = app.add_user("beheer@example.nl", Role::Admin);
    let c = app.login(&admin_mail).await;
    let before = audit_events(&app);
    (app, c, before)
}

/// A case of the account form: the fields, the fields refused, the choices kept and the
/// typed values kept.
type AccountCase<'a> = (
    [(&'a str, &'a str); 5],
    &'a [&'a str],
    &'a [(&'a str, &'a str)],
    &'a [&'a str],
);

fn audit_events(app: &TestApp) -> i64 {
    burgerbegroting::db::repo::audit::count(&mut app.conn()).expect("count")
}

#[actix_web::test]
async fn the_login_form_reports_both_fields_and_keeps_the_address() {
    for db in TestDb::all() {
        let app = TestApp::spawn_on(db).await;
        app.add_user("fin@example.nl", Role::FinanceClerk);
        let c = app.client();
        let before = audit_events(&app);
        let page = refused(
            &app,
            &c,
            "/inloggen",
            "/inloggen",
            &[("email", ""), ("password", ""), ("terug", "/rondes")],
            &["email", "password"],
        )
        .await;
        assert!(page.contains(r#"name="terug" value="/rondes""#));

        let page = refused(
            &app,
            &c,
            "/inloggen",
            "/inloggen",
            &[("email", "fin@example.nl"), ("password", ""), ("terug", "")],
            &["password"],
        )
        .await;
        assert!(page.contains(r#"value="fin@example.nl""#), "address lost");
        // A wrong password: the refusal on the address, the address kept, no password back.
        let page = refused(
            &app,
            &c,
            "/inloggen",
            "/inloggen",
            &[
                ("email", "fin@example.nl"),
                ("password", "fout"),
                ("terug", ""),
            ],
            &["email"],
        )
        .await;
        assert!(page.contains(r#"value="fin@example.nl""#) && !page.contains(r#"value="fout""#));
        let (status, _) = app.get(&c, "/account").await;
        assert_ne!(status, 200, "not signed in");
        assert_eq!(audit_events(&app), before);
    }
}

#[actix_web::test]
async fn the_code_step_at_login_reports_a_malformed_code_and_keeps_the_ticket() {
    for db in TestDb::all() {
        let app = TestApp::spawn_on(db).await;
        app.add_user("fin@example.nl", Role::FinanceClerk);
        let c = app.client();
        let (status, page) = post_page_form(
            &app,
            &c,
            "/inloggen",
            "/inloggen",
            &[
                ("email", "fin@example.nl"),
                ("password", PASSWORD),
                ("terug", "/financien"),
            ],
        )
        .await;
        assert_eq!(status, 200, "the code step");
        let ticket = hidden(&page, "ticket");
        let token = csrf_token(&page);
        let (status, page) = post_form(
            &app,
            &c,
            "/inloggen/code",
            &[
                ("csrf_token", token.as_str()),
                ("ticket", ticket.as_str()),
                ("code", "12ab"),
                ("terug", "/financien"),
            ],
        )
        .await;
        assert_eq!(status, 422);
        assert_all_errors(&page, &["code"]);
        assert_eq!(hidden(&page, "ticket"), ticket, "the ticket is kept");
        assert_eq!(hidden(&page, "terug"), "/financien");
        // An authenticator code is never sent back.
        assert!(page.contains(r#"name="code" value="""#), "{page}");
        let (status, _) = app.get(&c, "/account").await;
        assert_ne!(status, 200, "not signed in");
    }
}

#[actix_web::test]
async fn the_registration_form_reports_address_and_password_at_once() {
    for db in TestDb::all() {
        let app = TestApp::spawn_on(db).await;
        let c = app.client();
        let before = audit_events(&app);
        let page = refused(
            &app,
            &c,
            "/registreren",
            "/registreren",
            &[
                ("email", "geen-adres"),
                ("name", "Piet Plan"),
                ("password", "kort"),
            ],
            &["email", "password"],
        )
        .await;
        assert!(page.contains(r#"value="geen-adres""#) && page.contains(r#"value="Piet Plan""#));
        assert!(
            !page.contains(r#"value="kort""#),
            "a password is never sent back"
        );
        assert_eq!(audit_events(&app), before, "no account made");
    }
}

#[actix_web::test]
async fn the_second_factor_set_up_reports_a_malformed_code_and_keeps_the_key() {
    for db in TestDb::all() {
        let app = TestApp::spawn_on(db).await;
        let email = app.add_user("indiener@example.nl", Role::Initiator);
        let c = app.login(&email).await;
        let (status, page) = post_page_form(
            &app,
            &c,
            "/account/tweede-stap",
            "/account/tweede-stap/start",
            &[],
        )
        .await;
        assert_eq!(status, 200);
        let (secret, url) = (hidden(&page, "secret"), hidden(&page, "url"));
        let before = audit_events(&app);
        let page = refused(
            &app,
            &c,
            "/account/tweede-stap",
            "/account/tweede-stap/bevestigen",
            &[("secret", &secret), ("url", &url), ("code", "12 3x")],
            &["code"],
        )
        .await;
        assert_eq!(hidden(&page, "secret"), secret, "the key stays on the page");
        assert_eq!(audit_events(&app), before, "not switched on");
    }
}

#[actix_web::test]
async fn the_account_form_keeps_the_role_and_area_and_reports_every_error() {
    for db in TestDb::all() {
        let (app, c, before) = seeded_admin(db).await;
        let list = "/beheer/gebruikers";

        let account = |email, name, role, area, password| {
            [
                ("email", email),
                ("name", name),
                ("role", role),
                ("area", area),
                ("password", password),
            ]
        };
        // The fields, the fields refused, the choices kept, the typed values kept.
        let cases: [AccountCase; 3] = [
            // Council member, no password: the role stays "Raadslid".
            (
                account("raad@example.nl", "Rita Raad", "council", "t-loo", ""),
                &["password"],
                &[("role", "council"), ("area", "t-loo")],
                &["raad@example.nl", "Rita Raad"],
            ),
            // Everything wrong at once: a bad address, a coordinator without an area, a
            // short password; then an unknown role with the rest wrong too.
            (
                account("geen-adres", "", "area_coordinator", "", "kort"),
                &["email", "area", "password"],
                &[("role", "area_coordinator")],
                &["geen-adres"],
            ),
            (
                account("geen-adres", "X", "keizer", "wezep", ""),
                &["email", "password", "role"],
                &[("area", "wezep")],
                &[],
            ),
        ];
        for (fields, errors, selected, typed) in cases {
            let page = refused(&app, &c, list, list, &fields, errors).await;
            for (id, value) in selected {
                assert_selected(&page, id, value);
            }
            for value in typed {
                assert!(
                    page.contains(&format!(r#"value="{value}""#)),
                    "{value} lost"
                );
            }
        }
        assert_eq!(audit_events(&app), before, "nothing was made");
    }
}

#[actix_web::test]
async fn the_role_grant_keeps_the_chosen_role_and_area_on_its_row() {
    for db in TestDb::all() {
        let app = TestApp::spawn_on(db).await;
        {
            let mut c = app.conn();
            seed_small(&mut c);
        }
        let admin_mail = app.add_user("beheer@example.nl", Role::Admin);
        app.add_user("raad@example.nl", Role::Council);
        let target = listed_user(&mut app.conn(), "raad@example.nl");
        let c = app.login(&admin_mail).await;
        let before = audit_events(&app);
        let list = "/beheer/gebruikers";
        let path = format!("/beheer/gebruikers/{}/rollen", target.id);
        let (role_id, area_id) = (format!("role-{}", target.id), format!("area-{}", target.id));

        // A coordinator without an area: the error next to that row's area, the role kept.
        // An area that does not exist: the service's refusal on the same field, both kept.
        // An unknown role: refused on the role, the area kept.
        let (coord, role, area) = ("area_coordinator", &role_id, &area_id);
        let cases = [
            (coord, "", area, role, coord),
            (coord, "atlantis", area, role, coord),
            ("keizer", "wezep", role, area, "wezep"),
        ];
        let mut last = None;
        for (chosen_role, chosen_area, refused_on, kept_on, kept) in cases {
            let fields = [("role", chosen_role), ("area", chosen_area)];
            let page = refused(&app, &c, list, &path, &fields, &[refused_on.as_str()]).await;
            assert_selected(&page, kept_on, kept);
            last = Some(page);
        }
        let page = last.expect("the cases ran");
        // Other rows are not filled in with this row's choice.
        let admin_row = listed_user(&mut app.conn(), "beheer@example.nl");
        assert!(!select(&page, &format!("area-{}", admin_row.id)).contains("\"wezep\" selected"));

        let grants = users::list_users(&mut app.conn(), &admin())
            .expect("users")
            .into_iter()
            .find(|u| u.id == target.id)
            .expect("user")
            .grants
            .len();
        assert_eq!(grants, 1, "no role granted");
        assert_eq!(audit_events(&app), before);
    }
}

#[actix_web::test]
async fn the_area_and_funder_forms_report_name_and_kind_and_keep_the_kind() {
    for db in TestDb::all() {
        let app = TestApp::spawn_on(db).await;
        let admin_mail = app.add_user("beheer@example.nl", Role::Admin);
        let c = app.login(&admin_mail).await;
        let before = audit_events(&app);
        let page = "/beheer";

        // Each form: an empty name and an unknown kind, both reported at once; then a bad
        // name alone, the chosen kind kept.
        for (action, name, kind, empty, unknown, bad_name, chosen) in [
            (
                "/beheer/gebieden",
                "area_name",
                "area_kind",
                " ",
                "stad",
                "---",
                "wijk",
            ),
            (
                "/beheer/financiers",
                "funder_name",
                "funder_kind",
                "",
                "bank",
                "",
                "municipality",
            ),
        ] {
            refused(
                &app,
                &c,
                page,
                action,
                &[(name, empty), (kind, unknown)],
                &[name, kind],
            )
            .await;
            let fields = [(name, bad_name), (kind, chosen)];
            let html = refused(&app, &c, page, action, &fields, &[name]).await;
            assert_selected(&html, kind, chosen);
            if !bad_name.is_empty() {
                assert!(html.contains(&format!(r#"value="{bad_name}""#)));
            }
        }
        assert_eq!(audit_events(&app), before);
    }
}

#[actix_web::test]
async fn the_import_form_reports_a_missing_file_and_keeps_the_municipality() {
    for db in TestDb::all() {
        let app = TestApp::spawn_on(db).await;
        let clerk_mail = app.add_user("fin@example.nl", Role::FinanceClerk);
        let c = app.login(&clerk_mail).await;
        let before = audit_events(&app);
        let (_, page) = app.get(&c, "/financien/import").await;
        let token = csrf_token(&page);
        let (status, page) = post_file(
            &app,
            &c,
            "/financien/import",
            &[("csrf_token", &token), ("gemeente", "Oldebroek")],
            (b"", "", Some("application/octet-stream")),
        )
        .await;
        assert_eq!(status, 422);
        assert_all_errors(&page, &["bestand"]);
        assert!(page.contains(r#"value="Oldebroek""#), "municipality lost");
        assert_eq!(audit_events(&app), before);
    }
}

#[actix_web::test]
async fn the_transfer_form_reports_every_field_and_keeps_both_accounts() {
    for db in TestDb::all() {
        let app = TestApp::spawn_on(db).await;
        let small = seed_small(&mut app.conn());
        let clerk_mail = app.add_user("fin@example.nl", Role::FinanceClerk);
        let c = app.login(&clerk_mail).await;
        let before = audit_events(&app);
        let new = "/financien/overboekingen/nieuw";
        let (_, page) = app.get(&c, new).await;
        let request_id = hidden(&page, "request_id");
        let post = |fields: Vec<(&'static str, String)>| {
            let (app, c, request_id) = (&app, &c, request_id.clone());
            async move {
                let mut all: Vec<(&str, String)> = vec![("request_id", request_id)];
                all.extend(fields);
                let borrowed: Vec<(&str, &str)> =
                    all.iter().map(|(k, v)| (*k, v.as_str())).collect();
                post_page_form(app, c, new, "/financien/overboekingen", &borrowed).await
            }
        };
        let (status, html) = post(vec![
            ("from_account", String::new()),
            ("to_account", String::new()),
            ("amount", "12,3x".into()),
            ("memo", " ".into()),
            ("decision_ref", String::new()),
        ])
        .await;
        assert_eq!(status, 422);
        assert_all_errors(&html, &["from_account", "to_account", "amount", "memo"]);
        assert!(html.contains(r#"value="12,3x""#));

        // From a budget line: the council decision is needed too; both accounts stay chosen.
        let from = small.lines[0].account_id.to_string();
        let to = small.pools[1].account_id.to_string();
        let (status, html) = post(vec![
            ("from_account", from.clone()),
            ("to_account", to.clone()),
            ("amount", "veel".into()),
            ("memo", String::new()),
            ("decision_ref", String::new()),
        ])
        .await;
        assert_eq!(status, 422);
        assert_all_errors(&html, &["amount", "memo", "decision_ref"]);
        assert_selected(&html, "from_account", &from);
        assert_selected(&html, "to_account", &to);
        assert!(html.contains(r#"value="veel""#));
        assert_eq!(audit_events(&app), before, "nothing proposed");
    }
}

#[actix_web::test]
async fn the_correction_form_reports_amount_and_reason_at_once() {
    for db in TestDb::all() {
        let app = TestApp::spawn_on(db).await;
        {
            let mut c = app.conn();
            seed_small(&mut c);
            fund_pool(&mut c, "t-loo", 500_000);
        }
        let transfer = ledger_svc::list_transfers(&mut app.conn(), &reader())
            .expect("transfers")
            .into_iter()
            .find(|t| t.memo == "Bijdrage voor de rondes")
            .expect("contribution");
        let clerk_mail = app.add_user("fin@example.nl", Role::FinanceClerk);
        let c = app.login(&clerk_mail).await;
        let before = audit_events(&app);
        let page = format!("/financien/overboekingen/{}", transfer.id);
        let (_, html) = app.get(&c, &page).await;
        let request_id = hidden(&html, "request_id");
        let html = refused(
            &app,
            &c,
            &page,
            &format!("{page}/correctie"),
            &[
                ("request_id", &request_id),
                ("amount", "12,5x"),
                ("memo", ""),
            ],
            &["amount", "memo"],
        )
        .await;
        assert!(html.contains(r#"value="12,5x""#));
        assert_eq!(audit_events(&app), before, "no correction proposed");
    }
}

#[actix_web::test]
async fn the_round_form_reports_every_field_and_keeps_the_choices() {
    for db in TestDb::all() {
        let (app, c, before) = seeded_admin(db).await;
        let html = refused(
            &app,
            &c,
            "/rondes",
            "/rondes",
            &[
                ("area", ""),
                ("year", "twee"),
                ("quarter", "5"),
                ("title", "Voorjaar"),
                ("budget", "veel"),
                ("ballot_rule", "knapsack"),
                ("max_choices", "3"),
                ("count_rule", "greedy"),
                ("plans_from", "morgen"),
                ("plans_until", "1-4-2027"),
                ("review_until", "x"),
                ("voting_from", "1-5-2027"),
                ("voting_until", "1-6-2027"),
            ],
            &[
                "area",
                "year",
                "quarter",
                "budget",
                "max_choices",
                "plans_from",
                "review_until",
            ],
        )
        .await;
        assert!(html.contains(r#"value="Voorjaar""#) && html.contains(r#"value="veel""#));
        assert!(
            html.contains(r#"value="knapsack" checked"#),
            "ballot rule lost"
        );
        assert!(
            html.contains(r#"value="greedy" checked"#),
            "count rule lost"
        );
        assert!(html.contains(r#"value="1-4-2027""#) && html.contains(r#"value="morgen""#));
        assert_eq!(audit_events(&app), before, "no round made");
    }
}

#[actix_web::test]
async fn the_year_planning_form_reports_every_field_and_keeps_the_boxes() {
    for db in TestDb::all() {
        let (app, c, before) = seeded_admin(db).await;
        let page = "/rondes/jaar-plannen";
        let html = refused(
            &app,
            &c,
            page,
            page,
            &[
                ("year", "2027"),
                ("quarters", "2"),
                ("quarters", "4"),
                ("title", "Dorpsbudget"),
                ("budget", "10.000,00"),
                ("ballot_rule", "approval"),
                ("max_choices", "nul"),
                ("count_rule", "greedy"),
                ("plan_weeks", "40"),
                ("review_weeks", "2"),
                ("voting_weeks", ""),
            ],
            &["areas", "max_choices", "plan_weeks", "voting_weeks"],
        )
        .await;
        assert!(
            html.contains(r#"name="quarters" value="2" checked"#),
            "{html}"
        );
        assert!(html.contains(r#"name="quarters" value="4" checked"#));
        assert!(!html.contains(r#"name="quarters" value="1" checked"#));
        assert!(html.contains(r#"value="Dorpsbudget""#) && html.contains(r#"value="nul""#));
        assert_eq!(audit_events(&app), before, "no round planned");
    }
}

#[actix_web::test]
async fn the_payment_form_reports_every_field_at_once() {
    for db in TestDb::all() {
        let app = TestApp::spawn_on(db).await;
        let clerk_mail = app.add_user("betaal@test.example", Role::FinanceClerk);
        let ini_mail = app.add_user("indiener@test.example", Role::Initiator);
        let ini = crate::payments::user_principal(&app, &ini_mail, Role::Initiator);
        let f = crate::payments::funded(&mut app.conn(), &ini);
        let page = format!("/plannen/{}", f.plans[0]);
        let c = app.login(&clerk_mail).await;
        let before = audit_events(&app);
        let (_, html) = app.get(&c, &page).await;
        let rid = crate::payments::payment_request_id(&html);
        let html = refused(
            &app,
            &c,
            &page,
            &format!("{page}/betalingen"),
            &[
                ("request_id", &rid),
                ("amount", "0,00"),
                ("paid_on", "morgen"),
                ("reference", " "),
                ("note", "Eerste termijn"),
            ],
            &["amount", "paid_on", "reference"],
        )
        .await;
        assert!(html.contains(r#"value="0,00""#) && html.contains(r#"value="morgen""#));
        assert!(html.contains(">Eerste termijn</textarea>"));
        assert_eq!(audit_events(&app), before, "nothing paid");
    }
}

#[actix_web::test]
async fn the_progress_form_reports_stage_and_text_and_keeps_the_description() {
    for db in TestDb::all() {
        let app = TestApp::spawn_on(db).await;
        let ini_mail = app.add_user("indiener@test.example", Role::Initiator);
        let ini = crate::payments::user_principal(&app, &ini_mail, Role::Initiator);
        let f = crate::payments::funded(&mut app.conn(), &ini);
        let plan = f.plans[0].to_string();
        let c = app.login(&ini_mail).await;
        let before = audit_events(&app);
        let (status, html) =
            crate::payments::post_progress_http(&app, &c, &plan, "half", " ", None, "Een bank")
                .await;
        assert_eq!(status, 422);
        assert_all_errors(&html, &["stage", "body"]);
        assert!(html.contains(r#"value="Een bank""#), "description lost");
        // A chosen stage stays checked when only the text is wrong.
        let (status, html) =
            crate::payments::post_progress_http(&app, &c, &plan, "planned", "", None, "").await;
        assert_eq!(status, 422);
        assert_all_errors(&html, &["body"]);
        assert!(html.contains(r#"value="planned" checked"#), "stage lost");
        assert_eq!(audit_events(&app), before, "nothing posted");
    }
}

#[actix_web::test]
async fn the_objection_decision_reports_choice_and_reason_at_once() {
    for db in TestDb::all() {
        let app = TestApp::spawn_on(db).await;
        let objection = {
            let mut c = app.conn();
            let v = crate::objections::village(&mut c, "'t Loo", None);
            burgerbegroting::service::objections::object_to_rejection(
                &mut c,
                &crate::objections::initiator(),
                &v.rejected,
                "Oneerlijk besluit",
            )
            .expect("objection")
            .id
        };
        let email = app.add_user("stuurgroep@test.example", Role::SteeringGroup);
        let c = app.login(&email).await;
        let before = audit_events(&app);
        let queue = "/stuurgroep/bezwaren";
        let path = format!("{queue}/{objection}");
        let (verdict, reason) = (
            format!("verdict-{objection}"),
            format!("reason-{objection}"),
        );
        let empty = [("verdict", ""), ("reason", "")];
        refused(&app, &c, queue, &path, &empty, &[&verdict, &reason]).await;
        let html = refused(
            &app,
            &c,
            queue,
            &path,
            &[("verdict", "nominate"), ("reason", " ")],
            &[&reason],
        )
        .await;
        assert!(html.contains(r#"value="nominate" checked"#), "choice lost");
        assert_eq!(audit_events(&app), before, "nothing decided");
    }
}

#[actix_web::test]
async fn the_voting_code_forms_report_every_field_and_keep_the_choices() {
    for db in TestDb::all() {
        let (app, c, before) = seeded_admin(db).await;
        let page = "/beheer/stemcodes";
        let html = refused(
            &app,
            &c,
            page,
            "/beheer/stemcodes/reeksen",
            &[("area", "wezep"), ("year", "twintig"), ("count", "veel")],
            &["year", "count"],
        )
        .await;
        assert_selected(&html, "area", "wezep");
        assert!(html.contains(r#"value="twintig""#) && html.contains(r#"value="veel""#));

        // Revoking: a handle that cannot be one and no reason, both at once.
        let html = refused(
            &app,
            &c,
            page,
            "/beheer/stemcodes/intrekken",
            &[("handle", "K7"), ("reason", "")],
            &["handle", "reason"],
        )
        .await;
        assert!(html.contains(r#"value="K7""#));
        // A handle of no code: refused before any question, the reason kept.
        let html = refused(
            &app,
            &c,
            page,
            "/beheer/stemcodes/vervangen",
            &[("handle", "ZZZZ"), ("reason", "damaged")],
            &["handle"],
        )
        .await;
        assert_selected(&html, "reason", "damaged");
        assert_eq!(audit_events(&app), before, "nothing made or revoked");
    }
}

/// A coordinator of 't Loo (funded) on the small ledger, signed in; the audit events
/// before the test posts anything.
async fn seeded_coordinator(db: TestDb) -> (TestApp, reqwest::Client, i64) {
    let app = TestApp::spawn_on(db).await;
    {
        let mut c = app.conn();
        seed_small(&mut c);
        fund_pool(&mut c, "t-loo", 500_000);
        add_coordinator(&mut c, &app.sealer(), "loo@example.nl", "", "t-loo");
    }
    let c = app.login("loo@example.nl").await;
    let before = audit_events(&app);
    (app, c, before)
}

#[actix_web::test]
async fn the_earmark_form_reports_amount_and_reason_at_once_and_keeps_both() {
    for db in TestDb::all() {
        let (app, c, before) = seeded_coordinator(db).await;
        let page = "/rondes/pot/t-loo";
        // An amount that is no amount and no reason.
        let html = refused(
            &app,
            &c,
            page,
            page,
            &[("amount", "12,5x"), ("reason", "")],
            &["amount", "reason"],
        )
        .await;
        assert!(html.contains(r#"value="12,5x""#), "amount lost");
        // An amount of nothing and no reason: both at once too, not the reason alone.
        let html = refused(
            &app,
            &c,
            page,
            page,
            &[("amount", "0"), ("reason", " ")],
            &["amount", "reason"],
        )
        .await;
        assert!(html.contains(r#"value="0""#), "amount lost");
        // A good amount and a reason that is too long: the amount and the reason stay.
        let long = "x".repeat(5000);
        let html = refused(
            &app,
            &c,
            page,
            page,
            &[("amount", "12,50"), ("reason", &long)],
            &["reason"],
        )
        .await;
        assert!(html.contains(r#"value="12,50""#), "amount lost");
        assert!(html.contains(&format!(r#"value="{long}""#)), "reason lost");
        // More than the pool holds: the amount refused, the reason kept.
        let html = refused(
            &app,
            &c,
            page,
            page,
            &[("amount", "90.000,00"), ("reason", "Speeltuin")],
            &["amount"],
        )
        .await;
        assert!(html.contains(r#"value="90.000,00""#) && html.contains(r#"value="Speeltuin""#));
        assert_eq!(audit_events(&app), before, "nothing put apart");
    }
}

#[actix_web::test]
async fn the_objection_window_form_reports_the_days_and_keeps_them() {
    for db in TestDb::all() {
        let (app, c, before) = seeded_coordinator(db).await;
        let page = "/gebieden/t-loo/bezwaartermijn";
        for typed in ["veel", "61", "-1"] {
            let html = refused(&app, &c, page, page, &[("days", typed)], &["days"]).await;
            assert!(
                html.contains(&format!(r#"value="{typed}""#)),
                "{typed} lost"
            );
        }
        assert_eq!(audit_events(&app), before, "no window set");
    }
}

#[actix_web::test]
async fn the_result_objection_form_reports_the_reason_and_keeps_it() {
    for db in TestDb::all() {
        let app = TestApp::spawn_on(db).await;
        let (round, token) = {
            let mut c = app.conn();
            let v = crate::objections::village(&mut c, "'t Loo", None);
            crate::objections::counted(&mut c, &v, &v.kept);
            let token = crate::objections::voter_token(&mut c, &v.slug);
            (v.round, token)
        };
        // A resident signed in with a code from the letter (the voter cookie).
        let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
        let base = reqwest::Url::parse(&app.url("/")).expect("url");
        jar.add_cookie_str(&format!("bb_voter={token}; Path=/"), &base);
        let resident = reqwest::Client::builder()
            .cookie_provider(jar)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        let before = audit_events(&app);
        let page = format!("/rondes/{round}/bezwaar");
        refused(
            &app,
            &resident,
            &page,
            &page,
            &[("reason", " ")],
            &["reason"],
        )
        .await;
        let long = "Er is verkeerd geteld. ".repeat(200);
        let html = refused(
            &app,
            &resident,
            &page,
            &page,
            &[("reason", &long)],
            &["reason"],
        )
        .await;
        assert!(html.contains(long.trim_end()), "reason lost");
        assert_eq!(audit_events(&app), before, "no objection filed");
    }
}

#[actix_web::test]
async fn the_area_settings_form_reports_description_and_maximum_at_once() {
    for db in TestDb::all() {
        let (app, c, before) = seeded_coordinator(db).await;
        let page = "/gebieden/t-loo/instellingen";
        let long = "d".repeat(4001);
        for max in ["5.000,0x", "0"] {
            let html = refused(
                &app,
                &c,
                page,
                page,
                &[("description", &long), ("max_initiative", max)],
                &["description", "max_initiative"],
            )
            .await;
            assert!(html.contains(&long), "description lost");
            assert!(html.contains(&format!(r#"value="{max}""#)), "{max} lost");
        }
        assert_eq!(audit_events(&app), before, "no settings changed");
    }
}
