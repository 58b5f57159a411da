//! Row structs. Ids and kinds are read as their domain types (an id type, an enum): the
//! mapping happens here, once. Field order matches the table order in schema.rs (the MultiConnection
//! cannot use `as_returning`, so rows are loaded positionally).

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::schema::*;
use crate::domain::ids::{AccountId, AreaId, BudgetLineId, FunderId, TransferId, UserId};
use crate::domain::kinds::{AreaKind, FunderKind};
use crate::domain::ledger::{AccountKind, TransferKind};
use crate::domain::role::Role;

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = users)]
pub struct UserRow {
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub id: UserId,
    pub email: String,
    pub display_name: String,
    pub password_hash: String,
    pub disabled: bool,
    pub created_at: NaiveDateTime,
    pub totp_secret: Option<String>,
    pub totp_enabled: bool,
    /// The last accepted authenticator time step (unix time / 30).
    pub totp_last_step: Option<i64>,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = user_roles)]
pub struct UserRoleRow {
    pub id: String,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub user_id: UserId,
    /// Read as the domain enum: an unknown value fails the query (no default).
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub role: Role,
    pub area_id: Option<String>,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = sessions)]
pub struct SessionRow {
    pub token_hash: String,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub user_id: UserId,
    pub csrf_token: String,
    pub created_at: NaiveDateTime,
    pub last_seen_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub revoked: bool,
}

#[derive(Debug, Clone, Queryable, Insertable, serde::Serialize)]
#[diesel(table_name = areas)]
pub struct AreaRow {
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub id: AreaId,
    pub slug: String,
    pub name: String,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub kind: AreaKind,
    pub created_at: NaiveDateTime,
    pub description: String,
    pub max_initiative_cents: Option<i64>,
}

#[derive(Debug, Clone, Queryable, Insertable, serde::Serialize)]
#[diesel(table_name = funders)]
pub struct FunderRow {
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub id: FunderId,
    pub slug: String,
    pub name: String,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub kind: FunderKind,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Insertable, serde::Serialize)]
#[diesel(table_name = budget_lines)]
pub struct BudgetLineRow {
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub id: BudgetLineId,
    pub fiscal_year: i32,
    pub code: String,
    pub name: String,
    pub taakveld: String,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub funder_id: FunderId,
    pub amount_cents: i64,
    pub import_id: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Insertable, serde::Serialize)]
#[diesel(table_name = accounts)]
pub struct AccountRow {
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub id: AccountId,
    /// Read as the domain enum: an unknown value fails the query (no default).
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub kind: AccountKind,
    pub name: String,
    pub budget_line_id: Option<String>,
    pub area_id: Option<String>,
    pub funder_id: Option<String>,
    pub created_at: NaiveDateTime,
    /// For a funded plan's account (kind `initiative`).
    pub initiative_id: Option<String>,
}

/// What a new account belongs to. The kind follows from it, and exactly the one owner
/// column that goes with the kind is filled (one constructor instead of five literals
/// that each had to get this right).
#[derive(Debug, Clone, Copy)]
pub enum AccountOwner<'a> {
    BudgetLine(&'a str),
    Pool {
        area: &'a str,
    },
    Funder(&'a str),
    /// A funded plan's commitment account.
    Initiative(&'a str),
    /// What was paid out for a funded plan.
    PaidOut(&'a str),
}

impl AccountRow {
    pub fn new(
        id: AccountId,
        owner: AccountOwner<'_>,
        name: String,
        created_at: NaiveDateTime,
    ) -> AccountRow {
        let mut row = AccountRow {
            id,
            kind: AccountKind::Pool,
            name,
            budget_line_id: None,
            area_id: None,
            funder_id: None,
            created_at,
            initiative_id: None,
        };
        match owner {
            AccountOwner::BudgetLine(line) => {
                row.kind = AccountKind::BudgetLine;
                row.budget_line_id = Some(line.to_string());
            }
            AccountOwner::Pool { area } => row.area_id = Some(area.to_string()),
            AccountOwner::Funder(funder) => {
                row.kind = AccountKind::Funder;
                row.funder_id = Some(funder.to_string());
            }
            AccountOwner::Initiative(plan) => {
                row.kind = AccountKind::Initiative;
                row.initiative_id = Some(plan.to_string());
            }
            AccountOwner::PaidOut(plan) => {
                row.kind = AccountKind::PaidOut;
                row.initiative_id = Some(plan.to_string());
            }
        }
        row
    }
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = ledger_imports)]
pub struct LedgerImportRow {
    pub id: String,
    pub content_sha256: String,
    pub file_name: String,
    pub format: String,
    pub lines_added: i32,
    pub lines_unchanged: i32,
    pub imported_by: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Insertable, serde::Serialize)]
#[diesel(table_name = transfers)]
pub struct TransferRow {
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub id: TransferId,
    pub seq: i64,
    /// Read as the domain enum: an unknown value fails the query (no default).
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub kind: TransferKind,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub debit_account: AccountId,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub credit_account: AccountId,
    pub amount_cents: i64,
    pub memo: String,
    pub decision_ref: Option<String>,
    pub correction_of: Option<String>,
    pub needs_approval: bool,
    pub content_hash: String,
    pub created_by: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Insertable, serde::Serialize)]
