//! Areas, funders, accounts, budget lines, transfers and their decisions.
//! Transfers and decisions are only ever inserted.

use std::collections::HashMap;

use diesel::prelude::*;

use crate::db::models::*;
use crate::db::schema::*;
use crate::db::DbConn;

// ---- areas and funders ----------------------------------------------------------------

pub fn insert_area(conn: &mut DbConn, row: &AreaRow) -> QueryResult<()> {
    diesel::insert_into(areas::table)
        .values(row.clone())
        .execute(conn)
        .map(|_| ())
}

pub fn list_areas(conn: &mut DbConn) -> QueryResult<Vec<AreaRow>> {
    areas::table.order(areas::name.asc()).load(conn)
}

pub fn find_area_by_slug(conn: &mut DbConn, slug: &str) -> QueryResult<Option<AreaRow>> {
    let query = areas::table.filter(areas::slug.eq(slug));
    crate::on_backend!(conn, |c| query.get_result(c).optional())
}

pub fn insert_funder(conn: &mut DbConn, row: &FunderRow) -> QueryResult<()> {
    diesel::insert_into(funders::table)
        .values(row.clone())
        .execute(conn)
        .map(|_| ())
}

pub fn list_funders(conn: &mut DbConn) -> QueryResult<Vec<FunderRow>> {
    funders::table.order(funders::name.asc()).load(conn)
}

pub fn find_funder_by_slug(conn: &mut DbConn, slug: &str) -> QueryResult<Option<FunderRow>> {
    funders::table
        .filter(funders::slug.eq(slug))
        .get_result(conn)
        .optional()
}

pub fn find_funder_by_name(conn: &mut DbConn, name: &str) -> QueryResult<Option<FunderRow>> {
    funders::table
        .filter(funders::name.eq(name))
        .get_result(conn)
        .optional()
}

pub fn first_funder_of_kind(conn: &mut DbConn, kind: &str) -> QueryResult<Option<FunderRow>> {
    funders::table
        .filter(funders::kind.eq(kind))
        .order(funders::created_at.asc())
        .first(conn)
        .optional()
}

// ---- accounts -------------------------------------------------------------------------

pub fn insert_account(conn: &mut DbConn, row: &AccountRow) -> QueryResult<()> {
    diesel::insert_into(accounts::table)
        .values(row.clone())
        .execute(conn)
        .map(|_| ())
}

pub fn find_account(conn: &mut DbConn, id: &str) -> QueryResult<Option<AccountRow>> {
    accounts::table.find(id).get_result(conn).optional()
}

pub fn list_accounts(conn: &mut DbConn) -> QueryResult<Vec<AccountRow>> {
    accounts::table.order(accounts::name.asc()).load(conn)
}

pub fn accounts_by_kind(
    conn: &mut DbConn,
    kind: crate::domain::ledger::AccountKind,
) -> QueryResult<Vec<AccountRow>> {
    accounts::table
        .filter(accounts::kind.eq(kind.as_str()))
        .order(accounts::name.asc())
        .load(conn)
}

pub fn account_of_area(conn: &mut DbConn, area_id: &str) -> QueryResult<Option<AccountRow>> {
    accounts::table
        .filter(accounts::area_id.eq(area_id))
        .get_result(conn)
        .optional()
}

pub fn account_of_funder(conn: &mut DbConn, funder_id: &str) -> QueryResult<Option<AccountRow>> {
    accounts::table
        .filter(accounts::funder_id.eq(funder_id))
        .get_result(conn)
        .optional()
}

pub fn account_of_budget_line(
    conn: &mut DbConn,
    budget_line_id: &str,
) -> QueryResult<Option<AccountRow>> {
    accounts::table
        .filter(accounts::budget_line_id.eq(budget_line_id))
        .get_result(conn)
        .optional()
}

// ---- budget lines ---------------------------------------------------------------------

pub fn insert_budget_line(conn: &mut DbConn, row: &BudgetLineRow) -> QueryResult<()> {
    diesel::insert_into(budget_lines::table)
        .values(row.clone())
        .execute(conn)
        .map(|_| ())
}

pub fn find_budget_line(conn: &mut DbConn, id: &str) -> QueryResult<Option<BudgetLineRow>> {
    budget_lines::table.find(id).get_result(conn).optional()
}

pub fn find_budget_line_by_code(
    conn: &mut DbConn,
    year: i32,
    code: &str,
) -> QueryResult<Option<BudgetLineRow>> {
    budget_lines::table
        .filter(budget_lines::fiscal_year.eq(year))
        .filter(budget_lines::code.eq(code))
        .get_result(conn)
        .optional()
}

