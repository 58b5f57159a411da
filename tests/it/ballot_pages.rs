//! The resident's ballot over real HTTP: code → voter page → ballot → check → review →
//! cast → receipt, one ballot per code (also when the button is pressed twice), and the
//! guards (other area, no session, no form token, round not in voting).

// Amounts in cents are written as euros_cents: 2_500_00 is € 2.500,00.
#![allow(clippy::inconsistent_digit_grouping)]

use burgerbegroting::db::repo::rounds as q;
use burgerbegroting::db::DbConn;
use burgerbegroting::domain::money::format_eur;
use burgerbegroting::domain::round::{BallotProblem, BallotRule, CountRule, Plan};
use burgerbegroting::domain::voting_code::VotingCode;
use burgerbegroting::service::ledger as ledger_svc;
use burgerbegroting::service::rounds::{self, InitiativeInput, RoundInput, RoundView};
use burgerbegroting::service::voting_codes as codes_svc;
use burgerbegroting::service::Principal;
use burgerbegroting::views::ballot::Notice;

use crate::helpers::{admin, csrf_token, location, post_form, sign_in, TestApp, TestDb};

/// Two areas with codes for 2027; in area A a voting approval round (at most 2 of 3
/// nominated plans, one plan rejected), a voting knapsack round and a round that is still
/// open for plans; in area B a voting round.
struct World {
    a: String,
    b: String,
    codes_a: Vec<VotingCode>,
    codes_b: Vec<VotingCode>,
    round: RoundView,
    plans: Vec<Plan>,
    rejected: Plan,
    knapsack: RoundView,
    knapsack_plans: Vec<Plan>,
    later: RoundView,
    other: RoundView,
}

fn new_round(
    c: &mut DbConn,
    area: &str,
    quarter: i32,
    title: &str,
    budget: i64,
    rule: BallotRule,
) -> RoundView {
    rounds::create_round(
        c,
        &admin(),
        &RoundInput {
            area_slug: area.to_string(),
            year: 2027,
            quarter,
            title: title.to_string(),
            budget_cents: budget,
            ballot_rule: rule,
            count_rule: CountRule::Greedy,
            calendar: None,
        },
    )
    .expect("round")
}

fn plan(c: &mut DbConn, round: &RoundView, title: &str, cents: i64) -> Plan {
    rounds::submit_initiative(
        c,
        &admin(),
        &round.round.id,
        &InitiativeInput {
            title: title.to_string(),
            summary: format!("Samenvatting: {title}."),
            amount_cents: cents,
            taakveld: "5.7".to_string(),
        },
    )
    .expect("plan")
}

fn nominate(c: &mut DbConn, p: &Plan) {
    crate::helpers::nominate(c, &admin(), &p.id).expect("nominate");
}

fn open(c: &mut DbConn, r: &RoundView) -> RoundView {
    // Opening reserves the budget in the pool: put it there first.
    crate::helpers::fund_pool(c, &r.area.slug, r.round.budget_cents);
    rounds::open_voting(c, &admin(), &r.round.id).expect("open voting")
}

