//! Progress posts on funded plans, by whoever coordinates the area or the plan's own
//! initiator: a stage, a short text and at most one photo (checked and re-encoded by
//! `domain::photo` before the write lock is taken). The "done" post gives what was
//! committed and not paid back to the area's pool, in the same transaction.

use serde_json::json;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::ledger as ledger_svc;
use super::plans;
use crate::db::models::ProgressPostRow;
use crate::db::repo::{self, audit, ledger as lq, plan_money as pq};
use crate::db::{tx, DbConn};
use crate::domain::audit::NewEvent;
use crate::domain::ids::TransferId;
use crate::domain::permissions::{may_coordinate, Operation};
use crate::domain::photo::{self, CleanPhoto};
use crate::domain::plan_money::{
    check_finish, check_progress_text, may_post_progress, ProgressStage,
};
use crate::domain::role::Role;
use crate::domain::round::PlanId;
use crate::service::{Principal, ServiceError};

#[derive(Debug, Clone)]
pub struct ProgressInput {
    /// Made when the form was rendered: a double click posts once.
    pub id: Uuid,
    pub stage: ProgressStage,
    pub body: String,
    /// The uploaded file as sent (checked and re-encoded here).
    pub photo: Option<Vec<u8>>,
    pub photo_alt: String,
}

/// What a post did.
#[derive(Debug, Clone)]
pub struct Posted {
    pub post_id: String,
    /// What went back to the pool (a "done" post; 0 when everything was paid).
    pub returned_cents: i64,
    pub replayed: bool,
}

/// The guard: the table's *who* (`Operation::PostProgress`), then whether this initiator
/// handed in this plan.
fn guard(who: &Principal, ctx: &plans::PlanContext) -> Result<(), ServiceError> {
    who.may_in_area(Operation::PostProgress, &ctx.area.id)?;
    let coordinates = may_coordinate(&who.roles, &who.coordinator_areas, &ctx.area.id);
    let author = who.roles.contains(&Role::Initiator) && ctx.plan.submitted_by == who.key();
    if !may_post_progress(coordinates, author) {
        return Err(ServiceError::forbidden(crate::msg_key!(
            "error-progress-own-plan"
        )));
    }
    Ok(())
}

pub fn post_progress(
    conn: &mut DbConn,
    who: &Principal,
    plan_id: &PlanId,
    input: &ProgressInput,
) -> Result<Posted, ServiceError> {
    let ctx = plans::load(conn, plan_id)?;
    guard(who, &ctx)?;
    let id = input.id.to_string();
    let replay = |c: &mut DbConn| -> Result<Option<Posted>, ServiceError> {
        Ok(pq::posts_of(c, &plan_id.0)?
            .into_iter()
            .find(|p| p.id == id)
            .map(|p| Posted {
                post_id: p.id,
                returned_cents: 0,
                replayed: true,
            }))
    };
    if let Some(p) = replay(conn)? {
        return Ok(p);
    }
    check_progress_text(&input.body, input.photo.is_some(), &input.photo_alt)
        .map_err(|(field, e)| ServiceError::invalid(field, e))?;
    // Decoding and encoding a photo takes a moment: done before the write lock.
    let clean: Option<CleanPhoto> = match &input.photo {
        Some(bytes) => Some(photo::clean(bytes).map_err(|e| ServiceError::invalid("photo", e))?),
        None => None,
    };
    tx::write(conn, |c| {
        if let Some(p) = replay(c)? {
            return Ok(p);
        }
        let (ctx, account) = plans::load_open(c, plan_id)?;
        let mut returned_cents = 0;
        let mut return_transfer = None;
        if input.stage == ProgressStage::Done {
            let money = plans::money_of(c, &account)?;
            returned_cents = check_finish(&money).map_err(|e| ServiceError::invalid("stage", e))?;
            if returned_cents > 0 {
                let pool = lq::account_of_area(c, &ctx.area.id)?.ok_or(ServiceError::NotFound(
                    crate::msg_key!("error-missing-pool"),
                ))?;
                let t = ledger_svc::return_to_pool(
                    c,
                    who,
                    &account.id,
                    &pool.id,
                    returned_cents,
                    &format!(
                        "Plan {} ({}) is klaar: niet gebruikt geld terug naar de pot",
                        ctx.plan.number, ctx.plan.title
                    ),
                )?;
                return_transfer = Some(t.id);
            }
        }
        let row = ProgressPostRow {
            id: id.clone(),
            initiative_id: ctx.plan.id.0.clone(),
            stage: input.stage,
            body: input.body.trim().to_string(),
            photo_type: clean.as_ref().map(|p| p.kind.media_type().to_string()),
            photo_alt: clean.as_ref().map(|_| input.photo_alt.trim().to_string()),
            photo: clean.as_ref().map(|p| p.bytes.clone()),
            return_transfer_id: return_transfer.as_ref().map(|t: &TransferId| t.to_string()),
            posted_by: who.key(),
            created_at: repo::now(),
        };
        pq::insert_post(c, &row)?;
        audit::append(
            c,
            &who.actor,
            &[NewEvent {
                action: "progress.posted",
                entity_type: "initiative",
                entity_id: ctx.plan.id.0.clone(),
                before: serde_json::Value::Null,
                after: json!({
                    "post": row.id, "stage": row.stage.as_str(), "body": row.body,
                    "photo_sha256": row.photo.as_ref().map(|b| hex::encode(Sha256::digest(b))),
                    "photo_alt": row.photo_alt,
                    "returned_cents": returned_cents, "return_transfer": return_transfer,
                }),
            }],
        )?;
        Ok(Posted {
            post_id: row.id,
            returned_cents,
            replayed: false,
        })
    })
}
