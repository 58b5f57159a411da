//! Property tests of the counting rules on small random elections.

use burgerbegroting::tally::{
    tally, Ballot, Completion, Election, GreedyScore, Project, Rule, TallyOptions, TieBreak,
    VoteType,
};
use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{One, Zero};
use proptest::prelude::*;

type Q = BigRational;

fn q(n: u64) -> Q {
    Q::from_integer(BigInt::from(n))
}

/// Ids chosen so that text order differs from number order ("10" < "2").
const IDS: [&str; 7] = ["1", "2", "10", "11", "3", "A", "b"];

fn election(costs: &[u64], ballots: &[Vec<u32>], budget: u64) -> Election {
    Election {
        budget: q(budget),
        vote_type: VoteType::Approval,
        projects: costs
            .iter()
            .enumerate()
            .map(|(i, &c)| Project {
                id: IDS[i].to_string(),
                cost: q(c),
                name: None,
                selected: None,
            })
            .collect(),
        ballots: ballots
            .iter()
            .map(|b| Ballot {
                projects: b.clone(),
                points: Vec::new(),
            })
            .collect(),
        meta_rule: None,
        currency: None,
        score_threshold: None,
        ordinal_top_points: costs.len() as u64,
        description: None,
    }
}

/// (costs, ballots, budget): up to 7 projects, up to 12 voters.
fn instance() -> impl Strategy<Value = (Vec<u64>, Vec<Vec<u32>>, u64)> {
    (1usize..=7).prop_flat_map(|m| {
        (
            prop::collection::vec(1u64..40, m),
            prop::collection::vec(prop::collection::btree_set(0..m as u32, 0..=m), 0..12),
            0u64..150,
        )
            .prop_map(|(costs, ballots, budget)| {
                (
                    costs,
                    ballots
                        .into_iter()
                        .map(|s| s.into_iter().collect())
                        .collect(),
                    budget,
                )
            })
    })
}

fn spent(e: &Election, selected: &[String]) -> Q {
    selected.iter().fold(Q::zero(), |acc, id| {
        let p = e.project_index(id).expect("selected id exists");
        acc + &e.projects[p].cost
    })
}

/// MES written straight from its definition (equalshares.net; pabutools' `naive_mes`): every
/// voter gets `per_voter`; each round, among projects whose supporters can pay the cost, find
/// for each the smallest ρ with Σ_i min(b_i, ρ·u(p)) = cost(p) and fund the one with the
/// smallest ρ (ties: smaller id as text); supporters pay min(b_i, ρ·u(p)). One entry per voter,
/// plain rationals, no grouping, no shortcuts.
fn reference_mes(
    costs: &[u64],
    ballots: &[Vec<u32>],
    per_voter: &Q,
    cost_utility: bool,
) -> Vec<usize> {
    let m = costs.len();
    let mut money = vec![per_voter.clone(); ballots.len()];
    let mut funded: Vec<usize> = Vec::new();
    loop {
        let mut best: Option<(Q, usize)> = None;
        for p in 0..m {
            if funded.contains(&p) {
                continue;
            }
            let cost = q(costs[p]);
            let supporters: Vec<usize> = (0..ballots.len())
                .filter(|&i| ballots[i].contains(&(p as u32)))
                .collect();
            let total = supporters.iter().fold(Q::zero(), |a, &i| a + &money[i]);
            if supporters.is_empty() || total < cost {
                continue;
            }
            let u = if cost_utility { cost.clone() } else { Q::one() };
            let mut budgets: Vec<Q> = supporters.iter().map(|&i| money[i].clone()).collect();
            budgets.sort();
            let mut paid = Q::zero();
            let mut rho = None;
            for (j, b) in budgets.iter().enumerate() {
                let rest = q((budgets.len() - j) as u64);
                let r = (&cost - &paid) / (&rest * &u);
                if &r * &u <= *b {
                    rho = Some(r);
                    break;
                }
                paid += b;
            }
            let Some(rho) = rho else { continue };
            let better = match &best {
                None => true,
                Some((r, bp)) => rho < *r || (rho == *r && IDS[p] < IDS[*bp]),
            };
            if better {
                best = Some((rho, p));
            }
        }
        let Some((rho, p)) = best else { return funded };
        let pay = if cost_utility {
            &rho * q(costs[p])
        } else {
            rho
        };
        for (i, b) in ballots.iter().enumerate() {
            if b.contains(&(p as u32)) {
                let amount = if money[i] < pay {
                    money[i].clone()
                } else {
                    pay.clone()
                };
                money[i] -= amount;
            }
        }
        funded.push(p);
    }
}

/// pabutools' Add1 written plainly: raise the per-voter money by 1 until the outcome would not
/// fit (take the previous one) or nothing more fits.
fn reference_add1(
    costs: &[u64],
    ballots: &[Vec<u32>],
    budget: u64,
    cost_utility: bool,
) -> Vec<usize> {
    let n = ballots.len() as u64;
    if n == 0 {
        return Vec::new();
    }
    let candidates: Vec<usize> = (0..costs.len())
        .filter(|&p| ballots.iter().any(|b| b.contains(&(p as u32))))
        .collect();
    let mut b = Q::new(BigInt::from(budget), BigInt::from(n));
    let mut previous = Vec::new();
    loop {
        let out = reference_mes(costs, ballots, &b, cost_utility);
        let cost: u64 = out.iter().map(|&p| costs[p]).sum();
        if cost > budget {
            return previous;
        }
        if candidates
            .iter()
            .all(|p| out.contains(p) || costs[*p] + cost > budget)
        {
            return out;
        }
        previous = out;
        b += Q::one();
    }
}

