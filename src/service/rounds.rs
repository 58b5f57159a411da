//! Smederij rounds: set-up, initiatives and their review, voting with a letter code
//! (online, or on paper entered by staff), and the count. See docs/rounds.md.
//!
//! One ballot per code per round: `cast` records the participation (primary key on
//! code + round) and stores the ballot in the same serialised transaction. The ballot row
//! carries no trace of the code, and the audit event of an online ballot names no one.

use crate::domain::message::Msg;
use crate::msg_key;
use serde_json::{json, Value};
use uuid::Uuid;

use super::{Principal, ServiceError};
use crate::db::models::{AreaRow, BallotRow};
use crate::db::repo::audit::AuditTail;
use crate::db::repo::{
    self, audit, ballot_statement, ledger as areas, rounds as q, voting_codes as codes,
};
use crate::db::{tx, DbConn};
use crate::domain::audit::Actor;
use crate::domain::audit::NewEvent;
use crate::domain::ids::AreaId;
use crate::domain::ledger::{self as ledger_rules, AccountKind};
use crate::domain::nl_time;
use crate::domain::role::Role;
use crate::domain::round::{
    self as rule, BallotProblem, BallotRule, Calendar, Commitment, CountRule, FrozenPlan,
    FrozenProblem, FrozenRules, Plan, PlanId, PlanResult, PlanStatus, Round, RoundCapabilities,
    RoundId, RoundResult, RoundStatus,
};
use crate::domain::voting_code::{self as vc, VotingCode};
use crate::tally::{self, Completion, Election, Rule, TallyOptions, TieBreak};

pub const TITLE_MAX: usize = 120;
pub const SUMMARY_MAX: usize = 4000;
/// The largest "at most k plans" (more plans than that never stand on one ballot).
pub const MAX_CHOICES: u32 = 1000;

/// What a coordinator fills in for a new round.
#[derive(Debug, Clone)]
pub struct RoundInput {
    pub area_slug: String,
    pub year: i32,
    pub quarter: i32,
    pub title: String,
    pub budget_cents: i64,
    pub ballot_rule: BallotRule,
    pub count_rule: CountRule,
    /// The dates at which `serve` moves the round on; none: moved by hand only.
    pub calendar: Option<Calendar>,
}

/// Today in the Netherlands: the calendar's days are Dutch days.
pub fn today_nl(now: chrono::NaiveDateTime) -> chrono::NaiveDate {
    nl_time::to_local(now).date()
}

/// The round calendar acting on its own (`serve`): the system as actor, with the rights of
/// an administrator so the same guarded steps apply.
pub fn calendar_principal() -> Principal {
    Principal {
        actor: Actor::System,
        roles: vec![Role::Admin],
        coordinator_areas: Vec::new(),
    }
}

/// Who made a phase move, for its audit event.
fn moved_by(who: &Principal) -> &'static str {
    if who.actor == Actor::System {
        "calendar"
    } else {
        "coordinator"
    }
}

/// What an initiator (or a coordinator on their behalf) fills in.
#[derive(Debug, Clone)]
pub struct InitiativeInput {
    pub title: String,
    pub summary: String,
    pub amount_cents: i64,
    pub taakveld: String,
}

/// The area of a round, as the pages show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AreaInfo {
    pub id: AreaId,
    pub slug: String,
    pub name: String,
    /// The most one plan in this area may cost, if the area sets a limit.
    pub max_initiative_cents: Option<i64>,
}

impl From<AreaRow> for AreaInfo {
    fn from(a: AreaRow) -> Self {
        AreaInfo {
            id: a.id,
            slug: a.slug,
            name: a.name,
            max_initiative_cents: a.max_initiative_cents,
        }
    }
}

/// A round with its area, its plans and what the caller may do with it.
#[derive(Debug, Clone)]
pub struct RoundView {
    pub round: Round,
    pub area: AreaInfo,
    pub initiatives: Vec<Plan>,
    /// Codes that took part (online and paper). None on a resident's voting pages, which
    /// do not show it: reading it was a statement on every page of every vote.
    pub ballots: Option<i64>,
    /// What the caller may do now (the same booleans the service guards with).
    pub actions: RoundCapabilities,
    /// The display name of each plan's author (plan id, name): plan lists name them.
    pub authors: Vec<(PlanId, String)>,
}

impl RoundView {
    /// The ballot count for pages that show it (staff pages and the API read every view
    /// with its count; only residents' voting pages go without, and show none).
    pub fn ballots_shown(&self) -> i64 {
        self.ballots.unwrap_or_default()
    }

    pub fn status(&self) -> RoundStatus {
        self.round.status
    }

    pub fn ballot_rule(&self) -> BallotRule {
        self.round.ballot_rule
    }

    pub fn count_rule(&self) -> CountRule {
        self.round.count_rule
    }

    /// The plans on the ballot: nominated ones, in number order.
    pub fn nominated(&self) -> Vec<&Plan> {
        self.initiatives
            .iter()
            .filter(|i| i.status == PlanStatus::Nominated)
            .collect()
    }

    /// The stored count, once the round is closed.
    pub fn result(&self) -> Option<&RoundResult> {
        self.round.result.as_ref()
    }

    /// The name of the plan's author, as shown beside the plan.
    pub fn author_of(&self, plan: &PlanId) -> &str {
        self.authors
            .iter()
            .find(|(id, _)| id == plan)
            .map_or("De gemeente", |(_, name)| name.as_str())
    }

    /// Where the plan stands for a resident: after the count, chosen or not.
    pub fn standing(&self, plan: &Plan) -> crate::domain::plan_standing::Standing {
        crate::domain::plan_standing::Standing::of(&plan.id, plan.status, self.result())
    }
}

/// The one rule (`domain::round::capabilities`) applied to this caller and round.
pub fn capabilities_for(who: &Principal, round: &Round) -> RoundCapabilities {
    rule::capabilities(
        round.status,
        &round.area_id,
        &who.roles,
        &who.coordinator_areas,
    )
}

/// The refusal when the caller does not manage the round's area.
fn not_coordinator() -> ServiceError {
    ServiceError::not_your_area()
}

/// The round for a coordinator's step: refused when the caller does not manage the
/// round's area, or (with `refusal`, on the form) when `step` is not allowed in the
/// round's state. The first lines of opening, counting and closing, written once.
fn round_for_step(
    c: &mut DbConn,
    who: &Principal,
    round_id: &RoundId,
    step: fn(&RoundCapabilities) -> bool,
    refusal: &'static str,
) -> Result<Round, ServiceError> {
    let round = load_round(c, round_id)?;
    let may = capabilities_for(who, &round);
    if !may.coordinates {
        return Err(not_coordinator());
    }
    if !step(&may) {
        return Err(ServiceError::refuse("round", refusal));
    }
    Ok(round)
}

fn new_id() -> String {
    Uuid::new_v4().to_string()
}

fn area_by_id(c: &mut DbConn, id: &AreaId) -> Result<AreaRow, ServiceError> {
    codes::find_area(c, id)?.ok_or(ServiceError::NotFound(crate::msg_key!(
        "error-missing-area"
    )))
}

pub(super) fn load_round(c: &mut DbConn, id: &RoundId) -> Result<Round, ServiceError> {
    q::find_round(c, id)?.ok_or(ServiceError::NotFound(crate::msg_key!(
        "error-missing-round"
    )))
}

