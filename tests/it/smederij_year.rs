//! One village through a Smederij year over real HTTP, on every backend: the coordinator
//! schedules four rounds at once, an initiator submits plans, the coordinator reviews and
//! rejects one, residents vote online and on paper, the round is counted and committed,
//! finance pays a plan in two parts (one more than the commitment, refused), the plan is
//! finished and what was not paid returns to the pool, and the next round spends the money
//! the year left. After every step the ledger's invariants hold.
//!
//! The rounds are scheduled for the current year with 26 weeks for plans, so the round of
//! today's quarter accepts plans today whatever day the test runs on; the coordinator moves
//! it on early (the calendar's dates lie ahead, so `serve`'s own mover leaves it alone).

use std::collections::BTreeMap;

use burgerbegroting::domain::ledger::TransferStatus;
use burgerbegroting::domain::role::Role;
use burgerbegroting::domain::round::{PlanStatus, RoundId, RoundStatus};
use burgerbegroting::service::ledger as ledger_svc;
use burgerbegroting::service::{auth, rounds, Principal};
use chrono::Datelike;

use crate::helpers::post_page_form as post;
use crate::helpers::*;

const COORD: &str = "regisseur@loo.example";
const INITIATOR: &str = "initiatiefnemer@loo.example";
const CLERK: &str = "financien@gemeente.example";
const APPROVER: &str = "fiatteur@gemeente.example";
const ADMIN: &str = "beheer@gemeente.example";

/// What the ledger promises after every step: no account but a funder below zero, the
/// money in the system unchanged (it only moves: the accounts add up to zero and what the
/// funders gave stays `entered`), every posted transfer a real move between two accounts,
/// and the balances a replay of the posted transfers.
fn ledger_holds(app: &TestApp, entered: i64, step: &str) {
    let mut c = app.conn();
    crate::payments::invariants(&mut c, step);
    let balances = ledger_svc::all_balances(&mut c, &reader()).expect("balances");
    let from_funders: i64 = balances
        .iter()
        .filter(|(a, _)| a.kind.as_str() == "funder")
        .map(|(_, b)| -b)
        .sum();
    assert_eq!(
        from_funders, entered,
        "{step}: the money in the system changed"
    );
    for t in ledger_svc::list_transfers(&mut c, &reader()).expect("transfers") {
        assert!(t.amount_cents > 0, "{step}: a transfer of nothing");
        assert_ne!(t.from_account, t.to_account, "{step}: a transfer to itself");
    }
}

/// The error summary of a page that came back with errors, for the failure message.
fn errors_in(html: &str) -> &str {
    html.find("error-summary")
        .map_or("", |i| &html[i..html.len().min(i + 600)])
}

fn round_of(app: &TestApp, year: i32, quarter: i32) -> RoundId {
    rounds::list(&mut app.conn(), &Principal::resident())
        .expect("rounds")
        .into_iter()
        .find(|v| v.round.year == year && v.round.quarter == quarter)
        .map(|v| v.round.id)
        .expect("round")
}

fn status_of(app: &TestApp, id: &RoundId) -> RoundStatus {
    rounds::round(&mut app.conn(), &Principal::resident(), id)
        .expect("round")
        .round
        .status
}

fn pool_of(app: &TestApp) -> (i64, i64) {
    let m = burgerbegroting::service::pool_holds::pool_money(&mut app.conn(), &admin(), "t-loo")
        .expect("pool");
    (m.balance_cents, m.reserved_cents)
}

/// Voting codes for 't Loo in `year` through the administrator's page (a CSV download).
async fn codes(app: &TestApp, adm: &reqwest::Client, year: i32, count: usize) -> Vec<String> {
    let (_, page) = app.get(adm, "/beheer/stemcodes").await;
    let token = csrf_token(&page);
    let (year, count) = (year.to_string(), count.to_string());
    let r = adm
        .post(app.url("/beheer/stemcodes/reeksen"))
        .form(&[
            ("csrf_token", token.as_str()),
            ("area", "t-loo"),
            ("year", year.as_str()),
            ("count", count.as_str()),
        ])
        .send()
        .await
        .expect("codes");
    assert_eq!(r.status(), 200);
    let csv = r.text().await.expect("csv");
    csv.trim_start_matches('\u{feff}')
        .split("\r\n")
        .skip(1)
        .filter(|l| !l.is_empty())
        .map(|l| l.split(';').nth(1).unwrap_or("").to_string())
        .collect()
}

