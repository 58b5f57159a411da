//! The resident's ballot: the plans of one round with a checkbox each, the review page
//! before the vote is final, and the receipt (tracker). B1 Dutch, no JavaScript; every
//! step is a plain form.

use maud::{html, Markup};

use super::components::{csrf_field, error_summary, money};
use super::layout::{page, Nav};
use crate::domain::round::{BallotRule, Plan, PlanId, RoundId};
use crate::service::rounds::{Receipt, RoundView};
use crate::tr;
use crate::tr_html;

fn nav() -> Nav<'static> {
    Nav {
        user: None,
        current: "/stemmen",
    }
}

/// The address of a round's ballot for a resident of `area_slug`.
pub fn ballot_path(area_slug: &str, round_id: &RoundId) -> String {
    format!("/stemmen/{area_slug}/rondes/{round_id}")
}

/// The round's rule in plain words.
pub fn rule_text(round: &RoundView) -> String {
    match round.ballot_rule() {
        BallotRule::Approval { max_choices: None } => tr!("ballot-rule-any"),
        BallotRule::Approval {
            max_choices: Some(n),
        } => tr!("ballot-rule-max", max = n),
        BallotRule::Knapsack => tr!(
            "ballot-rule-knapsack",
            budget = crate::i18n::money(round.round.budget_cents)
        ),
    }
}

/// "Stoppen en afmelden": ends the voter session (shared computers).
pub fn stop_form(csrf: &str) -> Markup {
    html! {
        form method="post" action="/stemmen/stoppen" {
            (csrf_field(csrf))
            button type="submit" class="secondary" { (tr!("ballot-stop")) }
        }
    }
}

fn round_intro(round: &RoundView) -> Markup {
    html! {
        p {
            (tr_html!(
                "ballot-round-intro",
                area = round.area.name,
                quarter = round.round.quarter,
                year = round.round.year,
                budget = money(round.round.budget_cents),
            ))
        }
    }
}

fn back_link(round: &RoundView) -> Markup {
    html! {
        p { a href={ "/stemmen/" (round.area.slug) } { (tr!("ballot-back", area = &round.area.name)) } }
    }
}

/// What the ballot page shows.
pub struct BallotPage<'a> {
    pub round: &'a RoundView,
    pub csrf: &'a str,
    /// Plan ids that are ticked (after a problem, or back from the review page).
    pub chosen: &'a [String],
    /// Why the ballot was not accepted (B1 Dutch).
    pub error: Option<&'a str>,
}

pub fn ballot(p: &BallotPage<'_>) -> Markup {
    let r = p.round;
    let errors: Vec<(String, String)> = p
        .error
        .map(|e| vec![("keuzes".to_string(), e.to_string())])
        .unwrap_or_default();
    let described = if p.error.is_some() {
        "keuzes-hint keuzes-error"
    } else {
        "keuzes-hint"
    };
    let title = if p.error.is_some() {
        tr!("common-error-title", title = &r.round.title)
    } else {
        r.round.title.clone()
    };
    page(
        &title,
        &nav(),
        html! {
            (error_summary(&errors))
            h1 { (r.round.title) }
            (round_intro(r))
            p {
                (tr_html!("ballot-explain", button = html! { strong { (tr!("ballot-cast-button")) } }))
            }
            form method="post" action={ (ballot_path(&r.area.slug, &r.round.id)) "/controleren" } {
                (csrf_field(p.csrf))
                fieldset.ballot.has-error[p.error.is_some()] id="keuzes"
                    aria-describedby=(described) {
                    legend { h2 { (tr!("ballot-question")) } }
                    p id="keuzes-hint" class="hint" { (rule_text(r)) }
                    @if let Some(e) = p.error {
                        p class="field-error" id="keuzes-error" { (tr!("common-error-prefix")) " " (e) }
                    }
                    ul class="choices" {
                        @for plan in r.nominated() {
                            (choice(plan, p.chosen.iter().any(|c| plan.id == c.trim())))
                        }
                    }
                }
                button type="submit" { (tr!("ballot-check-button")) }
            }
            (back_link(r))
        },
    )
}

fn choice(plan: &Plan, checked: bool) -> Markup {
    let id = format!("keuze-{}", plan.number);
    html! {
        li class="choice" {
            input type="checkbox" id=(id) name="keuze" value=(plan.id) checked[checked];
            label for=(id) {
                span class="plan-title" { (tr!("ballot-plan-title", number = plan.number, title = &plan.title)) }
                span class="plan-amount" { (tr_html!("ballot-plan-cost", amount = money(plan.amount_cents))) }
            }
            p class="plan-summary" { (plan.summary) }
        }
    }
}

/// The plans of `round` whose ids are in `picked`, in ballot order.
fn picked_plans<'a>(round: &'a RoundView, picked: &[PlanId]) -> Vec<&'a Plan> {
    round
        .nominated()
        .into_iter()
        .filter(|i| picked.contains(&i.id))
        .collect()
}

