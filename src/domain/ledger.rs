//! Ledger rules: account kinds, transfer kinds, who may move what, and balances.
//! Pure: no database, no web. Money is integer euro cents.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::message::Msg;
use super::money::{above_maximum, checked_sum, within_bound};
use super::permissions::{allows, Permission};
use super::role::Role;
use crate::msg_key;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountKind {
    /// A line of the municipal budget (per fiscal year and taakveld).
    BudgetLine,
    /// The pool of one area (village or neighbourhood).
    Pool,
    /// Where money enters the system: the municipality itself, a housing corporation.
    Funder,
    /// A funded plan: what its round committed to it from the area's pool.
    Initiative,
    /// What was paid out for one funded plan (one per plan, made at its first payment).
    /// Money here has left the municipality: only payments come in, nothing goes out.
    PaidOut,
}

impl AccountKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AccountKind::BudgetLine => "budget_line",
            AccountKind::Pool => "pool",
            AccountKind::Funder => "funder",
            AccountKind::Initiative => "initiative",
            AccountKind::PaidOut => "paid_out",
        }
    }

    pub fn parse(s: &str) -> Option<AccountKind> {
        match s {
            "budget_line" => Some(AccountKind::BudgetLine),
            "pool" => Some(AccountKind::Pool),
            "funder" => Some(AccountKind::Funder),
            "initiative" => Some(AccountKind::Initiative),
            "paid_out" => Some(AccountKind::PaidOut),
            _ => None,
        }
    }

    /// Only a funder's account is a source and may show a negative balance.
    pub fn may_go_negative(self) -> bool {
        matches!(self, AccountKind::Funder)
    }

    pub fn label_nl(self) -> &'static str {
        match self {
            AccountKind::BudgetLine => "begrotingspost",
            AccountKind::Pool => "pot",
            AccountKind::Funder => "financier",
            AccountKind::Initiative => "plan",
            AccountKind::PaidOut => "uitbetaald",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TransferKind {
    /// The council's budget puts money on a budget line (made by the ledger import).
    BudgetAllocation,
    /// Budget line to area pool, whole or part. Needs a second finance user.
    BudgetToPool,
    /// A funder's contribution to an area pool.
    FunderContribution,
    /// Reverses (part of) an earlier transfer. Needs a second finance user.
    Correction,
    /// Pool to a funded plan, when its round closes. Decided by the residents' vote and
    /// made by the count, never typed in by hand.
    Commitment,
    /// A funded plan's account to its paid-out account: finance paid an invoice or order.
    /// Above the municipality's threshold it needs a second finance user.
    Payment,
    /// A finished plan's account back to its area's pool: what was committed and not
    /// paid. Made when the plan is marked done, never typed in by hand.
    Return,
}

impl TransferKind {
    pub fn as_str(self) -> &'static str {
        match self {
            TransferKind::BudgetAllocation => "budget_allocation",
            TransferKind::BudgetToPool => "budget_to_pool",
            TransferKind::FunderContribution => "funder_contribution",
            TransferKind::Correction => "correction",
            TransferKind::Commitment => "commitment",
            TransferKind::Payment => "payment",
            TransferKind::Return => "return",
        }
    }

    pub fn parse(s: &str) -> Option<TransferKind> {
        match s {
            "budget_allocation" => Some(TransferKind::BudgetAllocation),
            "budget_to_pool" => Some(TransferKind::BudgetToPool),
            "funder_contribution" => Some(TransferKind::FunderContribution),
            "correction" => Some(TransferKind::Correction),
            "commitment" => Some(TransferKind::Commitment),
            "payment" => Some(TransferKind::Payment),
            "return" => Some(TransferKind::Return),
            _ => None,
        }
    }

    /// The one rule for the kind of a transfer typed in by hand (the transfer form, the
    /// API and the payment form): it follows from the source. A budget line gives to a
    /// pool, a funder contributes, a funded plan pays; a pool (its money leaves only by a
    /// round's result) and paid-out money are no source for a hand-made transfer.
    pub fn for_source(source: AccountKind) -> Result<TransferKind, LedgerError> {
        match source {
            AccountKind::BudgetLine => Ok(TransferKind::BudgetToPool),
            AccountKind::Funder => Ok(TransferKind::FunderContribution),
            AccountKind::Initiative => Ok(TransferKind::Payment),
            AccountKind::Pool | AccountKind::PaidOut => Err(LedgerError::SourceNotAllowed),
        }
    }

    /// May this kind be made on the general transfer form (and `POST /api/v1/transfers`)?
    /// A payment carries a date and an invoice reference and is made on the plan's
    /// payment form; the rest of the kinds are made by the system.
    pub fn check_general_form(self) -> Result<(), LedgerError> {
        match self {
            TransferKind::BudgetToPool | TransferKind::FunderContribution => Ok(()),
            TransferKind::Payment => Err(LedgerError::PaymentOnPlanForm),
            _ => Err(LedgerError::SourceNotAllowed),
        }
    }

    pub fn label_nl(self) -> &'static str {
        match self {
            TransferKind::BudgetAllocation => "Begroting vastgesteld",
            TransferKind::BudgetToPool => "Begrotingspost naar pot",
            TransferKind::FunderContribution => "Bijdrage financier",
            TransferKind::Correction => "Correctie",
            TransferKind::Commitment => "Toegekend aan plan (uitslag ronde)",
            TransferKind::Payment => "Betaling voor plan",
            TransferKind::Return => "Terug naar de pot (plan klaar)",
        }
    }
}

