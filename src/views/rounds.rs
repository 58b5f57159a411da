//! Smederij rounds: the public list and round page, with the forms of the area
//! coordinator (new round, review, open voting, paper ballots, close) and of initiators
//! (submit a plan). Every form works without JavaScript; errors stand next to their field.

use super::components::{
    checkbox_group, csrf_field, error_summary, error_title, field_error, money, radio_group,
    select_input, table_scroll, text_input, textarea_input,
};
use super::layout::{page, Nav};
use super::round_result::{result_first, ReceiptSearch};
use super::timeline::timeline;
use crate::domain::review::{cost_amount_field, cost_description_field, MAX_COST_LINES};
use crate::domain::round::{BallotRule, Calendar, CountRule, Plan, PlanStatus, RoundStatus};
use crate::domain::taakveld;
use crate::i18n::date as date_nl;
use crate::service::auth::SessionUser;
use crate::service::pool_holds::PoolMoney;
use crate::service::rounds::{AreaInfo, Receipt, RoundView};
use maud::{html, Markup};

use super::components::Col::{Num, Text};
use super::components::{count_rule_label, round_status_label, standing_label, table_head};
use crate::tr;
use crate::tr_html;

const NAV_CURRENT: &str = "/rondes";

fn nav(user: Option<&SessionUser>) -> Nav<'_> {
    Nav {
        user,
        current: NAV_CURRENT,
    }
}

/// The values of the new-round form, kept when it comes back with errors.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct RoundFormValues {
    #[serde(default)]
    pub area: String,
    #[serde(default)]
    pub year: String,
    #[serde(default)]
    pub quarter: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub budget: String,
    #[serde(default)]
    pub ballot_rule: String,
    #[serde(default)]
    pub max_choices: String,
    #[serde(default)]
    pub count_rule: String,
    #[serde(default)]
    pub plans_from: String,
    #[serde(default)]
    pub plans_until: String,
    #[serde(default)]
    pub review_until: String,
    #[serde(default)]
    pub voting_from: String,
    #[serde(default)]
    pub voting_until: String,
}

/// The values of the form that schedules a year, kept when it comes back with errors.
#[derive(Debug, Clone, Default)]
pub struct ScheduleFormValues {
    pub year: String,
    /// Ticked quarters ("1".."4").
    pub quarters: Vec<String>,
    /// Ticked area slugs.
    pub areas: Vec<String>,
    pub title: String,
    pub budget: String,
    pub ballot_rule: String,
    pub max_choices: String,
    pub count_rule: String,
    pub plan_weeks: String,
    pub review_weeks: String,
    pub voting_weeks: String,
}

impl ScheduleFormValues {
    /// The fields of a posted form (checkboxes come once per ticked box).
    pub fn from_fields(fields: &[(String, String)]) -> ScheduleFormValues {
        let mut v = ScheduleFormValues::default();
        for (k, val) in fields {
            match k.as_str() {
                "year" => v.year = val.clone(),
                "quarters" => v.quarters.push(val.clone()),
                "areas" => v.areas.push(val.clone()),
                "title" => v.title = val.clone(),
                "budget" => v.budget = val.clone(),
                "ballot_rule" => v.ballot_rule = val.clone(),
                "max_choices" => v.max_choices = val.clone(),
                "count_rule" => v.count_rule = val.clone(),
                "plan_weeks" => v.plan_weeks = val.clone(),
                "review_weeks" => v.review_weeks = val.clone(),
                "voting_weeks" => v.voting_weeks = val.clone(),
                _ => {}
            }
        }
        v
    }
}

/// The values of the plan form, as typed.
#[derive(Debug, Clone, Default)]
pub struct PlanFormValues {
    pub title: String,
    pub summary: String,
    pub amount: String,
    /// The cost breakdown's lines: (description, amount), as typed.
    pub cost_lines: Vec<(String, String)>,
    /// How many cost lines the form shows (at least [`PLAN_COST_ROWS`]).
    pub rows: usize,
}

/// Cost lines the plan form shows at first; "Meer regels" adds more, up to the maximum.
pub const PLAN_COST_ROWS: usize = 3;

/// The values of the paper-ballot form.
#[derive(Debug, Clone, Default)]
pub struct PaperFormValues {
    pub code: String,
    /// Chosen plan ids.
    pub choices: Vec<String>,
    pub assisted: bool,
}

/// "2026, kwartaal 3".
pub fn period(v: &RoundView) -> String {
    tr!(
        "rounds-period",
        year = v.round.year,
        quarter = v.round.quarter
    )
}

/// The ballot rule in plain words.
pub fn ballot_rule_text(rule: BallotRule, budget_cents: i64) -> String {
    match rule {
        BallotRule::Approval {
            max_choices: Some(1),
        } => tr!("rounds-rule-one"),
        BallotRule::Approval {
            max_choices: Some(k),
        } => tr!("rounds-rule-max", max = k),
        BallotRule::Approval { max_choices: None } => tr!("rounds-rule-any"),
        BallotRule::Knapsack => tr!(
            "rounds-rule-knapsack",
            budget = crate::i18n::money(budget_cents)
        ),
    }
}

