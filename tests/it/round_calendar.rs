//! The round calendar on every backend: `serve`'s mover moves a round to its next phase
//! when a date passes, one audit event per move, exactly once even with two movers at
//! the same moment (two servers on one database); a coordinator may move a round early,
//! never back; a year is scheduled at once, all or nothing.

use std::sync::{Arc, Barrier};

use burgerbegroting::db::repo::audit as audit_repo;
use burgerbegroting::db::DbConn;
use burgerbegroting::domain::round::{BallotRule, Calendar, CountRule, RoundId, RoundStatus};
use burgerbegroting::service::ledger as ledger_svc;
use burgerbegroting::service::rounds::{
    self as svc, AreaChoice, InitiativeInput, RoundInput, ScheduleInput,
};
use burgerbegroting::service::{Principal, ServiceError};
use chrono::{Days, NaiveDate, NaiveDateTime};

use crate::helpers::{admin, fund_pool, TestDb};

fn now() -> NaiveDateTime {
    burgerbegroting::db::repo::now()
}

fn today() -> NaiveDate {
    svc::today_nl(now())
}

/// `now` moved `days` days on (the mover takes the moment as an argument).
fn later(days: u64) -> NaiveDateTime {
    now() + Days::new(days)
}

/// Plans today and tomorrow, review the day after, voting from day 3 to day 5.
fn calendar_from_today() -> Calendar {
    let t = today();
    let d = |n: i64| {
        t.checked_add_signed(chrono::Duration::days(n))
            .expect("day")
    };
    Calendar::new(d(-1), d(1), d(2), d(3), d(5)).expect("calendar")
}

/// A round with the calendar above in a new area, with `plans` nominated plans.
fn round_with_dates(c: &mut DbConn, name: &str, plans: usize) -> RoundId {
    let area = ledger_svc::create_area(c, &admin(), name, "dorp").expect("area");
    fund_pool(c, &area.slug, 1_000_000);
    let round = svc::create_round(
        c,
        &admin(),
        &RoundInput {
            area_slug: area.slug,
            year: 2027,
            quarter: 1,
            title: format!("Smederij {name}"),
            budget_cents: 500_000,
            ballot_rule: BallotRule::Approval { max_choices: None },
            count_rule: CountRule::Greedy,
            calendar: Some(calendar_from_today()),
        },
    )
    .expect("round")
    .round
    .id;
    for n in 0..plans {
        let p = svc::submit_initiative(
            c,
            &admin(),
            &round,
            &InitiativeInput {
                title: format!("Plan {n}"),
                summary: "Voor het dorp".into(),
                amount_cents: 100_000,
                taakveld: "5.7".into(),
            },
        )
        .expect("plan");
        crate::helpers::nominate(c, &admin(), &p.id).expect("nominate");
    }
    // The counted result is committed by the coordinator at once (the objection window
    // has its own tests in objections.rs).
    crate::helpers::without_objection_window(c, &round);
    round
}

fn status(c: &mut DbConn, id: &RoundId) -> RoundStatus {
    svc::round(c, &Principal::resident(), id)
        .expect("round")
        .round
        .status
}

/// The phase moves of a round in the audit log: (action, actor).
fn moves(c: &mut DbConn, id: &RoundId) -> Vec<(String, String)> {
    audit_repo::for_entity(c, id)
        .expect("audit")
        .into_iter()
        .filter(|e| {
            matches!(
                e.action.as_str(),
                "round.review_started" | "round.voting_opened" | "round.counted" | "round.closed"
            )
        })
        .map(|e| (e.action, e.actor))
        .collect()
}