/// A stored value that is none of the known ones (an account kind, a transfer kind): an
/// error where the row is read, never a silent default.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} in the database: {value:?}")]
pub struct UnknownValue {
    pub what: &'static str,
    pub value: String,
}

impl TryFrom<String> for AccountKind {
    type Error = UnknownValue;
    fn try_from(s: String) -> Result<Self, UnknownValue> {
        AccountKind::parse(&s).ok_or(UnknownValue {
            what: "account kind",
            value: s,
        })
    }
}

impl From<AccountKind> for String {
    fn from(k: AccountKind) -> String {
        k.as_str().to_string()
    }
}

impl TryFrom<String> for TransferKind {
    type Error = UnknownValue;
    fn try_from(s: String) -> Result<Self, UnknownValue> {
        TransferKind::parse(&s).ok_or(UnknownValue {
            what: "transfer kind",
            value: s,
        })
    }
}

impl From<TransferKind> for String {
    fn from(k: TransferKind) -> String {
        k.as_str().to_string()
    }
}

/// Four eyes: money leaving a budget line, and every correction, needs a second user; a
/// payment does too, unless a threshold says otherwise ([`needs_approval_with`]).
pub fn needs_approval(kind: TransferKind, debit: AccountKind) -> bool {
    kind == TransferKind::Correction
        || kind == TransferKind::Payment
        || debit == AccountKind::BudgetLine
}

