//! Objections (bezwaren) to the steering group: what can be objected to, until when, what
//! the steering group may decide, and who may not decide. Pure: no I/O. See
//! docs/rounds.md, "Objections".

use chrono::NaiveDate;
use serde::Serialize;

use super::message::Msg;
use super::round::{PlanStatus, RoundStatus};
use crate::msg_key;

/// The number of days to object when an area sets nothing.
pub const DEFAULT_DAYS: i32 = 7;
/// The longest window an area may set.
pub const MAX_DAYS: i32 = 60;
/// The longest reason (of an objection and of a decision).
pub const REASON_MAX: usize = 4000;

/// What the objection is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ObjectionKind {
    /// The rejection of a plan (by its initiator).
    Rejection,
    /// The counted result of a round (by a resident with a code, or an initiator).
    Result,
}

impl ObjectionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ObjectionKind::Rejection => "rejection",
            ObjectionKind::Result => "result",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [ObjectionKind::Rejection, ObjectionKind::Result]
            .into_iter()
            .find(|k| k.as_str() == s)
    }

    pub fn label_nl(self) -> &'static str {
        match self {
            ObjectionKind::Rejection => "Bezwaar tegen de afwijzing van een plan",
            ObjectionKind::Result => "Bezwaar tegen de uitslag",
        }
    }

    /// What the steering group may decide on an objection of this kind.
    pub fn verdicts(self) -> &'static [Verdict] {
        match self {
            ObjectionKind::Rejection => &[Verdict::Nominate, Verdict::Rejected],
            ObjectionKind::Result => &[Verdict::Recount, Verdict::Annul, Verdict::Rejected],
        }
    }
}

/// The steering group's decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Not upheld: the rejection or the result stands.
    Rejected,
    /// Upheld (rejection): the plan goes on the ballot.
    Nominate,
    /// Upheld (result): the round is counted again under its frozen rules.
    Recount,
    /// Upheld (result): the round is annulled; it commits nothing.
    Annul,
}

impl Verdict {
    pub const ALL: [Verdict; 4] = [
        Verdict::Rejected,
        Verdict::Nominate,
        Verdict::Recount,
        Verdict::Annul,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Rejected => "rejected",
            Verdict::Nominate => "nominate",
            Verdict::Recount => "recount",
            Verdict::Annul => "annul",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// Whether the objection was upheld.
    pub fn upheld(self) -> bool {
        self != Verdict::Rejected
    }

    /// The choice on the steering group's form.
    pub fn choice_nl(self) -> &'static str {
        match self {
            Verdict::Rejected => "Afwijzen: de beslissing blijft staan",
            Verdict::Nominate => "Toewijzen: het plan komt op het stembiljet",
            Verdict::Recount => "Toewijzen: de stemmen opnieuw tellen met de vastgelegde regels",
            Verdict::Annul => {
                "Toewijzen: de ronde ongeldig verklaren (er wordt geen geld vastgelegd)"
            }
        }
    }

    /// The decision as the public pages state it.
    pub fn outcome_nl(self) -> &'static str {
        match self {
            Verdict::Rejected => "Bezwaar afgewezen",
            Verdict::Nominate => "Bezwaar toegewezen: het plan staat op het stembiljet",
            Verdict::Recount => "Bezwaar toegewezen: de stemmen zijn opnieuw geteld",
            Verdict::Annul => "Bezwaar toegewezen: de ronde is ongeldig verklaard",
        }
    }
}

/// Why an objection cannot be made or decided. Messages for the person at the form (B1);
/// `field` names the form field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ObjectionProblem {
    Reason,
    DecisionReason,
    NoVerdict,
    WrongVerdict,
    NotRejected,
    BallotFrozen,
    NotCounted,
    /// The last day one could object.
    WindowPassed(NaiveDate),
    NoWindow,
    Days,
    ReviewWaitsForSteeringGroup,
    ReviewDecidedBySteeringGroup,
}

crate::msg_display!(ObjectionProblem);

impl ObjectionProblem {
    /// The message for the person at the form.
    pub fn msg(&self) -> Msg {
        match self {
            ObjectionProblem::Reason => {
                Msg::new(msg_key!("error-objection-reason")).arg("max", REASON_MAX)
            }
            ObjectionProblem::DecisionReason => {
                Msg::new(msg_key!("error-objection-decision-reason")).arg("max", REASON_MAX)
            }
            ObjectionProblem::NoVerdict => Msg::new(msg_key!("error-objection-no-verdict")),
            ObjectionProblem::WrongVerdict => Msg::new(msg_key!("error-objection-wrong-verdict")),
            ObjectionProblem::NotRejected => Msg::new(msg_key!("error-objection-not-rejected")),
            ObjectionProblem::BallotFrozen => Msg::new(msg_key!("error-objection-ballot-frozen")),
            ObjectionProblem::NotCounted => Msg::new(msg_key!("error-objection-not-counted")),
            ObjectionProblem::WindowPassed(last) => {
                Msg::new(msg_key!("error-objection-window-passed")).arg("last", *last)
            }
            ObjectionProblem::NoWindow => Msg::new(msg_key!("error-objection-no-window")),
            ObjectionProblem::Days => {
                Msg::new(msg_key!("error-objection-days")).arg("max", MAX_DAYS)
            }
            ObjectionProblem::ReviewWaitsForSteeringGroup => {
                Msg::new(msg_key!("error-objection-review-waits"))
            }
            ObjectionProblem::ReviewDecidedBySteeringGroup => {
                Msg::new(msg_key!("error-objection-review-decided"))
            }
        }
    }

