//! A Smederij round: its states, its ballot and counting rules, the check of one ballot
//! against those rules, the fingerprint that freezes the rules when voting opens, and the
//! receipt (tracker) a voter gets. Pure: no I/O.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::domain::ids::AreaId;
pub use crate::domain::ids::{PlanId, RoundId};
use crate::domain::message::Msg;
use crate::domain::permissions::Operation;
use crate::domain::role::Role;
use crate::msg_key;

/// Where a round is. Rounds only move forward:
/// open for plans → review → voting → counted → closed (money committed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RoundStatus {
    /// Plans may be submitted (and already reviewed).
    Open,
    /// No new plans; the coordinator finishes the review.
    Review,
    /// Rules frozen, residents vote.
    Voting,
    /// Counted: the result and the anonymised ballots are public, nothing is committed yet.
    Counted,
    /// The winners' money is committed from the pool; the round is done.
    Closed,
    /// The steering group upheld an objection to the result and annulled the round: it
    /// commits nothing and its reservation is free again. Stored as `closed` with the
    /// moment of annulment (`rounds.annulled_at`); nothing comes after it.
    Annulled,
}

impl RoundStatus {
    /// Every phase, in order; a round ends either closed or annulled.
    pub const ALL: [RoundStatus; 6] = [
        RoundStatus::Open,
        RoundStatus::Review,
        RoundStatus::Voting,
        RoundStatus::Counted,
        RoundStatus::Closed,
        RoundStatus::Annulled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RoundStatus::Open => "open",
            RoundStatus::Review => "review",
            RoundStatus::Voting => "voting",
            RoundStatus::Counted => "counted",
            RoundStatus::Closed => "closed",
            RoundStatus::Annulled => "annulled",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }

    pub fn label_nl(self) -> &'static str {
        match self {
            RoundStatus::Open => "Open voor plannen",
            RoundStatus::Review => "Beoordeling",
            RoundStatus::Voting => "Stemmen",
            RoundStatus::Counted => "Geteld",
            RoundStatus::Closed => "Afgesloten",
            RoundStatus::Annulled => "Ongeldig verklaard",
        }
    }

    /// The phase after this one in the ordinary course (none after closed or annulled).
    pub fn next(self) -> Option<RoundStatus> {
        match self {
            RoundStatus::Open => Some(RoundStatus::Review),
            RoundStatus::Review => Some(RoundStatus::Voting),
            RoundStatus::Voting => Some(RoundStatus::Counted),
            RoundStatus::Counted => Some(RoundStatus::Closed),
            RoundStatus::Closed | RoundStatus::Annulled => None,
        }
    }

    /// Whether a round may go from `self` to `to`: one phase forward, straight from open
    /// to voting (a coordinator who finished the review early), or from counted to
    /// annulled (the steering group upheld an objection to the result). Never back, never
    /// in place, never past the count or the commitment.
    pub fn may_move_to(self, to: RoundStatus) -> bool {
        self.next() == Some(to)
            || (self == RoundStatus::Open && to == RoundStatus::Voting)
            || (self == RoundStatus::Counted && to == RoundStatus::Annulled)
    }

    /// Whether the round is done (closed or annulled): nothing moves it any more.
    pub fn is_final(self) -> bool {
        matches!(self, RoundStatus::Closed | RoundStatus::Annulled)
    }
}

/// The dates of a round, as calendar days in the Netherlands. Plans may be submitted from
/// `plans_from` up to and including `plans_until`; the review runs until `review_until`;
/// residents vote from `voting_from` up to and including `voting_until`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Calendar {
    pub plans_from: NaiveDate,
    pub plans_until: NaiveDate,
    pub review_until: NaiveDate,
    pub voting_from: NaiveDate,
    pub voting_until: NaiveDate,
}

/// Why a set of dates is not a calendar. Messages for the coordinator (B1 Dutch); the
/// field names those of the forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CalendarProblem {
    PlansEndBeforeStart,
    ReviewBeforePlans,
    VotingBeforeReview,
    VotingEndBeforeStart,
    Weeks,
}

crate::msg_display!(CalendarProblem);

impl CalendarProblem {
    /// The message for the coordinator.
    pub fn msg(&self) -> Msg {
        Msg::new(match self {
            CalendarProblem::PlansEndBeforeStart => msg_key!("error-calendar-plans-end"),
            CalendarProblem::ReviewBeforePlans => msg_key!("error-calendar-review-before-plans"),
            CalendarProblem::VotingBeforeReview => msg_key!("error-calendar-voting-before-review"),
            CalendarProblem::VotingEndBeforeStart => msg_key!("error-calendar-voting-end"),
            CalendarProblem::Weeks => msg_key!("error-calendar-weeks"),
        })
    }

