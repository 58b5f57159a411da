//! Scheduled work once per period across servers: `maintenance::run_once_per_period`
//! (the claim row and the work commit together) and the signing job that refuses a second
//! signing key. The same with real processes: tests/it/multi_server.rs.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use burgerbegroting::db::repo::scheduled_jobs;
use burgerbegroting::keys::KeyFile;
use burgerbegroting::service::audit_log::{self, SignOutcome};
use burgerbegroting::service::ledger as ledger_svc;
use burgerbegroting::service::maintenance::{
    period_start, run_once_per_period, sign_checkpoint, Scheduled,
};
use burgerbegroting::service::{Principal, ServiceError};
use chrono::{Duration, NaiveDate};

use crate::helpers::{admin, TestDb};

fn at(h: u32, m: u32, s: u32) -> chrono::NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 12, 2)
        .and_then(|d| d.and_hms_micro_opt(h, m, s, 250))
        .expect("time")
}

#[test]
fn periods_are_cut_the_same_on_every_server() {
    assert_eq!(
        period_start(at(10, 17, 45), Duration::seconds(30)),
        at(10, 17, 30) - Duration::microseconds(250)
    );
    assert_eq!(
        period_start(at(10, 17, 45), Duration::hours(1)),
        at(10, 0, 0) - Duration::microseconds(250)
    );
    assert_eq!(
        period_start(at(0, 0, 0), Duration::days(1)),
        at(0, 0, 0) - Duration::microseconds(250)
    );
}

#[test]
fn a_period_runs_once_however_many_servers_ask_at_once() {
    for db in TestDb::all() {
        let backend = db.backend;
        let pool = db.pool();
        let now = at(10, 17, 45);
        let ran = Arc::new(AtomicUsize::new(0));
        let outcomes: Vec<Scheduled<()>> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..8)
                .map(|i| {
                    let (pool, ran) = (pool.clone(), ran.clone());
                    s.spawn(move || {
                        let mut c = pool.get().expect("conn");
                        run_once_per_period(
                            &mut c,
                            "test.job",
                            Duration::hours(1),
                            now,
                            &format!("server {i}"),
                            |_| {
                                ran.fetch_add(1, Ordering::SeqCst);
                                Ok(())
                            },
                        )
                        .expect("scheduled")
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("thread"))
                .collect()
        });
        assert_eq!(ran.load(Ordering::SeqCst), 1, "{backend}");
        let winners: Vec<_> = outcomes
            .iter()
            .filter(|o| matches!(o, Scheduled::Ran { .. }))
            .collect();
        assert_eq!(winners.len(), 1, "{backend}: {outcomes:?}");
        let mut c = pool.get().expect("conn");
        let row = scheduled_jobs::find(&mut c, "test.job")
            .expect("row")
            .expect("claimed");
        assert_eq!(row.runs, 1, "{backend}");
        assert_eq!(row.period_start, period_start(now, Duration::hours(1)));
        for o in &outcomes {
            if let Scheduled::AlreadyDone(r) = o {
                assert_eq!(
                    r.ran_by, row.ran_by,
                    "{backend}: the others name the winner"
                );
            }
        }
        // Later in the same hour: done; the next hour: runs again.
        let again = run_once_per_period(
            &mut c,
            "test.job",
            Duration::hours(1),
            now + Duration::minutes(40),
            "late",
            |_| Ok(()),
        )
        .expect("scheduled");
        assert!(matches!(again, Scheduled::AlreadyDone(_)), "{backend}");
        let next = run_once_per_period(
            &mut c,
            "test.job",
            Duration::hours(1),
            now + Duration::hours(1),
            "next",
            |_| Ok(()),
        )
        .expect("scheduled");
        assert!(matches!(next, Scheduled::Ran { .. }), "{backend}");
        let row = scheduled_jobs::find(&mut c, "test.job")
            .expect("row")
            .expect("claimed");
        assert_eq!((row.runs, row.ran_by.as_str()), (2, "next"), "{backend}");
    }
}

