//! The Method of Equal Shares (MES), exactly as pabutools 1.2.3 computes it for approval-type
//! ballots (one utility value per project, shared by all its supporters).
//!
//! Every voter starts with the same share of the budget. In each round, every initiative that
//! its supporters can still pay for gets a price ρ: the smallest amount such that, if every
//! supporter pays ρ·u (or everything they have left when that is less), the cost is covered.
//! The initiative with the lowest ρ is funded, its supporters pay, and the next round starts.
//! It stops when no initiative can be paid by its own supporters any more.
//!
//! Speed without floats: voters are kept in *budget classes* (all voters whose money left is
//! the same number), and all money is stored as integers over one common denominator `D`,
//! which grows only when a payment needs a finer unit. Comparisons are then integer
//! comparisons; no rounding ever happens.

use num_bigint::BigInt;
use num_integer::Integer;
use num_rational::BigRational;
use num_traits::{One, Signed, Zero};

use super::number::Amount;
use super::profile::Profile;

/// Utility of a supporter for an initiative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Utility {
    /// u = cost of the initiative (pabutools `Cost_Sat`; "mes-cost").
    Cost,
    /// u = 1 (pabutools `Cardinality_Sat`; "mes-approval", equalshares.net's default).
    Approval,
}

/// What MES needs to know about the election.
pub(crate) struct MesSetup<'a> {
    pub profile: &'a Profile,
    pub costs: &'a [Amount],
    pub utility: Utility,
    /// Tie-break rank per project (lower wins).
    pub ranks: &'a [usize],
    /// Projects MES may fund: supported and with a positive cost.
    pub candidates: Vec<usize>,
}

/// One funded initiative.
#[derive(Debug, Clone)]
pub(crate) struct MesRound {
    pub project: usize,
    /// The most any supporter paid (ρ·u).
    pub max_payment: Amount,
    /// Supporters who still had money when it was funded.
    pub payers: u64,
    /// Of those, how many paid everything they had left.
    pub paying_all: u64,
    /// Other initiatives with exactly the same price that lost the tie-break.
    pub tied: Vec<usize>,
}

/// The outcome of one MES run.
#[derive(Debug, Clone, Default)]
pub(crate) struct MesRun {
    pub rounds: Vec<MesRound>,
    /// Only filled when tracing: for each unfunded candidate, after how many rounds its
    /// supporters no longer had enough money (0 = never had).
    pub dropped_after: Vec<Option<usize>>,
    /// Only filled when tracing: supporters' money left at the end, per unfunded candidate.
    pub money_left: Vec<Option<Amount>>,
    /// Only filled when tracing: the first initiative that won a tie against this one.
    pub lost_tie_to: Vec<Option<usize>>,
}

impl MesRun {
    pub fn selected(&self) -> Vec<usize> {
        self.rounds.iter().map(|r| r.project).collect()
    }
}

/// A price ρ as an unreduced fraction; compared by cross-multiplication.
#[derive(Debug, Clone)]
struct Price {
    num: BigInt,
    den: BigInt,
}

impl Price {
    fn cmp(&self, other: &Price) -> std::cmp::Ordering {
        (&self.num * &other.den).cmp(&(&other.num * &self.den))
    }
}

/// Mutable state of a run: money per budget class, all over the common denominator `scale`.
struct State {
    scale: BigInt,
    /// Budget (numerator over `scale`) per class. Class 0 is "no money left".
    budget: Vec<BigInt>,
    size: Vec<u64>,
    group_class: Vec<u32>,
    /// Cost numerators over `scale`, per project.
    cost: Vec<BigInt>,
    /// Scratch: supporters per class for the project being looked at.
    count: Vec<u64>,
    touched: Vec<u32>,
}

/// Result of pricing one initiative: `x / (k · scale)` is the payment per full-paying supporter.
struct Pricing {
    x: BigInt,
    k: u64,
}

impl State {
    fn new(setup: &MesSetup, per_voter: &Amount) -> Self {
        // Common denominator: the per-voter budget's and every candidate cost's.
        let mut scale = per_voter.denom().clone();
        for &p in &setup.candidates {
            scale = scale.lcm(setup.costs[p].denom());
        }
        let start = per_voter.numer() * (&scale / per_voter.denom());
        let cost = setup
            .costs
            .iter()
            .map(|c| c.numer() * (&scale / c.denom()))
            .collect();
        let groups = &setup.profile.groups;
        let voters: u64 = groups.iter().map(|g| g.voters).sum();
        State {
            scale,
            budget: vec![BigInt::zero(), start],
            size: vec![0, voters],
            group_class: vec![1; groups.len()],
            cost,
            count: vec![0; 2],
            touched: Vec::new(),
        }
    }

