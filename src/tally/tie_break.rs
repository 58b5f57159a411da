//! Who goes first when two initiatives are exactly equal for the rule (same number of votes
//! under greedy, same price per supporter under equal shares).

use super::election::Election;
use super::profile::Profile;

/// The tie-breaking order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum TieBreak {
    /// Our default, meant to feel fair to residents: the initiative with more votes goes
    /// first; if the votes are equal too, the cheaper one (it leaves more money for others);
    /// if also equally expensive, the lower id (compared as text).
    #[default]
    #[value(name = "fair", alias = "votes-cost-id")]
    Fair,
    /// Lower project id first, ids compared as text ("11" < "2"): pabutools' default
    /// (`lexico_tie_breaking`), for one-to-one comparison with pabutools.
    #[value(name = "id", alias = "lexico")]
    Id,
    /// Higher id first (pabutools with a reversed lexicographic order). Useful to check
    /// whether a result depends on tie-breaking at all.
    #[value(name = "reverse-id", alias = "rev-lexico")]
    ReverseId,
}

impl TieBreak {
    /// Rank of every project in this order: a lower rank wins a tie.
    pub fn ranks(self, election: &Election, profile: &Profile) -> Vec<usize> {
        let mut order: Vec<usize> = (0..election.projects.len()).collect();
        let id = |p: usize| election.projects[p].id.as_str();
        match self {
            TieBreak::Id => order.sort_by(|&a, &b| id(a).cmp(id(b))),
            TieBreak::ReverseId => order.sort_by(|&a, &b| id(b).cmp(id(a))),
            TieBreak::Fair => order.sort_by(|&a, &b| {
                profile.votes[b]
                    .cmp(&profile.votes[a])
                    .then_with(|| election.projects[a].cost.cmp(&election.projects[b].cost))
                    .then_with(|| id(a).cmp(id(b)))
            }),
        }
        let mut rank = vec![0usize; order.len()];
        for (r, &p) in order.iter().enumerate() {
            rank[p] = r;
        }
        rank
    }

    /// How the order is described to residents (Dutch, B1).
    pub fn dutch(self) -> &'static str {
        match self {
            TieBreak::Fair => "het plan met de meeste stemmen gaat voor; zijn die ook gelijk, dan het goedkoopste plan; daarna het laagste nummer",
            TieBreak::Id => "het plan met het laagste nummer gaat voor (nummers vergeleken als tekst, zoals pabutools doet)",
            TieBreak::ReverseId => "het plan met het hoogste nummer gaat voor (nummers vergeleken als tekst)",
        }
    }
}