/// How the votes are counted, in plain words.
pub fn count_rule_text(rule: CountRule) -> String {
    match rule {
        CountRule::Greedy => tr!("rounds-count-greedy"),
        CountRule::EqualShares => tr!("rounds-count-mes"),
    }
}

fn taakveld_text(year: i32, code: &str) -> String {
    match taakveld::lookup(year, code) {
        Some(t) => format!("{} {}", t.code, t.name),
        None => code.to_string(),
    }
}

// ---------------------------------------------------------------------------------------
// The list of rounds
// ---------------------------------------------------------------------------------------

pub struct ListPage<'a> {
    pub user: Option<&'a SessionUser>,
    pub rounds: &'a [RoundView],
    /// Areas in which the viewer may create a round (empty: no form).
    pub areas: &'a [AreaInfo],
    pub form: &'a RoundFormValues,
    pub errors: &'a [(String, String)],
    /// A fixed notice after a redirect (e.g. a year scheduled).
    pub notice: Option<&'a str>,
}

pub fn list(p: &ListPage<'_>) -> Markup {
    // "Fout:" first in the title, so a screen reader hears at once that the form came back.
    let title = error_title(&tr!("nav-rounds"), p.errors);
    let all = tr!("rounds-all-newest-first");
    page(
        &title,
        &nav(p.user),
        html! {
            h1 { (tr!("nav-rounds")) }
            @if let Some(n) = p.notice { p class="notice" role="status" { (n) } }
            p { (tr!("rounds-intro")) }
            (error_summary(p.errors))
            @if p.rounds.is_empty() {
                p { (tr!("rounds-none")) }
            } @else {
                (table_scroll(&all, html! { table {
                    caption { (all) }
                    (table_head(&[Text(&tr!("rounds-col-area")), Text(&tr!("rounds-col-period")), Text(&tr!("plan-round")), Text(&tr!("plan-payment-status")), Num(&tr!("rounds-col-budget"))]))
                    tbody {
                        @for r in p.rounds {
                            tr {
                                td { (r.area.name) }
                                td class="nowrap" { (period(r)) }
                                td { a href={ "/rondes/" (r.round.id) } { (r.round.title) } }
                                td {
                                    (round_status_label(r.status()))
                                    @if r.status() == RoundStatus::Voting {
                                        " " a href={ "/stemmen?gebied=" (r.area.slug) } { (tr!("home-vote-now")) span class="visually-hidden" { " " (tr!("home-vote-now-in", area = &r.area.name)) } }
                                    }
                                }
                                td class="num" { (money(r.round.budget_cents)) }
                            }
                        }
                    }
                } }))
            }
            @if !p.areas.is_empty() {
                p { a href="/rondes/jaar-plannen" { (tr!("rounds-schedule-link")) }
                    " " (tr!("rounds-schedule-link-hint")) }
                p { (tr!("rounds-pools-of-area")) " "
                    @for (i, a) in p.areas.iter().enumerate() {
                        @if i > 0 { ", " }
                        a href={ "/rondes/pot/" (a.slug) } { (a.name) }
                    }
                    "." }
                (new_round_form(p))
            }
        },
    )
}

fn new_round_form(p: &ListPage<'_>) -> Markup {
    let f = p.form;
    let areas: Vec<(&str, &str)> = p
        .areas
        .iter()
        .map(|a| (a.slug.as_str(), a.name.as_str()))
        .collect();
    html! {
        h2 id="nieuwe-ronde" { (tr!("rounds-new-title")) }
        p { (tr!("rounds-new-intro")) }
        form class="stack" method="post" action="/rondes" {
            (csrf_field(p.user.map(|u| u.csrf_token.as_str()).unwrap_or("")))
            (select_input(p.errors, "area", "area", &tr!("rounds-col-area"), None, Some(&tr!("rounds-new-choose-area")), &areas, &f.area))
            (text_input(p.errors, "year", &tr!("rounds-new-year"), Some(&tr!("rounds-new-year-hint")), &f.year, "text"))
            (select_input(p.errors, "quarter", "quarter", &tr!("rounds-new-quarter"), None, None, &quarter_options(), &f.quarter))
            (text_input(p.errors, "title", &tr!("rounds-new-name"), Some(&tr!("rounds-new-name-hint")), &f.title, "text"))
            (text_input(p.errors, "budget", &tr!("rounds-new-budget"), Some(&tr!("rounds-new-budget-hint")), &f.budget, "text"))
            (rule_fields(p.errors, &f.ballot_rule, &f.max_choices, &f.count_rule))
            fieldset {
                legend { (tr!("rounds-new-dates")) }
                p class="hint" { (tr!("rounds-new-dates-hint")) }
                (text_input(p.errors, "plans_from", &tr!("rounds-new-plans-from"), Some(&tr!("rounds-new-plans-from-hint")), &f.plans_from, "text"))
                (text_input(p.errors, "plans_until", &tr!("rounds-new-plans-until"), Some(&tr!("rounds-new-example", example = "12-5-2027")), &f.plans_until, "text"))
                (text_input(p.errors, "review_until", &tr!("rounds-new-review-until"), Some(&tr!("rounds-new-example", example = "26-5-2027")), &f.review_until, "text"))
                (text_input(p.errors, "voting_from", &tr!("rounds-new-voting-from"), Some(&tr!("rounds-new-example", example = "27-5-2027")), &f.voting_from, "text"))
                (text_input(p.errors, "voting_until", &tr!("rounds-new-voting-until"), Some(&tr!("rounds-new-example", example = "9-6-2027")), &f.voting_until, "text"))
            }
            button type="submit" { (tr!("rounds-new-submit")) }
        }
    }
}

