//! Payments against funded plans. A payment is a ledger transfer (kind `payment`, from the
//! plan's account to the plan's paid-out account) plus a row with the date and the invoice
//! or order reference, written in one transaction with its audit event. Above the
//! municipality's threshold it waits for a second finance user in the ordinary approval
//! queue (`ledger::decide_transfer`).

use serde_json::json;
use uuid::Uuid;

use super::ledger::{self as ledger_svc, TransferView};
use super::plans;
use crate::db::models::PaymentRow;
use crate::db::repo::{audit, plan_money as pq};
use crate::db::{tx, DbConn};
use crate::domain::audit::NewEvent;
use crate::domain::ids::TransferId;
use crate::domain::ledger::{AccountKind, TransferStatus};
use crate::domain::permissions::Operation;
use crate::domain::plan_money::{check_payment, check_payment_details};
use crate::domain::round::PlanId;
use crate::service::{Principal, ServiceError};

/// A payment as the form sends it (the amount already parsed from Dutch notation).
#[derive(Debug, Clone)]
pub struct PaymentInput {
    /// Made when the form was rendered: a retry or double click pays once.
    pub id: Uuid,
    pub amount_cents: i64,
    /// As typed: 2026-11-30 (the date field) or 30-11-2026.
    pub paid_on: String,
    pub reference: String,
    pub note: String,
}

/// Records a payment. `threshold_cents` is the municipality's four-eyes threshold for
/// payments (setting `payment_approval_threshold_cents`).
pub fn record_payment(
    conn: &mut DbConn,
    who: &Principal,
    plan_id: &PlanId,
    input: &PaymentInput,
    threshold_cents: i64,
) -> Result<TransferView, ServiceError> {
    who.may(Operation::RecordPayment)?;
    let today = crate::domain::nl_time::to_local(crate::db::repo::now()).date();
    let details = check_payment_details(
        input.amount_cents,
        &input.paid_on,
        &input.reference,
        &input.note,
        today,
    )
    .map_err(|(field, e)| ServiceError::invalid(field, e))?;
    tx::write(conn, |c| {
        // A replay of the same form is answered before anything else is checked again
        // (the plan may be done by now).
        if let Some(existing) = pq::find_payment(c, &input.id.to_string())? {
            if existing.initiative_id == plan_id.0 {
                let p = who.clone();
                let view =
                    ledger_svc::transfer(c, &p, &TransferId::from(existing.transfer_id.clone()));
                if let Ok(mut v) = view {
                    v.replayed = true;
                    return Ok(v);
                }
            }
        }
        let (ctx, account) = plans::load_open(c, plan_id)?;
        let money = plans::money_of(c, &account)?;
        check_payment(&money, details.amount_cents)?;
        let paid_out = match pq::account_of_plan(c, &ctx.plan.id.0, AccountKind::PaidOut)? {
            Some(a) => a,
            None => ledger_svc::open_paid_out_account(
                c,
                &ctx.plan.id,
                &format!(
                    "Uitbetaald plan {}: {} ({})",
                    ctx.plan.number, ctx.plan.title, ctx.area.name
                ),
            )?,
        };
        let paid_on = details.paid_on.format("%Y-%m-%d").to_string();
        // The date and the note are part of the memo, so the transfer's content (and its
        // idempotency hash) covers them.
        let memo = if details.note.is_empty() {
            format!("Betaald op {paid_on} voor plan {}", ctx.plan.number)
        } else {
            format!(
                "Betaald op {paid_on} voor plan {}: {}",
                ctx.plan.number, details.note
            )
        };
        let view = ledger_svc::pay_from_plan(
            c,
            who,
            input.id,
            &account,
            &paid_out.id,
            details.amount_cents,
            &memo,
            &details.reference,
            threshold_cents,
        )?;
        if view.replayed {
            return Ok(view);
        }
        let row = PaymentRow {
            transfer_id: view.id.to_string(),
            initiative_id: ctx.plan.id.0.clone(),
            paid_on: paid_on.clone(),
            reference: details.reference.clone(),
            note: details.note.clone(),
        };
        pq::insert_payment(c, &row)?;
        audit::append(
            c,
            &who.actor,
            &[NewEvent {
                action: "payment.recorded",
                entity_type: "initiative",
                entity_id: ctx.plan.id.0.clone(),
                before: serde_json::Value::Null,
                after: json!({
                    "transfer": row.transfer_id, "amount_cents": details.amount_cents,
                    "paid_on": row.paid_on, "reference": row.reference, "note": row.note,
                    "needs_approval": view.status == TransferStatus::Pending,
                }),
            }],
        )?;
        Ok(view)
    })
}
