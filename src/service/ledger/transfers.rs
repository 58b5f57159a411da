//! Transfers: proposals (the kind follows from the source), corrections, approvals, and
//! the commitments a closing round makes. Every movement passes `domain::ledger`'s
//! `validate_basic` (amount bounds, direction) and `check_funds` (nothing but a funder goes
//! below zero).

use crate::domain::message::Msg;
use crate::msg_key;
use serde::Serialize;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::new_id;
use super::read::{transfer_view, TransferView};
use crate::db::models::{AccountOwner, AccountRow, TransferDecisionRow, TransferRow};
use crate::db::repo::{self, audit, ledger as q};
use crate::db::{tx, DbConn};
use crate::domain::audit::NewEvent;
use crate::domain::ids::{AccountId, AreaId, PlanId, TransferId};
use crate::domain::ledger::{
    self as rules, check_correctable, check_decidable, check_funds, needs_approval_with,
    validate_basic, AccountKind, LedgerError, TransferKind, TransferStatus,
};
use crate::domain::permissions::Operation;
use crate::service::{Principal, ServiceError};

/// A proposed transfer as the form or the API sends it.
#[derive(Debug, Clone, serde::Deserialize, Serialize)]
pub struct TransferInput {
    /// Made when the form was rendered; a retry with the same id is answered with the
    /// first result.
    pub id: Uuid,
    /// Optional: the kind follows from the source (`TransferKind::for_source`); a kind
    /// sent along must be that one.
    #[serde(default)]
    pub kind: Option<TransferKind>,
    pub from_account: AccountId,
    pub to_account: AccountId,
    pub amount_cents: i64,
    pub memo: String,
    #[serde(default)]
    pub decision_ref: Option<String>,
}

#[derive(Debug, Clone, serde::Deserialize, Serialize)]
pub struct CorrectionInput {
    pub id: Uuid,
    pub amount_cents: i64,
    pub memo: String,
}

#[allow(clippy::too_many_arguments)]
pub(super) fn content_hash(
    kind: TransferKind,
    debit: &str,
    credit: &str,
    amount: i64,
    memo: &str,
    decision_ref: Option<&str>,
    correction_of: Option<&str>,
    created_by: &str,
) -> String {
    let v = json!({"kind": kind.as_str(), "debit": debit, "credit": credit, "amount_cents": amount,
        "memo": memo, "decision_ref": decision_ref, "correction_of": correction_of, "created_by": created_by});
    hex::encode(Sha256::digest(v.to_string().as_bytes()))
}

pub(super) fn transfer_event(action: &'static str, t: &TransferRow, before: Value) -> NewEvent {
    NewEvent {
        action,
        entity_type: "transfer",
        entity_id: t.id.to_string(),
        before,
        after: json!({"seq": t.seq, "kind": t.kind, "debit": t.debit_account, "credit": t.credit_account,
            "amount_cents": t.amount_cents, "memo": t.memo, "decision_ref": t.decision_ref,
            "correction_of": t.correction_of, "needs_approval": t.needs_approval,
            "created_by": t.created_by}),
    }
}

/// Money an account can still give: its posted balance minus what pending transfers
/// already promised away, and for a pool also minus its open holds (round reservations
/// and earmarks, docs/ledger.md) (checked: never a wrap-around).
fn available(c: &mut DbConn, account: &AccountRow) -> Result<i64, ServiceError> {
    let balance = q::balance_of(c, &account.id)?;
    let pending = q::pending_outgoing(c, &account.id)?;
    let held = match (&account.kind, &account.area_id) {
        (AccountKind::Pool, Some(area)) => {
            let (reserved, earmarked) = repo::holds::held(c, area)?;
            reserved.checked_add(earmarked)
        }
        _ => Some(0),
    };
    held.and_then(|h| pending.checked_add(h))
        .and_then(|out| rules::available(balance, out))
        .ok_or(ServiceError::Ledger(LedgerError::AmountTooLarge))
}