/// "Kwartaal 1" .. "Kwartaal 4", for a select or checkboxes.
fn quarter_options() -> Vec<(String, String)> {
    (1..=4)
        .map(|q| (q.to_string(), tr!("rounds-quarter", quarter = q)))
        .collect()
}

/// The rules of a round (how residents vote, the maximum, how votes are counted): the
/// same fields on the new-round form and on the form that schedules a year.
fn rule_fields(
    errors: &[(String, String)],
    ballot_rule: &str,
    max_choices: &str,
    count_rule: &str,
) -> Markup {
    let (approval, approval_hint) = (
        tr!("rounds-rule-approval"),
        tr!("rounds-rule-approval-hint"),
    );
    let (knapsack, knapsack_hint) = (
        tr!("rounds-rule-within-budget"),
        tr!("rounds-rule-within-budget-hint"),
    );
    let (greedy, greedy_hint) = (
        count_rule_label(CountRule::Greedy),
        count_rule_text(CountRule::Greedy),
    );
    let (mes, mes_hint) = (
        count_rule_label(CountRule::EqualShares),
        count_rule_text(CountRule::EqualShares),
    );
    html! {
        (radio_group(errors, "ballot_rule", &tr!("rounds-rule-how-vote"), &[
            ("approval", approval.as_str(), approval_hint.as_str()),
            ("knapsack", knapsack.as_str(), knapsack_hint.as_str()),
        ], ballot_rule))
        (text_input(errors, "max_choices", &tr!("rounds-rule-max-choices"), Some(&tr!("rounds-rule-max-choices-hint")), max_choices, "text"))
        (radio_group(errors, "count_rule", &tr!("rounds-rule-how-count"), &[
            ("greedy", greedy.as_str(), greedy_hint.as_str()),
            ("mes", mes.as_str(), mes_hint.as_str()),
        ], count_rule))
    }
}

// ---------------------------------------------------------------------------------------
// The pool of an area: reserved and earmarked money
// ---------------------------------------------------------------------------------------

/// The open holds of a pool (reservations of rounds and earmarks), as a table.
/// What a hold is for, in the page's language. An earmark's reason is the coordinator's
/// own text (data, shown as typed). A round's reservation stores its reason as
/// "{title} {year} kwartaal {quarter}" (`service::pool_holds`); its words around the title
/// come from the catalogue, so an English page reads "quarter". A stored reason of another
/// shape is shown as stored.
pub fn hold_reason(kind: &str, reason: &str) -> String {
    let reservation = (|| {
        if kind != "reservation" {
            return None;
        }
        let (head, quarter) = reason.rsplit_once(" kwartaal ")?;
        let (title, year) = head.rsplit_once(' ')?;
        let quarter: i64 = quarter.parse().ok()?;
        let year: i64 = year.parse().ok()?;
        Some(tr!(
            "more-pool-hold-round",
            title = title,
            year = year.to_string(),
            quarter = quarter
        ))
    })();
    reservation.unwrap_or_else(|| reason.to_string())
}

pub fn holds_table(m: &PoolMoney) -> Markup {
    let caption = tr!("rounds-pool-holds");
    html! {
        @if m.holds.is_empty() {
            p { (tr!("rounds-pool-no-holds")) }
        } @else {
            (table_scroll(&caption, html! { table {
                caption { (caption) }
                (table_head(&[Text(&tr!("rounds-pool-col-kind")), Text(&tr!("rounds-pool-col-for")), Num(&tr!("rounds-pool-col-amount"))]))
                tbody {
                    @for h in &m.holds {
                        tr {
                            td { @if h.kind == "reservation" { (tr!("rounds-pool-kind-round")) } @else { (tr!("rounds-pool-kind-earmark")) } }
                            td { (hold_reason(&h.kind, &h.reason)) }
                            td class="num" { (money(h.amount_cents)) }
                        }
                    }
                }
            } }))
        }
    }
}

pub struct PoolPage<'a> {
    pub user: &'a SessionUser,
    pub pool: &'a PoolMoney,
    pub errors: &'a [(String, String)],
    pub amount: &'a str,
    pub reason: &'a str,
    pub notice: Option<&'a str>,
}

