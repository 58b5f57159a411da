//! What each step of a resident's vote costs the database, counted on the pool
//! (`db::statement_counts`) over real HTTP: statements, commits and connections taken.
//! Why: the time of a resident's request is mostly its round trips to the database, and
//! it must not grow as more people vote (issue 13, docs/performance.md). Each step is held
//! to a budget, the counts after forty more ballots must equal those before, and a staff
//! write must still show on the very next page although the round data is kept
//! (`service::round_cache`).

use burgerbegroting::db::statement_counts::{StatementCounts, StatementTally};
use burgerbegroting::domain::round::{Plan, RoundStatus};
use burgerbegroting::domain::voting_code::VotingCode;
use burgerbegroting::service::rounds::{self, InitiativeInput, RoundView};
use burgerbegroting::service::voting_codes as codes_svc;
use burgerbegroting::service::Principal;

use crate::helpers::{
    admin, csrf_token, fund_pool, location, post_form, round_in_voting, round_input, seed_small,
    sign_in, TestApp, TestDb,
};

/// The steps of one resident's vote, in order.
const STEPS: [&str; 6] = [
    "code form",
    "code",
    "village page",
    "ballot",
    "check",
    "cast",
];

/// The most each step may cost: (statements, commits), `BEGIN` and `COMMIT` included.
/// Before issue 13 a vote sent about seventy statements in eight trips; now: the code
/// form reads the area; the code step is one write (lock row, the address's and the
/// handle's throttle rows in one read, the code with its area in one read, the session;
/// expired sessions and finished throttle rows are left to the hourly housekeeping); each
/// page reads the voter, with the version of the kept round data and the rounds this code
/// voted in, in one statement (residents' pages do not show the ballot count, so it is
/// not read); the cast is the voter and its write transaction in the same trip: the lock
/// row (which returns the version: the round and code the page read are still current
/// when it is unchanged), the audit log's last number, then on SQLite the participation
/// and the ballot (each inserted unless there, no lookup first), its choice, the kept
/// count and the audit event, one statement each, and on PostgreSQL all five in one
/// statement (`repo::ballot_statement`: there each statement is a round trip).
const BUDGET_SQLITE: [(u64, u64); 6] = [(1, 0), (6, 1), (1, 0), (1, 0), (1, 0), (10, 1)];
const BUDGET_POSTGRES: [(u64, u64); 6] = [(1, 0), (6, 1), (1, 0), (1, 0), (1, 0), (6, 1)];

fn budget(backend: &str) -> [(u64, u64); 6] {
    match backend {
        "postgres" => BUDGET_POSTGRES,
        _ => BUDGET_SQLITE,
    }
}

struct Round {
    area: String,
    view: RoundView,
    plan: Plan,
}

fn voting_round(app: &TestApp) -> Round {
    let mut c = app.conn();
    let small = seed_small(&mut c);
    let area = small.pools[0].slug.clone();
    fund_pool(&mut c, &area, 150_000);
    let (view, plan) = round_in_voting(
        &mut c,
        &round_input(area.clone(), 2027, 2, "Voorjaar", 150_000),
        &InitiativeInput {
            title: "Bankjes bij de vijver".into(),
            summary: "Drie bankjes".into(),
            amount_cents: 90_000,
            taakveld: "5.7".into(),
        },
    );
    Round { area, view, plan }
}

/// Codes are made by staff before a round (a staff write, which renews the kept round
/// data), so all of them are made first.
fn new_codes(app: &TestApp, area: &str, count: i32) -> Vec<VotingCode> {
    let mut c = app.conn();
    codes_svc::generate_batch(&mut c, &admin(), area, 2027, count)
        .expect("codes")
        .codes
}

/// A ballot cast straight through the service, as another resident would.
fn ballot_by(app: &TestApp, r: &Round, code: &VotingCode) {
    let mut c = app.conn();
    rounds::cast(
        &mut c,
        &Principal::resident(),
        &r.view.round.id,
        rounds::Channel::Online {
            handle: code.handle(),
        },
        std::slice::from_ref(&r.plan.id.0),
    )
    .expect("ballot");
}

