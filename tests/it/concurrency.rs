//! Parallel requests never overdraw a budget line and never move money twice.

use std::sync::{Arc, Barrier};

use burgerbegroting::domain::ledger::TransferKind;
use burgerbegroting::service::ledger::{self as svc, TransferInput};
use uuid::Uuid;

use crate::helpers::*;

const THREADS: usize = 16;

#[test]
fn parallel_transfers_out_of_one_budget_line_never_overdraw_it() {
    for db in TestDb::all() {
        let pool = db.pool();
        let small = {
            let mut c = pool.get().expect("conn");
            seed_small(&mut c)
        };
        // Line 2 holds 10.000,50; 16 requests of 1.000,00 each: at most 10 can fit.
        let line = small
            .lines
            .iter()
            .find(|l| l.code == "SP-01")
            .expect("line")
            .clone();
        let barrier = Arc::new(Barrier::new(THREADS));
        let handles: Vec<_> = (0..THREADS)
            .map(|i| {
                let pool = pool.clone();
                let barrier = barrier.clone();
                let from = line.account_id.clone();
                let to = small.pools[i % 3].account_id.clone();
                std::thread::spawn(move || {
                    // Wait together first: the pool has fewer connections than threads.
                    barrier.wait();
                    let mut c = pool.get().expect("conn");
                    svc::propose_transfer(
                        &mut c,
                        &clerk(),
                        &TransferInput {
                            id: Uuid::new_v4(),
                            kind: Some(TransferKind::BudgetToPool),
                            from_account: from,
                            to_account: to,
                            amount_cents: 100_000,
                            memo: "parallel".into(),
                            decision_ref: Some("RB".into()),
                        },
                    )
                })
            })
            .collect();
        let results: Vec<_> = handles
            .into_iter()
            .map(|h| h.join().expect("thread"))
            .collect();
        let ok: Vec<_> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
        for r in &results {
            if let Err(e) = r {
                assert!(
                    matches!(
                        e,
                        burgerbegroting::service::ServiceError::Ledger(
                            burgerbegroting::domain::ledger::LedgerError::InsufficientFunds { .. }
                        )
                    ),
                    "unexpected error on {}: {e:?}",
                    db.backend
                );
            }
        }
        assert_eq!(ok.len(), 10, "exactly the ten that fit on {}", db.backend);
        // Approve them all in parallel too.
        let barrier = Arc::new(Barrier::new(ok.len()));
        let handles: Vec<_> = ok
            .iter()
            .map(|t| {
                let pool = pool.clone();
                let id = t.id.clone();
                let barrier = barrier.clone();
                std::thread::spawn(move || {
                    // Wait together first: the pool has fewer connections than threads.
                    barrier.wait();
                    let mut c = pool.get().expect("conn");
                    svc::decide_transfer(&mut c, &approver(), &id, true, "")
                })
            })
            .collect();
        for h in handles {
            h.join().expect("thread").expect("approve");
        }
        let mut c = pool.get().expect("conn");
        let after =
            svc::list_budget_lines(&mut c, &crate::helpers::reader(), Some(2025)).expect("lines");
        let line_after = after.iter().find(|l| l.code == "SP-01").expect("line");
        assert_eq!(line_after.balance_cents, 50, "{}", db.backend);
        assert!(after.iter().all(|l| l.balance_cents >= 0));
    }
}

#[test]
fn parallel_replays_of_one_request_move_money_once() {
    for db in TestDb::all() {
        let pool = db.pool();
        let small = {
            let mut c = pool.get().expect("conn");
            seed_small(&mut c)
        };
        let input = TransferInput {
            id: Uuid::new_v4(),
            kind: Some(TransferKind::FunderContribution),
            from_account: small.corporation.account_id.clone(),
            to_account: small.pools[0].account_id.clone(),
            amount_cents: 250_000,
            memo: "dubbele klik".into(),
            decision_ref: None,
        };
        let barrier = Arc::new(Barrier::new(THREADS));
        let handles: Vec<_> = (0..THREADS)
            .map(|_| {
                let pool = pool.clone();
                let barrier = barrier.clone();
                let input = input.clone();
                std::thread::spawn(move || {
                    // Wait together first: the pool has fewer connections than threads.
                    barrier.wait();
                    let mut c = pool.get().expect("conn");
                    svc::propose_transfer(&mut c, &clerk(), &input)
                })
            })
            .collect();
        let results: Vec<_> = handles
            .into_iter()
            .map(|h| h.join().expect("thread"))
            .collect();
        assert!(
            results.iter().all(|r| r
                .as_ref()
                .map(|t| t.id == input.id.to_string())
                .unwrap_or(false)),
            "{results:?}"
        );
        assert_eq!(
            results
                .iter()
                .filter(|r| r.as_ref().map(|t| !t.replayed).unwrap_or(false))
                .count(),
            1
        );
        let mut c = pool.get().expect("conn");
        let pools = svc::pools(&mut c, &crate::helpers::reader()).expect("pools");
        assert_eq!(
            pools
                .iter()
                .find(|p| p.account_id == small.pools[0].account_id)
                .map(|p| p.balance_cents),
            Some(250_000),
            "{}",
            db.backend
        );
        let n = svc::list_transfers(&mut c, &crate::helpers::reader())
            .expect("t")
            .iter()
            .filter(|t| t.id == input.id.to_string())
            .count();
        assert_eq!(n, 1);
    }
}