#[diesel(table_name = transfer_decisions)]
pub struct TransferDecisionRow {
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub transfer_id: TransferId,
    pub approved: bool,
    pub reason: String,
    pub decided_by: String,
    pub decided_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Insertable, serde::Serialize)]
#[diesel(table_name = audit_events)]
pub struct AuditEventRow {
    pub seq: i64,
    pub occurred_at: NaiveDateTime,
    pub actor: String,
    pub action: String,
    pub entity_type: String,
    pub entity_id: String,
    pub payload: String,
    pub leaf_hash: String,
}

/// A checkpoint the server signed (`note` is the signed-note text).
#[derive(Debug, Clone, Queryable, Insertable, serde::Serialize)]
#[diesel(table_name = audit_checkpoints)]
pub struct CheckpointRow {
    pub tree_size: i64,
    pub root_hex: String,
    pub origin: String,
    pub key_id: String,
    pub note: String,
    pub signed_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = code_batches)]
pub struct CodeBatchRow {
    pub id: String,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub area_id: AreaId,
    pub year: i32,
    pub count: i32,
    pub created_by: String,
    pub created_at: NaiveDateTime,
}

/// One letter's code as stored: the public handle and a salted hash of the secret.
#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = voting_codes)]
pub struct VotingCodeRow {
    pub handle: String,
    pub batch_id: String,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub area_id: AreaId,
    pub year: i32,
    pub secret_hash: String,
    pub status: String,
    pub replaced_by: Option<String>,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = voter_sessions)]
pub struct VoterSessionRow {
    pub token_hash: String,
    pub handle: String,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub area_id: AreaId,
    pub year: i32,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = throttle_buckets)]
pub struct ThrottleBucketRow {
    pub key: String,
    pub window_start: NaiveDateTime,
    pub attempts: i32,
    pub blocked_until: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = login_tickets)]
pub struct LoginTicketRow {
    pub token_hash: String,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub user_id: UserId,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
}

/// A Smederij round of one area. `fingerprint` and `frozen_rules` are set once, when
/// voting opens; `result_json` once, when the round closes.
#[derive(Debug, Clone, Queryable, Insertable, serde::Serialize)]
#[diesel(table_name = rounds)]
pub struct RoundRow {
    pub id: String,
    pub area_id: String,
    pub year: i32,
    pub quarter: i32,
    pub title: String,
    pub status: String,
    pub ballot_rule: String,
    pub max_choices: Option<i32>,
    pub count_rule: String,
    pub budget_cents: i64,
    pub fingerprint: Option<String>,
    pub frozen_rules: Option<String>,
    pub result_json: Option<String>,
    pub created_by: String,
    pub created_at: NaiveDateTime,
    pub voting_opened_at: Option<NaiveDateTime>,
    pub closed_at: Option<NaiveDateTime>,
    pub plans_from: Option<NaiveDate>,
    pub plans_until: Option<NaiveDate>,
    pub review_until: Option<NaiveDate>,
    pub voting_from: Option<NaiveDate>,
    pub voting_until: Option<NaiveDate>,
    pub review_started_at: Option<NaiveDateTime>,
    pub counted_at: Option<NaiveDateTime>,
    pub annulled_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Queryable, Insertable, serde::Serialize)]
#[diesel(table_name = initiatives)]
pub struct InitiativeRow {
    pub id: String,
    pub round_id: String,
    pub number: i32,
    pub title: String,
    pub summary: String,
    pub amount_cents: i64,
    pub taakveld: String,
    pub status: String,
    pub review_reason: Option<String>,
    pub submitted_by: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Insertable, serde::Serialize)]
#[diesel(table_name = ballots)]
pub struct BallotRow {
    pub id: String,
    pub round_id: String,
    pub tracker: String,
    pub channel: String,
    pub assisted: bool,
    pub entered_by: Option<String>,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = ballot_choices)]
pub struct BallotChoiceRow {
    pub ballot_id: String,
    pub initiative_id: String,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = mail_outbox)]
pub struct MailRow {
    pub id: String,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub created_at: NaiveDateTime,
    pub sent_at: Option<NaiveDateTime>,
}

/// What finance adds to a payment transfer: when it was paid and against which invoice.
#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = payments)]
pub struct PaymentRow {
    pub transfer_id: String,
    pub initiative_id: String,
    /// ISO date (YYYY-MM-DD), checked by `domain::plan_money`.
    pub paid_on: String,
    pub reference: String,
    pub note: String,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = progress_posts)]
pub struct ProgressPostRow {
    pub id: String,
    pub initiative_id: String,
    /// Read as the domain enum: an unknown value fails the query (no default).
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub stage: crate::domain::plan_money::ProgressStage,
    pub body: String,
    pub photo: Option<Vec<u8>>,
    pub photo_type: Option<String>,
    pub photo_alt: Option<String>,
    pub return_transfer_id: Option<String>,
    pub posted_by: String,
    pub created_at: NaiveDateTime,
}
