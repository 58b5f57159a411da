//! The crash test (issue 12, "The tests that keep it so"): a real `burgerbegroting serve`
//! is killed with SIGKILL while residents vote and transfers are proposed and approved,
//! then started again on the same database. Every acknowledged ballot, transfer and
//! approval must be there exactly once, and the database must be whole (see
//! `processes::assert_intact`: SQLite's integrity check, the gap-free audit log and its
//! checkpoints, the ledger's balances). Twice per backend; SQLite, and PostgreSQL when
//! TEST_DATABASE_URL is set.

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use burgerbegroting::domain::role::Role;
use burgerbegroting::service::audit_log::{self, SignOutcome};
use rand::Rng;

use crate::helpers::{TestApp, TestDb};
use crate::processes::{
    api_login, approved, assert_intact, stored_trackers, transfer_body, vote, world, Server,
    ServerEnv, Staff, World,
};

// Enough codes that residents whose requests fail while the server is down (each attempt
// uses up a code) never run out; the last code is kept for the vote after the restarts.
const CODES: i32 = 1000;
const VOTER_WORKERS: usize = 8;
const MONEY_WORKERS: usize = 3;
const KILLS: usize = 2;

/// What the server acknowledged before it was killed.
#[derive(Default)]
struct Acked {
    trackers: Vec<String>,
    proposed: Vec<String>,
    approved: Vec<String>,
    /// Answers that are neither an acknowledgement nor an expected refusal.
    odd: Vec<String>,
}

struct Load {
    acked: Mutex<Acked>,
    stop: AtomicBool,
    next_code: AtomicUsize,
}

