//! Ledger rules through the service layer on a real database (both backends).

use burgerbegroting::db::repo::audit;
use burgerbegroting::domain::ledger::{LedgerError, TransferKind, TransferStatus};
use burgerbegroting::domain::ledger_import::ImportOptions;
use burgerbegroting::service::ledger::{self as svc, CorrectionInput, TransferInput};
use burgerbegroting::service::ServiceError;
use diesel::connection::SimpleConnection;
use uuid::Uuid;

use crate::helpers::*;

fn balance(conn: &mut burgerbegroting::db::DbConn, account: &str) -> i64 {
    svc::all_balances(conn, &crate::helpers::reader())
        .expect("balances")
        .into_iter()
        .find(|a| a.account_id == account)
        .map(|a| a.balance_cents)
        .unwrap_or(0)
}

#[test]
fn budget_line_to_pool_needs_a_second_user() {
    for db in TestDb::all() {
        let pool = db.pool();
        let mut c = pool.get().expect("conn");
        let small = seed_small(&mut c);
        let t = svc::propose_transfer(&mut c, &clerk(), &to_pool(&small, 0, 0, 1_200_000))
            .expect("propose");
        assert_eq!(t.status, TransferStatus::Pending, "{}", db.backend);
        assert_eq!(balance(&mut c, &small.pools[0].account_id), 0);

        // The creator cannot approve, not even with the approver role.
        let own = svc::decide_transfer(
            &mut c,
            &staff(
                "clerk",
                &[burgerbegroting::domain::role::Role::FinanceApprover],
            ),
            &t.id,
            true,
            "",
        );
        assert!(
            matches!(own, Err(ServiceError::Ledger(LedgerError::OwnTransfer))),
            "{own:?}"
        );
        // A clerk without the approver role is refused too.
        let clerk2 = staff(
            "clerk2",
            &[burgerbegroting::domain::role::Role::FinanceClerk],
        );
        assert!(matches!(
            svc::decide_transfer(&mut c, &clerk2, &t.id, true, ""),
            Err(ServiceError::Forbidden(_))
        ));

        let ok =
            svc::decide_transfer(&mut c, &approver(), &t.id, true, "akkoord").expect("approve");
        assert_eq!(ok.status, TransferStatus::Posted);
        assert_eq!(balance(&mut c, &small.pools[0].account_id), 1_200_000);
        assert_eq!(
            balance(&mut c, &small.lines[0].account_id),
            5_000_000 - 1_200_000
        );
        // A second decision is refused; the same click again is harmless.
        assert!(svc::decide_transfer(&mut c, &approver(), &t.id, true, "akkoord").is_ok());
        assert!(matches!(
            svc::decide_transfer(&mut c, &approver2(), &t.id, false, "nee"),
            Err(ServiceError::Ledger(LedgerError::AlreadyDecided))
        ));
    }
}

#[test]
fn overdrafts_are_refused_including_pending_reservations() {
    for db in TestDb::all() {
        let pool = db.pool();
        let mut c = pool.get().expect("conn");
        let small = seed_small(&mut c);
        // Line 1 (Wegen) holds 30.000,00.
        let first = svc::propose_transfer(&mut c, &clerk(), &to_pool(&small, 1, 0, 2_000_000))
            .expect("first");
        let second = svc::propose_transfer(&mut c, &clerk(), &to_pool(&small, 1, 1, 1_500_000));
        match second {
            Err(ServiceError::Ledger(LedgerError::InsufficientFunds {
                available_cents, ..
            })) => {
                assert_eq!(available_cents, 1_000_000, "{}", db.backend)
            }
            other => panic!("expected insufficient funds, got {other:?}"),
        }
        // Rejecting the first frees the reservation.
        svc::decide_transfer(&mut c, &approver(), &first.id, false, "verkeerde pot")
            .expect("reject");
        svc::propose_transfer(&mut c, &clerk(), &to_pool(&small, 1, 1, 3_000_000))
            .expect("whole line");
        assert!(svc::propose_transfer(&mut c, &clerk(), &to_pool(&small, 1, 2, 1)).is_err());
    }
}

