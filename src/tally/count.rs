//! Runs a rule on an election and assembles the explained outcome.

use num_bigint::BigInt;
use num_integer::Integer;
use num_rational::BigRational;
use num_traits::{One, Zero};

use super::election::{Election, VoteType};
use super::greedy::{run_greedy, total_satisfaction, GreedyRun, GreedyScore};
use super::mes::{run_mes, MesRun, MesSetup, Utility};
use super::number::{exact_string, Amount};
use super::options::{Completion, Rule, TallyOptions};
use super::outcome::{canonical_ids, Explanation, Outcome, Reason};
use super::profile::Profile;
use super::raise::{raise_until, RaisePlan};

/// Raising the voters' money by 1 at a time could in theory take millions of MES runs
/// (projects far more expensive than a voter's share); we stop with an error instead of
/// running for hours.
pub const MAX_BUDGET_RAISES: u64 = 200_000;

/// Why a count could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TallyError {
    #[error(
        "the completion '{0}' only applies to the equal shares rules (mes-cost, mes-approval)"
    )]
    CompletionNeedsMes(&'static str),
    #[error("the voters' money was raised {0} times without reaching a result; giving up")]
    TooManyRaises(u64),
    #[error(
        "the exh completion needs a total project cost of at least 100 (its step is 1% of it)"
    )]
    ZeroStep,
}

/// Counts an election.
pub fn tally(election: &Election, options: &TallyOptions) -> Result<Outcome, TallyError> {
    let profile = Profile::new(election);
    tally_profile(election, &profile, options)
}

/// Counts an election whose profile (`Profile::new(election)`) is already built, so that
/// several rules can share it and benchmarks can time the rule alone.
pub fn tally_profile(
    election: &Election,
    profile: &Profile,
    options: &TallyOptions,
) -> Result<Outcome, TallyError> {
    if profile.votes.len() != election.projects.len()
        || profile.voter_count != election.voter_count()
    {
        // A profile of another election: count this one properly rather than index out of
        // bounds.
        return tally(election, options);
    }
    count(election, profile, options)
}

/// An election read straight into its groups of identical ballots: what the command line
/// counts. For the large pabulib files this skips the list of 60,000–130,000 ballots that
/// [`Election::parse`] builds and [`Profile::new`] then groups; the result of
/// [`GroupedElection::tally`] is that of [`tally`] on [`Election::parse`]'s election, and a
/// file that does not read gives the same error.
#[derive(Debug, Clone)]
pub struct GroupedElection {
    /// Without `ballots` when read by the direct path (they are only in `profile`), so it is
    /// not handed out.
    election: Election,
    profile: Profile,
}

impl GroupedElection {
    /// Reads `.pb` text (as [`Election::parse`]) and groups its ballots.
    pub fn parse(text: &str) -> Result<Self, super::error::PbError> {
        if let Some((election, profile)) = super::election::parse_grouped(text) {
            return Ok(GroupedElection { election, profile });
        }
        // Anything the direct path does not handle alike (and every error) goes the
        // general way.
        let election = Election::parse(text)?;
        let profile = Profile::new(&election);
        Ok(GroupedElection { election, profile })
    }

    /// The grouped ballots.
    pub fn profile(&self) -> &Profile {
        &self.profile
    }

    /// Counts the election.
    pub fn tally(&self, options: &TallyOptions) -> Result<Outcome, TallyError> {
        count(&self.election, &self.profile, options)
    }
}

/// Counts with a profile known to be `election`'s (its `ballots` are not looked at).
fn count(
    election: &Election,
    profile: &Profile,
    options: &TallyOptions,
) -> Result<Outcome, TallyError> {
    let ctx = Context::new(election, profile, options);
    let decided = match options.rule {
        Rule::Greedy => {
            if options.completion != Completion::None {
                return Err(TallyError::CompletionNeedsMes(options.completion.name()));
            }
            ctx.greedy_only()
        }
        Rule::MesCost => ctx.equal_shares(Utility::Cost)?,
        Rule::MesApproval => ctx.equal_shares(Utility::Approval)?,
    };
    Ok(ctx.assemble(decided))
}

struct Context<'a> {
    election: &'a Election,
    profile: &'a Profile,
    options: &'a TallyOptions,
    costs: Vec<Amount>,
    ranks: Vec<usize>,
    eligible: Vec<bool>,
    greedy_by: GreedyScore,
}

/// What the rule decided, before it is turned into explanations.
struct Decision {
    selection: Vec<usize>,
    /// The greedy walk (the rule itself, or the completion after equal shares: `true`).
    greedy: Option<(GreedyRun, bool)>,
    mes: Option<MesDecision>,
}

