//! One village through a Smederij year over real HTTP, on every backend: the coordinator
//! schedules four rounds at once; an initiator submits plans (one whose cost breakdown does
//! not add up is refused, with what was typed kept); the coordinator reviews them by the
//! checklist and rejects one; its initiator objects and the steering group upholds the
//! objection (the plan goes on the ballot); residents vote online and on paper; the round is
//! counted; a resident objects to the result and the steering group rejects that objection;
//! the money is committed; finance pays a plan in two parts (one more than the commitment,
//! refused); the plan is finished and what was not paid returns to the pool; and the next
//! round of the same scheduled year spends that money. After every step the ledger's
//! invariants hold.
//!
//! A test cannot wait for the calendar: where a step needs time to pass (a quarter's plan
//! period, the objection window after the count), the round's dates are moved instead, as
//! if the days had passed. The coordinator moves each round on by hand (its dates lie
//! ahead, so `serve`'s own mover leaves it alone).

use std::collections::BTreeMap;

use burgerbegroting::domain::ledger::TransferStatus;
use burgerbegroting::domain::role::Role;
use burgerbegroting::domain::round::{PlanStatus, RoundId, RoundStatus};
use burgerbegroting::service::ledger as ledger_svc;
use burgerbegroting::service::{rounds, Principal};
use chrono::Datelike;

use crate::helpers::post_page_form as post;
use crate::helpers::*;

const COORD: &str = "regisseur@loo.example";
const INITIATOR: &str = "initiatiefnemer@loo.example";
const CLERK: &str = "financien@gemeente.example";
const APPROVER: &str = "fiatteur@gemeente.example";
const ADMIN: &str = "beheer@gemeente.example";
const STEERING: &str = "stuurgroep@gemeente.example";

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
        .filter(|a| a.kind.as_str() == "funder")
        .map(|a| -a.balance_cents)
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

/// The round's plan period moved so that it runs today, as if the weeks until its quarter
/// had passed (the other dates move along, in order).
fn plans_open_today(app: &TestApp, id: &RoundId) {
    use burgerbegroting::db::schema::rounds as t;
    use diesel::prelude::*;
    let cal = rounds::round(&mut app.conn(), &Principal::resident(), id)
        .expect("round")
        .round
        .calendar
        .expect("a scheduled round has dates");
    let today = rounds::today_nl(burgerbegroting::db::repo::now());
    if cal.accepts_plans_on(today) {
        return;
    }
    let shift = chrono::Duration::days((today - cal.plans_from).num_days());
    diesel::update(t::table.find(id.as_str()))
        .set((
            t::plans_from.eq(cal.plans_from + shift),
            t::plans_until.eq(cal.plans_until + shift),
            t::review_until.eq(cal.review_until + shift),
            t::voting_from.eq(cal.voting_from + shift),
            t::voting_until.eq(cal.voting_until + shift),
        ))
        .execute(&mut app.conn())
        .expect("move the dates");
}

/// A resident votes online with a code from the letter: code, ballot, check, cast. Returns
/// the resident's browser (still signed in with the code).
async fn vote_online(
    app: &TestApp,
    round: &RoundId,
    code: &str,
    plans: &[&str],
) -> reqwest::Client {
    let voter = app.client();
    let (_, page) = app.get(&voter, "/stemmen?gebied=t-loo").await;
    let token = csrf_token(&page);
    let (status, _) = post_form(
        app,
        &voter,
        "/stemmen",
        &[
            ("csrf_token", token.as_str()),
            ("code", code),
            ("gebied", "t-loo"),
        ],
    )
    .await;
    assert_eq!(status, 303, "code accepted");
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
    voter
}