/// A resident votes online with a code from the letter: code, ballot, check, cast.
async fn vote_online(app: &TestApp, round: &RoundId, code: &str, plans: &[&str]) {
    let voter = app.client();
    let (_, page) = app.get(&voter, "/stemmen?gebied=t-loo").await;
    let token = csrf_token(&page);
    let r = voter
        .post(app.url("/stemmen"))
        .form(&[
            ("csrf_token", token.as_str()),
            ("code", code),
            ("gebied", "t-loo"),
        ])
        .send()
        .await
        .expect("code");
    assert_eq!(r.status(), 303, "code accepted");
    let path = format!("/stemmen/t-loo/rondes/{round}");
    let (s, ballot) = app.get(&voter, &path).await;
    assert_eq!(s, 200);
    let token = csrf_token(&ballot);
    let mut fields = vec![("csrf_token", token.as_str())];
    fields.extend(plans.iter().map(|p| ("keuze", *p)));
    let r = voter
        .post(app.url(&format!("{path}/uitbrengen")))
        .form(&fields)
        .send()
        .await
        .expect("cast");
    assert_eq!(r.status(), 200, "ballot cast");
    let receipt = r.text().await.unwrap_or_default();
    assert!(receipt.contains("Bewaar deze code."), "{receipt}");
}

/// Posts a progress update (multipart, as the browser sends it).
async fn progress(app: &TestApp, c: &reqwest::Client, plan: &str, stage: &str, body: &str) -> u16 {
    let (_, page) = app.get(c, &format!("/plannen/{plan}")).await;
    let form = &page[page.find("/voortgang\"").expect("progress form")..];
    let parts = reqwest::multipart::Form::new()
        .text("csrf_token", csrf_token(form))
        .text("request_id", hidden(form, "request_id"))
        .text("stage", stage.to_string())
        .text("body", body.to_string())
        .text("photo_alt", String::new());
    c.post(app.url(&format!("/plannen/{plan}/voortgang")))
        .multipart(parts)
        .send()
        .await
        .expect("progress")
        .status()
        .as_u16()
}

/// Finance records a payment on a plan's page; (status, body).
async fn pay(
    app: &TestApp,
    fin: &reqwest::Client,
    plan: &str,
    amount: &str,
    reference: &str,
) -> (u16, String) {
    let path = format!("/plannen/{plan}");
    let (_, page) = app.get(fin, &path).await;
    let form = &page[page.find("/betalingen\"").expect("payment form")..];
    let rid = hidden(form, "request_id");
    let token = csrf_token(&page);
    let r = fin
        .post(app.url(&format!("{path}/betalingen")))
        .form(&[
            ("csrf_token", token.as_str()),
            ("request_id", rid.as_str()),
            ("amount", amount),
            ("paid_on", "1-12-2026"),
            ("reference", reference),
            ("note", ""),
        ])
        .send()
        .await
        .expect("pay");
    let s = r.status().as_u16();
    (s, r.text().await.unwrap_or_default())
}

