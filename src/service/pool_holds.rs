//! Money held in an area's pool without moving it: a round's reservation (its budget, from
//! the moment voting opens until the round closes) and the coordinator's earmarks ("€
//! 10.000 apart voor de speeltuin"). A hold is a row, never a ledger transfer: the ledger
//! only records money that moved. Every way money leaves a pool counts the open holds
//! (`service::ledger` `available`), so two rounds can never spend the same money. See
//! docs/ledger.md, "Reservations and earmarks".

use crate::domain::message::Msg;
use crate::msg_key;
use serde_json::json;
use uuid::Uuid;

use super::{Principal, ServiceError};
use crate::db::models::AreaRow;
use crate::db::repo::holds::{self, HoldRow, EARMARK, RESERVATION};
use crate::db::repo::{self, audit, ledger as lq};
use crate::db::{tx, DbConn};
use crate::domain::audit::NewEvent;
use crate::domain::ids::AreaId;
use crate::domain::ledger::{check_funds, AccountKind, LedgerError};
use crate::domain::money::{above_maximum, within_bound};
use crate::domain::permissions::Operation;
use crate::domain::round::Round;

/// The longest reason of an earmark.
pub const REASON_MAX: usize = 200;

/// What an area's pool holds, with what is already spoken for.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PoolMoney {
    pub area_id: AreaId,
    pub slug: String,
    pub name: String,
    /// Posted balance.
    pub balance_cents: i64,
    /// Promised away by transfers that wait for approval.
    pub pending_out_cents: i64,
    /// Reserved for rounds in which voting is open or that are counted.
    pub reserved_cents: i64,
    /// Put apart by the coordinator.
    pub earmarked_cents: i64,
    /// What a new round or earmark can still use.
    pub available_cents: i64,
    /// The open holds, oldest first.
    pub holds: Vec<HoldRow>,
}

fn money_of(c: &mut DbConn, area: &AreaRow) -> Result<PoolMoney, ServiceError> {
    let account = lq::account_of_area(c, &area.id)?.ok_or(ServiceError::NotFound(
        crate::msg_key!("error-missing-pool"),
    ))?;
    let balance_cents = lq::balance_of(c, &account.id)?;
    let pending_out_cents = lq::pending_outgoing(c, &account.id)?;
    let holds = holds::open_holds(c, &area.id)?;
    let (reserved_cents, earmarked_cents) = holds::held(c, &area.id)?;
    let available_cents = [pending_out_cents, reserved_cents, earmarked_cents]
        .into_iter()
        .try_fold(balance_cents, |left, out| left.checked_sub(out))
        .ok_or(ServiceError::Ledger(LedgerError::AmountTooLarge))?;
    Ok(PoolMoney {
        area_id: area.id.clone(),
        slug: area.slug.clone(),
        name: area.name.clone(),
        balance_cents,
        pending_out_cents,
        reserved_cents,
        earmarked_cents,
        available_cents,
        holds,
    })
}

/// The pool of an area with its holds (for the coordinator of the area and administrators).
pub fn pool_money(
    conn: &mut DbConn,
    who: &Principal,
    area_slug: &str,
) -> Result<PoolMoney, ServiceError> {
    let area = lq::find_area_by_slug(conn, area_slug)?.ok_or(ServiceError::NotFound(
        crate::msg_key!("error-missing-area"),
    ))?;
    who.require_area(&area.id)?;
    money_of(conn, &area)
}

/// The pool of an area as anyone may read it (the village page shows what is held).
pub fn pool_money_of_area(conn: &mut DbConn, area: &AreaRow) -> Result<PoolMoney, ServiceError> {
    money_of(conn, area)
}

/// The pool of an area with its holds, for finance's pool page (the same guard as the
/// page's ledger read, `Operation::PoolDetail`).
pub fn pool_money_for_finance(
    conn: &mut DbConn,
    who: &Principal,
    area_slug: &str,
) -> Result<PoolMoney, ServiceError> {
    who.may(Operation::PoolDetail)?;
    let area = lq::find_area_by_slug(conn, area_slug)?.ok_or(ServiceError::NotFound(
        crate::msg_key!("error-missing-area"),
    ))?;
    money_of(conn, &area)
}

/// Reserves a round's budget in its area's pool, inside the caller's transaction (the one
/// that opens voting). Refused, with the amounts, while the pool less what is pending,
/// reserved and earmarked cannot cover it.
pub(crate) fn reserve_for_round(
    c: &mut DbConn,
    who: &Principal,
    area: &AreaRow,
    round: &Round,
) -> Result<(), ServiceError> {
    let m = money_of(c, area)?;
    // The one funds check (domain::ledger), told with the amounts that explain it.
    check_funds(
        AccountKind::Pool,
        &area.name,
        m.available_cents,
        round.budget_cents,
    )
    .map_err(|_| {
        ServiceError::invalid(
            "round",
            Msg::new(msg_key!("error-hold-pool-short"))
                .arg("area", &area.name)
                .money("budget", round.budget_cents)
                .money("balance", m.balance_cents)
                .money("reserved", m.reserved_cents)
                .money("earmarked", m.earmarked_cents)
                .money("pending", m.pending_out_cents)
                .money("available", m.available_cents.max(0)),
        )
    })?;
    let round_id = Some(round.id.to_string());
    let after = json!({"area": area.slug, "round": round_id, "amount_cents": round.budget_cents,
        "available_before_cents": m.available_cents});
    let reason = format!("{} {} kwartaal {}", round.title, round.year, round.quarter);
    let row = new_hold(who, area, RESERVATION, round_id, round.budget_cents, reason);
    insert_with_event(c, who, row, "pool.reserved", after).map(drop)
}