/// The coordinator's view of an area's pool: what is in it, what rounds reserved, what is
/// put apart (with a button to release it), and the form to put money apart.
pub fn pool_page(p: &PoolPage<'_>) -> Markup {
    let m = p.pool;
    let title = tr!("rounds-pool-title", area = &m.name);
    let head = error_title(&title, p.errors);
    let token = p.user.csrf_token.as_str();
    html! {
        (page(&head, &nav(Some(p.user)), html! {
            p { a href="/rondes" { (tr!("rounds-back-to-all")) } }
            h1 { (title) }
            @if let Some(n) = p.notice { p class="notice" role="status" { (n) } }
            (error_summary(p.errors))
            dl class="facts" {
                dt { (tr!("rounds-pool-balance")) } dd { (money(m.balance_cents)) }
                dt { (tr!("rounds-pool-reserved")) } dd { (money(m.reserved_cents)) }
                dt { (tr!("rounds-pool-kind-earmark")) } dd { (money(m.earmarked_cents)) }
                dt { (tr!("rounds-pool-pending")) } dd { (money(m.pending_out_cents)) }
                dt { (tr!("rounds-pool-available")) } dd { strong { (money(m.available_cents)) } }
            }
            p { (tr!("rounds-pool-explained")) }
            (holds_table(m))
            @for h in m.holds.iter().filter(|h| h.kind == "earmark") {
                form method="post" action={ "/rondes/pot/" (m.slug) "/vrijgeven/" (h.id) } {
                    (csrf_field(token))
                    button type="submit" { (tr!("rounds-pool-release", reason = hold_reason(&h.kind, &h.reason), amount = crate::i18n::money(h.amount_cents))) }
                }
            }
            h2 id="apart-zetten" { (tr!("rounds-pool-earmark-title")) }
            p { (tr!("rounds-pool-earmark-intro")) }
            form class="stack" method="post" action={ "/rondes/pot/" (m.slug) } {
                (csrf_field(token))
                (text_input(p.errors, "amount", &tr!("rounds-pool-amount"), Some(&tr!("rounds-new-example", example = crate::i18n::money_number(1_000_000))), p.amount, "text"))
                (text_input(p.errors, "reason", &tr!("rounds-pool-col-for"), Some(&tr!("rounds-pool-reason-hint")), p.reason, "text"))
                button type="submit" { (tr!("rounds-pool-earmark-submit")) }
            }
        }))
    }
}

// ---------------------------------------------------------------------------------------
// A year at once
// ---------------------------------------------------------------------------------------

pub struct SchedulePage<'a> {
    pub user: Option<&'a SessionUser>,
    /// Areas the viewer may schedule.
    pub areas: &'a [AreaInfo],
    pub form: &'a ScheduleFormValues,
    pub errors: &'a [(String, String)],
}

pub fn schedule(p: &SchedulePage<'_>) -> Markup {
    let f = p.form;
    let name = tr!("rounds-schedule-title");
    let title = error_title(&name, p.errors);
    let areas: Vec<(String, String)> = p
        .areas
        .iter()
        .map(|a| (a.slug.clone(), a.name.clone()))
        .collect();
    html! {
        (page(&title, &nav(p.user), html! {
            p { a href="/rondes" { (tr!("rounds-back-to-all")) } }
            h1 { (name) }
            p { (tr!("rounds-schedule-intro")) }
            p { (tr!("rounds-schedule-dates")) }
            (error_summary(p.errors))
            form class="stack" method="post" action="/rondes/jaar-plannen" {
                (csrf_field(p.user.map(|u| u.csrf_token.as_str()).unwrap_or("")))
                (text_input(p.errors, "year", &tr!("rounds-new-year"), Some(&tr!("rounds-new-year-hint")), &f.year, "text"))
                (checkbox_group(p.errors, "quarters", &tr!("rounds-schedule-quarters"), &tr!("rounds-schedule-quarters-hint"), &quarter_options(), &f.quarters))
                (checkbox_group(p.errors, "areas", &tr!("rounds-schedule-areas"), &tr!("rounds-schedule-areas-hint"), &areas, &f.areas))
                (text_input(p.errors, "title", &tr!("rounds-schedule-name"), Some(&tr!("rounds-schedule-name-hint")), &f.title, "text"))
                (text_input(p.errors, "budget", &tr!("rounds-schedule-budget"), Some(&tr!("rounds-new-example", example = crate::i18n::money_number(1_000_000))), &f.budget, "text"))
                (rule_fields(p.errors, &f.ballot_rule, &f.max_choices, &f.count_rule))
                (text_input(p.errors, "plan_weeks", &tr!("rounds-schedule-plan-weeks"), Some(&tr!("rounds-schedule-weeks-hint")), &f.plan_weeks, "text"))
                (text_input(p.errors, "review_weeks", &tr!("rounds-schedule-review-weeks"), Some(&tr!("rounds-schedule-weeks-hint")), &f.review_weeks, "text"))
                (text_input(p.errors, "voting_weeks", &tr!("rounds-schedule-voting-weeks"), Some(&tr!("rounds-schedule-weeks-hint")), &f.voting_weeks, "text"))
                button type="submit" { (tr!("rounds-schedule-submit")) }
            }
        }))
    }
}