/// Four eyes with the municipality's payment threshold (setting
/// `payment_approval_threshold_cents`): a payment above it needs a second finance user, a
/// payment at or below it is posted at once. Without a threshold every payment needs one.
/// The other kinds follow [`needs_approval`].
pub fn needs_approval_with(
    kind: TransferKind,
    debit: AccountKind,
    amount_cents: i64,
    payment_threshold_cents: Option<i64>,
) -> bool {
    match (kind, payment_threshold_cents) {
        (TransferKind::Payment, Some(threshold)) => amount_cents > threshold,
        _ => needs_approval(kind, debit),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TransferStatus {
    Pending,
    Posted,
    Rejected,
}

impl TransferStatus {
    pub fn derive(needs_approval: bool, decision: Option<bool>) -> TransferStatus {
        match (needs_approval, decision) {
            (false, _) => TransferStatus::Posted,
            (true, None) => TransferStatus::Pending,
            (true, Some(true)) => TransferStatus::Posted,
            (true, Some(false)) => TransferStatus::Rejected,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            TransferStatus::Pending => "pending",
            TransferStatus::Posted => "posted",
            TransferStatus::Rejected => "rejected",
        }
    }

    pub fn label_nl(self) -> &'static str {
        match self {
            TransferStatus::Pending => "Wacht op goedkeuring",
            TransferStatus::Posted => "Geboekt",
            TransferStatus::Rejected => "Afgewezen",
        }
    }
}

/// Why a transfer request is refused. The messages (B1) are shown on the form that was
/// filled in, in the visitor's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LedgerError {
    AmountNotPositive,
    AmountTooLarge,
    SourceNotAllowed,
    KindDoesNotMatchSource(TransferKind),
    SameAccount,
    MemoMissing,
    DecisionRefMissing,
    /// This kind of transfer cannot go between these accounts.
    KindNotAllowed(TransferKind),
    InsufficientFunds {
        account: String,
        available_cents: i64,
        requested_cents: i64,
    },
    OwnTransfer,
    AlreadyDecided,
    NoApprovalNeeded,
    CorrectionOfUnposted,
    CorrectionOfCorrection,
    CorrectionTooLarge {
        remaining_cents: i64,
    },
    IdempotencyConflict,
    PaymentOnPlanForm,
    PaymentAboveCommitment {
        open_cents: i64,
        requested_cents: i64,
    },
}

impl LedgerError {
    /// The message for the person who filled in the form.
    pub fn msg(&self) -> Msg {
        match self {
            LedgerError::AmountNotPositive => Msg::new(msg_key!("error-amount-not-positive")),
            LedgerError::AmountTooLarge => above_maximum(),
            LedgerError::SourceNotAllowed => Msg::new(msg_key!("error-ledger-source-not-allowed")),
            LedgerError::KindDoesNotMatchSource(kind) => {
                Msg::new(msg_key!("error-ledger-kind-from-source")).arg("kind", kind.as_str())
            }
            LedgerError::SameAccount => Msg::new(msg_key!("error-ledger-same-account")),
            LedgerError::MemoMissing => Msg::new(msg_key!("error-ledger-memo-missing")),
            LedgerError::DecisionRefMissing => Msg::new(msg_key!("error-ledger-decision-missing")),
            LedgerError::KindNotAllowed(kind) => {
                Msg::new(msg_key!("error-ledger-kind-not-allowed")).arg("kind", kind.as_str())
            }
            LedgerError::InsufficientFunds {
                account,
                available_cents,
                requested_cents,
            } => Msg::new(msg_key!("error-ledger-insufficient-funds"))
                .arg("account", account)
                .money("available", *available_cents)
                .money("requested", *requested_cents),
            LedgerError::OwnTransfer => Msg::new(msg_key!("error-ledger-own-transfer")),
            LedgerError::AlreadyDecided => Msg::new(msg_key!("error-ledger-already-decided")),
            LedgerError::NoApprovalNeeded => Msg::new(msg_key!("error-ledger-no-approval-needed")),
            LedgerError::CorrectionOfUnposted => {
                Msg::new(msg_key!("error-ledger-correction-of-unposted"))
            }
            LedgerError::CorrectionOfCorrection => {
                Msg::new(msg_key!("error-ledger-correction-of-correction"))
            }
            LedgerError::CorrectionTooLarge { remaining_cents } => {
                Msg::new(msg_key!("error-ledger-correction-too-large"))
                    .money("remaining", *remaining_cents)
            }
            LedgerError::IdempotencyConflict => Msg::new(msg_key!("error-idempotency-conflict")),
            LedgerError::PaymentOnPlanForm => {
                Msg::new(msg_key!("error-ledger-payment-on-plan-form"))
            }
            LedgerError::PaymentAboveCommitment {
                open_cents,
                requested_cents,
            } => Msg::new(msg_key!("error-ledger-payment-above-commitment"))
                .money("open", *open_cents)
                .money("requested", *requested_cents),
        }
    }
}