pub fn propose_transfer(
    conn: &mut DbConn,
    who: &Principal,
    input: &TransferInput,
) -> Result<TransferView, ServiceError> {
    who.may(Operation::ProposeTransfer)?;
    let source = q::find_account(conn, &input.from_account)?.ok_or_else(|| {
        ServiceError::invalid(
            "from_account",
            Msg::new(msg_key!("error-transfer-source-unknown")),
        )
    })?;
    let kind = TransferKind::for_source(source.kind)?;
    kind.check_general_form()?;
    if input.kind.is_some_and(|k| k != kind) {
        return Err(LedgerError::KindDoesNotMatchSource(kind).into());
    }
    let memo = input.memo.trim().to_string();
    let decision_ref = input
        .decision_ref
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string);
    record_transfer(
        conn,
        who,
        input.id,
        kind,
        &input.from_account,
        &input.to_account,
        input.amount_cents,
        &memo,
        decision_ref,
        None,
        None,
    )
}

/// Commits `amount_cents` from an area's pool to a funded plan: makes the plan's account
/// and posts a `commitment` transfer (no second pair of eyes: the residents' vote decided
/// it). Called by `rounds::close_round` inside its own transaction, so the result, the
/// accounts and the transfers are stored together or not at all.
pub(crate) fn commit_to_plan(
    conn: &mut DbConn,
    who: &Principal,
    pool_account: &str,
    plan: &crate::db::models::InitiativeRow,
    account_name: &str,
    decision_ref: &str,
) -> Result<TransferView, ServiceError> {
    let account = AccountRow::new(
        new_id().into(),
        AccountOwner::Initiative(&plan.id),
        account_name.to_string(),
        repo::now(),
    );
    q::insert_account(conn, &account)?;
    record_transfer(
        conn,
        who,
        Uuid::new_v4(),
        TransferKind::Commitment,
        pool_account,
        &account.id,
        plan.amount_cents,
        &format!("Plan {}: {}", plan.number, plan.title),
        Some(decision_ref.to_string()),
        None,
        None,
    )
}

/// A payment out of a funded plan's account to its paid-out account, typed in on the
/// plan's payment form (`service::payments`). The kind follows from the source like every
/// hand-made transfer; four eyes above the municipality's threshold; `check_funds` keeps
/// the plan's account from going below zero. Runs inside the caller's transaction.
#[allow(clippy::too_many_arguments)]
pub(crate) fn pay_from_plan(
    conn: &mut DbConn,
    who: &Principal,
    id: Uuid,
    plan_account: &AccountRow,
    paid_out_account: &str,
    amount_cents: i64,
    memo: &str,
    reference: &str,
    threshold_cents: i64,
) -> Result<TransferView, ServiceError> {
    let kind = TransferKind::for_source(plan_account.kind)?;
    record_transfer(
        conn,
        who,
        id,
        kind,
        &plan_account.id,
        paid_out_account,
        amount_cents,
        memo,
        Some(reference.to_string()),
        None,
        Some(threshold_cents),
    )
}

/// Gives what a finished plan did not use back to its area's pool (kind `return`, no
/// second pair of eyes: the money goes back where the residents' vote took it from).
/// Called by `service::progress` in the transaction of the "done" post.
pub(crate) fn return_to_pool(
    conn: &mut DbConn,
    who: &Principal,
    plan_account: &str,
    pool_account: &str,
    amount_cents: i64,
    memo: &str,
) -> Result<TransferView, ServiceError> {
    record_transfer(
        conn,
        who,
        Uuid::new_v4(),
        TransferKind::Return,
        plan_account,
        pool_account,
        amount_cents,
        memo,
        None,
        None,
        None,
    )
}

/// Makes the account that collects what is paid out for one plan.
pub(crate) fn open_paid_out_account(
    conn: &mut DbConn,
    plan_id: &PlanId,
    name: &str,
) -> Result<AccountRow, ServiceError> {
    let account = AccountRow::new(
        AccountId::from(new_id()),
        AccountOwner::PaidOut(plan_id.as_str()),
        name.to_string(),
        repo::now(),
    );
    q::insert_account(conn, &account)?;
    Ok(account)
}

