//! The money after the vote: a plan's accounts, its payments and its progress posts.
//! Photos are read one at a time (`photo_of`); lists never load the bytes.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::models::{AccountRow, PaymentRow, ProgressPostRow};
use crate::db::schema::{accounts, payments, progress_posts};
use crate::db::DbConn;
use crate::domain::ledger::AccountKind;
use crate::domain::plan_money::ProgressStage;

/// The plan's account of this kind (`initiative`: what was committed; `paid_out`: what
/// was paid). At most one of each per plan.
pub fn account_of_plan(
    conn: &mut DbConn,
    initiative_id: &str,
    kind: AccountKind,
) -> QueryResult<Option<AccountRow>> {
    accounts::table
        .filter(accounts::initiative_id.eq(initiative_id))
        .filter(accounts::kind.eq(kind.as_str()))
        .order(accounts::created_at.asc())
        .first(conn)
        .optional()
}

/// Every plan account of these plans (both kinds), for the village page.
pub fn accounts_of_plans(conn: &mut DbConn, plan_ids: &[String]) -> QueryResult<Vec<AccountRow>> {
    accounts::table
        .filter(accounts::initiative_id.eq_any(plan_ids))
        .load(conn)
}

pub fn insert_payment(conn: &mut DbConn, row: &PaymentRow) -> QueryResult<()> {
    diesel::insert_into(payments::table)
        .values(row.clone())
        .execute(conn)
        .map(|_| ())
}

pub fn payments_of(conn: &mut DbConn, initiative_id: &str) -> QueryResult<Vec<PaymentRow>> {
    payments::table
        .filter(payments::initiative_id.eq(initiative_id))
        .load(conn)
}

pub fn find_payment(conn: &mut DbConn, transfer_id: &str) -> QueryResult<Option<PaymentRow>> {
    payments::table
        .find(transfer_id)
        .get_result(conn)
        .optional()
}

pub fn insert_post(conn: &mut DbConn, row: &ProgressPostRow) -> QueryResult<()> {
    diesel::insert_into(progress_posts::table)
        .values(row.clone())
        .execute(conn)
        .map(|_| ())
}

/// A progress post without the photo's bytes (whether it has one is `photo_type`).
#[derive(Debug, Clone, Queryable)]
pub struct PostHead {
    pub id: String,
    pub initiative_id: String,
    #[diesel(deserialize_as = String)]
    pub stage: ProgressStage,
    pub body: String,
    pub photo_type: Option<String>,
    pub photo_alt: Option<String>,
    pub return_transfer_id: Option<String>,
    pub posted_by: String,
    pub created_at: NaiveDateTime,
}

/// The posts of a plan, oldest first.
pub fn posts_of(conn: &mut DbConn, initiative_id: &str) -> QueryResult<Vec<PostHead>> {
    progress_posts::table
        .filter(progress_posts::initiative_id.eq(initiative_id))
        .select((
            progress_posts::id,
            progress_posts::initiative_id,
            progress_posts::stage,
            progress_posts::body,
            progress_posts::photo_type,
            progress_posts::photo_alt,
            progress_posts::return_transfer_id,
            progress_posts::posted_by,
            progress_posts::created_at,
        ))
        .order(progress_posts::created_at.asc())
        .load(conn)
}

/// Has this plan been marked done?
pub fn is_done(conn: &mut DbConn, initiative_id: &str) -> QueryResult<bool> {
    let n: i64 = progress_posts::table
        .filter(progress_posts::initiative_id.eq(initiative_id))
        .filter(progress_posts::stage.eq(ProgressStage::Done.as_str()))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// The photo of one post: the plan it belongs to, its media type and bytes (both `None`
/// for a post without a photo).
pub type StoredPhoto = (String, Option<String>, Option<Vec<u8>>);

pub fn photo_of(conn: &mut DbConn, post_id: &str) -> QueryResult<Option<StoredPhoto>> {
    progress_posts::table
        .find(post_id)
        .select((
            progress_posts::initiative_id,
            progress_posts::photo_type,
            progress_posts::photo,
        ))
        .get_result(conn)
        .optional()
}