#[test]
fn a_retry_with_the_same_id_moves_money_once_and_other_content_is_refused() {
    for db in TestDb::all() {
        let pool = db.pool();
        let mut c = pool.get().expect("conn");
        let small = seed_small(&mut c);
        let input = TransferInput {
            id: Uuid::new_v4(),
            kind: Some(TransferKind::FunderContribution),
            from_account: small.corporation.account_id.clone(),
            to_account: small.pools[2].account_id.clone(),
            amount_cents: 500_000,
            memo: "Bijdrage leefbaarheid".into(),
            decision_ref: None,
        };
        let a = svc::propose_transfer(&mut c, &clerk(), &input).expect("first");
        let b = svc::propose_transfer(&mut c, &clerk(), &input).expect("replay");
        assert_eq!(a.id, b.id);
        assert!(!a.replayed && b.replayed);
        assert_eq!(
            balance(&mut c, &small.pools[2].account_id),
            500_000,
            "{}",
            db.backend
        );
        let mut other = input.clone();
        other.amount_cents = 600_000;
        assert!(matches!(
            svc::propose_transfer(&mut c, &clerk(), &other),
            Err(ServiceError::Ledger(LedgerError::IdempotencyConflict))
        ));
        // Funders may go below zero: they are where money comes from.
        assert_eq!(balance(&mut c, &small.corporation.account_id), -500_000);
    }
}

#[test]
fn corrections_reverse_posted_transfers_with_approval_and_never_exceed_them() {
    for db in TestDb::all() {
        let pool = db.pool();
        let mut c = pool.get().expect("conn");
        let small = seed_small(&mut c);
        let t =
            svc::propose_transfer(&mut c, &clerk(), &to_pool(&small, 0, 0, 1_000_000)).expect("t");
        // Not posted yet: cannot be corrected.
        let early = svc::propose_correction(
            &mut c,
            &clerk(),
            &t.id,
            &CorrectionInput {
                id: Uuid::new_v4(),
                amount_cents: 1,
                memo: "x".into(),
            },
        );
        assert!(
            matches!(
                early,
                Err(ServiceError::Ledger(LedgerError::CorrectionOfUnposted))
            ),
            "{early:?}"
        );
        svc::decide_transfer(&mut c, &approver(), &t.id, true, "").expect("approve");
        let corr = svc::propose_correction(
            &mut c,
            &clerk(),
            &t.id,
            &CorrectionInput {
                id: Uuid::new_v4(),
                amount_cents: 400_000,
                memo: "Te veel overgeboekt".into(),
            },
        )
        .expect("correction");
        assert_eq!(corr.kind, TransferKind::Correction);
        assert_eq!(corr.correction_of.as_deref(), Some(t.id.as_str()));
        assert_eq!(corr.from_account, small.pools[0].account_id);
        assert_eq!(corr.status, TransferStatus::Pending);
        let too_much = svc::propose_correction(
            &mut c,
            &clerk(),
            &t.id,
            &CorrectionInput {
                id: Uuid::new_v4(),
                amount_cents: 600_001,
                memo: "nog meer".into(),
            },
        );
        assert!(
            matches!(
                too_much,
                Err(ServiceError::Ledger(LedgerError::CorrectionTooLarge {
                    remaining_cents: 600_000
                }))
            ),
            "{too_much:?}"
        );
        svc::decide_transfer(&mut c, &approver(), &corr.id, true, "klopt")
            .expect("approve correction");
        assert_eq!(
            balance(&mut c, &small.pools[0].account_id),
            600_000,
            "{}",
            db.backend
        );
        let again = svc::propose_correction(
            &mut c,
            &clerk(),
            &corr.id,
            &CorrectionInput {
                id: Uuid::new_v4(),
                amount_cents: 1,
                memo: "x".into(),
            },
        );
        assert!(matches!(
            again,
            Err(ServiceError::Ledger(LedgerError::CorrectionOfCorrection))
        ));
    }
}

