//! The public page of a village (or neighbourhood): the pool's balance, where its money
//! came from and where it went per calendar year (Dutch days) with the carry-over from the
//! year before, the rounds of each year with their turnout, and the funded plans. Read
//! from the posted transfers only; nothing here writes.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::Datelike;

use super::plans;
use crate::db::models::{AccountRow, AreaRow};
use crate::db::repo::{ledger as lq, report as rep, rounds as rq};
use crate::db::DbConn;
use crate::domain::ids::{AccountId, BudgetLineId, FunderId, PlanId, RoundId};
use crate::domain::ledger::{AccountKind, TransferKind};
use crate::domain::nl_time;
use crate::domain::permissions::Operation;
use crate::domain::plan_money::PlanMoney;
use crate::domain::plan_standing::Standing;
use crate::domain::round::RoundStatus;
use crate::domain::taakveld;
use crate::service::{Principal, ServiceError};

/// Money from one budget line in one year.
#[derive(Debug, Clone)]
pub struct LineIn {
    pub code: String,
    /// The line's own name in the municipal budget (e.g. "Openbaar groen").
    pub name: String,
    pub taakveld: String,
    /// The official name of the taakveld in the line's year, when known.
    pub taakveld_name: Option<&'static str>,
    pub cents: i64,
}

#[derive(Debug, Clone)]
pub struct FunderIn {
    pub name: String,
    pub cents: i64,
}

#[derive(Debug, Clone)]
pub struct RoundTurnout {
    pub id: RoundId,
    pub title: String,
    pub quarter: i32,
    pub status: RoundStatus,
    pub ballots: i64,
    pub codes_issued: i64,
    /// Ballots per thousand codes issued (`None` without codes).
    pub turnout_per_mille: Option<i64>,
}

/// Money held in the pool without moving it: a round's reservation or an earmark.
#[derive(Debug, Clone)]
pub struct HoldLine {
    /// True for a round's reservation, false for the coordinator's earmark.
    pub reservation: bool,
    /// The earmark's reason, or the round's name for a reservation.
    pub reason: String,
    pub round_id: Option<String>,
    pub cents: i64,
}

#[derive(Debug, Clone)]
pub struct PlanLine {
    pub plan_id: PlanId,
    pub number: i32,
    pub title: String,
    pub money: PlanMoney,
    pub done: bool,
}

/// Every plan of the year's rounds, funded or not, with where it stands.
#[derive(Debug, Clone)]
pub struct PlanStanding {
    pub plan_id: PlanId,
    pub number: i32,
    pub title: String,
    pub round_title: String,
    /// From the review and, once counted, the result.
    pub standing: Standing,
    /// The round was annulled by the steering group: nothing in it was funded.
    pub round_annulled: bool,
    /// A funded plan whose initiator or coordinator reported it done.
    pub done: bool,
}

#[derive(Debug, Clone, Default)]
pub struct YearView {
    pub year: i32,
    /// The pool's balance on 1 January (what the year before left).
    pub carried_over_cents: i64,
    pub budget_lines: Vec<LineIn>,
    pub funders: Vec<FunderIn>,
    pub committed_cents: i64,
    pub paid_cents: i64,
    pub returned_cents: i64,
    /// The pool's balance at the end of the year (or now, for this year).
    pub closing_cents: i64,
    pub rounds: Vec<RoundTurnout>,
    /// Every plan of the year's rounds (handed in, on the ballot, rejected, chosen...).
    pub all_plans: Vec<PlanStanding>,
    /// The funded plans with their money.
    pub plans: Vec<PlanLine>,
    /// The holds made in this year that still hold money.
    pub holds: Vec<HoldLine>,
}

impl YearView {
    pub fn reserved_cents(&self) -> i64 {
        self.holds
            .iter()
            .filter(|h| h.reservation)
            .map(|h| h.cents)
            .sum()
    }

    pub fn earmarked_cents(&self) -> i64 {
        self.holds
            .iter()
            .filter(|h| !h.reservation)
            .map(|h| h.cents)
            .sum()
    }

    pub fn in_cents(&self) -> i64 {
        self.budget_lines.iter().map(|l| l.cents).sum::<i64>()
            + self.funders.iter().map(|f| f.cents).sum::<i64>()
    }
}

#[derive(Debug, Clone)]
pub struct VillageView {
    pub name: String,
    pub slug: String,
    pub kind: String,
    pub description: String,
    pub balance_cents: i64,
    /// Reserved for rounds in which voting is open or that are counted.
    pub reserved_cents: i64,
    /// Put apart by the coordinator, with a reason.
    pub earmarked_cents: i64,
    /// Promised away by transfers that wait for a second finance user.
    pub pending_out_cents: i64,
    /// What new rounds can still use.
    pub available_cents: i64,
    /// Every open hold, oldest first.
    pub holds: Vec<HoldLine>,
    /// Newest year first.
    pub years: Vec<YearView>,
}

