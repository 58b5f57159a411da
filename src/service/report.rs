//! The council's report: per area the money that came in (budget lines with their
//! taakveld, funders), was committed to plans, paid and is left; per round counted in the
//! period the turnout, the rules and the result with its explanation. The same read model
//! feeds `rapport.html` (in the export bundle and on the council's dashboard) and the
//! dashboard's tables, so the figures can never differ between them.
//!
//! Figures come straight from the posted transfers (never from a stored balance): the
//! closing figure of an area is its pool's balance at the end of the period.

use std::collections::{BTreeMap, HashMap};

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use super::{Principal, ServiceError};
use crate::db::models::{AccountRow, AreaRow, AuditEventRow};
use crate::db::repo::report as q;
use crate::db::DbConn;
use crate::domain::ids::{AccountId, AreaId, BudgetLineId, FunderId, RoundId};
use crate::domain::ledger::{AccountKind, TransferKind};
use crate::domain::nl_time;
use crate::domain::role::Permission;
use crate::domain::round::{BallotRule, CountRule};

/// Money figures of one area (or all areas together) for a period, in cents.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Figures {
    /// In the pool when the period began.
    pub opening_cents: i64,
    /// From budget lines into the pool (corrections subtracted).
    pub in_budget_cents: i64,
    /// From funders into the pool (corrections subtracted).
    pub in_funders_cents: i64,
    /// From the pool to funded plans (corrections subtracted).
    pub committed_cents: i64,
    /// What plans gave back to the pool (committed but not needed).
    pub returned_cents: i64,
    /// Paid out of the plans' accounts.
    pub paid_cents: i64,
    /// Anything else that left the pool (kept apart so the sum always closes).
    pub other_out_cents: i64,
    /// In the pool at the end of the period: what is left.
    pub left_cents: i64,
    /// Committed to plans and not yet paid, at the end of the period.
    pub unpaid_cents: i64,
}

impl Figures {
    pub fn in_cents(&self) -> i64 {
        self.in_budget_cents + self.in_funders_cents
    }

    fn add(&mut self, o: &Figures) {
        self.opening_cents += o.opening_cents;
        self.in_budget_cents += o.in_budget_cents;
        self.in_funders_cents += o.in_funders_cents;
        self.committed_cents += o.committed_cents;
        self.returned_cents += o.returned_cents;
        self.paid_cents += o.paid_cents;
        self.other_out_cents += o.other_out_cents;
        self.left_cents += o.left_cents;
        self.unpaid_cents += o.unpaid_cents;
    }
}

/// Money from one budget line into an area's pool in the period.
#[derive(Debug, Clone, Serialize)]
pub struct BudgetSource {
    pub budget_line_id: BudgetLineId,
    pub fiscal_year: i32,
    pub code: String,
    pub name: String,
    pub taakveld: String,
    /// The taakveld's name from the CBS list ("" when the code is not in it).
    pub taakveld_name: String,
    pub amount_cents: i64,
}

