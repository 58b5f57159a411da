//! The completions that give every voter more money and count MES again from scratch
//! (pabutools' `voter_budget_increment` and `exhaustion_by_budget_increase`).

use num_traits::Zero;

use super::count::{TallyError, MAX_BUDGET_RAISES};
use super::number::Amount;

/// How the voters' money is raised.
pub(crate) struct RaisePlan {
    /// Money per voter in the first run.
    pub start: Amount,
    /// Added per voter after each run.
    pub step: Amount,
    /// Stop (keeping the previous result) once the money per voter passes this.
    pub bound: Option<Amount>,
}

/// The run that decided the result.
pub(crate) struct Raised {
    /// Money per voter of that run; `None` if not even the first run fitted the budget.
    pub per_voter: Option<Amount>,
    pub raises: u64,
    pub selection: Vec<usize>,
}

/// Counts with `plan.start`, `plan.start + step`, … per voter. Stops with the current result
/// when `done` says so, or with the previous one when the current one does not fit the budget
/// (`fits`) or the bound is passed. `initial` is the result before any run (free projects).
pub(crate) fn raise_until(
    plan: RaisePlan,
    initial: Vec<usize>,
    mut count: impl FnMut(&Amount) -> Vec<usize>,
    fits: impl Fn(&[usize]) -> bool,
    done: impl Fn(&[usize]) -> bool,
) -> Result<Raised, TallyError> {
    let mut per_voter = plan.start;
    let mut previous = Raised {
        per_voter: None,
        raises: 0,
        selection: initial,
    };
    let mut raises = 0u64;
    loop {
        if plan.bound.as_ref().is_some_and(|bound| &per_voter > bound) {
            return Ok(previous);
        }
        let selection = count(&per_voter);
        if !fits(&selection) {
            return Ok(previous);
        }
        if done(&selection) {
            return Ok(Raised {
                per_voter: Some(per_voter),
                raises,
                selection,
            });
        }
        if plan.step.is_zero() {
            return Err(TallyError::ZeroStep);
        }
        raises += 1;
        if raises > MAX_BUDGET_RAISES {
            return Err(TallyError::TooManyRaises(raises));
        }
        let next = &per_voter + &plan.step;
        previous = Raised {
            per_voter: Some(per_voter),
            raises: raises - 1,
            selection,
        };
        per_voter = next;
    }
}
