//! Two real `burgerbegroting serve` processes on one PostgreSQL database (issue 12,
//! "Several servers, one PostgreSQL"): started at once on an empty database, then residents
//! vote and staff propose and approve transfers through both at once, each request sent to
//! both servers as a proxy retrying on another backend would. Nothing may be lost or
//! doubled, the audit log stays one gap-free history with one signer chain, and scheduled
//! work (housekeeping, signing) is done once per period. Runs when TEST_DATABASE_URL is set.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::{Duration, Instant};

use burgerbegroting::db::models::ThrottleBucketRow;
use burgerbegroting::db::repo::scheduled_jobs;
use burgerbegroting::domain::role::Role;
use burgerbegroting::service::maintenance::{PRUNE_JOB, SIGN_JOB};

use crate::helpers::{admin, TestApp, TestDb};
use crate::processes::{
    api_login, assert_intact, events_per_entity, scheduled_runs, stored_trackers, transfer_body,
    vote, world, Server, ServerEnv,
};

const VOTERS: usize = 40;
const TRANSFERS: usize = 30;

fn start_two(env: &ServerEnv) -> (Server, Server) {
    std::thread::scope(|s| {
        let a = s.spawn(|| Server::start(env));
        let b = s.spawn(|| Server::start(env));
        (
            a.join().expect("server a started"),
            b.join().expect("server b started"),
        )
    })
}

/// Every (job, period) in the logs of all servers, counted.
fn runs_in(logs: &[String]) -> HashMap<(String, String), usize> {
    let mut out = HashMap::new();
    for log in logs {
        for run in scheduled_runs(log) {
            *out.entry(run).or_insert(0) += 1;
        }
    }
    out
}