#[test]
fn importing_the_same_file_twice_changes_nothing_and_conflicts_are_refused_whole() {
    for db in TestDb::all() {
        let pool = db.pool();
        let mut c = pool.get().expect("conn");
        let _ = seed_small(&mut c);
        let events_before = audit::count(&mut c).expect("count");
        let again = svc::import_ledger(
            &mut c,
            &clerk(),
            "small.csv",
            SMALL_LEDGER.as_bytes(),
            &ImportOptions::default(),
        )
        .expect("again");
        assert_eq!(
            (again.lines_added, again.lines_unchanged),
            (0, 3),
            "{}",
            db.backend
        );
        assert_eq!(
            audit::count(&mut c).expect("count"),
            events_before,
            "nothing written"
        );

        let changed = "year,code,name,taakveld,funder,amount\n2025,NEW-01,Nieuwe post,5.7,,100.00\n2025,GR-01,Openbaar groen,5.7,,50001.00\n";
        match svc::import_ledger(
            &mut c,
            &clerk(),
            "changed.csv",
            changed.as_bytes(),
            &ImportOptions::default(),
        ) {
            Err(ServiceError::Import(problems)) => {
                assert_eq!(problems.len(), 1);
                assert_eq!(problems[0].line_no, 3);
            }
            other => panic!("expected refusal, got {other:?}"),
        }
        // Refused as a whole: the new line on line 2 was not added either.
        assert_eq!(
            svc::list_budget_lines(&mut c, &crate::helpers::reader(), Some(2025))
                .expect("lines")
                .len(),
            3
        );
        assert_eq!(audit::count(&mut c).expect("count"), events_before);
    }
}

#[test]
fn every_change_is_in_the_audit_log_and_the_ledger_cannot_be_edited() {
    for db in TestDb::all() {
        let pool = db.pool();
        let mut c = pool.get().expect("conn");
        let small = seed_small(&mut c);
        let t = svc::propose_transfer(&mut c, &clerk(), &to_pool(&small, 0, 0, 100)).expect("t");
        svc::decide_transfer(&mut c, &approver(), &t.id, true, "").expect("approve");
        let events = audit::for_entity(&mut c, &t.id).expect("events");
        let actions: Vec<_> = events.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(
            actions,
            ["transfer.proposed", "transfer.approved"],
            "{}",
            db.backend
        );
        // Sequence numbers are gap-free from 1.
        let all = audit::list(&mut c, 0, 100_000).expect("all");
        for (i, e) in all.iter().enumerate() {
            assert_eq!(e.seq, i as i64 + 1);
            assert_eq!(
                e.leaf_hash,
                burgerbegroting::domain::audit::leaf_hash(&e.payload)
            );
        }
        for sql in [
            format!(
                "UPDATE transfers SET amount_cents = 1 WHERE id = '{}'",
                t.id
            ),
            format!("DELETE FROM transfers WHERE id = '{}'", t.id),
            format!(
                "DELETE FROM transfer_decisions WHERE transfer_id = '{}'",
                t.id
            ),
            "UPDATE audit_events SET actor = 'x'".to_string(),
            "DELETE FROM audit_events".to_string(),
            "UPDATE budget_lines SET amount_cents = 1".to_string(),
        ] {
            assert!(
                c.batch_execute(&sql).is_err(),
                "{sql} must fail on {}",
                db.backend
            );
        }
    }
}

#[test]
fn budget_line_outflow_needs_a_council_decision_reference() {
    let db = TestDb::sqlite();
    let pool = db.pool();
    let mut c = pool.get().expect("conn");
    let small = seed_small(&mut c);
    let mut input = to_pool(&small, 0, 0, 100);
    input.decision_ref = Some("   ".into());
    assert!(matches!(
        svc::propose_transfer(&mut c, &clerk(), &input),
        Err(ServiceError::Ledger(LedgerError::DecisionRefMissing))
    ));
}