    /// The form field the problem belongs to.
    pub fn field(&self) -> &'static str {
        match self {
            CalendarProblem::PlansEndBeforeStart => "plans_until",
            CalendarProblem::ReviewBeforePlans => "review_until",
            CalendarProblem::VotingBeforeReview => "voting_from",
            CalendarProblem::VotingEndBeforeStart => "voting_until",
            CalendarProblem::Weeks => "weeks",
        }
    }
}

impl Calendar {
    /// The dates, when they are in order (the same check as the database's).
    pub fn new(
        plans_from: NaiveDate,
        plans_until: NaiveDate,
        review_until: NaiveDate,
        voting_from: NaiveDate,
        voting_until: NaiveDate,
    ) -> Result<Calendar, CalendarProblem> {
        if plans_until < plans_from {
            return Err(CalendarProblem::PlansEndBeforeStart);
        }
        if review_until < plans_until {
            return Err(CalendarProblem::ReviewBeforePlans);
        }
        if voting_from < review_until {
            return Err(CalendarProblem::VotingBeforeReview);
        }
        if voting_until < voting_from {
            return Err(CalendarProblem::VotingEndBeforeStart);
        }
        Ok(Calendar {
            plans_from,
            plans_until,
            review_until,
            voting_from,
            voting_until,
        })
    }

    /// The calendar of a quarter when a year is scheduled at once: plans from the first
    /// day of the quarter for `plan_weeks` weeks, then `review_weeks` of review, voting
    /// the day after for `voting_weeks` weeks. Every area gets the same dates.
    pub fn for_quarter(
        year: i32,
        quarter: i32,
        plan_weeks: u32,
        review_weeks: u32,
        voting_weeks: u32,
    ) -> Result<Calendar, CalendarProblem> {
        let weeks = 1..=26;
        if !weeks.contains(&plan_weeks)
            || !weeks.contains(&review_weeks)
            || !weeks.contains(&voting_weeks)
            || !(1..=4).contains(&quarter)
        {
            return Err(CalendarProblem::Weeks);
        }
        let month = u32::try_from((quarter - 1) * 3 + 1).map_err(|_| CalendarProblem::Weeks)?;
        let start = NaiveDate::from_ymd_opt(year, month, 1).ok_or(CalendarProblem::Weeks)?;
        let days = |w: u32| chrono::Days::new(u64::from(w) * 7);
        let plans_until = start + days(plan_weeks) - chrono::Days::new(1);
        let review_until = plans_until + days(review_weeks);
        let voting_from = review_until + chrono::Days::new(1);
        let voting_until = voting_from + days(voting_weeks) - chrono::Days::new(1);
        Calendar::new(start, plans_until, review_until, voting_from, voting_until)
    }

    /// The phase these dates call for on `today` (a Dutch calendar day). Counting is the
    /// last phase a date brings: committing the money is the coordinator's step.
    pub fn phase_on(&self, today: NaiveDate) -> RoundStatus {
        if today <= self.plans_until {
            RoundStatus::Open
        } else if today < self.voting_from {
            RoundStatus::Review
        } else if today <= self.voting_until {
            RoundStatus::Voting
        } else {
            RoundStatus::Counted
        }
    }

    /// Whether plans may be submitted on `today`.
    pub fn accepts_plans_on(&self, today: NaiveDate) -> bool {
        self.plans_from <= today && today <= self.plans_until
    }

    /// Whether ballots may be cast on `today`.
    pub fn accepts_votes_on(&self, today: NaiveDate) -> bool {
        self.voting_from <= today && today <= self.voting_until
    }
}

/// The one step the calendar asks of a round in `status` on `today`, if any: always the
/// next phase (a round that is behind moves one step at a time, each its own audit event),
/// never back, never to closed.
pub fn due_move(status: RoundStatus, calendar: &Calendar, today: NaiveDate) -> Option<RoundStatus> {
    let wanted = calendar.phase_on(today);
    if wanted > status {
        status.next().filter(|n| status.may_move_to(*n))
    } else {
        None
    }
}

/// What a ballot may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BallotRule {
    /// Tick the plans you support; at most `max_choices` when set.
    Approval { max_choices: Option<u32> },
    /// Choose plans whose amounts together fit in the round budget (Amsterdam,
    /// Stanford's "knapsack" ballot).
    Knapsack,
}