/// The round's frozen rules, checked against their fingerprint. Only a round whose voting
/// has opened has them.
fn frozen_rules(round: &Round) -> Result<FrozenRules, ServiceError> {
    frozen_rules_or_problem(round).map_err(|e| ServiceError::invalid("round", e))
}

fn frozen_rules_or_problem(round: &Round) -> Result<FrozenRules, FrozenProblem> {
    match (&round.frozen_rules, &round.fingerprint) {
        (Some(text), Some(fp)) => FrozenRules::verified(text, fp),
        _ => Err(FrozenProblem::Unreadable("geen vastgelegde regels".into())),
    }
}

/// The display names of the plans' authors, in one query. Plans handed in from the
/// command line or by the system have no account: the municipality is named.
fn author_names(c: &mut DbConn, plans: &[Plan]) -> Result<Vec<(PlanId, String)>, ServiceError> {
    let mut ids: Vec<String> = plans
        .iter()
        .filter_map(|p| p.submitted_by.strip_prefix("user:").map(str::to_string))
        .collect();
    ids.sort();
    ids.dedup();
    let names: std::collections::HashMap<String, String> = if ids.is_empty() {
        Default::default()
    } else {
        crate::db::repo::users::names(c, &ids)?
            .into_iter()
            .collect()
    };
    Ok(plans
        .iter()
        .map(|p| {
            let name = p
                .submitted_by
                .strip_prefix("user:")
                .and_then(|id| names.get(id))
                .filter(|n| !n.trim().is_empty())
                .cloned()
                .unwrap_or_else(|| "De gemeente".to_string());
            (p.id.clone(), name)
        })
        .collect())
}

/// What a round's pages show of it besides its ballot count and what the caller may do:
/// data that only staff writes change (`service::round_cache` keeps it).
#[derive(Debug, Clone)]
pub(super) struct RoundParts {
    pub(super) round: Round,
    area: AreaInfo,
    initiatives: Vec<Plan>,
    authors: Vec<(PlanId, String)>,
}

impl RoundParts {
    pub(super) fn load(c: &mut DbConn, round: Round) -> Result<RoundParts, ServiceError> {
        let area = area_by_id(c, &round.area_id)?.into();
        let initiatives = q::initiatives_of(c, &round.id)?;
        let authors = author_names(c, &initiatives)?;
        Ok(RoundParts {
            round,
            area,
            initiatives,
            authors,
        })
    }

    /// The view for `who`, with the ballot count read now (it changes with every ballot).
    pub(super) fn view(self, c: &mut DbConn, who: &Principal) -> Result<RoundView, ServiceError> {
        let ballots = q::ballot_count(c, &self.round.id)?;
        Ok(self.view_counted(who, Some(ballots)))
    }

    /// The view for a resident's voting pages: without the ballot count, which they do not
    /// show.
    pub(super) fn view_uncounted(self, who: &Principal) -> RoundView {
        self.view_counted(who, None)
    }

    fn view_counted(self, who: &Principal, ballots: Option<i64>) -> RoundView {
        let actions = capabilities_for(who, &self.round);
        RoundView {
            round: self.round,
            area: self.area,
            initiatives: self.initiatives,
            ballots,
            actions,
            authors: self.authors,
        }
    }
}

fn view(c: &mut DbConn, who: &Principal, round: Round) -> Result<RoundView, ServiceError> {
    RoundParts::load(c, round)?.view(c, who)
}

/// One round, for anyone (rounds, plans, review reasons and results are public), with
/// what `who` may do with it.
pub fn round(conn: &mut DbConn, who: &Principal, id: &RoundId) -> Result<RoundView, ServiceError> {
    let r = load_round(conn, id)?;
    view(conn, who, r)
}

/// One round for the person who manages it: `Forbidden` for anyone else.
pub fn managed(
    conn: &mut DbConn,
    who: &Principal,
    id: &RoundId,
) -> Result<RoundView, ServiceError> {
    let v = round(conn, who, id)?;
    if !v.actions.coordinates {
        return Err(not_coordinator());
    }
    Ok(v)
}

/// All rounds, newest first, with their areas.
pub fn list(conn: &mut DbConn, who: &Principal) -> Result<Vec<RoundView>, ServiceError> {
    let rows = q::list_rounds(conn)?;
    rows.into_iter().map(|r| view(conn, who, r)).collect()
}

/// The rounds a staff member may manage: every round for an administrator, the rounds of
/// their own areas for a coordinator.
pub fn manageable(conn: &mut DbConn, who: &Principal) -> Result<Vec<RoundView>, ServiceError> {
    Ok(list(conn, who)?
        .into_iter()
        .filter(|r| r.actions.coordinates)
        .collect())
}

/// Areas in which this person may create rounds.
pub fn areas_for(conn: &mut DbConn, who: &Principal) -> Result<Vec<AreaInfo>, ServiceError> {
    Ok(areas::list_areas(conn)?
        .into_iter()
        .filter(|a| who.require_area(&a.id).is_ok())
        .map(AreaInfo::from)
        .collect())
}

/// An area by its slug (the resident's code page names the area it came from).
pub fn area_by_slug(
    conn: &mut DbConn,
    _who: &Principal,
    slug: &str,
) -> Result<Option<AreaInfo>, ServiceError> {
    if slug.trim().is_empty() {
        return Ok(None);
    }
    Ok(areas::find_area_by_slug(conn, slug.trim())?.map(AreaInfo::from))
}

pub fn create_round(
    conn: &mut DbConn,
    who: &Principal,
    input: &RoundInput,
) -> Result<RoundView, ServiceError> {
    let title = check_round_input(input)?;
    tx::write(conn, |c| {
        let area = areas::find_area_by_slug(c, input.area_slug.trim())?.ok_or_else(|| {
            ServiceError::invalid("area", Msg::new(msg_key!("error-area-choose-existing")))
        })?;
        who.require_area(&area.id)?;
        if q::find_round_by_quarter(c, &area.id, input.year, input.quarter)?.is_some() {
            return Err(ServiceError::invalid(
                "quarter",
                Msg::new(msg_key!("error-round-quarter-taken"))
                    .arg("area", &area.name)
                    .arg("quarter", input.quarter)
                    .arg("year", input.year),
            ));
        }
        let row = insert_round(c, who, &area, input, title)?;
        view(c, who, row)
    })
}

/// The checks of a new round that need no database; the trimmed title.
fn check_round_input(input: &RoundInput) -> Result<String, ServiceError> {
    let title = input.title.trim().to_string();
    if title.is_empty() || title.chars().count() > TITLE_MAX {
        return Err(ServiceError::invalid(
            "title",
            Msg::new(msg_key!("error-round-title")).arg("max", TITLE_MAX),
        ));
    }
    if !(2020..=2100).contains(&input.year) {
        return Err(ServiceError::invalid(
            "year",
            Msg::new(msg_key!("error-year-missing")),
        ));
    }
    if !(1..=4).contains(&input.quarter) {
        return Err(ServiceError::invalid(
            "quarter",
            Msg::new(msg_key!("error-round-quarter")),
        ));
    }
    if input.budget_cents <= 0 {
        return Err(ServiceError::invalid(
            "budget",
            Msg::new(msg_key!("error-round-budget-missing")),
        ));
    }
    if !crate::domain::money::within_bound(input.budget_cents) {
        return Err(ServiceError::invalid(
            "budget",
            crate::domain::money::above_maximum(),
        ));
    }
    if matches!(input.ballot_rule.max_choices(), Some(m) if !(1..=MAX_CHOICES).contains(&m)) {
        return Err(ServiceError::invalid(
            "max_choices",
            Msg::new(msg_key!("error-round-max-choices")).arg("max", MAX_CHOICES),
        ));
    }
    Ok(title)
}