/// One resident's whole vote over HTTP; what each step cost.
async fn vote(
    app: &TestApp,
    counts: &StatementCounts,
    r: &Round,
    code: &VotingCode,
) -> Vec<StatementTally> {
    let client = app.client();
    let area = r.area.as_str();
    let path = format!("/stemmen/{area}/rondes/{}", r.view.round.id);
    let mut cost = Vec::new();

    let before = counts.tally();
    let (s, page) = app.get(&client, &format!("/stemmen?gebied={area}")).await;
    assert_eq!(s, 200, "code form");
    cost.push(counts.tally() - before);

    let before = counts.tally();
    let sent = client
        .post(app.url("/stemmen"))
        .form(&[
            ("csrf_token", csrf_token(&page).as_str()),
            ("code", code.formatted().as_str()),
            ("gebied", area),
        ])
        .send()
        .await
        .expect("post code");
    assert_eq!(sent.status(), 303, "code accepted");
    assert_eq!(location(&sent), format!("/stemmen/{area}"));
    cost.push(counts.tally() - before);

    let before = counts.tally();
    let (s, home) = app.get(&client, &format!("/stemmen/{area}")).await;
    assert_eq!(s, 200, "village page");
    assert!(home.contains("Voorjaar"), "{home}");
    cost.push(counts.tally() - before);

    let before = counts.tally();
    let (s, ballot) = app.get(&client, &path).await;
    assert_eq!(s, 200, "ballot");
    assert!(ballot.contains(&r.plan.title), "{ballot}");
    cost.push(counts.tally() - before);

    let token = csrf_token(&ballot);
    let fields = [
        ("csrf_token", token.as_str()),
        ("keuze", r.plan.id.as_str()),
    ];
    let before = counts.tally();
    let (s, review) = post_form(app, &client, &format!("{path}/controleren"), &fields).await;
    assert_eq!(s, 200, "check: {review}");
    cost.push(counts.tally() - before);

    let before = counts.tally();
    let (s, receipt) = post_form(app, &client, &format!("{path}/uitbrengen"), &fields).await;
    assert_eq!(s, 200, "cast: {receipt}");
    cost.push(counts.tally() - before);
    cost
}

/// The cheapest of several voters per step: anything else on the pool at the same moment
/// (the scheduled jobs have a pool of their own) could only add to a step, never take away.
fn cheapest(runs: &[Vec<StatementTally>]) -> Vec<(u64, u64, u64)> {
    (0..STEPS.len())
        .map(|i| {
            runs.iter()
                .map(|run| (run[i].statements, run[i].commits, run[i].checkouts))
                .min()
                .unwrap_or_default()
        })
        .collect()
}

#[actix_web::test]
async fn each_step_of_a_vote_keeps_to_its_budget_whatever_the_turnout() {
    for db in TestDb::all() {
        let backend = db.backend;
        let (app, counts) = TestApp::spawn_counted(db).await;
        let r = voting_round(&app);

        let mut codes = new_codes(&app, &r.area, 50).into_iter();
        let mut next = move || codes.next().expect("enough codes");

        // Warm up: the statement caches and the kept round data are filled.
        vote(&app, &counts, &r, &next()).await;

        let mut early = Vec::new();
        for _ in 0..3 {
            early.push(vote(&app, &counts, &r, &next()).await);
        }
        let early = cheapest(&early);
        // Shown with --nocapture: docs/performance.md quotes these.
        eprintln!("{backend}: (statements, commits, checkouts) per step {STEPS:?}: {early:?}");
        for (i, step) in STEPS.iter().enumerate() {
            let (statements, commits, checkouts) = early[i];
            let (max_statements, max_commits) = budget(backend)[i];
            assert!(
                statements <= max_statements,
                "{backend}: {step} sent {statements} statements, budget {max_statements}"
            );
            assert_eq!(commits, max_commits, "{backend}: {step} commits");
            assert_eq!(checkouts, 1, "{backend}: {step} takes one connection");
        }

        // Forty more ballots; each voter below also meets a ballot cast just before
        // their vote, which must not throw the kept round data away.
        for _ in 0..40 {
            ballot_by(&app, &r, &next());
        }
        let mut late = Vec::new();
        for _ in 0..3 {
            ballot_by(&app, &r, &next());
            late.push(vote(&app, &counts, &r, &next()).await);
        }
        assert_eq!(
            cheapest(&late),
            early,
            "{backend}: the steps cost the same after 40 more ballots"
        );
    }
}

