//! Read models of the finance pages and the API. Every read takes the caller and asks the
//! guard first; the `actions` fields say what this caller may do next (the templates only
//! read them).

use std::collections::HashMap;

use serde::Serialize;

use crate::db::models::{AccountRow, TransferDecisionRow, TransferRow};
use crate::db::repo::{self, ledger as q};
use crate::db::DbConn;
use crate::domain::ids::{AccountId, AreaId, BudgetLineId, FunderId, TransferId};
use crate::domain::kinds::{AreaKind, FunderKind};
use crate::domain::ledger::{
    self as rules, AccountKind, TransferActions, TransferKind, TransferStatus,
};
use crate::domain::money::checked_sum;
use crate::domain::permissions::Operation;
use crate::service::{Principal, ServiceError};

#[derive(Debug, Clone, Serialize)]
pub struct BudgetLineView {
    pub id: BudgetLineId,
    pub account_id: AccountId,
    pub fiscal_year: i32,
    pub code: String,
    pub name: String,
    pub taakveld: String,
    pub funder: String,
    pub amount_cents: i64,
    pub balance_cents: i64,
    pub pending_out_cents: i64,
    /// The caller may start a transfer from this line (`domain::ledger::may_transfer_from`).
    pub may_transfer_from: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct TaakveldGroup {
    pub taakveld: String,
    pub taakveld_name: String,
    pub lines: Vec<BudgetLineView>,
    pub amount_cents: i64,
    pub balance_cents: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct LedgerOverview {
    pub year: Option<i32>,
    pub years: Vec<i32>,
    pub groups: Vec<TaakveldGroup>,
    pub amount_cents: i64,
    pub balance_cents: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct PoolView {
    pub area_id: AreaId,
    pub slug: String,
    pub name: String,
    pub kind: AreaKind,
    pub account_id: AccountId,
    pub balance_cents: i64,
    pub pending_in_cents: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct FunderView {
    pub id: FunderId,
    pub slug: String,
    pub name: String,
    pub kind: FunderKind,
    pub account_id: AccountId,
    pub balance_cents: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct TransferView {
    pub id: TransferId,
    pub seq: i64,
    pub kind: TransferKind,
    /// The kind in Dutch, for the API and the CSV file; a page shows the kind in the
    /// visitor's language from the catalogue (`views::staff_labels::transfer_kind_label`).
    pub kind_label: &'static str,
    pub status: TransferStatus,
    pub from_account: AccountId,
    pub from_name: String,
    pub to_account: AccountId,
    pub to_name: String,
    pub amount_cents: i64,
    pub memo: String,
    pub decision_ref: Option<String>,
    pub correction_of: Option<TransferId>,
    pub created_by: String,
    pub created_at: String,
    pub decided_by: Option<String>,
    pub decided_at: Option<String>,
    pub decision_reason: Option<String>,
    /// What the caller may do with this transfer (`domain::ledger::actions`).
    pub actions: TransferActions,
    /// True when this answer replays an earlier identical request.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub replayed: bool,
}

fn ts(t: chrono::NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Names of accounts and people, loaded once per page.
struct Names {
    accounts: HashMap<AccountId, AccountRow>,
    people: HashMap<String, String>,
}

impl Names {
    fn load(conn: &mut DbConn) -> Result<Names, ServiceError> {
        let accounts = q::list_accounts(conn)?
            .into_iter()
            .map(|a| (a.id.clone(), a))
            .collect();
        // People are named by their name, not their e-mail address (an account without a
        // name keeps its address, so nobody is anonymous on a finance page).
        let people = repo::users::list(conn)?
            .into_iter()
            .map(|u| {
                let name = if u.display_name.trim().is_empty() {
                    u.email
                } else {
                    u.display_name
                };
                (format!("user:{}", u.id), name)
            })
            .collect();
        Ok(Names { accounts, people })
    }

    fn account(&self, id: &str) -> String {
        self.accounts
            .get(id)
            .map(|a| a.name.clone())
            .unwrap_or_else(|| id.to_string())
    }

    fn person(&self, key: &str) -> String {
        if let Some(name) = self.people.get(key) {
            return name.clone();
        }
        match key {
            "system" => "Het systeem".to_string(),
            "resident" => "Een inwoner".to_string(),
            k if k == "cli" || k.starts_with("cli:") => "Beheer (opdrachtregel)".to_string(),
            other => other.to_string(),
        }
    }

    fn view(
        &self,
        who: &Principal,
        t: TransferRow,
        d: Option<TransferDecisionRow>,
    ) -> Result<TransferView, ServiceError> {
        let status = TransferStatus::derive(t.needs_approval, d.as_ref().map(|d| d.approved));
        let kind = t.kind;
        let actions = rules::actions(
            &who.roles,
            kind,
            status,
            t.needs_approval,
            t.created_by == who.key(),
        );
        Ok(TransferView {
            from_name: self.account(&t.debit_account),
            to_name: self.account(&t.credit_account),
            created_by: self.person(&t.created_by),
            created_at: ts(t.created_at),
            decided_by: d.as_ref().map(|d| self.person(&d.decided_by)),
            decided_at: d.as_ref().map(|d| ts(d.decided_at)),
            decision_reason: d.map(|d| d.reason),
            id: t.id,
            seq: t.seq,
            kind,
            kind_label: kind.label_nl(),
            status,
            from_account: t.debit_account,
            to_account: t.credit_account,
            amount_cents: t.amount_cents,
            memo: t.memo,
            decision_ref: t.decision_ref,
            correction_of: t.correction_of.map(TransferId::from),
            actions,
            replayed: false,
        })
    }

    fn views(
        &self,
        who: &Principal,
        rows: Vec<(TransferRow, Option<TransferDecisionRow>)>,
    ) -> Result<Vec<TransferView>, ServiceError> {
        rows.into_iter()
            .map(|(t, d)| self.view(who, t, d))
            .collect()
    }
}

/// Amounts are bounded (`money::MAX_AMOUNT_CENTS`), so this never happens in use; if it
/// did, the page fails instead of showing a wrapped-around number.
fn overflow() -> ServiceError {
    ServiceError::internal(
        "a sum of amounts does not fit in 64 bits",
        "checked sum overflowed",
    )
}

/// Sum of amounts for a read model; an overflow is an error, never a wrap-around.
fn sum(amounts: impl IntoIterator<Item = i64>) -> Result<i64, ServiceError> {
    checked_sum(amounts).ok_or_else(overflow)
}

/// Money promised away by pending transfers, per source account.
fn pending_out(conn: &mut DbConn) -> Result<HashMap<AccountId, i64>, ServiceError> {
    let mut by_account: HashMap<AccountId, Vec<i64>> = HashMap::new();
    for t in q::pending_transfers(conn)? {
        by_account
            .entry(t.debit_account)
            .or_default()
            .push(t.amount_cents);
    }
    by_account
        .into_iter()
        .map(|(k, v)| Ok((k, sum(v)?)))
        .collect()
}

fn budget_line_views(
    conn: &mut DbConn,
    who: &Principal,
    year: Option<i32>,
) -> Result<Vec<BudgetLineView>, ServiceError> {
    let lines = q::list_budget_lines(conn, year)?;
    let balances = q::balances(conn)?;
    let accounts: HashMap<String, AccountId> = q::accounts_by_kind(conn, AccountKind::BudgetLine)?
        .into_iter()
        .filter_map(|a| a.budget_line_id.map(|b| (b, a.id)))
        .collect();
    let funders: HashMap<FunderId, String> = q::list_funders(conn)?
        .into_iter()
        .map(|f| (f.id, f.name))
        .collect();
    let pending = pending_out(conn)?;
    lines
        .into_iter()
        .map(|l| {
            let account_id = accounts
                .get(l.id.as_str())
                .cloned()
                .unwrap_or_else(|| AccountId::from(""));
            let balance_cents = balances.get(account_id.as_str()).copied().unwrap_or(0);
            let pending_out_cents = pending.get(&account_id).copied().unwrap_or(0);
            let available =
                rules::available(balance_cents, pending_out_cents).ok_or_else(overflow)?;
            Ok(BudgetLineView {
                balance_cents,
                pending_out_cents,
                may_transfer_from: rules::may_transfer_from(&who.roles, available),
                funder: funders.get(&l.funder_id).cloned().unwrap_or_default(),
                account_id,
                id: l.id,
                fiscal_year: l.fiscal_year,
                code: l.code,
                name: l.name,
                taakveld: l.taakveld,
                amount_cents: l.amount_cents,
            })
        })
        .collect()
}

/// Sort key for taakveld codes: numeric parts first ("0.10" after "0.9"), then letters.
fn taakveld_sort_key(code: &str) -> Vec<(u32, String)> {
    code.split('.')
        .map(|part| {
            let digits: String = part.chars().take_while(|c| c.is_ascii_digit()).collect();
            let rest: String = part.chars().skip(digits.len()).collect();
            (digits.parse().unwrap_or(u32::MAX), rest)
        })
        .collect()
}

pub fn ledger_overview(
    conn: &mut DbConn,
    who: &Principal,
    year: Option<i32>,
) -> Result<LedgerOverview, ServiceError> {
    who.may(Operation::LedgerOverview)?;
    let years = q::fiscal_years(conn)?;
    let year = year.or_else(|| years.first().copied());
    let lines = match year {
        Some(y) => budget_line_views(conn, who, Some(y))?,
        None => Vec::new(),
    };
    let mut sorted = lines;
    sorted.sort_by(|a, b| {
        taakveld_sort_key(&a.taakveld)
            .cmp(&taakveld_sort_key(&b.taakveld))
            .then(a.code.cmp(&b.code))
    });
    let mut groups: Vec<TaakveldGroup> = Vec::new();
    for line in sorted {
        match groups.last_mut() {
            Some(g) if g.taakveld == line.taakveld => g.lines.push(line),
            _ => {
                let name = crate::domain::taakveld::lookup(line.fiscal_year, &line.taakveld)
                    .map(|t| t.name.to_string())
                    .unwrap_or_default();
                groups.push(TaakveldGroup {
                    taakveld: line.taakveld.clone(),
                    taakveld_name: name,
                    amount_cents: 0,
                    balance_cents: 0,
                    lines: vec![line],
                });
            }
        }
    }
    for g in &mut groups {
        g.amount_cents = sum(g.lines.iter().map(|l| l.amount_cents))?;
        g.balance_cents = sum(g.lines.iter().map(|l| l.balance_cents))?;
    }
    Ok(LedgerOverview {
        amount_cents: sum(groups.iter().map(|g| g.amount_cents))?,
        balance_cents: sum(groups.iter().map(|g| g.balance_cents))?,
        year,
        years,
        groups,
    })
}

pub fn list_budget_lines(
    conn: &mut DbConn,
    who: &Principal,
    year: Option<i32>,
) -> Result<Vec<BudgetLineView>, ServiceError> {
    who.may(Operation::ListBudgetLines)?;
    budget_line_views(conn, who, year)
}

pub fn budget_line_detail(
    conn: &mut DbConn,
    who: &Principal,
    id: &BudgetLineId,
) -> Result<(BudgetLineView, Vec<TransferView>), ServiceError> {
    who.may(Operation::BudgetLineDetail)?;
    let line = q::find_budget_line(conn, id)?.ok_or(ServiceError::NotFound(crate::msg_key!(
        "error-missing-budget-line"
    )))?;
    let view = budget_line_views(conn, who, Some(line.fiscal_year))?
        .into_iter()
        .find(|v| v.id == *id)
        .ok_or(ServiceError::NotFound(crate::msg_key!(
            "error-missing-budget-line"
        )))?;
    let history = account_history(conn, who, &view.account_id)?;
    Ok((view, history))
}

fn account_history(
    conn: &mut DbConn,
    who: &Principal,
    account_id: &str,
) -> Result<Vec<TransferView>, ServiceError> {
    let names = Names::load(conn)?;
    names.views(who, q::transfers_of_account(conn, account_id)?)
}

fn pool_views(conn: &mut DbConn) -> Result<Vec<PoolView>, ServiceError> {
    let balances = q::balances(conn)?;
    let mut pending_in: HashMap<AccountId, Vec<i64>> = HashMap::new();
    for t in q::pending_transfers(conn)? {
        pending_in
            .entry(t.credit_account)
            .or_default()
            .push(t.amount_cents);
    }
    let mut out = Vec::new();
    for area in q::list_areas(conn)? {
        let account = q::account_of_area(conn, &area.id)?.ok_or(ServiceError::NotFound(
            crate::msg_key!("error-missing-pool"),
        ))?;
        out.push(PoolView {
            balance_cents: balances.get(account.id.as_str()).copied().unwrap_or(0),
            pending_in_cents: sum(pending_in.remove(&account.id).unwrap_or_default())?,
            account_id: account.id,
            area_id: area.id,
            slug: area.slug,
            name: area.name,
            kind: area.kind,
        });
    }
    Ok(out)
}

pub fn pools(conn: &mut DbConn, who: &Principal) -> Result<Vec<PoolView>, ServiceError> {
    who.may(Operation::Pools)?;
    pool_views(conn)
}

pub fn pool_detail(
    conn: &mut DbConn,
    who: &Principal,
    slug: &str,
) -> Result<(PoolView, Vec<TransferView>), ServiceError> {
    who.may(Operation::PoolDetail)?;
    let pool = pool_views(conn)?
        .into_iter()
        .find(|p| p.slug == slug)
        .ok_or(ServiceError::NotFound(crate::msg_key!(
            "error-missing-area"
        )))?;
    let history = account_history(conn, who, &pool.account_id)?;
    Ok((pool, history))
}

fn funder_views(conn: &mut DbConn) -> Result<Vec<FunderView>, ServiceError> {
    let balances = q::balances(conn)?;
    let mut out = Vec::new();
    for f in q::list_funders(conn)? {
        let account = q::account_of_funder(conn, &f.id)?.ok_or(ServiceError::NotFound(
            crate::msg_key!("error-missing-funder"),
        ))?;
        out.push(FunderView {
            balance_cents: balances.get(account.id.as_str()).copied().unwrap_or(0),
            account_id: account.id,
            id: f.id,
            slug: f.slug,
            name: f.name,
            kind: f.kind,
        });
    }
    Ok(out)
}

pub fn funders(conn: &mut DbConn, who: &Principal) -> Result<Vec<FunderView>, ServiceError> {
    who.may(Operation::Funders)?;
    funder_views(conn)
}

pub fn list_transfers(
    conn: &mut DbConn,
    who: &Principal,
) -> Result<Vec<TransferView>, ServiceError> {
    who.may(Operation::ListTransfers)?;
    let names = Names::load(conn)?;
    names.views(who, q::list_transfers(conn)?)
}

/// Transfers per page of the staff list.
pub const TRANSFERS_PER_PAGE: i64 = 50;

/// Every kind of transfer, in the order the filter lists them.
pub const TRANSFER_KINDS: [TransferKind; 7] = [
    TransferKind::BudgetAllocation,
    TransferKind::BudgetToPool,
    TransferKind::FunderContribution,
    TransferKind::Commitment,
    TransferKind::Payment,
    TransferKind::Return,
    TransferKind::Correction,
];

/// What the staff list of transfers asks for: filters (all optional; days are Dutch
/// calendar days, both included) and a page, counted from 1.
#[derive(Debug, Clone, Default)]
pub struct TransferQuery {
    pub account: Option<AccountId>,
    pub kind: Option<TransferKind>,
    pub status: Option<TransferStatus>,
    pub from: Option<chrono::NaiveDate>,
    pub until: Option<chrono::NaiveDate>,
    pub page: i64,
}

/// One page of the transfers list, newest first.
#[derive(Debug, Clone)]
pub struct TransfersPage {
    pub rows: Vec<TransferView>,
    /// How many transfers match the filter in all.
    pub total: i64,
    pub page: i64,
    pub pages: i64,
    /// Every account (id, name, kind), for the filter's list.
    pub accounts: Vec<(AccountId, String, AccountKind)>,
}

/// The transfers list, filtered and paged in the database (newest first), so a ledger of
/// many years loads one page at a time. A page past the end shows the last page.
pub fn transfers_page(
    conn: &mut DbConn,
    who: &Principal,
    query: &TransferQuery,
) -> Result<TransfersPage, ServiceError> {
    who.may(Operation::ListTransfers)?;
    let filter = q::TransferFilter {
        account: query.account.as_ref().map(|a| a.to_string()),
        kind: query.kind.map(|k| k.as_str().to_string()),
        status: query.status,
        from: query.from.map(crate::domain::nl_time::start_of_day_utc),
        until: query
            .until
            .and_then(|d| d.succ_opt())
            .map(crate::domain::nl_time::start_of_day_utc),
    };
    let total = q::count_transfers(conn, &filter)?;
    let pages = ((total + TRANSFERS_PER_PAGE - 1) / TRANSFERS_PER_PAGE).max(1);
    let page = query.page.clamp(1, pages);
    let rows = q::transfers_page(
        conn,
        &filter,
        (page - 1) * TRANSFERS_PER_PAGE,
        TRANSFERS_PER_PAGE,
    )?;
    let names = Names::load(conn)?;
    let mut accounts: Vec<(AccountId, String, AccountKind)> = names
        .accounts
        .values()
        .map(|a| (a.id.clone(), a.name.clone(), a.kind))
        .collect();
    accounts.sort_by(|a, b| (a.2.as_str(), &a.1).cmp(&(b.2.as_str(), &b.1)));
    Ok(TransfersPage {
        rows: names.views(who, rows)?,
        total,
        page,
        pages,
        accounts,
    })
}

pub fn approval_queue(
    conn: &mut DbConn,
    who: &Principal,
) -> Result<Vec<TransferView>, ServiceError> {
    who.may(Operation::ApprovalQueue)?;
    let names = Names::load(conn)?;
    q::pending_transfers(conn)?
        .into_iter()
        .map(|t| names.view(who, t, None))
        .collect()
}

pub fn transfer(
    conn: &mut DbConn,
    who: &Principal,
    id: &TransferId,
) -> Result<TransferView, ServiceError> {
    who.may(Operation::Transfer)?;
    transfer_view(conn, who, id)
}

/// One transfer as `who` sees it, without the read guard: the answer to a change the
/// caller was allowed to make (a coordinator closing a round sees the commitment).
pub(super) fn transfer_view(
    conn: &mut DbConn,
    who: &Principal,
    id: &TransferId,
) -> Result<TransferView, ServiceError> {
    let names = Names::load(conn)?;
    let (t, d) = q::find_transfer(conn, id)?.ok_or(ServiceError::NotFound(crate::msg_key!(
        "error-missing-transfer"
    )))?;
    names.view(who, t, d)
}

/// One account with its posted balance. Serialized as the API's `/balances` item; the
/// fields are in the order of the keys that item always had (sorted), so the JSON is the
/// same byte for byte.
#[derive(Debug, Clone, Serialize)]
pub struct AccountBalance {
    pub account_id: AccountId,
    pub balance_cents: i64,
    pub kind: AccountKind,
    pub name: String,
    /// The funded plan of an `initiative` account (not in the API item).
    #[serde(skip)]
    pub initiative_id: Option<String>,
}

/// Posted balance of every account (for the API and the invariant checks in tests).
pub fn all_balances(
    conn: &mut DbConn,
    who: &Principal,
) -> Result<Vec<AccountBalance>, ServiceError> {
    who.may(Operation::AllBalances)?;
    let balances = q::balances(conn)?;
    Ok(q::list_accounts(conn)?
        .into_iter()
        .map(|a| AccountBalance {
            balance_cents: balances.get(a.id.as_str()).copied().unwrap_or(0),
            account_id: a.id,
            kind: a.kind,
            name: a.name,
            initiative_id: a.initiative_id,
        })
        .collect())
}

/// What the new-transfer form offers.
#[derive(Debug, Clone, Serialize)]
pub struct TransferOptions {
    pub budget_lines: Vec<BudgetLineView>,
    pub funders: Vec<FunderView>,
    pub pools: Vec<PoolView>,
}

pub fn transfer_options(
    conn: &mut DbConn,
    who: &Principal,
) -> Result<TransferOptions, ServiceError> {
    who.may(Operation::TransferOptions)?;
    Ok(TransferOptions {
        budget_lines: budget_line_views(conn, who, None)?
            .into_iter()
            .filter(|l| l.may_transfer_from)
            .collect(),
        funders: funder_views(conn)?
            .into_iter()
            .filter(|f| f.kind != FunderKind::Municipality)
            .collect(),
        pools: pool_views(conn)?,
    })
}