impl BallotRule {
    pub fn as_str(self) -> &'static str {
        match self {
            BallotRule::Approval { .. } => "approval",
            BallotRule::Knapsack => "knapsack",
        }
    }

    pub fn from_parts(rule: &str, max_choices: Option<i32>) -> Option<Self> {
        match rule {
            "approval" => Some(BallotRule::Approval {
                max_choices: max_choices.and_then(|m| u32::try_from(m).ok()),
            }),
            "knapsack" => Some(BallotRule::Knapsack),
            _ => None,
        }
    }

    pub fn max_choices(self) -> Option<u32> {
        match self {
            BallotRule::Approval { max_choices } => max_choices,
            BallotRule::Knapsack => None,
        }
    }
}

/// How the ballots are counted (see docs/counting.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountRule {
    /// Most votes first, skip what no longer fits.
    Greedy,
    /// Method of Equal Shares (cost utilities), completed by raising the voters' money and
    /// then greedy.
    EqualShares,
}

impl CountRule {
    pub fn as_str(self) -> &'static str {
        match self {
            CountRule::Greedy => "greedy",
            CountRule::EqualShares => "mes",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "greedy" => Some(CountRule::Greedy),
            "mes" => Some(CountRule::EqualShares),
            _ => None,
        }
    }

    pub fn label_nl(self) -> &'static str {
        match self {
            CountRule::Greedy => "Meeste stemmen eerst",
            CountRule::EqualShares => "Methode van gelijke delen",
        }
    }
}

/// Where a plan is in its review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanStatus {
    /// Waiting for the coordinator's review.
    Submitted,
    /// On the ballot.
    Nominated,
    /// Not on the ballot, with a reason.
    Rejected,
}

impl PlanStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            PlanStatus::Submitted => "submitted",
            PlanStatus::Nominated => "nominated",
            PlanStatus::Rejected => "rejected",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Submitted, Self::Nominated, Self::Rejected]
            .into_iter()
            .find(|p| p.as_str() == s)
    }

    pub fn label_nl(self) -> &'static str {
        match self {
            PlanStatus::Submitted => "Ingediend",
            PlanStatus::Nominated => "Genomineerd",
            PlanStatus::Rejected => "Afgewezen",
        }
    }
}

/// A round as the services see it: statuses and rules typed, the result read.
#[derive(Debug, Clone, PartialEq)]
pub struct Round {
    pub id: RoundId,
    pub area_id: AreaId,
    pub year: i32,
    pub quarter: i32,
    pub title: String,
    pub status: RoundStatus,
    /// The live rule columns: what the coordinator chose. Once voting opened, ballots and
    /// the count read `frozen_rules` instead.
    pub ballot_rule: BallotRule,
    pub count_rule: CountRule,
    pub budget_cents: i64,
    pub fingerprint: Option<String>,
    pub frozen_rules: Option<String>,
    pub result: Option<RoundResult>,
    pub created_by: String,
    pub created_at: NaiveDateTime,
    pub voting_opened_at: Option<NaiveDateTime>,
    pub closed_at: Option<NaiveDateTime>,
    /// The dates at which `serve` moves the round on (none: moved by hand only).
    pub calendar: Option<Calendar>,
    pub review_started_at: Option<NaiveDateTime>,
    pub counted_at: Option<NaiveDateTime>,
}

/// A plan (initiative) of a round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub id: PlanId,
    pub round_id: RoundId,
    pub number: i32,
    pub title: String,
    pub summary: String,
    pub amount_cents: i64,
    pub taakveld: String,
    pub status: PlanStatus,
    pub review_reason: Option<String>,
    pub submitted_by: String,
    pub created_at: NaiveDateTime,
}

/// The stored count of a closed round. The field names are those of the stored JSON
/// (`rounds.result_json`), which earlier versions wrote as an untyped object; reading
/// ignores fields it does not know.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundResult {
    pub rule: String,
    pub completion: String,
    pub tie_break: String,
    pub voters: u64,
    pub budget_cents: i64,
    pub spent_cents: i64,
    pub left_cents: i64,
    /// The funded plans.
    pub selected: Vec<PlanId>,
    /// Every plan on the ballot, with its votes and the explanation of the decision.
    pub plans: Vec<PlanResult>,
    /// The transfers from the area's pool to each funded plan, made when counting.
    #[serde(default)]
    pub commitments: Vec<Commitment>,
}

/// One plan in the result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanResult {
    pub initiative: Option<PlanId>,
    /// The plan number as it stands in the `.pb` file.
    pub number: String,
    pub title: Option<String>,
    pub amount_cents: Option<i64>,
    pub votes: u64,
    pub funded: bool,
    pub step: Option<usize>,
    /// The explanation in Dutch, as the counting program writes it.
    pub explanation: String,
    /// The same explanation step by step, for the pages to put into the visitor's
    /// language (empty for results counted before it was kept).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub why: Vec<crate::domain::count_explanation::Why>,
}