#[test]
fn the_calendar_moves_a_round_on_its_dates_one_audit_event_per_move() {
    for db in TestDb::all() {
        let pool = db.pool();
        let mut c = pool.get().expect("conn");
        let id = round_with_dates(&mut c, "Hulshorst", 2);
        // Today plans are open: nothing to do.
        assert!(svc::move_due_rounds(&mut c, now())
            .expect("move")
            .is_empty());
        assert_eq!(status(&mut c, &id), RoundStatus::Open);
        // After the last day of plans: review. Run twice: the second finds nothing.
        let m = svc::move_due_rounds(&mut c, later(2)).expect("move");
        assert_eq!(m.len(), 1, "{}", db.backend);
        assert_eq!(
            (m[0].from, m[0].to),
            (RoundStatus::Open, RoundStatus::Review)
        );
        assert!(svc::move_due_rounds(&mut c, later(2))
            .expect("move")
            .is_empty());
        assert_eq!(status(&mut c, &id), RoundStatus::Review);
        // Submitting is over, by date and by phase.
        let late = svc::submit_initiative(
            &mut c,
            &admin(),
            &id,
            &InitiativeInput {
                title: "Te laat".into(),
                summary: "Te laat".into(),
                amount_cents: 1_000,
                taakveld: "5.7".into(),
            },
        );
        assert!(
            matches!(late, Err(ServiceError::Invalid { .. })),
            "{late:?}"
        );
        // The first voting day: voting opens with the rules frozen.
        let m = svc::move_due_rounds(&mut c, later(3)).expect("move");
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].to, RoundStatus::Voting);
        let v = svc::round(&mut c, &Principal::resident(), &id).expect("round");
        assert!(v.round.fingerprint.is_some());
        // After the last voting day: counted, result public, nothing committed.
        let m = svc::move_due_rounds(&mut c, later(6)).expect("move");
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].to, RoundStatus::Counted);
        let v = svc::round(&mut c, &Principal::resident(), &id).expect("round");
        assert_eq!(v.round.status, RoundStatus::Counted);
        assert!(v.actions.results_published);
        assert!(v.result().expect("result").commitments.is_empty());
        // Closing (committing the money) is never the calendar's.
        assert!(svc::move_due_rounds(&mut c, later(400))
            .expect("move")
            .is_empty());
        assert_eq!(
            moves(&mut c, &id),
            vec![
                ("round.review_started".into(), "system".into()),
                ("round.voting_opened".into(), "system".into()),
                ("round.counted".into(), "system".into()),
            ],
            "{}",
            db.backend
        );
        let events = audit_repo::for_entity(&mut c, &id).expect("audit");
        let opened = events
            .iter()
            .find(|e| e.action == "round.voting_opened")
            .expect("opened");
        assert!(
            opened.payload.contains("\"by\":\"calendar\""),
            "{}",
            opened.payload
        );
        // The coordinator closes; the calendar's round is then done.
        crate::helpers::without_objection_window(&mut c, &id);
        svc::close_round(&mut c, &admin(), &id).expect("close");
        assert_eq!(status(&mut c, &id), RoundStatus::Closed);
    }
}

#[test]
fn a_round_that_is_behind_catches_up_step_by_step_and_a_blocked_move_changes_nothing() {
    for db in TestDb::all() {
        let pool = db.pool();
        let mut c = pool.get().expect("conn");
        let ready = round_with_dates(&mut c, "Wezep", 1);
        let empty = round_with_dates(&mut c, "Noordeinde", 0);
        // The server was down for a week: 't Loo goes through three phases at once,
        // each its own event; the round without plans reaches review and stops there.
        let m = svc::move_due_rounds(&mut c, later(7)).expect("move");
        let of = |id: &RoundId| {
            m.iter()
                .filter(|x| &x.round == id)
                .map(|x| (x.to, x.refused.is_some()))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            of(&ready),
            vec![
                (RoundStatus::Review, false),
                (RoundStatus::Voting, false),
                (RoundStatus::Counted, false)
            ]
        );
        assert_eq!(
            of(&empty),
            vec![(RoundStatus::Review, false), (RoundStatus::Voting, true)]
        );
        let refused = m
            .iter()
            .find(|x| x.refused.is_some())
            .and_then(|x| x.refused.clone())
            .unwrap_or_default();
        assert!(refused.contains("Nomineer eerst"), "{refused}");
        assert_eq!(status(&mut c, &empty), RoundStatus::Review);
        assert_eq!(moves(&mut c, &ready).len(), 3, "{}", db.backend);
        assert_eq!(moves(&mut c, &empty).len(), 1, "{}", db.backend);
    }
}

