//! Reviewing plans on every backend: the area's checklist with a verdict per criterion
//! (public on the plan page, audited), a rejection that names the criteria it fails, a
//! cost breakdown that must add up (refused with everything typed kept), an amount
//! correction with its public explanation (and the frozen rules using it), the area's
//! eligibility rule (Hoogeveen's waiting time), the taakveld assigned at review, and who
//! may review.

use burgerbegroting::db::DbConn;
use burgerbegroting::domain::review::{Decision, Verdict, VerdictInput};
use burgerbegroting::domain::role::Role;
use burgerbegroting::domain::round::{Plan, PlanId, PlanStatus, RoundId};
use burgerbegroting::service::ledger as ledger_svc;
use burgerbegroting::service::plan_review::{self as pr, FormError, PlanSubmission, ReviewInput};
use burgerbegroting::service::rounds::{self, Channel, InitiativeInput};
use burgerbegroting::service::{plans, voting_codes, Principal, ServiceError};

use crate::helpers::post_page_form as post;
use crate::helpers::*;

const LOO: &str = "loo-review@example.nl";
const INITIATOR: &str = "indiener-review@example.nl";

fn area(c: &mut DbConn, name: &str) -> String {
    let a = ledger_svc::create_area(c, &admin(), name, "dorp").expect("area");
    fund_pool(c, &a.slug, 10_000_000);
    a.slug
}

fn round_in(c: &mut DbConn, slug: &str, year: i32, quarter: i32) -> RoundId {
    rounds::create_round(
        c,
        &admin(),
        &round_input(slug, year, quarter, format!("Ronde {quarter}"), 1_000_000),
    )
    .expect("round")
    .round
    .id
}

/// A funded village `name` with its 2027 Q1 round, and an initiator `ini_id`.
fn spring_round(c: &mut DbConn, name: &str, ini_id: &str) -> (String, RoundId, Principal) {
    let slug = area(c, name);
    let round = round_in(c, &slug, 2027, 1);
    (slug, round, staff(ini_id, &[Role::Initiator]))
}

/// [`spring_round`] on a new connection to `db` (which keeps its pool alive).
fn spring_round_on(
    db: &TestDb,
    name: &str,
    ini_id: &str,
) -> (
    diesel::r2d2::PooledConnection<burgerbegroting::db::conn::Manager>,
    RoundId,
    Principal,
) {
    let mut c = db.pool().get().expect("conn");
    let (_, round, ini) = spring_round(&mut c, name, ini_id);
    (c, round, ini)
}

/// The fields an administrator's review `review` of `plan` is refused on; `why` names
/// the case when it is accepted instead.
fn review_refused(c: &mut DbConn, plan: &PlanId, review: &ReviewInput, why: &str) -> Vec<String> {
    fields(pr::save_review(c, &admin(), plan, review, Vec::new()).expect_err(why))
}

fn submit(
    c: &mut DbConn,
    who: &Principal,
    round: &RoundId,
    amount: i64,
) -> Result<Plan, ServiceError> {
    rounds::submit_initiative(
        c,
        who,
        round,
        &InitiativeInput {
            title: "Bankjes".into(),
            summary: "Drie bankjes bij de speeltuin.".into(),
            amount_cents: amount,
            taakveld: String::new(),
        },
    )
}

fn input(decision: Decision, verdicts: &[Option<Verdict>]) -> ReviewInput {
    ReviewInput {
        decision,
        verdicts: verdicts
            .iter()
            .map(|v| VerdictInput {
                verdict: *v,
                note: match v {
                    Some(Verdict::Fails) => "Niet veilig bij de drukke weg".into(),
                    _ => String::new(),
                },
            })
            .collect(),
        taakveld: "5.7".into(),
        amount_cents: None,
        explanation: String::new(),
        reason: String::new(),
    }
}

fn fields(e: FormError) -> Vec<String> {
    match e {
        FormError::Fields(f) => f.into_iter().map(|(f, _)| f).collect(),
        FormError::Service(e) => panic!("expected form problems, got {e:?}"),
    }
}

/// The `after` of every audit event with this action, oldest first.
fn events(c: &mut DbConn, action: &str) -> Vec<serde_json::Value> {
    burgerbegroting::db::repo::audit::list(c, 0, 100_000)
        .expect("events")
        .into_iter()
        .filter(|e| e.action == action)
        .map(|e| {
            let v: serde_json::Value = serde_json::from_str(&e.payload).expect("json");
            v["after"].clone()
        })
        .collect()
}

