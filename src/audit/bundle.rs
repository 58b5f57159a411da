//! The export bundle's contents that follow from the events alone: the replay of every
//! transfer (balances, invariants), the three ledger CSV files and the per-round facts.
//! The exporter writes the CSV files with these functions and both verifiers recompute
//! them from `events.jsonl`, so a bundle is only accepted when its files say exactly what
//! the signed log says. docs/audit-export.md specifies every rule here.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;

use super::leaf::{self, Obj, Raw};
use sha2::{Digest, Sha256};

pub const FORMAT: &str = "burgerbegroting-audit-bundle";
pub const FORMAT_VERSION: u64 = 1;
pub const MANIFEST: &str = "manifest.json";
pub const MANIFEST_SIG: &str = "manifest.sig";
pub const MANIFEST_NOTE_HEADER: &str = "burgerbegroting.nl/audit-bundle@v1";
pub const CHECKPOINT: &str = "checkpoint.txt";
pub const KEY: &str = "key.pub";
pub const EVENTS: &str = "events.jsonl";
/// The leaf hash of every line of `events.jsonl`, one lower-case hex line each: signed
/// through the manifest, so a changed event can be named by its line, not only its file.
pub const LEAF_HASHES: &str = "leaf_hashes.txt";
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

/// The Dutch calendar day (Europe/Amsterdam, `domain::nl_time`) of an event's `at`: its
/// first 19 characters are the UTC moment `YYYY-MM-DDTHH:MM:SS`. The period of a bundle is
/// made of these days, as the report's is: 23:30 UTC on 31 March is 1 April.
pub fn dutch_date(at: &str) -> Option<NaiveDate> {
    let utc = chrono::NaiveDateTime::parse_from_str(at.get(..19)?, "%Y-%m-%dT%H:%M:%S").ok()?;
    Some(crate::domain::nl_time::to_local(utc).date())
}

/// An inclusive range of Dutch calendar days; None on either side is open.
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
/// (`transfer.approved`), dated by that event (its Dutch calendar day, [`dutch_date`]).
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
    /// Proposed transfers waiting for a decision: the `after` text of their event.
    pending: HashMap<String, String>,
    transfers_seen: HashSet<String>,
}

/// A field of an object as the replay reads text (docs/audit-export.md §3.1): a string's
/// text, "" for null or missing, anything else as its JSON text.
fn s(obj: Option<&Obj<'_>>, key: &str) -> String {
    leaf::text(obj.and_then(|o| o.get(key))).into_owned()
}

fn int(obj: Option<&Obj<'_>>, key: &str) -> Option<i64> {
    obj.and_then(|o| o.get(key)).and_then(|v| v.as_i64())
}

/// An array field as texts (empty when it is no array).
fn texts(obj: Option<&Obj<'_>>, key: &str) -> Vec<String> {
    obj.and_then(|o| o.get(key))
        .and_then(|v| v.items())
        .map(|a| {
            a.into_iter()
                .map(|x| leaf::text(Some(x)).into_owned())
                .collect()
        })
        .unwrap_or_default()
}

fn fail(line: u64, nl: String, en: String) -> Failure {
    Failure::new(EVENTS, Some(line), nl, en)
}