#[test]
fn a_coordinator_moves_a_round_early_but_never_back() {
    for db in TestDb::all() {
        let pool = db.pool();
        let mut c = pool.get().expect("conn");
        let id = round_with_dates(&mut c, "Oene", 1);
        svc::close_submissions(&mut c, &admin(), &id).expect("early review");
        assert_eq!(status(&mut c, &id), RoundStatus::Review);
        assert!(svc::close_submissions(&mut c, &admin(), &id).is_err());
        svc::open_voting(&mut c, &admin(), &id).expect("early voting");
        // Back is refused by the service for every earlier step...
        assert!(svc::close_submissions(&mut c, &admin(), &id).is_err());
        assert!(svc::open_voting(&mut c, &admin(), &id).is_err());
        assert!(
            svc::close_round(&mut c, &admin(), &id).is_err(),
            "not counted yet"
        );
        svc::count_round(&mut c, &admin(), &id).expect("early count");
        assert!(svc::count_round(&mut c, &admin(), &id).is_err());
        // ...and the calendar, whose dates now lie ahead, leaves it alone.
        assert!(svc::move_due_rounds(&mut c, later(3))
            .expect("move")
            .is_empty());
        assert_eq!(status(&mut c, &id), RoundStatus::Counted);
        let m = moves(&mut c, &id);
        assert!(
            m.iter().all(|(_, actor)| actor.starts_with("user:")),
            "{m:?}"
        );
        assert_eq!(m.len(), 3, "{}", db.backend);
    }
}

#[test]
fn two_movers_at_the_same_moment_move_each_round_exactly_once() {
    for db in TestDb::all() {
        let pool = db.pool();
        let ids: Vec<RoundId> = {
            let mut c = pool.get().expect("conn");
            ["Doornspijk", "Elburg", "Epe", "Heerde", "Hattem"]
                .iter()
                .map(|n| round_with_dates(&mut c, n, 1))
                .collect()
        };
        // Two "servers", each moving everything that is due a week from now, starting
        // together, several times over.
        let barrier = Arc::new(Barrier::new(2));
        let handles: Vec<_> = (0..2)
            .map(|_| {
                let (pool, barrier) = (pool.clone(), barrier.clone());
                std::thread::spawn(move || {
                    let mut c = pool.get().expect("conn");
                    barrier.wait();
                    let mut made = 0;
                    for _ in 0..3 {
                        let m = svc::move_due_rounds(&mut c, later(7)).expect("move");
                        made += m.iter().filter(|x| x.refused.is_none()).count();
                    }
                    made
                })
            })
            .collect();
        let made: usize = handles.into_iter().map(|h| h.join().expect("mover")).sum();
        assert_eq!(made, ids.len() * 3, "{}: moves reported", db.backend);
        let mut c = pool.get().expect("conn");
        for id in &ids {
            assert_eq!(status(&mut c, id), RoundStatus::Counted);
            let m = moves(&mut c, id);
            assert_eq!(
                m.iter().map(|(a, _)| a.as_str()).collect::<Vec<_>>(),
                vec![
                    "round.review_started",
                    "round.voting_opened",
                    "round.counted"
                ],
                "{}: one event per move",
                db.backend
            );
        }
    }
}

fn schedule(areas: AreaChoice, quarters: &[i32]) -> ScheduleInput {
    ScheduleInput {
        year: 2028,
        quarters: quarters.to_vec(),
        areas,
        title: "Smederij".into(),
        budget_cents: 1_000_000,
        ballot_rule: BallotRule::Approval {
            max_choices: Some(3),
        },
        count_rule: CountRule::EqualShares,
        plan_weeks: 6,
        review_weeks: 2,
        voting_weeks: 2,
    }
}

