//! From the count's reasons (`tally::Reason`, exact amounts) to the stored explanation
//! ([`Why`], amounts written as money), so the pages can put it into the visitor's
//! language. The counting program's own Dutch text (`tally::explain::explain_dutch`) says
//! the same; `views::explanation` has the test that keeps the two equal.

use crate::domain::count_explanation::{Score, TieRule, Why};
use crate::tally::explain::money;
use crate::tally::{Explanation, Outcome, Reason, TieBreak};

fn count(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

/// The explanation of one plan, step by step.
pub fn why(e: &Explanation, outcome: &Outcome) -> Vec<Why> {
    let cur = outcome.currency.as_deref();
    let m = |exact: &str| money(exact, cur);
    let cost = m(&e.cost);
    let tie = match outcome.options.tie_break {
        TieBreak::Fair => TieRule::Fair,
        TieBreak::Id => TieRule::LowestNumber,
        TieBreak::ReverseId => TieRule::HighestNumber,
    };
    let score = match outcome.greedy_by.as_deref() {
        Some("points") => Score::Points,
        Some("votes-per-cost") => Score::VotesPerEuro,
        _ => Score::Votes,
    };
    let mut steps: Vec<Why> = e
        .reasons
        .iter()
        .map(|reason| match reason {
            Reason::Fitted {
                rank,
                remaining_before,
                completion: false,
            } => Why::Fitted {
                rank: count(*rank),
                left: m(remaining_before),
                cost: cost.clone(),
            },
            Reason::Fitted {
                rank,
                remaining_before,
                completion: true,
            } => Why::FittedInCompletion {
                rank: count(*rank),
                left: m(remaining_before),
            },
            Reason::DidNotFit {
                rank,
                remaining_before,
                completion: false,
            } => Why::DidNotFit {
                rank: count(*rank),
                left: m(remaining_before),
                cost: cost.clone(),
            },
            Reason::DidNotFit {
                remaining_before,
                completion: true,
                ..
            } => Why::DidNotFitInCompletion {
                left: m(remaining_before),
                cost: cost.clone(),
            },
            Reason::LostTie {
                winner,
                remaining_before,
                ..
            } => Why::LostTie {
                winner: winner.clone(),
                score,
                tie,
                left: m(remaining_before),
                cost: cost.clone(),
            },
            Reason::SharedBySupporters {
                round,
                per_voter_budget,
                max_payment,
                payers,
                paying_all,
                won_tie_against,
            } => Why::Shared {
                round: count(*round),
                per_voter: m(per_voter_budget),
                max_payment: m(max_payment),
                payers: *payers,
                paying_all: *paying_all,
                won_tie_against: won_tie_against.clone(),
                tie,
            },
            Reason::SupportersOutOfMoney {
                after_round,
                supporters_money,
                lost_tie_to,
                ..
            } => Why::SupportersShort {
                after_round: count(*after_round),
                supporters_money: m(supporters_money),
                cost: cost.clone(),
                lost_tie_to: lost_tie_to.clone(),
                tie,
            },
            Reason::NoSupport => Why::NoSupport,
            Reason::Free => Why::Free,
            Reason::ZeroCostIgnored => Why::ZeroCostIgnored,
            Reason::BelowThreshold {
                score: value,
                threshold,
            } => Why::BelowThreshold {
                value: value.clone(),
                score,
                threshold: threshold.clone(),
            },
        })
        .collect();
    if e.selected && e.votes == 0 {
        steps.push(Why::FundedWithoutVotes);
    }
    steps
}