/// Stores a new round (open for plans) with its ballot counter and its `round.created`
/// event, inside the caller's transaction. The caller checked the input, the area and
/// that the quarter is free.
fn insert_round(
    c: &mut DbConn,
    who: &Principal,
    area: &AreaRow,
    input: &RoundInput,
    title: String,
) -> Result<Round, ServiceError> {
    let row = Round {
        id: RoundId(new_id()),
        area_id: area.id.clone(),
        year: input.year,
        quarter: input.quarter,
        title,
        status: RoundStatus::Open,
        ballot_rule: input.ballot_rule,
        count_rule: input.count_rule,
        budget_cents: input.budget_cents,
        fingerprint: None,
        frozen_rules: None,
        result: None,
        created_by: who.key(),
        created_at: repo::now(),
        voting_opened_at: None,
        closed_at: None,
        calendar: input.calendar,
        review_started_at: None,
        counted_at: None,
    };
    q::insert_round(c, &row)?;
    q::insert_ballot_counter(c, &row.id)?;
    audit::append(
        c,
        &who.actor,
        &[NewEvent {
            action: "round.created",
            entity_type: "round",
            entity_id: row.id.to_string(),
            before: Value::Null,
            after: json!({
                "area": area.slug, "year": row.year, "quarter": row.quarter,
                "title": row.title, "budget_cents": row.budget_cents,
                "ballot_rule": row.ballot_rule.as_str(),
                "max_choices": row.ballot_rule.max_choices(),
                "count_rule": row.count_rule.as_str(),
                "calendar": row.calendar,
            }),
        }],
    )?;
    Ok(row)
}

/// Which areas a year is scheduled for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AreaChoice {
    /// Every area the caller manages.
    All,
    /// These areas (slugs).
    Slugs(Vec<String>),
}

impl AreaChoice {
    /// `all`, or slugs separated by commas (the command line's `--areas`).
    pub fn parse(text: &str) -> AreaChoice {
        if text.trim().eq_ignore_ascii_case("all") || text.trim().eq_ignore_ascii_case("alle") {
            return AreaChoice::All;
        }
        AreaChoice::Slugs(
            text.split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect(),
        )
    }
}

/// A year at once: one round per chosen quarter for every chosen area, all with the same
/// rules and budget, and per quarter the same dates (`Calendar::for_quarter`).
#[derive(Debug, Clone)]
pub struct ScheduleInput {
    pub year: i32,
    pub quarters: Vec<i32>,
    pub areas: AreaChoice,
    /// The name before "2027 kwartaal 2", e.g. "Smederij".
    pub title: String,
    pub budget_cents: i64,
    pub ballot_rule: BallotRule,
    pub count_rule: CountRule,
    pub plan_weeks: u32,
    pub review_weeks: u32,
    pub voting_weeks: u32,
}

/// Schedules a year: all rounds or none, in one transaction. A quarter that an area
/// already has a round in refuses the whole schedule, naming every clash.
pub fn schedule_year(
    conn: &mut DbConn,
    who: &Principal,
    input: &ScheduleInput,
) -> Result<Vec<RoundView>, ServiceError> {
    let mut quarters = input.quarters.clone();
    quarters.sort_unstable();
    quarters.dedup();
    if quarters.is_empty() || quarters.iter().any(|q| !(1..=4).contains(q)) {
        return Err(ServiceError::invalid(
            "quarters",
            Msg::new(msg_key!("error-schedule-quarters")),
        ));
    }
    let mut calendars = Vec::with_capacity(quarters.len());
    for &quarter in &quarters {
        let cal = Calendar::for_quarter(
            input.year,
            quarter,
            input.plan_weeks,
            input.review_weeks,
            input.voting_weeks,
        )
        .map_err(|e| ServiceError::invalid("weeks", e))?;
        calendars.push((quarter, cal));
    }
    let base = |quarter: i32, calendar: Calendar| RoundInput {
        area_slug: String::new(),
        year: input.year,
        quarter,
        title: format!("{} {} kwartaal {}", input.title.trim(), input.year, quarter),
        budget_cents: input.budget_cents,
        ballot_rule: input.ballot_rule,
        count_rule: input.count_rule,
        calendar: Some(calendar),
    };
    if input.title.trim().is_empty() {
        return Err(ServiceError::invalid(
            "title",
            Msg::new(msg_key!("error-schedule-title")),
        ));
    }
    for (quarter, cal) in &calendars {
        check_round_input(&base(*quarter, *cal))?;
    }
    tx::write(conn, |c| {
        let chosen: Vec<AreaRow> = match &input.areas {
            AreaChoice::All => areas::list_areas(c)?
                .into_iter()
                .filter(|a| who.require_area(&a.id).is_ok())
                .collect(),
            AreaChoice::Slugs(slugs) => {
                let mut out: Vec<AreaRow> = Vec::new();
                for slug in slugs {
                    let area = areas::find_area_by_slug(c, slug)?.ok_or_else(|| {
                        ServiceError::invalid(
                            "areas",
                            Msg::new(msg_key!("error-schedule-area-unknown")).arg("area", slug),
                        )
                    })?;
                    who.require_area(&area.id)?;
                    if !out.iter().any(|a| a.id == area.id) {
                        out.push(area);
                    }
                }
                out
            }
        };
        if chosen.is_empty() {
            return Err(ServiceError::invalid(
                "areas",
                Msg::new(msg_key!("error-schedule-areas")),
            ));
        }
        let mut clashes = Vec::new();
        for area in &chosen {
            for (quarter, _) in &calendars {
                if q::find_round_by_quarter(c, &area.id, input.year, *quarter)?.is_some() {
                    clashes.push(
                        Msg::new(msg_key!("error-schedule-clash"))
                            .arg("area", &area.name)
                            .arg("quarter", *quarter),
                    );
                }
            }
        }
        if !clashes.is_empty() {
            return Err(ServiceError::invalid(
                "quarters",
                Msg::new(msg_key!("error-schedule-clashes"))
                    .arg("clashes", clashes)
                    .arg("year", input.year),
            ));
        }
        let mut made = Vec::new();
        for area in &chosen {
            for (quarter, cal) in &calendars {
                let mut one = base(*quarter, *cal);
                one.area_slug = area.slug.clone();
                let title = one.title.clone();
                made.push(insert_round(c, who, area, &one, title)?);
            }
        }
        made.into_iter().map(|r| view(c, who, r)).collect()
    })
}