    pub fn field(&self) -> &'static str {
        match self {
            ObjectionProblem::Reason | ObjectionProblem::DecisionReason => "reason",
            ObjectionProblem::NoVerdict | ObjectionProblem::WrongVerdict => "verdict",
            ObjectionProblem::Days => "days",
            ObjectionProblem::ReviewWaitsForSteeringGroup
            | ObjectionProblem::ReviewDecidedBySteeringGroup => "round",
            _ => "objection",
        }
    }
}

/// The trimmed reason of an objection, or why it is not one.
pub fn check_reason(text: &str) -> Result<String, ObjectionProblem> {
    let t = text.trim();
    if t.is_empty() || t.chars().count() > REASON_MAX {
        return Err(ObjectionProblem::Reason);
    }
    Ok(t.to_string())
}

/// The trimmed reason of a decision, or why it is not one.
pub fn check_decision_reason(text: &str) -> Result<String, ObjectionProblem> {
    check_reason(text).map_err(|_| ObjectionProblem::DecisionReason)
}

/// Whether `days` is a window an area may set.
pub fn check_days(days: i32) -> Result<i32, ObjectionProblem> {
    if (0..=MAX_DAYS).contains(&days) {
        Ok(days)
    } else {
        Err(ObjectionProblem::Days)
    }
}

/// The last day (a Dutch calendar day, inclusive) to object against something decided on
/// `decided_on`, with a window of `days`; none when the area allows no objections.
pub fn last_day(decided_on: NaiveDate, days: i32) -> Option<NaiveDate> {
    let days = u64::try_from(days).ok().filter(|d| *d > 0)?;
    decided_on.checked_add_days(chrono::Days::new(days))
}

/// Whether the window that ends on `last_day` is still open on `today`.
fn window_check(last_day: Option<NaiveDate>, today: NaiveDate) -> Result<(), ObjectionProblem> {
    match last_day {
        None => Err(ObjectionProblem::NoWindow),
        Some(d) if today > d => Err(ObjectionProblem::WindowPassed(d)),
        Some(_) => Ok(()),
    }
}

/// May the initiator object, on `today`, to the rejection of a plan in `plan` status,
/// whose round is in `round`, rejected on `rejected_on`?
pub fn may_object_to_rejection(
    plan: PlanStatus,
    round: RoundStatus,
    rejected_on: NaiveDate,
    days: i32,
    today: NaiveDate,
) -> Result<(), ObjectionProblem> {
    if plan != PlanStatus::Rejected {
        return Err(ObjectionProblem::NotRejected);
    }
    // Once voting opened, the ballot is frozen: a plan cannot be added any more.
    if !matches!(round, RoundStatus::Open | RoundStatus::Review) {
        return Err(ObjectionProblem::BallotFrozen);
    }
    window_check(last_day(rejected_on, days), today)
}

/// May someone object, on `today`, to the result of a round in `round` status counted on
/// `counted_on`?
pub fn may_object_to_result(
    round: RoundStatus,
    counted_on: NaiveDate,
    days: i32,
    today: NaiveDate,
) -> Result<(), ObjectionProblem> {
    if round != RoundStatus::Counted {
        return Err(ObjectionProblem::NotCounted);
    }
    window_check(last_day(counted_on, days), today)
}

/// Whether the objection window after the count still runs on `today` (committing waits
/// until it has passed).
pub fn result_window_open(counted_on: NaiveDate, days: i32, today: NaiveDate) -> bool {
    last_day(counted_on, days).is_some_and(|d| today <= d)
}

/// Who may not decide an objection: the person whose decision it is about (who rejected
/// the plan, or who counted the round) and the person who made the objection. Actor keys;
/// the calendar ("system") decides nothing a person could object to as their own.
pub fn may_decide(decider: &str, decision_by: Option<&str>, filed_by: &str) -> bool {
    decision_by != Some(decider) && filed_by != decider
}

/// Whether a plan's review may still change, given the objection to its rejection (none;
/// `Some(false)`: waiting; `Some(true)`: decided). Once the initiator objected, the
/// steering group decides, and its decision is final: nobody (the coordinator included)
/// changes the review any more, so a decision can never be undone by a new review.
pub fn review_may_change(objection_decided: Option<bool>) -> Result<(), ObjectionProblem> {
    match objection_decided {
        None => Ok(()),
        Some(false) => Err(ObjectionProblem::ReviewWaitsForSteeringGroup),
        Some(true) => Err(ObjectionProblem::ReviewDecidedBySteeringGroup),
    }
}

