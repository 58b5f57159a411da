//! Ledger rules: account kinds, transfer kinds, who may move what, and balances.
//! Pure: no database, no web. Money is integer euro cents.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

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
}

impl AccountKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AccountKind::BudgetLine => "budget_line",
            AccountKind::Pool => "pool",
            AccountKind::Funder => "funder",
            AccountKind::Initiative => "initiative",
        }
    }

    pub fn parse(s: &str) -> Option<AccountKind> {
        match s {
            "budget_line" => Some(AccountKind::BudgetLine),
            "pool" => Some(AccountKind::Pool),
            "funder" => Some(AccountKind::Funder),
            "initiative" => Some(AccountKind::Initiative),
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
}

impl TransferKind {
    pub fn as_str(self) -> &'static str {
        match self {
            TransferKind::BudgetAllocation => "budget_allocation",
            TransferKind::BudgetToPool => "budget_to_pool",
            TransferKind::FunderContribution => "funder_contribution",
            TransferKind::Correction => "correction",
            TransferKind::Commitment => "commitment",
        }
    }

    pub fn parse(s: &str) -> Option<TransferKind> {
        match s {
            "budget_allocation" => Some(TransferKind::BudgetAllocation),
            "budget_to_pool" => Some(TransferKind::BudgetToPool),
            "funder_contribution" => Some(TransferKind::FunderContribution),
            "correction" => Some(TransferKind::Correction),
            "commitment" => Some(TransferKind::Commitment),
            _ => None,
        }
    }

    pub fn label_nl(self) -> &'static str {
        match self {
            TransferKind::BudgetAllocation => "Begroting vastgesteld",
            TransferKind::BudgetToPool => "Begrotingspost naar pot",
            TransferKind::FunderContribution => "Bijdrage financier",
            TransferKind::Correction => "Correctie",
            TransferKind::Commitment => "Toegekend aan plan (uitslag ronde)",
        }
    }
}

/// Four eyes: money leaving a budget line, and every correction, needs a second user.
pub fn needs_approval(kind: TransferKind, debit: AccountKind) -> bool {
    kind == TransferKind::Correction || debit == AccountKind::BudgetLine
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

/// Why a transfer request is refused. Messages are Dutch (B1) because finance staff read
/// them on the form they filled in.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LedgerError {
    #[error("Vul een bedrag groter dan € 0 in.")]
    AmountNotPositive,
    #[error("Van en naar zijn dezelfde rekening. Kies twee verschillende rekeningen.")]
    SameAccount,
    #[error("Schrijf kort op waarom u dit geld overboekt.")]
    MemoMissing,
    #[error("Vul het nummer van het raadsbesluit in. Dat is nodig als geld van een begrotingspost af gaat.")]
    DecisionRefMissing,
    #[error("Deze overboeking kan niet: {0}.")]
    KindNotAllowed(&'static str),
    #[error("Er staat niet genoeg geld op {account}. Beschikbaar: {}, gevraagd: {}.", crate::domain::money::format_eur(*available_cents), crate::domain::money::format_eur(*requested_cents))]
    InsufficientFunds {
        account: String,
        available_cents: i64,
        requested_cents: i64,
    },
    #[error("U kunt uw eigen overboeking niet goedkeuren. Een collega moet dat doen.")]
    OwnTransfer,
    #[error("Deze overboeking is al beoordeeld.")]
    AlreadyDecided,
    #[error("Deze overboeking hoeft niet goedgekeurd te worden.")]
    NoApprovalNeeded,
    #[error("Alleen een geboekte overboeking kan gecorrigeerd worden.")]
    CorrectionOfUnposted,
    #[error("Een correctie kan niet zelf gecorrigeerd worden. Maak een nieuwe overboeking.")]
    CorrectionOfCorrection,
    #[error("De correctie is groter dan wat er nog te corrigeren is ({}).", crate::domain::money::format_eur(*remaining_cents))]
    CorrectionTooLarge { remaining_cents: i64 },
    #[error(
        "Deze aanvraag is al eerder verstuurd met andere gegevens. Open het formulier opnieuw."
    )]
    IdempotencyConflict,
}

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
    if memo.trim().is_empty() {
        return Err(LedgerError::MemoMissing);
    }
    match kind {
        TransferKind::BudgetToPool => {
            if debit != AccountKind::BudgetLine || credit != AccountKind::Pool {
                return Err(LedgerError::KindNotAllowed(
                    "kies een begrotingspost als bron en een pot als bestemming",
                ));
            }
        }
        TransferKind::FunderContribution => {
            if debit != AccountKind::Funder || credit != AccountKind::Pool {
                return Err(LedgerError::KindNotAllowed(
                    "kies een financier als bron en een pot als bestemming",
                ));
            }
        }
        TransferKind::BudgetAllocation => {
            if debit != AccountKind::Funder || credit != AccountKind::BudgetLine {
                return Err(LedgerError::KindNotAllowed(
                    "de begroting zet alleen geld van de gemeente op een begrotingspost",
                ));
            }
        }
        TransferKind::Commitment => {
            if debit != AccountKind::Pool || credit != AccountKind::Initiative {
                return Err(LedgerError::KindNotAllowed(
                    "alleen de uitslag van een ronde zet geld van een pot op een plan",
                ));
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
            Err(LedgerError::KindNotAllowed(
                "kies een begrotingspost als bron en een pot als bestemming"
            ))
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
    fn status_follows_the_decision() {
        assert_eq!(TransferStatus::derive(false, None), TransferStatus::Posted);
        assert_eq!(TransferStatus::derive(true, None), TransferStatus::Pending);
        assert_eq!(
            TransferStatus::derive(true, Some(false)),
            TransferStatus::Rejected
        );
    }
}