/// Initiators submit plans while a round is open; coordinators of the area (and
/// administrators) may enter a plan on someone's behalf (e.g. handed in on paper). Without
/// a cost breakdown; the first problem only (the plan form uses
/// `plan_review::submit_plan`, which reports every problem).
pub fn submit_initiative(
    conn: &mut DbConn,
    who: &Principal,
    round_id: &RoundId,
    input: &InitiativeInput,
) -> Result<Plan, ServiceError> {
    let submission = super::plan_review::PlanSubmission {
        title: input.title.clone(),
        summary: input.summary.clone(),
        amount_cents: Some(input.amount_cents),
        cost_lines: Vec::new(),
        taakveld: input.taakveld.clone(),
    };
    super::plan_review::submit_plan(conn, who, round_id, &submission, Vec::new())
        .map_err(super::plan_review::FormError::into_service)
}

/// The coordinator's review decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Review {
    Nominate,
    Reject,
}

/// Nominates or rejects a plan on the verdicts already stored for it (see
/// `plan_review::save_review` for the whole review in one step): nominating needs every
/// criterion of the checklist met and a taakveld, rejecting at least one criterion not met.
pub fn review_initiative(
    conn: &mut DbConn,
    who: &Principal,
    initiative_id: &PlanId,
    decision: Review,
    reason: &str,
) -> Result<Plan, ServiceError> {
    let plan = q::find_initiative(conn, initiative_id)?.ok_or(ServiceError::NotFound(
        crate::msg_key!("error-missing-plan"),
    ))?;
    let round = load_round(conn, &plan.round_id)?;
    let criteria = super::plan_review::criteria_for(conn, &round.area_id)?;
    let verdicts = super::plan_review::stored_inputs(conn, initiative_id, &criteria)?;
    let input = super::plan_review::ReviewInput {
        decision: match decision {
            Review::Nominate => crate::domain::review::Decision::Nominate,
            Review::Reject => crate::domain::review::Decision::Reject,
        },
        verdicts,
        taakveld: String::new(),
        amount_cents: None,
        explanation: String::new(),
        reason: reason.to_string(),
    };
    super::plan_review::save_review(conn, who, initiative_id, &input, Vec::new())
        .map_err(super::plan_review::FormError::into_service)
}

/// Ends the submission of plans (open → review): by the calendar when `plans_until` has
/// passed, or early by the coordinator. Reviewing goes on; voting opens next.
pub fn close_submissions(
    conn: &mut DbConn,
    who: &Principal,
    round_id: &RoundId,
) -> Result<RoundView, ServiceError> {
    const CLOSED: &str = msg_key!("error-round-plans-closed");
    tx::write(conn, |c| {
        let round = round_for_step(c, who, round_id, |may| may.may_close_submissions, CLOSED)?;
        if q::start_review(c, &round.id, repo::now())? != 1 {
            return Err(ServiceError::refuse("round", CLOSED));
        }
        audit::append(
            c,
            &who.actor,
            &[NewEvent {
                action: "round.review_started",
                entity_type: "round",
                entity_id: round.id.to_string(),
                before: json!({"status": RoundStatus::Open.as_str()}),
                after: json!({"status": RoundStatus::Review.as_str(), "by": moved_by(who)}),
            }],
        )?;
        let r = load_round(c, round_id)?;
        view(c, who, r)
    })
}

/// Freezes the ballot, the rules and the budget, fingerprints them, and opens voting
/// (from open or review).
pub fn open_voting(
    conn: &mut DbConn,
    who: &Principal,
    round_id: &RoundId,
) -> Result<RoundView, ServiceError> {
    const OPEN: &str = msg_key!("error-round-voting-open");
    tx::write(conn, |c| {
        let round = round_for_step(c, who, round_id, |may| may.may_open_voting, OPEN)?;
        super::objections::voting_may_open(c, &round)?;
        let from = round.status;
        let v = view(c, who, round)?;
        let nominated = v.nominated();
        if nominated.is_empty() {
            return Err(ServiceError::invalid(
                "round",
                Msg::new(msg_key!("error-round-ballot-empty")),
            ));
        }
        if v.initiatives
            .iter()
            .any(|i| i.status == PlanStatus::Submitted)
        {
            return Err(ServiceError::invalid(
                "round",
                Msg::new(msg_key!("error-round-review-first")),
            ));
        }
        let frozen = FrozenRules {
            round_id: v.round.id.clone(),
            area_slug: v.area.slug.clone(),
            year: v.round.year,
            quarter: v.round.quarter,
            budget_cents: v.round.budget_cents,
            ballot_rule: v.ballot_rule(),
            count_rule: v.count_rule(),
            initiatives: nominated
                .iter()
                .map(|i| FrozenPlan {
                    id: i.id.clone(),
                    number: i.number,
                    title: i.title.clone(),
                    amount_cents: i.amount_cents,
                })
                .collect(),
        };
        let (rules, fingerprint) = frozen.freeze();
        // The budget is reserved in the pool now, so no other round can promise it.
        let area = area_by_id(c, &v.round.area_id)?;
        super::pool_holds::reserve_for_round(c, who, &area, &v.round)?;
        let now = repo::now();
        if q::set_voting(c, &v.round.id, from, &fingerprint, &rules, now)? != 1 {
            return Err(ServiceError::invalid(
                "round",
                Msg::new(msg_key!("error-round-voting-open")),
            ));
        }
        audit::append(
            c,
            &who.actor,
            &[NewEvent {
                action: "round.voting_opened",
                entity_type: "round",
                entity_id: v.round.id.to_string(),
                before: json!({"status": from.as_str()}),
                after: json!({
                    "status": RoundStatus::Voting.as_str(),
                    "by": moved_by(who),
                    "fingerprint": fingerprint,
                    "rules": serde_json::from_str::<Value>(&rules).unwrap_or(Value::Null),
                }),
            }],
        )?;
        let r = load_round(c, round_id)?;
        view(c, who, r)
    })
}