async fn resident(load: Arc<Load>, w: Arc<World>, base: String) {
    while !load.stop.load(Ordering::SeqCst) {
        let i = load.next_code.fetch_add(1, Ordering::SeqCst);
        // The last code is kept for the vote after the restarts.
        let Some(code) = w.codes[..w.codes.len() - 1].get(i) else {
            return;
        };
        let choice = &w.plans[i % w.plans.len()];
        let v = vote(&w, code, &base, &base, &[&base], choice).await;
        if v.broken {
            // The server is down: wait a little instead of using up codes in a tight loop.
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        let mut acked = load.acked.lock().expect("acked");
        for (status, tracker) in v.answers {
            match (status, tracker) {
                (200, Some(t)) => acked.trackers.push(t),
                (s, _) => acked.odd.push(format!("cast answered {s}")),
            }
        }
    }
}

async fn money(
    load: Arc<Load>,
    w: Arc<World>,
    base: String,
    clerk: Arc<Staff>,
    approver: Arc<Staff>,
    n: usize,
) {
    let mut i = n;
    while !load.stop.load(Ordering::SeqCst) {
        i += MONEY_WORKERS;
        let id = uuid::Uuid::new_v4();
        let body = transfer_body(
            id,
            &w.lines[i % w.lines.len()],
            &w.pools[i % w.pools.len()],
            1 + (i % 50) as i64,
        );
        match clerk.post(format!("{base}/api/v1/transfers"), &body).await {
            Ok((201, _)) => load
                .acked
                .lock()
                .expect("acked")
                .proposed
                .push(id.to_string()),
            Ok((s, b)) => {
                load.acked
                    .lock()
                    .expect("acked")
                    .odd
                    .push(format!("propose answered {s}: {b}"));
                continue;
            }
            Err(_) => continue,
        }
        let url = format!("{base}/api/v1/transfers/{id}/approve");
        match approver.post(url, &serde_json::json!({})).await {
            Ok((200, _)) => load
                .acked
                .lock()
                .expect("acked")
                .approved
                .push(id.to_string()),
            Ok((s, b)) => load
                .acked
                .lock()
                .expect("acked")
                .odd
                .push(format!("approve answered {s}: {b}")),
            Err(_) => {}
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_killed_server_loses_and_doubles_nothing() {
    for db in TestDb::all() {
        let backend = db.backend;
        let started = Instant::now();
        let env = ServerEnv::new(&db);
        let pool = db.pool();
        let mut conn = pool.get().expect("conn");
        let w = Arc::new(world(&mut conn, CODES));
        let app = TestApp {
            base: String::new(),
            pool: pool.clone(),
            db: Arc::new(db),
        };
        let clerk_email = app.add_user("clerk@test.example", Role::FinanceClerk);
        let approver_email = app.add_user("approver@test.example", Role::FinanceApprover);
        let load = Arc::new(Load {
            acked: Mutex::new(Acked::default()),
            stop: AtomicBool::new(false),
            next_code: AtomicUsize::new(0),
        });
        let mut server = Server::start(&env);

        for kill in 1..=KILLS {
            let what = format!("{backend}, kill {kill}");
            let base = server.base.clone();
            let clerk = Arc::new(api_login(&app, &base, &clerk_email).await);
            let approver = Arc::new(api_login(&app, &base, &approver_email).await);
            load.stop.store(false, Ordering::SeqCst);
            let (ballots_before, approved_before) = {
                let a = load.acked.lock().expect("acked");
                (a.trackers.len(), a.approved.len())
            };
            let mut workers = Vec::new();
            for _ in 0..VOTER_WORKERS {
                workers.push(tokio::spawn(resident(
                    load.clone(),
                    w.clone(),
                    base.clone(),
                )));
            }
            for n in 0..MONEY_WORKERS {
                workers.push(tokio::spawn(money(
                    load.clone(),
                    w.clone(),
                    base.clone(),
                    clerk.clone(),
                    approver.clone(),
                    n,
                )));
            }
            // Kill in the middle of the work: once some of everything was acknowledged,
            // at a random moment after that.
            let deadline = Instant::now() + Duration::from_secs(90);
            loop {
                let (b, a, odd) = {
                    let a = load.acked.lock().expect("acked");
                    (
                        a.trackers.len() - ballots_before,
                        a.approved.len() - approved_before,
                        a.odd.first().cloned(),
                    )
                };
                if b >= 15 && a >= 5 {
                    break;
                }
                assert!(
                    Instant::now() < deadline,
                    "{what}: too little work acknowledged ({b} ballots, {a} approvals; {odd:?})"
                );
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            let wait = rand::thread_rng().gen_range(0..300);
            tokio::time::sleep(Duration::from_millis(wait)).await;
            server.kill();
            load.stop.store(true, Ordering::SeqCst);
            for worker in workers {
                worker.await.expect("worker");
            }
            let log = server.log();
            assert!(
                !log.contains("panicked"),
                "{what}: the server panicked:\n{log}"
            );

            // Start again on the same database and check everything.
            server = Server::start(&env);
            let acked = load.acked.lock().expect("acked");
            assert!(
                acked.odd.is_empty(),
                "{what}: unexpected answers: {:?}",
                acked.odd
            );
            assert_intact(&mut conn, &what);
            let stored = stored_trackers(&mut conn, &w.round_id);
            for t in &acked.trackers {
                assert_eq!(
                    stored.get(t),
                    Some(&1),
                    "{what}: acknowledged ballot {t} stored once"
                );
            }
            assert!(stored.values().all(|n| *n == 1), "{what}: no tracker twice");
            let unacked = stored.len() - acked.trackers.iter().collect::<HashSet<_>>().len();
            assert!(
                unacked <= VOTER_WORKERS,
                "{what}: {unacked} stored ballots were never cast by a worker in flight"
            );
            let n = crate::processes::events_per_entity(&mut conn, &["transfer.proposed"]);
            for id in &acked.proposed {
                assert_eq!(
                    n.get(id),
                    Some(&1),
                    "{what}: acknowledged transfer {id} stored once"
                );
            }
            for id in &acked.approved {
                assert!(
                    approved(&mut conn, id),
                    "{what}: acknowledged approval of {id}"
                );
            }
            // The signer finds the history it signed before the kill.
            let outcome = audit_log::sign_pending(&mut conn, &env.signing_key()).expect("sign");
            assert!(
                !matches!(outcome, SignOutcome::Stopped(_)),
                "{what}: {outcome:?}"
            );
            eprintln!(
                "{what}: {} ballots ({} acknowledged), {} transfers proposed and {} approved \
                 acknowledged so far; checked in {:.1?} since start",
                stored.len(),
                acked.trackers.len(),
                acked.proposed.len(),
                acked.approved.len(),
                started.elapsed()
            );
        }

        // The restarted server works: one more resident votes.
        let last = w.codes.last().expect("the world has codes");
        let base = server.base.clone();
        let v = vote(&w, last, &base, &base, &[&base], &w.plans[0]).await;
        assert_eq!(v.answers.len(), 1, "{backend}: {v:?}");
        assert_eq!(v.answers[0].0, 200, "{backend}: a vote after the restart");
        drop(server);
    }
}