// ---------------------------------------------------------------------------------------
// One round
// ---------------------------------------------------------------------------------------

pub struct RoundPage<'a> {
    pub user: Option<&'a SessionUser>,
    pub round: &'a RoundView,
    pub errors: &'a [(String, String)],
    pub notice: Option<&'a str>,
    pub plan: &'a PlanFormValues,
    pub paper: &'a PaperFormValues,
    /// The receipt of the paper ballot just entered.
    pub receipt: Option<&'a Receipt>,
    /// The published ballots (tracker, chosen plan numbers), once closed.
    pub published: Option<&'a [(String, Vec<i32>)]>,
    /// The round's objections and their decisions.
    pub objections: Option<&'a crate::service::objections::RoundObjections>,
    /// The answer of the receipt search on the result, and what was typed.
    pub lookup: Option<&'a ReceiptSearch>,
    pub lookup_typed: &'a str,
}

pub fn round(p: &RoundPage<'_>) -> Markup {
    let v = p.round;
    let status = v.status();
    let title = format!("{}: {}", v.area.name, v.round.title);
    let head = error_title(&title, p.errors);
    page(
        &head,
        &nav(p.user),
        html! {
            p { a href="/rondes" { (tr!("rounds-back-to-all")) } }
            h1 { (title) }
            @if let Some(n) = p.notice { p class="notice" role="status" { (n) } }
            @if let Some(r) = p.receipt { (receipt(v, r)) }
            (error_summary(p.errors))
            @match status {
                RoundStatus::Open => p { (tr!("rounds-now-open")) }
                RoundStatus::Review => p { (tr!("rounds-now-review")) }
                RoundStatus::Voting => p { (tr!("rounds-now-voting")) }
                RoundStatus::Counted => p { (tr!("rounds-now-counted")) }
                RoundStatus::Closed => p { (tr!("rounds-now-closed")) }
                RoundStatus::Annulled => p { (tr!("rounds-now-annulled")) }
            }
            @if status == RoundStatus::Voting { (vote_now(v)) }
            (timeline(&v.round))
            @if v.actions.results_published {
                // The result first, for residents; the rules, the count step by step and
                // every ballot below it, for whoever wants to check.
                (result_first(v, p.lookup, p.lookup_typed))
                @if let Some(o) = p.objections { (super::objections::round_section(v, o)) }
                (plans_not_on_ballot(p))
                @if v.actions.coordinates { (manage(p)) }
                h2 id="over-de-ronde" { (tr!("rounds-about")) }
                (facts(v))
                (result(p))
                (published(p))
            } @else {
                (facts(v))
                @if let Some(o) = p.objections { (super::objections::round_section(v, o)) }
                (plans(p))
                @if status == RoundStatus::Open {
                    (submit_section(p))
                }
                @if v.actions.coordinates { (manage(p)) }
            }
        },
    )
}

/// The big "Stem nu" link of a round open for voting: to the page where a resident types
/// the code from their letter (it then opens this round's ballot).
pub fn vote_now(v: &RoundView) -> Markup {
    html! {
        p class="vote-now" {
            a class="button primary" href={ "/stemmen?gebied=" (v.area.slug) } {
                (tr!("home-vote-now")) span class="visually-hidden" { " " (tr!("home-vote-now-in", area = &v.area.name)) }
            }
            @if let Some(cal) = &v.round.calendar {
                " " (tr!("rounds-vote-until", date = date_nl(cal.voting_until)))
            }
        }
    }
}

/// The round's facts: area, period, status, dates, budget and rules, the fingerprint.
fn facts(v: &RoundView) -> Markup {
    let status = v.status();
    html! {
        dl class="facts" {
            dt { (tr!("rounds-col-area")) } dd { (v.area.name) }
            dt { (tr!("rounds-col-period")) } dd { (period(v)) }
            dt { (tr!("plan-payment-status")) } dd { (round_status_label(status)) }
            @if let Some(cal) = &v.round.calendar { (calendar_facts(cal)) }
            dt { (tr!("rounds-col-budget")) } dd { (money(v.round.budget_cents)) }
            dt { (tr!("timeline-voting")) } dd { (ballot_rule_text(v.ballot_rule(), v.round.budget_cents)) }
            dt { (tr!("rounds-counting")) } dd { strong { (count_rule_label(v.count_rule())) } ". " (count_rule_text(v.count_rule())) }
            @if let Some(fp) = &v.round.fingerprint {
                dt { (tr!("rounds-fingerprint")) } dd { code class="hash" { (fp) } }
            }
        }
        @if v.round.fingerprint.is_some() {
            p { (tr!("rounds-fingerprint-explained")) }
        }
    }
}