const MEETS: Option<Verdict> = Some(Verdict::Meets);
const FAILS: Option<Verdict> = Some(Verdict::Fails);

#[test]
fn verdicts_per_criterion_nominating_needs_all_and_a_rejection_names_its_criteria() {
    for db in TestDb::all() {
        let (mut c, round, ini) = spring_round_on(&db, "Hattemerbroek", "ini-verdicts");
        let plan = submit(&mut c, &ini, &round, 150_000).expect("plan");
        let other = submit(&mut c, &ini, &round, 90_000).expect("plan 2");

        // Two of five judged and saved: the plan waits, the verdicts are stored and audited.
        let saved = pr::save_review(
            &mut c,
            &admin(),
            &plan.id,
            &input(Decision::Save, &[MEETS, MEETS, None, None, None]),
            Vec::new(),
        )
        .expect("save");
        assert_eq!(saved.status, PlanStatus::Submitted, "{}", db.backend);
        let page = plans::plan_page(&mut c, &Principal::resident(), &plan.id).expect("page");
        assert_eq!(page.review.verdicts.len(), 2, "{}", db.backend);
        assert_eq!(page.review.verdicts[0].criterion, "Veilig");
        let audited = events(&mut c, "initiative.verdicts_saved");
        assert_eq!(audited.len(), 1, "{}", db.backend);
        assert_eq!(audited[0][0]["verdict"], "meets");

        // Nominating names every criterion not judged; nothing changes.
        let problems = review_refused(
            &mut c,
            &plan.id,
            &input(Decision::Nominate, &[MEETS, MEETS, None, None, None]),
            "not all judged",
        );
        assert_eq!(
            problems,
            ["oordeel-3", "oordeel-4", "oordeel-5"],
            "{}",
            db.backend
        );
        // A failed criterion cannot be nominated either.
        let problems = review_refused(
            &mut c,
            &plan.id,
            &input(Decision::Nominate, &[MEETS, MEETS, MEETS, MEETS, FAILS]),
            "fails one",
        );
        assert_eq!(problems, ["oordeel-5"], "{}", db.backend);
        let nominated = pr::save_review(
            &mut c,
            &admin(),
            &plan.id,
            &input(Decision::Nominate, &[MEETS; 5]),
            Vec::new(),
        )
        .expect("nominate");
        assert_eq!(nominated.status, PlanStatus::Nominated);

        // A rejection needs a failed criterion (with its note) and the public reason.
        let mut reject = input(Decision::Reject, &[MEETS; 5]);
        let problems = review_refused(&mut c, &other.id, &reject, "no failed criterion");
        assert_eq!(problems, ["oordeel-1", "reason"], "{}", db.backend);
        reject = input(Decision::Reject, &[FAILS, MEETS, MEETS, MEETS, MEETS]);
        reject.reason = "Niet veilig genoeg voor kinderen.".into();
        let rejected =
            pr::save_review(&mut c, &admin(), &other.id, &reject, Vec::new()).expect("reject");
        assert_eq!(rejected.status, PlanStatus::Rejected);
        assert_eq!(
            rejected.review_reason.as_deref(),
            Some("Niet veilig genoeg voor kinderen.")
        );
        let reviewed = events(&mut c, "initiative.reviewed");
        let last = reviewed.last().expect("reviewed event");
        assert_eq!(last["status"], "rejected", "{}", db.backend);
        assert_eq!(last["failed_criteria"], serde_json::json!(["Veilig"]));

        // The old one-step call decides on the stored verdicts only.
        let third = submit(&mut c, &ini, &round, 80_000).expect("plan 3");
        assert!(matches!(
            rounds::review_initiative(&mut c, &admin(), &third.id, rounds::Review::Nominate, ""),
            Err(ServiceError::Invalid {
                field: "oordeel",
                ..
            })
        ));
    }
}