crate::msg_display!(LedgerError);

/// Validate the parts of a transfer that do not need the database.
pub fn validate_basic(
    kind: TransferKind,
    debit: AccountKind,
    credit: AccountKind,
    amount_cents: i64,
    memo: &str,
    decision_ref: Option<&str>,
) -> Result<(), LedgerError> {
    if amount_cents <= 0 {
        return Err(LedgerError::AmountNotPositive);
    }
    if !within_bound(amount_cents) {
        return Err(LedgerError::AmountTooLarge);
    }
    if memo.trim().is_empty() {
        return Err(LedgerError::MemoMissing);
    }
    match kind {
        TransferKind::BudgetToPool => {
            if debit != AccountKind::BudgetLine || credit != AccountKind::Pool {
                return Err(LedgerError::KindNotAllowed(kind));
            }
        }
        TransferKind::FunderContribution => {
            if debit != AccountKind::Funder || credit != AccountKind::Pool {
                return Err(LedgerError::KindNotAllowed(kind));
            }
        }
        TransferKind::BudgetAllocation => {
            if debit != AccountKind::Funder || credit != AccountKind::BudgetLine {
                return Err(LedgerError::KindNotAllowed(kind));
            }
        }
        TransferKind::Commitment => {
            if debit != AccountKind::Pool || credit != AccountKind::Initiative {
                return Err(LedgerError::KindNotAllowed(kind));
            }
        }
        TransferKind::Payment => {
            if debit != AccountKind::Initiative || credit != AccountKind::PaidOut {
                return Err(LedgerError::KindNotAllowed(kind));
            }
        }
        TransferKind::Return => {
            if debit != AccountKind::Initiative || credit != AccountKind::Pool {
                return Err(LedgerError::KindNotAllowed(kind));
            }
        }
        // Corrections mirror their original; checked where the original is known.
        TransferKind::Correction => {}
    }
    if debit == AccountKind::BudgetLine
        && kind != TransferKind::Correction
        && decision_ref.map(str::trim).unwrap_or("").is_empty()
    {
        return Err(LedgerError::DecisionRefMissing);
    }
    Ok(())
}

/// The one money invariant, for every movement: nothing but a funder goes below zero.
/// `available_cents` is what the source can still give (its balance, less what pending
/// transfers already promised away, when the caller counts those).
pub fn check_funds(
    source: AccountKind,
    account_name: &str,
    available_cents: i64,
    amount_cents: i64,
) -> Result<(), LedgerError> {
    if source.may_go_negative() || amount_cents <= available_cents {
        return Ok(());
    }
    Err(LedgerError::InsufficientFunds {
        account: account_name.to_string(),
        available_cents: available_cents.max(0),
        requested_cents: amount_cents,
    })
}

/// The total of several amounts that leave one source together (a round's winners, taken
/// from its pool at closing), for [`check_funds`]: summed with checked arithmetic, so a
/// total that does not fit in an `i64` is refused, never wrapped.
pub fn total_of<I: IntoIterator<Item = i64>>(amounts: I) -> Result<i64, LedgerError> {
    checked_sum(amounts).ok_or(LedgerError::AmountTooLarge)
}

/// What an account can still give: its posted balance less the pending transfers out of
/// it, `None` when that does not fit in an `i64` (amounts are bounded, so never in use).
pub fn available(balance_cents: i64, pending_out_cents: i64) -> Option<i64> {
    balance_cents.checked_sub(pending_out_cents)
}

/// May a transfer be decided on (approved or rejected) now, and by somebody who did
/// (`own`) or did not make it? Four eyes: never by the person who made it.
pub fn check_decidable(
    needs_approval: bool,
    status: TransferStatus,
    own: bool,
) -> Result<(), LedgerError> {
    if !needs_approval {
        return Err(LedgerError::NoApprovalNeeded);
    }
    if status != TransferStatus::Pending {
        return Err(LedgerError::AlreadyDecided);
    }
    if own {
        return Err(LedgerError::OwnTransfer);
    }
    Ok(())
}

