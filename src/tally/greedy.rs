//! Greedy counting: sort the initiatives by score and walk down the list once, funding every
//! initiative that still fits in the money left and skipping the ones that do not.
//!
//! This mirrors pabutools' `greedy_utilitarian_welfare` for additive satisfactions: the sort
//! key is the "satisfaction density" total_sat / cost, exact, with the tie-break order as
//! secondary key. Projects with no support have density 0 and are, like in pabutools, still
//! funded at the very end if they fit.

use std::cmp::Ordering;

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{Signed, Zero};

use super::number::Amount;

/// What a project's greedy score is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum GreedyScore {
    /// Number of voters who chose it (pabutools `Cost_Sat`): what cities do.
    Votes,
    /// Sum of points (cumulative/scoring), or of `top − rank` (ordinal); equals votes for
    /// approval ballots.
    Points,
    /// Votes divided by cost (pabutools `Cardinality_Sat`, "greedy_card").
    VotesPerCost,
}

/// A project's density, ordered so that a bigger density sorts first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Density {
    Zero,
    Finite(BigRational),
    Infinite,
}

impl Density {
    /// pabutools: total_sat / cost; infinite when the cost is 0 and total_sat > 0; 0 when
    /// total_sat ≤ 0.
    pub(crate) fn new(total_sat: &Amount, cost: &Amount) -> Self {
        if !total_sat.is_positive() {
            Density::Zero
        } else if cost.is_zero() {
            Density::Infinite
        } else {
            Density::Finite(total_sat / cost)
        }
    }

    fn key(&self) -> (u8, Option<&BigRational>) {
        match self {
            Density::Zero => (0, None),
            Density::Finite(v) => (1, Some(v)),
            Density::Infinite => (2, None),
        }
    }
}

impl PartialOrd for Density {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Density {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key().cmp(&other.key())
    }
}

/// Total satisfaction of a project under a greedy score (pabutools' `total_sat`).
pub(crate) fn total_satisfaction(
    score: GreedyScore,
    votes: u64,
    points: &Amount,
    cost: &Amount,
) -> Amount {
    let votes = BigRational::from_integer(BigInt::from(votes));
    match score {
        GreedyScore::Votes => votes * cost,
        GreedyScore::Points => points * cost,
        GreedyScore::VotesPerCost => votes,
    }
}

/// One project met on the greedy walk.
#[derive(Debug, Clone)]
pub(crate) struct WalkStep {
    pub project: usize,
    pub selected: bool,
    pub remaining_before: Amount,
}

/// Result of a greedy walk.
#[derive(Debug, Clone)]
pub(crate) struct GreedyRun {
    /// Projects funded by this walk, in order.
    pub selected: Vec<usize>,
    /// Every project considered, in walk order.
    pub walk: Vec<WalkStep>,
    pub densities: Vec<Option<Density>>,
}

/// Runs greedy over `considered` projects (those not already funded), with `remaining` money.
/// `ranks` is the tie-break order (lower first).
pub(crate) fn run_greedy(
    costs: &[Amount],
    total_sats: &[Amount],
    considered: &[usize],
    ranks: &[usize],
    remaining: &Amount,
) -> GreedyRun {
    let mut densities: Vec<Option<Density>> = vec![None; costs.len()];
    for &p in considered {
        densities[p] = Some(Density::new(&total_sats[p], &costs[p]));
    }
    let mut order: Vec<usize> = considered.to_vec();
    order.sort_by(|&a, &b| {
        densities[b]
            .cmp(&densities[a])
            .then(ranks[a].cmp(&ranks[b]))
    });
    let mut remaining = remaining.clone();
    let mut selected = Vec::new();
    let mut walk = Vec::with_capacity(order.len());
    for p in order {
        let fits = costs[p] <= remaining;
        walk.push(WalkStep {
            project: p,
            selected: fits,
            remaining_before: remaining.clone(),
        });
        if fits {
            remaining -= &costs[p];
            selected.push(p);
        }
    }
    GreedyRun {
        selected,
        walk,
        densities,
    }
}