#[test]
fn a_breakdown_must_add_up_and_is_kept_with_the_plan() {
    for db in TestDb::all() {
        let (mut c, round, ini) = spring_round_on(&db, "Noordeinde", "ini-costs");
        let mut plan = PlanSubmission {
            title: "Jeu-de-boulesbaan".into(),
            summary: "Een baan met verlichting.".into(),
            amount_cents: Some(800_000),
            cost_lines: vec![
                (1, "Aanleg".into(), Some(520_000)),
                (2, "Verlichting".into(), Some(180_000)),
            ],
            taakveld: String::new(),
        };
        let problems = fields(
            pr::submit_plan(&mut c, &ini, &round, &plan, Vec::new()).expect_err("not adding up"),
        );
        assert_eq!(problems, ["kosten"], "{}", db.backend);
        assert!(rounds::round(&mut c, &admin(), &round)
            .expect("round")
            .initiatives
            .is_empty());
        plan.cost_lines
            .push((3, "Twee bankjes".into(), Some(100_000)));
        let saved = pr::submit_plan(&mut c, &ini, &round, &plan, Vec::new()).expect("adds up");
        let page = plans::plan_page(&mut c, &Principal::resident(), &saved.id).expect("page");
        let lines: Vec<(&str, i64)> = page
            .review
            .cost_lines
            .iter()
            .map(|l| (l.description.as_str(), l.amount_cents))
            .collect();
        assert_eq!(
            lines,
            [
                ("Aanleg", 520_000),
                ("Verlichting", 180_000),
                ("Twee bankjes", 100_000)
            ],
            "{}",
            db.backend
        );
        let submitted = events(&mut c, "initiative.submitted");
        assert_eq!(submitted[0]["cost_lines"].as_array().map(Vec::len), Some(3));
    }
}

#[test]
fn a_corrected_amount_is_explained_audited_and_frozen_at_voting() {
    for db in TestDb::all() {
        let (mut c, round, ini) = spring_round_on(&db, "Bovenend", "ini-correct");
        let plan = submit(&mut c, &ini, &round, 150_000).expect("plan");
        let mut corrected = input(Decision::Nominate, &[MEETS; 5]);
        corrected.amount_cents = Some(135_000);
        let problems = review_refused(&mut c, &plan.id, &corrected, "no explanation");
        assert_eq!(problems, ["uitleg"], "{}", db.backend);
        corrected.amount_cents = Some(2_000_000);
        corrected.explanation = "Offerte".into();
        let problems = review_refused(&mut c, &plan.id, &corrected, "above the budget");
        assert_eq!(problems, ["bedrag"], "{}", db.backend);
        corrected.amount_cents = Some(135_000);
        corrected.explanation = "De offerte is lager uitgevallen.".into();
        let saved =
            pr::save_review(&mut c, &admin(), &plan.id, &corrected, Vec::new()).expect("correct");
        assert_eq!(saved.amount_cents, 135_000);
        let page = plans::plan_page(&mut c, &Principal::resident(), &plan.id).expect("page");
        let fix = &page.review.corrections[0];
        assert_eq!(
            (fix.old_cents, fix.new_cents),
            (150_000, 135_000),
            "{}",
            db.backend
        );
        assert_eq!(fix.explanation, "De offerte is lager uitgevallen.");
        let audited = events(&mut c, "initiative.amount_corrected");
        assert_eq!(audited[0]["amount_cents"], 135_000, "{}", db.backend);

        // The ballot and the count use the amount at the moment voting opens.
        let v = rounds::open_voting(&mut c, &admin(), &round).expect("open");
        let frozen = v.round.frozen_rules.expect("frozen");
        assert!(frozen.contains("135000"), "{}: {frozen}", db.backend);
        // After that the review (and the amount) cannot change.
        corrected.amount_cents = Some(120_000);
        assert!(matches!(
            pr::save_review(&mut c, &admin(), &plan.id, &corrected, Vec::new()),
            Err(FormError::Service(ServiceError::Invalid { .. }))
        ));
    }
}

/// Runs a round in which `plan` is the only plan and gets one vote, to the end.
fn fund(c: &mut DbConn, slug: &str, round: &RoundId, plan: &PlanId, year: i32) {
    nominate(c, &admin(), plan).expect("nominate");
    rounds::open_voting(c, &admin(), round).expect("open");
    let code = voting_codes::generate_batch(c, &admin(), slug, year, 1)
        .expect("codes")
        .codes
        .remove(0);
    rounds::cast(
        c,
        &Principal::resident(),
        round,
        Channel::Online {
            handle: code.handle(),
        },
        &[plan.to_string()],
    )
    .expect("vote");
    rounds::count_round(c, &admin(), round).expect("count");
    crate::helpers::without_objection_window(c, round);
    rounds::close_round(c, &admin(), round).expect("close");
}