/// Money an area's pool can still give (balance minus pending transfers out of it and
/// minus its open holds).
pub(crate) fn pool_available(
    conn: &mut DbConn,
    area_id: &AreaId,
) -> Result<(AccountId, i64), ServiceError> {
    let account = q::account_of_area(conn, area_id)?.ok_or(ServiceError::NotFound(
        crate::msg_key!("error-missing-pool"),
    ))?;
    let avail = available(conn, &account)?;
    Ok((account.id, avail))
}

pub fn propose_correction(
    conn: &mut DbConn,
    who: &Principal,
    original_id: &TransferId,
    input: &CorrectionInput,
) -> Result<TransferView, ServiceError> {
    who.may(Operation::ProposeCorrection)?;
    let memo = input.memo.trim().to_string();
    // Replays are answered before the original is looked at again.
    let (original, _) = {
        let found = q::find_transfer(conn, original_id)?;
        found.ok_or(ServiceError::NotFound(crate::msg_key!(
            "error-missing-transfer"
        )))?
    };
    record_transfer(
        conn,
        who,
        input.id,
        TransferKind::Correction,
        &original.credit_account,
        &original.debit_account,
        input.amount_cents,
        &memo,
        original.decision_ref.clone(),
        Some(original.id.to_string()),
        None,
    )
}

#[allow(clippy::too_many_arguments)]
fn record_transfer(
    conn: &mut DbConn,
    who: &Principal,
    id: Uuid,
    kind: TransferKind,
    from: &str,
    to: &str,
    amount_cents: i64,
    memo: &str,
    decision_ref: Option<String>,
    correction_of: Option<String>,
    payment_threshold_cents: Option<i64>,
) -> Result<TransferView, ServiceError> {
    let id = TransferId::from(id.to_string());
    let hash = content_hash(
        kind,
        from,
        to,
        amount_cents,
        memo,
        decision_ref.as_deref(),
        correction_of.as_deref(),
        &who.key(),
    );
    let row = tx::write(conn, |c| -> Result<(TransferRow, bool), ServiceError> {
        if let Some((existing, _)) = q::find_transfer(c, &id)? {
            return if existing.content_hash == hash {
                Ok((existing, true))
            } else {
                Err(LedgerError::IdempotencyConflict.into())
            };
        }
        let debit = q::find_account(c, from)?.ok_or_else(|| {
            ServiceError::invalid(
                "from_account",
                Msg::new(msg_key!("error-transfer-source-unknown")),
            )
        })?;
        let credit = q::find_account(c, to)?.ok_or_else(|| {
            ServiceError::invalid(
                "to_account",
                Msg::new(msg_key!("error-transfer-destination-unknown")),
            )
        })?;
        if debit.id == credit.id {
            return Err(LedgerError::SameAccount.into());
        }
        let (dk, ck) = (debit.kind, credit.kind);
        validate_basic(kind, dk, ck, amount_cents, memo, decision_ref.as_deref())?;
        if let Some(orig_id) = &correction_of {
            let (orig, decision) = q::find_transfer(c, orig_id)?.ok_or(ServiceError::NotFound(
                crate::msg_key!("error-missing-transfer"),
            ))?;
            let status = TransferStatus::derive(orig.needs_approval, decision.map(|d| d.approved));
            check_correctable(status, orig.kind)?;
            let already = crate::domain::money::checked_sum(
                q::corrections_of(c, orig_id)?
                    .into_iter()
                    .filter(|(t, d)| {
                        TransferStatus::derive(t.needs_approval, d.as_ref().map(|d| d.approved))
                            != TransferStatus::Rejected
                    })
                    .map(|(t, _)| t.amount_cents),
            )
            .ok_or(LedgerError::AmountTooLarge)?;
            let remaining = orig.amount_cents.saturating_sub(already);
            if amount_cents > remaining {
                return Err(LedgerError::CorrectionTooLarge {
                    remaining_cents: remaining,
                }
                .into());
            }
        }
        let avail = available(c, &debit)?;
        check_funds(dk, &debit.name, avail, amount_cents)?;
        let t = TransferRow {
            id: id.clone(),
            seq: q::next_transfer_seq(c)?,
            kind,
            debit_account: debit.id.clone(),
            credit_account: credit.id.clone(),
            amount_cents,
            memo: memo.to_string(),
            decision_ref: decision_ref.clone(),
            correction_of: correction_of.clone(),
            needs_approval: needs_approval_with(kind, dk, amount_cents, payment_threshold_cents),
            content_hash: hash.clone(),
            created_by: who.key(),
            created_at: repo::now(),
        };
        q::insert_transfer(c, &t)?;
        let action = if t.needs_approval {
            "transfer.proposed"
        } else {
            "transfer.posted"
        };
        audit::append(c, &who.actor, &[transfer_event(action, &t, Value::Null)])?;
        Ok((t, false))
    });
    let row = match row {
        Ok(r) => r,
        // A parallel request with the same id won the race between our lookup and insert
        // (possible only outside the write lock, e.g. another process): answer as a replay.
        Err(ServiceError::Db(crate::db::DbError::Conflict {
            kind: crate::db::ConflictKind::Unique,
            ..
        })) => match q::find_transfer(conn, &id)? {
            Some((t, _)) if t.content_hash == hash => (t, true),
            _ => return Err(LedgerError::IdempotencyConflict.into()),
        },
        Err(e) => return Err(e),
    };
    let (row, replayed) = row;
    let mut view = transfer_view(conn, who, &row.id)?;
    view.replayed = replayed;
    Ok(view)
}