/// The transfer that pays a funded plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Commitment {
    pub initiative: PlanId,
    pub account: String,
    pub transfer: String,
    pub amount_cents: i64,
}

impl RoundResult {
    /// The stored form: sorted keys, as the first version wrote it.
    pub fn to_json(&self) -> String {
        serde_json::to_value(self)
            .map(|v| v.to_string())
            .unwrap_or_default()
    }

    pub fn parse(text: &str) -> Result<RoundResult, serde_json::Error> {
        serde_json::from_str(text)
    }
}

/// What one caller may do with one round now. The rounds service guards every entry
/// point with these booleans, and the read models carry them (`RoundView::actions`) so
/// pages show exactly the forms the service will accept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct RoundCapabilities {
    /// Rounds, plans, review reasons and results are public.
    pub may_view: bool,
    /// Manages this round's area: an administrator, or a coordinator of the area.
    pub coordinates: bool,
    /// May hand in plans in this area: an initiator, or whoever coordinates it.
    pub submits_plans: bool,
    /// May submit a plan now (the round is open).
    pub may_submit: bool,
    /// May nominate or reject plans now.
    pub may_review: bool,
    /// May end the submission of plans early (open → review).
    pub may_close_submissions: bool,
    /// May open voting (from open or review).
    pub may_open_voting: bool,
    pub may_enter_paper_ballot: bool,
    /// May end voting and count (voting → counted).
    pub may_count: bool,
    /// May commit the winners' money and close the round (counted → closed).
    pub may_close: bool,
    /// Anyone with a valid code of the area and year may vote online while voting is open.
    pub may_vote_online: bool,
    /// The result and the anonymised ballots are public once the round is counted.
    pub results_published: bool,
}

/// The one rule for what `roles` (with their coordinated areas) may do with a round of
/// `area_id` in `status`.
pub fn capabilities(
    status: RoundStatus,
    area_id: &AreaId,
    roles: &[Role],
    coordinator_areas: &[AreaId],
) -> RoundCapabilities {
    // Who: the permission table; when: the round's state.
    let coordinates = Operation::ManagedRound.allowed(roles, coordinator_areas, area_id);
    let submits_plans = Operation::SubmitPlan.allowed(roles, coordinator_areas, area_id);
    let open = status == RoundStatus::Open;
    let reviewing = open || status == RoundStatus::Review;
    let voting = status == RoundStatus::Voting;
    RoundCapabilities {
        may_view: true,
        coordinates,
        submits_plans,
        may_submit: submits_plans && open,
        may_review: coordinates && reviewing,
        may_close_submissions: coordinates && open,
        may_open_voting: coordinates && reviewing,
        may_enter_paper_ballot: coordinates && voting,
        may_count: coordinates && voting,
        may_close: coordinates && status == RoundStatus::Counted,
        may_vote_online: voting,
        results_published: status >= RoundStatus::Counted,
    }
}

/// One plan on the ballot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BallotItem {
    pub id: PlanId,
    pub amount_cents: i64,
}

/// Why a ballot cannot be accepted. The messages are for the voter (B1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BallotProblem {
    Empty,
    NotOnBallot,
    TooMany { max: u32, chosen: usize },
    OverBudget { total_cents: i64, budget_cents: i64 },
}

impl BallotProblem {
    /// The message for the voter.
    pub fn msg(&self) -> Msg {
        match self {
            BallotProblem::Empty => Msg::new(msg_key!("error-ballot-empty")),
            BallotProblem::NotOnBallot => Msg::new(msg_key!("error-ballot-not-on-ballot")),
            BallotProblem::TooMany { max, chosen } => Msg::new(msg_key!("error-ballot-too-many"))
                .arg("max", *max)
                .arg("chosen", *chosen),
            BallotProblem::OverBudget {
                total_cents,
                budget_cents,
            } => Msg::new(msg_key!("error-ballot-over-budget"))
                .money("total", *total_cents)
                .money("budget", *budget_cents),
        }
    }
}

crate::msg_display!(BallotProblem);