fn world(app: &TestApp) -> World {
    let mut c = app.conn();
    let c = &mut *c;
    let a = ledger_svc::create_area(c, &admin(), "Oosterwolde", "dorp")
        .expect("area a")
        .slug;
    let b = ledger_svc::create_area(c, &admin(), "Wezep", "dorp")
        .expect("area b")
        .slug;
    let codes_a = codes_svc::generate_batch(c, &admin(), &a, 2027, 4)
        .expect("codes a")
        .codes;
    let codes_b = codes_svc::generate_batch(c, &admin(), &b, 2027, 2)
        .expect("codes b")
        .codes;

    let round = new_round(
        c,
        &a,
        1,
        "Groen in Oosterwolde",
        10_000_00,
        BallotRule::Approval {
            max_choices: Some(2),
        },
    );
    let plans = vec![
        plan(c, &round, "Bankjes bij de vijver", 2_500_00),
        plan(c, &round, "Speeltuin opknappen", 4_000_00),
        plan(c, &round, "Bloembakken in de Dorpsstraat", 1_250_50),
    ];
    let rejected = plan(c, &round, "Nieuwe parkeerplaats", 3_000_00);
    for p in &plans {
        nominate(c, p);
    }
    crate::helpers::reject(c, &admin(), &rejected.id, "Past niet in de regels.").expect("reject");
    let round = open(c, &round);

    let knapsack = new_round(
        c,
        &a,
        2,
        "Sport in Oosterwolde",
        5_000_00,
        BallotRule::Knapsack,
    );
    let knapsack_plans = vec![
        plan(c, &knapsack, "Jeu-de-boulesbaan", 3_000_00),
        plan(c, &knapsack, "Picknicktafels", 2_500_00),
    ];
    for p in &knapsack_plans {
        nominate(c, p);
    }
    let knapsack = open(c, &knapsack);

    let later = new_round(
        c,
        &a,
        3,
        "Verkeer in Oosterwolde",
        5_000_00,
        BallotRule::Approval { max_choices: None },
    );
    plan(c, &later, "Drempels", 1_000_00);

    let other = new_round(
        c,
        &b,
        1,
        "Groen in Wezep",
        5_000_00,
        BallotRule::Approval { max_choices: None },
    );
    let p = plan(c, &other, "Bomen langs de Stationsweg", 2_000_00);
    nominate(c, &p);
    let other = open(c, &other);

    World {
        a,
        b,
        codes_a,
        codes_b,
        round,
        plans,
        rejected,
        knapsack,
        knapsack_plans,
        later,
        other,
    }
}

/// The form fields for a choice: the token and one `keuze` per plan.
fn fields<'a>(token: &'a str, plans: &[&'a Plan]) -> Vec<(&'a str, &'a str)> {
    let mut f = vec![("csrf_token", token)];
    f.extend(plans.iter().map(|p| ("keuze", p.id.as_str())));
    f
}

/// Whether the checkbox for plan `id` is ticked on the page.
fn ticked(page: &str, id: &str) -> bool {
    let marker = "type=\"checkbox\" id=\"keuze-";
    page.match_indices(marker).any(|(i, _)| {
        let tag = &page[i..i + page[i..].find('>').unwrap_or(0)];
        tag.contains(&format!("value=\"{id}\"")) && tag.contains(" checked")
    })
}

fn ballots(app: &TestApp, round: &RoundView) -> Vec<(String, Vec<String>)> {
    let mut c = app.conn();
    q::ballots_of(&mut c, &round.round.id)
        .expect("ballots")
        .into_iter()
        .map(|(b, ids)| (b.tracker, ids.into_iter().map(|i| i.0).collect()))
        .collect()
}

fn ballot_path(w: &World, r: &RoundView) -> String {
    format!("/stemmen/{}/rondes/{}", w.a, r.round.id)
}

