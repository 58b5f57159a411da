//! Which counting rule to apply, and how.

use super::greedy::GreedyScore;
use super::tie_break::TieBreak;

/// The counting rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// Most votes first; skip what does not fit and go on (Amsterdam, CONSUL).
    Greedy,
    /// Method of Equal Shares with cost utilities (pabutools `Cost_Sat`), as Wieliczka,
    /// Świecie and Assen used it.
    MesCost,
    /// Method of Equal Shares with approval (uniform) utilities (pabutools
    /// `Cardinality_Sat`), equalshares.net's default.
    MesApproval,
}

/// What to do with money that equal shares leaves unspent. The names in brackets are the
/// `run_rules.py` rule suffixes whose results they reproduce.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum Completion {
    /// Nothing: the plain rule (`mes_cost`, `mes_card`).
    #[default]
    None,
    /// Greedy by votes on what is left (`mes_*_greedy`; pabutools
    /// `completion_by_rule_combination([MES, greedy Cost_Sat])`).
    #[value(alias = "utilitarian")]
    Greedy,
    /// Raise every voter's money by 1 (pabutools `voter_budget_increment=1`) until the
    /// result uses the budget fully, then greedy by votes on what is left (`mes_*_add1u`).
    #[value(alias = "add1u")]
    Add1,
    /// Only the raising, no greedy afterwards (`mes_*_add1`; reproduces Assen and Świecie).
    #[value(name = "add1-only", alias = "add1-plain")]
    Add1Only,
    /// Keep raising by 1 while the result fits the budget and take the last one that fits
    /// (`mes_*_add1f`; reproduces Wieliczka 2023).
    #[value(name = "add1-last", alias = "add1f")]
    Add1Last,
    /// As `add1-only`, starting from the whole-currency part of budget/voters (`mes_*_add1i`).
    #[value(name = "add1i")]
    Add1Integral,
    /// As `add1-last`, starting from the whole-currency part of budget/voters (`mes_*_add1if`).
    #[value(name = "add1i-last", alias = "add1if")]
    Add1IntegralLast,
    /// pabutools' `analysis/rules.py` recipe: raise the whole budget by 1% of the total cost
    /// of all projects until the result is exhaustive, then greedy with the same utility
    /// (`mes_*_exh`).
    Exh,
}

impl Completion {
    pub fn name(self) -> &'static str {
        match self {
            Completion::None => "none",
            Completion::Greedy => "greedy",
            Completion::Add1 => "add1",
            Completion::Add1Only => "add1-only",
            Completion::Add1Last => "add1-last",
            Completion::Add1Integral => "add1i",
            Completion::Add1IntegralLast => "add1i-last",
            Completion::Exh => "exh",
        }
    }
}

impl Rule {
    pub fn name(self) -> &'static str {
        match self {
            Rule::Greedy => "greedy",
            Rule::MesCost => "mes-cost",
            Rule::MesApproval => "mes-approval",
        }
    }
}

/// All choices of a count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TallyOptions {
    pub rule: Rule,
    pub completion: Completion,
    pub tie_break: TieBreak,
    /// Greedy score; `None` = points for cumulative/scoring ballots, votes otherwise.
    pub greedy_by: Option<GreedyScore>,
    /// Leave out projects under META `min_project_score_threshold`.
    pub apply_threshold: bool,
}

impl Default for TallyOptions {
    fn default() -> Self {
        Self {
            rule: Rule::Greedy,
            completion: Completion::None,
            tie_break: TieBreak::Fair,
            greedy_by: None,
            apply_threshold: false,
        }
    }
}

impl TallyOptions {
    pub fn new(rule: Rule, completion: Completion, tie_break: TieBreak) -> Self {
        Self {
            rule,
            completion,
            tie_break,
            ..Self::default()
        }
    }
}