/// What equal shares did, kept for the explanations.
struct MesDecision {
    free: Vec<usize>,
    candidates: Vec<bool>,
    per_voter: Option<Amount>,
    raises: Option<u64>,
    trace: MesRun,
}

impl<'a> Context<'a> {
    fn new(election: &'a Election, profile: &'a Profile, options: &'a TallyOptions) -> Self {
        let costs: Vec<Amount> = election.projects.iter().map(|p| p.cost.clone()).collect();
        let ranks = options.tie_break.ranks(election, profile);
        let eligible = (0..costs.len())
            .map(
                |p| match (&election.score_threshold, options.apply_threshold) {
                    (Some(threshold), true) => &profile.points[p] >= threshold,
                    _ => true,
                },
            )
            .collect();
        let greedy_by = options.greedy_by.unwrap_or(match election.vote_type {
            VoteType::Cumulative | VoteType::Scoring => GreedyScore::Points,
            _ => GreedyScore::Votes,
        });
        Context {
            election,
            profile,
            options,
            costs,
            ranks,
            eligible,
            greedy_by,
        }
    }

    fn eligible_projects(&self) -> Vec<usize> {
        (0..self.costs.len())
            .filter(|&p| self.eligible[p])
            .collect()
    }

    fn spent(&self, selection: &[usize]) -> Amount {
        selection
            .iter()
            .fold(BigRational::zero(), |acc, &p| acc + &self.costs[p])
    }

    fn greedy_walk(&self, score: GreedyScore, already: &[usize]) -> GreedyRun {
        let total_sats: Vec<Amount> = (0..self.costs.len())
            .map(|p| {
                total_satisfaction(
                    score,
                    self.profile.votes[p],
                    &self.profile.points[p],
                    &self.costs[p],
                )
            })
            .collect();
        let considered: Vec<usize> = self
            .eligible_projects()
            .into_iter()
            .filter(|p| !already.contains(p))
            .collect();
        let remaining = &self.election.budget - self.spent(already);
        run_greedy(
            &self.costs,
            &total_sats,
            &considered,
            &self.ranks,
            &remaining,
        )
    }

    fn greedy_only(&self) -> Decision {
        let run = self.greedy_walk(self.greedy_by, &[]);
        Decision {
            selection: run.selected.clone(),
            greedy: Some((run, false)),
            mes: None,
        }
    }

    /// No unfunded project among `among` fits in the money left.
    fn exhaustive(&self, selection: &[usize], among: &[usize]) -> bool {
        let left = &self.election.budget - self.spent(selection);
        among
            .iter()
            .all(|p| selection.contains(p) || self.costs[*p] > left)
    }

    fn feasible(&self, selection: &[usize]) -> bool {
        self.spent(selection) <= self.election.budget
    }