    /// Collects the supporters of `p` per class (money-less class 0 left out) into
    /// `count`/`touched`, and returns their total money (numerator over `scale`).
    fn gather(&mut self, setup: &MesSetup, p: usize) -> BigInt {
        self.touched.clear();
        let groups = &setup.profile.groups;
        for &g in &setup.profile.supporters[p] {
            let c = self.group_class[g as usize] as usize;
            if c == 0 {
                continue;
            }
            if self.count[c] == 0 {
                self.touched.push(c as u32);
            }
            self.count[c] += groups[g as usize].voters;
        }
        let mut total = BigInt::zero();
        for &c in &self.touched {
            total += &self.budget[c as usize] * self.count[c as usize];
        }
        total
    }

    fn clear_counts(&mut self) {
        for &c in &self.touched {
            self.count[c as usize] = 0;
        }
    }

    /// pabutools' affordability loop: supporters from poorest to richest; the first one who
    /// can pay the equal remaining share fixes the price. Call after [`State::gather`].
    fn price(&mut self, p: usize) -> Pricing {
        let budget = &self.budget;
        self.touched
            .sort_by(|&a, &b| budget[a as usize].cmp(&budget[b as usize]));
        let mut k: u64 = self.touched.iter().map(|&c| self.count[c as usize]).sum();
        let mut paid = BigInt::zero();
        let cost = &self.cost[p];
        for &c in &self.touched {
            let c = c as usize;
            let rest = cost - &paid;
            if rest <= &self.budget[c] * k {
                return Pricing { x: rest, k };
            }
            paid += &self.budget[c] * self.count[c];
            k -= self.count[c];
        }
        // Unreachable when the supporters' total money covers the cost (checked by the
        // caller); returning the full cost keeps us panic-free anyway.
        Pricing {
            x: cost.clone(),
            k: 1,
        }
    }

    fn price_ratio(&self, setup: &MesSetup, p: usize, pricing: &Pricing) -> Price {
        let k = BigInt::from(pricing.k);
        match setup.utility {
            // ρ = payment / 1
            Utility::Approval => Price {
                num: pricing.x.clone(),
                den: k * &self.scale,
            },
            // ρ = payment / cost = (x / (k·scale)) / (cost_num / scale)
            Utility::Cost => Price {
                num: pricing.x.clone(),
                den: k * &self.cost[p],
            },
        }
    }

    /// Makes every supporter of `p` pay min(money left, x/(k·scale)).
    fn pay(&mut self, setup: &MesSetup, p: usize, pricing: &Pricing) -> (Amount, u64, u64) {
        let k = BigInt::from(pricing.k);
        let g = pricing.x.gcd(&k);
        let refine = &k / &g;
        let payment = &pricing.x / &g;
        if !refine.is_one() {
            self.scale *= &refine;
            for b in self.budget.iter_mut() {
                *b *= &refine;
            }
            for c in self.cost.iter_mut() {
                *c *= &refine;
            }
        }
        let max_payment = BigRational::new(payment.clone(), self.scale.clone());
        self.gather(setup, p);
        let mut payers = 0u64;
        let mut paying_all = 0u64;
        let mut new_class = vec![0u32; self.touched.len()];
        for (i, &c) in self.touched.iter().enumerate() {
            let c = c as usize;
            let n = self.count[c];
            payers += n;
            if self.budget[c] <= payment {
                paying_all += n;
                self.size[c] -= n;
                self.size[0] += n;
                new_class[i] = 0;
            } else if n == self.size[c] {
                // The whole class pays: change its money in place.
                self.budget[c] -= &payment;
                new_class[i] = c as u32;
            } else {
                self.size[c] -= n;
                self.budget.push(&self.budget[c] - &payment);
                self.size.push(n);
                self.count.push(0);
                new_class[i] = (self.budget.len() - 1) as u32;
            }
        }
        // Map old class → new class for the supporters, then move them.
        let mut map = vec![u32::MAX; self.budget.len()];
        for (i, &c) in self.touched.iter().enumerate() {
            map[c as usize] = new_class[i];
        }
        self.clear_counts();
        for &g in &setup.profile.supporters[p] {
            let c = self.group_class[g as usize] as usize;
            if c != 0 && map[c] != u32::MAX {
                self.group_class[g as usize] = map[c];
            }
        }
        (max_payment, payers, paying_all)
    }
}

