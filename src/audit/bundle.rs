//! The export bundle's contents that follow from the events alone: the replay of every
//! transfer (balances, invariants), the three ledger CSV files and the per-round facts.
//! The exporter writes the CSV files with these functions and both verifiers recompute
//! them from `events.jsonl`, so a bundle is only accepted when its files say exactly what
//! the signed log says. docs/audit-export.md specifies every rule here.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use serde_json::Value;
use sha2::{Digest, Sha256};

pub const FORMAT: &str = "burgerbegroting-audit-bundle";
pub const FORMAT_VERSION: u64 = 1;
pub const MANIFEST: &str = "manifest.json";
pub const MANIFEST_SIG: &str = "manifest.sig";
pub const MANIFEST_NOTE_HEADER: &str = "burgerbegroting.nl/audit-bundle@v1";
pub const CHECKPOINT: &str = "checkpoint.txt";
pub const KEY: &str = "key.pub";
pub const EVENTS: &str = "events.jsonl";
pub const PREVIOUS_CHECKPOINT: &str = "previous/checkpoint.txt";
pub const CONSISTENCY: &str = "previous/consistency-proof.txt";
pub const TRANSFERS: &str = "ledger/transfers.csv";
pub const BALANCES: &str = "ledger/balances.csv";
pub const BUDGET_LINES: &str = "ledger/budget_lines.csv";
pub const REPORT: &str = "rapport.html";

/// The first thing that does not hold, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub file: String,
    /// 1-based line, when the problem has one.
    pub line: Option<u64>,
    pub nl: String,
    pub en: String,
}

impl Failure {
    pub fn new(
        file: &str,
        line: Option<u64>,
        nl: impl Into<String>,
        en: impl Into<String>,
    ) -> Self {
        Failure {
            file: file.to_string(),
            line,
            nl: nl.into(),
            en: en.into(),
        }
    }
}

/// The signed-note text that `manifest.sig` signs.
pub fn manifest_note(manifest_bytes: &[u8]) -> String {
    format!(
        "{MANIFEST_NOTE_HEADER}\nsha256 {}\n",
        hex::encode(Sha256::digest(manifest_bytes))
    )
}

/// An inclusive date range; None on either side is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Period {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl Period {
    pub fn before(&self, d: NaiveDate) -> bool {
        self.from.is_some_and(|f| d < f)
    }
    pub fn contains(&self, d: NaiveDate) -> bool {
        !self.before(d) && self.to.is_none_or(|t| d <= t)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub id: String,
    pub kind: &'static str,
    pub name: String,
    /// Order of appearance in the log.
    pub order: usize,
}

/// Money that moved: a transfer posted at once (`transfer.posted`) or approved later
/// (`transfer.approved`), dated by that event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Movement {
    pub event_seq: u64,
    pub at: String,
    pub date: NaiveDate,
    pub transfer: String,
    pub kind: String,
    pub debit: String,
    pub credit: String,
    pub amount_cents: i64,
    pub memo: String,
    pub decision_ref: String,
    pub correction_of: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BudgetLine {
    pub id: String,
    pub fiscal_year: i64,
    pub code: String,
    pub name: String,
    pub taakveld: String,
    pub funder: String,
    pub amount_cents: i64,
    pub account: String,
}

/// A round as the log tells it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RoundFacts {
    pub id: String,
    /// The frozen rules text (`round.voting_opened` after.rules, compact, sorted keys).
    pub rules_text: Option<String>,
    pub fingerprint: Option<String>,
    /// (tracker, chosen initiative ids) of every `ballot.cast`, in log order.
    pub ballots: Vec<(String, Vec<String>)>,
    pub closed: Option<Closed>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Closed {
    pub event_seq: u64,
    pub date: NaiveDate,
    pub ballots: u64,
    pub pb_sha256: String,
    pub selected: Vec<String>,
    pub spent_cents: i64,
}

/// Everything the replay derived.
#[derive(Debug, Default)]
pub struct Replay {
    pub accounts: HashMap<String, Account>,
    pub movements: Vec<Movement>,
    pub budget_lines: Vec<BudgetLine>,
    pub rounds: BTreeMap<String, RoundFacts>,
    pub balances: HashMap<String, i64>,
    pending: HashMap<String, Value>,
    transfers_seen: HashSet<String>,
}