    fn equal_shares(&self, utility: Utility) -> Result<Decision, TallyError> {
        let m = self.costs.len();
        let supported = |p: usize| self.eligible[p] && self.profile.votes[p] > 0;
        // pabutools: candidates have total satisfaction > 0 and a positive cost; with cost
        // utilities a free project has satisfaction 0 and is ignored, with approval
        // utilities it is funded up front.
        let candidates: Vec<usize> = (0..m)
            .filter(|&p| supported(p) && self.costs[p] > BigRational::zero())
            .collect();
        let free: Vec<usize> = match utility {
            Utility::Approval => (0..m)
                .filter(|&p| supported(p) && self.costs[p].is_zero())
                .collect(),
            Utility::Cost => Vec::new(),
        };
        let setup = MesSetup {
            profile: self.profile,
            costs: &self.costs,
            utility,
            ranks: &self.ranks,
            candidates: candidates.clone(),
        };
        let n = self.profile.voter_count;
        let budget = &self.election.budget;
        let all = self.eligible_projects();
        let with_free = |run: &MesRun| {
            let mut s = free.clone();
            s.extend(run.selected());
            s
        };
        let mut traced: Option<MesRun> = None;
        let (per_voter, raises, mut selection) = if n == 0 {
            // pabutools returns the empty allocation when there are no ballots at all.
            (None, None, Vec::new())
        } else {
            let n_big = BigRational::from_integer(BigInt::from(n));
            let share = budget / &n_big;
            let floor_share =
                BigRational::from_integer(budget.to_integer().div_floor(n_big.numer()));
            // exhaustion_by_budget_increase stops once the total budget passes B·(n+1).
            let bound = budget * BigRational::from_integer(BigInt::from(n + 1)) / &n_big;
            let one = BigRational::one();
            let count = |b: &Amount| with_free(&run_mes(&setup, b, false));
            let fits = |sel: &[usize]| self.feasible(sel);
            // Everything supported is funded and fits: more money cannot change that, so
            // this is also the result pabutools' loops end with.
            let all_funded = |sel: &[usize]| candidates.iter().all(|p| sel.contains(p));
            let raised = match self.options.completion {
                Completion::None | Completion::Greedy => None,
                Completion::Add1 | Completion::Add1Only | Completion::Add1Integral => {
                    let start = if self.options.completion == Completion::Add1Integral {
                        floor_share.clone()
                    } else {
                        share.clone()
                    };
                    let plan = RaisePlan {
                        start,
                        step: one,
                        bound: None,
                    };
                    Some(raise_until(plan, free.clone(), count, fits, |sel| {
                        self.exhaustive(sel, &candidates)
                    })?)
                }
                Completion::Add1Last => {
                    let plan = RaisePlan {
                        start: share.clone(),
                        step: one,
                        bound: Some(bound),
                    };
                    Some(raise_until(plan, free.clone(), count, fits, all_funded)?)
                }
                Completion::Add1IntegralLast => {
                    let plan = RaisePlan {
                        start: floor_share.clone(),
                        step: one,
                        bound: None,
                    };
                    Some(raise_until(plan, free.clone(), count, fits, all_funded)?)
                }
                Completion::Exh => {
                    // The total budget grows by int(total cost of all projects / 100).
                    let total_cost = all
                        .iter()
                        .fold(BigRational::zero(), |acc, &p| acc + &self.costs[p]);
                    let step = BigRational::from_integer(
                        (total_cost / BigRational::from_integer(BigInt::from(100u32))).to_integer(),
                    );
                    let plan = RaisePlan {
                        start: share.clone(),
                        step: step / &n_big,
                        bound: Some(bound),
                    };
                    Some(raise_until(plan, free.clone(), count, fits, |sel| {
                        self.exhaustive(sel, &all) || all_funded(sel)
                    })?)
                }
            };
            match raised {
                Some(r) => (r.per_voter, Some(r.raises), r.selection),
                None => {
                    // A single run: trace it right away instead of running it twice.
                    let run = run_mes(&setup, &share, true);
                    let sel = with_free(&run);
                    traced = Some(run);
                    (Some(share), None, sel)
                }
            }
        };
        // Re-run the deciding MES once more with tracing on, for the explanations.
        let trace = match (traced, &per_voter) {
            (Some(run), _) => run,
            (None, Some(b)) => run_mes(&setup, b, true),
            (None, None) => run_mes(&setup, &BigRational::zero(), true),
        };
        let completion_score = match (self.options.completion, utility) {
            (Completion::Greedy | Completion::Add1, _) => Some(GreedyScore::Votes),
            (Completion::Exh, Utility::Cost) => Some(GreedyScore::Votes),
            (Completion::Exh, Utility::Approval) => Some(GreedyScore::VotesPerCost),
            _ => None,
        };
        let mut greedy = None;
        if let Some(score) = completion_score {
            if !self.exhaustive(&selection, &all) {
                let run = self.greedy_walk(score, &selection);
                selection.extend(run.selected.iter().copied());
                greedy = Some((run, true));
            }
        }
        let mut is_candidate = vec![false; m];
        for &p in &candidates {
            is_candidate[p] = true;
        }
        Ok(Decision {
            selection,
            greedy,
            mes: Some(MesDecision {
                free,
                candidates: is_candidate,
                per_voter,
                raises,
                trace,
            }),
        })
    }