/// After the count the cards show the plans on the ballot; plans that never reached it
/// (rejected, or never reviewed) are listed here with their reason.
fn plans_not_on_ballot(p: &RoundPage<'_>) -> Markup {
    let v = p.round;
    let others: Vec<&Plan> = v
        .initiatives
        .iter()
        .filter(|i| i.status != PlanStatus::Nominated)
        .collect();
    html! {
        @if !others.is_empty() {
            h2 id="plannen" { (tr!("rounds-not-on-ballot")) }
            @for i in others { (plan(p, i)) }
        }
    }
}

/// The dates of a round, as facts.
fn calendar_facts(cal: &Calendar) -> Markup {
    html! {
        dt { (tr!("timeline-plans")) } dd { (tr!("timeline-from-until", from = date_nl(cal.plans_from), until = date_nl(cal.plans_until))) }
        dt { (tr!("timeline-review")) } dd { (tr!("timeline-until", until = date_nl(cal.review_until))) }
        dt { (tr!("timeline-voting")) } dd { (tr!("timeline-from-until", from = date_nl(cal.voting_from), until = date_nl(cal.voting_until))) }
    }
}

fn receipt(v: &RoundView, r: &Receipt) -> Markup {
    let numbers: Vec<String> = v
        .initiatives
        .iter()
        .filter(|i| r.choices.contains(&i.id))
        .map(|i| i.number.to_string())
        .collect();
    html! {
        div class="notice" role="status" {
            p { strong { (tr!("rounds-paper-saved")) } }
            p { (tr!("rounds-paper-write-code")) " " strong { code { (r.tracker) } } }
            p { (tr!("rounds-paper-chosen", plans = numbers.join(", "))) }
        }
    }
}

fn plans(p: &RoundPage<'_>) -> Markup {
    let v = p.round;
    html! {
        h2 id="plannen" { (tr!("rounds-plans")) }
        @if v.initiatives.is_empty() {
            p { (tr!("rounds-no-plans")) }
        }
        @for i in &v.initiatives {
            (plan(p, i))
        }
    }
}

fn plan(p: &RoundPage<'_>, i: &Plan) -> Markup {
    let v = p.round;
    let reviewable = v.actions.may_review;
    html! {
        section class="plan" aria-labelledby={ "plan-" (i.number) } {
            h3 id={ "plan-" (i.number) } { a href={ "/plannen/" (i.id) } { (tr!("ballot-plan-title", number = i.number, title = &i.title)) } }
            dl class="facts" {
                dt { (tr!("plan-author")) } dd { (v.author_of(&i.id)) }
                dt { (tr!("plan-cost-amount")) } dd { (money(i.amount_cents)) }
                @if !i.taakveld.is_empty() {
                    dt { (tr!("plan-taakveld")) } dd { (taakveld_text(v.round.year, &i.taakveld)) }
                }
                dt { (tr!("plan-payment-status")) } dd { (standing_label(v.standing(i))) }
                @if let Some(reason) = &i.review_reason {
                    @if i.status == PlanStatus::Rejected {
                        dt { (tr!("rounds-why-rejected")) } dd { (reason) }
                    } @else {
                        dt { (tr!("rounds-explanation")) } dd { (reason) }
                    }
                }
            }
            @for para in i.summary.replace("\r\n", "\n").split("\n\n") {
                @if !para.trim().is_empty() { p { (para.trim()) } }
            }
            @if reviewable {
                p { a class="button" href={ "/rondes/" (v.round.id) "/plannen/" (i.id) "/beoordeling" } {
                    (tr!("rounds-review-plan", number = i.number)) } }
            }
        }
    }
}