/// May a transfer be corrected? Only a posted one, and never a correction itself.
pub fn check_correctable(status: TransferStatus, kind: TransferKind) -> Result<(), LedgerError> {
    if status != TransferStatus::Posted {
        return Err(LedgerError::CorrectionOfUnposted);
    }
    if kind == TransferKind::Correction {
        return Err(LedgerError::CorrectionOfCorrection);
    }
    Ok(())
}

/// What one caller may do with one transfer: read by the pages (never recomputed in a
/// template) and the same rules the service applies when the caller tries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct TransferActions {
    /// The caller made this transfer.
    pub own: bool,
    /// The caller may approve or reject it now (not their own, still pending).
    pub may_approve: bool,
    /// The caller may propose a correction of it.
    pub may_correct: bool,
}

pub fn actions(
    roles: &[Role],
    kind: TransferKind,
    status: TransferStatus,
    needs_approval: bool,
    own: bool,
) -> TransferActions {
    TransferActions {
        own,
        may_approve: allows(roles, Permission::ApproveTransfer)
            && check_decidable(needs_approval, status, own).is_ok(),
        may_correct: allows(roles, Permission::ProposeTransfer)
            && check_correctable(status, kind).is_ok(),
    }
}

/// May the caller start a transfer from an account with this much still available?
pub fn may_transfer_from(roles: &[Role], available_cents: i64) -> bool {
    allows(roles, Permission::ProposeTransfer) && available_cents > 0
}

/// A posted movement, as the balance replay sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Movement {
    pub debit: String,
    pub credit: String,
    pub amount_cents: i64,
}

