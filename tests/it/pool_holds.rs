//! Reservations and earmarks on every backend: a round's budget is reserved from its
//! area's pool when voting opens (refused, with the amounts, when the pool cannot cover
//! it), two parallel openings on one pool never both succeed when only one fits, closing
//! releases what the result does not commit, earmarks hold money apart until released,
//! and the ledger's invariants hold throughout (sum of balances 0, no pool below zero).

use std::sync::{Arc, Barrier};

use burgerbegroting::db::repo::audit as audit_repo;
use burgerbegroting::db::DbConn;
use burgerbegroting::domain::round::{RoundId, RoundStatus};
use burgerbegroting::service::ledger as ledger_svc;
use burgerbegroting::service::pool_holds;
use burgerbegroting::service::rounds::{self as svc, InitiativeInput};
use burgerbegroting::service::{Principal, ServiceError};

use crate::helpers::{admin, fund_pool, ledger_invariants, round_input, TestDb};

/// A round in `slug` with one nominated plan of `plan` cents, ready to open voting.
fn ready_round(c: &mut DbConn, slug: &str, quarter: i32, budget: i64, plan: i64) -> RoundId {
    let id = svc::create_round(
        c,
        &admin(),
        &round_input(slug, 2027, quarter, format!("Ronde {quarter}"), budget),
    )
    .expect("round")
    .round
    .id;
    let p = svc::submit_initiative(
        c,
        &admin(),
        &id,
        &InitiativeInput {
            title: "Speeltuin".into(),
            summary: "Voor de kinderen".into(),
            amount_cents: plan,
            taakveld: "5.7".into(),
        },
    )
    .expect("plan");
    crate::helpers::nominate(c, &admin(), &p.id).expect("nominate");
    id
}

/// One resident votes for the round's only plan, then the round is counted.
fn vote_for_the_plan_and_count(c: &mut DbConn, slug: &str, id: &RoundId) {
    let code = burgerbegroting::service::voting_codes::generate_batch(c, &admin(), slug, 2027, 1)
        .expect("codes")
        .codes
        .remove(0);
    let v = svc::round(c, &Principal::resident(), id).expect("round");
    let plan = v.initiatives[0].id.to_string();
    let handle = code.handle();
    svc::cast(
        c,
        &Principal::resident(),
        id,
        svc::Channel::Online { handle },
        &[plan],
    )
    .expect("vote");
    svc::count_round(c, &admin(), id).expect("count");
}

#[test]
fn opening_reserves_the_budget_and_closing_releases_what_was_not_committed() {
    for db in TestDb::all() {
        let pool = db.pool();
        let mut c = pool.get().expect("conn");
        let area = ledger_svc::create_area(&mut c, &admin(), "'t Loo", "dorp").expect("area");
        fund_pool(&mut c, &area.slug, 1_500_000);
        let first = ready_round(&mut c, &area.slug, 1, 1_000_000, 400_000);
        let second = ready_round(&mut c, &area.slug, 2, 1_000_000, 300_000);
        svc::open_voting(&mut c, &admin(), &first).expect("first fits");
        let m = pool_holds::pool_money(&mut c, &admin(), &area.slug).expect("pool");
        assert_eq!(
            (m.balance_cents, m.reserved_cents, m.available_cents),
            (1_500_000, 1_000_000, 500_000),
            "{}",
            db.backend
        );
        // The second round does not fit next to the first: refused with the amounts, and
        // nothing changed.
        let err = svc::open_voting(&mut c, &admin(), &second).expect_err("does not fit");
        let msg = err.to_string();
        for amount in ["10.000,00", "15.000,00", "5.000,00"] {
            assert!(msg.contains(amount), "{amount} in {msg}");
        }
        let v = svc::round(&mut c, &Principal::resident(), &second).expect("round");
        assert_eq!(v.round.status, RoundStatus::Open);
        assert!(v.round.fingerprint.is_none());
        // Count and close the first: a count without ballots funds nothing, so the whole
        // reservation comes free again.
        svc::count_round(&mut c, &admin(), &first).expect("count");
        let m = pool_holds::pool_money(&mut c, &admin(), &area.slug).expect("pool");
        assert_eq!(m.reserved_cents, 1_000_000, "still reserved while counted");
        let hold = m.holds[0].id.clone();
        crate::helpers::without_objection_window(&mut c, &first);
        svc::close_round(&mut c, &admin(), &first).expect("close");
        let m = pool_holds::pool_money(&mut c, &admin(), &area.slug).expect("pool");
        assert_eq!((m.reserved_cents, m.available_cents), (0, 1_500_000));
        let released = audit_repo::for_entity(&mut c, &hold)
            .expect("audit")
            .into_iter()
            .find(|e| e.action == "pool.released")
            .expect("release event");
        assert!(
            released.payload.contains("\"returned_cents\":1000000"),
            "{}",
            released.payload
        );
        svc::open_voting(&mut c, &admin(), &second).expect("now it fits");
        ledger_invariants(&mut c, db.backend);
    }
}

