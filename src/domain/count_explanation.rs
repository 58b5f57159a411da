//! Why a plan was or was not funded, as the count decided it: one [`Why`] per step, with
//! its numbers (amounts already written as money, "€ 12.000"). Stored with the round's
//! result and put into words by the pages in the visitor's language
//! (`views::explanation`); the Dutch words are exactly those of the counting program's
//! own text (`tally::explain::explain_dutch`), which the result also keeps.

use serde::{Deserialize, Serialize};

/// One step of the explanation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "kebab-case")]
pub enum Why {
    /// Most votes first: its turn came (place `rank`) and it still fitted in what was left.
    Fitted {
        rank: u64,
        left: String,
        cost: String,
    },
    /// Funded when the money left over was spent (place `rank` among the plans left).
    FittedInCompletion { rank: u64, left: String },
    /// Most votes first: at its turn there was less left than it costs.
    DidNotFit {
        rank: u64,
        left: String,
        cost: String,
    },
    /// It did not fit when the money left over was spent either.
    DidNotFitInCompletion { left: String, cost: String },
    /// Equal score with `winner`, which went first by the tie rule; then too little was left.
    LostTie {
        winner: String,
        score: Score,
        tie: TieRule,
        left: String,
        cost: String,
    },
    /// Equal shares: funded in `round`, paid together by `payers` supporters.
    Shared {
        round: u64,
        per_voter: String,
        max_payment: String,
        payers: u64,
        /// Supporters who gave all they had left.
        paying_all: u64,
        /// Plans exactly as expensive per supporter that this plan went before.
        won_tie_against: Vec<String>,
        tie: TieRule,
    },
    /// Equal shares: its supporters together had less than it costs (`after_round` 0: from
    /// the start; else after that round, their money having gone to other plans).
    SupportersShort {
        after_round: u64,
        supporters_money: String,
        cost: String,
        /// A plan exactly as expensive that went first by the tie rule.
        lost_tie_to: Option<String>,
        tie: TieRule,
    },
    /// Nobody voted for it.
    NoSupport,
    /// Costs nothing and has support.
    Free,
    /// Costs nothing, so it does not count under this rule.
    ZeroCostIgnored,
    /// Its score is under the minimum.
    BelowThreshold {
        value: String,
        score: Score,
        threshold: String,
    },
    /// Funded without a single vote, because enough money was left at the end.
    FundedWithoutVotes,
}

/// What the ranking counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Score {
    Votes,
    Points,
    VotesPerEuro,
}

/// Who goes first on an equal score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TieRule {
    /// More votes, then cheaper, then the lower number.
    Fair,
    /// The lower number (compared as text).
    LowestNumber,
    /// The higher number (compared as text).
    HighestNumber,
}