    fn assemble(&self, decision: Decision) -> Outcome {
        let election = self.election;
        let m = self.costs.len();
        let mut reasons: Vec<Vec<Reason>> = vec![Vec::new(); m];
        for (p, list) in reasons.iter_mut().enumerate() {
            if !self.eligible[p] {
                list.push(Reason::BelowThreshold {
                    score: exact_string(&self.profile.points[p]),
                    threshold: election
                        .score_threshold
                        .as_ref()
                        .map(exact_string)
                        .unwrap_or_default(),
                });
            }
        }
        let per_voter_text = decision
            .mes
            .as_ref()
            .and_then(|d| d.per_voter.as_ref())
            .map(exact_string);
        if let Some(mes) = &decision.mes {
            let funded_in_final: Vec<usize> = decision.selection.clone();
            for &p in &mes.free {
                reasons[p].push(Reason::Free);
            }
            let pv = per_voter_text.clone().unwrap_or_default();
            for (round, r) in mes.trace.rounds.iter().enumerate() {
                // The traced run is the one that decided the result, except when a raise
                // loop fell back to an earlier run; both agree on these projects.
                if !funded_in_final.contains(&r.project) {
                    continue;
                }
                reasons[r.project].push(Reason::SharedBySupporters {
                    round: round + 1,
                    per_voter_budget: pv.clone(),
                    max_payment: exact_string(&r.max_payment),
                    payers: r.payers,
                    paying_all: r.paying_all,
                    won_tie_against: r
                        .tied
                        .iter()
                        .map(|&q| election.projects[q].id.clone())
                        .collect(),
                });
            }
            let traced: Vec<usize> = mes.trace.selected();
            for (p, list) in reasons.iter_mut().enumerate() {
                if !self.eligible[p] || mes.free.contains(&p) || traced.contains(&p) {
                    continue;
                }
                if mes.candidates[p] {
                    list.push(Reason::SupportersOutOfMoney {
                        after_round: mes
                            .trace
                            .dropped_after
                            .get(p)
                            .copied()
                            .flatten()
                            .unwrap_or(0),
                        supporters_money: mes
                            .trace
                            .money_left
                            .get(p)
                            .cloned()
                            .flatten()
                            .map(|a| exact_string(&a))
                            .unwrap_or_else(|| "0".to_string()),
                        per_voter_budget: pv.clone(),
                        lost_tie_to: mes
                            .trace
                            .lost_tie_to
                            .get(p)
                            .copied()
                            .flatten()
                            .map(|q| election.projects[q].id.clone()),
                    });
                } else if self.profile.votes[p] == 0 {
                    list.push(Reason::NoSupport);
                } else {
                    list.push(Reason::ZeroCostIgnored);
                }
            }
        }
        if let Some((run, completion)) = &decision.greedy {
            for (i, step) in run.walk.iter().enumerate() {
                let rank = i + 1;
                let remaining_before = exact_string(&step.remaining_before);
                let p = step.project;
                let reason = if step.selected {
                    Reason::Fitted {
                        rank,
                        remaining_before,
                        completion: *completion,
                    }
                } else {
                    match self.tie_winner(run, i) {
                        Some(w) => Reason::LostTie {
                            winner: election.projects[w].id.clone(),
                            rank,
                            remaining_before,
                            completion: *completion,
                        },
                        None => Reason::DidNotFit {
                            rank,
                            remaining_before,
                            completion: *completion,
                        },
                    }
                };
                reasons[p].push(reason);
            }
        }
        let selected_ids: Vec<String> = decision
            .selection
            .iter()
            .map(|&p| election.projects[p].id.clone())
            .collect();
        let (_, hash) = canonical_ids(&selected_ids);
        let spent = self.spent(&decision.selection);
        let explanations = (0..m)
            .map(|p| {
                let project = &election.projects[p];
                Explanation {
                    project: project.id.clone(),
                    name: project.name.clone(),
                    cost: exact_string(&project.cost),
                    votes: self.profile.votes[p],
                    points: exact_string(&self.profile.points[p]),
                    selected: decision.selection.contains(&p),
                    step: decision
                        .selection
                        .iter()
                        .position(|&q| q == p)
                        .map(|i| i + 1),
                    reasons: std::mem::take(&mut reasons[p]),
                }
            })
            .collect();
        // The greedy score is only part of the result when greedy was the rule.
        let greedy_by = decision.mes.is_none().then_some(self.greedy_by);
        Outcome {
            rule: self.options.rule.name().to_string(),
            completion: self.options.completion.name().to_string(),
            tie_break: serde_name(&self.options.tie_break),
            greedy_by: greedy_by.map(|g| serde_name(&g)),
            threshold_applied: self.options.apply_threshold && election.score_threshold.is_some(),
            voters: self.profile.voter_count,
            budget: exact_string(&election.budget),
            left: exact_string(&(&election.budget - &spent)),
            spent: exact_string(&spent),
            per_voter_budget: per_voter_text,
            budget_raises: decision.mes.as_ref().and_then(|d| d.raises),
            selected: selected_ids,
            selected_hash: hash,
            explanations,
            options: self.options.clone(),
            currency: election.currency.clone(),
        }
    }

    /// For an unfunded project at walk position `i`: an earlier funded project with exactly
    /// the same density, without which this one would have fitted.
    fn tie_winner(&self, run: &GreedyRun, i: usize) -> Option<usize> {
        let step = &run.walk[i];
        let p = step.project;
        let density = run.densities[p].as_ref()?;
        run.walk[..i].iter().find_map(|earlier| {
            let q = earlier.project;
            // Cheap tests first: the rational sum is only needed for real ties.
            let tie = earlier.selected && run.densities[q].as_ref() == Some(density);
            (tie && self.costs[p] <= &step.remaining_before + &self.costs[q]).then_some(q)
        })
    }
}

fn serde_name<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}
