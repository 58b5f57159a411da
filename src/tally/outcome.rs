//! The result of a count: what was funded, in which order, and why each initiative was or was
//! not funded. Serializes to the JSON printed by `burgerbegroting tally --json`.

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::options::TallyOptions;

/// Why an initiative was (not) funded. Money is written as exact strings ("12000", "7/3").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "code", rename_all = "kebab-case")]
pub enum Reason {
    /// Greedy: it was next in line and still fitted in the money left.
    Fitted {
        /// Place in the greedy ranking (1 = most votes).
        rank: usize,
        remaining_before: String,
        completion: bool,
    },
    /// Greedy: when it was its turn, the money left was less than its cost.
    DidNotFit {
        rank: usize,
        remaining_before: String,
        completion: bool,
    },
    /// Greedy: it had exactly the same score as `winner`, which went first by the tie-break;
    /// had the order been the other way round, this one would have fitted at that point.
    LostTie {
        winner: String,
        rank: usize,
        remaining_before: String,
        completion: bool,
    },
    /// Equal shares: funded in this round; its supporters shared the cost.
    SharedBySupporters {
        round: usize,
        per_voter_budget: String,
        max_payment: String,
        payers: u64,
        paying_all: u64,
        /// Initiatives with exactly the same price that lost the tie-break to this one.
        won_tie_against: Vec<String>,
    },
    /// Equal shares: its supporters did not have enough money left (after `after_round`
    /// rounds; 0 = they never had enough); `supporters_money` is what they had together at
    /// that moment.
    SupportersOutOfMoney {
        after_round: usize,
        supporters_money: String,
        per_voter_budget: String,
        lost_tie_to: Option<String>,
    },
    /// Nobody voted for it (equal shares never funds such an initiative).
    NoSupport,
    /// Costs nothing and has support: funded before the rounds (as pabutools does).
    Free,
    /// Costs nothing, so with cost utilities nobody gains from it and equal shares skips it
    /// (pabutools behaves the same way).
    ZeroCostIgnored,
    /// Its score is under the election's minimum score (META `min_project_score_threshold`).
    BelowThreshold { score: String, threshold: String },
}

/// Everything about one initiative in the result.
#[derive(Debug, Clone, Serialize)]
pub struct Explanation {
    pub project: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub cost: String,
    pub votes: u64,
    pub points: String,
    pub selected: bool,
    /// Position in the selection order (1-based), if funded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub step: Option<usize>,
    /// The steps that decided it, in order (e.g. equal shares first, then the completion).
    pub reasons: Vec<Reason>,
}

/// The complete result.
#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    pub rule: String,
    pub completion: String,
    pub tie_break: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub greedy_by: Option<String>,
    pub threshold_applied: bool,
    pub voters: u64,
    pub budget: String,
    pub spent: String,
    pub left: String,
    /// For equal shares: the money per voter in the run that gave the result.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per_voter_budget: Option<String>,
    /// For the add1/exh completions: how many times the voters' money was raised.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub budget_raises: Option<u64>,
    /// Funded project ids in the order they were funded.
    pub selected: Vec<String>,
    /// sha256 of the sorted ids joined by "," (first 16 hex digits), as in run_rules.py.
    pub selected_hash: String,
    pub explanations: Vec<Explanation>,
    #[serde(skip)]
    pub options: TallyOptions,
    #[serde(skip)]
    pub currency: Option<String>,
}

/// Sorted ids (plain byte order = Python `str` order) and their short sha256, the comparison
/// key used by `run_rules.py` and the golden files.
pub fn canonical_ids(ids: &[String]) -> (Vec<String>, String) {
    let mut sorted = ids.to_vec();
    sorted.sort();
    let digest = Sha256::digest(sorted.join(",").as_bytes());
    let hash = hex::encode(digest);
    (sorted, hash[..16].to_string())
}
