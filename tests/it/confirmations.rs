//! Irreversible steps ask first: the step's button leads to a confirmation page that says
//! what will happen (with amounts and counts); only the POST from that page (with the
//! `bevestigd=ja` marker and the CSRF token) does the step. A GET, a POST without the
//! marker and a POST with another value change nothing.

use burgerbegroting::domain::role::Role;
use burgerbegroting::domain::round::{BallotRule, CountRule, RoundId};
use burgerbegroting::service::ledger as ledger_svc;
use burgerbegroting::service::rounds::{self, Channel, InitiativeInput, RoundInput};
use burgerbegroting::service::{auth, voting_codes, Principal};

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
        let find = |app: &TestApp| listed_user(&mut app.conn(), "raad@example.nl");
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

/// Whether the code with this handle still works (the question asked about it again).
fn code_active(app: &TestApp, handle: &str) -> bool {
    voting_codes::code_to_change(&mut app.conn(), &admin(), handle).is_ok()
}

#[actix_web::test]
async fn revoking_or_replacing_a_voting_code_asks_first() {
    for db in TestDb::all() {
        let backend = db.backend;
        let app = TestApp::spawn_on(db).await;
        let handles: Vec<String> = {
            let mut c = app.conn();
            ledger_svc::create_area(&mut c, &admin(), "'t Loo", "dorp").expect("area");
            voting_codes::generate_batch(&mut c, &admin(), "t-loo", 2027, 2)
                .expect("codes")
                .codes
                .iter()
                .map(|code| code.handle().to_string())
                .collect()
        };
        let admin_mail = app.add_user("beheer@example.nl", Role::Admin);
        let c = app.login(&admin_mail).await;
        let page = "/beheer/stemcodes";
        let (_, html) = app.get(&c, page).await;
        // Neither button is the filled one: both lead to a question, then cannot be undone.
        assert!(
            html.contains(r#"class="secondary" formaction="/beheer/stemcodes/vervangen""#),
            "{backend}: {html}"
        );
        assert!(
            html.contains(r#"class="danger">Alleen intrekken"#),
            "{backend}"
        );

        for (step, handle, says, label) in [
            (
                "intrekken",
                &handles[0],
                "werkt daarna niet meer",
                "Ja, code intrekken",
            ),
            (
                "vervangen",
                &handles[1],
                "Er komt een nieuwe code voor 't Loo",
                "Ja, intrekken en nieuwe code maken",
            ),
        ] {
            let path = format!("/beheer/stemcodes/{step}");
            let (status, _) = app.get(&c, &path).await;
            assert!(status >= 400, "{backend}: GET {step} is no step ({status})");
            assert!(
                code_active(&app, handle),
                "{backend}: GET {step} changed it"
            );

            let fields = [("handle", handle.as_str()), ("reason", "lost")];
            let (status, html) = post(&app, &c, page, &path, &fields).await;
            assert_eq!(status, 200, "{backend}: {step} asks first");
            for s in [
                format!("Stemcode {handle}"),
                says.to_string(),
                "Reden: Brief kwijt.".to_string(),
                "stemrondes van 2027".to_string(),
                label.to_string(),
            ] {
                assert!(
                    html.contains(&s),
                    "{backend}: {step} does not say {s:?}: {html}"
                );
            }
            assert!(html.contains(r#"name="bevestigd" value="ja""#), "{backend}");
            assert!(html.contains(&format!(r#"action="{path}""#)), "{backend}");
            assert!(
                html.contains(&format!(r#"name="handle" value="{handle}""#))
                    && html.contains(r#"name="reason" value="lost""#),
                "{backend}: the form's fields go along"
            );
            assert!(
                html.contains(r#"href="/beheer/stemcodes""#),
                "{backend}: way back"
            );
            assert!(html.contains(r#"class="danger""#), "{backend}: not primary");
            assert!(
                code_active(&app, handle),
                "{backend}: the question changed it"
            );

            let mut wrong = fields.to_vec();
            wrong.push(("bevestigd", "JA"));
            let (status, _) = post(&app, &c, page, &path, &wrong).await;
            assert_eq!(status, 200, "{backend}");
            assert!(
                code_active(&app, handle),
                "{backend}: a wrong marker changed it"
            );

            let mut confirmed = fields.to_vec();
            confirmed.push(("bevestigd", "ja"));
            let (status, html) = post(&app, &c, page, &path, &confirmed).await;
            assert_eq!(status, 200, "{backend}: {step} confirmed");
            assert!(!code_active(&app, handle), "{backend}: {step} was not done");
            if step == "vervangen" {
                assert!(html.contains("Nieuwe stemcode voor"), "{backend}");
            } else {
                assert!(html.contains("is ingetrokken"), "{backend}");
            }
        }
    }
}

/// Every irreversible POST route, each in a state where the confirmed step would work:
/// a GET, a POST without the marker and a POST with another value change nothing (no
/// audit event: every change writes one), and the bare POST shows the question.
#[actix_web::test]
async fn no_irreversible_step_happens_without_the_marker() {
    for db in TestDb::all() {
        let backend = db.backend;
        let app = TestApp::spawn_on(db).await;
        let small = seed_small(&mut app.conn());
        let admin_mail = app.add_user("beheer@example.nl", Role::Admin);
        let approver_mail = app.add_user("goedkeur@example.nl", Role::FinanceApprover);
        app.add_user("raad@example.nl", Role::Council);
        let target = listed_user(&mut app.conn(), "raad@example.nl");
        let steps = {
            let mut c = app.conn();
            fund_pool(&mut c, "t-loo", 10_000_000);
            let round = |c: &mut burgerbegroting::db::DbConn, quarter: i32| {
                let input =
                    round_input("t-loo", 2027, quarter, format!("Ronde {quarter}"), 100_000);
                rounds::create_round(c, &admin(), &input)
                    .expect("round")
                    .round
                    .id
            };
            let plan = |c: &mut burgerbegroting::db::DbConn, round: &RoundId| {
                rounds::submit_initiative(
                    c,
                    &admin(),
                    round,
                    &InitiativeInput {
                        title: "Bankjes".into(),
                        summary: "Voor het dorp.".into(),
                        amount_cents: 50_000,
                        taakveld: "5.7".into(),
                    },
                )
                .expect("plan")
                .id
            };
            // Open for plans; in review with a plan on the ballot; voting with a vote;
            // counted, without an objection window.
            let open = round(&mut c, 1);
            plan(&mut c, &open);
            let review = round(&mut c, 2);
            let p = plan(&mut c, &review);
            rounds::close_submissions(&mut c, &admin(), &review).expect("review");
            crate::helpers::nominate(&mut c, &admin(), &p).expect("nominate");
            let voting = round(&mut c, 3);
            let p = plan(&mut c, &voting);
            crate::helpers::nominate(&mut c, &admin(), &p).expect("nominate");
            rounds::open_voting(&mut c, &admin(), &voting).expect("open");
            vote_with_new_code(&mut c, "t-loo", 2027, &voting, &[p.to_string()]);
            let counted = round(&mut c, 4);
            let p = plan(&mut c, &counted);
            crate::helpers::nominate(&mut c, &admin(), &p).expect("nominate");
            rounds::open_voting(&mut c, &admin(), &counted).expect("open");
            vote_with_new_code(&mut c, "t-loo", 2027, &counted, &[p.to_string()]);
            rounds::count_round(&mut c, &admin(), &counted).expect("count");
            crate::helpers::without_objection_window(&mut c, &counted);
            let pending =
                ledger_svc::propose_transfer(&mut c, &clerk(), &to_pool(&small, 0, 0, 100_000))
                    .expect("proposal")
                    .id;
            let handle = voting_codes::generate_batch(&mut c, &admin(), "t-loo", 2028, 1)
                .expect("codes")
                .codes[0]
                .handle()
                .to_string();
            let grant = target.grants[0].id.clone();
            let code_fields = vec![("handle", handle), ("reason", "lost".to_string())];
            vec![
                (
                    format!("/rondes/{open}"),
                    format!("/rondes/{open}/indienen-sluiten"),
                    vec![],
                ),
                (
                    format!("/rondes/{review}"),
                    format!("/rondes/{review}/stemmen-openen"),
                    vec![],
                ),
                (
                    format!("/rondes/{voting}"),
                    format!("/rondes/{voting}/tellen"),
                    vec![],
                ),
                (
                    format!("/rondes/{counted}"),
                    format!("/rondes/{counted}/afsluiten"),
                    vec![],
                ),
                (
                    format!("/financien/overboekingen/{pending}"),
                    format!("/financien/overboekingen/{pending}/beoordelen"),
                    vec![
                        ("besluit", "goedkeuren".to_string()),
                        ("reason", String::new()),
                    ],
                ),
                (
                    "/beheer/gebruikers".to_string(),
                    format!("/beheer/rollen/{grant}/intrekken"),
                    vec![],
                ),
                (
                    "/beheer/gebruikers".to_string(),
                    format!("/beheer/gebruikers/{}/blokkeren", target.id),
                    vec![],
                ),
                (
                    "/beheer/stemcodes".to_string(),
                    "/beheer/stemcodes/intrekken".to_string(),
                    code_fields.clone(),
                ),
                (
                    "/beheer/stemcodes".to_string(),
                    "/beheer/stemcodes/vervangen".to_string(),
                    code_fields,
                ),
            ]
        };
        let admin_client = app.login(&admin_mail).await;
        let approver = app.login(&approver_mail).await;
        let events = |app: &TestApp| {
            burgerbegroting::db::repo::audit::count(&mut app.conn()).expect("count")
        };
        for (page, path, fields) in &steps {
            let c = if path.starts_with("/financien") {
                &approver
            } else {
                &admin_client
            };
            let before = events(&app);
            let (status, _) = app.get(c, path).await;
            assert!(status >= 400, "{backend}: GET {path} is no step ({status})");
            assert_eq!(
                events(&app),
                before,
                "{backend}: GET {path} changed something"
            );
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            for marker in [None, Some(""), Some("nee"), Some("ja ")] {
                let mut sent = fields.clone();
                if let Some(m) = marker {
                    sent.push(("bevestigd", m));
                }
                let (status, html) = post(&app, c, page, path, &sent).await;
                assert_eq!(status, 200, "{backend}: {path} with {marker:?}: {html}");
                assert!(
                    html.contains(r#"name="bevestigd" value="ja""#),
                    "{backend}: {path} with {marker:?} asks"
                );
                assert_eq!(
                    events(&app),
                    before,
                    "{backend}: {path} with {marker:?} changed something"
                );
            }
        }
    }
}

/// Deciding an objection is final: the decision form only asks (saying which plan or
/// round, what the verdict does and that the reason is public); a GET, a POST without the
/// marker or with another value decide nothing; the page's confirmed POST decides.
/// Upholding an objection to a rejection puts the plan on the ballot; upholding one to a
/// result with "annul" says that no money is committed.
#[actix_web::test]
async fn deciding_an_objection_asks_first_and_says_what_it_does() {
    use burgerbegroting::domain::round::PlanStatus;
    use burgerbegroting::service::objections::{self as obj, ResultObjector};
    for db in TestDb::all() {
        let backend = db.backend;
        let app = TestApp::spawn_on(db).await;
        let (rejection, plan, result, counted_round) = {
            let mut c = app.conn();
            let v = crate::objections::village(&mut c, "'t Loo", None);
            let rejection = obj::object_to_rejection(
                &mut c,
                &crate::objections::initiator(),
                &v.rejected,
                "Oneerlijk besluit",
            )
            .expect("objection")
            .id;
            let w = crate::objections::village(&mut c, "Noordeinde", None);
            crate::objections::counted(&mut c, &w, &w.kept);
            let token = crate::objections::voter_token(&mut c, &w.slug);
            let result = obj::object_to_result(
                &mut c,
                &Principal::resident(),
                &w.round,
                ResultObjector::Voter { token: &token },
                "De stembus stond open.",
            )
            .expect("objection")
            .id;
            (rejection, v.rejected, result, w.round)
        };
        let sg = app.add_user("stuurgroep@test.example", Role::SteeringGroup);
        let sg = app.login(&sg).await;
        let queue = "/stuurgroep/bezwaren";
        let (_, page) = app.get(&sg, queue).await;
        assert!(
            !page.contains(r#"<button type="submit">Beslissing vastleggen"#),
            "{backend}: the decision button is not the primary style"
        );
        let events = |app: &TestApp| {
            burgerbegroting::db::repo::audit::count(&mut app.conn()).expect("count")
        };
        let reader = staff("lezer-stuurgroep", &[Role::SteeringGroup]);
        let waiting = |app: &TestApp| {
            obj::queue(&mut app.conn(), &reader)
                .expect("queue")
                .waiting
                .len()
        };
        let cases = [
            (
                &rejection,
                "nominate",
                "Het plan is voor het hele dorp.",
                vec![
                    "Feesttent",
                    "komt op het stembiljet van Smederij",
                    "Het plan is voor het hele dorp.",
                    "Ja, bezwaar toewijzen",
                ],
            ),
            (
                &result,
                "annul",
                "De stembus stond open.",
                vec![
                    "Smederij",
                    "ongeldig verklaard",
                    "geen geld vastgelegd",
                    "Ja, bezwaar toewijzen",
                ],
            ),
        ];
        for (done, (id, verdict, reason, says)) in cases.iter().enumerate() {
            let path = format!("{queue}/{id}");
            let before = events(&app);
            let (status, _) = app.get(&sg, &path).await;
            assert!(status >= 400, "{backend}: GET {path} is no step ({status})");
            for marker in [None, Some(""), Some("nee"), Some("ja ")] {
                let mut sent = vec![("verdict", *verdict), ("reason", *reason)];
                if let Some(m) = marker {
                    sent.push(("bevestigd", m));
                }
                let (status, html) = post(&app, &sg, queue, &path, &sent).await;
                assert_eq!(status, 200, "{backend}: {path} with {marker:?}: {html}");
                for s in says {
                    assert!(
                        html.contains(s),
                        "{backend}: {path} does not say {s:?}: {html}"
                    );
                }
                assert!(html.contains(r#"name="bevestigd" value="ja""#), "{backend}");
                assert!(html.contains(&format!(r#"action="{path}""#)), "{backend}");
                assert!(
                    html.contains(&format!(r#"value="{verdict}""#)),
                    "{backend}: the verdict goes along"
                );
                assert!(
                    html.contains(&format!(r#"href="{queue}#objection-{id}""#)),
                    "{backend}: a way back"
                );
                assert!(html.contains(r#"class="danger""#), "{backend}: not primary");
                assert_eq!(events(&app), before, "{backend}: {marker:?} decided");
            }
            assert_eq!(waiting(&app), 2 - done, "{backend}: still waiting");
            let mut sent = vec![("verdict", *verdict), ("reason", *reason)];
            sent.push(("bevestigd", "ja"));
            let (status, location) = post(&app, &sg, queue, &path, &sent).await;
            assert_eq!(status, 303, "{backend}: {location}");
            assert!(
                events(&app) > before,
                "{backend}: decided with its audit event"
            );
        }
        assert_eq!(waiting(&app), 0, "{backend}");
        assert_eq!(status_of(&app, &counted_round), "Annulled", "{backend}");
        let plan_status =
            burgerbegroting::db::repo::rounds::find_initiative(&mut app.conn(), &plan)
                .expect("query")
                .expect("plan")
                .status;
        assert_eq!(
            plan_status,
            PlanStatus::Nominated,
            "{backend}: on the ballot"
        );
    }
}