/// Money from one funder into an area's pool in the period.
#[derive(Debug, Clone, Serialize)]
pub struct FunderSource {
    pub funder_id: FunderId,
    pub name: String,
    pub amount_cents: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct AreaReport {
    pub area_id: AreaId,
    pub slug: String,
    pub name: String,
    pub kind: String,
    pub pool_account: AccountId,
    pub figures: Figures,
    pub budget_sources: Vec<BudgetSource>,
    pub funder_sources: Vec<FunderSource>,
}

/// One plan in a round's result.
#[derive(Debug, Clone, Serialize)]
pub struct PlanResult {
    pub number: String,
    pub title: String,
    pub amount_cents: i64,
    pub votes: i64,
    pub funded: bool,
    /// Why it was or was not funded, in plain Dutch (from the count).
    pub explanation: String,
    /// The same step by step, for the pages to put into the reader's language.
    pub why: Vec<crate::domain::count_explanation::Why>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RoundReport {
    pub round_id: RoundId,
    pub area_name: String,
    pub title: String,
    pub year: i32,
    pub quarter: i32,
    pub closed_at: NaiveDateTime,
    /// Ballots cast (online and on paper).
    pub ballots: i64,
    /// Letters with a voting code for the area and year.
    pub codes_issued: i64,
    /// Turnout in tenths of a percent (417 = 41,7%); None when no codes were issued.
    pub turnout_per_mille: Option<i64>,
    /// The rules themselves, for the pages to put into the reader's language.
    #[serde(skip)]
    pub ballot_rule: BallotRule,
    #[serde(skip)]
    pub count_rule: CountRule,
    pub budget_cents: i64,
    pub spent_cents: i64,
    pub fingerprint: Option<String>,
    pub plans: Vec<PlanResult>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReportModel {
    pub municipality: String,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// When the report was made (UTC; shown in Dutch time).
    pub generated_at: NaiveDateTime,
    pub areas: Vec<AreaReport>,
    pub totals: Figures,
    pub rounds: Vec<RoundReport>,
}

/// The UTC bounds `[from, to)` of a period of Dutch calendar days (both days included).
pub fn period_bounds(
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> (Option<NaiveDateTime>, Option<NaiveDateTime>) {
    (
        from.map(nl_time::start_of_day_utc),
        to.and_then(|t| t.succ_opt()).map(nl_time::start_of_day_utc),
    )
}

/// Tenths of a percent, rounded half up: 10 of 24 is 417 (41,7%).
pub fn per_mille(part: i64, whole: i64) -> Option<i64> {
    (whole > 0).then(|| (part * 1000 + whole / 2) / whole)
}

/// Who belongs where: each account's area (pools and plan accounts) and kind.
struct AccountMap {
    kind: HashMap<String, AccountKind>,
    area: HashMap<String, String>,
    row: HashMap<String, AccountRow>,
}

impl AccountMap {
    fn load(conn: &mut DbConn) -> Result<AccountMap, ServiceError> {
        let plan_round: HashMap<String, String> = q::initiative_rounds(conn)?.into_iter().collect();
        let round_area: HashMap<String, String> = q::rounds(conn)?
            .into_iter()
            .map(|r| (r.id, r.area_id))
            .collect();
        let mut m = AccountMap {
            kind: HashMap::new(),
            area: HashMap::new(),
            row: HashMap::new(),
        };
        for a in q::accounts(conn)? {
            let kind = a.kind;
            let area = match kind {
                AccountKind::Pool => a.area_id.clone(),
                AccountKind::Initiative => a
                    .initiative_id
                    .as_ref()
                    .and_then(|i| plan_round.get(i))
                    .and_then(|r| round_area.get(r))
                    .cloned(),
                _ => None,
            };
            if let Some(area) = area {
                m.area.insert(a.id.to_string(), area);
            }
            m.kind.insert(a.id.to_string(), kind);
            m.row.insert(a.id.to_string(), a);
        }
        Ok(m)
    }

    fn kind(&self, id: &str) -> Option<AccountKind> {
        self.kind.get(id).copied()
    }

    fn area(&self, id: &str) -> Option<&String> {
        self.area.get(id)
    }
}

/// Builds the report for the Dutch calendar days `from` to `to` (both included; open
/// ends mean "from the beginning" and "until now"), for a caller who may read it
/// (`Operation::Report` in the permission table).
pub fn build(
    conn: &mut DbConn,
    who: &Principal,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<ReportModel, ServiceError> {
    who.require(Permission::ViewAuditReport)?;
    build_for_bundle(conn, from, to)
}

/// The report for the audit export bundle. No caller guard here: a bundle is made only by
/// whoever holds the signing key (the `audit export` command) or through [`build`]'s guard
/// on the council dashboard, and the bundle itself is public material for the council.
pub(crate) fn build_for_bundle(
    conn: &mut DbConn,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<ReportModel, ServiceError> {
    let (start, end) = period_bounds(from, to);
    let areas = q::areas(conn)?;
    let funders = q::funders(conn)?;
    let lines: HashMap<String, crate::db::models::BudgetLineRow> = q::budget_lines(conn)?
        .into_iter()
        .map(|l| (l.id.to_string(), l))
        .collect();
    let accounts = AccountMap::load(conn)?;
    let transfers = q::posted_transfers(conn)?;

    // Per area: figures and sources, keyed by the area id.
    let mut figures: HashMap<String, Figures> = HashMap::new();
    let mut budget_in: HashMap<String, BTreeMap<String, i64>> = HashMap::new();
    let mut funder_in: HashMap<String, BTreeMap<String, i64>> = HashMap::new();
    // Balance per account at the end of the period (for "unpaid" and "left").
    let mut closing: HashMap<String, i64> = HashMap::new();

    for t in &transfers {
        if end.is_some_and(|e| t.posted_at >= e) {
            continue;
        }
        let (debit, credit, amount) = (
            &t.row.debit_account,
            &t.row.credit_account,
            t.row.amount_cents,
        );
        *closing.entry(debit.to_string()).or_insert(0) -= amount;
        *closing.entry(credit.to_string()).or_insert(0) += amount;
        let before = start.is_some_and(|s| t.posted_at < s);
        let (dk, ck) = (accounts.kind(debit), accounts.kind(credit));
        // Opening balances of the pools.
        if before {
            if ck == Some(AccountKind::Pool) {
                if let Some(area) = accounts.area(credit) {
                    figures.entry(area.clone()).or_default().opening_cents += amount;
                }
            }
            if dk == Some(AccountKind::Pool) {
                if let Some(area) = accounts.area(debit) {
                    figures.entry(area.clone()).or_default().opening_cents -= amount;
                }
            }
            continue;
        }
        let is_correction = t.row.kind == TransferKind::Correction;
        // Money into or out of a pool.
        for (pool, other, sign) in [(credit, debit, 1i64), (debit, credit, -1i64)] {
            if accounts.kind(pool) != Some(AccountKind::Pool) {
                continue;
            }
            let Some(area) = accounts.area(pool).cloned() else {
                continue;
            };
            let f = figures.entry(area.clone()).or_default();
            let signed = sign * amount;
            match accounts.kind(other) {
                Some(AccountKind::BudgetLine) => {
                    f.in_budget_cents += signed;
                    let line = accounts
                        .row
                        .get(other.as_str())
                        .and_then(|a| a.budget_line_id.clone())
                        .unwrap_or_default();
                    *budget_in.entry(area).or_default().entry(line).or_insert(0) += signed;
                }
                Some(AccountKind::Funder) => {
                    f.in_funders_cents += signed;
                    let funder = accounts
                        .row
                        .get(other.as_str())
                        .and_then(|a| a.funder_id.clone())
                        .unwrap_or_default();
                    *funder_in
                        .entry(area)
                        .or_default()
                        .entry(funder)
                        .or_insert(0) += signed;
                }
                Some(AccountKind::Initiative) => {
                    // Out to a plan is a commitment; back from a plan is a correction of
                    // it, or what a finished plan did not need.
                    if sign < 0 {
                        f.committed_cents += amount;
                    } else if is_correction {
                        f.committed_cents -= amount;
                    } else {
                        f.returned_cents += amount;
                    }
                }
                _ => {
                    f.other_out_cents -= signed;
                }
            }
        }
        // Payments: out of a plan's account to anywhere but a pool (and corrections back).
        for (plan, other, sign) in [(debit, credit, 1i64), (credit, debit, -1i64)] {
            if accounts.kind(plan) != Some(AccountKind::Initiative)
                || accounts.kind(other) == Some(AccountKind::Pool)
            {
                continue;
            }
            if let Some(area) = accounts.area(plan) {
                figures.entry(area.clone()).or_default().paid_cents += sign * amount;
            }
        }
    }
    // Closing figures: the pool's balance, and what plans still hold.
    for (account, balance) in &closing {
        let Some(area) = accounts.area(account) else {
            continue;
        };
        let f = figures.entry(area.clone()).or_default();
        match accounts.kind(account) {
            Some(AccountKind::Pool) => f.left_cents += balance,
            Some(AccountKind::Initiative) => f.unpaid_cents += balance,
            _ => {}
        }
    }

    let funder_names: HashMap<String, String> = funders
        .iter()
        .map(|f| (f.id.to_string(), f.name.clone()))
        .collect();
    let pool_of_area: HashMap<&String, &String> = accounts
        .area
        .iter()
        .filter(|(acc, _)| accounts.kind(acc) == Some(AccountKind::Pool))
        .map(|(acc, area)| (area, acc))
        .collect();
    let mut totals = Figures::default();
    let mut area_reports = Vec::new();
    for a in &areas {
        let f = figures.remove(a.id.as_str()).unwrap_or_default();
        totals.add(&f);
        let budget_sources = budget_in
            .remove(a.id.as_str())
            .unwrap_or_default()
            .into_iter()
            .filter(|(_, cents)| *cents != 0)
            .map(|(line_id, cents)| {
                let line = lines.get(&line_id);
                let fiscal_year = line.map(|l| l.fiscal_year).unwrap_or_default();
                let taakveld = line.map(|l| l.taakveld.clone()).unwrap_or_default();
                BudgetSource {
                    taakveld_name: crate::domain::taakveld::lookup(fiscal_year, &taakveld)
                        .map(|t| t.name.to_string())
                        .unwrap_or_default(),
                    budget_line_id: line_id.into(),
                    fiscal_year,
                    code: line.map(|l| l.code.clone()).unwrap_or_default(),
                    name: line.map(|l| l.name.clone()).unwrap_or_default(),
                    taakveld,
                    amount_cents: cents,
                }
            })
            .collect();
        let funder_sources = funder_in
            .remove(a.id.as_str())
            .unwrap_or_default()
            .into_iter()
            .filter(|(_, cents)| *cents != 0)
            .map(|(id, cents)| FunderSource {
                name: funder_names.get(&id).cloned().unwrap_or_default(),
                funder_id: id.into(),
                amount_cents: cents,
            })
            .collect();
        area_reports.push(AreaReport {
            area_id: a.id.clone(),
            slug: a.slug.clone(),
            name: a.name.clone(),
            kind: a.kind.as_str().to_string(),
            pool_account: pool_of_area
                .get(&a.id.to_string())
                .map(|s| AccountId::from(s.as_str()))
                .unwrap_or_else(|| AccountId::from("")),
            figures: f,
            budget_sources,
            funder_sources,
        });
    }

    let rounds = round_reports(conn, &areas, start, end)?;
    let municipality = funders
        .iter()
        .find(|f| f.kind == crate::domain::kinds::FunderKind::Municipality)
        .map(|f| f.name.clone())
        .unwrap_or_else(|| "De gemeente".to_string());
    Ok(ReportModel {
        municipality,
        from,
        to,
        generated_at: crate::db::repo::now(),
        areas: area_reports,
        totals,
        rounds,
    })
}

fn round_reports(
    conn: &mut DbConn,
    areas: &[AreaRow],
    start: Option<NaiveDateTime>,
    end: Option<NaiveDateTime>,
) -> Result<Vec<RoundReport>, ServiceError> {
    let mut out = Vec::new();
    for r in q::rounds_closed_between(conn, start, end)? {
        let area_name = areas
            .iter()
            .find(|a| a.id == r.area_id)
            .map(|a| a.name.clone())
            .unwrap_or_default();
        // The kept number (one key lookup), not a count of the round's ballots.
        let ballots = crate::db::repo::rounds::ballot_count(conn, &r.id)?;
        let codes_issued = q::codes_issued(conn, &r.area_id, r.year)?;
        let (ballot_rule, count_rule) = (r.ballot_rule, r.count_rule);
        let initiatives = q::initiatives_of(conn, &r.id)?;
        let plans = r
            .result
            .as_ref()
            .map(|result| {
                result
                    .plans
                    .iter()
                    .map(|p| PlanResult {
                        title: p.title.clone().unwrap_or_else(|| {
                            initiatives
                                .iter()
                                .find(|i| i.number.to_string() == p.number)
                                .map(|i| i.title.clone())
                                .unwrap_or_default()
                        }),
                        amount_cents: p.amount_cents.unwrap_or(0),
                        votes: i64::try_from(p.votes).unwrap_or(i64::MAX),
                        funded: p.funded,
                        explanation: p.explanation.clone(),
                        why: p.why.clone(),
                        number: p.number.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        out.push(RoundReport {
            area_name,
            title: r.title.clone(),
            year: r.year,
            quarter: r.quarter,
            closed_at: r.closed_at.unwrap_or(r.created_at),
            ballots,
            codes_issued,
            turnout_per_mille: per_mille(ballots, codes_issued),
            ballot_rule,
            count_rule,
            budget_cents: r.budget_cents,
            spent_cents: r.result.as_ref().map_or(0, |res| res.spent_cents),
            fingerprint: r.fingerprint.clone(),
            plans,
            round_id: r.id.clone(),
        });
    }
    Ok(out)
}

// ---- the dashboard ---------------------------------------------------------------------

/// The council's dashboard figures: the same model as the report.
pub fn dashboard(
    conn: &mut DbConn,
    who: &Principal,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<ReportModel, ServiceError> {
    build(conn, who, from, to)
}

/// What the council filters the audit events on (all optional).
#[derive(Debug, Clone, Default)]
pub struct EventQuery {
    pub action: Option<String>,
    pub area_slug: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// 1-based.
    pub page: i64,
}

pub const EVENTS_PER_PAGE: i64 = 50;

/// One audit event as the dashboard lists it.
#[derive(Debug, Clone, Serialize)]
pub struct EventView {
    pub seq: i64,
    pub occurred_at: NaiveDateTime,
    /// The e-mail address of a staff member, else the actor key ("resident", "system").
    pub actor: String,
    pub action: String,
    pub entity_type: String,
    pub entity_id: String,
    /// The canonical leaf, byte for byte what is in the log.
    pub leaf: String,
    pub leaf_hash: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct EventsPage {
    pub events: Vec<EventView>,
    pub total: i64,
    pub page: i64,
    pub pages: i64,
    /// The kinds of event in the log (for the filter).
    pub actions: Vec<String>,
    /// (slug, name) of every area (for the filter).
    pub areas: Vec<(String, String)>,
}

/// The ids of everything that belongs to an area: the area, its rounds, their plans, the
/// transfers into and out of its pool and plan accounts, its code batches.
fn area_entity_ids(conn: &mut DbConn, area: &AreaRow) -> Result<Vec<String>, ServiceError> {
    let mut ids = vec![area.id.to_string()];
    let rounds: Vec<String> = q::rounds(conn)?
        .into_iter()
        .filter(|r| r.area_id == area.id.as_str())
        .map(|r| r.id)
        .collect();
    let plans: Vec<String> = q::initiative_rounds(conn)?
        .into_iter()
        .filter(|(_, r)| rounds.contains(r))
        .map(|(i, _)| i)
        .collect();
    let accounts = AccountMap::load(conn)?;
    for t in crate::db::repo::report::posted_transfers(conn)? {
        let mine = |a: &str| accounts.area(a).map(String::as_str) == Some(area.id.as_str());
        if mine(&t.row.debit_account) || mine(&t.row.credit_account) {
            ids.push(t.row.id.into());
        }
    }
    ids.extend(rounds);
    ids.extend(plans);
    ids.extend(q::batch_ids_of_area(conn, &area.id)?);
    Ok(ids)
}

pub fn events(
    conn: &mut DbConn,
    who: &Principal,
    query: &EventQuery,
) -> Result<EventsPage, ServiceError> {
    who.require(Permission::ViewAuditReport)?;
    let areas = q::areas(conn)?;
    let entity_ids = match query.area_slug.as_deref().filter(|s| !s.is_empty()) {
        Some(slug) => {
            let area = areas.iter().find(|a| a.slug == slug).ok_or_else(|| {
                ServiceError::refuse("gebied", crate::msg_key!("error-report-area-unknown"))
            })?;
            Some(area_entity_ids(conn, area)?)
        }
        None => None,
    };
    let (from, to) = period_bounds(query.from, query.to);
    let filter = q::EventFilter {
        action: query.action.clone().filter(|a| !a.is_empty()),
        entity_ids,
        from,
        to,
    };
    let page = query.page.max(1);
    let (rows, total) =
        q::events_page(conn, &filter, (page - 1) * EVENTS_PER_PAGE, EVENTS_PER_PAGE)?;
    let people: HashMap<String, String> = crate::db::repo::users::list(conn)?
        .into_iter()
        .map(|u| (format!("user:{}", u.id), u.email))
        .collect();
    Ok(EventsPage {
        events: rows
            .into_iter()
            .map(|e: AuditEventRow| EventView {
                actor: people.get(&e.actor).cloned().unwrap_or(e.actor),
                seq: e.seq,
                occurred_at: e.occurred_at,
                action: e.action,
                entity_type: e.entity_type,
                entity_id: e.entity_id,
                leaf: e.payload,
                leaf_hash: e.leaf_hash,
            })
            .collect(),
        total,
        page,
        pages: ((total + EVENTS_PER_PAGE - 1) / EVENTS_PER_PAGE).max(1),
        actions: q::event_actions(conn)?,
        areas: areas.into_iter().map(|a| (a.slug, a.name)).collect(),
    })
}