#[actix_web::test]
async fn a_staff_write_shows_on_the_next_ballot_page_although_round_data_is_kept() {
    for db in TestDb::all() {
        let backend = db.backend;
        let (app, counts) = TestApp::spawn_counted(db).await;
        let r = voting_round(&app);
        let code = new_codes(&app, &r.area, 1).remove(0);
        // The resident signs in and looks at the ballot: the round data is kept now.
        let client = app.client();
        sign_in(&app, &client, &code, &r.area).await;
        let path = format!("/stemmen/{}/rondes/{}", r.area, r.view.round.id);
        let (s, ballot) = app.get(&client, &path).await;
        assert_eq!(s, 200, "{backend}");
        let before = counts.tally();
        let (s, again) = app.get(&client, &path).await;
        assert_eq!(s, 200, "{backend}");
        assert_eq!(again, ballot, "{backend}: the same page from kept data");
        assert!(
            (counts.tally() - before).statements <= budget(backend)[3].0,
            "{backend}: the second view reads the kept round data"
        );

        // The coordinator ends voting early: the very next page knows.
        {
            let mut c = app.conn();
            let counted = rounds::count_round(&mut c, &admin(), &r.view.round.id).expect("count");
            assert_eq!(counted.round.status, RoundStatus::Counted, "{backend}");
        }
        let (_, after) = app.get(&client, &path).await;
        assert_ne!(after, ballot, "{backend}: the page changed with the round");
        let fields = [
            ("csrf_token", csrf_token(&ballot)),
            ("keuze", r.plan.id.0.clone()),
        ];
        let (s, refused) = post_form(&app, &client, &format!("{path}/uitbrengen"), &fields).await;
        assert_eq!(s, 409, "{backend}: no ballot after voting ended: {refused}");
        let mut c = app.conn();
        assert_eq!(
            rounds::round(&mut c, &admin(), &r.view.round.id)
                .expect("round")
                .ballots,
            Some(0),
            "{backend}: nothing stored"
        );
    }
}

/// The pool no longer tests a connection with `SELECT 1` before each use (a round trip
/// per request on PostgreSQL). A connection whose server went away (a restart, ended
/// here by `pg_terminate_backend`) fails the one request that meets it and is then
/// dropped, not handed out again.
#[test]
fn a_connection_whose_database_server_went_away_is_replaced() {
    use burgerbegroting::db::repo::page_version;
    use burgerbegroting::db::{conn, DbConn, DbUrl};
    use diesel::prelude::*;

    let Some(db) = TestDb::postgres() else {
        return; // SQLite has no server to lose
    };
    drop(db.pool()); // migrates
    let url = DbUrl::parse(&db.url).expect("url");
    let pool = conn::build_counted_pool(&url, 1, Default::default()).expect("pool");
    let pid: i32 = {
        let mut c = pool.get().expect("connection");
        let DbConn::Postgres(pg) = &mut *c else {
            panic!("a PostgreSQL connection");
        };
        diesel::select(diesel::dsl::sql::<diesel::sql_types::Integer>(
            "pg_backend_pid()",
        ))
        .get_result(pg)
        .expect("backend pid")
    };
    let mut other = conn::establish(&url).expect("second connection");
    let DbConn::Postgres(other) = &mut other else {
        panic!("a PostgreSQL connection");
    };
    diesel::sql_query(format!("SELECT pg_terminate_backend({pid})"))
        .execute(other)
        .expect("terminate");
    std::thread::sleep(std::time::Duration::from_millis(200));
    {
        let mut c = pool.get().expect("the old connection, once");
        assert!(
            page_version::generation(&mut c).is_err(),
            "the ended connection fails"
        );
    }
    let mut c = pool.get().expect("a new connection");
    assert!(
        page_version::generation(&mut c).is_ok(),
        "the pool replaced the ended connection"
    );
}