impl Replay {
    /// Feeds one event: line `seq` of events.jsonl, already checked to be canonical
    /// ([`leaf::is_canonical`]) with that `seq`.
    pub fn apply(&mut self, seq: u64, ev: &Obj<'_>) -> Result<(), Failure> {
        let action = ev
            .get("action")
            .and_then(|a| a.as_str())
            .unwrap_or_default();
        let after_obj = ev.get("after").and_then(|a| a.object());
        let after = after_obj.as_ref();
        let id = s(ev.get("entity").and_then(|e| e.object()).as_ref(), "id");
        let at = s(Some(ev), "at");
        let date = dutch_date(&at).ok_or_else(|| {
            fail(
                seq,
                "het tijdstip 'at' is onleesbaar".into(),
                "the time 'at' is unreadable".into(),
            )
        })?;
        match action.as_ref() {
            "funder.created" => self.account(&s(after, "account"), "funder", s(after, "name")),
            "area.created" => self.account(
                &s(after, "pool_account"),
                "pool",
                format!("Pot {}", s(after, "name")),
            ),
            "budget_line.imported" => {
                let account = s(after, "account");
                let line = BudgetLine {
                    id: id.clone(),
                    fiscal_year: int(after, "fiscal_year").unwrap_or(0),
                    code: s(after, "code"),
                    name: s(after, "name"),
                    taakveld: s(after, "taakveld"),
                    funder: s(after, "funder"),
                    amount_cents: int(after, "amount_cents").unwrap_or(0),
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
                let text = ev.get("after").map_or("null", |a| a.0);
                self.pending.insert(id, text.to_string());
            }
            "transfer.approved" => {
                let proposal = self.pending.remove(&id).ok_or_else(|| {
                    fail(
                        seq,
                        format!("overboeking {id} wordt goedgekeurd maar was niet voorgesteld"),
                        format!("transfer {id} is approved but was never proposed"),
                    )
                })?;
                let proposal = Raw(&proposal).object();
                self.move_money(seq, &at, date, &id, proposal.as_ref())?;
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
                // The line is canonical, so the rules' text is their compact sorted-keys JSON.
                let text = after
                    .and_then(|a| a.get("rules"))
                    .map_or("null", |r| r.0)
                    .to_string();
                let fp = s(after, "fingerprint");
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
                let choices = texts(after, "choices");
                let tracker = s(after, "tracker");
                self.round(&id).ballots.push((tracker, choices));
            }
            "round.closed" => {
                let closed = Closed {
                    event_seq: seq,
                    date,
                    ballots: after
                        .and_then(|a| a.get("ballots"))
                        .and_then(|b| b.as_u64())
                        .unwrap_or(0),
                    pb_sha256: s(after, "ballots_pb_sha256"),
                    selected: texts(after, "selected"),
                    spent_cents: int(after, "spent_cents").unwrap_or(0),
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

    fn new_transfer(&mut self, seq: u64, id: &str, after: Option<&Obj<'_>>) -> Result<(), Failure> {
        if !self.transfers_seen.insert(id.to_string()) {
            return Err(fail(
                seq,
                format!("overboeking {id} komt twee keer voor"),
                format!("transfer {id} appears twice"),
            ));
        }
        let corr = s(after, "correction_of");
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
        after: Option<&Obj<'_>>,
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
        t: Option<&Obj<'_>>,
    ) -> Result<(), Failure> {
        let m = Movement {
            event_seq: seq,
            at: at.to_string(),
            date,
            transfer: id.to_string(),
            kind: s(t, "kind"),
            debit: s(t, "debit"),
            credit: s(t, "credit"),
            amount_cents: int(t, "amount_cents").unwrap_or(0),
            memo: s(t, "memo"),
            decision_ref: s(t, "decision_ref"),
            correction_of: s(t, "correction_of"),
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

/// Text cell (docs/audit-export.md §3.2): neutralised by the product's one rule for text
/// columns (`domain::csv_cell::neutralise_text`), then quoted when needed.
#[cfg(test)]
fn t(cell: &str) -> String {
    let mut c = Csv::default();
    c.text(cell);
    c.out
}

/// A CSV file written cell by cell into one string (a million-row transfers file should
/// not cost a million vectors of strings).
#[derive(Default)]
struct Csv {
    out: String,
    /// A cell was written on the current row.
    open: bool,
}

impl Csv {
    fn with_header(header: &[&str], rows: usize) -> Csv {
        let mut c = Csv {
            out: String::with_capacity(64 + rows * 160),
            open: false,
        };
        c.out.push('\u{feff}');
        c.out.push_str(&header.join(";"));
        c.out.push_str("\r\n");
        c
    }

    fn sep(&mut self) {
        if self.open {
            self.out.push(';');
        }
        self.open = true;
    }

    fn text(&mut self, cell: &str) {
        self.sep();
        let cell = crate::domain::csv_cell::neutralise_text(cell);
        if cell.contains([';', '"', '\n', '\r']) {
            self.out.push('"');
            self.out.push_str(&cell.replace('"', "\"\""));
            self.out.push('"');
        } else {
            self.out.push_str(&cell);
        }
    }

    fn int(&mut self, n: impl std::fmt::Display) {
        use std::fmt::Write;
        self.sep();
        let _ = write!(self.out, "{n}");
    }

    /// Cents as euros (see [`eur`]).
    fn eur(&mut self, cents: i64) {
        use std::fmt::Write;
        self.sep();
        let sign = if cents < 0 { "-" } else { "" };
        let a = cents.unsigned_abs();
        let _ = write!(self.out, "{sign}{},{:02}", a / 100, a % 100);
    }

    fn end_row(&mut self) {
        self.out.push_str("\r\n");
        self.open = false;
    }
}

fn name_of<'r>(r: &'r Replay, id: &str) -> &'r str {
    r.accounts.get(id).map(|a| a.name.as_str()).unwrap_or("")
}

pub fn transfers_csv(r: &Replay, period: Period) -> String {
    let mut c = Csv::with_header(
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
        r.movements.len(),
    );
    for m in r.movements.iter().filter(|m| period.contains(m.date)) {
        c.int(m.event_seq);
        c.text(&m.at);
        c.text(&m.transfer);
        c.text(&m.kind);
        c.text(&m.debit);
        c.text(name_of(r, &m.debit));
        c.text(&m.credit);
        c.text(name_of(r, &m.credit));
        c.eur(m.amount_cents);
        c.text(&m.memo);
        c.text(&m.decision_ref);
        c.text(&m.correction_of);
        c.end_row();
    }
    c.out
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
    let accounts = r.accounts_in_order();
    let mut c = Csv::with_header(
        &[
            "account_id",
            "kind",
            "name",
            "opening_eur",
            "in_eur",
            "out_eur",
            "closing_eur",
        ],
        accounts.len(),
    );
    for a in accounts {
        let (o, i, u, cl) = b.get(&a.id).copied().unwrap_or_default();
        c.text(&a.id);
        c.text(a.kind);
        c.text(&a.name);
        c.eur(o);
        c.eur(i);
        c.eur(u);
        c.eur(cl);
        c.end_row();
    }
    c.out
}

pub fn budget_lines_csv(r: &Replay, period: Period) -> String {
    let b = period_balances(r, period);
    let mut c = Csv::with_header(
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
        r.budget_lines.len(),
    );
    for l in &r.budget_lines {
        c.text(&l.id);
        c.int(l.fiscal_year);
        c.text(&l.code);
        c.text(&l.name);
        c.text(&l.taakveld);
        c.text(&l.funder);
        c.eur(l.amount_cents);
        c.text(&l.account);
        c.eur(b.get(&l.account).map(|x| x.3).unwrap_or(0));
        c.end_row();
    }
    c.out
}

/// `leaf_hashes.txt`: one lower-case hex leaf hash and `\n` per event, in `seq` order.
pub fn leaf_hashes_text(leaves: &[super::merkle::Hash]) -> Vec<u8> {
    let mut out = Vec::with_capacity(leaves.len() * 65);
    let mut buf = [0u8; 64];
    for leaf in leaves {
        // Cannot fail: the buffer is exactly twice the hash's length.
        if hex::encode_to_slice(leaf, &mut buf).is_ok() {
            out.extend_from_slice(&buf);
        }
        out.push(b'\n');
    }
    out
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

    #[test]
    fn events_are_dated_by_the_dutch_calendar_day() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date");
        // Summer time (UTC+2): 23:30 UTC on 31 March is 01:30 on 1 April.
        assert_eq!(
            dutch_date("2026-03-31T23:30:00.000000Z"),
            Some(d("2026-04-01"))
        );
        assert_eq!(
            dutch_date("2026-03-31T21:59:59.999999Z"),
            Some(d("2026-03-31"))
        );
        assert_eq!(dutch_date("2026-03-31T22:00:00Z"), Some(d("2026-04-01")));
        // Winter time (UTC+1).
        assert_eq!(
            dutch_date("2026-01-31T22:59:59.000000Z"),
            Some(d("2026-01-31"))
        );
        assert_eq!(
            dutch_date("2026-01-31T23:00:00.000000Z"),
            Some(d("2026-02-01"))
        );
        assert_eq!(dutch_date("2026-01-31"), None);
        assert_eq!(dutch_date("gisteren om twaalf uur 's nachts"), None);
    }

    /// The rule docs/audit-export.md gives for verifiers without a tz database (and
    /// tools/verify_bundle.py uses): UTC+2 from the last Sunday of March 01:00 UTC to the
    /// last Sunday of October 01:00 UTC, else UTC+1. It must be what chrono-tz says for
    /// Europe/Amsterdam, every hour (midnight and the switches included) of 1996-2037.
    #[test]
    fn the_documented_summer_time_rule_is_the_tz_database() {
        use chrono::{Datelike, Duration, NaiveDateTime, Timelike, Weekday};
        fn last_sunday_0100(year: i32, month: u32) -> NaiveDateTime {
            let mut day =
                NaiveDate::from_ymd_opt(year, month + 1, 1).expect("date") - Duration::days(1);
            while day.weekday() != Weekday::Sun {
                day -= Duration::days(1);
            }
            day.and_hms_opt(1, 0, 0).expect("time")
        }
        for year in 1996..=2037 {
            let (start, end) = (last_sunday_0100(year, 3), last_sunday_0100(year, 10));
            let mut utc = NaiveDate::from_ymd_opt(year, 1, 1)
                .and_then(|d| d.and_hms_opt(0, 0, 0))
                .expect("new year");
            while utc.year() == year {
                let offset = if utc >= start && utc < end { 2 } else { 1 };
                assert_eq!(crate::domain::nl_time::offset_hours(utc), offset, "{utc}");
                if utc.hour() >= 21 {
                    let at = utc.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string();
                    assert_eq!(
                        dutch_date(&at),
                        Some((utc + Duration::hours(offset)).date()),
                        "{at}"
                    );
                }
                utc += Duration::hours(1);
            }
        }
    }
}