#[test]
fn a_funded_initiator_waits_as_long_as_the_area_says() {
    for db in TestDb::all() {
        let pool = db.pool();
        let mut c = pool.get().expect("conn");
        let slug = area(&mut c, "Hoogeveen");
        let ini = staff("ini-waits", &[Role::Initiator]);
        let year = burgerbegroting::service::rounds::today_nl(burgerbegroting::service::now())
            .format("%Y")
            .to_string()
            .parse::<i32>()
            .expect("year");
        let first = round_in(&mut c, &slug, year, 1);
        let plan = submit(&mut c, &ini, &first, 100_000).expect("plan");
        fund(&mut c, &slug, &first, &plan.id, year);

        let next = round_in(&mut c, &slug, year, 2);
        // No rule yet: handing in again is fine.
        submit(&mut c, &ini, &next, 50_000).expect("no rule");
        // Twelve months: refused, with the date from which they may.
        pr::update_review_rules(&mut c, &admin(), &slug, "Veilig\nVoor het hele dorp", "12")
            .expect("rules");
        let refused = pr::submit_plan(
            &mut c,
            &ini,
            &next,
            &PlanSubmission {
                title: "Nog een plan".into(),
                summary: "Iets anders.".into(),
                amount_cents: Some(50_000),
                ..Default::default()
            },
            Vec::new(),
        )
        .expect_err("waits");
        let FormError::Fields(problems) = refused else {
            panic!("{}: expected a refusal on the form", db.backend)
        };
        assert_eq!(problems.len(), 1, "{}", db.backend);
        assert!(problems[0].1.contains("12 maanden"), "{:?}", problems);
        assert!(problems[0].1.contains("vanaf"), "{:?}", problems);
        // Someone else may, and so may a coordinator entering a paper plan.
        submit(
            &mut c,
            &staff("ini-other", &[Role::Initiator]),
            &next,
            50_000,
        )
        .expect("other");
        submit(&mut c, &admin(), &next, 50_000).expect("on behalf");
        // The checklist changed with it.
        let rules = pr::review_rules(&mut c, &admin(), &slug).expect("rules");
        assert_eq!(rules.criteria, ["Veilig", "Voor het hele dorp"]);
        assert_eq!(rules.funded_wait_months, 12);
        assert_eq!(events(&mut c, "area.review_rules_changed").len(), 1);
        // Off again (0): the initiator may.
        pr::update_review_rules(&mut c, &admin(), &slug, "Veilig", "0").expect("off");
        submit(&mut c, &ini, &next, 50_000).expect("rule off");
    }
}

#[test]
fn the_taakveld_is_assigned_at_review_and_only_coordinators_review() {
    for db in TestDb::all() {
        let pool = db.pool();
        let mut c = pool.get().expect("conn");
        let slug = area(&mut c, "Oene");
        let elsewhere = area(&mut c, "Epe");
        let round = round_in(&mut c, &slug, 2027, 1);
        let ini = staff("ini-taakveld", &[Role::Initiator]);
        let plan = submit(&mut c, &ini, &round, 100_000).expect("plan");
        assert_eq!(plan.taakveld, "", "{}: residents give none", db.backend);

        // Nominating without a taakveld, or with an unknown one, is refused.
        let mut nominate = input(Decision::Nominate, &[MEETS; 5]);
        nominate.taakveld = String::new();
        let problems = review_refused(&mut c, &plan.id, &nominate, "none");
        assert_eq!(problems, ["taakveld"], "{}", db.backend);
        nominate.taakveld = "99.9".into();
        let problems = review_refused(&mut c, &plan.id, &nominate, "bad");
        assert_eq!(problems, ["taakveld"], "{}", db.backend);
        // The review page lists the taakvelden with their plain names.
        let page = pr::review_page(&mut c, &admin(), &plan.id).expect("review page");
        assert!(page
            .taakvelden
            .iter()
            .any(|t| t.code == "5.7" && t.name.contains("groen")));
        nominate.taakveld = "5.7".into();
        let saved = pr::save_review(&mut c, &admin(), &plan.id, &nominate, Vec::new()).expect("ok");
        assert_eq!(saved.taakveld, "5.7");
        assert_eq!(events(&mut c, "initiative.taakveld_assigned").len(), 1);
        // The published ballot file carries it as the plan's category.
        rounds::open_voting(&mut c, &admin(), &round).expect("open");
        rounds::count_round(&mut c, &admin(), &round).expect("count");
        let pb = rounds::published_pb(&mut c, &Principal::resident(), &round)
            .expect("pb")
            .expect("published");
        assert!(pb.contains(";Bankjes;5.7"), "{}: {pb}", db.backend);

        // Who may review: the table says coordinators of the area and administrators.
        let other = round_in(&mut c, &slug, 2027, 2);
        let plan = submit(&mut c, &ini, &other, 100_000).expect("plan");
        let area_id = rounds::area_by_slug(&mut c, &admin(), &slug)
            .expect("area")
            .expect("found")
            .id;
        let elsewhere_id = rounds::area_by_slug(&mut c, &admin(), &elsewhere)
            .expect("area")
            .expect("found")
            .id;
        let mut coord = staff("coord-oene", &[Role::AreaCoordinator]);
        coord.coordinator_areas = vec![area_id];
        let mut coord_else = staff("coord-epe", &[Role::AreaCoordinator]);
        coord_else.coordinator_areas = vec![elsewhere_id];
        for who in [&ini, &coord_else, &staff("raad", &[Role::Council])] {
            assert!(matches!(
                pr::review_page(&mut c, who, &plan.id),
                Err(ServiceError::Forbidden(_))
            ));
            assert!(matches!(
                pr::save_review(&mut c, who, &plan.id, &nominate, Vec::new()),
                Err(FormError::Service(ServiceError::Forbidden(_)))
            ));
            assert!(matches!(
                pr::update_review_rules(&mut c, who, &slug, "Veilig", "0"),
                Err(FormError::Service(ServiceError::Forbidden(_)))
            ));
        }
        pr::save_review(&mut c, &coord, &plan.id, &nominate, Vec::new()).expect("coordinator");
    }
}