fn s(v: &Value) -> String {
    match v {
        Value::String(x) => x.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn fail(line: u64, nl: String, en: String) -> Failure {
    Failure::new(EVENTS, Some(line), nl, en)
}

impl Replay {
    /// Feeds one event (already checked to be line `seq` of events.jsonl).
    pub fn apply(&mut self, seq: u64, ev: &Value) -> Result<(), Failure> {
        let action = ev["action"].as_str().unwrap_or("");
        let after = &ev["after"];
        let id = s(&ev["entity"]["id"]);
        let at = s(&ev["at"]);
        let date = at
            .get(..10)
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .ok_or_else(|| {
                fail(
                    seq,
                    "het tijdstip 'at' is onleesbaar".into(),
                    "the time 'at' is unreadable".into(),
                )
            })?;
        match action {
            "funder.created" => self.account(&s(&after["account"]), "funder", s(&after["name"])),
            "area.created" => self.account(
                &s(&after["pool_account"]),
                "pool",
                format!("Pot {}", s(&after["name"])),
            ),
            "budget_line.imported" => {
                let account = s(&after["account"]);
                let line = BudgetLine {
                    id: id.clone(),
                    fiscal_year: after["fiscal_year"].as_i64().unwrap_or(0),
                    code: s(&after["code"]),
                    name: s(&after["name"]),
                    taakveld: s(&after["taakveld"]),
                    funder: s(&after["funder"]),
                    amount_cents: after["amount_cents"].as_i64().unwrap_or(0),
                    account: account.clone(),
                };
                self.account(
                    &account,
                    "budget_line",
                    format!("{} {} {}", line.fiscal_year, line.code, line.name),
                );
                self.budget_lines.push(line);
            }
            "transfer.posted" => self.post(seq, &at, date, &id, after)?,
            "transfer.proposed" => {
                self.new_transfer(seq, &id, after)?;
                self.pending.insert(id, after.clone());
            }
            "transfer.approved" => {
                let proposal = self.pending.remove(&id).ok_or_else(|| {
                    fail(
                        seq,
                        format!("overboeking {id} wordt goedgekeurd maar was niet voorgesteld"),
                        format!("transfer {id} is approved but was never proposed"),
                    )
                })?;
                self.move_money(seq, &at, date, &id, &proposal)?;
            }
            "transfer.rejected" => {
                self.pending.remove(&id).ok_or_else(|| {
                    fail(
                        seq,
                        format!("overboeking {id} wordt afgewezen maar was niet voorgesteld"),
                        format!("transfer {id} is rejected but was never proposed"),
                    )
                })?;
            }
            "round.voting_opened" => {
                let text = after["rules"].to_string();
                let fp = s(&after["fingerprint"]);
                if hex::encode(Sha256::digest(text.as_bytes())) != fp {
                    return Err(fail(
                        seq,
                        format!("de vingerafdruk van de regels van ronde {id} klopt niet"),
                        format!("the rules fingerprint of round {id} does not match"),
                    ));
                }
                let r = self.round(&id);
                r.rules_text = Some(text);
                r.fingerprint = Some(fp);
            }
            "ballot.cast" => {
                let choices = after["choices"]
                    .as_array()
                    .map(|a| a.iter().map(s).collect())
                    .unwrap_or_default();
                let tracker = s(&after["tracker"]);
                self.round(&id).ballots.push((tracker, choices));
            }
            "round.closed" => {
                let closed = Closed {
                    event_seq: seq,
                    date,
                    ballots: after["ballots"].as_u64().unwrap_or(0),
                    pb_sha256: s(&after["ballots_pb_sha256"]),
                    selected: after["selected"]
                        .as_array()
                        .map(|a| a.iter().map(s).collect())
                        .unwrap_or_default(),
                    spent_cents: after["spent_cents"].as_i64().unwrap_or(0),
                };
                self.round(&id).closed = Some(closed);
            }
            _ => {}
        }
        Ok(())
    }

    fn round(&mut self, id: &str) -> &mut RoundFacts {
        self.rounds
            .entry(id.to_string())
            .or_insert_with(|| RoundFacts {
                id: id.to_string(),
                ..RoundFacts::default()
            })
    }

    fn account(&mut self, id: &str, kind: &'static str, name: String) {
        let order = self.accounts.len();
        self.accounts.entry(id.to_string()).or_insert(Account {
            id: id.to_string(),
            kind,
            name,
            order,
        });
    }

    fn new_transfer(&mut self, seq: u64, id: &str, after: &Value) -> Result<(), Failure> {
        if !self.transfers_seen.insert(id.to_string()) {
            return Err(fail(
                seq,
                format!("overboeking {id} komt twee keer voor"),
                format!("transfer {id} appears twice"),
            ));
        }
        let corr = s(&after["correction_of"]);
        if !corr.is_empty() && (corr == id || !self.transfers_seen.contains(&corr)) {
            return Err(fail(
                seq,
                format!("correctie {id} verwijst naar {corr}, dat geen eerdere overboeking is"),
                format!("correction {id} refers to {corr}, which is not an earlier transfer"),
            ));
        }
        Ok(())
    }

    fn post(
        &mut self,
        seq: u64,
        at: &str,
        date: NaiveDate,
        id: &str,
        after: &Value,
    ) -> Result<(), Failure> {
        self.new_transfer(seq, id, after)?;
        self.move_money(seq, at, date, id, after)
    }

    fn move_money(
        &mut self,
        seq: u64,
        at: &str,
        date: NaiveDate,
        id: &str,
        t: &Value,
    ) -> Result<(), Failure> {
        let m = Movement {
            event_seq: seq,
            at: at.to_string(),
            date,
            transfer: id.to_string(),
            kind: s(&t["kind"]),
            debit: s(&t["debit"]),
            credit: s(&t["credit"]),
            amount_cents: t["amount_cents"].as_i64().unwrap_or(0),
            memo: s(&t["memo"]),
            decision_ref: s(&t["decision_ref"]),
            correction_of: s(&t["correction_of"]),
        };
        if m.amount_cents <= 0 {
            return Err(fail(
                seq,
                format!("overboeking {id} heeft geen positief bedrag"),
                format!("transfer {id} does not have a positive amount"),
            ));
        }
        if m.debit == m.credit {
            return Err(fail(
                seq,
                format!("overboeking {id} gaat naar de eigen rekening"),
                format!("transfer {id} goes to its own account"),
            ));
        }
        if m.kind == "commitment" && !self.accounts.contains_key(&m.credit) {
            self.account(&m.credit, "initiative", m.memo.clone());
        }
        // A plan's paid-out account is made by its first payment (docs/ledger.md).
        if m.kind == "payment" && !self.accounts.contains_key(&m.credit) {
            self.account(&m.credit, "paid_out", m.memo.clone());
        }
        for acc in [&m.debit, &m.credit] {
            if !self.accounts.contains_key(acc.as_str()) {
                return Err(fail(
                    seq,
                    format!("overboeking {id} gebruikt rekening {acc}, die nergens is aangemaakt"),
                    format!("transfer {id} uses account {acc}, which was never created"),
                ));
            }
        }
        *self.balances.entry(m.credit.clone()).or_insert(0) += m.amount_cents;
        let debit_balance = {
            let b = self.balances.entry(m.debit.clone()).or_insert(0);
            *b -= m.amount_cents;
            *b
        };
        let debit_kind = self.accounts.get(&m.debit).map(|a| a.kind).unwrap_or("");
        if debit_kind != "funder" && debit_balance < 0 {
            return Err(fail(
                seq,
                format!("na overboeking {id} staat rekening {} onder nul", m.debit),
                format!("after transfer {id} account {} is below zero", m.debit),
            ));
        }
        self.movements.push(m);
        Ok(())
    }

    /// End-of-log checks: the balances sum to zero (money is only moved, never made).
    pub fn finish(&self, last_line: u64) -> Result<(), Failure> {
        let total: i64 = self.balances.values().sum();
        if total != 0 {
            return Err(fail(
                last_line,
                format!("de saldi tellen op tot {total} cent in plaats van 0"),
                format!("the balances add up to {total} cents instead of 0"),
            ));
        }
        Ok(())
    }

    /// Accounts in log order.
    pub fn accounts_in_order(&self) -> Vec<&Account> {
        let mut v: Vec<&Account> = self.accounts.values().collect();
        v.sort_by_key(|a| a.order);
        v
    }

    /// Rounds closed inside the period, in the order they closed.
    pub fn closed_rounds(&self, period: Period) -> Vec<&RoundFacts> {
        let mut v: Vec<&RoundFacts> = self
            .rounds
            .values()
            .filter(|r| r.closed.as_ref().is_some_and(|c| period.contains(c.date)))
            .collect();
        v.sort_by_key(|r| r.closed.as_ref().map(|c| c.event_seq));
        v
    }
}

// ---- CSV ------------------------------------------------------------------------------

/// Cents as euros with a decimal comma and two decimals, no thousands separator.
pub fn eur(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let a = cents.unsigned_abs();
    format!("{sign}{},{:02}", a / 100, a % 100)
}

/// A text cell that a spreadsheet would read as a formula gets a leading apostrophe.
/// (Written here because no shared helper for this is on main yet.)
pub fn neutralise(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

fn quote(cell: &str) -> String {
    if cell.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_string()
    }
}

/// Text cell: neutralised, then quoted when needed.
fn t(cell: &str) -> String {
    quote(&neutralise(cell))
}

fn csv(header: &[&str], rows: Vec<Vec<String>>) -> String {
    let mut out = String::from("\u{feff}");
    out.push_str(&header.join(";"));
    out.push_str("\r\n");
    for r in rows {
        out.push_str(&r.join(";"));
        out.push_str("\r\n");
    }
    out
}

fn name_of(r: &Replay, id: &str) -> String {
    r.accounts
        .get(id)
        .map(|a| a.name.clone())
        .unwrap_or_default()
}

pub fn transfers_csv(r: &Replay, period: Period) -> String {
    let rows = r
        .movements
        .iter()
        .filter(|m| period.contains(m.date))
        .map(|m| {
            vec![
                m.event_seq.to_string(),
                t(&m.at),
                t(&m.transfer),
                t(&m.kind),
                t(&m.debit),
                t(&name_of(r, &m.debit)),
                t(&m.credit),
                t(&name_of(r, &m.credit)),
                eur(m.amount_cents),
                t(&m.memo),
                t(&m.decision_ref),
                t(&m.correction_of),
            ]
        })
        .collect();
    csv(
        &[
            "event_seq",
            "posted_at",
            "transfer_id",
            "kind",
            "from_account",
            "from_name",
            "to_account",
            "to_name",
            "amount_eur",
            "memo",
            "decision_ref",
            "correction_of",
        ],
        rows,
    )
}

/// (opening, in, out, closing) per account for the period.
pub fn period_balances(r: &Replay, period: Period) -> HashMap<String, (i64, i64, i64, i64)> {
    let mut out: HashMap<String, (i64, i64, i64, i64)> = r
        .accounts
        .keys()
        .map(|k| (k.clone(), (0, 0, 0, 0)))
        .collect();
    for m in &r.movements {
        if period.to.is_some_and(|to| m.date > to) {
            continue;
        }
        let before = period.before(m.date);
        if let Some(e) = out.get_mut(&m.credit) {
            if before {
                e.0 += m.amount_cents;
            } else {
                e.1 += m.amount_cents;
            }
        }
        if let Some(e) = out.get_mut(&m.debit) {
            if before {
                e.0 -= m.amount_cents;
            } else {
                e.2 += m.amount_cents;
            }
        }
    }
    for e in out.values_mut() {
        e.3 = e.0 + e.1 - e.2;
    }
    out
}

pub fn balances_csv(r: &Replay, period: Period) -> String {
    let b = period_balances(r, period);
    let rows = r
        .accounts_in_order()
        .into_iter()
        .map(|a| {
            let (o, i, u, c) = b.get(&a.id).copied().unwrap_or_default();
            vec![
                t(&a.id),
                t(a.kind),
                t(&a.name),
                eur(o),
                eur(i),
                eur(u),
                eur(c),
            ]
        })
        .collect();
    csv(
        &[
            "account_id",
            "kind",
            "name",
            "opening_eur",
            "in_eur",
            "out_eur",
            "closing_eur",
        ],
        rows,
    )
}

pub fn budget_lines_csv(r: &Replay, period: Period) -> String {
    let b = period_balances(r, period);
    let rows = r
        .budget_lines
        .iter()
        .map(|l| {
            vec![
                t(&l.id),
                l.fiscal_year.to_string(),
                t(&l.code),
                t(&l.name),
                t(&l.taakveld),
                t(&l.funder),
                eur(l.amount_cents),
                t(&l.account),
                eur(b.get(&l.account).map(|x| x.3).unwrap_or(0)),
            ]
        })
        .collect();
    csv(
        &[
            "budget_line_id",
            "fiscal_year",
            "code",
            "name",
            "taakveld",
            "funder",
            "amount_eur",
            "account_id",
            "closing_balance_eur",
        ],
        rows,
    )
}

/// Path of a round's files inside the bundle.
pub fn round_dir(round_id: &str) -> String {
    format!("rounds/{round_id}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_and_cells_are_spreadsheet_safe() {
        assert_eq!(eur(123456), "1234,56");
        assert_eq!(eur(-5), "-0,05");
        assert_eq!(eur(0), "0,00");
        assert_eq!(t("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(t("-1"), "'-1");
        assert_eq!(t("a;b"), "\"a;b\"");
        assert_eq!(t("zeg \"hoi\""), "\"zeg \"\"hoi\"\"\"");
        assert_eq!(t("x;\"y\""), "\"x;\"\"y\"\"\"");
        assert_eq!(t("@x\r\n"), "\"'@x\r\n\"");
    }
}