#[test]
fn closing_commits_the_winners_and_frees_the_rest_of_the_reservation() {
    for db in TestDb::all() {
        let pool = db.pool();
        let mut c = pool.get().expect("conn");
        let area = ledger_svc::create_area(&mut c, &admin(), "Wezep", "dorp").expect("area");
        fund_pool(&mut c, &area.slug, 1_000_000);
        let id = ready_round(&mut c, &area.slug, 1, 1_000_000, 400_000);
        svc::open_voting(&mut c, &admin(), &id).expect("open");
        vote_for_the_plan_and_count(&mut c, &area.slug, &id);
        crate::helpers::without_objection_window(&mut c, &id);
        let closed = svc::close_round(&mut c, &admin(), &id).expect("close");
        assert_eq!(closed.result().expect("result").commitments.len(), 1);
        let m = pool_holds::pool_money(&mut c, &admin(), &area.slug).expect("pool");
        assert_eq!(
            (m.balance_cents, m.reserved_cents, m.available_cents),
            (600_000, 0, 600_000),
            "{}: € 4.000 committed, € 6.000 free again",
            db.backend
        );
        ledger_invariants(&mut c, db.backend);
    }
}

#[test]
fn parallel_openings_on_one_pool_never_both_succeed_when_only_one_fits() {
    for db in TestDb::all() {
        let pool = db.pool();
        let (slug, rounds) = {
            let mut c = pool.get().expect("conn");
            let area = ledger_svc::create_area(&mut c, &admin(), "Oene", "dorp").expect("area");
            fund_pool(&mut c, &area.slug, 1_500_000);
            let rounds: Vec<RoundId> = (1..=4)
                .map(|q| ready_round(&mut c, &area.slug, q, 1_000_000, 100_000))
                .collect();
            (area.slug, rounds)
        };
        let barrier = Arc::new(Barrier::new(rounds.len()));
        let handles: Vec<_> = rounds
            .iter()
            .cloned()
            .map(|id| {
                let (pool, barrier) = (pool.clone(), barrier.clone());
                std::thread::spawn(move || {
                    let mut c = pool.get().expect("conn");
                    barrier.wait();
                    match svc::open_voting(&mut c, &admin(), &id) {
                        Ok(_) => true,
                        Err(ServiceError::Invalid { message, .. }) => {
                            assert!(message.contains("niet geopend"), "{message}");
                            false
                        }
                        Err(e) => panic!("{e:?}"),
                    }
                })
            })
            .collect();
        let opened = handles
            .into_iter()
            .map(|h| h.join().expect("thread"))
            .filter(|ok| *ok)
            .count();
        assert_eq!(opened, 1, "{}: only one round fits the pool", db.backend);
        let mut c = pool.get().expect("conn");
        let m = pool_holds::pool_money(&mut c, &admin(), &slug).expect("pool");
        assert_eq!((m.reserved_cents, m.available_cents), (1_000_000, 500_000));
        assert_eq!(m.holds.len(), 1);
        ledger_invariants(&mut c, db.backend);
    }
}