/// Posts a progress update (multipart, as the browser sends it).
async fn progress(app: &TestApp, c: &reqwest::Client, plan: &str, stage: &str, body: &str) -> u16 {
    crate::payments::post_progress_http(app, c, plan, stage, body, None, "")
        .await
        .0
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

/// The coordinator presses a round's button (a confirmed, irreversible step) on its page;
/// (status, body or `Location`).
async fn press(
    app: &TestApp,
    coord: &reqwest::Client,
    round: &RoundId,
    step: &str,
) -> (u16, String) {
    let page = format!("/rondes/{round}");
    post_confirmed(app, coord, &page, &format!("{page}/{step}")).await
}

/// An objection with its reason on its own page (`/plannen/{id}/bezwaar` or
/// `/rondes/{id}/bezwaar`); the status.
async fn object(app: &TestApp, c: &reqwest::Client, page: &str, reason: &str) -> u16 {
    post(app, c, page, page, &[("reason", reason)]).await.0
}

/// A member of the steering group decides the one waiting objection on their page; the
/// status.
async fn decide(app: &TestApp, sg: &reqwest::Client, verdict: &str, reason: &str) -> u16 {
    let to = format!("/stuurgroep/bezwaren/{}", waiting_objection(app));
    let fields = [
        ("verdict", verdict),
        ("reason", reason),
        ("bevestigd", "ja"),
    ];
    post(app, sg, "/stuurgroep/bezwaren", &to, &fields).await.0
}

/// The only objection waiting for the steering group.
fn waiting_objection(app: &TestApp) -> String {
    let sg = burgerbegroting::service::objections::queue(
        &mut app.conn(),
        &staff("lezer-stuurgroep", &[Role::SteeringGroup]),
    )
    .expect("queue");
    assert_eq!(sg.waiting.len(), 1, "one objection waits");
    sg.waiting[0].record.id.clone()
}

#[actix_web::test]
async fn one_village_through_a_smederij_year() {
    for db in TestDb::all() {
        let backend = db.backend;
        let app = TestApp::spawn_on(db).await;
        let small = {
            let mut c = app.conn();
            let small = seed_small(&mut c);
            add_coordinator(&mut c, &app.sealer(), COORD, "", "t-loo");
            small
        };
        app.add_user(INITIATOR, Role::Initiator);
        app.add_user(CLERK, Role::FinanceClerk);
        app.add_user(APPROVER, Role::FinanceApprover);
        app.add_user(ADMIN, Role::Admin);
        app.add_user(STEERING, Role::SteeringGroup);
        let entered: i64 = {
            let mut c = app.conn();
            ledger_svc::all_balances(&mut c, &reader())
                .expect("balances")
                .iter()
                .filter(|a| a.kind.as_str() == "funder")
                .map(|a| -a.balance_cents)
                .sum()
        };
        ledger_holds(&app, entered, "start");
        let coord = app.login(COORD).await;
        let ini = app.login(INITIATOR).await;
        let fin = app.login(CLERK).await;
        let appr = app.login(APPROVER).await;
        let adm = app.login(ADMIN).await;
        let sg = app.login(STEERING).await;
        let anon = app.client();

        // Finance moves € 10.000 from the budget line "Openbaar groen" to 't Loo's pool;
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
                ("amount", "10.000,00"),
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
        assert_eq!(pool_of(&app).0, 1_000_000, "{backend}");

        // Schedule four rounds of € 6.000 at once. A village that does not exist refuses
        // everything, the form keeps what was typed.
        let year = rounds::today_nl(burgerbegroting::db::repo::now()).year();
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
                ("budget", "6.000,00".into()),
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
            html.contains("value=\"6.000,00\"") && html.contains("value=\"Smederij\""),
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
        ledger_holds(&app, entered, "scheduled");
        // The first quarter's round; the second is the next round of the same year.
        let a = round_of(&app, year, 1);
        let b = round_of(&app, year, 2);
        plans_open_today(&app, &a);
        let page_a = format!("/rondes/{a}");

        // The initiator hands in a plan whose cost breakdown does not add up: refused,
        // with the amounts, and everything typed is still in the form.
        let plan_path = format!("/rondes/{a}/plannen");
        let (s, html) = post(
            &app,
            &ini,
            &page_a,
            &plan_path,
            &[
                ("title", "Pannaveld"),
                ("summary", "Een pannaveld achter de school."),
                ("amount", "2.000,00"),
                ("kosten-1-omschrijving", "Doelen"),
                ("kosten-1-bedrag", "1.200,00"),
                ("kosten-2-omschrijving", "Kunstgras"),
                ("kosten-2-bedrag", "500,00"),
            ],
        )
        .await;
        assert_eq!(s, 422, "{backend}");
        assert!(
            html.contains("€\u{a0}1.700,00") && html.contains("€\u{a0}2.000,00"),
            "{backend}: the breakdown's total and the amount asked: {}",
            errors_in(&html)
        );
        for kept in [
            "value=\"Pannaveld\"",
            "Een pannaveld achter de school.",
            "value=\"2.000,00\"",
            "value=\"Doelen\"",
            "value=\"1.200,00\"",
            "value=\"Kunstgras\"",
            "value=\"500,00\"",
        ] {
            assert!(html.contains(kept), "{backend}: {kept} kept");
        }
        // Three plans go in; the speeltuin with a breakdown that adds up.
        for (title, amount, costs) in [
            (
                "Speeltuin bij de kerk",
                "4.500,00",
                [("Toestellen", "4.000,00"), ("Tegels", "500,00")].as_slice(),
            ),
            ("Bankjes langs de dijk", "1.500,00", [].as_slice()),
            ("Gat in de stoep", "1.000,00", [].as_slice()),
        ] {
            let mut form = vec![
                ("title".to_string(), title.to_string()),
                ("summary".into(), "Voor iedereen in 't Loo.".into()),
                ("amount".into(), amount.into()),
            ];
            for (n, (what, cost)) in costs.iter().enumerate() {
                form.push((format!("kosten-{}-omschrijving", n + 1), (*what).into()));
                form.push((format!("kosten-{}-bedrag", n + 1), (*cost).into()));
            }
            let (s, html) = post(&app, &ini, &page_a, &plan_path, &pairs(&form)).await;
            assert_eq!(s, 303, "{backend}: {title}: {}", errors_in(&html));
        }
        let plans: Vec<_> = rounds::round(&mut app.conn(), &Principal::resident(), &a)
            .expect("round")
            .initiatives;
        assert_eq!(plans.len(), 3, "{backend}: the refused plan is not there");
        let (p1, p2, p3) = (
            plans[0].id.to_string(),
            plans[1].id.to_string(),
            plans[2].id.to_string(),
        );
        ledger_holds(&app, entered, "submitted");

        // Review by the checklist: submissions closed early, two plans nominated, the
        // stoep rejected with a public reason and the criterion it fails.
        let (s, _) = press(&app, &coord, &a, "indienen-sluiten").await;
        assert_eq!(s, 303, "{backend}");
        assert_eq!(status_of(&app, &a), RoundStatus::Review, "{backend}");
        let review = |n: usize| format!("/rondes/{a}/plannen/{}/beoordeling", plans[n].id);
        for (n, besluit, reason) in [
            (0, "nomineren", ""),
            (1, "nomineren", ""),
            (2, "afwijzen", "Een stoep is onderhoud van de gemeente."),
        ] {
            let form = review_fields(besluit, reason, plans[n].amount_cents);
            let (s, body) = post(&app, &coord, &page_a, &review(n), &pairs(&form)).await;
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
        let (_, html) = app.get(&anon, &format!("/plannen/{p3}")).await;
        assert!(
            html.contains("Een stoep is onderhoud van de gemeente.")
                && html.contains("Onderhoud, niet eenmalig."),
            "{backend}: the reason and the failed criterion are public"
        );
        ledger_holds(&app, entered, "reviewed");

        // The initiator objects to the rejection; voting cannot open while it waits.
        let why = "Het gat is gevaarlijk voor iedereen met een rollator; de gemeente komt pas over twee jaar.";
        let s = object(&app, &ini, &format!("/plannen/{p3}/bezwaar"), why).await;
        assert_eq!(s, 303, "{backend}");
        let (s, html) = press(&app, &coord, &a, "stemmen-openen").await;
        assert_eq!(s, 422, "{backend}: an objection waits");
        assert!(html.contains("stuurgroep"), "{backend}");
        assert_eq!(status_of(&app, &a), RoundStatus::Review, "{backend}");
        ledger_holds(&app, entered, "objection to the rejection");

        // The steering group upholds it: the stoep goes on the ballot.
        let why = "Veilig lopen is voor het hele dorp; het plan mag op het stembiljet.";
        let s = decide(&app, &sg, "nominate", why).await;
        assert_eq!(s, 303, "{backend}");
        let (_, html) = app.get(&anon, &format!("/plannen/{p3}")).await;
        assert!(
            html.contains("Op het stembiljet gezet")
                && html.contains("Veilig lopen is voor het hele dorp"),
            "{backend}: on the ballot, with the steering group's reason"
        );
        ledger_holds(&app, entered, "objection upheld");

        // Voting opens with three plans: the budget is reserved in the pool.
        let (s, _) = press(&app, &coord, &a, "stemmen-openen").await;
        assert_eq!(s, 303, "{backend}");
        assert_eq!(status_of(&app, &a), RoundStatus::Voting);
        assert_eq!(pool_of(&app), (1_000_000, 600_000), "{backend}");
        let (_, html) = app.get(&anon, "/dorpen/t-loo").await;
        assert!(html.contains("Gereserveerd voor de ronde"), "{backend}");
        ledger_holds(&app, entered, "voting opened");

        // Two residents vote online, one on paper at the village hall.
        let letters = codes(&app, &adm, year, 4).await;
        assert_eq!(letters.len(), 4, "{backend}");
        let resident = vote_online(&app, &a, &letters[0], &[&p1, &p2]).await;
        vote_online(&app, &a, &letters[1], &[&p1, &p2]).await;
        let (s, html) = post(
            &app,
            &coord,
            &page_a,
            &format!("/rondes/{a}/papieren-stem"),
            &[
                ("code", letters[2].as_str()),
                ("keuze", p1.as_str()),
                ("keuze", p3.as_str()),
            ],
        )
        .await;
        assert_eq!(s, 200, "{backend}");
        assert!(html.contains("De stem is opgeslagen."), "{backend}");
        ledger_holds(&app, entered, "voted");

        // Counted: the speeltuin (3 votes) and the bankjes (2) fill the € 6.000; the
        // stoep (1) does not fit any more.
        let (s, _) = press(&app, &coord, &a, "tellen").await;
        assert_eq!(s, 303, "{backend}");
        assert_eq!(status_of(&app, &a), RoundStatus::Counted);
        ledger_holds(&app, entered, "counted");

        // A resident objects to the result with the code from the letter; the money waits.
        let why = "Ik denk dat de papieren stemmen niet zijn meegeteld.";
        let s = object(&app, &resident, &format!("/rondes/{a}/bezwaar"), why).await;
        assert_eq!(s, 303, "{backend}");
        let (s, _) = press(&app, &coord, &a, "afsluiten").await;
        assert_eq!(s, 422, "{backend}: committing waits");
        assert_eq!(pool_of(&app), (1_000_000, 600_000), "{backend}");
        ledger_holds(&app, entered, "objection to the result");

        // The steering group rejects it, with a public reason.
        let why = "De papieren stem is meegeteld; de telling klopt.";
        let s = decide(&app, &sg, "rejected", why).await;
        assert_eq!(s, 303, "{backend}");
        let (_, html) = app.get(&anon, &page_a).await;
        assert!(
            html.contains("Bezwaar afgewezen")
                && html.contains("De papieren stem is meegeteld; de telling klopt."),
            "{backend}: the decision is public on the round page"
        );
        ledger_holds(&app, entered, "objection rejected");

        // The window passes; the coordinator commits: € 6.000 for two plans.
        count_days_ago(&mut app.conn(), &a, 8);
        let (s, _) = press(&app, &coord, &a, "afsluiten").await;
        assert_eq!(s, 303, "{backend}");
        assert_eq!(status_of(&app, &a), RoundStatus::Closed);
        assert_eq!(pool_of(&app), (400_000, 0), "{backend}: € 6.000 committed");
        ledger_holds(&app, entered, "committed");

        // Pay the speeltuin in two parts; a part above what is left is refused.
        let (s, _) = pay(&app, &fin, &p1, "2.000,00", "F-001").await;
        assert_eq!(s, 303, "{backend}");
        ledger_holds(&app, entered, "paid part one");
        let (s, body) = pay(&app, &fin, &p1, "3.000,00", "F-002").await;
        assert_eq!(s, 422, "{backend}: more than the commitment");
        assert!(
            body.contains("€\u{a0}2.500,00") && body.contains("value=\"3.000,00\""),
            "{backend}: the amounts, the input kept"
        );
        ledger_holds(&app, entered, "refused payment");
        let (s, _) = pay(&app, &fin, &p1, "500,00", "F-002").await;
        assert_eq!(s, 303, "{backend}");
        ledger_holds(&app, entered, "paid part two");

        // The next quarter: its round (scheduled with the year) takes a plan of € 6.000.
        // Today the pool holds € 4.000: opening the vote is refused, with the amounts.
        plans_open_today(&app, &b);
        let page_b = format!("/rondes/{b}");
        let (s, _) = post(
            &app,
            &ini,
            &page_b,
            &format!("/rondes/{b}/plannen"),
            &[
                ("title", "Kerstverlichting"),
                ("summary", "Lichtjes in de dorpsstraat."),
                ("amount", "6.000,00"),
            ],
        )
        .await;
        assert_eq!(s, 303, "{backend}");
        let b_plan = rounds::round(&mut app.conn(), &Principal::resident(), &b)
            .expect("round")
            .initiatives[0]
            .id
            .to_string();
        let (s, body) = post(
            &app,
            &coord,
            &page_b,
            &format!("/rondes/{b}/plannen/{b_plan}/beoordeling"),
            &pairs(&review_fields("nomineren", "", 600_000)),
        )
        .await;
        assert_eq!(s, 303, "{backend}: {}", errors_in(&body));
        let (s, html) = press(&app, &coord, &b, "stemmen-openen").await;
        assert_eq!(s, 422, "{backend}");
        assert!(
            html.contains("€\u{a0}4.000,00") && html.contains("€\u{a0}6.000,00"),
            "{backend}: the amounts: {}",
            errors_in(&html)
        );
        ledger_holds(&app, entered, "next round refused");

        // The speeltuin is done: the € 2.000 not paid goes back to the pool in the same step.
        let s = progress(&app, &ini, &p1, "done", "De speeltuin is open!").await;
        assert_eq!(s, 303, "{backend}");
        assert_eq!(pool_of(&app).0, 600_000, "{backend}: € 4.000 + € 2.000");
        ledger_holds(&app, entered, "finished");
        let (_, html) = app.get(&anon, &format!("/plannen/{p1}")).await;
        assert!(
            html.contains("€\u{a0}4.500,00")
                && html.contains("€\u{a0}2.500,00")
                && html.contains("€\u{a0}2.000,00"),
            "{backend}: granted, paid, returned"
        );

        // Now the next round opens and spends it: one vote online with a code of this
        // year that voted in the first round too, one on paper.
        let (s, _) = press(&app, &coord, &b, "stemmen-openen").await;
        assert_eq!(s, 303, "{backend}");
        assert_eq!(pool_of(&app), (600_000, 600_000), "{backend}");
        vote_online(&app, &b, &letters[0], &[&b_plan]).await;
        let (s, _) = post(
            &app,
            &coord,
            &page_b,
            &format!("/rondes/{b}/papieren-stem"),
            &[("code", letters[3].as_str()), ("keuze", b_plan.as_str())],
        )
        .await;
        assert_eq!(s, 200, "{backend}");
        let (s, _) = press(&app, &coord, &b, "tellen").await;
        assert_eq!(s, 303, "{backend}: count");
        // Nobody objects; the window passes.
        count_days_ago(&mut app.conn(), &b, 8);
        let (s, _) = press(&app, &coord, &b, "afsluiten").await;
        assert_eq!(s, 303, "{backend}: commit");
        assert_eq!(pool_of(&app), (0, 0), "{backend}: the year's money spent");
        ledger_holds(&app, entered, "next round committed");

        // The village page tells the year: the budget line with its taakveld, the
        // rounds with their turnout, every plan with where it stands, linked, and the
        // funded ones with granted, paid and returned.
        let (s, html) = app.get(&anon, "/dorpen/t-loo").await;
        assert_eq!(s, 200, "{backend}");
        assert_contains_all(
            &html,
            &["Openbaar groen (begrotingspost GR-01)", "Taakveld 5.7"],
            backend,
        );
        for plan in [&p1, &p2, &p3, &b_plan] {
            assert!(
                html.contains(&format!("href=\"/plannen/{plan}\"")),
                "{backend}: every plan linked"
            );
        }
        assert!(
            html.contains(&format!("Alle plannen in {year}"))
                && html.contains("Gekozen en klaar")
                && html.contains("Niet gekozen"),
            "{backend}: every plan with where it stands"
        );
        assert!(html.contains(&format!("href=\"{page_a}\"")), "{backend}");
        assert!(
            html.contains("3 stemmen van 4 verstuurde codes") && html.contains("75,0%"),
            "{backend}: turnout against the codes issued"
        );
        assert!(
            html.contains("2 stemmen van 4 verstuurde codes") && html.contains("50,0%"),
            "{backend}: the next round's turnout"
        );
        let rounds_of_year = html.matches("(kwartaal ").count();
        assert_eq!(rounds_of_year, 4, "{backend}: the four scheduled rounds");
        assert!(
            !html.contains("table-scroll"),
            "{backend}: nothing scrolls sideways"
        );

        // The objections and their decisions are public in the API too.
        let r = anon
            .get(app.url(&format!("/api/v1/rounds/{a}/objections")))
            .send()
            .await
            .expect("api");
        assert_eq!(r.status(), 200, "{backend}");
        let v: serde_json::Value = r.json().await.expect("json");
        let verdicts: Vec<(&str, bool)> = v["objections"]
            .as_array()
            .expect("list")
            .iter()
            .map(|o| {
                (
                    o["decision"]["verdict"].as_str().unwrap_or(""),
                    o["decision"]["upheld"].as_bool().unwrap_or(false),
                )
            })
            .collect();
        assert_eq!(
            verdicts,
            [("nominate", true), ("rejected", false)],
            "{backend}"
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
