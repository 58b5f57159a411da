//! Where a plan stands for a resident reading a round: before the count its review
//! (handed in, on the ballot, rejected), after the count only whether it was chosen. A
//! counted round never calls a plan "genomineerd": the vote decided, so the page says so.

use super::round::{PlanId, PlanStatus, RoundResult};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Handed in, not yet reviewed.
    Submitted,
    /// On the ballot; the votes are not counted yet.
    OnBallot,
    /// Not on the ballot, with a reason.
    Rejected,
    /// Counted and funded.
    Chosen,
    /// Counted and not funded.
    NotChosen,
}

impl Standing {
    /// The standing of plan `id` with review `status`, given the round's count (if any).
    pub fn of(id: &PlanId, status: PlanStatus, result: Option<&RoundResult>) -> Standing {
        match (status, result) {
            (PlanStatus::Submitted, _) => Standing::Submitted,
            (PlanStatus::Rejected, _) => Standing::Rejected,
            (PlanStatus::Nominated, None) => Standing::OnBallot,
            (PlanStatus::Nominated, Some(r)) => {
                if r.selected.contains(id) {
                    Standing::Chosen
                } else {
                    Standing::NotChosen
                }
            }
        }
    }

    pub fn label_nl(self) -> &'static str {
        match self {
            Standing::Submitted => "Ingediend",
            Standing::OnBallot => "Genomineerd",
            Standing::Rejected => "Afgewezen",
            Standing::Chosen => "Gekozen",
            Standing::NotChosen => "Niet gekozen",
        }
    }

    /// A short word for the class of a badge (the text says the same; colour is extra).
    pub fn css(self) -> &'static str {
        match self {
            Standing::Submitted => "submitted",
            Standing::OnBallot => "on-ballot",
            Standing::Rejected => "rejected",
            Standing::Chosen => "chosen",
            Standing::NotChosen => "not-chosen",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn result(selected: &[&str]) -> RoundResult {
        RoundResult {
            rule: "greedy".into(),
            completion: "none".into(),
            tie_break: "number".into(),
            voters: 3,
            budget_cents: 100,
            spent_cents: 50,
            left_cents: 50,
            selected: selected.iter().map(|s| PlanId(s.to_string())).collect(),
            plans: Vec::new(),
            commitments: Vec::new(),
        }
    }

    #[test]
    fn after_the_count_a_nominated_plan_is_chosen_or_not() {
        let r = result(&["a"]);
        let a = PlanId("a".into());
        let b = PlanId("b".into());
        assert_eq!(
            Standing::of(&a, PlanStatus::Nominated, Some(&r)),
            Standing::Chosen
        );
        assert_eq!(
            Standing::of(&b, PlanStatus::Nominated, Some(&r)),
            Standing::NotChosen
        );
        assert_eq!(
            Standing::of(&b, PlanStatus::Nominated, None),
            Standing::OnBallot
        );
        assert_eq!(
            Standing::of(&b, PlanStatus::Rejected, Some(&r)),
            Standing::Rejected
        );
        for s in [Standing::Chosen, Standing::NotChosen] {
            assert_ne!(s.label_nl(), "Genomineerd");
        }
    }
}