/// Checks `chosen` (plan ids, in any order, duplicates ignored) against the round's rule
/// and returns the chosen ids in ballot order.
pub fn check_ballot(
    rule: BallotRule,
    budget_cents: i64,
    ballot: &[BallotItem],
    chosen: &[String],
) -> Result<Vec<PlanId>, BallotProblem> {
    let mut picked = Vec::new();
    for id in chosen {
        let id = id.trim();
        if id.is_empty() {
            continue;
        }
        if !ballot.iter().any(|b| b.id == id) {
            return Err(BallotProblem::NotOnBallot);
        }
    }
    for item in ballot {
        if chosen.iter().any(|c| item.id == c.trim()) {
            picked.push(item);
        }
    }
    if picked.is_empty() {
        return Err(BallotProblem::Empty);
    }
    match rule {
        BallotRule::Approval {
            max_choices: Some(max),
        } if picked.len() > max as usize => {
            return Err(BallotProblem::TooMany {
                max,
                chosen: picked.len(),
            })
        }
        BallotRule::Knapsack => {
            let total: i64 = picked.iter().map(|p| p.amount_cents).sum();
            if total > budget_cents {
                return Err(BallotProblem::OverBudget {
                    total_cents: total,
                    budget_cents,
                });
            }
        }
        _ => {}
    }
    Ok(picked.into_iter().map(|p| p.id.clone()).collect())
}

/// One plan as frozen on the ballot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrozenPlan {
    pub id: PlanId,
    pub number: i32,
    pub title: String,
    pub amount_cents: i64,
}

/// What is frozen when voting opens: the ballot, the rules and the budget. Casting a
/// ballot and counting read these, never the live round columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrozenRules {
    pub round_id: RoundId,
    pub area_slug: String,
    pub year: i32,
    pub quarter: i32,
    pub budget_cents: i64,
    pub ballot_rule: BallotRule,
    pub count_rule: CountRule,
    /// Every nominated plan, in number order.
    pub initiatives: Vec<FrozenPlan>,
}

/// The stored form (version 1). Serialised through `serde_json::Value`, whose maps keep
/// their keys sorted, so the text is canonical.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrozenWire {
    v: u32,
    round: RoundId,
    area: String,
    year: i32,
    quarter: i32,
    budget_cents: i64,
    ballot_rule: String,
    max_choices: Option<u32>,
    count_rule: String,
    initiatives: Vec<FrozenPlan>,
}

/// Why stored frozen rules cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FrozenProblem {
    FingerprintMismatch,
    /// With the technical detail (for the administrator).
    Unreadable(String),
}

impl FrozenProblem {
    /// The message for the coordinator who counts.
    pub fn msg(&self) -> Msg {
        match self {
            FrozenProblem::FingerprintMismatch => Msg::new(msg_key!("error-frozen-fingerprint")),
            FrozenProblem::Unreadable(detail) => {
                Msg::new(msg_key!("error-frozen-unreadable")).arg("detail", detail)
            }
        }
    }
}

crate::msg_display!(FrozenProblem);

impl FrozenRules {
    /// The canonical JSON of the frozen rules (sorted keys, versioned) and its SHA-256
    /// fingerprint in hex. Anyone holding the JSON can recompute the fingerprint.
    pub fn freeze(&self) -> (String, String) {
        let wire = FrozenWire {
            v: 1,
            round: self.round_id.clone(),
            area: self.area_slug.clone(),
            year: self.year,
            quarter: self.quarter,
            budget_cents: self.budget_cents,
            ballot_rule: self.ballot_rule.as_str().to_string(),
            max_choices: self.ballot_rule.max_choices(),
            count_rule: self.count_rule.as_str().to_string(),
            initiatives: self.initiatives.clone(),
        };
        // Serialising plain strings and numbers cannot fail.
        let text = serde_json::to_value(&wire)
            .map(|v| v.to_string())
            .unwrap_or_default();
        let fingerprint = fingerprint_of(&text);
        (text, fingerprint)
    }

    /// Reads stored frozen rules, after checking them against the stored fingerprint.
    pub fn verified(text: &str, fingerprint: &str) -> Result<FrozenRules, FrozenProblem> {
        if fingerprint_of(text) != fingerprint {
            return Err(FrozenProblem::FingerprintMismatch);
        }
        let w: FrozenWire =
            serde_json::from_str(text).map_err(|e| FrozenProblem::Unreadable(e.to_string()))?;
        if w.v != 1 {
            return Err(FrozenProblem::Unreadable(format!("versie {}", w.v)));
        }
        let max = w.max_choices.map(|m| i32::try_from(m).unwrap_or(i32::MAX));
        let ballot_rule = BallotRule::from_parts(&w.ballot_rule, max)
            .ok_or_else(|| FrozenProblem::Unreadable(format!("stemregel {}", w.ballot_rule)))?;
        let count_rule = CountRule::parse(&w.count_rule)
            .ok_or_else(|| FrozenProblem::Unreadable(format!("telregel {}", w.count_rule)))?;
        Ok(FrozenRules {
            round_id: w.round,
            area_slug: w.area,
            year: w.year,
            quarter: w.quarter,
            budget_cents: w.budget_cents,
            ballot_rule,
            count_rule,
            initiatives: w.initiatives,
        })
    }