pub fn list_budget_lines(conn: &mut DbConn, year: Option<i32>) -> QueryResult<Vec<BudgetLineRow>> {
    let mut q = budget_lines::table.into_boxed();
    if let Some(y) = year {
        q = q.filter(budget_lines::fiscal_year.eq(y));
    }
    q.order((
        budget_lines::fiscal_year.asc(),
        budget_lines::taakveld.asc(),
        budget_lines::code.asc(),
    ))
    .load(conn)
}

pub fn fiscal_years(conn: &mut DbConn) -> QueryResult<Vec<i32>> {
    budget_lines::table
        .select(budget_lines::fiscal_year)
        .distinct()
        .order(budget_lines::fiscal_year.desc())
        .load(conn)
}

pub fn insert_import(conn: &mut DbConn, row: &LedgerImportRow) -> QueryResult<()> {
    diesel::insert_into(ledger_imports::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

// ---- transfers ------------------------------------------------------------------------

pub fn next_transfer_seq(conn: &mut DbConn) -> QueryResult<i64> {
    let last: Option<i64> = transfers::table
        .select(diesel::dsl::max(transfers::seq))
        .get_result(conn)?;
    Ok(last.unwrap_or(0) + 1)
}

pub fn insert_transfer(conn: &mut DbConn, row: &TransferRow) -> QueryResult<()> {
    diesel::insert_into(transfers::table)
        .values(row.clone())
        .execute(conn)
        .map(|_| ())
}

pub fn insert_decision(conn: &mut DbConn, row: &TransferDecisionRow) -> QueryResult<()> {
    diesel::insert_into(transfer_decisions::table)
        .values(row.clone())
        .execute(conn)
        .map(|_| ())
}

/// A transfer with its decision, if any.
pub type TransferWithDecision = (TransferRow, Option<TransferDecisionRow>);

pub fn find_transfer(conn: &mut DbConn, id: &str) -> QueryResult<Option<TransferWithDecision>> {
    transfers::table
        .left_join(transfer_decisions::table)
        .filter(transfers::id.eq(id))
        .select((
            transfers::all_columns,
            transfer_decisions::all_columns.nullable(),
        ))
        .first(conn)
        .optional()
}

pub fn list_transfers(conn: &mut DbConn) -> QueryResult<Vec<TransferWithDecision>> {
    transfers::table
        .left_join(transfer_decisions::table)
        .select((
            transfers::all_columns,
            transfer_decisions::all_columns.nullable(),
        ))
        .order(transfers::seq.asc())
        .load(conn)
}

/// What the transfers list filters on; every field is optional. `from`/`until` are UTC
/// moments (the start of the first Dutch day, the start of the day after the last).
#[derive(Debug, Clone, Default)]
pub struct TransferFilter {
    pub account: Option<String>,
    pub kind: Option<String>,
    /// "pending", "posted" or "rejected" (derived from the approval and the decision).
    pub status: Option<crate::domain::ledger::TransferStatus>,
    pub from: Option<chrono::NaiveDateTime>,
    pub until: Option<chrono::NaiveDateTime>,
}

type Backend = <DbConn as diesel::Connection>::Backend;

type FilteredTransfers<'a> = diesel::dsl::IntoBoxed<
    'a,
    diesel::dsl::LeftJoin<transfers::table, transfer_decisions::table>,
    Backend,
>;

fn filtered_transfers(f: &TransferFilter) -> FilteredTransfers<'_> {
    use crate::domain::ledger::TransferStatus;
    let mut q = transfers::table
        .left_join(transfer_decisions::table)
        .into_boxed();
    if let Some(a) = &f.account {
        q = q.filter(
            transfers::debit_account
                .eq(a)
                .or(transfers::credit_account.eq(a)),
        );
    }
    if let Some(k) = &f.kind {
        q = q.filter(transfers::kind.eq(k));
    }
    match f.status {
        Some(TransferStatus::Pending) => {
            q = q
                .filter(transfers::needs_approval.eq(true))
                .filter(transfer_decisions::transfer_id.is_null());
        }
        Some(TransferStatus::Posted) => {
            q = q.filter(
                transfers::needs_approval
                    .eq(false)
                    .or(transfer_decisions::approved.eq(true).assume_not_null()),
            );
        }
        Some(TransferStatus::Rejected) => {
            q = q.filter(transfer_decisions::approved.eq(false).assume_not_null());
        }
        None => {}
    }
    if let Some(from) = f.from {
        q = q.filter(transfers::created_at.ge(from));
    }
    if let Some(until) = f.until {
        q = q.filter(transfers::created_at.lt(until));
    }
    q
}

/// How many transfers match the filter.
pub fn count_transfers(conn: &mut DbConn, f: &TransferFilter) -> QueryResult<i64> {
    filtered_transfers(f).count().get_result(conn)
}

/// One page of transfers matching the filter, newest first.
pub fn transfers_page(
    conn: &mut DbConn,
    f: &TransferFilter,
    offset: i64,
    limit: i64,
) -> QueryResult<Vec<TransferWithDecision>> {
    filtered_transfers(f)
        .select((
            transfers::all_columns,
            transfer_decisions::all_columns.nullable(),
        ))
        .order(transfers::seq.desc())
        .offset(offset)
        .limit(limit)
        .load(conn)
}

pub fn transfers_of_account(
    conn: &mut DbConn,
    account_id: &str,
) -> QueryResult<Vec<TransferWithDecision>> {
    transfers::table
        .left_join(transfer_decisions::table)
        .filter(
            transfers::debit_account
                .eq(account_id)
                .or(transfers::credit_account.eq(account_id)),
        )
        .select((
            transfers::all_columns,
            transfer_decisions::all_columns.nullable(),
        ))
        .order(transfers::seq.asc())
        .load(conn)
}

pub fn pending_transfers(conn: &mut DbConn) -> QueryResult<Vec<TransferRow>> {
    transfers::table
        .left_join(transfer_decisions::table)
        .filter(transfers::needs_approval.eq(true))
        .filter(transfer_decisions::transfer_id.is_null())
        .select(transfers::all_columns)
        .order(transfers::seq.asc())
        .load(conn)
}

pub fn corrections_of(conn: &mut DbConn, original: &str) -> QueryResult<Vec<TransferWithDecision>> {
    transfers::table
        .left_join(transfer_decisions::table)
        .filter(transfers::correction_of.eq(original))
        .select((
            transfers::all_columns,
            transfer_decisions::all_columns.nullable(),
        ))
        .load(conn)
}

/// Posted movements (debit, credit, amount): transfers that need no approval or were
/// approved. Balances are always derived from these, never stored.
pub fn posted_movements(conn: &mut DbConn) -> QueryResult<Vec<(String, String, i64)>> {
    transfers::table
        .left_join(transfer_decisions::table)
        .filter(
            transfers::needs_approval
                .eq(false)
                .or(transfer_decisions::approved.eq(true)),
        )
        .select((
            transfers::debit_account,
            transfers::credit_account,
            transfers::amount_cents,
        ))
        .order(transfers::seq.asc())
        .load(conn)
}

/// Posted balance of every account that has moved money (credit minus debit).
pub fn balances(conn: &mut DbConn) -> QueryResult<HashMap<String, i64>> {
    let mut out: HashMap<String, i64> = HashMap::new();
    for (debit, credit, amount) in posted_movements(conn)? {
        let d = out.entry(debit).or_insert(0);
        *d = d.checked_sub(amount).ok_or_else(overflow)?;
        let c = out.entry(credit).or_insert(0);
        *c = c.checked_add(amount).ok_or_else(overflow)?;
    }
    Ok(out)
}

/// A balance or sum that does not fit in 64 bits: an error, never a wrap-around. Amounts
/// are bounded (`money::MAX_AMOUNT_CENTS`), so this does not happen in use.
fn overflow() -> diesel::result::Error {
    diesel::result::Error::DeserializationError("a sum of amounts does not fit in 64 bits".into())
}

/// Posted balance of one account.
pub fn balance_of(conn: &mut DbConn, account_id: &str) -> QueryResult<i64> {
    let mut total = 0i64;
    for (t, d) in transfers_of_account(conn, account_id)? {
        let posted = !t.needs_approval || d.map(|d| d.approved).unwrap_or(false);
        if !posted {
            continue;
        }
        if t.credit_account == account_id {
            total = total.checked_add(t.amount_cents).ok_or_else(overflow)?;
        }
        if t.debit_account == account_id {
            total = total.checked_sub(t.amount_cents).ok_or_else(overflow)?;
        }
    }
    Ok(total)
}

/// Money promised away by transfers that still wait for approval.
pub fn pending_outgoing(conn: &mut DbConn, account_id: &str) -> QueryResult<i64> {
    let amounts: Vec<i64> = transfers::table
        .left_join(transfer_decisions::table)
        .filter(transfers::debit_account.eq(account_id))
        .filter(transfers::needs_approval.eq(true))
        .filter(transfer_decisions::transfer_id.is_null())
        .select(transfers::amount_cents)
        .load(conn)?;
    crate::domain::money::checked_sum(amounts).ok_or_else(overflow)
}

pub fn update_area_settings(
    conn: &mut DbConn,
    area_id: &str,
    description: &str,
    max_initiative_cents: Option<i64>,
) -> QueryResult<()> {
    diesel::update(areas::table.find(area_id))
        .set((
            areas::description.eq(description),
            areas::max_initiative_cents.eq(max_initiative_cents),
        ))
        .execute(conn)
        .map(|_| ())
}