#[test]
fn a_year_is_scheduled_at_once_with_the_same_dates_per_quarter() {
    for db in TestDb::all() {
        let pool = db.pool();
        let mut c = pool.get().expect("conn");
        let a = ledger_svc::create_area(&mut c, &admin(), "'t Loo", "dorp").expect("a");
        let b = ledger_svc::create_area(&mut c, &admin(), "Wezep", "dorp").expect("b");
        ledger_svc::create_area(&mut c, &admin(), "Oldebroek", "dorp").expect("c");
        let made = svc::schedule_year(
            &mut c,
            &admin(),
            &schedule(
                AreaChoice::parse(&format!("{},{}", a.slug, b.slug)),
                &[1, 2, 3, 4],
            ),
        )
        .expect("scheduled");
        assert_eq!(made.len(), 8, "{}", db.backend);
        for q in 1..=4 {
            let of_q: Vec<_> = made.iter().filter(|v| v.round.quarter == q).collect();
            assert_eq!(of_q.len(), 2);
            assert_eq!(of_q[0].round.calendar, of_q[1].round.calendar, "same dates");
            assert_eq!(
                of_q[0].round.calendar,
                Some(Calendar::for_quarter(2028, q, 6, 2, 2).expect("cal"))
            );
            assert!(of_q.iter().all(|v| v.round.status == RoundStatus::Open
                && v.round.budget_cents == 1_000_000
                && v.round.title == format!("Smederij 2028 kwartaal {q}")));
        }
        let created = |c: &mut DbConn| {
            made.iter()
                .map(|v| {
                    audit_repo::for_entity(c, &v.round.id)
                        .expect("audit")
                        .iter()
                        .filter(|e| e.action == "round.created")
                        .count()
                })
                .sum::<usize>()
        };
        assert_eq!(created(&mut c), 8);
        // "all" for an administrator: every area; a clash anywhere refuses everything.
        let before = svc::list(&mut c, &Principal::resident())
            .expect("list")
            .len();
        let err = svc::schedule_year(&mut c, &admin(), &schedule(AreaChoice::All, &[2, 3]))
            .expect_err("clash");
        match &err {
            ServiceError::Invalid { field, message } => {
                assert_eq!(*field, "quarters");
                assert!(message.contains("Er is niets gepland"), "{message}");
                assert!(message.contains("'t Loo kwartaal 2"), "{message}");
                assert!(message.contains("Wezep kwartaal 3"), "{message}");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            svc::list(&mut c, &Principal::resident())
                .expect("list")
                .len(),
            before,
            "{}: nothing made",
            db.backend
        );
        // Without a clash, "all" schedules the one area left.
        let rest = svc::schedule_year(&mut c, &admin(), &schedule(AreaChoice::All, &[]));
        assert!(matches!(
            rest,
            Err(ServiceError::Invalid {
                field: "quarters",
                ..
            })
        ));
        let bad_weeks = ScheduleInput {
            plan_weeks: 0,
            ..schedule(AreaChoice::All, &[1])
        };
        assert!(matches!(
            svc::schedule_year(&mut c, &admin(), &bad_weeks),
            Err(ServiceError::Invalid { field: "weeks", .. })
        ));
        let unknown = svc::schedule_year(
            &mut c,
            &admin(),
            &schedule(AreaChoice::parse("nergens"), &[1]),
        );
        assert!(matches!(
            unknown,
            Err(ServiceError::Invalid { field: "areas", .. })
        ));
    }
}

#[test]
fn a_coordinator_schedules_only_their_own_areas() {
    for db in TestDb::all() {
        let pool = db.pool();
        let mut c = pool.get().expect("conn");
        let a = ledger_svc::create_area(&mut c, &admin(), "'t Loo", "dorp").expect("a");
        let b = ledger_svc::create_area(&mut c, &admin(), "Wezep", "dorp").expect("b");
        let mut coord = crate::helpers::staff(
            "coord",
            &[burgerbegroting::domain::role::Role::AreaCoordinator],
        );
        coord.coordinator_areas = vec![a.area_id.clone()];
        let other = svc::schedule_year(&mut c, &coord, &schedule(AreaChoice::parse(&b.slug), &[1]));
        assert!(
            matches!(other, Err(ServiceError::Forbidden(_))),
            "{other:?}"
        );
        let mine = svc::schedule_year(&mut c, &coord, &schedule(AreaChoice::All, &[1, 3]))
            .expect("own areas");
        assert_eq!(mine.len(), 2, "{}", db.backend);
        assert!(mine.iter().all(|v| v.area.slug == a.slug));
    }
}

/// The coordinator's button for the move from `from`, as the coordinator presses it.
fn coordinator_moves(c: &mut DbConn, id: &RoundId, from: RoundStatus) -> bool {
    match from {
        RoundStatus::Open => svc::close_submissions(c, &admin(), id).is_ok(),
        RoundStatus::Review => svc::open_voting(c, &admin(), id).is_ok(),
        RoundStatus::Voting => svc::count_round(c, &admin(), id).is_ok(),
        RoundStatus::Counted => svc::close_round(c, &admin(), id).is_ok(),
        RoundStatus::Closed | RoundStatus::Annulled => false,
    }
}

#[test]
fn the_coordinator_and_the_mover_at_once_move_every_phase_exactly_once_and_never_back() {
    // For each phase: the moment at which the calendar calls for exactly the next step
    // (see `calendar_from_today`), or none for counted (closing is the coordinator's).
    let phases = [
        (RoundStatus::Open, 2, "round.review_started"),
        (RoundStatus::Review, 3, "round.voting_opened"),
        (RoundStatus::Voting, 6, "round.counted"),
        (RoundStatus::Counted, 30, "round.closed"),
    ];
    for db in TestDb::all() {
        let pool = db.pool();
        for (n, (from, days, action)) in phases.into_iter().enumerate() {
            for attempt in 0..3 {
                let id = {
                    let mut c = pool.get().expect("conn");
                    let id = round_with_dates(&mut c, &format!("Dorp {n}-{attempt}"), 1);
                    // Bring the round to `from` by the coordinator's own steps.
                    while status(&mut c, &id) != from {
                        let at = status(&mut c, &id);
                        assert!(coordinator_moves(&mut c, &id, at), "{}", db.backend);
                    }
                    id
                };
                let barrier = Arc::new(Barrier::new(2));
                let coordinator = {
                    let (pool, barrier, id) = (pool.clone(), barrier.clone(), id.clone());
                    std::thread::spawn(move || {
                        let mut c = pool.get().expect("conn");
                        barrier.wait();
                        coordinator_moves(&mut c, &id, from)
                    })
                };
                let mover = {
                    let (pool, barrier) = (pool.clone(), barrier.clone());
                    std::thread::spawn(move || {
                        let mut c = pool.get().expect("conn");
                        barrier.wait();
                        svc::move_due_rounds(&mut c, later(days)).expect("mover")
                    })
                };
                let by_coordinator = coordinator.join().expect("coordinator");
                let moved = mover.join().expect("mover");
                let by_mover = moved
                    .iter()
                    .filter(|m| m.round == id && m.refused.is_none())
                    .count();
                let mut c = pool.get().expect("conn");
                let events = moves(&mut c, &id);
                let of_step = events.iter().filter(|(a, _)| a == action).count();
                assert_eq!(of_step, 1, "{}: {action} once", db.backend);
                let next = from.next().expect("next");
                assert_eq!(status(&mut c, &id), next, "{}: from {from:?}", db.backend);
                if from == RoundStatus::Counted {
                    assert!(by_coordinator && by_mover == 0, "{}", db.backend);
                } else {
                    assert_eq!(
                        usize::from(by_coordinator) + by_mover,
                        1,
                        "{}: one of them moved it from {from:?}",
                        db.backend
                    );
                }
                // Never back: no button and no date takes the round to an earlier phase.
                for earlier in RoundStatus::ALL.iter().take_while(|s| **s != next) {
                    assert!(!coordinator_moves(&mut c, &id, *earlier), "{}", db.backend);
                }
                for d in [0, 1, 2, 3, 6, 30] {
                    svc::move_due_rounds(&mut c, later(d)).expect("mover");
                }
                assert!(
                    status(&mut c, &id) >= next,
                    "{}: went back from {next:?}",
                    db.backend
                );
                let mut after = moves(&mut c, &id);
                let all = after.len();
                after.sort();
                after.dedup_by(|a, b| a.0 == b.0);
                assert_eq!(after.len(), all, "{}: a phase entered twice", db.backend);
            }
        }
    }
}