/// The verdict chosen on the form, checked against the kind of objection.
pub fn check_verdict(kind: ObjectionKind, chosen: &str) -> Result<Verdict, ObjectionProblem> {
    let chosen = chosen.trim();
    if chosen.is_empty() {
        return Err(ObjectionProblem::NoVerdict);
    }
    let v = Verdict::parse(chosen).ok_or(ObjectionProblem::WrongVerdict)?;
    if kind.verdicts().contains(&v) {
        Ok(v)
    } else {
        Err(ObjectionProblem::WrongVerdict)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, m, d).expect("a day")
    }

    #[test]
    fn the_window_runs_to_the_end_of_the_last_day() {
        assert_eq!(last_day(day(5, 1), 7), Some(day(5, 8)));
        assert_eq!(last_day(day(5, 1), 0), None);
        assert_eq!(last_day(day(5, 1), -3), None);
        let ok = may_object_to_result(RoundStatus::Counted, day(5, 1), 7, day(5, 8));
        assert_eq!(ok, Ok(()));
        let late = may_object_to_result(RoundStatus::Counted, day(5, 1), 7, day(5, 9));
        assert!(matches!(late, Err(ObjectionProblem::WindowPassed(_))));
        assert!(result_window_open(day(5, 1), 7, day(5, 8)));
        assert!(!result_window_open(day(5, 1), 7, day(5, 9)));
        assert!(!result_window_open(day(5, 1), 0, day(5, 1)));
    }

    #[test]
    fn a_rejection_can_be_objected_to_only_before_voting() {
        let f = |plan, round| may_object_to_rejection(plan, round, day(5, 1), 7, day(5, 2));
        assert_eq!(f(PlanStatus::Rejected, RoundStatus::Review), Ok(()));
        assert_eq!(f(PlanStatus::Rejected, RoundStatus::Open), Ok(()));
        assert_eq!(
            f(PlanStatus::Rejected, RoundStatus::Voting),
            Err(ObjectionProblem::BallotFrozen)
        );
        assert_eq!(
            f(PlanStatus::Nominated, RoundStatus::Review),
            Err(ObjectionProblem::NotRejected)
        );
        assert_eq!(
            may_object_to_rejection(
                PlanStatus::Rejected,
                RoundStatus::Review,
                day(5, 1),
                0,
                day(5, 1)
            ),
            Err(ObjectionProblem::NoWindow)
        );
    }

    #[test]
    fn results_only_while_counted() {
        for s in RoundStatus::ALL {
            let r = may_object_to_result(s, day(5, 1), 7, day(5, 1));
            assert_eq!(r.is_ok(), s == RoundStatus::Counted, "{s:?}");
        }
    }

    #[test]
    fn no_one_decides_their_own_decision() {
        assert!(!may_decide("user:a", Some("user:a"), "user:b"));
        assert!(!may_decide("user:b", Some("user:a"), "user:b"));
        assert!(may_decide("user:c", Some("user:a"), "resident"));
        assert!(may_decide("user:c", None, "user:b"));
    }

    #[test]
    fn an_objection_fixes_the_review() {
        assert_eq!(review_may_change(None), Ok(()));
        assert_eq!(
            review_may_change(Some(false)),
            Err(ObjectionProblem::ReviewWaitsForSteeringGroup)
        );
        assert_eq!(
            review_may_change(Some(true)),
            Err(ObjectionProblem::ReviewDecidedBySteeringGroup)
        );
    }

    #[test]
    fn verdicts_fit_the_kind() {
        assert_eq!(
            check_verdict(ObjectionKind::Rejection, "nominate"),
            Ok(Verdict::Nominate)
        );
        assert_eq!(
            check_verdict(ObjectionKind::Rejection, "annul"),
            Err(ObjectionProblem::WrongVerdict)
        );
        assert_eq!(
            check_verdict(ObjectionKind::Result, "annul"),
            Ok(Verdict::Annul)
        );
        assert_eq!(
            check_verdict(ObjectionKind::Result, ""),
            Err(ObjectionProblem::NoVerdict)
        );
        for v in Verdict::ALL {
            assert_eq!(Verdict::parse(v.as_str()), Some(v));
            assert_eq!(v.upheld(), v != Verdict::Rejected);
        }
    }

    #[test]
    fn reasons_and_days() {
        assert_eq!(check_reason("  te laat  "), Ok("te laat".to_string()));
        assert_eq!(check_reason("   "), Err(ObjectionProblem::Reason));
        assert_eq!(
            check_reason(&"x".repeat(REASON_MAX + 1)),
            Err(ObjectionProblem::Reason)
        );
        assert_eq!(check_days(0), Ok(0));
        assert_eq!(check_days(61), Err(ObjectionProblem::Days));
    }
}
