//! The money after the vote, per funded plan: what was granted, paid, is waiting for a
//! second finance user, was returned, and is still open; the checks on a payment and on a
//! progress post. Pure: the ledger's rules (`domain::ledger`) move the money, this module
//! reads it and checks the input.

use chrono::NaiveDate;
use serde::Serialize;

use super::ledger::{AccountKind, LedgerError, TransferKind, TransferStatus};
use super::message::Msg;
use super::money::{above_maximum, within_bound};
use crate::msg_key;

/// Longest invoice or order reference.
pub const REFERENCE_MAX: usize = 100;
/// Longest note on a payment.
pub const NOTE_MAX: usize = 500;
/// Longest progress text: a short update, not a report.
pub const PROGRESS_MAX: usize = 1000;
/// Longest description of a photo (read aloud instead of the photo).
pub const PHOTO_ALT_MAX: usize = 200;

/// Where a funded plan stands, as its initiator or coordinator posts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProgressStage {
    Planned,
    InProgress,
    /// Finished: what was committed and not paid goes back to the pool in the same step.
    Done,
}

impl ProgressStage {
    pub const ALL: [ProgressStage; 3] = [
        ProgressStage::Planned,
        ProgressStage::InProgress,
        ProgressStage::Done,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ProgressStage::Planned => "planned",
            ProgressStage::InProgress => "in_progress",
            ProgressStage::Done => "done",
        }
    }

    pub fn parse(s: &str) -> Option<ProgressStage> {
        ProgressStage::ALL.into_iter().find(|p| p.as_str() == s)
    }

    pub fn label_nl(self) -> &'static str {
        match self {
            ProgressStage::Planned => "Gepland",
            ProgressStage::InProgress => "Bezig",
            ProgressStage::Done => "Klaar",
        }
    }
}

impl TryFrom<String> for ProgressStage {
    type Error = super::ledger::UnknownValue;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        ProgressStage::parse(&s).ok_or(super::ledger::UnknownValue {
            what: "progress stage",
            value: s,
        })
    }
}

impl From<ProgressStage> for String {
    fn from(p: ProgressStage) -> String {
        p.as_str().to_string()
    }
}

/// One transfer into or out of a plan's account, as the summary needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanMove {
    pub kind: TransferKind,
    /// Out of the plan's account (a payment, a return, a correction of the commitment).
    pub outgoing: bool,
    /// The kind of the account on the other side.
    pub other: AccountKind,
    pub amount_cents: i64,
    pub status: TransferStatus,
}

/// A funded plan's money. `open_cents` is what can still be paid: the posted balance of
/// the plan's account less the payments waiting for approval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct PlanMoney {
    pub granted_cents: i64,
    pub paid_cents: i64,
    pub pending_cents: i64,
    pub returned_cents: i64,
    pub open_cents: i64,
}

impl PlanMoney {
    /// Sums the moves of one plan's account. A correction counts against what it
    /// corrects: back from the pool undoes a return, back from paid-out undoes a payment,
    /// out to the pool undoes (part of) the commitment. Rejected transfers count nowhere.
    pub fn of(moves: &[PlanMove]) -> PlanMoney {
        let mut m = PlanMoney::default();
        let mut balance = 0i64;
        let mut pending_out = 0i64;
        for mv in moves {
            let a = mv.amount_cents;
            match mv.status {
                TransferStatus::Rejected => continue,
                TransferStatus::Pending => {
                    if mv.outgoing {
                        pending_out = pending_out.saturating_add(a);
                        if mv.kind == TransferKind::Payment {
                            m.pending_cents = m.pending_cents.saturating_add(a);
                        }
                    }
                    continue;
                }
                TransferStatus::Posted => {}
            }
            balance = if mv.outgoing {
                balance.saturating_sub(a)
            } else {
                balance.saturating_add(a)
            };
            let field = match (mv.kind, mv.outgoing, mv.other) {
                (TransferKind::Commitment, false, _) => Some((&mut m.granted_cents, 1)),
                (TransferKind::Payment, true, _) => Some((&mut m.paid_cents, 1)),
                (TransferKind::Return, true, _) => Some((&mut m.returned_cents, 1)),
                (TransferKind::Correction, false, AccountKind::PaidOut) => {
                    Some((&mut m.paid_cents, -1))
                }
                (TransferKind::Correction, false, AccountKind::Pool) => {
                    Some((&mut m.returned_cents, -1))
                }
                (TransferKind::Correction, true, AccountKind::Pool) => {
                    Some((&mut m.granted_cents, -1))
                }
                _ => None,
            };
            if let Some((f, sign)) = field {
                *f = f.saturating_add(sign * a);
            }
        }
        m.open_cents = balance.saturating_sub(pending_out);
        m
    }
}

/// A payment as finance types it in, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentDetails {
    pub amount_cents: i64,
    pub paid_on: NaiveDate,
    pub reference: String,
    pub note: String,
}

/// Why a payment or progress post is refused (B1), shown beside the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanMoneyError {
    AmountNotPositive,
    AmountTooLarge,
    DateMissing,
    DateInFuture,
    ReferenceMissing,
    NoteTooLong,
    ProgressText,
    PhotoAltMissing,
    NotFunded,
    AlreadyDone,
    PaymentPending { pending_cents: i64 },
}