fn hidden_choices(picked: &[PlanId]) -> Markup {
    html! {
        @for id in picked {
            input type="hidden" name="keuze" value=(id);
        }
    }
}

fn plan_list(plans: &[&Plan]) -> Markup {
    let total: i64 = plans.iter().map(|p| p.amount_cents).sum();
    html! {
        ul class="picked" {
            @for plan in plans {
                li {
                    (tr_html!(
                        "ballot-picked-plan",
                        number = plan.number,
                        title = html! { strong { (plan.title) } },
                        amount = money(plan.amount_cents),
                    ))
                }
            }
        }
        p { (tr_html!("ballot-total", amount = money(total))) }
    }
}

/// "Controleer uw stem": the checked choice, before it is final.
pub fn review(round: &RoundView, csrf: &str, picked: &[PlanId]) -> Markup {
    let plans = picked_plans(round, picked);
    let base = ballot_path(&round.area.slug, &round.round.id);
    page(
        &tr!("ballot-review-title"),
        &nav(),
        html! {
            h1 { (tr!("ballot-review-title")) }
            p { (tr_html!("ballot-review-in", round = html! { strong { (round.round.title) } }, area = round.area.name)) }
            h2 { (tr!("ballot-review-count", count = plans.len())) }
            (plan_list(&plans))
            p class="warning" {
                strong { (tr!("ballot-review-warning-label")) " " }
                (tr!("ballot-review-warning"))
            }
            div class="actions" {
                form method="post" action={ (base) "/uitbrengen" } {
                    (csrf_field(csrf))
                    (hidden_choices(picked))
                    button type="submit" { (tr!("ballot-cast-button")) }
                }
                form method="post" action={ (base) "/controleren" } {
                    (csrf_field(csrf))
                    (hidden_choices(picked))
                    input type="hidden" name="terug" value="1";
                    button type="submit" class="secondary" { (tr!("ballot-change")) }
                }
            }
        },
    )
}

/// The receipt, shown once right after the vote: the tracker is not linked to the code,
/// so nobody can show it again later.
pub fn receipt(round: &RoundView, receipt: &Receipt, csrf: &str) -> Markup {
    let plans = picked_plans(round, &receipt.choices);
    page(
        &tr!("ballot-receipt-title"),
        &nav(),
        html! {
            h1 { (tr!("ballot-receipt-title")) }
            p class="notice" role="status" {
                (tr_html!("ballot-receipt-thanks", round = html! { strong { (round.round.title) } }))
            }
            h2 { (tr!("ballot-receipt-code")) }
            p class="tracker" {
                @for (i, part) in receipt.tracker.split('-').enumerate() {
                    @if i > 0 { span class="sep" { "-" } }
                    span { (part) }
                }
            }
            p { (tr!("ballot-receipt-keep")) }
            ul {
                li { a href={ "/rondes/" (round.round.id) "?controlecode=" (receipt.tracker) "#uw-stem" } {
                    (tr!("ballot-receipt-find", round = &round.round.title)) }
                    @if let Some(cal) = &round.round.calendar {
                        " " (tr!("ballot-receipt-closes", date = crate::i18n::date(cal.voting_until)))
                    } }
                li { a href={ "/audit?controlecode=" (receipt.tracker) } {
                    (tr!("ballot-receipt-log-now")) }
                    " " (tr!("ballot-receipt-log-when")) }
            }
            p { (tr!("ballot-receipt-once")) }
            h2 { (tr!("ballot-receipt-voted-for")) }
            (plan_list(&plans))
            (back_link(round))
            (stop_form(csrf))
        },
    )
}

/// A short answer instead of the ballot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// This code already voted in this round (also a button pressed twice).
    AlreadyVoted,
    /// Voting has not begun or is over.
    NotVoting,
    /// The code is not valid for this round.
    WrongCode,
}

impl Notice {
    pub fn title(self) -> String {
        match self {
            Notice::AlreadyVoted => tr!("ballot-already-voted-title"),
            Notice::NotVoting => tr!("ballot-not-voting-title"),
            Notice::WrongCode => tr!("ballot-wrong-code-title"),
        }
    }

    pub fn text(self) -> String {
        match self {
            Notice::AlreadyVoted => tr!("ballot-already-voted"),
            Notice::NotVoting => tr!("ballot-not-voting"),
            Notice::WrongCode => tr!("ballot-wrong-code"),
        }
    }
}

/// A short answer instead of the ballot: already voted, voting not open, code not valid
/// for this round.
pub fn message(round: &RoundView, csrf: &str, notice: Notice) -> Markup {
    let title = notice.title();
    page(
        &title,
        &nav(),
        html! {
            h1 { (title) }
            p class="notice" role="status" { (super::components::with_contact(&notice.text())) }
            p { (tr_html!("ballot-message-round", round = html! { strong { (round.round.title) } }, area = round.area.name)) }
            (back_link(round))
            (stop_form(csrf))
        },
    )
}