/// Runs MES with `per_voter` money per voter. With `trace`, also records why unfunded
/// candidates were not funded (costs one extra pass per round).
pub(crate) fn run_mes(setup: &MesSetup, per_voter: &Amount, trace: bool) -> MesRun {
    let m = setup.costs.len();
    let mut run = MesRun::default();
    if trace {
        run.dropped_after = vec![None; m];
        run.money_left = vec![None; m];
        run.lost_tie_to = vec![None; m];
    }
    if setup.profile.voter_count == 0 || !per_voter.is_positive() {
        if trace {
            for &p in &setup.candidates {
                run.dropped_after[p] = Some(0);
                run.money_left[p] = Some(BigRational::zero());
            }
        }
        return run;
    }
    let mut state = State::new(setup, per_voter);
    // Lower bound on each candidate's price (prices only go up as money is spent).
    let mut bound: Vec<Option<Price>> = vec![None; m];
    for &p in &setup.candidates {
        let votes = BigInt::from(setup.profile.votes[p]);
        bound[p] = Some(match setup.utility {
            Utility::Cost => Price {
                num: BigInt::one(),
                den: votes,
            },
            Utility::Approval => Price {
                num: setup.costs[p].numer().clone(),
                den: setup.costs[p].denom() * votes,
            },
        });
    }
    let mut alive: Vec<usize> = setup.candidates.clone();
    if trace {
        mark_dropped(setup, &mut state, &mut alive, &mut run, 0);
    }
    loop {
        alive.sort_by(|&a, &b| match (&bound[a], &bound[b]) {
            (Some(x), Some(y)) => x.cmp(y),
            _ => std::cmp::Ordering::Equal,
        });
        let mut best: Option<Price> = None;
        let mut tied: Vec<(usize, Pricing)> = Vec::new();
        let mut dead: Vec<usize> = Vec::new();
        for &p in &alive {
            let available = state.gather(setup, p);
            if available < state.cost[p] {
                state.clear_counts();
                dead.push(p);
                continue;
            }
            if let (Some(b), Some(lb)) = (&best, &bound[p]) {
                if lb.cmp(b).is_gt() {
                    state.clear_counts();
                    break;
                }
            }
            let pricing = state.price(p);
            state.clear_counts();
            let price = state.price_ratio(setup, p, &pricing);
            let order = best.as_ref().map(|b| price.cmp(b));
            match order {
                None | Some(std::cmp::Ordering::Less) => {
                    best = Some(price.clone());
                    tied.clear();
                    tied.push((p, pricing));
                }
                Some(std::cmp::Ordering::Equal) => tied.push((p, pricing)),
                Some(std::cmp::Ordering::Greater) => {}
            }
            bound[p] = Some(price);
        }
        if trace {
            for &p in &dead {
                if run.dropped_after[p].is_none() {
                    run.dropped_after[p] = Some(run.rounds.len());
                }
            }
        }
        alive.retain(|p| !dead.contains(p));
        if tied.is_empty() {
            break;
        }
        tied.sort_by_key(|(p, _)| setup.ranks[*p]);
        let losers: Vec<usize> = tied.iter().skip(1).map(|(p, _)| *p).collect();
        let (winner, pricing) = tied.swap_remove(0);
        let (max_payment, payers, paying_all) = state.pay(setup, winner, &pricing);
        alive.retain(|&p| p != winner);
        if trace {
            for &l in &losers {
                if run.lost_tie_to[l].is_none() {
                    run.lost_tie_to[l] = Some(winner);
                }
            }
        }
        run.rounds.push(MesRound {
            project: winner,
            max_payment,
            payers,
            paying_all,
            tied: losers,
        });
        if trace {
            let round = run.rounds.len();
            mark_dropped(setup, &mut state, &mut alive, &mut run, round);
        }
    }
    if trace {
        let funded = run.selected();
        for &p in &setup.candidates {
            if funded.contains(&p) {
                continue;
            }
            let money = state.gather(setup, p);
            state.clear_counts();
            run.money_left[p] = Some(BigRational::new(money, state.scale.clone()));
            if run.dropped_after[p].is_none() {
                run.dropped_after[p] = Some(run.rounds.len());
            }
        }
    }
    run
}

/// Tracing only: notes which candidates their supporters can no longer pay for.
fn mark_dropped(
    setup: &MesSetup,
    state: &mut State,
    alive: &mut Vec<usize>,
    run: &mut MesRun,
    round: usize,
) {
    alive.retain(|&p| {
        let money = state.gather(setup, p);
        state.clear_counts();
        if money < state.cost[p] {
            run.dropped_after[p] = Some(round);
            false
        } else {
            true
        }
    });
}