#[actix_web::test]
async fn a_resident_votes_once_and_gets_a_receipt() {
    for db in TestDb::all() {
        let backend = db.backend;
        let app = TestApp::spawn_on(db).await;
        let w = world(&app);
        let client = app.client();
        sign_in(&app, &client, &w.codes_a[0], &w.a).await;
        let path = ballot_path(&w, &w.round);

        // The voter page lists the two voting rounds of the area, not the open one nor
        // area B's.
        let (s, home) = app.get(&client, &format!("/stemmen/{}", w.a)).await;
        assert_eq!(s, 200, "{backend}");
        assert!(home.contains("Groen in Oosterwolde"), "{backend}: {home}");
        assert!(home.contains("Sport in Oosterwolde"), "{backend}");
        assert!(
            !home.contains("Verkeer in Oosterwolde"),
            "{backend}: not in voting"
        );
        assert!(!home.contains("Groen in Wezep"), "{backend}: other area");
        assert!(!home.contains("nog geen stemronde open"), "{backend}");
        assert_eq!(home.matches("Stem in deze ronde").count(), 2, "{backend}");
        assert!(home.contains(&format!("href=\"{path}\"")), "{backend}");
        assert!(!home.contains("U hebt in deze ronde gestemd"), "{backend}");

        // The ballot: nominated plans only, with amounts, the rule, a fieldset.
        let (s, page) = app.get(&client, &path).await;
        assert_eq!(s, 200, "{backend}");
        for p in &w.plans {
            assert!(page.contains(&p.title), "{backend}: {}", p.title);
            assert!(page.contains(&format_eur(p.amount_cents)), "{backend}");
            assert!(page.contains(&format!("value=\"{}\"", p.id)), "{backend}");
            assert!(!ticked(&page, &p.id), "{backend}: nothing ticked yet");
        }
        assert!(
            !page.contains(&w.rejected.title),
            "{backend}: rejected plan shown"
        );
        assert!(!page.contains(w.rejected.id.as_str()), "{backend}");
        assert_eq!(page.matches("name=\"keuze\"").count(), 3, "{backend}");
        assert!(page.contains("Kies de plannen die u steunt"), "{backend}");
        assert!(page.contains("hoogstens 2 plannen"), "{backend}");
        assert!(page.contains(&format_eur(10_000_00)), "{backend}: budget");
        assert!(
            page.contains("<fieldset class=\"ballot\" id=\"keuzes\""),
            "{backend}"
        );
        assert!(page.contains("<legend>"), "{backend}");
        assert!(page.contains("label for=\"keuze-1\""), "{backend}");
        assert!(page.contains("Controleer uw keuze"), "{backend}");
        assert!(
            !page.contains("<script") && !page.contains("style="),
            "{backend}"
        );
        let token = csrf_token(&page);

        // Too many plans: 422, the Dutch message linked from the summary, ticks kept,
        // nothing stored.
        let all: Vec<&Plan> = w.plans.iter().collect();
        let (s, page) = post_form(
            &app,
            &client,
            &format!("{path}/controleren"),
            &fields(&token, &all),
        )
        .await;
        assert_eq!(s, 422, "{backend}");
        let msg = BallotProblem::TooMany { max: 2, chosen: 3 }.to_string();
        assert!(page.contains(&msg), "{backend}: {page}");
        assert!(
            page.contains("href=\"#keuzes\""),
            "{backend}: summary links to the fieldset"
        );
        assert!(
            page.contains("aria-describedby=\"keuzes-hint keuzes-error\""),
            "{backend}"
        );
        assert!(page.contains("<title>Fout:"), "{backend}");
        for p in &w.plans {
            assert!(ticked(&page, &p.id), "{backend}: tick kept for {}", p.title);
        }
        // A rejected plan is not on the ballot either.
        let (s, page) = post_form(
            &app,
            &client,
            &format!("{path}/controleren"),
            &fields(&token, &[&w.rejected]),
        )
        .await;
        assert_eq!(s, 422, "{backend}");
        assert!(
            page.contains(&BallotProblem::NotOnBallot.to_string()),
            "{backend}"
        );
        // Nothing ticked.
        let (s, page) = post_form(
            &app,
            &client,
            &format!("{path}/controleren"),
            &fields(&token, &[]),
        )
        .await;
        assert_eq!(s, 422, "{backend}");
        assert!(
            page.contains(&BallotProblem::Empty.to_string()),
            "{backend}"
        );

        // Two plans: the review page, still nothing stored.
        let two = [&w.plans[2], &w.plans[0]];
        let (s, review) = post_form(
            &app,
            &client,
            &format!("{path}/controleren"),
            &fields(&token, &two),
        )
        .await;
        assert_eq!(s, 200, "{backend}");
        assert!(review.contains("Controleer uw stem"), "{backend}");
        assert!(
            review.contains(&w.plans[0].title) && review.contains(&w.plans[2].title),
            "{backend}"
        );
        assert!(!review.contains(&w.plans[1].title), "{backend}");
        assert!(
            review.contains(&format_eur(2_500_00 + 1_250_50)),
            "{backend}: total"
        );
        assert!(review.contains("niet meer veranderen"), "{backend}");
        assert!(review.contains("Stem definitief uitbrengen"), "{backend}");
        assert!(review.contains("Keuze aanpassen"), "{backend}");
        for p in two {
            assert_eq!(
                review
                    .matches(&format!(
                        "type=\"hidden\" name=\"keuze\" value=\"{}\"",
                        p.id
                    ))
                    .count(),
                2,
                "{backend}: in both forms"
            );
        }
        assert!(
            review.contains(&format!("action=\"{path}/uitbrengen\"")),
            "{backend}"
        );
        assert!(
            ballots(&app, &w.round).is_empty(),
            "{backend}: checking stores nothing"
        );

        // "Keuze aanpassen" goes back to the ballot with the two ticks.
        let mut back = fields(&token, &two);
        back.push(("terug", "1"));
        let (s, page) = post_form(&app, &client, &format!("{path}/controleren"), &back).await;
        assert_eq!(s, 200, "{backend}");
        assert!(page.contains("Controleer uw keuze"), "{backend}");
        assert!(
            ticked(&page, &w.plans[0].id) && ticked(&page, &w.plans[2].id),
            "{backend}"
        );
        assert!(!ticked(&page, &w.plans[1].id), "{backend}");
        assert!(!page.contains("error-summary"), "{backend}");

        // Cast: the receipt shows the stored tracker.
        let (s, receipt) = post_form(
            &app,
            &client,
            &format!("{path}/uitbrengen"),
            &fields(&token, &two),
        )
        .await;
        assert_eq!(s, 200, "{backend}: {receipt}");
        let stored = ballots(&app, &w.round);
        assert_eq!(stored.len(), 1, "{backend}");
        let (tracker, ids) = &stored[0];
        // The stored choices, in any order (the repository does not promise one).
        let mut ids = ids.clone();
        ids.sort();
        let mut want = vec![w.plans[0].id.clone(), w.plans[2].id.clone()];
        want.sort();
        assert_eq!(ids, want, "{backend}");
        let (g1, g2) = tracker.split_once('-').expect("two groups");
        assert!(
            receipt.contains(&format!("<span>{g1}</span>")),
            "{backend}: {receipt}"
        );
        assert!(receipt.contains(&format!("<span>{g2}</span>")), "{backend}");
        assert!(receipt.contains("Bewaar deze code."), "{backend}");
        assert!(
            receipt.contains(&w.plans[0].title) && receipt.contains(&w.plans[2].title),
            "{backend}: the chosen plans"
        );
        assert!(!receipt.contains(&w.plans[1].title), "{backend}");
        assert!(receipt.contains("openbare lijst"), "{backend}");
        // Where the receipt will appear: the round's result (the search there), and the log.
        assert!(
            receipt.contains(&format!(
                "href=\"/rondes/{}?controlecode={tracker}#uw-stem\"",
                w.round.round.id
            )),
            "{backend}: {receipt}"
        );
        assert!(
            receipt.contains(&format!("href=\"/audit?controlecode={tracker}\"")),
            "{backend}"
        );
        assert!(
            receipt.contains(&format!("href=\"/stemmen/{}\"", w.a)),
            "{backend}"
        );
        assert!(receipt.contains("action=\"/stemmen/stoppen\""), "{backend}");

        // The same code again (the button pressed twice, or another tab): refused, still
        // one ballot.
        let (s, again) = post_form(
            &app,
            &client,
            &format!("{path}/uitbrengen"),
            &fields(&token, &[&w.plans[1]]),
        )
        .await;
        assert_eq!(s, 409, "{backend}");
        assert!(
            again.contains(&Notice::AlreadyVoted.text()),
            "{backend}: {again}"
        );
        assert!(!again.contains(tracker.as_str()), "{backend}");
        assert_eq!(
            ballots(&app, &w.round).len(),
            1,
            "{backend}: exactly one ballot"
        );
        {
            let mut c = app.conn();
            assert_eq!(
                q::participation_count(&mut c, &w.round.round.id).expect("count"),
                1
            );
        }

        // The voter page says so, and the ballot is not offered again.
        let (_, home) = app.get(&client, &format!("/stemmen/{}", w.a)).await;
        assert!(home.contains("U hebt in deze ronde gestemd"), "{backend}");
        assert_eq!(
            home.matches("Stem in deze ronde").count(),
            1,
            "{backend}: only the knapsack round"
        );
        let (s, page) = app.get(&client, &path).await;
        assert_eq!(s, 200, "{backend}");
        assert!(page.contains(&Notice::AlreadyVoted.text()), "{backend}");
        assert!(!page.contains("name=\"keuze\""), "{backend}");
        let (s, page) = post_form(
            &app,
            &client,
            &format!("{path}/controleren"),
            &fields(&token, &[&w.plans[1]]),
        )
        .await;
        assert_eq!(s, 409, "{backend}");
        assert!(page.contains(&Notice::AlreadyVoted.text()), "{backend}");

        // Knapsack: the rule in words, and a choice over the budget is refused.
        let kpath = ballot_path(&w, &w.knapsack);
        let (s, page) = app.get(&client, &kpath).await;
        assert_eq!(s, 200, "{backend}");
        assert!(
            page.contains(&format!(
                "Kies plannen die samen niet meer kosten dan {}",
                format_eur(5_000_00)
            )),
            "{backend}"
        );
        let both: Vec<&Plan> = w.knapsack_plans.iter().collect();
        let (s, page) = post_form(
            &app,
            &client,
            &format!("{kpath}/uitbrengen"),
            &fields(&token, &both),
        )
        .await;
        assert_eq!(s, 422, "{backend}");
        let over = BallotProblem::OverBudget {
            total_cents: 5_500_00,
            budget_cents: 5_000_00,
        };
        assert!(page.contains(&over.to_string()), "{backend}: {page}");
        assert!(
            both.iter().all(|p| ticked(&page, &p.id)),
            "{backend}: ticks kept"
        );
        assert!(ballots(&app, &w.knapsack).is_empty(), "{backend}");
    }
}