#[test]
fn failed_work_gives_the_period_back() {
    for db in TestDb::all() {
        let backend = db.backend;
        let pool = db.pool();
        let mut c = pool.get().expect("conn");
        let now = at(11, 0, 5);
        let failed = run_once_per_period(&mut c, "test.fails", Duration::hours(1), now, "a", |c| {
            // A change the work made before failing is undone with the claim.
            ledger_svc::create_area(c, &admin(), "Hattemerbroek", "dorp")?;
            Err::<(), _>(ServiceError::invalid(
                "job",
                burgerbegroting::domain::message::Msg::verbatim("mislukt"),
            ))
        });
        assert!(failed.is_err(), "{backend}");
        assert!(
            scheduled_jobs::find(&mut c, "test.fails")
                .expect("row")
                .is_none(),
            "{backend}: no claim left"
        );
        let pools = ledger_svc::pools(&mut c, &crate::helpers::reader()).expect("pools");
        assert!(
            pools.iter().all(|p| p.name != "Hattemerbroek"),
            "{backend}: the work is undone"
        );
        let retried =
            run_once_per_period(&mut c, "test.fails", Duration::hours(1), now, "b", |c| {
                ledger_svc::create_area(c, &admin(), "Hattemerbroek", "dorp").map(|a| a.slug)
            })
            .expect("retry");
        assert!(
            matches!(retried, Scheduled::Ran { .. }),
            "{backend}: another server retries"
        );
    }
}

#[test]
fn a_server_with_another_signing_key_signs_nothing() {
    for db in TestDb::all() {
        let backend = db.backend;
        let pool = db.pool();
        let mut c = pool.get().expect("conn");
        let ours = KeyFile::generate("gemeente.example/audit").expect("key");
        let stray = KeyFile::generate("gemeente.example/audit").expect("key");
        ledger_svc::create_area(&mut c, &admin(), "Wezep", "dorp").expect("area");
        assert!(
            matches!(
                sign_checkpoint(&mut c, &ours).expect("sign"),
                SignOutcome::Signed(_)
            ),
            "{backend}"
        );
        ledger_svc::create_area(&mut c, &admin(), "Oosterwolde", "dorp").expect("area");
        let refused = sign_checkpoint(&mut c, &stray);
        let message = refused.expect_err("another key refused").to_string();
        assert!(message.contains("signing_key_file"), "{backend}: {message}");
        assert_eq!(
            audit_log::checkpoints(&mut c, &Principal::resident())
                .expect("checkpoints")
                .len(),
            1,
            "{backend}"
        );
        assert!(
            matches!(
                sign_checkpoint(&mut c, &ours).expect("sign"),
                SignOutcome::Signed(_)
            ),
            "{backend}"
        );
    }
}

/// The housekeeping and the signer change no round data, so they leave
/// `content_generation` (what residents' kept round data is valid for) alone; they still
/// raise the write counter like every write. A write of round data does raise it.
#[test]
fn housekeeping_and_signing_keep_residents_round_data_valid() {
    use crate::helpers::write_counters as counters;
    use burgerbegroting::service::maintenance::{prune_expired, PRUNE_JOB, SIGN_JOB};

    for db in TestDb::all() {
        let backend = db.backend;
        let pool = db.pool();
        let mut c = pool.get().expect("conn");
        let key = KeyFile::generate("gemeente.example/audit").expect("key");
        ledger_svc::create_area(&mut c, &admin(), "Wezep", "dorp").expect("area");
        let (writes, content) = counters(&mut c);

        let now = at(10, 17, 45);
        let pruned = run_once_per_period(&mut c, PRUNE_JOB, Duration::hours(1), now, "a", |c| {
            prune_expired(c, now)
        })
        .expect("prune");
        assert!(matches!(pruned, Scheduled::Ran { .. }), "{backend}");
        let signed = run_once_per_period(&mut c, SIGN_JOB, Duration::seconds(30), now, "a", |c| {
            sign_checkpoint(c, &key)
        })
        .expect("sign");
        assert!(
            matches!(
                signed,
                Scheduled::Ran {
                    output: SignOutcome::Signed(_),
                    ..
                }
            ),
            "{backend}: {signed:?}"
        );
        let (writes_after, content_after) = counters(&mut c);
        assert_eq!(content_after, content, "{backend}: round data still valid");
        assert!(writes_after > writes, "{backend}: still counted as writes");

        ledger_svc::create_area(&mut c, &admin(), "Oosterwolde", "dorp").expect("area");
        assert!(
            counters(&mut c).1 > content,
            "{backend}: other writes renew the round data"
        );
    }
}