// ---------------------------------------------------------------------------------------
// The forms over HTTP: every problem at once, everything typed kept
// ---------------------------------------------------------------------------------------

async fn app_on(db: TestDb) -> TestApp {
    let app = TestApp::spawn_on(db).await;
    {
        let mut c = app.conn();
        let slug = area(&mut c, "'t Loo");
        add_coordinator(&mut c, &app.sealer(), LOO, "Anouk", &slug);
    }
    app.add_user(INITIATOR, Role::Initiator);
    app
}

/// Posts `form` as a browser does (see `post_page_form`) and asserts the answer's status;
/// returns the body, or the `Location` after a 303.
async fn post_expect(
    app: &TestApp,
    c: &reqwest::Client,
    page: &str,
    to: &str,
    form: &[(&str, &str)],
    expected: u16,
    backend: &str,
) -> String {
    let (status, body) = post(app, c, page, to, form).await;
    assert_eq!(status, expected, "{backend}: {body}");
    body
}

/// Posts `form` on the review page `review` (from that page) as `c`; see [`post_expect`].
async fn review_as(
    app: &TestApp,
    c: &reqwest::Client,
    review: &str,
    form: &[(&str, &str)],
    expected: u16,
    backend: &str,
) -> String {
    post_expect(app, c, review, review, form, expected, backend).await
}

/// The public page of plan `id` shows every one of `parts`; returns the page.
async fn public_plan_shows(app: &TestApp, id: &PlanId, parts: &[&str], backend: &str) -> String {
    let (_, html) = app.get(&app.client(), &format!("/plannen/{id}")).await;
    assert_contains_all(&html, parts, backend);
    html
}