impl PlanMoneyError {
    /// The message shown beside the field.
    pub fn msg(&self) -> Msg {
        match self {
            PlanMoneyError::AmountNotPositive => Msg::new(msg_key!("error-amount-not-positive")),
            PlanMoneyError::AmountTooLarge => above_maximum(),
            PlanMoneyError::DateMissing => Msg::new(msg_key!("error-payment-date-missing")),
            PlanMoneyError::DateInFuture => Msg::new(msg_key!("error-payment-date-in-future")),
            PlanMoneyError::ReferenceMissing => {
                Msg::new(msg_key!("error-payment-reference-missing")).arg("max", REFERENCE_MAX)
            }
            PlanMoneyError::NoteTooLong => {
                Msg::new(msg_key!("error-payment-note-too-long")).arg("max", NOTE_MAX)
            }
            PlanMoneyError::ProgressText => {
                Msg::new(msg_key!("error-progress-text")).arg("max", PROGRESS_MAX)
            }
            PlanMoneyError::PhotoAltMissing => {
                Msg::new(msg_key!("error-progress-photo-alt")).arg("max", PHOTO_ALT_MAX)
            }
            PlanMoneyError::NotFunded => Msg::new(msg_key!("error-plan-not-funded")),
            PlanMoneyError::AlreadyDone => Msg::new(msg_key!("error-plan-already-done")),
            PlanMoneyError::PaymentPending { pending_cents } => {
                Msg::new(msg_key!("error-plan-payment-pending")).money("pending", *pending_cents)
            }
        }
    }
}

crate::msg_display!(PlanMoneyError);

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// Every problem of a payment's fields at once, in the order of the form (`amount` is
/// `None` when it could not be read as an amount: that problem is the form's). `today`
/// is the Dutch calendar day now.
pub fn payment_problems(
    amount_cents: Option<i64>,
    paid_on: &str,
    reference: &str,
    note: &str,
    today: NaiveDate,
) -> Vec<(&'static str, PlanMoneyError)> {
    let mut problems = Vec::new();
    match amount_cents {
        Some(a) if a <= 0 => problems.push(("amount", PlanMoneyError::AmountNotPositive)),
        Some(a) if !within_bound(a) => problems.push(("amount", PlanMoneyError::AmountTooLarge)),
        _ => {}
    }
    match parse_date(paid_on) {
        None => problems.push(("paid_on", PlanMoneyError::DateMissing)),
        Some(d) if d > today => problems.push(("paid_on", PlanMoneyError::DateInFuture)),
        Some(_) => {}
    }
    let reference = reference.trim();
    if reference.is_empty() || chars(reference) > REFERENCE_MAX {
        problems.push(("reference", PlanMoneyError::ReferenceMissing));
    }
    if chars(note.trim()) > NOTE_MAX {
        problems.push(("note", PlanMoneyError::NoteTooLong));
    }
    problems
}

/// Checks a payment's fields (the first problem); `today` is the Dutch calendar day now.
pub fn check_payment_details(
    amount_cents: i64,
    paid_on: &str,
    reference: &str,
    note: &str,
    today: NaiveDate,
) -> Result<PaymentDetails, (&'static str, PlanMoneyError)> {
    let problems = payment_problems(Some(amount_cents), paid_on, reference, note, today);
    if let Some(first) = problems.into_iter().next() {
        return Err(first);
    }
    let paid_on = parse_date(paid_on).ok_or(("paid_on", PlanMoneyError::DateMissing))?;
    Ok(PaymentDetails {
        amount_cents,
        paid_on,
        reference: reference.trim().to_string(),
        note: note.trim().to_string(),
    })
}

/// A date as a date field sends it (2026-11-30) or as people type it (30-11-2026).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(s, "%d-%m-%Y"))
        .ok()
}

/// Paying more than is still open for the plan is refused with both amounts. The ledger's
/// `check_funds` applies the same figure again inside the transaction.
pub fn check_payment(money: &PlanMoney, amount_cents: i64) -> Result<(), LedgerError> {
    if amount_cents > money.open_cents {
        return Err(LedgerError::PaymentAboveCommitment {
            open_cents: money.open_cents.max(0),
            requested_cents: amount_cents,
        });
    }
    Ok(())
}

/// May money still move on this plan (a payment, a progress post)? Only a funded plan
/// that is not done.
pub fn check_open(funded: bool, done: bool) -> Result<(), PlanMoneyError> {
    if !funded {
        return Err(PlanMoneyError::NotFunded);
    }
    if done {
        return Err(PlanMoneyError::AlreadyDone);
    }
    Ok(())
}

/// Marking a plan done returns what is open; with a payment still waiting that figure is
/// not final, so the plan waits for that decision first.
pub fn check_finish(money: &PlanMoney) -> Result<i64, PlanMoneyError> {
    if money.pending_cents > 0 {
        return Err(PlanMoneyError::PaymentPending {
            pending_cents: money.pending_cents,
        });
    }
    Ok(money.open_cents.max(0))
}

