//! The money path: importing budget lines, areas and funders, transfers, approvals,
//! corrections, and the read models for the finance pages and the API.

use std::collections::HashMap;

use serde::Serialize;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::{Principal, ServiceError};
use crate::db::models::*;
use crate::db::repo::{self, audit, ledger as q};
use crate::db::{tx, DbConn};
use crate::domain::audit::NewEvent;
use crate::domain::ledger::{
    needs_approval, validate_basic, AccountKind, LedgerError, TransferKind, TransferStatus,
};
use crate::domain::ledger_import::{parse_ledger, ImportOptions, ImportProblem, ParsedLedger};
use crate::domain::role::Permission;

/// The slug of the funder that stands for the municipality's own budget.
pub const MUNICIPALITY_FUNDER_KIND: &str = "municipality";

// ---- read models ----------------------------------------------------------------------

#[derive(Debug, Clone, Serialize)]
pub struct BudgetLineView {
    pub id: String,
    pub account_id: String,
    pub fiscal_year: i32,
    pub code: String,
    pub name: String,
    pub taakveld: String,
    pub funder: String,
    pub amount_cents: i64,
    pub balance_cents: i64,
    pub pending_out_cents: i64,
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
    pub area_id: String,
    pub slug: String,
    pub name: String,
    pub kind: String,
    pub account_id: String,
    pub balance_cents: i64,
    pub pending_in_cents: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct FunderView {
    pub id: String,
    pub slug: String,
    pub name: String,
    pub kind: String,
    pub account_id: String,
    pub balance_cents: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct TransferView {
    pub id: String,
    pub seq: i64,
    pub kind: TransferKind,
    pub kind_label: &'static str,
    pub status: TransferStatus,
    pub from_account: String,
    pub from_name: String,
    pub to_account: String,
    pub to_name: String,
    pub amount_cents: i64,
    pub memo: String,
    pub decision_ref: Option<String>,
    pub correction_of: Option<String>,
    pub created_by: String,
    pub created_at: String,
    pub decided_by: Option<String>,
    pub decided_at: Option<String>,
    pub decision_reason: Option<String>,
    /// True when this answer replays an earlier identical request.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub replayed: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct ImportOutcome {
    pub format: String,
    pub lines_added: usize,
    pub lines_unchanged: usize,
    pub notes: Vec<String>,
    pub import_id: Option<String>,
}

fn ts(t: chrono::NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Names of accounts and people, loaded once per page.
struct Names {
    accounts: HashMap<String, AccountRow>,
    people: HashMap<String, String>,
}

impl Names {
    fn load(conn: &mut DbConn) -> Result<Names, ServiceError> {
        let accounts = q::list_accounts(conn)?
            .into_iter()
            .map(|a| (a.id.clone(), a))
            .collect();
        let people = repo::users::list(conn)?
            .into_iter()
            .map(|u| (format!("user:{}", u.id), u.email))
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
        self.people
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.to_string())
    }

    fn view(&self, t: TransferRow, d: Option<TransferDecisionRow>) -> TransferView {
        let status = TransferStatus::derive(t.needs_approval, d.as_ref().map(|d| d.approved));
        let kind = TransferKind::parse(&t.kind).unwrap_or(TransferKind::Correction);
        TransferView {
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
            correction_of: t.correction_of,
            replayed: false,
        }
    }
}

fn budget_line_views(
    conn: &mut DbConn,
    year: Option<i32>,
) -> Result<Vec<BudgetLineView>, ServiceError> {
    let lines = q::list_budget_lines(conn, year)?;
    let balances = q::balances(conn)?;
    let accounts: HashMap<String, String> =
        q::accounts_by_kind(conn, AccountKind::BudgetLine.as_str())?
            .into_iter()
            .filter_map(|a| a.budget_line_id.map(|b| (b, a.id)))
            .collect();
    let funders: HashMap<String, String> = q::list_funders(conn)?
        .into_iter()
        .map(|f| (f.id, f.name))
        .collect();
    let mut pending: HashMap<String, i64> = HashMap::new();
    for t in q::pending_transfers(conn)? {
        *pending.entry(t.debit_account).or_insert(0) += t.amount_cents;
    }
    Ok(lines
        .into_iter()
        .map(|l| {
            let account_id = accounts.get(&l.id).cloned().unwrap_or_default();
            BudgetLineView {
                balance_cents: balances.get(&account_id).copied().unwrap_or(0),
                pending_out_cents: pending.get(&account_id).copied().unwrap_or(0),
                funder: funders.get(&l.funder_id).cloned().unwrap_or_default(),
                account_id,
                id: l.id,
                fiscal_year: l.fiscal_year,
                code: l.code,
                name: l.name,
                taakveld: l.taakveld,
                amount_cents: l.amount_cents,
            }
        })
        .collect())
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
    year: Option<i32>,
) -> Result<LedgerOverview, ServiceError> {
    let years = q::fiscal_years(conn)?;
    let year = year.or_else(|| years.first().copied());
    let lines = match year {
        Some(y) => budget_line_views(conn, Some(y))?,
        None => Vec::new(),
    };
    let mut groups: Vec<TaakveldGroup> = Vec::new();
    let mut sorted = lines;
    sorted.sort_by(|a, b| {
        taakveld_sort_key(&a.taakveld)
            .cmp(&taakveld_sort_key(&b.taakveld))
            .then(a.code.cmp(&b.code))
    });
    for line in sorted {
        match groups.last_mut() {
            Some(g) if g.taakveld == line.taakveld => {
                g.amount_cents += line.amount_cents;
                g.balance_cents += line.balance_cents;
                g.lines.push(line);
            }
            _ => {
                let name = crate::domain::taakveld::lookup(line.fiscal_year, &line.taakveld)
                    .map(|t| t.name.to_string())
                    .unwrap_or_default();
                groups.push(TaakveldGroup {
                    taakveld: line.taakveld.clone(),
                    taakveld_name: name,
                    amount_cents: line.amount_cents,
                    balance_cents: line.balance_cents,
                    lines: vec![line],
                });
            }
        }
    }
    Ok(LedgerOverview {
        amount_cents: groups.iter().map(|g| g.amount_cents).sum(),
        balance_cents: groups.iter().map(|g| g.balance_cents).sum(),
        year,
        years,
        groups,
    })
}

pub fn list_budget_lines(
    conn: &mut DbConn,
    year: Option<i32>,
) -> Result<Vec<BudgetLineView>, ServiceError> {
    budget_line_views(conn, year)
}

pub fn budget_line_detail(
    conn: &mut DbConn,
    id: &str,
) -> Result<(BudgetLineView, Vec<TransferView>), ServiceError> {
    let line = q::find_budget_line(conn, id)?.ok_or(ServiceError::NotFound("Begrotingspost"))?;
    let view = budget_line_views(conn, Some(line.fiscal_year))?
        .into_iter()
        .find(|v| v.id == id)
        .ok_or(ServiceError::NotFound("Begrotingspost"))?;
    let history = account_history(conn, &view.account_id)?;
    Ok((view, history))
}

fn account_history(conn: &mut DbConn, account_id: &str) -> Result<Vec<TransferView>, ServiceError> {
    let names = Names::load(conn)?;
    Ok(q::transfers_of_account(conn, account_id)?
        .into_iter()
        .map(|(t, d)| names.view(t, d))
        .collect())
}

pub fn pools(conn: &mut DbConn) -> Result<Vec<PoolView>, ServiceError> {
    let balances = q::balances(conn)?;
    let mut pending_in: HashMap<String, i64> = HashMap::new();
    for t in q::pending_transfers(conn)? {
        *pending_in.entry(t.credit_account).or_insert(0) += t.amount_cents;
    }
    let mut out = Vec::new();
    for area in q::list_areas(conn)? {
        let account = q::account_of_area(conn, &area.id)?.ok_or(ServiceError::NotFound("Pot"))?;
        out.push(PoolView {
            balance_cents: balances.get(&account.id).copied().unwrap_or(0),
            pending_in_cents: pending_in.get(&account.id).copied().unwrap_or(0),
            account_id: account.id,
            area_id: area.id,
            slug: area.slug,
            name: area.name,
            kind: area.kind,
        });
    }
    Ok(out)
}

pub fn pool_detail(
    conn: &mut DbConn,
    slug: &str,
) -> Result<(PoolView, Vec<TransferView>), ServiceError> {
    let pool = pools(conn)?
        .into_iter()
        .find(|p| p.slug == slug)
        .ok_or(ServiceError::NotFound("Gebied"))?;
    let history = account_history(conn, &pool.account_id)?;
    Ok((pool, history))
}

pub fn funders(conn: &mut DbConn) -> Result<Vec<FunderView>, ServiceError> {
    let balances = q::balances(conn)?;
    let mut out = Vec::new();
    for f in q::list_funders(conn)? {
        let account =
            q::account_of_funder(conn, &f.id)?.ok_or(ServiceError::NotFound("Financier"))?;
        out.push(FunderView {
            balance_cents: balances.get(&account.id).copied().unwrap_or(0),
            account_id: account.id,
            id: f.id,
            slug: f.slug,
            name: f.name,
            kind: f.kind,
        });
    }
    Ok(out)
}

pub fn list_transfers(conn: &mut DbConn) -> Result<Vec<TransferView>, ServiceError> {
    let names = Names::load(conn)?;
    Ok(q::list_transfers(conn)?
        .into_iter()
        .map(|(t, d)| names.view(t, d))
        .collect())
}

pub fn approval_queue(conn: &mut DbConn) -> Result<Vec<TransferView>, ServiceError> {
    let names = Names::load(conn)?;
    Ok(q::pending_transfers(conn)?
        .into_iter()
        .map(|t| names.view(t, None))
        .collect())
}

pub fn transfer(conn: &mut DbConn, id: &str) -> Result<TransferView, ServiceError> {
    let names = Names::load(conn)?;
    let (t, d) = q::find_transfer(conn, id)?.ok_or(ServiceError::NotFound("Overboeking"))?;
    Ok(names.view(t, d))
}

/// Posted balance of every account (for the API and the invariant checks in tests).
pub fn all_balances(conn: &mut DbConn) -> Result<Vec<(AccountRow, i64)>, ServiceError> {
    let balances = q::balances(conn)?;
    Ok(q::list_accounts(conn)?
        .into_iter()
        .map(|a| {
            let b = balances.get(&a.id).copied().unwrap_or(0);
            (a, b)
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

pub fn transfer_options(conn: &mut DbConn) -> Result<TransferOptions, ServiceError> {
    Ok(TransferOptions {
        budget_lines: budget_line_views(conn, None)?
            .into_iter()
            .filter(|l| l.balance_cents - l.pending_out_cents > 0)
            .collect(),
        funders: funders(conn)?
            .into_iter()
            .filter(|f| f.kind != MUNICIPALITY_FUNDER_KIND)
            .collect(),
        pools: pools(conn)?,
    })
}

// ---- areas and funders ----------------------------------------------------------------

fn slugify(name: &str) -> String {
    let mut out = String::new();
    for c in name.trim().to_lowercase().chars() {
        let c = match c {
            'á' | 'à' | 'ä' | 'â' => 'a',
            'é' | 'è' | 'ë' | 'ê' => 'e',
            'í' | 'ì' | 'ï' | 'î' => 'i',
            'ó' | 'ò' | 'ö' | 'ô' => 'o',
            'ú' | 'ù' | 'ü' | 'û' => 'u',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

fn new_id() -> String {
    Uuid::new_v4().to_string()
}

pub fn create_area(
    conn: &mut DbConn,
    who: &Principal,
    name: &str,
    kind: &str,
) -> Result<PoolView, ServiceError> {
    who.require(Permission::Administer)?;
    let name = name.trim();
    if name.is_empty() {
        return Err(ServiceError::invalid(
            "name",
            "Vul de naam van het gebied in.",
        ));
    }
    if !matches!(kind, "dorp" | "wijk") {
        return Err(ServiceError::invalid("kind", "Kies dorp of wijk."));
    }
    let slug = slugify(name);
    if slug.is_empty() {
        return Err(ServiceError::invalid(
            "name",
            "Gebruik letters of cijfers in de naam.",
        ));
    }
    tx::write(conn, |c| {
        if q::find_area_by_slug(c, &slug)?.is_some() {
            return Err(ServiceError::invalid(
                "name",
                "Er is al een gebied met deze naam.",
            ));
        }
        let now = repo::now();
        let area = AreaRow {
            id: new_id(),
            slug: slug.clone(),
            name: name.to_string(),
            kind: kind.to_string(),
            created_at: now,
            description: String::new(),
            max_initiative_cents: None,
        };
        q::insert_area(c, &area)?;
        let account = AccountRow {
            id: new_id(),
            kind: AccountKind::Pool.as_str().into(),
            name: format!("Pot {}", area.name),
            budget_line_id: None,
            area_id: Some(area.id.clone()),
            funder_id: None,
            created_at: now,
            initiative_id: None,
        };
        q::insert_account(c, &account)?;
        audit::append(
            c,
            &who.actor,
            &[NewEvent {
                action: "area.created",
                entity_type: "area",
                entity_id: area.id.clone(),
                before: Value::Null,
                after: json!({"slug": area.slug, "name": area.name, "kind": area.kind, "pool_account": account.id}),
            }],
        )?;
        Ok(PoolView {
            area_id: area.id,
            slug: area.slug,
            name: area.name,
            kind: area.kind,
            account_id: account.id,
            balance_cents: 0,
            pending_in_cents: 0,
        })
    })
}

fn insert_funder_with_account(
    c: &mut DbConn,
    who: &Principal,
    name: &str,
    kind: &str,
) -> Result<(FunderRow, AccountRow), ServiceError> {
    let now = repo::now();
    let funder = FunderRow {
        id: new_id(),
        slug: slugify(name),
        name: name.to_string(),
        kind: kind.to_string(),
        created_at: now,
    };
    q::insert_funder(c, &funder)?;
    let account = AccountRow {
        id: new_id(),
        kind: AccountKind::Funder.as_str().into(),
        name: funder.name.clone(),
        budget_line_id: None,
        area_id: None,
        funder_id: Some(funder.id.clone()),
        created_at: now,
        initiative_id: None,
    };
    q::insert_account(c, &account)?;
    audit::append(
        c,
        &who.actor,
        &[NewEvent {
            action: "funder.created",
            entity_type: "funder",
            entity_id: funder.id.clone(),
            before: Value::Null,
            after: json!({"slug": funder.slug, "name": funder.name, "kind": funder.kind, "account": account.id}),
        }],
    )?;
    Ok((funder, account))
}

pub fn create_funder(
    conn: &mut DbConn,
    who: &Principal,
    name: &str,
    kind: &str,
) -> Result<FunderView, ServiceError> {
    who.require(Permission::Administer)?;
    let name = name.trim();
    if name.is_empty() {
        return Err(ServiceError::invalid(
            "name",
            "Vul de naam van de financier in.",
        ));
    }
    if !matches!(kind, "municipality" | "housing_corporation" | "other") {
        return Err(ServiceError::invalid("kind", "Kies het soort financier."));
    }
    if slugify(name).is_empty() {
        return Err(ServiceError::invalid(
            "name",
            "Gebruik letters of cijfers in de naam.",
        ));
    }
    tx::write(conn, |c| {
        if q::find_funder_by_slug(c, &slugify(name))?.is_some() {
            return Err(ServiceError::invalid(
                "name",
                "Er is al een financier met deze naam.",
            ));
        }
        let (f, a) = insert_funder_with_account(c, who, name, kind)?;
        Ok(FunderView {
            id: f.id,
            slug: f.slug,
            name: f.name,
            kind: f.kind,
            account_id: a.id,
            balance_cents: 0,
        })
    })
}

// ---- import ---------------------------------------------------------------------------

/// Import a ledger file as a whole: every line is added, or nothing is. Lines that are
/// already there with the same content are left alone, so importing a file twice changes
/// nothing. A line that is there with other content is a problem: the ledger is never
/// edited, a change goes through a correction.
pub fn import_ledger(
    conn: &mut DbConn,
    who: &Principal,
    file_name: &str,
    bytes: &[u8],
    opts: &ImportOptions,
) -> Result<ImportOutcome, ServiceError> {
    who.require(Permission::ProposeTransfer)?;
    let parsed: ParsedLedger = parse_ledger(bytes, opts).map_err(ServiceError::Import)?;
    let sha = hex::encode(Sha256::digest(bytes));
    let format = format!("{:?}", parsed.format);
    tx::write(conn, |c| {
        let mut problems: Vec<ImportProblem> = Vec::new();
        let mut to_add = Vec::new();
        let mut unchanged = 0usize;
        for line in &parsed.lines {
            let funder_name = line.funder.clone();
            match q::find_budget_line_by_code(c, line.year, &line.code)? {
                Some(existing) => {
                    let existing_funder = q::list_funders(c)?
                        .into_iter()
                        .find(|f| f.id == existing.funder_id)
                        .map(|f| f.name);
                    let same_funder = match &funder_name {
                        Some(n) => existing_funder.as_deref() == Some(n.as_str()),
                        None => true,
                    };
                    if existing.amount_cents == line.amount_cents
                        && existing.name == line.name
                        && existing.taakveld == line.taakveld
                        && same_funder
                    {
                        unchanged += 1;
                    } else {
                        problems.push(ImportProblem {
                            line_no: line.line_no,
                            column: "code".into(),
                            value: line.code.clone(),
                            message: format!(
                                "Begrotingspost {} voor {} staat al in het grootboek met andere gegevens. \
                                 Een ingelezen post wordt nooit overschreven: maak een correctie.",
                                line.code, line.year
                            ),
                        });
                    }
                }
                None => to_add.push(line),
            }
        }
        if !problems.is_empty() {
            return Err(ServiceError::Import(problems));
        }
        if to_add.is_empty() {
            return Ok(ImportOutcome {
                format: format.clone(),
                lines_added: 0,
                lines_unchanged: unchanged,
                notes: parsed.notes.clone(),
                import_id: None,
            });
        }
        let now = repo::now();
        let import_id = new_id();
        let municipality = match q::first_funder_of_kind(c, MUNICIPALITY_FUNDER_KIND)? {
            Some(f) => f,
            None => {
                let name = parsed
                    .municipality
                    .as_deref()
                    .map(|m| format!("Gemeente {m}"))
                    .unwrap_or_else(|| "Gemeente".to_string());
                insert_funder_with_account(c, who, &name, MUNICIPALITY_FUNDER_KIND)?.0
            }
        };
        let first_seq = q::next_transfer_seq(c)?;
        let mut events = Vec::new();
        for (seq, line) in (first_seq..).zip(to_add.iter()) {
            let funder = match &line.funder {
                Some(name) => match q::find_funder_by_name(c, name)? {
                    Some(f) => f,
                    None => match q::find_funder_by_slug(c, &slugify(name))? {
                        Some(f) => f,
                        None => insert_funder_with_account(c, who, name, "other")?.0,
                    },
                },
                None => municipality.clone(),
            };
            let funder_account =
                q::account_of_funder(c, &funder.id)?.ok_or(ServiceError::NotFound("Financier"))?;
            let bl = BudgetLineRow {
                id: new_id(),
                fiscal_year: line.year,
                code: line.code.clone(),
                name: line.name.clone(),
                taakveld: line.taakveld.clone(),
                funder_id: funder.id.clone(),
                amount_cents: line.amount_cents,
                import_id: import_id.clone(),
                created_at: now,
            };
            q::insert_budget_line(c, &bl)?;
            let account = AccountRow {
                id: new_id(),
                kind: AccountKind::BudgetLine.as_str().into(),
                name: format!("{} {} {}", bl.fiscal_year, bl.code, bl.name),
                budget_line_id: Some(bl.id.clone()),
                area_id: None,
                funder_id: None,
                created_at: now,
                initiative_id: None,
            };
            q::insert_account(c, &account)?;
            let memo = format!("Begroting {}: {}", bl.fiscal_year, bl.name);
            let decision_ref = Some(format!("Begroting {}", bl.fiscal_year));
            let t = TransferRow {
                id: new_id(),
                seq,
                kind: TransferKind::BudgetAllocation.as_str().into(),
                debit_account: funder_account.id.clone(),
                credit_account: account.id.clone(),
                amount_cents: bl.amount_cents,
                content_hash: content_hash(
                    TransferKind::BudgetAllocation,
                    &funder_account.id,
                    &account.id,
                    bl.amount_cents,
                    &memo,
                    decision_ref.as_deref(),
                    None,
                    &who.key(),
                ),
                memo,
                decision_ref,
                correction_of: None,
                needs_approval: false,
                created_by: who.key(),
                created_at: now,
            };
            q::insert_transfer(c, &t)?;
            events.push(NewEvent {
                action: "budget_line.imported",
                entity_type: "budget_line",
                entity_id: bl.id.clone(),
                before: Value::Null,
                after: json!({"fiscal_year": bl.fiscal_year, "code": bl.code, "name": bl.name,
                    "taakveld": bl.taakveld, "funder": funder.name, "amount_cents": bl.amount_cents,
                    "account": account.id, "import": import_id, "source_line": line.line_no}),
            });
            events.push(transfer_event("transfer.posted", &t, Value::Null));
        }
        q::insert_import(
            c,
            &LedgerImportRow {
                id: import_id.clone(),
                content_sha256: sha.clone(),
                file_name: file_name.to_string(),
                format: format.clone(),
                lines_added: to_add.len() as i32,
                lines_unchanged: unchanged as i32,
                imported_by: who.key(),
                created_at: now,
            },
        )?;
        events.push(NewEvent {
            action: "ledger.imported",
            entity_type: "ledger_import",
            entity_id: import_id.clone(),
            before: Value::Null,
            after: json!({"file_name": file_name, "sha256": sha, "format": format,
                "lines_added": to_add.len(), "lines_unchanged": unchanged}),
        });
        audit::append(c, &who.actor, &events)?;
        Ok(ImportOutcome {
            format: format.clone(),
            lines_added: to_add.len(),
            lines_unchanged: unchanged,
            notes: parsed.notes.clone(),
            import_id: Some(import_id),
        })
    })
}

// ---- transfers ------------------------------------------------------------------------

/// A proposed transfer as the form or the API sends it.
#[derive(Debug, Clone, serde::Deserialize, Serialize)]
pub struct TransferInput {
    /// Made when the form was rendered; a retry with the same id is answered with the
    /// first result.
    pub id: Uuid,
    pub kind: TransferKind,
    pub from_account: String,
    pub to_account: String,
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
fn content_hash(
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

fn transfer_event(action: &'static str, t: &TransferRow, before: Value) -> NewEvent {
    NewEvent {
        action,
        entity_type: "transfer",
        entity_id: t.id.clone(),
        before,
        after: json!({"seq": t.seq, "kind": t.kind, "debit": t.debit_account, "credit": t.credit_account,
            "amount_cents": t.amount_cents, "memo": t.memo, "decision_ref": t.decision_ref,
            "correction_of": t.correction_of, "needs_approval": t.needs_approval,
            "created_by": t.created_by}),
    }
}

fn account_kind(a: &AccountRow) -> AccountKind {
    AccountKind::parse(&a.kind).unwrap_or(AccountKind::Pool)
}

/// Money an account can still give: its posted balance minus what pending transfers
/// already promised away.
fn available(c: &mut DbConn, account: &AccountRow) -> Result<i64, ServiceError> {
    Ok(q::balance_of(c, &account.id)? - q::pending_outgoing(c, &account.id)?)
}

pub fn propose_transfer(
    conn: &mut DbConn,
    who: &Principal,
    input: &TransferInput,
) -> Result<TransferView, ServiceError> {
    who.require(Permission::ProposeTransfer)?;
    if matches!(
        input.kind,
        TransferKind::Correction | TransferKind::BudgetAllocation | TransferKind::Commitment
    ) {
        return Err(LedgerError::KindNotAllowed(
            "gebruik hiervoor de correctie, de import van de begroting of het afsluiten van een ronde",
        )
        .into());
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
        input.kind,
        &input.from_account,
        &input.to_account,
        input.amount_cents,
        &memo,
        decision_ref,
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
    let account = AccountRow {
        id: new_id(),
        kind: AccountKind::Initiative.as_str().into(),
        name: account_name.to_string(),
        budget_line_id: None,
        area_id: None,
        funder_id: None,
        created_at: repo::now(),
        initiative_id: Some(plan.id.clone()),
    };
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
    )
}

/// Money an area's pool can still give (balance minus pending transfers out of it).
pub(crate) fn pool_available(
    conn: &mut DbConn,
    area_id: &str,
) -> Result<(String, i64), ServiceError> {
    let account = q::account_of_area(conn, area_id)?.ok_or(ServiceError::NotFound("Pot"))?;
    let avail = available(conn, &account)?;
    Ok((account.id, avail))
}

pub fn propose_correction(
    conn: &mut DbConn,
    who: &Principal,
    original_id: &str,
    input: &CorrectionInput,
) -> Result<TransferView, ServiceError> {
    who.require(Permission::ProposeTransfer)?;
    let memo = input.memo.trim().to_string();
    // Replays are answered before the original is looked at again.
    let (original, _) = {
        let found = q::find_transfer(conn, original_id)?;
        found.ok_or(ServiceError::NotFound("Overboeking"))?
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
        Some(original.id.clone()),
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
) -> Result<TransferView, ServiceError> {
    let id = id.to_string();
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
        let debit = q::find_account(c, from)?
            .ok_or_else(|| ServiceError::invalid("from_account", "Kies een bron uit de lijst."))?;
        let credit = q::find_account(c, to)?.ok_or_else(|| {
            ServiceError::invalid("to_account", "Kies een bestemming uit de lijst.")
        })?;
        if debit.id == credit.id {
            return Err(LedgerError::SameAccount.into());
        }
        let (dk, ck) = (account_kind(&debit), account_kind(&credit));
        validate_basic(kind, dk, ck, amount_cents, memo, decision_ref.as_deref())?;
        if let Some(orig_id) = &correction_of {
            let (orig, decision) =
                q::find_transfer(c, orig_id)?.ok_or(ServiceError::NotFound("Overboeking"))?;
            let status = TransferStatus::derive(orig.needs_approval, decision.map(|d| d.approved));
            if status != TransferStatus::Posted {
                return Err(LedgerError::CorrectionOfUnposted.into());
            }
            if orig.kind == TransferKind::Correction.as_str() {
                return Err(LedgerError::CorrectionOfCorrection.into());
            }
            let already: i64 = q::corrections_of(c, orig_id)?
                .into_iter()
                .filter(|(t, d)| {
                    TransferStatus::derive(t.needs_approval, d.as_ref().map(|d| d.approved))
                        != TransferStatus::Rejected
                })
                .map(|(t, _)| t.amount_cents)
                .sum();
            let remaining = orig.amount_cents - already;
            if amount_cents > remaining {
                return Err(LedgerError::CorrectionTooLarge {
                    remaining_cents: remaining,
                }
                .into());
            }
        }
        if !dk.may_go_negative() {
            let avail = available(c, &debit)?;
            if amount_cents > avail {
                return Err(LedgerError::InsufficientFunds {
                    account: debit.name.clone(),
                    available_cents: avail.max(0),
                    requested_cents: amount_cents,
                }
                .into());
            }
        }
        let t = TransferRow {
            id: id.clone(),
            seq: q::next_transfer_seq(c)?,
            kind: kind.as_str().into(),
            debit_account: debit.id.clone(),
            credit_account: credit.id.clone(),
            amount_cents,
            memo: memo.to_string(),
            decision_ref: decision_ref.clone(),
            correction_of: correction_of.clone(),
            needs_approval: needs_approval(kind, dk),
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
        Err(ServiceError::Db(crate::db::DbError::Query(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        )))) => match q::find_transfer(conn, &id)? {
            Some((t, _)) if t.content_hash == hash => (t, true),
            _ => return Err(LedgerError::IdempotencyConflict.into()),
        },
        Err(e) => return Err(e),
    };
    let (row, replayed) = row;
    let mut view = transfer(conn, &row.id)?;
    view.replayed = replayed;
    Ok(view)
}

pub fn decide_transfer(
    conn: &mut DbConn,
    who: &Principal,
    id: &str,
    approve: bool,
    reason: &str,
) -> Result<TransferView, ServiceError> {
    who.require(Permission::ApproveTransfer)?;
    let reason = reason.trim().to_string();
    if !approve && reason.is_empty() {
        return Err(ServiceError::invalid(
            "reason",
            "Schrijf kort op waarom u de overboeking afwijst.",
        ));
    }
    tx::write(conn, |c| -> Result<(), ServiceError> {
        let (t, decision) =
            q::find_transfer(c, id)?.ok_or(ServiceError::NotFound("Overboeking"))?;
        if !t.needs_approval {
            return Err(LedgerError::NoApprovalNeeded.into());
        }
        if let Some(d) = decision {
            // A double click on the same button is harmless; anything else is refused.
            return if d.approved == approve && d.decided_by == who.key() {
                Ok(())
            } else {
                Err(LedgerError::AlreadyDecided.into())
            };
        }
        if t.created_by == who.key() {
            return Err(LedgerError::OwnTransfer.into());
        }
        if approve {
            let debit =
                q::find_account(c, &t.debit_account)?.ok_or(ServiceError::NotFound("Rekening"))?;
            if !account_kind(&debit).may_go_negative() {
                // The pending reservation already counts this transfer; check the posted
                // balance so that nothing can ever go below zero.
                let balance = q::balance_of(c, &debit.id)?;
                if t.amount_cents > balance {
                    return Err(LedgerError::InsufficientFunds {
                        account: debit.name.clone(),
                        available_cents: balance.max(0),
                        requested_cents: t.amount_cents,
                    }
                    .into());
                }
            }
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
                entity_id: t.id.clone(),
                before: json!({"status": "pending"}),
                after: json!({"status": if approve { "posted" } else { "rejected" }, "reason": reason}),
            }],
        )?;
        Ok(())
    })?;
    transfer(conn, id)
}

/// CSV of all transfers for spreadsheets: `;`-separated with Dutch amounts, as Excel in
/// a Dutch locale expects.
use crate::domain::nl_time;

pub fn transfers_csv(conn: &mut DbConn) -> Result<String, ServiceError> {
    let rows = list_transfers(conn)?;
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(Vec::new());
    let io = |e: csv::Error| ServiceError::Db(crate::db::DbError::Url(e.to_string()));
    w.write_record([
        "volgnummer",
        "id",
        "datum",
        "soort",
        "status",
        "van",
        "naar",
        "bedrag",
        "omschrijving",
        "raadsbesluit",
        "correctie_van",
        "ingevoerd_door",
        "beoordeeld_door",
        "beoordeeld_op",
    ])
    .map_err(io)?;
    for t in rows {
        w.write_record([
            t.seq.to_string(),
            t.id.clone(),
            nl_time::datetime_nl_text(&t.created_at),
            t.kind_label.to_string(),
            t.status.label_nl().to_string(),
            t.from_name.clone(),
            t.to_name.clone(),
            crate::domain::money::format_nl_number(t.amount_cents),
            t.memo.clone(),
            t.decision_ref.clone().unwrap_or_default(),
            t.correction_of.clone().unwrap_or_default(),
            t.created_by.clone(),
            t.decided_by.clone().unwrap_or_default(),
            t.decided_at
                .as_deref()
                .map(nl_time::datetime_nl_text)
                .unwrap_or_default(),
        ])
        .map_err(io)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| ServiceError::Db(crate::db::DbError::Url(e.to_string())))?;
    // BOM so Excel reads the file as UTF-8.
    Ok(format!("\u{feff}{}", String::from_utf8_lossy(&bytes)))
}