fn job_runs(conn: &mut burgerbegroting::db::DbConn, job: &str) -> i64 {
    scheduled_jobs::find(conn, job)
        .expect("job row")
        .map_or(0, |r| r.runs)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_servers_on_one_postgresql_database_lose_double_and_fork_nothing() {
    let Some(db) = TestDb::postgres() else {
        eprintln!("skipped: TEST_DATABASE_URL is not set");
        return;
    };
    let env = ServerEnv::new(&db);

    // 1. Both start at the same moment on an empty database: both migrate it.
    let (a, b) = start_two(&env);
    let pool = db.pool();
    let mut conn = pool.get().expect("conn");
    // Both checked their scheduled work at start; wait until both jobs are recorded.
    let deadline = Instant::now() + Duration::from_secs(30);
    while job_runs(&mut conn, PRUNE_JOB) == 0 || job_runs(&mut conn, SIGN_JOB) == 0 {
        assert!(Instant::now() < deadline, "no scheduled work recorded");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    drop((a, b));
    let mut logs = Vec::new();

    // 2. A municipality, and rows housekeeping must remove (throttle rows long expired).
    let w = world(&mut conn, VOTERS as i32);
    let long_ago = burgerbegroting::db::repo::now() - chrono::Duration::days(2);
    for i in 0..5 {
        burgerbegroting::db::repo::throttle::save(
            &mut conn,
            &ThrottleBucketRow {
                key: format!("votecode:ip:test-{i}"),
                window_start: long_ago,
                attempts: 3,
                blocked_until: None,
            },
        )
        .expect("old throttle row");
    }
    // A run of the housekeeping job before this hour would leave these rows until the
    // next hour: forget this period's run so that the restarted servers do it.
    let prune_before = job_runs(&mut conn, PRUNE_JOB);
    let sign_before = job_runs(&mut conn, SIGN_JOB);
    diesel::RunQueryDsl::execute(
        diesel::delete(burgerbegroting::db::schema::scheduled_jobs::table),
        &mut *conn,
    )
    .expect("forget runs");
    let pruned_events_before: usize = events_per_entity(&mut conn, &["maintenance.pruned"])
        .values()
        .sum();

    // 3. Start both again at once; staff sign in through one and work through both.
    let (a, b) = start_two(&env);
    // Housekeeping runs at the start of the two servers, by one of them (before any
    // request, which might prune on its own way).
    let deadline = Instant::now() + Duration::from_secs(30);
    while job_runs(&mut conn, PRUNE_JOB) == 0 {
        assert!(Instant::now() < deadline, "housekeeping did not run");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let throttle_left = burgerbegroting::db::repo::throttle::count(&mut conn).expect("count");
    assert_eq!(throttle_left, 0, "the expired throttle rows are gone");
    let db = Arc::new(db);
    let app_a = TestApp {
        base: a.base.clone(),
        pool: pool.clone(),
        db: db.clone(),
    };
    let clerk_email = app_a.add_user("clerk@test.example", Role::FinanceClerk);
    let approver_email = app_a.add_user("approver@test.example", Role::FinanceApprover);
    let clerk = Arc::new(api_login(&app_a, &a.base, &clerk_email).await);
    let approver = Arc::new(api_login(&app_a, &b.base, &approver_email).await);
    let second_email = app_a.add_user("approver2@test.example", Role::FinanceApprover);
    let second = Arc::new(api_login(&app_a, &a.base, &second_email).await);

    let bases = [a.base.clone(), b.base.clone()];
    let w = Arc::new(w);

    // 4. Residents vote and staff move money, all at once, through both servers.
    let mut voters = Vec::new();
    for (i, code) in w.codes.iter().cloned().enumerate() {
        let (w, bases) = (w.clone(), bases.clone());
        voters.push(tokio::spawn(async move {
            let choice = w.plans[i % w.plans.len()].clone();
            let (one, other) = (&bases[i % 2], &bases[(i + 1) % 2]);
            vote(&w, &code, one, other, &[one, other], &choice).await
        }));
    }
    let mut movers = Vec::new();
    for i in 0..TRANSFERS {
        let (w, bases) = (w.clone(), bases.clone());
        let (clerk, approver, second) = (clerk.clone(), approver.clone(), second.clone());
        movers.push(tokio::spawn(async move {
            let id = uuid::Uuid::new_v4();
            let body = transfer_body(
                id,
                &w.lines[i % w.lines.len()],
                &w.pools[i % w.pools.len()],
                100 + i as i64,
            );
            // The same idempotency key (the transfer id) through both servers at once.
            let (x, y) = tokio::join!(
                clerk.post(format!("{}/api/v1/transfers", bases[0]), &body),
                clerk.post(format!("{}/api/v1/transfers", bases[1]), &body)
            );
            let (x, y) = (x.expect("propose via a"), y.expect("propose via b"));
            let mut proposed = [x.0, y.0];
            proposed.sort_unstable();
            for answer in [&x.1, &y.1] {
                assert_eq!(answer["id"], id.to_string(), "one transfer: {answer}");
            }
            // One approver presses the button twice (a harmless double click, one request
            // on each server) while a second approver approves it too: one of the two
            // decides, the other is told it was decided already.
            let path = format!("/api/v1/transfers/{id}/approve");
            let none = serde_json::json!({});
            let (p, q, r) = tokio::join!(
                approver.post(format!("{}{path}", bases[1]), &none),
                approver.post(format!("{}{path}", bases[0]), &none),
                second.post(format!("{}{path}", bases[i % 2]), &none)
            );
            let decided = [
                p.expect("approve via b").0,
                q.expect("approve via a").0,
                r.expect("second approver").0,
            ];
            (id.to_string(), proposed, decided)
        }));
    }

    let mut acked_trackers = Vec::new();
    for v in futures_util::future::join_all(voters).await {
        let v = v.expect("voter task");
        assert!(!v.broken, "no request failed: {v:?}");
        let mut statuses: Vec<u16> = v.answers.iter().map(|a| a.0).collect();
        statuses.sort_unstable();
        assert_eq!(statuses, [200, 409], "one cast stored, the other refused");
        acked_trackers.extend(v.answers.into_iter().filter_map(|a| a.1));
    }
    let mut acked_transfers = Vec::new();
    for m in futures_util::future::join_all(movers).await {
        let (id, proposed, decided) = m.expect("transfer task");
        assert_eq!(proposed, [200, 201], "{id}: created once, replayed once");
        assert!(
            decided == [200, 200, 409] || decided == [409, 409, 200],
            "{id}: one approver decides, the other is refused: {decided:?}"
        );
        acked_transfers.push(id);
    }

    // 5. Nothing lost, nothing doubled.
    assert_eq!(acked_trackers.len(), VOTERS);
    let stored = stored_trackers(&mut conn, &w.round_id);
    let acked: HashSet<_> = acked_trackers.iter().cloned().collect();
    assert_eq!(acked.len(), VOTERS, "every receipt is different");
    assert_eq!(
        stored.keys().cloned().collect::<HashSet<_>>(),
        acked,
        "the stored ballots are exactly the acknowledged ones"
    );
    assert!(stored.values().all(|n| *n == 1), "no ballot twice");
    let created = events_per_entity(&mut conn, &["transfer.proposed"]);
    let approved = events_per_entity(&mut conn, &["transfer.approved"]);
    for id in &acked_transfers {
        assert!(crate::processes::approved(&mut conn, id), "{id} approved");
        assert_eq!(created.get(id), Some(&1), "{id} proposed once");
        assert_eq!(approved.get(id), Some(&1), "{id} approved once");
    }

    // 6. Signing: wait until a checkpoint covers the whole log (each server checks every
    // 30 s; one of them signs per period), then one chain of checkpoints by one key.
    let n = burgerbegroting::db::repo::audit_log::max_seq(&mut conn).expect("max seq");
    let deadline = Instant::now() + Duration::from_secs(100);
    loop {
        let latest = burgerbegroting::service::audit_log::latest_checkpoint(
            &mut conn,
            &burgerbegroting::service::Principal::resident(),
        )
        .expect("checkpoint")
        .map_or(0, |c| c.size);
        if latest >= n {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "no checkpoint covers the log ({latest} < {n})"
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    let events = assert_intact(&mut conn, "two servers");
    assert!(events >= n);

    // 7. Scheduled work once: no (job, period) ran on both servers, the claim rows count
    // exactly the runs the servers logged, and housekeeping wrote one event.
    // Stopped first, so that no run is recorded after the logs were read.
    let (mut a, mut b) = (a, b);
    a.kill();
    b.kill();
    logs.push(a.log());
    logs.push(b.log());
    for log in &logs {
        assert!(!log.contains("panicked"), "a server panicked:\n{log}");
        assert!(!log.contains(" ERROR "), "a server logged an error:\n{log}");
        assert!(
            !log.contains("scheduled job failed"),
            "scheduled work failed:\n{log}"
        );
    }
    let runs = runs_in(&logs);
    assert!(
        runs.values().all(|n| *n == 1),
        "a scheduled job ran twice in one period: {runs:?}"
    );
    let logged = |job: &str| runs.keys().filter(|(j, _)| j == job).count() as i64;
    assert!(logged(PRUNE_JOB) >= 1 && logged(SIGN_JOB) >= 1, "{runs:?}");
    assert_eq!(
        job_runs(&mut conn, PRUNE_JOB),
        logged(PRUNE_JOB),
        "{runs:?}"
    );
    assert_eq!(job_runs(&mut conn, SIGN_JOB), logged(SIGN_JOB), "{runs:?}");
    let pruned_events = events_per_entity(&mut conn, &["maintenance.pruned"]);
    assert_eq!(
        pruned_events.values().sum::<usize>(),
        pruned_events_before + 1,
        "one housekeeping event for the expired rows"
    );
    eprintln!(
        "two servers: {VOTERS} ballots, {TRANSFERS} transfers proposed and approved through \
         both; {n} audit events; runs before restart prune {prune_before} sign {sign_before}; \
         runs after {runs:?}"
    );
}

/// Two `serve` processes on one PostgreSQL database start at the same moment, each with
/// the round calendar's mover running at once: rounds whose dates all lie behind them are
/// moved on (open → review → voting → counted) exactly once, one audit event per move,
/// whichever process wins each step.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_move_each_round_on_its_dates_exactly_once() {
    use burgerbegroting::db::schema::rounds as r;
    use burgerbegroting::domain::round::{BallotRule, Calendar, CountRule, RoundStatus};
    use burgerbegroting::service::ledger as ledger_svc;
    use burgerbegroting::service::rounds::{self as svc, InitiativeInput, RoundInput};
    use burgerbegroting::service::Principal;
    use diesel::prelude::*;

    let Some(db) = TestDb::postgres() else {
        eprintln!("skipped: TEST_DATABASE_URL is not set");
        return;
    };
    let pool = db.pool();
    let mut conn = pool.get().expect("conn");
    let today = svc::today_nl(burgerbegroting::db::repo::now());
    let day = |n: i64| today + chrono::Duration::days(n);
    let mut ids = Vec::new();
    for name in [
        "Hattemerbroek",
        "Noordeinde",
        "Oosterwolde",
        "Wezep",
        "'t Loo",
    ] {
        let area = ledger_svc::create_area(&mut conn, &admin(), name, "dorp").expect("area");
        crate::helpers::fund_pool(&mut conn, &area.slug, 1_000_000);
        let round = svc::create_round(
            &mut conn,
            &admin(),
            &RoundInput {
                area_slug: area.slug,
                year: 2026,
                quarter: 4,
                title: format!("Smederij {name}"),
                budget_cents: 500_000,
                ballot_rule: BallotRule::Approval { max_choices: None },
                count_rule: CountRule::Greedy,
                calendar: Some(
                    Calendar::new(day(-1), day(1), day(2), day(3), day(5)).expect("cal"),
                ),
            },
        )
        .expect("round")
        .round
        .id;
        let plan = svc::submit_initiative(
            &mut conn,
            &admin(),
            &round,
            &InitiativeInput {
                title: "Bankjes".into(),
                summary: "Voor het dorp".into(),
                amount_cents: 100_000,
                taakveld: "5.7".into(),
            },
        )
        .expect("plan");
        crate::helpers::nominate(&mut conn, &admin(), &plan.id).expect("nom");
        // Three weeks pass: every date of the round lies behind it now.
        diesel::update(r::table.filter(r::id.eq(round.to_string())))
            .set((
                r::plans_from.eq(Some(day(-21))),
                r::plans_until.eq(Some(day(-20))),
                r::review_until.eq(Some(day(-14))),
                r::voting_from.eq(Some(day(-13))),
                r::voting_until.eq(Some(day(-7))),
            ))
            .execute(&mut *conn)
            .expect("dates in the past");
        ids.push(round);
    }
    let env = ServerEnv::new(&db);
    let (a, b) = start_two(&env);
    let status = |c: &mut burgerbegroting::db::DbConn, id| {
        svc::round(c, &Principal::resident(), id)
            .expect("round")
            .round
            .status
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    while ids
        .iter()
        .any(|id| status(&mut conn, id) != RoundStatus::Counted)
    {
        assert!(
            Instant::now() < deadline,
            "the calendar did not move the rounds:\n{}\n{}",
            a.log(),
            b.log()
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let logs = [a.log(), b.log()];
    drop((a, b));
    for id in &ids {
        let events: Vec<(String, String)> =
            burgerbegroting::db::repo::audit::for_entity(&mut conn, id)
                .expect("audit")
                .into_iter()
                .filter(|e| {
                    matches!(
                        e.action.as_str(),
                        "round.review_started" | "round.voting_opened" | "round.counted"
                    )
                })
                .map(|e| (e.action, e.actor))
                .collect();
        assert_eq!(
            events.iter().map(|(a, _)| a.as_str()).collect::<Vec<_>>(),
            [
                "round.review_started",
                "round.voting_opened",
                "round.counted"
            ],
            "one event per move"
        );
        assert!(
            events.iter().all(|(_, actor)| actor == "system"),
            "{events:?}"
        );
        assert_eq!(status(&mut conn, id), RoundStatus::Counted, "never further");
    }
    let moved: usize = logs
        .iter()
        .map(|l| l.matches("round calendar: moved").count())
        .sum();
    assert_eq!(moved, ids.len() * 3, "each move made by one server");
}