#[actix_web::test]
async fn the_plan_form_reports_every_problem_and_keeps_every_line() {
    for db in TestDb::all() {
        let backend = db.backend;
        let app = app_on(db).await;
        let round = round_in(&mut app.conn(), "t-loo", 2027, 1);
        let ini = app.login(INITIATOR).await;
        let page = format!("/rondes/{round}");
        let (_, html) = app.get(&ini, &page).await;
        assert!(
            !html.contains("name=\"taakveld\""),
            "{backend}: no taakveld for residents"
        );
        // More lines without JavaScript: the form comes back with everything kept.
        let html = post_expect(
            &app,
            &ini,
            &page,
            &format!("/rondes/{round}/plannen"),
            &[
                ("title", "Jeu-de-boulesbaan"),
                ("kosten-1-omschrijving", "Aanleg"),
                ("meer", "1"),
            ],
            200,
            backend,
        )
        .await;
        assert_contains_all(
            &html,
            &["name=\"kosten-6-bedrag\"", "value=\"Aanleg\""],
            backend,
        );
        // No summary, a breakdown of four lines that does not add up and one line without
        // an amount: every problem at once, every line kept.
        // The plan with a summary, an amount and the first two lines of its breakdown.
        let submit = format!("/rondes/{round}/plannen");
        let plan_form = |summary, amount, more: &[(&'static str, &'static str)]| {
            let mut form = vec![
                ("title", "Jeu-de-boulesbaan"),
                ("summary", summary),
                ("amount", amount),
                ("kosten-1-omschrijving", "Aanleg"),
                ("kosten-1-bedrag", "5.200,00"),
                ("kosten-2-omschrijving", "Verlichting"),
                ("kosten-2-bedrag", "1.800,00"),
            ];
            form.extend_from_slice(more);
            form
        };
        let more = [
            ("kosten-3-omschrijving", "Bankjes"),
            ("kosten-3-bedrag", "900"),
            ("kosten-4-omschrijving", "Afvalbak"),
            ("kosten-4-bedrag", ""),
        ];
        let html = post_expect(
            &app,
            &ini,
            &page,
            &submit,
            &plan_form("", "8.000,00", &more),
            422,
            backend,
        )
        .await;
        assert!(
            html.contains("href=\"#summary\""),
            "{backend}: summary missing"
        );
        assert!(
            html.contains("href=\"#kosten-4-bedrag\""),
            "{backend}: line 4"
        );
        for kept in [
            "value=\"Jeu-de-boulesbaan\"",
            "value=\"8.000,00\"",
            "value=\"Aanleg\"",
            "value=\"5.200,00\"",
            "value=\"Verlichting\"",
            "value=\"1.800,00\"",
            "value=\"Bankjes\"",
            "value=\"900\"",
            "value=\"Afvalbak\"",
        ] {
            assert!(html.contains(kept), "{backend}: {kept} kept");
        }
        // Now without the fourth line but still not adding up: the sum is named.
        let form = plan_form("Een baan bij het dorpshuis.", "8.000,00", &[]);
        let html = post_expect(&app, &ini, &page, &submit, &form, 422, backend).await;
        assert!(
            html.contains("tellen op tot €\u{a0}7.000,00, maar u vraagt €\u{a0}8.000,00"),
            "{backend}"
        );
        assert!(rounds::round(&mut app.conn(), &admin(), &round)
            .expect("round")
            .initiatives
            .is_empty());
        let form = plan_form("Een baan bij het dorpshuis.", "7.000,00", &[]);
        post_expect(&app, &ini, &page, &submit, &form, 303, backend).await;
        let plan = rounds::round(&mut app.conn(), &admin(), &round)
            .expect("round")
            .initiatives
            .remove(0);
        public_plan_shows(
            &app,
            &plan.id,
            &["Kosten per onderdeel", "<td>Verlichting</td>"],
            backend,
        )
        .await;
    }
}