#[test]
fn earmarks_hold_money_apart_until_released() {
    for db in TestDb::all() {
        let pool = db.pool();
        let mut c = pool.get().expect("conn");
        let area = ledger_svc::create_area(&mut c, &admin(), "Hattem", "dorp").expect("area");
        fund_pool(&mut c, &area.slug, 1_500_000);
        let hold = pool_holds::earmark(
            &mut c,
            &admin(),
            &area.slug,
            1_000_000,
            "apart voor de speeltuin",
        )
        .expect("earmark");
        // Too much, and without a reason: refused.
        let err = pool_holds::earmark(&mut c, &admin(), &area.slug, 600_000, "meer")
            .expect_err("too much");
        assert!(err.to_string().contains("5.000,00"), "{err}");
        assert!(matches!(
            pool_holds::earmark(&mut c, &admin(), &area.slug, 100, " "),
            Err(ServiceError::Invalid {
                field: "reason",
                ..
            })
        ));
        // A round of € 10.000 does not fit next to the earmark...
        let id = ready_round(&mut c, &area.slug, 1, 1_000_000, 100_000);
        let err = svc::open_voting(&mut c, &admin(), &id).expect_err("earmarked");
        let msg = err.to_string();
        assert!(
            msg.contains("Apart gezet") && msg.contains("10.000,00"),
            "{msg}"
        );
        // ...nor can a correction take the earmarked money out of the pool.
        let m = pool_holds::pool_money(&mut c, &admin(), &area.slug).expect("pool");
        assert_eq!((m.earmarked_cents, m.available_cents), (1_000_000, 500_000));
        assert_eq!(m.holds[0].reason, "apart voor de speeltuin");
        // Released, it fits.
        pool_holds::release_earmark(&mut c, &admin(), &hold.id).expect("release");
        assert!(pool_holds::release_earmark(&mut c, &admin(), &hold.id).is_err());
        svc::open_voting(&mut c, &admin(), &id).expect("fits now");
        let m = pool_holds::pool_money(&mut c, &admin(), &area.slug).expect("pool");
        assert_eq!((m.earmarked_cents, m.reserved_cents), (0, 1_000_000));
        // A round's reservation is not released by hand.
        let reservation = m.holds[0].id.clone();
        assert!(matches!(
            pool_holds::release_earmark(&mut c, &admin(), &reservation),
            Err(ServiceError::Invalid { .. })
        ));
        let events: Vec<String> = [hold.id.as_str(), reservation.as_str()]
            .iter()
            .flat_map(|id| audit_repo::for_entity(&mut c, id).expect("audit"))
            .map(|e| e.action)
            .collect();
        assert_eq!(
            events,
            vec!["pool.earmarked", "pool.earmark_released", "pool.reserved"],
            "{}",
            db.backend
        );
        ledger_invariants(&mut c, db.backend);
    }
}

#[test]
fn closing_is_refused_cleanly_when_the_pool_cannot_pay_the_winners() {
    for db in TestDb::all() {
        let pool = db.pool();
        let mut c = pool.get().expect("conn");
        let area = ledger_svc::create_area(&mut c, &admin(), "Doornspijk", "dorp").expect("area");
        fund_pool(&mut c, &area.slug, 1_000_000);
        let id = ready_round(&mut c, &area.slug, 1, 1_000_000, 400_000);
        svc::open_voting(&mut c, &admin(), &id).expect("open");
        vote_for_the_plan_and_count(&mut c, &area.slug, &id);
        // A round whose voting opened before reservations existed holds nothing: drop the
        // reservation, then put most of the pool apart, so only € 2.000 is left for a
        // winner of € 4.000.
        let hold = pool_holds::pool_money(&mut c, &admin(), &area.slug)
            .expect("pool")
            .holds[0]
            .id
            .clone();
        assert!(burgerbegroting::db::repo::holds::release(
            &mut c,
            &hold,
            "voor de test",
            "test",
            burgerbegroting::db::repo::now()
        )
        .expect("release"));
        let earmark = pool_holds::earmark(&mut c, &admin(), &area.slug, 800_000, "speeltuin")
            .expect("earmark");
        crate::helpers::without_objection_window(&mut c, &id);
        let err = svc::close_round(&mut c, &admin(), &id).expect_err("pool short");
        let msg = err.to_string();
        assert!(
            msg.contains("2.000,00") && msg.contains("4.000,00") && msg.contains("opnieuw af"),
            "{}: {msg}",
            db.backend
        );
        // Nothing half done: the round is still counted and the pool untouched.
        let v = svc::round(&mut c, &Principal::resident(), &id).expect("round");
        assert_eq!(v.round.status, RoundStatus::Counted);
        let m = pool_holds::pool_money(&mut c, &admin(), &area.slug).expect("pool");
        assert_eq!((m.balance_cents, m.available_cents), (1_000_000, 200_000));
        ledger_invariants(&mut c, db.backend);
        // With the earmark released, closing commits the winner.
        pool_holds::release_earmark(&mut c, &admin(), &earmark.id).expect("release");
        let closed = svc::close_round(&mut c, &admin(), &id).expect("close");
        assert_eq!(closed.result().expect("result").commitments.len(), 1);
        ledger_invariants(&mut c, db.backend);
    }
}