pub fn decide_transfer(
    conn: &mut DbConn,
    who: &Principal,
    id: &TransferId,
    approve: bool,
    reason: &str,
) -> Result<TransferView, ServiceError> {
    who.may(Operation::DecideTransfer)?;
    let reason = reason.trim().to_string();
    if !approve && reason.is_empty() {
        return Err(ServiceError::invalid(
            "reason",
            Msg::new(msg_key!("error-transfer-reject-reason")),
        ));
    }
    tx::write(conn, |c| -> Result<(), ServiceError> {
        let (t, decision) = q::find_transfer(c, id)?.ok_or(ServiceError::NotFound(
            crate::msg_key!("error-missing-transfer"),
        ))?;
        // A double click on the same button is harmless; anything else is refused below.
        if let Some(d) = &decision {
            if t.needs_approval && d.approved == approve && d.decided_by == who.key() {
                return Ok(());
            }
        }
        let status = TransferStatus::derive(t.needs_approval, decision.map(|d| d.approved));
        check_decidable(t.needs_approval, status, t.created_by == who.key())?;
        if approve {
            let debit = q::find_account(c, &t.debit_account)?.ok_or(ServiceError::NotFound(
                crate::msg_key!("error-missing-account"),
            ))?;
            // The pending reservation already counts this transfer; check the posted
            // balance so that nothing can ever go below zero.
            let balance = q::balance_of(c, &debit.id)?;
            check_funds(debit.kind, &debit.name, balance, t.amount_cents)?;
        }
        let d = TransferDecisionRow {
            transfer_id: t.id.clone(),
            approved: approve,
            reason: reason.clone(),
            decided_by: who.key(),
            decided_at: repo::now(),
        };
        q::insert_decision(c, &d)?;
        audit::append(
            c,
            &who.actor,
            &[NewEvent {
                action: if approve {
                    "transfer.approved"
                } else {
                    "transfer.rejected"
                },
                entity_type: "transfer",
                entity_id: t.id.to_string(),
                before: json!({"status": "pending"}),
                after: json!({"status": if approve { "posted" } else { "rejected" }, "reason": reason}),
            }],
        )?;
        Ok(())
    })?;
    transfer_view(conn, who, id)
}