#[actix_web::test]
async fn the_review_form_reports_every_problem_and_keeps_every_choice() {
    for db in TestDb::all() {
        let backend = db.backend;
        let app = app_on(db).await;
        let round = round_in(&mut app.conn(), "t-loo", 2027, 1);
        let plan = submit(&mut app.conn(), &admin(), &round, 150_000).expect("plan");
        let loo = app.login(LOO).await;
        let ini = app.login(INITIATOR).await;
        let review = format!("/rondes/{round}/plannen/{}/beoordeling", plan.id);

        // An initiator cannot open the review page, nor post it.
        let (status, _) = app.get(&ini, &review).await;
        assert_eq!(status, 403, "{backend}");
        post_expect(
            &app,
            &ini,
            &format!("/rondes/{round}"),
            &review,
            &[("besluit", "nomineren")],
            403,
            backend,
        )
        .await;

        let (status, html) = app.get(&loo, &review).await;
        assert_eq!(status, 200, "{backend}");
        assert!(
            html.contains("5.7 Openbaar groen"),
            "{backend}: plain names"
        );
        assert!(html.contains("Uit te voeren binnen een jaar"), "{backend}");

        // Nominate with one criterion failing, one not judged, a new amount without an
        // explanation and no taakveld: all at once, everything kept.
        let html = review_as(
            &app,
            &loo,
            &review,
            &[
                ("besluit", "nomineren"),
                ("oordeel-1", "meets"),
                ("toelichting-1", "Op een rustige plek"),
                ("oordeel-2", "fails"),
                ("toelichting-2", ""),
                ("oordeel-3", "meets"),
                ("oordeel-4", "meets"),
                ("taakveld", ""),
                ("bedrag", "1.350,00"),
                ("uitleg", ""),
                ("reason", "Mooi plan"),
            ],
            422,
            backend,
        )
        .await;
        for anchor in [
            "#oordeel-2",
            "#toelichting-2",
            "#oordeel-5",
            "#taakveld",
            "#uitleg",
        ] {
            assert!(
                html.contains(&format!("href=\"{anchor}\"")),
                "{backend}: {anchor}"
            );
        }
        assert_contains_all(
            &html,
            &[
                "id=\"oordeel-1-meets\" name=\"oordeel-1\" value=\"meets\" checked",
                "id=\"oordeel-2-fails\" name=\"oordeel-2\" value=\"fails\" checked",
                "value=\"Op een rustige plek\"",
                "value=\"1.350,00\"",
                "Mooi plan",
            ],
            backend,
        );
        assert_eq!(
            pr::review_page(&mut app.conn(), &admin(), &plan.id)
                .expect("page")
                .facts
                .verdicts
                .len(),
            0,
            "{backend}: nothing stored"
        );
        // The taakveld select keeps its choice too.
        let html = review_as(
            &app,
            &loo,
            &review,
            &[
                ("besluit", "nomineren"),
                ("taakveld", "5.7"),
                ("bedrag", "1.500,00"),
            ],
            422,
            backend,
        )
        .await;
        assert!(
            html.contains("<option value=\"5.7\" selected>"),
            "{backend}"
        );

        // Done right: nominated with a corrected amount, public on the plan page.
        let mut ok = vec![
            ("besluit", "nomineren"),
            ("taakveld", "5.7"),
            ("bedrag", "1.350,00"),
            ("uitleg", "De offerte is lager uitgevallen."),
            ("reason", ""),
        ];
        for n in [
            "oordeel-1",
            "oordeel-2",
            "oordeel-3",
            "oordeel-4",
            "oordeel-5",
        ] {
            ok.push((n, "meets"));
        }
        review_as(&app, &loo, &review, &ok, 303, backend).await;
        let html = public_plan_shows(
            &app,
            &plan.id,
            &["Veilig: Voldoet", "De offerte is lager uitgevallen."],
            backend,
        )
        .await;
        assert!(html.contains("€\u{a0}1.500,00"), "{backend}: old amount");
        assert!(html.contains("€\u{a0}1.350,00"), "{backend}: new amount");
        assert!(html.contains("5.7 Openbaar groen"), "{backend}");
    }
}

#[actix_web::test]
async fn the_rules_page_keeps_what_was_typed_and_changes_the_checklist() {
    for db in TestDb::all() {
        let backend = db.backend;
        let app = app_on(db).await;
        let loo = app.login(LOO).await;
        let ini = app.login(INITIATOR).await;
        let page = "/gebieden/t-loo/beoordeling";
        let (status, _) = app.get(&ini, page).await;
        assert_eq!(status, 403, "{backend}");
        let (status, html) = app.get(&loo, page).await;
        assert_eq!(status, 200, "{backend}");
        assert!(
            html.contains("Eenmalig, geen regulier onderhoud"),
            "{backend}"
        );
        let html = post_expect(
            &app,
            &loo,
            page,
            page,
            &[("checklist", "  \n "), ("wachttijd", "twaalf")],
            422,
            backend,
        )
        .await;
        assert_contains_all(
            &html,
            &[
                "href=\"#checklist\"",
                "href=\"#wachttijd\"",
                "value=\"twaalf\"",
            ],
            backend,
        );
        post_expect(
            &app,
            &loo,
            page,
            page,
            &[("checklist", "Veilig\nDuurzaam"), ("wachttijd", "12")],
            303,
            backend,
        )
        .await;
        let round = round_in(&mut app.conn(), "t-loo", 2027, 1);
        let plan = submit(&mut app.conn(), &admin(), &round, 150_000).expect("plan");
        let (_, html) = app
            .get(
                &loo,
                &format!("/rondes/{round}/plannen/{}/beoordeling", plan.id),
            )
            .await;
        assert!(html.contains("2. Duurzaam"), "{backend}");
        assert!(!html.contains("Uit te voeren binnen een jaar"), "{backend}");
    }
}