#[derive(Debug, Clone)]
pub struct VillageLink {
    pub name: String,
    pub slug: String,
    pub balance_cents: i64,
}

/// Every area with its pool's balance, for the list of villages.
pub fn villages(conn: &mut DbConn, who: &Principal) -> Result<Vec<VillageLink>, ServiceError> {
    who.may(Operation::VillagePage)?;
    let balances = lq::balances(conn)?;
    let mut out = Vec::new();
    for a in lq::list_areas(conn)? {
        let balance_cents = lq::account_of_area(conn, &a.id)?
            .and_then(|p| balances.get(p.id.as_str()).copied())
            .unwrap_or(0);
        out.push(VillageLink {
            name: a.name,
            slug: a.slug,
            balance_cents,
        });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// Which year a posted transfer belongs to: its Dutch calendar day.
fn year_of(at: chrono::NaiveDateTime) -> i32 {
    nl_time::to_local(at).year()
}

pub fn village(
    conn: &mut DbConn,
    who: &Principal,
    slug: &str,
) -> Result<VillageView, ServiceError> {
    who.may(Operation::VillagePage)?;
    let area: AreaRow = lq::find_area_by_slug(conn, slug)?.ok_or(ServiceError::NotFound(
        crate::msg_key!("error-missing-village"),
    ))?;
    let pool = lq::account_of_area(conn, &area.id)?.ok_or(ServiceError::NotFound(
        crate::msg_key!("error-missing-pool"),
    ))?;
    let accounts: HashMap<AccountId, AccountRow> = rep::accounts(conn)?
        .into_iter()
        .map(|a| (a.id.clone(), a))
        .collect();
    let lines: HashMap<BudgetLineId, crate::db::models::BudgetLineRow> = rep::budget_lines(conn)?
        .into_iter()
        .map(|l| (l.id.clone(), l))
        .collect();
    let funder_names: HashMap<FunderId, String> = rep::funders(conn)?
        .into_iter()
        .map(|f| (f.id, f.name))
        .collect();
    let rounds = rq::rounds_of_area(conn, &area.id)?;
    let mut plan_ids: HashSet<String> = HashSet::new();
    let mut plans_by_round = HashMap::new();
    for r in &rounds {
        let ps = rq::initiatives_of(conn, &r.id)?;
        plan_ids.extend(ps.iter().map(|p| p.id.0.clone()));
        plans_by_round.insert(r.id.0.clone(), ps);
    }
    // The area's plan accounts (committed money) by account id.
    let plan_accounts: HashSet<&str> = accounts
        .values()
        .filter(|a| {
            a.kind == AccountKind::Initiative
                && a.initiative_id
                    .as_ref()
                    .is_some_and(|i| plan_ids.contains(i))
        })
        .map(|a| a.id.as_str())
        .collect();
    let kind = |id: &str| accounts.get(id).map(|a| a.kind);

    let now_year = year_of(crate::db::repo::now());
    let mut years: BTreeMap<i32, YearView> = BTreeMap::new();
    let mut line_in: BTreeMap<(i32, String), i64> = BTreeMap::new();
    let mut funder_in: BTreeMap<(i32, String), i64> = BTreeMap::new();
    let mut pool_delta: BTreeMap<i32, i64> = BTreeMap::new();
    let mut balance = 0i64;
    for t in rep::posted_transfers(conn)? {
        let y = year_of(t.posted_at);
        let row = &t.row;
        let a = row.amount_cents;
        for (is_credit, other) in [(true, &row.debit_account), (false, &row.credit_account)] {
            let pool_side = if is_credit {
                &row.credit_account
            } else {
                &row.debit_account
            };
            if *pool_side != pool.id {
                continue;
            }
            let sign = if is_credit { 1 } else { -1 };
            balance += sign * a;
            *pool_delta.entry(y).or_insert(0) += sign * a;
            let yv = years.entry(y).or_default();
            match kind(other) {
                Some(AccountKind::BudgetLine) => {
                    let line = accounts
                        .get(other)
                        .and_then(|acc| acc.budget_line_id.clone())
                        .unwrap_or_default();
                    *line_in.entry((y, line)).or_insert(0) += sign * a;
                }
                Some(AccountKind::Funder) => {
                    let funder = accounts
                        .get(other)
                        .and_then(|acc| acc.funder_id.clone())
                        .unwrap_or_default();
                    *funder_in.entry((y, funder)).or_insert(0) += sign * a;
                }
                Some(AccountKind::Initiative) => match (is_credit, row.kind) {
                    (false, _) => yv.committed_cents += a,
                    (true, TransferKind::Return) => yv.returned_cents += a,
                    // A correction of a commitment gives the money back: less committed.
                    (true, _) => yv.committed_cents -= a,
                },
                _ => {}
            }
        }
        // Paid: out of one of the area's plan accounts to its paid-out account (and a
        // correction of a payment back).
        if plan_accounts.contains(row.debit_account.as_str())
            && kind(&row.credit_account) == Some(AccountKind::PaidOut)
        {
            years.entry(y).or_default().paid_cents += a;
        }
        if plan_accounts.contains(row.credit_account.as_str())
            && kind(&row.debit_account) == Some(AccountKind::PaidOut)
        {
            years.entry(y).or_default().paid_cents -= a;
        }
    }
    for r in &rounds {
        years.entry(r.year).or_default();
    }
    years.entry(now_year).or_default();
    for ((y, line_id), cents) in line_in {
        if cents == 0 {
            continue;
        }
        let line = lines.get(line_id.as_str());
        years.entry(y).or_default().budget_lines.push(LineIn {
            code: line.map(|l| l.code.clone()).unwrap_or_default(),
            name: line.map(|l| l.name.clone()).unwrap_or_default(),
            taakveld: line.map(|l| l.taakveld.clone()).unwrap_or_default(),
            taakveld_name: line
                .and_then(|l| taakveld::lookup(l.fiscal_year, &l.taakveld))
                .map(|t| t.name),
            cents,
        });
    }
    for ((y, funder_id), cents) in funder_in {
        if cents == 0 {
            continue;
        }
        years.entry(y).or_default().funders.push(FunderIn {
            name: funder_names
                .get(funder_id.as_str())
                .cloned()
                .unwrap_or_default(),
            cents,
        });
    }
    let held = crate::service::pool_holds::pool_money_of_area(conn, &area)?;
    let mut holds = Vec::new();
    for h in &held.holds {
        let line = HoldLine {
            reservation: h.kind == crate::db::repo::holds::RESERVATION,
            reason: h.reason.clone(),
            round_id: h.round_id.clone(),
            cents: h.amount_cents,
        };
        years
            .entry(year_of(h.created_at))
            .or_default()
            .holds
            .push(line.clone());
        holds.push(line);
    }
    // Carry-over: everything posted before the year; the closing balance adds the year.
    let mut running = 0i64;
    for (y, yv) in years.iter_mut() {
        yv.year = *y;
        yv.carried_over_cents = running;
        running += pool_delta.get(y).copied().unwrap_or(0);
        yv.closing_cents = running;
    }
    // In the order of the year, so the plans list reads round by round.
    let mut in_order: Vec<&crate::domain::round::Round> = rounds.iter().collect();
    in_order.sort_by_key(|r| (r.year, r.quarter));
    for r in in_order {
        // The kept number (one key lookup): a page never counts a round's ballots.
        let ballots = rq::ballot_count(conn, &r.id)?;
        let codes_issued = rep::codes_issued(conn, &area.id, r.year)?;
        let yv = years.entry(r.year).or_default();
        yv.rounds.push(RoundTurnout {
            id: r.id.clone(),
            title: r.title.clone(),
            quarter: r.quarter,
            status: r.status,
            ballots,
            codes_issued,
            turnout_per_mille: crate::service::report::per_mille(ballots, codes_issued),
        });
        for p in plans_by_round.get(&r.id.0).into_iter().flatten() {
            let ctx_account = crate::db::repo::plan_money::account_of_plan(
                conn,
                &p.id.0,
                AccountKind::Initiative,
            )?;
            let mut done = false;
            if let Some(acc) = ctx_account {
                let money = plans::money_of(conn, &acc)?;
                done = crate::db::repo::plan_money::is_done(conn, &p.id.0)?;
                yv.plans.push(PlanLine {
                    plan_id: p.id.clone(),
                    number: p.number,
                    title: p.title.clone(),
                    money,
                    done,
                });
            }
            yv.all_plans.push(PlanStanding {
                plan_id: p.id.clone(),
                number: p.number,
                title: p.title.clone(),
                round_title: r.title.clone(),
                standing: Standing::of(&p.id, p.status, r.result.as_ref()),
                round_annulled: r.status == RoundStatus::Annulled,
                done,
            });
        }
    }
    for (y, yv) in years.iter_mut() {
        yv.year = *y;
        yv.rounds.sort_by_key(|r| r.quarter);
    }
    Ok(VillageView {
        name: area.name,
        slug: area.slug,
        kind: area.kind.into(),
        description: area.description,
        balance_cents: balance,
        reserved_cents: held.reserved_cents,
        earmarked_cents: held.earmarked_cents,
        pending_out_cents: held.pending_out_cents,
        available_cents: held.available_cents,
        holds,
        years: years.into_values().rev().collect(),
    })
}
