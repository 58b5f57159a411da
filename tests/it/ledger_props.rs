//! Property test: random sequences of imports, transfers, approvals, rejections,
//! corrections, replays and overdraft attempts keep the ledger whole.

use burgerbegroting::db::DbConn;
use burgerbegroting::domain::ledger::{TransferKind, TransferStatus};
use burgerbegroting::domain::ledger_import::ImportOptions;
use burgerbegroting::service::ledger::{self as svc, CorrectionInput, TransferInput};
use proptest::prelude::*;
use uuid::Uuid;

use crate::helpers::*;

#[derive(Debug, Clone)]
enum Op {
    Import {
        amount_cents: i64,
    },
    BudgetToPool {
        line: usize,
        pool: usize,
        amount_cents: i64,
    },
    Contribution {
        pool: usize,
        amount_cents: i64,
    },
    Approve {
        nth: usize,
        by_creator: bool,
    },
    Reject {
        nth: usize,
    },
    Correct {
        nth: usize,
        amount_cents: i64,
    },
    ReplayLast,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (1i64..5_000_000).prop_map(|amount_cents| Op::Import { amount_cents }),
        (0usize..8, 0usize..3, 1i64..4_000_000).prop_map(|(line, pool, amount_cents)| {
            Op::BudgetToPool {
                line,
                pool,
                amount_cents,
            }
        }),
        (0usize..3, 1i64..1_000_000)
            .prop_map(|(pool, amount_cents)| Op::Contribution { pool, amount_cents }),
        (0usize..6, any::<bool>()).prop_map(|(nth, by_creator)| Op::Approve { nth, by_creator }),
        (0usize..6).prop_map(|nth| Op::Reject { nth }),
        (0usize..10, 1i64..3_000_000)
            .prop_map(|(nth, amount_cents)| Op::Correct { nth, amount_cents }),
        Just(Op::ReplayLast),
    ]
}

/// The invariants, checked after every step.
fn check(conn: &mut DbConn) -> Result<(), TestCaseError> {
    let problems = ledger_problems(conn);
    prop_assert!(problems.is_empty(), "{}", problems.join("; "));
    Ok(())
}

fn run(db: &TestDb, ops: &[Op]) -> Result<(), TestCaseError> {
    let pool = db.pool();
    let mut c = pool.get().map_err(|e| TestCaseError::fail(e.to_string()))?;
    let small = seed_small(&mut c);
    let mut last: Option<TransferInput> = None;
    let mut imports = 0;
    check(&mut c)?;
    for op in ops {
        let lines = svc::list_budget_lines(&mut c, &crate::helpers::reader(), None)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let pending = svc::approval_queue(&mut c, &crate::helpers::reader())
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let posted: Vec<_> = svc::list_transfers(&mut c, &crate::helpers::reader())
            .map_err(|e| TestCaseError::fail(e.to_string()))?
            .into_iter()
            .filter(|t| {
                t.status == TransferStatus::Posted && t.kind != TransferKind::BudgetAllocation
            })
            .collect();
        match op {
            Op::Import { amount_cents } => {
                imports += 1;
                let file = format!(
                    "year,code,name,taakveld,funder,amount\n2026,P-{imports},Post {imports},5.7,,{}.{:02}\n",
                    amount_cents / 100,
                    amount_cents % 100
                );
                svc::import_ledger(
                    &mut c,
                    &clerk(),
                    "p.csv",
                    file.as_bytes(),
                    &ImportOptions::default(),
                )
                .map_err(|e| TestCaseError::fail(format!("import: {e:?}")))?;
            }
            Op::BudgetToPool {
                line,
                pool,
                amount_cents,
            } => {
                let line = &lines[line % lines.len()];
                let input = TransferInput {
                    id: Uuid::new_v4(),
                    kind: Some(TransferKind::BudgetToPool),
                    from_account: line.account_id.clone(),
                    to_account: small.pools[*pool].account_id.clone(),
                    amount_cents: *amount_cents,
                    memo: "prop".into(),
                    decision_ref: Some("RB".into()),
                };
                let available = line.balance_cents - line.pending_out_cents;
                let r = svc::propose_transfer(&mut c, &clerk(), &input);
                // Refused exactly when it would overdraw the line.
                prop_assert_eq!(r.is_ok(), *amount_cents <= available, "{:?}", r);
                last = Some(input);
            }
            Op::Contribution { pool, amount_cents } => {
                let input = TransferInput {
                    id: Uuid::new_v4(),
                    kind: Some(TransferKind::FunderContribution),
                    from_account: small.corporation.account_id.clone(),
                    to_account: small.pools[*pool].account_id.clone(),
                    amount_cents: *amount_cents,
                    memo: "bijdrage".into(),
                    decision_ref: None,
                };
                prop_assert!(svc::propose_transfer(&mut c, &clerk(), &input).is_ok());
                last = Some(input);
            }
            Op::Approve { nth, by_creator } => {
                if let Some(t) = pending.get(nth % pending.len().max(1)) {
                    let who = if *by_creator {
                        staff(
                            "clerk",
                            &[burgerbegroting::domain::role::Role::FinanceApprover],
                        )
                    } else {
                        approver()
                    };
                    let r = svc::decide_transfer(&mut c, &who, &t.id, true, "");
                    if *by_creator {
                        prop_assert!(r.is_err(), "creator approved own transfer");
                    }
                }
            }
            Op::Reject { nth } => {
                if let Some(t) = pending.get(nth % pending.len().max(1)) {
                    prop_assert!(
                        svc::decide_transfer(&mut c, &approver(), &t.id, false, "nee").is_ok()
                    );
                }
            }
            Op::Correct { nth, amount_cents } => {
                if let Some(t) = posted.get(nth % posted.len().max(1)) {
                    // Refusals (too large, correction of a correction, not enough money
                    // left in the pool) are fine; the invariants below must hold anyway.
                    let _ = svc::propose_correction(
                        &mut c,
                        &clerk(),
                        &t.id,
                        &CorrectionInput {
                            id: Uuid::new_v4(),
                            amount_cents: *amount_cents,
                            memo: "correctie".into(),
                        },
                    );
                }
            }
            Op::ReplayLast => {
                if let Some(input) = &last {
                    let before = svc::list_transfers(&mut c, &crate::helpers::reader())
                        .map_err(|e| TestCaseError::fail(e.to_string()))?
                        .len();
                    let _ = svc::propose_transfer(&mut c, &clerk(), input);
                    let after = svc::list_transfers(&mut c, &crate::helpers::reader())
                        .map_err(|e| TestCaseError::fail(e.to_string()))?
                        .len();
                    prop_assert!(after <= before + 1);
                    let again = svc::propose_transfer(&mut c, &clerk(), input);
                    let after2 = svc::list_transfers(&mut c, &crate::helpers::reader())
                        .map_err(|e| TestCaseError::fail(e.to_string()))?
                        .len();
                    prop_assert_eq!(after, after2, "a replay moved money again: {:?}", again);
                }
            }
        }
        check(&mut c)?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn random_operations_keep_the_ledger_whole_on_sqlite(ops in proptest::collection::vec(op(), 1..30)) {
        run(&TestDb::sqlite(), &ops)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    #[test]
    fn random_operations_keep_the_ledger_whole_on_postgres(ops in proptest::collection::vec(op(), 1..25)) {
        if let Some(db) = TestDb::postgres() {
            run(&db, &ops)?;
        }
    }
}