/// Checks a progress post's text and the photo's description (needed when there is a
/// photo).
pub fn check_progress_text(
    body: &str,
    has_photo: bool,
    photo_alt: &str,
) -> Result<(), (&'static str, PlanMoneyError)> {
    match progress_problems(body, has_photo, photo_alt)
        .into_iter()
        .next()
    {
        Some(first) => Err(first),
        None => Ok(()),
    }
}

/// Every problem of a progress post's text and photo description at once.
pub fn progress_problems(
    body: &str,
    has_photo: bool,
    photo_alt: &str,
) -> Vec<(&'static str, PlanMoneyError)> {
    let mut problems = Vec::new();
    let body = body.trim();
    if body.is_empty() || chars(body) > PROGRESS_MAX {
        problems.push(("body", PlanMoneyError::ProgressText));
    }
    let alt = photo_alt.trim();
    if has_photo && (alt.is_empty() || chars(alt) > PHOTO_ALT_MAX) {
        problems.push(("photo_alt", PlanMoneyError::PhotoAltMissing));
    }
    problems
}

/// May this caller post progress on a plan? Whoever coordinates its area, or the
/// initiator who handed it in (the role alone is not enough: not someone else's plan).
/// The *who* of the permission table (`Operation::PostProgress`) is checked first.
pub fn may_post_progress(coordinates_area: bool, is_author: bool) -> bool {
    coordinates_area || is_author
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mv(kind: TransferKind, outgoing: bool, other: AccountKind, a: i64) -> PlanMove {
        PlanMove {
            kind,
            outgoing,
            other,
            amount_cents: a,
            status: TransferStatus::Posted,
        }
    }

    #[test]
    fn granted_paid_returned_and_open() {
        let mut pending = mv(TransferKind::Payment, true, AccountKind::PaidOut, 100);
        pending.status = TransferStatus::Pending;
        let mut rejected = mv(TransferKind::Payment, true, AccountKind::PaidOut, 9_999);
        rejected.status = TransferStatus::Rejected;
        let m = PlanMoney::of(&[
            mv(TransferKind::Commitment, false, AccountKind::Pool, 1_000),
            mv(TransferKind::Payment, true, AccountKind::PaidOut, 400),
            mv(TransferKind::Correction, false, AccountKind::PaidOut, 50),
            pending,
            rejected,
        ]);
        assert_eq!(m.granted_cents, 1_000);
        assert_eq!(m.paid_cents, 350);
        assert_eq!(m.pending_cents, 100);
        assert_eq!(m.open_cents, 1_000 - 350 - 100);
        assert_eq!(
            check_finish(&m),
            Err(PlanMoneyError::PaymentPending { pending_cents: 100 })
        );
        let done = PlanMoney::of(&[
            mv(TransferKind::Commitment, false, AccountKind::Pool, 1_000),
            mv(TransferKind::Payment, true, AccountKind::PaidOut, 400),
            mv(TransferKind::Return, true, AccountKind::Pool, 600),
        ]);
        assert_eq!(
            (done.paid_cents, done.returned_cents, done.open_cents),
            (400, 600, 0)
        );
    }

    #[test]
    fn a_payment_above_what_is_open_is_refused_with_the_amounts() {
        let m = PlanMoney {
            open_cents: 250,
            ..PlanMoney::default()
        };
        assert!(check_payment(&m, 250).is_ok());
        let e = check_payment(&m, 251).expect_err("over");
        let text = e.to_string();
        assert!(
            text.contains("€\u{a0}2,50") && text.contains("€\u{a0}2,51"),
            "{text}"
        );
    }

    #[test]
    fn payment_fields_are_checked() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 2).expect("date");
        assert!(check_payment_details(100, "2026-12-01", "F-1", "", today).is_ok());
        assert!(check_payment_details(100, "1-12-2026", "F-1", "", today).is_ok());
        assert_eq!(
            check_payment_details(100, "2026-12-03", "F-1", "", today).map(drop),
            Err(("paid_on", PlanMoneyError::DateInFuture))
        );
        assert_eq!(
            check_payment_details(100, "gisteren", "F-1", "", today).map(drop),
            Err(("paid_on", PlanMoneyError::DateMissing))
        );
        assert_eq!(
            check_payment_details(100, "2026-12-01", "  ", "", today).map(drop),
            Err(("reference", PlanMoneyError::ReferenceMissing))
        );
        assert_eq!(
            check_payment_details(0, "2026-12-01", "F", "", today).map(drop),
            Err(("amount", PlanMoneyError::AmountNotPositive))
        );
    }

    #[test]
    fn a_photo_needs_a_description_and_stages_round_trip() {
        assert!(check_progress_text("Begonnen", false, "").is_ok());
        assert_eq!(
            check_progress_text("Begonnen", true, " "),
            Err(("photo_alt", PlanMoneyError::PhotoAltMissing))
        );
        for s in ProgressStage::ALL {
            assert_eq!(ProgressStage::try_from(s.as_str().to_string()), Ok(s));
        }
        assert!(ProgressStage::try_from("klaar".to_string()).is_err());
        assert!(!may_post_progress(false, false));
    }
}
