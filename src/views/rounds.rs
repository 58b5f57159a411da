//! Smederij rounds: the public list and round page, with the forms of the area
//! coordinator (new round, review, open voting, paper ballots, close) and of initiators
//! (submit a plan). Every form works without JavaScript; errors stand next to their field.

use super::components::{
    checkbox_group, csrf_field, error_summary, field_error, money, radio_group, table_scroll,
    text_input, textarea_input,
};
use super::layout::{page, Nav};
use super::round_result::{result_first, ReceiptSearch};
use super::timeline::timeline;
use crate::domain::money::format_eur;
use crate::domain::review::{cost_amount_field, cost_description_field, MAX_COST_LINES};
use crate::domain::round::{BallotRule, Calendar, CountRule, Plan, PlanStatus, RoundStatus};
use crate::domain::taakveld;
use crate::domain::wording::count_of;
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
pub fn ballot_rule_nl(rule: BallotRule, budget_cents: i64) -> String {
    match rule {
        BallotRule::Approval {
            max_choices: Some(1),
        } => tr!("rounds-rule-one"),
        BallotRule::Approval {
            max_choices: Some(k),
        } => tr!("rounds-rule-max", max = k),
        BallotRule::Approval { max_choices: None } => tr!("rounds-rule-any"),
        BallotRule::Knapsack => tr!("rounds-rule-knapsack", budget = format_eur(budget_cents)),
    }
}