#[actix_web::test]
async fn pressing_the_button_twice_at_once_stores_one_ballot() {
    for db in TestDb::all() {
        let backend = db.backend;
        let app = TestApp::spawn_on(db).await;
        let w = world(&app);
        let client = app.client();
        sign_in(&app, &client, &w.codes_a[1], &w.a).await;
        let path = ballot_path(&w, &w.round);
        let (_, page) = app.get(&client, &path).await;
        let token = csrf_token(&page);
        let f = fields(&token, &[&w.plans[1]]);
        let url = format!("{path}/uitbrengen");
        let (one, two) = tokio::join!(
            post_form(&app, &client, &url, &f),
            post_form(&app, &client, &url, &f)
        );
        let mut statuses = [one.0, two.0];
        statuses.sort_unstable();
        assert_eq!(statuses, [200, 409], "{backend}");
        let refused = if one.0 == 409 { &one.1 } else { &two.1 };
        assert!(refused.contains(&Notice::AlreadyVoted.text()), "{backend}");
        assert_eq!(ballots(&app, &w.round).len(), 1, "{backend}: one ballot");
    }
}

#[actix_web::test]
async fn ballot_pages_keep_to_the_voters_area_session_and_form_token() {
    for db in TestDb::all() {
        let backend = db.backend;
        let app = TestApp::spawn_on(db).await;
        let w = world(&app);
        let client = app.client();
        sign_in(&app, &client, &w.codes_a[2], &w.a).await;
        let (_, page) = app.get(&client, &format!("/stemmen/{}", w.a)).await;
        let token = csrf_token(&page);
        let other_plans = {
            let mut c = app.conn();
            rounds::round(&mut c, &Principal::resident(), &w.other.round.id)
                .expect("round")
                .initiatives
        };
        let other_plan = &other_plans[0];

        // Area B's round through area B's address: back to the voter's own area.
        let r = client
            .get(app.url(&format!("/stemmen/{}/rondes/{}", w.b, w.other.round.id)))
            .send()
            .await
            .expect("get");
        assert_eq!(r.status(), 303, "{backend}");
        assert_eq!(location(&r), format!("/stemmen/{}", w.a), "{backend}");
        // Area B's round under area A's address: not there.
        let bpath = format!("/stemmen/{}/rondes/{}", w.a, w.other.round.id);
        let (s, _) = app.get(&client, &bpath).await;
        assert_eq!(s, 404, "{backend}");
        let (s, _) = post_form(
            &app,
            &client,
            &format!("{bpath}/controleren"),
            &fields(&token, &[other_plan]),
        )
        .await;
        assert_eq!(s, 404, "{backend}");
        let (s, _) = post_form(
            &app,
            &client,
            &format!("{bpath}/uitbrengen"),
            &fields(&token, &[other_plan]),
        )
        .await;
        assert_eq!(s, 404, "{backend}");
        let (status, _) = post_form(
            &app,
            &client,
            &format!("/stemmen/{}/rondes/{}/uitbrengen", w.b, w.other.round.id),
            &fields(&token, &[other_plan]),
        )
        .await;
        assert_eq!(status, 303, "{backend}");
        assert!(
            ballots(&app, &w.other).is_empty(),
            "{backend}: no ballot in area B"
        );
        // An unknown round.
        let (s, _) = app
            .get(&client, &format!("/stemmen/{}/rondes/bestaat-niet", w.a))
            .await;
        assert_eq!(s, 404, "{backend}");

        // A round that is not in voting yet: a message, and casting is refused.
        let lpath = ballot_path(&w, &w.later);
        let (s, page) = app.get(&client, &lpath).await;
        assert_eq!(s, 200, "{backend}");
        assert!(page.contains(&Notice::NotVoting.text()), "{backend}");
        assert!(!page.contains("name=\"keuze\""), "{backend}");
        let later_plan = {
            let mut c = app.conn();
            rounds::round(&mut c, &Principal::resident(), &w.later.round.id)
                .expect("round")
                .initiatives[0]
                .clone()
        };
        let (s, page) = post_form(
            &app,
            &client,
            &format!("{lpath}/uitbrengen"),
            &fields(&token, &[&later_plan]),
        )
        .await;
        assert_eq!(s, 409, "{backend}");
        assert!(page.contains(&Notice::NotVoting.text()), "{backend}");
        assert!(ballots(&app, &w.later).is_empty(), "{backend}");

        // Without the form token: refused before anything happens.
        let path = ballot_path(&w, &w.round);
        let no_token = [("keuze", w.plans[0].id.as_str())];
        let (s, _) = post_form(&app, &client, &format!("{path}/controleren"), &no_token).await;
        assert_eq!(s, 403, "{backend}");
        let (s, _) = post_form(&app, &client, &format!("{path}/uitbrengen"), &no_token).await;
        assert_eq!(s, 403, "{backend}");
        let wrong = [
            ("csrf_token", "0".repeat(64)),
            ("keuze", w.plans[0].id.to_string()),
        ];
        let (status, _) = post_form(&app, &client, &format!("{path}/uitbrengen"), &wrong).await;
        assert_eq!(status, 403, "{backend}");
        assert!(
            ballots(&app, &w.round).is_empty(),
            "{backend}: nothing stored"
        );

        // Not signed in: to the code page of the area, for reading and for casting.
        let fresh = app.client();
        let r = fresh.get(app.url(&path)).send().await.expect("get");
        assert_eq!(r.status(), 303, "{backend}");
        assert_eq!(
            location(&r),
            format!("/stemmen?gebied={}", w.a),
            "{backend}"
        );
        let (_, code_page) = app.get(&fresh, &format!("/stemmen?gebied={}", w.a)).await;
        let fresh_token = csrf_token(&code_page);
        let r = fresh
            .post(app.url(&format!("{path}/uitbrengen")))
            .form(&fields(&fresh_token, &[&w.plans[0]]))
            .send()
            .await
            .expect("post");
        assert_eq!(r.status(), 303, "{backend}");
        assert_eq!(
            location(&r),
            format!("/stemmen?gebied={}", w.a),
            "{backend}"
        );
        assert!(ballots(&app, &w.round).is_empty(), "{backend}");

        // After "Stoppen" the session is gone for the ballot too.
        let (s, _) = post_form(
            &app,
            &client,
            "/stemmen/stoppen",
            &[("csrf_token", token.as_str())],
        )
        .await;
        assert_eq!(s, 303, "{backend}");
        let r = client.get(app.url(&path)).send().await.expect("get");
        assert_eq!(r.status(), 303, "{backend}");
        assert_eq!(
            location(&r),
            format!("/stemmen?gebied={}", w.a),
            "{backend}"
        );

        // A voter of area B votes in their own round.
        let b_client = app.client();
        sign_in(&app, &b_client, &w.codes_b[0], &w.b).await;
        let (_, page) = app.get(&b_client, &format!("/stemmen/{}", w.b)).await;
        let b_token = csrf_token(&page);
        let (s, _) = post_form(
            &app,
            &b_client,
            &format!("/stemmen/{}/rondes/{}/uitbrengen", w.b, w.other.round.id),
            &fields(&b_token, &[other_plan]),
        )
        .await;
        assert_eq!(s, 200, "{backend}");
        assert_eq!(ballots(&app, &w.other).len(), 1, "{backend}");
    }
}