fn submit_section(p: &RoundPage<'_>) -> Markup {
    let v = p.round;
    let back = format!("/rondes/{}", v.round.id);
    let rows = p
        .plan
        .rows
        .max(p.plan.cost_lines.len())
        .clamp(PLAN_COST_ROWS, MAX_COST_LINES);
    let cost_err = field_error(p.errors, "kosten");
    html! {
        h2 id="plan-indienen" tabindex="-1" { (tr!("rounds-submit-title")) }
        @if v.actions.may_submit {
            p { (tr!("rounds-submit-intro")) }
            @if let Some(max) = v.area.max_initiative_cents {
                p { (tr_html!("rounds-submit-max", area = v.area.name, amount = money(max))) }
            }
            form class="stack" method="post" action={ "/rondes/" (v.round.id) "/plannen" } {
                (csrf_field(p.user.map(|u| u.csrf_token.as_str()).unwrap_or("")))
                (text_input(p.errors, "title", &tr!("rounds-submit-plan-title"), Some(&tr!("rounds-submit-plan-title-hint")), &p.plan.title, "text"))
                (textarea_input(p.errors, "summary", "summary", &tr!("rounds-submit-summary"), Some(&tr!("rounds-submit-summary-hint")), &p.plan.summary))
                (text_input(p.errors, "amount", &tr!("rounds-submit-amount"), Some(&tr!("rounds-new-example", example = crate::i18n::money_number(250_000))), &p.plan.amount, "text"))
                fieldset id="kosten" class=[cost_err.as_ref().map(|_| "has-error")]
                    aria-describedby=[cost_err.as_ref().map(|_| "kosten-error")] {
                    legend { (tr!("rounds-submit-costs")) }
                    span class="hint" { (tr!("rounds-submit-costs-hint")) }
                    @if let Some(e) = &cost_err { span class="field-error" id="kosten-error" { (tr!("common-error-prefix")) " " (e) } }
                    @for n in 1..=rows {
                        @let (d, a) = p.plan.cost_lines.get(n - 1).cloned().unwrap_or_default();
                        div class="cost-line" {
                            (text_input(p.errors, &cost_description_field(n), &tr!("rounds-submit-cost-part", number = n), None, &d, "text"))
                            (text_input(p.errors, &cost_amount_field(n), &tr!("rounds-submit-cost-amount", number = n), None, &a, "text"))
                        }
                    }
                    @if rows < MAX_COST_LINES {
                        button type="submit" name="meer" value="1" class="secondary" formnovalidate { (tr!("rounds-submit-more-lines")) }
                    }
                }
                button type="submit" { (tr!("rounds-submit-button")) }
            }
        } @else if p.user.is_some() {
            p { (tr!("rounds-submit-needs-initiator")) }
        } @else {
            p { (tr!("rounds-submit-want")) " "
                a href={ "/inloggen?terug=" (back) } { (tr!("rounds-submit-log-in")) } " " (tr!("rounds-submit-or")) " "
                a href="/registreren" { (tr!("rounds-submit-register")) } "." }
        }
    }
}

/// One step of the round on the coordinator's part of the page: its heading, what it
/// does (and the day it happens by itself, if the round has a calendar) and its button,
/// which leads to a confirmation page first. `part` is the anchor and the address part
/// (`/rondes/{id}/{part}`); `texts` are the heading, the explanation and the button.
fn step_section(
    v: &RoundView,
    token: &str,
    part: &str,
    texts: [String; 3],
    by_itself: Option<chrono::NaiveDate>,
    class: &str,
) -> Markup {
    let [title, text, button] = texts;
    html! {
        h2 id=(part) { (title) }
        p { (text)
            @if let Some(day) = by_itself {
                " " (tr!("rounds-manage-by-itself", date = date_nl(day)))
            } }
        form method="post" action={ "/rondes/" (v.round.id) "/" (part) } {
            (csrf_field(token))
            button type="submit" class=(class) { (button) }
        }
    }
}

fn manage(p: &RoundPage<'_>) -> Markup {
    let v = p.round;
    let token = p.user.map(|u| u.csrf_token.as_str()).unwrap_or("");
    let cal = v.round.calendar.as_ref();
    html! {
        @if v.actions.may_close_submissions {
            (step_section(v, token, "indienen-sluiten", [tr!("rounds-manage-close-submissions"), tr!("rounds-manage-close-submissions-text"), tr!("rounds-manage-close-submissions")], cal.map(|c| c.plans_until), "secondary"))
        }
        @if v.actions.may_open_voting {
            h2 id="stemmen-openen" { (tr!("rounds-manage-open-voting")) }
            p { (tr!("rounds-manage-open-voting-text")) }
            p { (tr!("rounds-manage-on-ballot", count = v.nominated().len())) }
            form method="post" action={ "/rondes/" (v.round.id) "/stemmen-openen" } {
                (csrf_field(token))
                button type="submit" class="secondary" { (tr!("rounds-manage-open-voting")) }
            }
        }
        @if v.actions.may_enter_paper_ballot {
            h2 id="papieren-stem" { (tr!("rounds-manage-paper-title")) }
            p { (tr_html!("rounds-manage-paper-so-far", count = html! { strong { (tr!("rounds-manage-votes", count = v.ballots_shown())) } })) }
            p { (tr!("rounds-manage-paper-text")) }
            (paper_form(p, token))
        }
        @if v.actions.may_count {
            (step_section(v, token, "tellen", [tr!("rounds-manage-count"), tr!("rounds-manage-count-text"), tr!("rounds-manage-count")], cal.map(|c| c.voting_until), "danger"))
        }
        @if v.actions.may_close {
            (step_section(v, token, "afsluiten", [tr!("rounds-manage-close"), tr!("rounds-manage-close-text", area = &v.area.name), tr!("rounds-manage-close-button")], None, "danger"))
        }
    }
}