/// How the votes are counted, in plain words.
pub fn count_rule_nl(rule: CountRule) -> String {
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

/// A select with its label and error; `options` are (value, text).
fn select_input(
    errors: &[(String, String)],
    name: &str,
    label: &str,
    options: &[(String, String)],
    selected: &str,
) -> Markup {
    let err = field_error(errors, name);
    html! {
        div class=[err.as_ref().map(|_| "has-error")] {
            label for=(name) {
                (label)
                @if let Some(e) = &err { span class="field-error" id={ (name) "-error" } { (tr!("common-error-prefix")) " " (e) } }
            }
            select id=(name) name=(name)
                aria-describedby=[err.as_ref().map(|_| format!("{name}-error"))]
                aria-invalid=[err.as_ref().map(|_| "true")] {
                @for (value, text) in options {
                    option value=(value) selected[value == selected] { (text) }
                }
            }
        }
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
    let title = if p.errors.is_empty() {
        tr!("nav-rounds")
    } else {
        tr!("common-error-title", title = tr!("nav-rounds"))
    };
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
                p { a href="/rondes/jaar-plannen" { "Een heel jaar in één keer plannen" }
                    " (1 tot 4 rondes per dorp of wijk, met dezelfde data en regels)." }
                p { "De pot van uw gebied (gereserveerd en apart gezet geld): "
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
    let areas: Vec<(String, String)> = std::iter::once((String::new(), "Kies een gebied".into()))
        .chain(p.areas.iter().map(|a| (a.slug.clone(), a.name.clone())))
        .collect();
    let quarters: Vec<(String, String)> = (1..=4)
        .map(|q| (q.to_string(), format!("Kwartaal {q}")))
        .collect();
    let greedy_hint = count_rule_nl(CountRule::Greedy);
    let mes_hint = count_rule_nl(CountRule::EqualShares);
    html! {
        h2 id="nieuwe-ronde" { "Nieuwe ronde" }
        p { "Na het aanmaken staat de ronde open voor plannen. De regels kunt u daarna niet "
            "meer veranderen: ze liggen vast zodra het stemmen begint." }
        form class="stack" method="post" action="/rondes" {
            (csrf_field(p.user.map(|u| u.csrf_token.as_str()).unwrap_or("")))
            (select_input(p.errors, "area", "Gebied", &areas, &f.area))
            (text_input(p.errors, "year", "Jaar", Some("Bijvoorbeeld 2027"), &f.year, "text"))
            (select_input(p.errors, "quarter", "Kwartaal", &quarters, &f.quarter))
            (text_input(p.errors, "title", "Naam van de ronde", Some("Bijvoorbeeld: Groen en spelen in de zomer"), &f.title, "text"))
            (text_input(p.errors, "budget", "Budget in euro", Some("Het bedrag dat in deze ronde te verdelen is, bijvoorbeeld 25.000,00"), &f.budget, "text"))
            (radio_group(p.errors, "ballot_rule", "Hoe stemmen inwoners?", &[
                ("approval", "Plannen aankruisen", "Inwoners kruisen de plannen aan die zij steunen. U kunt hieronder een maximum instellen."),
                ("knapsack", "Binnen het budget kiezen", "Inwoners kiezen plannen die samen niet meer kosten dan het budget."),
            ], &f.ballot_rule))
            (text_input(p.errors, "max_choices", "Hoeveel plannen mag iemand hoogstens aankruisen?", Some("Alleen bij plannen aankruisen. Laat leeg voor geen maximum."), &f.max_choices, "text"))
            (radio_group(p.errors, "count_rule", "Hoe worden de stemmen geteld?", &[
                ("greedy", CountRule::Greedy.label_nl(), &greedy_hint),
                ("mes", CountRule::EqualShares.label_nl(), &mes_hint),
            ], &f.count_rule))
            fieldset {
                legend { "Data (niet verplicht)" }
                p class="hint" { "Vult u de data in, dan gaat de ronde vanzelf naar de volgende stap: "
                    "na de laatste dag van indienen naar de beoordeling, op de eerste stemdag naar het "
                    "stemmen, en na de laatste stemdag worden de stemmen geteld. Laat u ze leeg, dan "
                    "zet u elke stap zelf. Vul alle vijf in, of geen." }
                (text_input(p.errors, "plans_from", "Plannen indienen vanaf", Some("Dag-maand-jaar, bijvoorbeeld 1-4-2027"), &f.plans_from, "text"))
                (text_input(p.errors, "plans_until", "Plannen indienen tot en met", Some("Bijvoorbeeld 12-5-2027"), &f.plans_until, "text"))
                (text_input(p.errors, "review_until", "Beoordelen tot en met", Some("Bijvoorbeeld 26-5-2027"), &f.review_until, "text"))
                (text_input(p.errors, "voting_from", "Stemmen vanaf", Some("Bijvoorbeeld 27-5-2027"), &f.voting_from, "text"))
                (text_input(p.errors, "voting_until", "Stemmen tot en met", Some("Bijvoorbeeld 9-6-2027"), &f.voting_until, "text"))
            }
            button type="submit" { "Ronde aanmaken" }
        }
    }
}

// ---------------------------------------------------------------------------------------
// The pool of an area: reserved and earmarked money
// ---------------------------------------------------------------------------------------

/// The open holds of a pool (reservations of rounds and earmarks), as a table.
pub fn holds_table(m: &PoolMoney) -> Markup {
    html! {
        @if m.holds.is_empty() {
            p { "Er is geen geld gereserveerd of apart gezet." }
        } @else {
            (table_scroll("Gereserveerd en apart gezet", html! { table {
                caption { "Gereserveerd en apart gezet" }
                thead { tr {
                    th scope="col" { "Soort" }
                    th scope="col" { "Waarvoor" }
                    th scope="col" class="num" { "Bedrag" }
                } }
                tbody {
                    @for h in &m.holds {
                        tr {
                            td { @if h.kind == "reservation" { "Ronde" } @else { "Apart gezet" } }
                            td { (h.reason) }
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
    let title = format!("Pot {}", m.name);
    let head = if p.errors.is_empty() {
        title.clone()
    } else {
        format!("Fout: {title}")
    };
    let token = p.user.csrf_token.as_str();
    html! {
        (page(&head, &nav(Some(p.user)), html! {
            p { a href="/rondes" { (tr!("rounds-back-to-all")) } }
            h1 { (title) }
            @if let Some(n) = p.notice { p class="notice" role="status" { (n) } }
            (error_summary(p.errors))
            dl class="facts" {
                dt { "In de pot" } dd { (money(m.balance_cents)) }
                dt { "Gereserveerd voor rondes" } dd { (money(m.reserved_cents)) }
                dt { "Apart gezet" } dd { (money(m.earmarked_cents)) }
                dt { "Wacht op goedkeuring" } dd { (money(m.pending_out_cents)) }
                dt { "Beschikbaar voor nieuwe rondes" } dd { strong { (money(m.available_cents)) } }
            }
            p { "Als het stemmen in een ronde begint, wordt het budget van de ronde in de pot "
                "gereserveerd. Als de ronde wordt afgesloten, gaat het geld naar de gekozen plannen "
                "en komt de rest weer vrij." }
            (holds_table(m))
            @for h in m.holds.iter().filter(|h| h.kind == "earmark") {
                form method="post" action={ "/rondes/pot/" (m.slug) "/vrijgeven/" (h.id) } {
                    (csrf_field(token))
                    button type="submit" { "Vrijgeven: " (h.reason) " (" (format_eur(h.amount_cents)) ")" }
                }
            }
            h2 id="apart-zetten" { "Geld apart zetten" }
            p { "Zet geld apart voor iets wat het dorp wil, bijvoorbeeld 10.000 euro voor de speeltuin. "
                "Dat geld kan dan niet in een ronde worden verdeeld, tot u het vrijgeeft." }
            form class="stack" method="post" action={ "/rondes/pot/" (m.slug) } {
                (csrf_field(token))
                (text_input(p.errors, "amount", "Bedrag in euro", Some("Bijvoorbeeld 10.000,00"), p.amount, "text"))
                (text_input(p.errors, "reason", "Waarvoor", Some("Bijvoorbeeld: de nieuwe speeltuin"), p.reason, "text"))
                button type="submit" { "Apart zetten" }
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
    let title = if p.errors.is_empty() {
        "Een jaar plannen"
    } else {
        "Fout: Een jaar plannen"
    };
    let quarters: Vec<(String, String)> = (1..=4)
        .map(|q| (q.to_string(), format!("Kwartaal {q}")))
        .collect();
    let areas: Vec<(String, String)> = p
        .areas
        .iter()
        .map(|a| (a.slug.clone(), a.name.clone()))
        .collect();
    html! {
        (page(title, &nav(p.user), html! {
            p { a href="/rondes" { (tr!("rounds-back-to-all")) } }
            h1 { "Een jaar plannen" }
            p { "Plan in één keer de rondes van een jaar: per gekozen kwartaal één ronde voor elk "
                "gekozen dorp of elke gekozen wijk. Alle rondes krijgen dezelfde regels en hetzelfde "
                "budget, en per kwartaal dezelfde data. Heeft een dorp in een kwartaal al een ronde, "
                "dan wordt er niets gepland en leest u waar het botst." }
            p { "De data: plannen indienen vanaf de eerste dag van het kwartaal, zoveel weken als u "
                "hieronder kiest. Daarna de beoordeling, en de dag erna begint het stemmen. De ronde "
                "gaat op die data vanzelf naar de volgende stap." }
            (error_summary(p.errors))
            form class="stack" method="post" action="/rondes/jaar-plannen" {
                (csrf_field(p.user.map(|u| u.csrf_token.as_str()).unwrap_or("")))
                (text_input(p.errors, "year", "Jaar", Some("Bijvoorbeeld 2027"), &f.year, "text"))
                (checkbox_group(p.errors, "quarters", "Kwartalen", "Kies 1 tot 4 kwartalen.", &quarters, &f.quarters))
                (checkbox_group(p.errors, "areas", "Dorpen en wijken", "Kies een of meer.", &areas, &f.areas))
                (text_input(p.errors, "title", "Naam van de rondes", Some("Voor het jaar en het kwartaal, bijvoorbeeld Smederij (dan: Smederij 2027 kwartaal 1)"), &f.title, "text"))
                (text_input(p.errors, "budget", "Budget per ronde in euro", Some("Bijvoorbeeld 10.000,00"), &f.budget, "text"))
                (radio_group(p.errors, "ballot_rule", "Hoe stemmen inwoners?", &[
                    ("approval", "Plannen aankruisen", "Inwoners kruisen de plannen aan die zij steunen. U kunt hieronder een maximum instellen."),
                    ("knapsack", "Binnen het budget kiezen", "Inwoners kiezen plannen die samen niet meer kosten dan het budget."),
                ], &f.ballot_rule))
                (text_input(p.errors, "max_choices", "Hoeveel plannen mag iemand hoogstens aankruisen?", Some("Alleen bij plannen aankruisen. Laat leeg voor geen maximum."), &f.max_choices, "text"))
                (radio_group(p.errors, "count_rule", "Hoe worden de stemmen geteld?", &[
                    ("greedy", CountRule::Greedy.label_nl(), &count_rule_nl(CountRule::Greedy)),
                    ("mes", CountRule::EqualShares.label_nl(), &count_rule_nl(CountRule::EqualShares)),
                ], &f.count_rule))
                (text_input(p.errors, "plan_weeks", "Weken voor plannen indienen", Some("1 tot 26"), &f.plan_weeks, "text"))
                (text_input(p.errors, "review_weeks", "Weken voor de beoordeling", Some("1 tot 26"), &f.review_weeks, "text"))
                (text_input(p.errors, "voting_weeks", "Weken voor het stemmen", Some("1 tot 26"), &f.voting_weeks, "text"))
                button type="submit" { "Rondes plannen" }
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
    let head = if p.errors.is_empty() {
        title.clone()
    } else {
        tr!("common-error-title", title = &title)
    };
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
            dt { (tr!("timeline-voting")) } dd { (ballot_rule_nl(v.ballot_rule(), v.round.budget_cents)) }
            dt { (tr!("rounds-counting")) } dd { strong { (count_rule_label(v.count_rule())) } ". " (count_rule_nl(v.count_rule())) }
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
                    "Plan " (i.number) " beoordelen" } }
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
        h2 id="plan-indienen" tabindex="-1" { "Een plan indienen" }
        @if v.actions.may_submit {
            p { "Beschrijf wat u wilt doen en waar het geld voor is. De gebiedsregisseur kijkt of het "
                "plan past bij wat het dorp belangrijk vindt. Daarna komt het plan op het stembiljet, "
                "of u leest waarom niet." }
            @if let Some(max) = v.area.max_initiative_cents {
                p { "Een plan in " (v.area.name) " mag hoogstens " (money(max)) " kosten." }
            }
            form class="stack" method="post" action={ "/rondes/" (v.round.id) "/plannen" } {
                (csrf_field(p.user.map(|u| u.csrf_token.as_str()).unwrap_or("")))
                (text_input(p.errors, "title", "Titel van uw plan", Some("Kort en duidelijk, bijvoorbeeld: Bankjes bij de speeltuin"), &p.plan.title, "text"))
                (textarea_input(p.errors, "summary", "summary", "Wat wilt u doen?", Some("Schrijf ook waar het geld precies voor is (bijvoorbeeld 3 bankjes van 800 euro)."), &p.plan.summary))
                (text_input(p.errors, "amount", "Wat kost het, in euro?", Some("Bijvoorbeeld 2.500,00"), &p.plan.amount, "text"))
                fieldset id="kosten" class=[cost_err.as_ref().map(|_| "has-error")]
                    aria-describedby=[cost_err.as_ref().map(|_| "kosten-error")] {
                    legend { "Kosten per onderdeel (mag leeg blijven)" }
                    span class="hint" { "Wilt u laten zien hoe het bedrag is opgebouwd? Vul dan per onderdeel in "
                        "waar het geld voor is en wat het kost. Samen moeten de onderdelen het bedrag hierboven zijn." }
                    @if let Some(e) = &cost_err { span class="field-error" id="kosten-error" { "Fout: " (e) } }
                    @for n in 1..=rows {
                        @let (d, a) = p.plan.cost_lines.get(n - 1).cloned().unwrap_or_default();
                        div class="cost-line" {
                            (text_input(p.errors, &cost_description_field(n), &format!("Onderdeel {n}"), None, &d, "text"))
                            (text_input(p.errors, &cost_amount_field(n), &format!("Bedrag onderdeel {n}, in euro"), None, &a, "text"))
                        }
                    }
                    @if rows < MAX_COST_LINES {
                        button type="submit" name="meer" value="1" class="secondary" formnovalidate { "Meer regels" }
                    }
                }
                button type="submit" { "Plan indienen" }
            }
        } @else if p.user.is_some() {
            p { "Plannen indienen kan met een account als initiatiefnemer. Vraag de gemeente om hulp als u dat wilt." }
        } @else {
            p { "Wilt u een plan indienen? "
                a href={ "/inloggen?terug=" (back) } { "Log in" } " of "
                a href="/registreren" { "maak een account" } "." }
        }
    }
}

fn manage(p: &RoundPage<'_>) -> Markup {
    let v = p.round;
    let token = p.user.map(|u| u.csrf_token.as_str()).unwrap_or("");
    html! {
        @if v.actions.may_close_submissions {
                h2 id="indienen-sluiten" { "Indienen sluiten" }
                p { "Sluit het indienen als er geen nieuwe plannen meer bij mogen. U kunt daarna nog "
                    "beoordelen. "
                    @if let Some(cal) = &v.round.calendar {
                        "Anders gebeurt dit vanzelf na " (date_nl(cal.plans_until)) "."
                    } }
                form method="post" action={ "/rondes/" (v.round.id) "/indienen-sluiten" } {
                    (csrf_field(token))
                    button type="submit" class="secondary" { "Indienen sluiten" }
                }
        }
        @if v.actions.may_open_voting {
                h2 id="stemmen-openen" { "Stemmen openen" }
                p { "Als u het stemmen opent, liggen de regels, het budget en de genomineerde plannen "
                    "vast. Daarna kunt u niets meer veranderen en geen plannen meer beoordelen. "
                    "Beoordeel daarom eerst alle plannen." }
                p { "Op het stembiljet: " (count_of(v.nominated().len(), "genomineerd plan", "genomineerde plannen")) "." }
                form method="post" action={ "/rondes/" (v.round.id) "/stemmen-openen" } {
                    (csrf_field(token))
                    button type="submit" class="secondary" { "Stemmen openen" }
                }
        }
        @if v.actions.may_enter_paper_ballot {
                h2 id="papieren-stem" { "Papieren stem invoeren" }
                p { "Tot nu toe gestemd: " strong { (count_of(v.ballots, "stem", "stemmen")) } ", online en op papier samen." }
                p { "Typ de stemcode van de brief over en kruis aan wat op het stembiljet is gekozen. "
                    "Na het opslaan ziet u een controlecode. Schrijf die op het stembiljet." }
                (paper_form(p, token))
        }
        @if v.actions.may_count {
                h2 id="tellen" { "Stemmen sluiten en tellen" }
                p { "Als u het stemmen sluit, kan niemand meer stemmen. De stemmen worden meteen "
                    "geteld en de uitslag komt op deze pagina. Er wordt nog geen geld vastgelegd. "
                    @if let Some(cal) = &v.round.calendar {
                        "Anders gebeurt dit vanzelf na " (date_nl(cal.voting_until)) "."
                    } }
                form method="post" action={ "/rondes/" (v.round.id) "/tellen" } {
                    (csrf_field(token))
                    button type="submit" class="danger" { "Stemmen sluiten en tellen" }
                }
        }
        @if v.actions.may_close {
                h2 id="afsluiten" { "Ronde afsluiten" }
                p { "Als u de ronde afsluit, wordt het geld voor de gekozen plannen uit de pot van "
                    (v.area.name) " vastgelegd. Daarna verandert er niets meer aan deze ronde." }
                form method="post" action={ "/rondes/" (v.round.id) "/afsluiten" } {
                    (csrf_field(token))
                    button type="submit" class="danger" { "Geld vastleggen en afsluiten" }
                }
        }
    }
}

fn paper_form(p: &RoundPage<'_>, token: &str) -> Markup {
    let v = p.round;
    let err = field_error(p.errors, "keuze");
    html! {
        form class="stack" method="post" action={ "/rondes/" (v.round.id) "/papieren-stem" } {
            (csrf_field(token))
            (text_input(p.errors, "code", "Stemcode van de brief", Some("Bijvoorbeeld K7PM-2XQ9-HT4W-R8NC-5DFG. Streepjes en spaties mogen."), &p.paper.code, "text"))
            fieldset id="keuze" class=[err.as_ref().map(|_| "has-error")]
                aria-describedby=[err.as_ref().map(|_| "keuze-error")] {
                legend { "Gekozen plannen" }
                span class="hint" { (ballot_rule_nl(v.ballot_rule(), v.round.budget_cents)) }
                @if let Some(e) = &err { span class="field-error" id="keuze-error" { "Fout: " (e) } }
                @for i in v.nominated() {
                    @let id = format!("keuze-{}", i.number);
                    div class="choice" {
                        input type="checkbox" id=(id) name="keuze" value=(i.id)
                            checked[p.paper.choices.iter().any(|c| i.id == *c)];
                        label for=(id) { "Plan " (i.number) ": " (i.title) " (" (format_eur(i.amount_cents)) ")" }
                    }
                }
            }
            div class="choice" {
                input type="checkbox" id="geholpen" name="geholpen" value="ja" checked[p.paper.assisted];
                label for="geholpen" {
                    "Geholpen bij het stemmen"
                    span class="hint" { "Kruis aan als iemand de kiezer heeft geholpen. Wie er hielp en wat er gekozen is, wordt daarbij niet vastgelegd." }
                }
            }
            button type="submit" { "Stem opslaan" }
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
        p { (count_rule_nl(v.count_rule())) }
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