/// Why a ballot was not taken.
#[derive(Debug, thiserror::Error)]
pub enum CastError {
    /// This code has already voted in this round (online or on paper).
    #[error("{}", Msg::new(msg_key!("error-cast-already-voted")))]
    AlreadyVoted,
    /// The round is not open for voting (not yet, or closed).
    #[error("{}", Msg::new(msg_key!("error-cast-not-voting")))]
    NotVoting,
    /// The code does not belong to this round (other area or year), or is not valid.
    #[error("{}", Msg::new(msg_key!("error-cast-wrong-code")))]
    WrongCode,
    #[error("{0}")]
    Ballot(#[from] BallotProblem),
    #[error(transparent)]
    Failed(#[from] ServiceError),
}

impl CastError {
    /// A refusal of the ballot itself (not a failure): `store_ballot` gives every one of
    /// them before the ballot changes anything, which is what lets a group of ballots
    /// (`db::group_commit`) keep the others without a savepoint.
    pub fn refused_unchanged(&self) -> bool {
        !matches!(self, CastError::Failed(_))
    }
}

impl From<diesel::result::Error> for CastError {
    fn from(e: diesel::result::Error) -> Self {
        CastError::Failed(e.into())
    }
}

/// A stored ballot's receipt.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Receipt {
    pub round_id: RoundId,
    pub tracker: String,
    /// The chosen plans, in ballot order.
    pub choices: Vec<PlanId>,
}

/// How a ballot arrived.
#[derive(Debug, Clone)]
pub enum Channel<'a> {
    /// The resident, signed in with their code (`handle` from the voter session); the
    /// caller is `Principal::resident()`.
    Online { handle: &'a str },
    /// A paper ballot from the village evening, typed in by the caller (staff who
    /// coordinate the area) with the code from the letter; `assisted` when someone helped
    /// the voter (the fact is logged, never the helper or the content).
    Paper { code: &'a str, assisted: bool },
}

/// What a resident's request read before casting, at one value of the round data version
/// (`write_lock.content_generation`, read with the voter: `Voter::round_data_version`):
/// the round, and the code's area and year (its code was active then, or there would be
/// no voter). When the version is still the same under the ballot's lock, nothing but
/// residents' own writes happened since (every other write raises it, `db::tx`), so the
/// ballot's transaction need not read the round and the code again.
#[derive(Debug, Clone, Copy)]
pub struct Seen<'a> {
    pub round: &'a Round,
    pub version: i64,
    pub code_area: &'a AreaId,
    pub code_year: i32,
}

/// Checks the ballot and stores it, with the code's participation, in one transaction.
pub fn cast(
    conn: &mut DbConn,
    who: &Principal,
    round_id: &RoundId,
    channel: Channel<'_>,
    choices: &[String],
) -> Result<Receipt, CastError> {
    let tracker = rule::new_tracker();
    // A ballot changes nothing a round's pages show but its count (`write_votes`).
    tx::write_votes_at(conn, |c, version| {
        let tail = &mut AuditTail::default();
        store_ballot(
            c, version, tail, who, round_id, &channel, None, choices, tracker,
        )
    })
}

/// [`cast`] online, for a resident's request that has read the round and the voter at
/// `seen.version` (the ballot page's own reads): the same checks and the same ballot,
/// but the transaction reads neither again while that version holds.
pub fn cast_seen(
    conn: &mut DbConn,
    handle: &str,
    seen: Seen<'_>,
    choices: &[String],
) -> Result<Receipt, CastError> {
    // The same path as a ballot from the web (`online_cast`), alone instead of grouped.
    let ballot = online_cast(handle, seen, choices.to_vec());
    tx::write_votes_at(conn, |c, version| {
        ballot.store(c, version, &mut AuditTail::default())
    })
}

/// [`cast_seen`], prepared to be written in a group of residents' writes
/// (`service::resident_writes::cast`): the same checks and the same ballot.
pub fn online_cast(handle: &str, seen: Seen<'_>, choices: Vec<String>) -> OnlineCast {
    OnlineCast {
        checked: check_seen(seen, &choices),
        tracker: rule::new_tracker(),
        round: seen.round.clone(),
        version: seen.version,
        code_area: seen.code_area.clone(),
        code_year: seen.code_year,
        handle: handle.to_string(),
        choices,
    }
}

/// A resident's online ballot waiting to be written: what [`Seen`] holds, owned,
/// and what was worked out before the lock.
pub struct OnlineCast {
    round: Round,
    version: i64,
    code_area: AreaId,
    code_year: i32,
    handle: String,
    choices: Vec<String>,
    checked: Result<Vec<PlanId>, CastError>,
    tracker: String,
}

impl OnlineCast {
    /// Its work under the write lock; `version` is the round data version read there,
    /// `tail` the audit log's end as its transaction knows it.
    pub fn store(
        self,
        conn: &mut DbConn,
        version: i64,
        tail: &mut AuditTail,
    ) -> Result<Receipt, CastError> {
        let seen = Seen {
            round: &self.round,
            version: self.version,
            code_area: &self.code_area,
            code_year: self.code_year,
        };
        store_ballot(
            conn,
            version,
            tail,
            &Principal::resident(),
            &self.round.id,
            &Channel::Online {
                handle: &self.handle,
            },
            Some((seen, self.checked)),
            &self.choices,
            self.tracker,
        )
    }
}

/// The frozen rules of the round seen (parsed, their fingerprint checked) and the choice
/// against them: done before the lock, to hold it shorter, and used only when that round
/// is still current under it. Kept as a result because its refusal counts only after the
/// checks that come first.
fn check_seen(seen: Seen<'_>, choices: &[String]) -> Result<Vec<PlanId>, CastError> {
    Ok(frozen_rules(seen.round)?.check(choices)?)
}

/// The ballot's work under the write lock, `version` being the round data version read
/// there: with `seen` (what the request read, and its choice checked) still current, the
/// round and the code are not read again.
#[allow(clippy::too_many_arguments)]
fn store_ballot(
    c: &mut DbConn,
    version: i64,
    tail: &mut AuditTail,
    who: &Principal,
    round_id: &RoundId,
    channel: &Channel<'_>,
    seen: Option<(Seen<'_>, Result<Vec<PlanId>, CastError>)>,
    choices: &[String],
    mut tracker: String,
) -> Result<Receipt, CastError> {
    let (current, checked) = match seen {
        Some((s, checked)) if s.version == version => (Some(s), Some(checked)),
        _ => (None, None),
    };
    let read;
    let round = match current {
        Some(s) => s.round,
        None => {
            read = q::find_round(c, round_id)?.ok_or(CastError::NotVoting)?;
            &read
        }
    };
    let may = capabilities_for(who, round);
    let handle = match channel {
        Channel::Online { handle } => handle.to_string(),
        Channel::Paper { code, .. } => {
            if !may.coordinates {
                return Err(not_coordinator().into());
            }
            paper_code_handle(c, code)?
        }
    };
    let now_allowed = match channel {
        Channel::Online { .. } => may.may_vote_online,
        Channel::Paper { .. } => may.may_enter_paper_ballot,
    };
    if !now_allowed {
        return Err(CastError::NotVoting);
    }
    // The last voting day has passed, even if the calendar has not counted yet.
    if matches!(&round.calendar, Some(cal) if today_nl(repo::now()) > cal.voting_until) {
        return Err(CastError::NotVoting);
    }
    let code_fits = match current {
        Some(s) => s.code_area == &round.area_id && s.code_year == round.year,
        None => {
            let code = codes::find_code(c, &handle)?.ok_or(CastError::WrongCode)?;
            code.status == codes::STATUS_ACTIVE
                && code.area_id == round.area_id
                && code.year == round.year
        }
    };
    if !code_fits {
        return Err(CastError::WrongCode);
    }
    // The frozen ballot and rules, never the live round columns.
    let picked = match checked {
        Some(picked) => picked?,
        _ => frozen_rules(round)?.check(choices)?,
    };
    let (channel_name, assisted, entered_by) = match channel {
        Channel::Online { .. } => ("online", false, None),
        Channel::Paper { assisted, .. } => ("paper", *assisted, Some(who.key())),
    };
    let ballot_row = |tracker: &str| BallotRow {
        id: new_id(),
        round_id: round.id.to_string(),
        tracker: tracker.to_string(),
        channel: channel_name.into(),
        assisted,
        entered_by: entered_by.clone(),
    };
    let cast_event = |tracker: &str| NewEvent {
        action: "ballot.cast",
        entity_type: "round",
        entity_id: round.id.to_string(),
        before: Value::Null,
        after: json!({
            "tracker": tracker, "channel": channel_name, "assisted": assisted,
            "choices": picked,
        }),
    };
    // On PostgreSQL the participation, the ballot, its choices, the count and the event
    // are one statement (`repo::ballot_statement`: a round trip each was most of a
    // ballot's cost there); SQLite writes them one by one below.
    let at_once = if ballot_statement::used_on(c) {
        let seq = tail.next_seq(c)?;
        let event = audit::event_row(seq, repo::now(), &who.actor, &cast_event(&tracker));
        ballot_statement::write_ballot(c, &handle, &ballot_row(&tracker), &picked, &event)?
            .map(|written| (written, seq))
    } else {
        None
    };
    match at_once {
        // The ballot's first change is the participation. Every refusal comes before it
        // (this one too: a code that already voted inserts nothing, and then nothing
        // else is written); after it only failures, which `db::group_commit` relies on
        // (`CastError::refused_unchanged`).
        Some((written, _)) if !written.participated => return Err(CastError::AlreadyVoted),
        Some((written, seq)) if written.stored => {
            tail.stored(seq);
            if !written.counted {
                q::count_one_ballot(c, &round.id)?;
            }
            return Ok(Receipt {
                round_id: round.id.clone(),
                tracker,
                choices: picked,
            });
        }
        // The participation is written, the tracker was taken: the next one, below.
        Some(_) => tracker = rule::new_tracker(),
        None => {
            if !q::record_participation(c, &handle, &round.id)? {
                return Err(CastError::AlreadyVoted);
            }
        }
    }
    // A tracker (or id) already taken stores nothing: draw again.
    while !q::insert_ballot_unless_taken(c, &ballot_row(&tracker), &picked)? {
        tracker = rule::new_tracker();
    }
    q::count_one_ballot(c, &round.id)?;
    audit::append_after(c, tail, &who.actor, &[cast_event(&tracker)])?;
    Ok(Receipt {
        round_id: round.id.clone(),
        tracker: tracker.clone(),
        choices: picked,
    })
}

/// Checks a resident's choice against the round's frozen rules without storing
/// anything (the review step before the ballot is cast): the chosen plans in ballot
/// order, or why the ballot would be refused.
pub fn preview(
    conn: &mut DbConn,
    who: &Principal,
    round_id: &RoundId,
    choices: &[String],
) -> Result<Vec<PlanId>, CastError> {
    let round = q::find_round(conn, round_id)?.ok_or(CastError::NotVoting)?;
    preview_round(who, &round, choices)
}

/// [`preview`] for a round the caller has just read (the resident's ballot pages read it
/// once per request, see `service::round_cache`).
pub fn preview_round(
    who: &Principal,
    round: &Round,
    choices: &[String],
) -> Result<Vec<PlanId>, CastError> {
    if !capabilities_for(who, round).may_vote_online {
        return Err(CastError::NotVoting);
    }
    Ok(frozen_rules(round)?.check(choices)?)
}

/// The handle of a code typed in from a paper ballot, when the code is genuine.
fn paper_code_handle(c: &mut DbConn, text: &str) -> Result<String, CastError> {
    let code = VotingCode::parse(text).map_err(|_| CastError::WrongCode)?;
    let row = codes::find_code(c, code.handle())?;
    let stored = row
        .as_ref()
        .map(|r| r.secret_hash.as_str())
        .unwrap_or_else(|| vc::dummy_hash());
    if !vc::verify(code.handle(), code.secret(), stored) {
        return Err(CastError::WrongCode);
    }
    row.map(|r| r.handle).ok_or(CastError::WrongCode)
}

/// Whether this code already took part in the round (one key lookup).
pub fn has_voted(
    conn: &mut DbConn,
    handle: &str,
    round_id: &RoundId,
) -> Result<bool, ServiceError> {
    Ok(q::has_participated(conn, handle, round_id)?)
}

/// Rounds a resident with a code of `area_id`/`year` can see on their voting page, each
/// with whether this code already voted in it.
pub fn voter_rounds(
    conn: &mut DbConn,
    who: &Principal,
    handle: &str,
    area_id: &AreaId,
    year: i32,
) -> Result<Vec<(RoundView, bool)>, ServiceError> {
    let voted = q::rounds_voted_by(conn, handle)?;
    let rows: Vec<Round> = q::rounds_of_area(conn, area_id)?
        .into_iter()
        .filter(|r| r.year == year && capabilities_for(who, r).may_vote_online)
        .collect();
    rows.into_iter()
        .map(|r| {
            let done = voted.contains(&r.id);
            Ok((view(conn, who, r)?, done))
        })
        .collect()
}

/// Ends voting and counts (voting → counted): by the calendar when `voting_until` has
/// passed, or early by the coordinator. The count reads the frozen rules, after checking
/// them against their fingerprint; when they do not match nothing is counted and the
/// refusal is audited. The result (with its explanation per plan) and the fingerprint of
/// the published ballots are stored, public and audited; no money moves yet.
pub fn count_round(
    conn: &mut DbConn,
    who: &Principal,
    round_id: &RoundId,
) -> Result<RoundView, ServiceError> {
    const NOT_VOTING: &str = msg_key!("error-round-count-state");
    let mut refused: Option<FrozenProblem> = None;
    let outcome = tx::write(conn, |c| {
        let round = round_for_step(c, who, round_id, |may| may.may_count, NOT_VOTING)?;
        let frozen = match frozen_rules_or_problem(&round) {
            Ok(f) => f,
            Err(problem) => {
                refused = Some(problem.clone());
                return Err(ServiceError::invalid("round", problem));
            }
        };
        let v = view(c, who, round)?;
        let ballots = q::ballots_of(c, &v.round.id)?;
        let pb = pb_text(&v, &frozen, &ballots);
        let result = count(&frozen, &pb)?;
        if q::set_counted(c, &v.round.id, &result, repo::now())? != 1 {
            return Err(ServiceError::invalid(
                "round",
                Msg::new(msg_key!("error-round-already-counted")),
            ));
        }
        audit::append(
            c,
            &who.actor,
            &[NewEvent {
                action: "round.counted",
                entity_type: "round",
                entity_id: v.round.id.to_string(),
                before: json!({"status": RoundStatus::Voting.as_str()}),
                after: json!({
                    "status": RoundStatus::Counted.as_str(),
                    "by": moved_by(who),
                    "ballots": ballots.len(),
                    "ballots_pb_sha256": sha256_hex(&pb),
                    "selected": result.selected,
                    "spent_cents": result.spent_cents,
                }),
            }],
        )?;
        let r = load_round(c, round_id)?;
        view(c, who, r)
    });
    if let Some(problem) = refused {
        // The counting transaction rolled back; the refusal itself is kept in the audit
        // log, so a bent round cannot be retried quietly.
        tx::write(conn, |c| {
            audit::append(
                c,
                &who.actor,
                &[NewEvent {
                    action: "round.count_refused",
                    entity_type: "round",
                    entity_id: round_id.to_string(),
                    before: Value::Null,
                    after: json!({
                        "reason": match problem {
                            FrozenProblem::FingerprintMismatch => "fingerprint_mismatch".to_string(),
                            FrozenProblem::Unreadable(e) => format!("unreadable: {e}"),
                        },
                    }),
                }],
            )
            .map_err(ServiceError::from)
        })?;
    }
    outcome
}

/// The round counted again from its ballots under its frozen rules (the steering group's
/// recount after an upheld objection), inside the caller's transaction: the new result,
/// the SHA-256 of the `.pb` it was counted from and the number of ballots.
pub(super) fn recount(
    c: &mut DbConn,
    who: &Principal,
    round: Round,
) -> Result<(RoundResult, String, usize), ServiceError> {
    let frozen = frozen_rules(&round)?;
    let v = view(c, who, round)?;
    let ballots = q::ballots_of(c, &v.round.id)?;
    let pb = pb_text(&v, &frozen, &ballots);
    let result = count(&frozen, &pb)?;
    Ok((result, sha256_hex(&pb), ballots.len()))
}

fn sha256_hex(text: &str) -> String {
    hex::encode(<sha2::Sha256 as sha2::Digest>::digest(text.as_bytes()))
}

/// Commits the winners' money and closes the round (counted → closed): the coordinator's
/// step after the count. The `round.closed` event repeats the count's facts (ballots, the
/// SHA-256 of the published `.pb`, the funded plans), so the council's export and its
/// verifier read a closed round from one event, as before the calendar.
pub fn close_round(
    conn: &mut DbConn,
    who: &Principal,
    round_id: &RoundId,
) -> Result<RoundView, ServiceError> {
    const NOT_COUNTED: &str = msg_key!("error-round-close-state");
    tx::write(conn, |c| {
        let round = round_for_step(c, who, round_id, |may| may.may_close, NOT_COUNTED)?;
        super::objections::money_may_be_committed(c, &round)?;
        let frozen = frozen_rules(&round)?;
        let mut result = round.result.clone().ok_or_else(|| {
            ServiceError::invalid("round", Msg::new(msg_key!("error-round-no-result")))
        })?;
        let v = view(c, who, round)?;
        // Ballots are append-only and voting is over: the same file as at the count.
        let ballots = q::ballots_of(c, &v.round.id)?;
        let pb = pb_text(&v, &frozen, &ballots);
        // The reservation ends here: what the winners get is committed below, the rest is
        // free again for a next round.
        super::pool_holds::release_round(c, who, &v.round, result.spent_cents, "ronde afgesloten")?;
        result.commitments = commit_winners(c, who, &v, &frozen, &result)?;
        if q::set_closed(c, &v.round.id, &result, repo::now())? != 1 {
            return Err(ServiceError::invalid(
                "round",
                Msg::new(msg_key!("error-round-already-closed")),
            ));
        }
        audit::append(
            c,
            &who.actor,
            &[NewEvent {
                action: "round.closed",
                entity_type: "round",
                entity_id: v.round.id.to_string(),
                before: json!({"status": RoundStatus::Counted.as_str()}),
                after: json!({
                    "status": RoundStatus::Closed.as_str(),
                    "ballots": ballots.len(),
                    "ballots_pb_sha256": sha256_hex(&pb),
                    "selected": result.selected,
                    "spent_cents": result.spent_cents,
                    "commitments": result.commitments,
                }),
            }],
        )?;
        let r = load_round(c, round_id)?;
        view(c, who, r)
    })
}

/// One move the calendar made, or could not make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarMove {
    pub round: RoundId,
    pub from: RoundStatus,
    pub to: RoundStatus,
    /// Why the move could not be made (e.g. no plan nominated when voting should open);
    /// the round stays where it is and the coordinator acts.
    pub refused: Option<String>,
}

/// What the calendar asks today, done: every round with dates whose date has passed moves
/// to its next phase (one step at a time, each in its own transaction with its own audit
/// event, actor `system`). Safe to run from several servers at once: each step re-reads the
/// round under the write lock and moves it with a conditional UPDATE, so a round moves
/// exactly once; the loser of a race finds nothing left to do. Counting is the last step a
/// date brings; closing (committing the money) stays with the coordinator.
pub fn move_due_rounds(
    conn: &mut DbConn,
    now: chrono::NaiveDateTime,
) -> Result<Vec<CalendarMove>, ServiceError> {
    let today = today_nl(now);
    let system = calendar_principal();
    let mut moves = Vec::new();
    for round in q::rounds_on_the_calendar(conn)? {
        let Some(cal) = round.calendar else { continue };
        let mut status = round.status;
        while let Some(to) = rule::due_move(status, &cal, today) {
            // Another server may have moved it meanwhile: look again before acting.
            let current = load_round(conn, &round.id)?.status;
            if current != status {
                break;
            }
            let done = match to {
                RoundStatus::Review => close_submissions(conn, &system, &round.id).map(|_| ()),
                RoundStatus::Voting => open_voting(conn, &system, &round.id).map(|_| ()),
                RoundStatus::Counted => count_round(conn, &system, &round.id).map(|_| ()),
                RoundStatus::Open | RoundStatus::Closed | RoundStatus::Annulled => break,
            };
            match done {
                Ok(()) => {
                    moves.push(CalendarMove {
                        round: round.id.clone(),
                        from: status,
                        to,
                        refused: None,
                    });
                    status = to;
                }
                Err(ServiceError::Invalid { message, .. }) => {
                    // Lost a race (the round moved after our look) or the round is not
                    // ready; either way nothing changed.
                    if load_round(conn, &round.id)?.status == status {
                        moves.push(CalendarMove {
                            round: round.id.clone(),
                            from: status,
                            to,
                            refused: Some(message.to_string()),
                        });
                    }
                    break;
                }
                Err(e) => return Err(e),
            }
        }
    }
    Ok(moves)
}

/// Moves the winning amounts from the area's pool to each funded plan's own account, in
/// the closing transaction. Refused as a whole (and the round stays counted) when the
/// pool does not hold enough: the finance staff fill the pool first. Amounts are the
/// frozen ones.
fn commit_winners(
    c: &mut DbConn,
    who: &Principal,
    v: &RoundView,
    frozen: &FrozenRules,
    result: &RoundResult,
) -> Result<Vec<Commitment>, ServiceError> {
    let winners: Vec<Plan> = result
        .selected
        .iter()
        .filter_map(|id| {
            let plan = frozen.initiatives.iter().find(|i| &i.id == id)?;
            let row = v.initiatives.iter().find(|i| i.id == plan.id)?;
            Some(Plan {
                amount_cents: plan.amount_cents,
                number: plan.number,
                title: plan.title.clone(),
                ..row.clone()
            })
        })
        .collect();
    let needed = ledger_rules::total_of(winners.iter().map(|i| i.amount_cents))?;
    if needed == 0 {
        return Ok(Vec::new());
    }
    let (pool, available) = super::ledger::pool_available(c, &v.area.id)?;
    // The one funds check (domain::ledger); its refusal is told as the round's own
    // message, which says what to do next.
    ledger_rules::check_funds(AccountKind::Pool, &v.area.name, available, needed).map_err(
        |_| {
            ServiceError::invalid(
                "round",
                Msg::new(msg_key!("error-round-pool-short"))
                    .arg("area", &v.area.name)
                    .money("available", available.max(0))
                    .money("needed", needed),
            )
        },
    )?;
    let fingerprint = v.round.fingerprint.as_deref().unwrap_or("");
    let decision_ref = format!(
        "Uitslag {} {} kwartaal {} (regels {})",
        v.round.title,
        v.round.year,
        v.round.quarter,
        &fingerprint[..fingerprint.len().min(16)]
    );
    winners
        .iter()
        .map(|plan| {
            let name = format!("Plan {}: {} ({})", plan.number, plan.title, v.area.name);
            let row = q::plan_row(plan);
            let t = super::ledger::commit_to_plan(c, who, &pool, &row, &name, &decision_ref)?;
            Ok(Commitment {
                initiative: plan.id.clone(),
                account: t.to_account.into(),
                transfer: t.id.into(),
                amount_cents: t.amount_cents,
            })
        })
        .collect()
}

/// The tally options a round's count rule stands for (docs/rounds.md): ties are broken
/// by votes, then the lower cost, then the plan number; plans without a single vote are
/// never funded (pabulib `min_project_score_threshold` 1).
pub fn tally_options(rule: CountRule) -> TallyOptions {
    let mut o = match rule {
        CountRule::Greedy => TallyOptions::new(Rule::Greedy, Completion::None, TieBreak::Fair),
        CountRule::EqualShares => {
            TallyOptions::new(Rule::MesCost, Completion::Add1, TieBreak::Fair)
        }
    };
    o.apply_threshold = true;
    o
}

/// Counts the round from its published `.pb` text: what anyone else can recount is
/// exactly what we count.
fn count(frozen: &FrozenRules, pb: &str) -> Result<RoundResult, ServiceError> {
    let election = Election::parse(pb)
        .map_err(|e| ServiceError::invalid("round", Msg::verbatim(e.to_string())))?;
    let outcome = tally::tally(&election, &tally_options(frozen.count_rule))
        .map_err(|e| ServiceError::invalid("round", Msg::verbatim(e.to_string())))?;
    let by_number = |n: &str| {
        frozen
            .initiatives
            .iter()
            .find(|i| i.number.to_string() == n)
    };
    let selected: Vec<PlanId> = outcome
        .selected
        .iter()
        .filter_map(|n| by_number(n).map(|i| i.id.clone()))
        .collect();
    let spent_cents: i64 = outcome
        .selected
        .iter()
        .filter_map(|n| by_number(n).map(|i| i.amount_cents))
        .sum();
    let plans: Vec<PlanResult> = outcome
        .explanations
        .iter()
        .map(|e| {
            let i = by_number(&e.project);
            PlanResult {
                initiative: i.map(|i| i.id.clone()),
                number: e.project.clone(),
                title: i.map(|i| i.title.clone()),
                amount_cents: i.map(|i| i.amount_cents),
                votes: e.votes,
                funded: e.selected,
                step: e.step,
                explanation: tally::explain::explain_dutch(e, &outcome),
                why: super::count_explanation::why(e, &outcome),
            }
        })
        .collect();
    Ok(RoundResult {
        rule: outcome.rule.clone(),
        completion: outcome.completion.clone(),
        tie_break: outcome.tie_break.clone(),
        voters: outcome.voters,
        budget_cents: frozen.budget_cents,
        spent_cents,
        left_cents: frozen.budget_cents - spent_cents,
        selected,
        plans,
        commitments: Vec::new(),
    })
}

/// The round's anonymised ballots as a pabulib `.pb` file, written by the tally's own
/// writer: projects are the frozen plans by number (cost in euros), voters are the
/// trackers (the receipts), in tracker order. Budget and rules are the frozen ones.
fn pb_text(v: &RoundView, frozen: &FrozenRules, ballots: &[(BallotRow, Vec<PlanId>)]) -> String {
    use crate::tally::number::cents_pb_string;
    use crate::tally::pb_file::{PbFile, Table};
    let plans = &frozen.initiatives;
    let mut meta: Vec<(String, String)> = vec![
        (
            "description".into(),
            format!(
                "{} {} kwartaal {}: {}",
                v.area.name, frozen.year, frozen.quarter, v.round.title
            ),
        ),
        ("country".into(), "Netherlands".into()),
        ("unit".into(), v.area.name.clone()),
        (
            "instance".into(),
            format!("{}-Q{}", frozen.year, frozen.quarter),
        ),
        ("num_projects".into(), plans.len().to_string()),
        ("num_votes".into(), ballots.len().to_string()),
        ("budget".into(), cents_pb_string(frozen.budget_cents)),
        ("vote_type".into(), "approval".into()),
        (
            "rule".into(),
            match frozen.count_rule {
                CountRule::Greedy => "greedy".into(),
                CountRule::EqualShares => "equalshares/add1".into(),
            },
        ),
        ("currency".into(), "EUR".into()),
        ("min_project_score_threshold".into(), "1".into()),
    ];
    if let Some(max) = frozen.ballot_rule.max_choices() {
        meta.push(("max_length".into(), max.to_string()));
    }
    if frozen.ballot_rule == BallotRule::Knapsack {
        meta.push(("max_sum_cost".into(), cents_pb_string(frozen.budget_cents)));
    }
    if let Some(fp) = &v.round.fingerprint {
        meta.push(("rules_fingerprint".into(), fp.clone()));
    }
    // The taakveld is a label on the plan, not part of the rules.
    let category = |id: &PlanId| {
        v.initiatives
            .iter()
            .find(|i| &i.id == id)
            .map(|i| i.taakveld.clone())
            .unwrap_or_default()
    };
    let projects = plans.iter().map(|i| {
        vec![
            i.number.to_string(),
            cents_pb_string(i.amount_cents),
            i.title.clone(),
            category(&i.id),
        ]
    });
    let votes = ballots.iter().map(|(b, choice_ids)| {
        let numbers: Vec<String> = plans
            .iter()
            .filter(|i| choice_ids.contains(&i.id))
            .map(|i| i.number.to_string())
            .collect();
        vec![b.tracker.clone(), numbers.join(",")]
    });
    let file = PbFile::new(
        meta,
        Table::new(&["project_id", "cost", "name", "category"], projects),
        Table::new(&["voter_id", "vote"], votes),
    );
    file.to_pb_string()
}

/// The published ballots of a closed round as `.pb` text (None while voting goes on:
/// partial results must not influence voters).
pub fn published_pb(
    conn: &mut DbConn,
    who: &Principal,
    round_id: &RoundId,
) -> Result<Option<String>, ServiceError> {
    let v = round(conn, who, round_id)?;
    if !v.actions.results_published {
        return Ok(None);
    }
    let frozen = frozen_rules(&v.round)?;
    let ballots = q::ballots_of(conn, round_id)?;
    Ok(Some(pb_text(&v, &frozen, &ballots)))
}

/// One line of the published ballot list: the receipt (tracker) and the chosen plan
/// numbers.
pub type PublishedBallot = (String, Vec<i32>);

/// The published ballot list of a closed round, in tracker order.
pub fn published_ballots(
    conn: &mut DbConn,
    who: &Principal,
    round_id: &RoundId,
) -> Result<Option<Vec<PublishedBallot>>, ServiceError> {
    let v = round(conn, who, round_id)?;
    if !v.actions.results_published {
        return Ok(None);
    }
    let ballots = q::ballots_of(conn, round_id)?;
    Ok(Some(
        ballots
            .into_iter()
            .map(|(b, ids)| {
                let numbers = v
                    .initiatives
                    .iter()
                    .filter(|i| ids.contains(&i.id))
                    .map(|i| i.number)
                    .collect();
                (b.tracker, numbers)
            })
            .collect(),
    ))
}