#[actix_web::test]
async fn one_village_through_a_smederij_year() {
    for db in TestDb::all() {
        let backend = db.backend;
        let app = TestApp::spawn_on(db).await;
        let small = {
            let mut c = app.conn();
            let small = seed_small(&mut c);
            let u = auth::add_user_in_area(
                &mut c,
                &admin(),
                COORD,
                "",
                Role::AreaCoordinator,
                Some("t-loo"),
                PASSWORD,
            )
            .expect("coordinator");
            enrol_second_factor(&mut c, &app.sealer(), &u.id);
            small
        };
        app.add_user(INITIATOR, Role::Initiator);
        app.add_user(CLERK, Role::FinanceClerk);
        app.add_user(APPROVER, Role::FinanceApprover);
        app.add_user(ADMIN, Role::Admin);
        let entered: i64 = {
            let mut c = app.conn();
            ledger_svc::all_balances(&mut c, &reader())
                .expect("balances")
                .iter()
                .filter(|(a, _)| a.kind.as_str() == "funder")
                .map(|(_, b)| -b)
                .sum()
        };
        ledger_holds(&app, entered, "start");
        let coord = app.login(COORD).await;
        let ini = app.login(INITIATOR).await;
        let fin = app.login(CLERK).await;
        let appr = app.login(APPROVER).await;
        let adm = app.login(ADMIN).await;
        let anon = app.client();

        // Finance moves € 12.000 from the budget line "Openbaar groen" to 't Loo's pool;
        // above the threshold, so a second finance user approves it.
        let pool = small
            .pools
            .iter()
            .find(|p| p.slug == "t-loo")
            .expect("pool");
        let line = &small.lines[0];
        let rid = uuid::Uuid::new_v4().to_string();
        let (from, to) = (line.account_id.to_string(), pool.account_id.to_string());
        let (s, body) = post(
            &app,
            &fin,
            "/financien/overboekingen",
            "/financien/overboekingen",
            &[
                ("request_id", rid.as_str()),
                ("from_account", from.as_str()),
                ("to_account", to.as_str()),
                ("amount", "12.000,00"),
                ("memo", "Smederij 't Loo"),
                ("decision_ref", "Raadsbesluit 2026-041"),
            ],
        )
        .await;
        assert_eq!(s, 303, "{backend}: {}", errors_in(&body));
        ledger_holds(&app, entered, "transfer proposed");
        assert_eq!(pool_of(&app).0, 0, "{backend}: waits for approval");
        let pending = ledger_svc::approval_queue(&mut app.conn(), &reader()).expect("queue");
        assert_eq!(pending.len(), 1, "{backend}");
        let tid = pending[0].id.to_string();
        let (s, _) = post(
            &app,
            &appr,
            &format!("/financien/overboekingen/{tid}"),
            &format!("/financien/overboekingen/{tid}/beoordelen"),
            &[
                ("besluit", "goedkeuren"),
                ("reason", ""),
                ("bevestigd", "ja"),
            ],
        )
        .await;
        assert_eq!(s, 303, "{backend}");
        ledger_holds(&app, entered, "transfer approved");
        assert_eq!(pool_of(&app).0, 1_200_000, "{backend}");

        // Schedule four rounds at once. A village that does not exist refuses everything,
        // the form keeps what was typed.
        let today = rounds::today_nl(burgerbegroting::db::repo::now());
        let year = today.year();
        let quarter = i32::try_from(today.month0() / 3 + 1).expect("quarter");
        let y = year.to_string();
        let schedule = |area: &'static str| {
            vec![
                ("year", y.clone()),
                ("quarters", "1".into()),
                ("quarters", "2".into()),
                ("quarters", "3".into()),
                ("quarters", "4".into()),
                ("areas", area.into()),
                ("title", "Smederij".into()),
                ("budget", "10.000,00".into()),
                ("ballot_rule", "approval".into()),
                ("max_choices", "".into()),
                ("count_rule", "greedy".into()),
                ("plan_weeks", "26".into()),
                ("review_weeks", "1".into()),
                ("voting_weeks", "1".into()),
            ]
        };
        let bad = schedule("nergens");
        let bad: Vec<(&str, &str)> = bad.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let (s, html) = post(
            &app,
            &coord,
            "/rondes/jaar-plannen",
            "/rondes/jaar-plannen",
            &bad,
        )
        .await;
        assert_eq!(s, 422, "{backend}");
        assert!(
            html.contains("Het gebied nergens bestaat niet."),
            "{backend}"
        );
        assert!(
            html.contains("value=\"10.000,00\"") && html.contains("value=\"Smederij\""),
            "{backend}: the form keeps what was typed"
        );
        assert!(
            rounds::list(&mut app.conn(), &Principal::resident())
                .expect("list")
                .is_empty(),
            "{backend}: nothing made"
        );
        let good = schedule("t-loo");
        let good: Vec<(&str, &str)> = good.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let (s, to) = post(
            &app,
            &coord,
            "/rondes/jaar-plannen",
            "/rondes/jaar-plannen",
            &good,
        )
        .await;
        assert_eq!(s, 303, "{backend}");
        assert_eq!(to, "/rondes?gepland=4", "{backend}");
        let made = rounds::list(&mut app.conn(), &Principal::resident()).expect("list");
        assert_eq!(made.len(), 4, "{backend}");
        assert!(made.iter().all(|v| v.round.calendar.is_some()));
        let a = round_of(&app, year, quarter);
        let page_a = format!("/rondes/{a}");
        ledger_holds(&app, entered, "scheduled");

        // The initiator submits three plans; one more has no title (refused, input kept).
        let plan_path = format!("/rondes/{a}/plannen");
        let (s, html) = post(
            &app,
            &ini,
            &page_a,
            &plan_path,
            &[
                ("title", ""),
                ("summary", "Een pannaveld achter de school."),
                ("amount", "2.000,00"),
                ("taakveld", "5.2"),
            ],
        )
        .await;
        assert_eq!(s, 422, "{backend}");
        assert!(
            html.contains("Een pannaveld achter de school.") && html.contains("value=\"2.000,00\""),
            "{backend}: input kept"
        );
        for (title, amount, tv) in [
            ("Speeltuin bij de kerk", "6.000,00", "5.7"),
            ("Bankjes langs de dijk", "3.000,00", "5.7"),
            ("Gat in de stoep", "1.000,00", "2.1"),
        ] {
            let (s, _) = post(
                &app,
                &ini,
                &page_a,
                &plan_path,
                &[
                    ("title", title),
                    ("summary", "Voor iedereen in 't Loo."),
                    ("amount", amount),
                    ("taakveld", tv),
                ],
            )
            .await;
            assert_eq!(s, 303, "{backend}: {title}");
        }
        let plans: Vec<_> = rounds::round(&mut app.conn(), &Principal::resident(), &a)
            .expect("round")
            .initiatives;
        assert_eq!(plans.len(), 3, "{backend}");
        ledger_holds(&app, entered, "submitted");

        // Review: submissions closed early, two plans nominated, the stoep rejected with
        // a public reason.
        let (s, _) = post(
            &app,
            &coord,
            &page_a,
            &format!("/rondes/{a}/indienen-sluiten"),
            &[("bevestigd", "ja")],
        )
        .await;
        assert_eq!(s, 303, "{backend}");
        assert_eq!(status_of(&app, &a), RoundStatus::Review, "{backend}");
        let review = |n: usize| format!("/rondes/{a}/plannen/{}/beoordeling", plans[n].id);
        for (n, besluit, reason) in [
            (0, "nomineren", ""),
            (1, "nomineren", ""),
            (2, "afwijzen", "Een stoep is onderhoud van de gemeente."),
        ] {
            // By the checklist: every criterion judged (the stoep fails "eenmalig"), the
            // taakveld assigned, the amount as handed in.
            let cents = plans[n].amount_cents;
            let mut form: Vec<(String, String)> = vec![
                ("besluit".into(), besluit.into()),
                ("reason".into(), reason.into()),
                ("taakveld".into(), "5.7".into()),
                (
                    "bedrag".into(),
                    format!("{},{:02}", cents / 100, cents % 100),
                ),
            ];
            for k in 1..=5 {
                let fails = besluit == "afwijzen" && k == 3;
                form.push((
                    format!("oordeel-{k}"),
                    if fails { "fails" } else { "meets" }.into(),
                ));
                if fails {
                    form.push((
                        format!("toelichting-{k}"),
                        "Onderhoud, niet eenmalig.".into(),
                    ));
                }
            }
            let form: Vec<(&str, &str)> =
                form.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
            let (s, body) = post(&app, &coord, &page_a, &review(n), &form).await;
            assert_eq!(s, 303, "{backend}: review {n}: {}", errors_in(&body));
        }
        let statuses: Vec<PlanStatus> = rounds::round(&mut app.conn(), &Principal::resident(), &a)
            .expect("round")
            .initiatives
            .iter()
            .map(|p| p.status)
            .collect();
        assert_eq!(
            statuses,
            [
                PlanStatus::Nominated,
                PlanStatus::Nominated,
                PlanStatus::Rejected
            ],
            "{backend}"
        );
        let (_, html) = app.get(&anon, &page_a).await;
        assert!(
            html.contains("Een stoep is onderhoud van de gemeente."),
            "{backend}"
        );
        ledger_holds(&app, entered, "reviewed");

        // Voting opens: the budget is reserved in the pool.
        let (s, _) = post(
            &app,
            &coord,
            &page_a,
            &format!("/rondes/{a}/stemmen-openen"),
            &[("bevestigd", "ja")],
        )
        .await;
        assert_eq!(s, 303, "{backend}");
        assert_eq!(status_of(&app, &a), RoundStatus::Voting);
        assert_eq!(pool_of(&app), (1_200_000, 1_000_000), "{backend}");
        let (_, html) = app.get(&anon, "/dorpen/t-loo").await;
        assert!(html.contains("Gereserveerd voor de ronde"), "{backend}");
        ledger_holds(&app, entered, "voting opened");

        // Two residents vote online, one on paper at the village hall.
        let letters = codes(&app, &adm, year, 4).await;
        assert_eq!(letters.len(), 4, "{backend}");
        let (p1, p2) = (plans[0].id.to_string(), plans[1].id.to_string());
        vote_online(&app, &a, &letters[0], &[&p1, &p2]).await;
        vote_online(&app, &a, &letters[1], &[&p1]).await;
        let (s, html) = post(
            &app,
            &coord,
            &page_a,
            &format!("/rondes/{a}/papieren-stem"),
            &[("code", letters[2].as_str()), ("keuze", p2.as_str())],
        )
        .await;
        assert_eq!(s, 200, "{backend}");
        assert!(html.contains("De stem is opgeslagen."), "{backend}");
        ledger_holds(&app, entered, "voted");

        // Count, then commit: both plans fit (€ 9.000); the € 1.000 left is free again.
        let (s, _) = post(
            &app,
            &coord,
            &page_a,
            &format!("/rondes/{a}/tellen"),
            &[("bevestigd", "ja")],
        )
        .await;
        assert_eq!(s, 303, "{backend}");
        assert_eq!(status_of(&app, &a), RoundStatus::Counted);
        ledger_holds(&app, entered, "counted");
        crate::helpers::without_objection_window(&mut app.conn(), &a);
        let (s, _) = post(
            &app,
            &coord,
            &page_a,
            &format!("/rondes/{a}/afsluiten"),
            &[("bevestigd", "ja")],
        )
        .await;
        assert_eq!(s, 303, "{backend}");
        assert_eq!(status_of(&app, &a), RoundStatus::Closed);
        assert_eq!(pool_of(&app), (300_000, 0), "{backend}: € 9.000 committed");
        ledger_holds(&app, entered, "committed");

        // Pay the speeltuin in two parts; a part above what is left is refused.
        let (s, _) = pay(&app, &fin, &p1, "4.000,00", "F-001").await;
        assert_eq!(s, 303, "{backend}");
        ledger_holds(&app, entered, "paid part one");
        let (s, body) = pay(&app, &fin, &p1, "2.500,00", "F-002").await;
        assert_eq!(s, 422, "{backend}: more than the commitment");
        assert!(
            body.contains("€\u{a0}2.000,00") && body.contains("value=\"2.500,00\""),
            "{backend}: the amounts, the input kept"
        );
        ledger_holds(&app, entered, "refused payment");
        let (s, _) = pay(&app, &fin, &p1, "1.500,00", "F-002").await;
        assert_eq!(s, 303, "{backend}");
        ledger_holds(&app, entered, "paid part two");

        // The next round (the first of next year, set up by the coordinator) wants the
        // € 3.500 the year will leave; today the pool holds € 3.000: refused, with amounts.
        let next_year = (year + 1).to_string();
        let (s, to) = post(
            &app,
            &coord,
            "/rondes",
            "/rondes",
            &[
                ("area", "t-loo"),
                ("year", next_year.as_str()),
                ("quarter", "1"),
                ("title", "Smederij winter"),
                ("budget", "3.500,00"),
                ("ballot_rule", "approval"),
                ("max_choices", ""),
                ("count_rule", "greedy"),
            ],
        )
        .await;
        assert_eq!(s, 303, "{backend}");
        let b = RoundId::from(
            to.trim_start_matches("/rondes/")
                .split(['?', '#'])
                .next()
                .unwrap_or(""),
        );
        let page_b = format!("/rondes/{b}");
        let (s, _) = post(
            &app,
            &ini,
            &page_b,
            &format!("/rondes/{b}/plannen"),
            &[
                ("title", "Kerstverlichting"),
                ("summary", "Lichtjes in de dorpsstraat."),
                ("amount", "3.500,00"),
                ("taakveld", "5.7"),
            ],
        )
        .await;
        assert_eq!(s, 303, "{backend}");
        let b_plan = rounds::round(&mut app.conn(), &Principal::resident(), &b)
            .expect("round")
            .initiatives[0]
            .id
            .to_string();
        let (s, _) = post(
            &app,
            &coord,
            &page_b,
            &format!("/rondes/{b}/plannen/{b_plan}/beoordeling"),
            &[
                ("besluit", "nomineren"),
                ("reason", ""),
                ("taakveld", "5.7"),
                ("bedrag", "3500,00"),
                ("oordeel-1", "meets"),
                ("oordeel-2", "meets"),
                ("oordeel-3", "meets"),
                ("oordeel-4", "meets"),
                ("oordeel-5", "meets"),
            ],
        )
        .await;
        assert_eq!(s, 303, "{backend}");
        let (s, html) = post(
            &app,
            &coord,
            &page_b,
            &format!("/rondes/{b}/stemmen-openen"),
            &[("bevestigd", "ja")],
        )
        .await;
        assert_eq!(s, 422, "{backend}");
        assert!(
            html.contains("€\u{a0}3.000,00") && html.contains("€\u{a0}3.500,00"),
            "{backend}: the amounts"
        );
        ledger_holds(&app, entered, "next round refused");

        // The speeltuin is done: the € 500 not paid goes back to the pool in the same step.
        let s = progress(&app, &ini, &p1, "done", "De speeltuin is open!").await;
        assert_eq!(s, 303, "{backend}");
        assert_eq!(pool_of(&app).0, 350_000, "{backend}: € 3.000 + € 500");
        ledger_holds(&app, entered, "finished");
        let (_, html) = app.get(&anon, &format!("/plannen/{p1}")).await;
        assert!(
            html.contains("€\u{a0}6.000,00")
                && html.contains("€\u{a0}5.500,00")
                && html.contains("€\u{a0}500,00"),
            "{backend}: granted, paid, returned"
        );

        // Now the next round opens and spends it: one paper ballot with next year's code.
        let (s, _) = post(
            &app,
            &coord,
            &page_b,
            &format!("/rondes/{b}/stemmen-openen"),
            &[("bevestigd", "ja")],
        )
        .await;
        assert_eq!(s, 303, "{backend}");
        assert_eq!(pool_of(&app), (350_000, 350_000), "{backend}");
        let next_letters = codes(&app, &adm, year + 1, 1).await;
        let (s, _) = post(
            &app,
            &coord,
            &page_b,
            &format!("/rondes/{b}/papieren-stem"),
            &[
                ("code", next_letters[0].as_str()),
                ("keuze", b_plan.as_str()),
            ],
        )
        .await;
        assert_eq!(s, 200, "{backend}");
        for step in ["tellen", "afsluiten"] {
            if step == "afsluiten" {
                // Committed at once: the objection window has its own tests.
                crate::helpers::without_objection_window(&mut app.conn(), &b);
            }
            let (s, _) = post(
                &app,
                &coord,
                &page_b,
                &format!("/rondes/{b}/{step}"),
                &[("bevestigd", "ja")],
            )
            .await;
            assert_eq!(s, 303, "{backend}: {step}");
        }
        assert_eq!(pool_of(&app), (0, 0), "{backend}: the year's money spent");
        ledger_holds(&app, entered, "next round committed");

        // The village page tells the year: the budget line with its taakveld, the
        // rounds with their turnout, every plan linked, granted, paid and returned.
        let (s, html) = app.get(&anon, "/dorpen/t-loo").await;
        assert_eq!(s, 200, "{backend}");
        assert!(
            html.contains("Openbaar groen (begrotingspost GR-01)"),
            "{backend}"
        );
        assert!(html.contains("Taakveld 5.7"), "{backend}");
        assert!(
            html.contains(&format!("href=\"/plannen/{p1}\"")),
            "{backend}"
        );
        assert!(
            html.contains(&format!("href=\"/plannen/{p2}\"")),
            "{backend}"
        );
        assert!(
            html.contains(&format!("href=\"/plannen/{b_plan}\"")),
            "{backend}"
        );
        assert!(html.contains(&format!("href=\"{page_a}\"")), "{backend}");
        assert!(
            html.contains("3 stemmen van 4 verstuurde codes") && html.contains("75,0%"),
            "{backend}: turnout against the codes issued"
        );
        let rounds_of_year = html.matches("(kwartaal ").count();
        assert_eq!(rounds_of_year, 5, "{backend}: four scheduled and the next");
        assert!(
            !html.contains("table-scroll"),
            "{backend}: nothing scrolls sideways"
        );

        // Phases only went forward: the audit log holds each move once.
        let events: BTreeMap<String, usize> =
            burgerbegroting::db::repo::audit::for_entity(&mut app.conn(), &a)
                .expect("audit")
                .into_iter()
                .fold(BTreeMap::new(), |mut m, e| {
                    *m.entry(e.action).or_insert(0) += 1;
                    m
                });
        for action in [
            "round.review_started",
            "round.voting_opened",
            "round.counted",
            "round.closed",
        ] {
            assert_eq!(events.get(action), Some(&1), "{backend}: {action}");
        }
        let posted = ledger_svc::list_transfers(&mut app.conn(), &reader())
            .expect("transfers")
            .into_iter()
            .filter(|t| t.status == TransferStatus::Posted)
            .count();
        assert!(posted >= 8, "{backend}: {posted} transfers");
    }
}