fn paper_form(p: &RoundPage<'_>, token: &str) -> Markup {
    let v = p.round;
    let err = field_error(p.errors, "keuze");
    html! {
        form class="stack" method="post" action={ "/rondes/" (v.round.id) "/papieren-stem" } {
            (csrf_field(token))
            (text_input(p.errors, "code", &tr!("rounds-paper-code"), Some(&tr!("rounds-paper-code-hint")), &p.paper.code, "text"))
            fieldset id="keuze" class=[err.as_ref().map(|_| "has-error")]
                aria-describedby=[err.as_ref().map(|_| "keuze-error")] {
                legend { (tr!("rounds-paper-choices")) }
                span class="hint" { (ballot_rule_text(v.ballot_rule(), v.round.budget_cents)) }
                @if let Some(e) = &err { span class="field-error" id="keuze-error" { (tr!("common-error-prefix")) " " (e) } }
                @for i in v.nominated() {
                    @let id = format!("keuze-{}", i.number);
                    div class="choice" {
                        input type="checkbox" id=(id) name="keuze" value=(i.id)
                            checked[p.paper.choices.iter().any(|c| i.id == *c)];
                        label for=(id) { (tr!("rounds-paper-plan", number = i.number, title = &i.title, amount = crate::i18n::money(i.amount_cents))) }
                    }
                }
            }
            div class="choice" {
                input type="checkbox" id="geholpen" name="geholpen" value="ja" checked[p.paper.assisted];
                label for="geholpen" {
                    (tr!("rounds-paper-assisted"))
                    span class="hint" { (tr!("rounds-paper-assisted-hint")) }
                }
            }
            button type="submit" { (tr!("rounds-paper-save")) }
        }
    }
}

fn result(p: &RoundPage<'_>) -> Markup {
    let v = p.round;
    let Some(r) = v.result() else {
        return html! { p { (tr!("result-not-yet")) } };
    };
    let (spent, left, voters) = (r.spent_cents, r.left_cents, r.voters);
    let per_plan = tr!("rounds-count-per-plan");
    html! {
        h2 id="telling" { (tr!("rounds-how-counted")) }
        p { (count_rule_text(v.count_rule())) }
        p { (tr!("result-voters", count = voters)) " "
            (tr_html!("rounds-spent-left", spent = html! { strong { (money(spent)) } }, left = html! { strong { (money(left)) } }, area = v.area.name)) }
        @if !r.commitments.is_empty() {
            p { (tr!("rounds-committed", area = &v.area.name)) }
        }
        (table_scroll(&per_plan, html! { table {
            caption { (per_plan) }
            (table_head(&[Text(&tr!("rounds-col-number")), Text(&tr!("plan-col-plan")), Num(&tr!("plan-cost-amount")), Num(&tr!("result-votes")), Text(&tr!("plan-result")), Text(&tr!("rounds-col-explanation"))]))
            tbody {
                @for plan in &r.plans {
                    tr {
                        td { (plan.number) }
                        td { (plan.title.as_deref().unwrap_or("")) }
                        td class="num" {
                            @if let Some(a) = plan.amount_cents { (money(a)) }
                        }
                        td class="num" { (plan.votes) }
                        td { @if plan.funded { strong { (tr!("standing-chosen")) } } @else { (tr!("standing-not-chosen")) } }
                        td { (super::explanation::explanation_text(&plan.why, &plan.explanation)) }
                    }
                }
            }
            tfoot { tr {
                th scope="row" colspan="2" { (tr!("plan-cost-total")) }
                td class="num" { (money(spent)) }
                td {} td {} td { (tr_html!("rounds-left-over", amount = money(left))) }
            } }
        } }))
    }
}

fn published(p: &RoundPage<'_>) -> Markup {
    let v = p.round;
    html! {
        h2 id="stemmen" { (tr!("rounds-all-votes")) }
        p { (tr!("rounds-all-votes-intro")) }
        p { (tr!("rounds-something-wrong")) " " (tr!("common-contact-sentence", who = tr!("common-municipality"))) }
        p { a href={ "/rondes/" (v.round.id) "/stemmen.pb" } download {
            (tr!("rounds-download")) }
            " " (tr!("rounds-download-why")) }
        @match p.published {
            Some(list) if !list.is_empty() => {
                (table_scroll(&tr!("rounds-votes-per-code"), html! { table {
                    caption { (tr!("rounds-votes-per-code")) }
                    (table_head(&[Text(&tr!("rounds-col-receipt")), Text(&tr!("result-chosen-title"))]))
                    tbody {
                        @for (tracker, numbers) in list {
                            tr {
                                td { code { (tracker) } }
                                td { (numbers.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(", ")) }
                            }
                        }
                    }
                } }))
            }
            _ => { p { (tr!("rounds-no-votes")) } }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::hold_reason;
    use crate::i18n::{with_lang, Lang};

    #[test]
    fn a_reservation_reads_in_the_language_and_an_earmark_as_typed() {
        let stored = "Groen en spelen 2026 kwartaal 2";
        assert_eq!(hold_reason("reservation", stored), stored);
        assert_eq!(
            with_lang(Lang::En, || hold_reason("reservation", stored)),
            "Groen en spelen 2026, quarter 2"
        );
        let own = "de nieuwe speeltuin, kwartaal 3 klaar";
        assert_eq!(with_lang(Lang::En, || hold_reason("earmark", own)), own);
        assert_eq!(
            with_lang(Lang::En, || hold_reason("reservation", "iets anders")),
            "iets anders"
        );
    }
}
