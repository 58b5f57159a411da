//! Irreversible steps ask first: the step's button leads to a confirmation page that says
//! what will happen (with amounts and counts); only the POST from that page (with the
//! `bevestigd=ja` marker and the CSRF token) does the step. A GET, a POST without the
//! marker and a POST with another value change nothing.

use burgerbegroting::domain::role::Role;
use burgerbegroting::domain::round::{BallotRule, CountRule, RoundId};
use burgerbegroting::service::ledger as ledger_svc;
use burgerbegroting::service::rounds::{self, Channel, InitiativeInput, RoundInput};
use burgerbegroting::service::{auth, users, voting_codes, Principal};

use crate::helpers::*;
// The page's CSRF token added; (status, the page that came back or the `Location`).
use crate::helpers::post_page_form as post;

const LOO: &str = "loo@example.nl";

fn status_of(app: &TestApp, id: &RoundId) -> String {
    let v = rounds::round(&mut app.conn(), &Principal::resident(), id).expect("round");
    format!("{:?}", v.round.status)
}

/// GET, a bare POST and a POST with a wrong marker leave the round as it was; the bare
/// POST shows the question with every text in `says`. Then the confirmed POST does it.
async fn asks_then_does(
    app: &TestApp,
    c: &reqwest::Client,
    id: &RoundId,
    step: &str,
    says: &[&str],
    backend: &str,
) {
    let page = format!("/rondes/{id}");
    let path = format!("/rondes/{id}/{step}");
    let before = status_of(app, id);
    let (status, _) = app.get(c, &path).await;
    assert!(status >= 400, "{backend}: GET {step} is no step ({status})");
    assert_eq!(
        status_of(app, id),
        before,
        "{backend}: GET {step} changed the round"
    );

    let (status, html) = post(app, c, &page, &path, &[]).await;
    assert_eq!(status, 200, "{backend}: {step} asks first");
    for s in says {
        assert!(
            html.contains(s),
            "{backend}: {step} does not say {s:?}: {html}"
        );
    }
    assert!(html.contains(r#"name="bevestigd" value="ja""#), "{backend}");
    assert!(html.contains(&format!(r#"action="{path}""#)), "{backend}");
    assert!(
        html.contains(&format!(r#"href="{page}#{step}""#)),
        "{backend}: a way back"
    );
    assert!(
        html.contains(r#"class="danger""#),
        "{backend}: not the primary style"
    );
    assert_eq!(
        status_of(app, id),
        before,
        "{backend}: the question changed the round"
    );

    let (status, _) = post(app, c, &page, &path, &[("bevestigd", "nee")]).await;
    assert_eq!(status, 200, "{backend}");
    assert_eq!(
        status_of(app, id),
        before,
        "{backend}: a wrong marker changed the round"
    );

    let (status, _) = post(app, c, &page, &path, &[("bevestigd", "ja")]).await;
    assert!(
        status == 200 || status == 303,
        "{backend}: {step} confirmed ({status})"
    );
    assert_ne!(status_of(app, id), before, "{backend}: {step} was not done");
}

#[actix_web::test]
async fn every_round_step_asks_first_and_says_the_amounts() {
    for db in TestDb::all() {
        let backend = db.backend;
        let app = TestApp::spawn_on(db).await;
        let (id, codes, plans) = {
            let mut c = app.conn();
            let area = ledger_svc::create_area(&mut c, &admin(), "'t Loo", "dorp").expect("area");
            fund_pool(&mut c, &area.slug, 10_000_000);
            let u = auth::add_user_in_area(
                &mut c,
                &admin(),
                LOO,
                "Lotte Loo",
                Role::AreaCoordinator,
                Some("t-loo"),
                PASSWORD,
            )
            .expect("coordinator");
            enrol_second_factor(&mut c, &app.sealer(), &u.id);
            let v = rounds::create_round(
                &mut c,
                &admin(),
                &RoundInput {
                    area_slug: "t-loo".into(),
                    year: 2027,
                    quarter: 1,
                    title: "Smederij".into(),
                    budget_cents: 1_250_000,
                    ballot_rule: BallotRule::Approval { max_choices: None },
                    count_rule: CountRule::parse("greedy").expect("rule"),
                    calendar: None,
                },
            )
            .expect("round");
            let mut plans = Vec::new();
            for (title, cents) in [("Bankjes", 500_000), ("Speeltuin", 750_000)] {
                let plan = rounds::submit_initiative(
                    &mut c,
                    &admin(),
                    &v.round.id,
                    &InitiativeInput {
                        title: title.into(),
                        summary: "Voor het dorp.".into(),
                        amount_cents: cents,
                        taakveld: "5.7".into(),
                    },
                )
                .expect("plan");
                plans.push(plan);
            }
            let g =
                voting_codes::generate_batch(&mut c, &admin(), "t-loo", 2027, 3).expect("codes");
            (v.round.id, g.codes, plans)
        };
        let loo = app.login(LOO).await;

        asks_then_does(
            &app,
            &loo,
            &id,
            "indienen-sluiten",
            &[
                "Indienen sluiten voor Smederij",
                "Er zijn 2 plannen ingediend",
                "Ja, indienen sluiten",
            ],
            backend,
        )
        .await;
        {
            let mut c = app.conn();
            for p in &plans {
                crate::helpers::nominate(&mut c, &admin(), &p.id).expect("nominate");
            }
        }
        asks_then_does(
            &app,
            &loo,
            &id,
            "stemmen-openen",
            &[
                "Er komen 2 plannen op het stembiljet, samen €\u{a0}12.500,00",
                "Het budget is €\u{a0}12.500,00",
                "Ja, stemmen openen",
            ],
            backend,
        )
        .await;
        {
            let mut c = app.conn();
            for code in &codes {
                rounds::cast(
                    &mut c,
                    &admin(),
                    &id,
                    Channel::Paper {
                        code: &code.formatted(),
                        assisted: false,
                    },
                    &[plans[0].id.to_string(), plans[1].id.to_string()],
                )
                .expect("vote");
            }
        }
        asks_then_does(
            &app,
            &loo,
            &id,
            "tellen",
            &[
                "Er zijn 3 stemmen uitgebracht",
                "Ja, stemmen sluiten en tellen",
            ],
            backend,
        )
        .await;
        crate::helpers::without_objection_window(&mut app.conn(), &id);
        asks_then_does(
            &app,
            &loo,
            &id,
            "afsluiten",
            &[
                "€\u{a0}12.500,00 gaat van de pot van 't Loo naar 2 plannen.",
                "Plan 1: Bankjes krijgt €\u{a0}5.000,00.",
                "Ja, geld vastleggen en afsluiten",
            ],
            backend,
        )
        .await;
    }
}

#[actix_web::test]
async fn revoking_a_role_and_blocking_an_account_ask_first() {
    for db in TestDb::all() {
        let backend = db.backend;
        let app = TestApp::spawn_on(db).await;
        let admin_mail = app.add_user("beheer@example.nl", Role::Admin);
        app.add_user("raad@example.nl", Role::Council);
        let find = |app: &TestApp| {
            users::list_users(&mut app.conn(), &admin())
                .expect("users")
                .into_iter()
                .find(|u| u.email == "raad@example.nl")
                .expect("user")
        };
        let target = find(&app);
        let grant = target.grants[0].id.clone();
        let c = app.login(&admin_mail).await;
        let list = "/beheer/gebruikers";

        let revoke = format!("/beheer/rollen/{grant}/intrekken");
        let (status, _) = app.get(&c, &revoke).await;
        assert!(status >= 400, "{backend}: GET is no step");
        let (status, html) = post(&app, &c, list, &revoke, &[]).await;
        assert_eq!(status, 200, "{backend}");
        assert!(
            html.contains("raad@example.nl verliest de rol"),
            "{backend}: {html}"
        );
        assert!(html.contains("Ja, rol intrekken"), "{backend}");
        assert_eq!(
            find(&app).grants.len(),
            1,
            "{backend}: the question revoked"
        );
        let (status, _) = post(&app, &c, list, &revoke, &[("bevestigd", "ja")]).await;
        assert_eq!(status, 200, "{backend}");
        assert!(find(&app).grants.is_empty(), "{backend}: not revoked");

        let block = format!("/beheer/gebruikers/{}/blokkeren", target.id);
        let (status, _) = app.get(&c, &block).await;
        assert!(status >= 400, "{backend}: GET is no step");
        let (status, html) = post(&app, &c, list, &block, &[]).await;
        assert_eq!(status, 200, "{backend}");
        assert!(html.contains("kan niet meer inloggen"), "{backend}: {html}");
        assert!(html.contains("Ja, account blokkeren"), "{backend}");
        assert!(!find(&app).disabled, "{backend}: the question blocked");
        let (status, _) = post(&app, &c, list, &block, &[("bevestigd", "")]).await;
        assert_eq!(status, 200, "{backend}");
        assert!(!find(&app).disabled, "{backend}: an empty marker blocked");
        let (status, _) = post(&app, &c, list, &block, &[("bevestigd", "ja")]).await;
        assert_eq!(status, 200, "{backend}");
        assert!(find(&app).disabled, "{backend}: not blocked");
    }
}