/// A new hold on `area`'s pool, made by `who` now.
fn new_hold(
    who: &Principal,
    area: &AreaRow,
    kind: &str,
    round_id: Option<String>,
    amount_cents: i64,
    reason: String,
) -> HoldRow {
    HoldRow {
        id: Uuid::new_v4().to_string(),
        area_id: area.id.clone(),
        kind: kind.into(),
        round_id,
        amount_cents,
        reason,
        created_by: who.key(),
        created_at: repo::now(),
    }
}

/// Stores a hold with its audit event (`action`, `after`), in the caller's transaction.
fn insert_with_event(
    c: &mut DbConn,
    who: &Principal,
    row: HoldRow,
    action: &'static str,
    after: serde_json::Value,
) -> Result<HoldRow, ServiceError> {
    holds::insert_hold(c, &row)?;
    audit::append(
        c,
        &who.actor,
        &[NewEvent {
            action,
            entity_type: "pool_hold",
            entity_id: row.id.clone(),
            before: serde_json::Value::Null,
            after,
        }],
    )?;
    Ok(row)
}

/// Releases a round's reservation inside the caller's transaction (the one that closes
/// the round and commits `committed_cents`, or annuls it and commits nothing): what the
/// result did not commit is free again. `reason` is stored and audited.
pub(crate) fn release_round(
    c: &mut DbConn,
    who: &Principal,
    round: &Round,
    committed_cents: i64,
    reason: &str,
) -> Result<(), ServiceError> {
    let Some(hold) = holds::open_reservation_of_round(c, &round.id)? else {
        // Rounds whose voting opened before reservations existed hold nothing.
        return Ok(());
    };
    if holds::release(c, &hold.id, reason, &who.key(), repo::now())? {
        audit::append(
            c,
            &who.actor,
            &[NewEvent {
                action: "pool.released",
                entity_type: "pool_hold",
                entity_id: hold.id.clone(),
                before: json!({"amount_cents": hold.amount_cents}),
                after: json!({"round": hold.round_id, "reason": reason,
                    "committed_cents": committed_cents,
                    "returned_cents": hold.amount_cents - committed_cents}),
            }],
        )?;
    }
    Ok(())
}

/// The problem with an earmark's reason, if any (also asked by the form before the amount
/// is read, so a form shows every problem at once).
pub fn earmark_reason_problem(reason: &str) -> Option<Msg> {
    let reason = reason.trim();
    (reason.is_empty() || reason.chars().count() > REASON_MAX)
        .then(|| Msg::new(msg_key!("error-hold-reason")).arg("max", REASON_MAX))
}

/// The problem with an earmark's amount in cents, if any (also asked by the form, so an
/// amount of nothing is reported together with a missing reason).
pub fn earmark_amount_problem(amount_cents: i64) -> Option<Msg> {
    if amount_cents <= 0 {
        Some(Msg::new(msg_key!("error-hold-amount-missing")))
    } else if !within_bound(amount_cents) {
        Some(above_maximum())
    } else {
        None
    }
}

/// A coordinator puts pool money apart with a reason. Refused when the pool, less what is
/// pending, reserved and earmarked already, cannot cover it.
pub fn earmark(
    conn: &mut DbConn,
    who: &Principal,
    area_slug: &str,
    amount_cents: i64,
    reason: &str,
) -> Result<HoldRow, ServiceError> {
    let reason = reason.trim().to_string();
    if let Some(message) = earmark_reason_problem(&reason) {
        return Err(ServiceError::invalid("reason", message));
    }
    if let Some(message) = earmark_amount_problem(amount_cents) {
        return Err(ServiceError::invalid("amount", message));
    }
    tx::write(conn, |c| {
        let area = lq::find_area_by_slug(c, area_slug)?.ok_or(ServiceError::NotFound(
            crate::msg_key!("error-missing-area"),
        ))?;
        who.require_area(&area.id)?;
        let m = money_of(c, &area)?;
        check_funds(
            AccountKind::Pool,
            &area.name,
            m.available_cents,
            amount_cents,
        )
        .map_err(|_| {
            ServiceError::invalid(
                "amount",
                Msg::new(msg_key!("error-hold-too-much"))
                    .arg("area", &area.name)
                    .money("available", m.available_cents.max(0))
                    .money("reserved", m.reserved_cents)
                    .money("earmarked", m.earmarked_cents),
            )
        })?;
        let after = json!({"area": area.slug, "amount_cents": amount_cents, "reason": reason});
        let row = new_hold(who, &area, EARMARK, None, amount_cents, reason.clone());
        insert_with_event(c, who, row, "pool.earmarked", after)
    })
}

/// Releases an earmark: the money is available again.
pub fn release_earmark(
    conn: &mut DbConn,
    who: &Principal,
    hold_id: &str,
) -> Result<(), ServiceError> {
    tx::write(conn, |c| {
        let hold = holds::find_hold(c, hold_id)?.ok_or(ServiceError::NotFound(crate::msg_key!(
            "error-missing-hold"
        )))?;
        who.require_area(&hold.area_id)?;
        if hold.kind != EARMARK {
            return Err(ServiceError::invalid(
                "hold",
                Msg::new(msg_key!("error-hold-round-money")),
            ));
        }
        let reason = "vrijgegeven door de gebiedsregisseur";
        if !holds::release(c, &hold.id, reason, &who.key(), repo::now())? {
            return Err(ServiceError::invalid(
                "hold",
                Msg::new(msg_key!("error-hold-already-released")),
            ));
        }
        audit::append(
            c,
            &who.actor,
            &[NewEvent {
                action: "pool.earmark_released",
                entity_type: "pool_hold",
                entity_id: hold.id.clone(),
                before: json!({"amount_cents": hold.amount_cents, "reason": hold.reason}),
                after: json!({"released": true}),
            }],
        )?;
        Ok(())
    })
}