const ALL_COMPLETIONS: [Completion; 8] = [
    Completion::None,
    Completion::Greedy,
    Completion::Add1,
    Completion::Add1Only,
    Completion::Add1Last,
    Completion::Add1Integral,
    Completion::Add1IntegralLast,
    Completion::Exh,
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn never_over_budget((costs, ballots, budget) in instance()) {
        let e = election(&costs, &ballots, budget);
        for tie_break in [TieBreak::Fair, TieBreak::Id, TieBreak::ReverseId] {
            for score in [GreedyScore::Votes, GreedyScore::VotesPerCost] {
                let options = TallyOptions { greedy_by: Some(score), ..TallyOptions::new(Rule::Greedy, Completion::None, tie_break) };
                let out = tally(&e, &options).map_err(|x| TestCaseError::fail(x.to_string()))?;
                prop_assert!(spent(&e, &out.selected) <= e.budget);
            }
            for rule in [Rule::MesCost, Rule::MesApproval] {
                for completion in ALL_COMPLETIONS {
                    if completion == Completion::Exh && costs.iter().sum::<u64>() < 100 {
                        continue; // its step (1% of the total cost) would be 0
                    }
                    let out = tally(&e, &TallyOptions::new(rule, completion, tie_break)).map_err(|x| TestCaseError::fail(x.to_string()))?;
                    prop_assert!(spent(&e, &out.selected) <= e.budget, "{:?} {:?}", rule, completion);
                    prop_assert_eq!(out.explanations.iter().filter(|x| x.selected).count(), out.selected.len());
                }
            }
        }
    }

    #[test]
    fn greedy_with_enough_money_selects_everything_voted_for((costs, ballots, _b) in instance()) {
        let budget: u64 = costs.iter().sum();
        let e = election(&costs, &ballots, budget);
        for tie_break in [TieBreak::Fair, TieBreak::Id] {
            let out = tally(&e, &TallyOptions::new(Rule::Greedy, Completion::None, tie_break)).map_err(|x| TestCaseError::fail(x.to_string()))?;
            for (p, id) in IDS.iter().enumerate().take(costs.len()) {
                if ballots.iter().any(|b| b.contains(&(p as u32))) {
                    prop_assert!(out.selected.iter().any(|s| s == id), "{} has votes but was not selected", id);
                }
            }
        }
    }

    #[test]
    fn mes_equals_reference_implementation((costs, ballots, budget) in instance()) {
        let e = election(&costs, &ballots, budget);
        for (rule, cost_utility) in [(Rule::MesCost, true), (Rule::MesApproval, false)] {
            let out = tally(&e, &TallyOptions::new(rule, Completion::None, TieBreak::Id)).map_err(|x| TestCaseError::fail(x.to_string()))?;
            let per_voter = if ballots.is_empty() { Q::zero() } else { Q::new(BigInt::from(budget), BigInt::from(ballots.len())) };
            let expected: Vec<String> = reference_mes(&costs, &ballots, &per_voter, cost_utility).into_iter().map(|p| IDS[p].to_string()).collect();
            // Same projects in the same order.
            prop_assert_eq!(&out.selected, &expected, "{:?}", rule);
        }
    }

    #[test]
    fn mes_add1_equals_reference_implementation((costs, ballots, budget) in instance()) {
        let e = election(&costs, &ballots, budget);
        for (rule, cost_utility) in [(Rule::MesCost, true), (Rule::MesApproval, false)] {
            let out = tally(&e, &TallyOptions::new(rule, Completion::Add1Only, TieBreak::Id)).map_err(|x| TestCaseError::fail(x.to_string()))?;
            let expected: Vec<String> = reference_add1(&costs, &ballots, budget, cost_utility).into_iter().map(|p| IDS[p].to_string()).collect();
            prop_assert_eq!(&out.selected, &expected, "{:?}", rule);
        }
    }

    #[test]
    fn extra_ballot_for_a_winner_keeps_it_under_greedy((costs, ballots, budget) in instance(), pick in 0usize..7) {
        let e = election(&costs, &ballots, budget);
        for tie_break in [TieBreak::Fair, TieBreak::Id, TieBreak::ReverseId] {
            let options = TallyOptions::new(Rule::Greedy, Completion::None, tie_break);
            let before = tally(&e, &options).map_err(|x| TestCaseError::fail(x.to_string()))?;
            if before.selected.is_empty() {
                continue;
            }
            let winner = before.selected[pick % before.selected.len()].clone();
            let p = e.project_index(&winner).expect("winner exists") as u32;
            let mut more = ballots.clone();
            more.push(vec![p]);
            let after = tally(&election(&costs, &more, budget), &options).map_err(|x| TestCaseError::fail(x.to_string()))?;
            prop_assert!(after.selected.contains(&winner), "{} lost after an extra vote", winner);
        }
    }
}