    /// The plans on the ballot, for checking a ballot.
    pub fn ballot(&self) -> Vec<BallotItem> {
        self.initiatives
            .iter()
            .map(|i| BallotItem {
                id: i.id.clone(),
                amount_cents: i.amount_cents,
            })
            .collect()
    }

    /// Checks `chosen` against the frozen rule and ballot.
    pub fn check(&self, chosen: &[String]) -> Result<Vec<PlanId>, BallotProblem> {
        check_ballot(self.ballot_rule, self.budget_cents, &self.ballot(), chosen)
    }
}

fn fingerprint_of(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

/// A new receipt: two groups of five characters of the voting-code alphabet (no 0/O,
/// 1/I/L; about 49 bits), e.g. `7KQ2M-XW9PT`. The symbols come from one read of the
/// operating system's generator (a symbol per read was ten system calls per ballot).
pub fn new_tracker() -> String {
    let mut s = crate::domain::voting_code::random_symbols(&mut rand::rngs::OsRng, 10);
    s.insert(5, '-');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items() -> Vec<BallotItem> {
        vec![
            BallotItem {
                id: "a".into(),
                amount_cents: 60_000,
            },
            BallotItem {
                id: "b".into(),
                amount_cents: 50_000,
            },
            BallotItem {
                id: "c".into(),
                amount_cents: 30_000,
            },
        ]
    }

    fn ids(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    fn plan_ids(v: &[&str]) -> Vec<PlanId> {
        v.iter().map(|s| PlanId::from(*s)).collect()
    }

    #[test]
    fn approval_limits_the_number_of_choices() {
        let rule = BallotRule::Approval {
            max_choices: Some(2),
        };
        assert_eq!(
            check_ballot(rule, 100_000, &items(), &ids(&["c", "a"])),
            Ok(plan_ids(&["a", "c"]))
        );
        assert_eq!(
            check_ballot(rule, 100_000, &items(), &ids(&["a", "b", "c"])),
            Err(BallotProblem::TooMany { max: 2, chosen: 3 })
        );
        let open = BallotRule::Approval { max_choices: None };
        assert_eq!(
            check_ballot(open, 100_000, &items(), &ids(&["a", "b", "c"])).map(|v| v.len()),
            Ok(3)
        );
    }

    #[test]
    fn knapsack_must_fit_the_budget() {
        assert_eq!(
            check_ballot(BallotRule::Knapsack, 110_000, &items(), &ids(&["a", "b"])),
            Ok(plan_ids(&["a", "b"]))
        );
        let err = check_ballot(BallotRule::Knapsack, 100_000, &items(), &ids(&["a", "b"]))
            .expect_err("over budget");
        assert!(matches!(err, BallotProblem::OverBudget { .. }));
        assert!(err.to_string().contains("1.100,00"), "{err}");
    }

    #[test]
    fn empty_unknown_and_duplicate_choices() {
        let rule = BallotRule::Approval { max_choices: None };
        assert_eq!(
            check_ballot(rule, 1, &items(), &[]),
            Err(BallotProblem::Empty)
        );
        assert_eq!(
            check_ballot(rule, 1, &items(), &ids(&["", " "])),
            Err(BallotProblem::Empty)
        );
        assert_eq!(
            check_ballot(rule, 1, &items(), &ids(&["a", "zzz"])),
            Err(BallotProblem::NotOnBallot)
        );
        assert_eq!(
            check_ballot(rule, 1, &items(), &ids(&["b", "b", "b"])),
            Ok(plan_ids(&["b"]))
        );
    }

    fn frozen() -> FrozenRules {
        FrozenRules {
            round_id: "r1".into(),
            area_slug: "t-loo".into(),
            year: 2026,
            quarter: 4,
            budget_cents: 1_000_000,
            ballot_rule: BallotRule::Approval {
                max_choices: Some(3),
            },
            count_rule: CountRule::Greedy,
            initiatives: vec![FrozenPlan {
                id: "i1".into(),
                number: 1,
                title: "Bankjes".into(),
                amount_cents: 120_000,
            }],
        }
    }

    #[test]
    fn the_fingerprint_changes_with_any_frozen_detail() {
        let base = frozen();
        let (json_text, fp) = base.freeze();
        assert_eq!(fp.len(), 64);
        assert_eq!(hex::encode(Sha256::digest(json_text.as_bytes())), fp);
        let mut other = base.clone();
        other.budget_cents += 1;
        assert_ne!(other.freeze().1, fp);
        let mut other = base.clone();
        other.initiatives[0].amount_cents += 1;
        assert_ne!(other.freeze().1, fp);
        let mut other = base;
        other.count_rule = CountRule::EqualShares;
        assert_ne!(other.freeze().1, fp);
    }

    #[test]
    fn frozen_rules_keep_the_stored_form_of_earlier_versions() {
        // Written by the first version (a serde_json::json! literal); stored in existing
        // databases, so it must read back and freeze to the very same text.
        let stored = r#"{"area":"t-loo","ballot_rule":"approval","budget_cents":1000000,"count_rule":"greedy","initiatives":[{"amount_cents":120000,"id":"i1","number":1,"title":"Bankjes"}],"max_choices":3,"quarter":4,"round":"r1","v":1,"year":2026}"#;
        let (text, fp) = frozen().freeze();
        assert_eq!(text, stored);
        assert_eq!(FrozenRules::verified(stored, &fp), Ok(frozen()));
    }

    #[test]
    fn frozen_rules_are_refused_when_the_fingerprint_does_not_match() {
        let (text, fp) = frozen().freeze();
        let bent = text.replace("1000000", "9000000");
        assert_eq!(
            FrozenRules::verified(&bent, &fp),
            Err(FrozenProblem::FingerprintMismatch)
        );
        let other_fp = fingerprint_of(&bent);
        assert_eq!(
            FrozenRules::verified(&bent, &other_fp).map(|r| r.budget_cents),
            Ok(9_000_000)
        );
        let unknown = text.replace("\"greedy\"", "\"ranked\"");
        assert!(matches!(
            FrozenRules::verified(&unknown, &fingerprint_of(&unknown)),
            Err(FrozenProblem::Unreadable(_))
        ));
    }

    #[test]
    fn frozen_rules_check_ballots() {
        let r = frozen();
        assert_eq!(r.check(&ids(&["i1"])), Ok(plan_ids(&["i1"])));
        assert_eq!(r.check(&ids(&["i2"])), Err(BallotProblem::NotOnBallot));
    }

    #[test]
    fn trackers_are_grouped_and_use_the_code_alphabet() {
        let t = new_tracker();
        assert_eq!(t.len(), 11);
        assert_eq!(&t[5..6], "-");
        assert!(t
            .chars()
            .filter(|c| *c != '-')
            .all(|c| crate::domain::voting_code::ALPHABET.contains(&(c as u8))));
        assert_ne!(new_tracker(), t);
    }

    #[test]
    fn capabilities_follow_role_area_and_status() {
        let loo = vec![AreaId::from("loo")];
        let coord = [Role::AreaCoordinator];
        let c = capabilities(RoundStatus::Open, &"loo".into(), &coord, &loo);
        assert!(c.coordinates && c.may_submit && c.may_review && c.may_open_voting);
        assert!(!c.may_close && !c.may_enter_paper_ballot && !c.may_vote_online);
        let c = capabilities(RoundStatus::Review, &"loo".into(), &coord, &loo);
        assert!(c.may_review && c.may_open_voting && !c.may_submit && !c.may_close_submissions);
        let c = capabilities(RoundStatus::Voting, &"loo".into(), &coord, &loo);
        assert!(c.may_count && c.may_enter_paper_ballot && c.may_vote_online);
        assert!(!c.may_submit && !c.may_review && !c.may_open_voting && !c.may_close);
        assert!(!c.results_published);
        let c = capabilities(RoundStatus::Counted, &"loo".into(), &coord, &loo);
        assert!(c.may_close && c.results_published && !c.may_count && !c.may_vote_online);
        let other = capabilities(RoundStatus::Open, &"oost".into(), &coord, &loo);
        assert!(!other.coordinates && !other.may_review && !other.may_submit);
        let ini = capabilities(RoundStatus::Open, &"oost".into(), &[Role::Initiator], &[]);
        assert!(ini.may_submit && !ini.may_review);
        let admin = capabilities(RoundStatus::Voting, &"oost".into(), &[Role::Admin], &[]);
        assert!(admin.may_count && admin.may_enter_paper_ballot);
        let resident = capabilities(RoundStatus::Closed, &"loo".into(), &[], &[]);
        assert!(resident.may_view && resident.results_published && !resident.may_submit);
        for role in [
            Role::FinanceClerk,
            Role::FinanceApprover,
            Role::Council,
            Role::SteeringGroup,
        ] {
            let c = capabilities(RoundStatus::Open, &"loo".into(), &[role], &loo);
            assert!(!c.coordinates && !c.submits_plans, "{role:?}");
        }
    }

    #[test]
    fn states_and_rules_round_trip() {
        for s in ["open", "review", "voting", "counted", "closed", "annulled"] {
            assert_eq!(RoundStatus::parse(s).map(|r| r.as_str()), Some(s));
        }
        assert_eq!(RoundStatus::parse("draft"), None);
        assert_eq!(CountRule::parse("mes"), Some(CountRule::EqualShares));
        assert_eq!(
            BallotRule::from_parts("approval", Some(3)),
            Some(BallotRule::Approval {
                max_choices: Some(3)
            })
        );
        assert_eq!(BallotRule::from_parts("ranked", None), None);
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a real day")
    }

    #[test]
    fn phases_never_go_back() {
        for from in RoundStatus::ALL {
            for to in RoundStatus::ALL {
                if from.may_move_to(to) {
                    assert!(to > from, "{from:?} -> {to:?}");
                }
            }
        }
        assert!(RoundStatus::Open.may_move_to(RoundStatus::Review));
        assert!(RoundStatus::Open.may_move_to(RoundStatus::Voting));
        assert!(RoundStatus::Counted.may_move_to(RoundStatus::Closed));
        assert!(!RoundStatus::Open.may_move_to(RoundStatus::Counted));
        assert!(!RoundStatus::Voting.may_move_to(RoundStatus::Closed));
        assert!(!RoundStatus::Closed.may_move_to(RoundStatus::Open));
        assert_eq!(RoundStatus::Closed.next(), None);
        assert_eq!(RoundStatus::Annulled.next(), None);
        assert!(RoundStatus::Counted.may_move_to(RoundStatus::Annulled));
        assert!(!RoundStatus::Closed.may_move_to(RoundStatus::Annulled));
        assert!(!RoundStatus::Voting.may_move_to(RoundStatus::Annulled));
    }

    #[test]
    fn the_calendar_moves_a_round_forward_one_step_at_a_time_and_never_back() {
        let cal = Calendar::for_quarter(2027, 2, 6, 2, 2).expect("calendar");
        assert_eq!(cal.plans_from, day(2027, 4, 1));
        assert_eq!(cal.plans_until, day(2027, 5, 12));
        assert_eq!(cal.review_until, day(2027, 5, 26));
        assert_eq!(cal.voting_from, day(2027, 5, 27));
        assert_eq!(cal.voting_until, day(2027, 6, 9));
        // Every day of a long stretch, from every phase: the step asked for is the next
        // phase or nothing, and following the steps reaches the phase of the day.
        let mut today = day(2027, 3, 1);
        while today < day(2027, 8, 1) {
            for status in RoundStatus::ALL {
                let mut s = status;
                while let Some(to) = due_move(s, &cal, today) {
                    assert!(s.may_move_to(to) && to > s && to != RoundStatus::Closed);
                    s = to;
                }
                assert_eq!(s, status.max(cal.phase_on(today)), "{status:?} on {today}");
                assert!(s >= status);
            }
            today = today.succ_opt().expect("next day");
        }
        assert_eq!(due_move(RoundStatus::Open, &cal, day(2027, 5, 12)), None);
        assert_eq!(
            due_move(RoundStatus::Open, &cal, day(2027, 5, 13)),
            Some(RoundStatus::Review)
        );
        assert_eq!(
            due_move(RoundStatus::Review, &cal, day(2027, 5, 27)),
            Some(RoundStatus::Voting)
        );
        assert_eq!(
            due_move(RoundStatus::Voting, &cal, day(2027, 6, 10)),
            Some(RoundStatus::Counted)
        );
        assert_eq!(due_move(RoundStatus::Counted, &cal, day(2030, 1, 1)), None);
        assert!(cal.accepts_plans_on(day(2027, 4, 1)) && !cal.accepts_plans_on(day(2027, 3, 31)));
        assert!(cal.accepts_votes_on(day(2027, 6, 9)) && !cal.accepts_votes_on(day(2027, 6, 10)));
    }

    #[test]
    fn calendar_dates_must_be_in_order() {
        let d = day(2027, 1, 10);
        assert_eq!(
            Calendar::new(d, day(2027, 1, 9), d, d, d),
            Err(CalendarProblem::PlansEndBeforeStart)
        );
        assert_eq!(
            Calendar::new(d, d, day(2027, 1, 9), d, d),
            Err(CalendarProblem::ReviewBeforePlans)
        );
        assert_eq!(
            Calendar::new(d, d, day(2027, 1, 11), d, day(2027, 1, 12)),
            Err(CalendarProblem::VotingBeforeReview)
        );
        assert!(Calendar::new(d, d, d, d, d).is_ok());
        assert_eq!(
            Calendar::for_quarter(2027, 1, 0, 1, 1),
            Err(CalendarProblem::Weeks)
        );
        // Quarter 4 runs into the next year without trouble.
        let q4 = Calendar::for_quarter(2027, 4, 8, 3, 3).expect("q4");
        assert_eq!(q4.voting_until, day(2028, 1, 6));
    }
}