/// Replay posted movements into balances (credit minus debit). Used by tests and by the
/// verifier to check the stored balances.
pub fn replay(movements: &[Movement]) -> BTreeMap<String, i64> {
    let mut balances = BTreeMap::new();
    for m in movements {
        *balances.entry(m.debit.clone()).or_insert(0) -= m.amount_cents;
        *balances.entry(m.credit.clone()).or_insert(0) += m.amount_cents;
    }
    balances
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn four_eyes_applies_to_budget_lines_and_corrections() {
        assert!(needs_approval(
            TransferKind::BudgetToPool,
            AccountKind::BudgetLine
        ));
        assert!(needs_approval(TransferKind::Correction, AccountKind::Pool));
        assert!(!needs_approval(
            TransferKind::FunderContribution,
            AccountKind::Funder
        ));
    }

    #[test]
    fn budget_line_outflow_needs_decision_reference() {
        let r = validate_basic(
            TransferKind::BudgetToPool,
            AccountKind::BudgetLine,
            AccountKind::Pool,
            100,
            "groen",
            Some("  "),
        );
        assert_eq!(r, Err(LedgerError::DecisionRefMissing));
        let ok = validate_basic(
            TransferKind::BudgetToPool,
            AccountKind::BudgetLine,
            AccountKind::Pool,
            100,
            "groen",
            Some("RB 2025-12"),
        );
        assert_eq!(ok, Ok(()));
    }

    #[test]
    fn wrong_direction_and_zero_amounts_are_refused() {
        assert_eq!(
            validate_basic(
                TransferKind::BudgetToPool,
                AccountKind::Pool,
                AccountKind::BudgetLine,
                100,
                "x",
                Some("r")
            ),
            Err(LedgerError::KindNotAllowed(TransferKind::BudgetToPool))
        );
        assert_eq!(
            validate_basic(
                TransferKind::FunderContribution,
                AccountKind::Funder,
                AccountKind::Pool,
                0,
                "x",
                None
            ),
            Err(LedgerError::AmountNotPositive)
        );
    }

    #[test]
    fn replay_conserves_the_total() {
        let m = vec![
            Movement {
                debit: "f".into(),
                credit: "b".into(),
                amount_cents: 500,
            },
            Movement {
                debit: "b".into(),
                credit: "p".into(),
                amount_cents: 200,
            },
        ];
        let b = replay(&m);
        assert_eq!(b.values().sum::<i64>(), 0);
        assert_eq!(b.get("b"), Some(&300));
        assert_eq!(b.get("p"), Some(&200));
        assert_eq!(b.get("f"), Some(&-500));
    }

    #[test]
    fn the_kind_follows_from_the_source() {
        assert_eq!(
            TransferKind::for_source(AccountKind::BudgetLine),
            Ok(TransferKind::BudgetToPool)
        );
        assert_eq!(
            TransferKind::for_source(AccountKind::Funder),
            Ok(TransferKind::FunderContribution)
        );
        assert_eq!(
            TransferKind::for_source(AccountKind::Pool),
            Err(LedgerError::SourceNotAllowed)
        );
    }

    #[test]
    fn nothing_but_a_funder_goes_below_zero() {
        assert!(check_funds(AccountKind::Funder, "f", -500, 1_000).is_ok());
        assert!(check_funds(AccountKind::Pool, "p", 1_000, 1_000).is_ok());
        assert_eq!(
            check_funds(AccountKind::BudgetLine, "b", -3, 1),
            Err(LedgerError::InsufficientFunds {
                account: "b".into(),
                available_cents: 0,
                requested_cents: 1
            })
        );
        assert_eq!(available(i64::MIN, 1), None);
    }

    #[test]
    fn a_total_that_would_wrap_is_refused_with_a_message() {
        assert_eq!(total_of([400_000, 300_000]), Ok(700_000));
        assert_eq!(total_of([]), Ok(0));
        let err = total_of([i64::MAX, 1]).expect_err("wraps");
        assert_eq!(err, LedgerError::AmountTooLarge);
        assert_eq!(err.msg(), above_maximum());
        // A total that fits but is more than the pool has: refused by the one funds check.
        let total = total_of([600_000, 500_000]).expect("fits");
        assert!(matches!(
            check_funds(AccountKind::Pool, "Wezep", 1_000_000, total),
            Err(LedgerError::InsufficientFunds {
                available_cents: 1_000_000,
                requested_cents: 1_100_000,
                ..
            })
        ));
    }

    #[test]
    fn amounts_above_the_bound_are_refused_never_wrapped() {
        assert_eq!(
            validate_basic(
                TransferKind::FunderContribution,
                AccountKind::Funder,
                AccountKind::Pool,
                i64::MAX,
                "x",
                None
            ),
            Err(LedgerError::AmountTooLarge)
        );
    }

    #[test]
    fn approvers_decide_on_others_pending_transfers_only() {
        let a = |roles: &[Role], status, own| {
            actions(roles, TransferKind::BudgetToPool, status, true, own)
        };
        assert!(a(&[Role::FinanceApprover], TransferStatus::Pending, false).may_approve);
        assert!(!a(&[Role::FinanceApprover], TransferStatus::Pending, true).may_approve);
        assert!(!a(&[Role::FinanceClerk], TransferStatus::Pending, false).may_approve);
        assert!(!a(&[Role::FinanceApprover], TransferStatus::Posted, false).may_approve);
        assert!(a(&[Role::FinanceClerk], TransferStatus::Posted, true).may_correct);
        assert!(!a(&[Role::Council], TransferStatus::Posted, false).may_correct);
        let correction = actions(
            &[Role::FinanceClerk],
            TransferKind::Correction,
            TransferStatus::Posted,
            true,
            false,
        );
        assert!(!correction.may_correct);
        assert_eq!(
            check_decidable(true, TransferStatus::Pending, true),
            Err(LedgerError::OwnTransfer)
        );
    }

    #[test]
    fn status_follows_the_decision() {
        assert_eq!(TransferStatus::derive(false, None), TransferStatus::Posted);
        assert_eq!(TransferStatus::derive(true, None), TransferStatus::Pending);
        assert_eq!(
            TransferStatus::derive(true, Some(false)),
            TransferStatus::Rejected
        );
    }
}
