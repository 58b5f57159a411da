//! The resident's ballot: the plans of one round with a checkbox each, the review page
//! before the vote is final, and the receipt (tracker). B1 Dutch, no JavaScript; every
//! step is a plain form.

use maud::{html, Markup};

use super::components::{csrf_field, error_summary, money};
use super::layout::{page, Nav};
use crate::domain::money::format_eur;
use crate::domain::round::{BallotRule, Plan, PlanId, RoundId};
use crate::service::rounds::{Receipt, RoundView};

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
        BallotRule::Approval { max_choices: None } => {
            "Kies de plannen die u steunt. U mag zoveel plannen kiezen als u wilt.".to_string()
        }
        BallotRule::Approval {
            max_choices: Some(1),
        } => "Kies de plannen die u steunt. U mag hoogstens 1 plan kiezen.".to_string(),
        BallotRule::Approval {
            max_choices: Some(n),
        } => format!("Kies de plannen die u steunt. U mag hoogstens {n} plannen kiezen."),
        BallotRule::Knapsack => format!(
            "Kies plannen die samen niet meer kosten dan {}.",
            format_eur(round.round.budget_cents)
        ),
    }
}

/// "Stoppen en afmelden": ends the voter session (shared computers).
pub fn stop_form(csrf: &str) -> Markup {
    html! {
        form method="post" action="/stemmen/stoppen" {
            (csrf_field(csrf))
            button type="submit" class="secondary" { "Stoppen en afmelden" }
        }
    }
}

fn round_intro(round: &RoundView) -> Markup {
    html! {
        p {
            (round.area.name) ", kwartaal " (round.round.quarter) " van " (round.round.year) ". "
            "Er is " (money(round.round.budget_cents)) " te verdelen."
        }
    }
}

fn back_link(round: &RoundView) -> Markup {
    html! {
        p { a href={ "/stemmen/" (round.area.slug) } { "Terug naar de stemrondes van " (round.area.name) } }
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
        format!("Fout: {}", r.round.title)
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
                "Na het kiezen ziet u eerst uw keuze nog een keer. "
                "Uw stem telt pas als u daarna op " strong { "Stem definitief uitbrengen" } " drukt."
            }
            form method="post" action={ (ballot_path(&r.area.slug, &r.round.id)) "/controleren" } {
                (csrf_field(p.csrf))
                fieldset.ballot.has-error[p.error.is_some()] id="keuzes"
                    aria-describedby=(described) {
                    legend { h2 { "Welke plannen steunt u?" } }
                    p id="keuzes-hint" class="hint" { (rule_text(r)) }
                    @if let Some(e) = p.error {
                        p class="field-error" id="keuzes-error" { "Fout: " (e) }
                    }
                    ul class="choices" {
                        @for plan in r.nominated() {
                            (choice(plan, p.chosen.iter().any(|c| plan.id == c.trim())))
                        }
                    }
                }
                button type="submit" { "Controleer uw keuze" }
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
                span class="plan-title" { "Plan " (plan.number) ": " (plan.title) }
                span class="plan-amount" { "Kost " (money(plan.amount_cents)) }
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
                    "Plan " (plan.number) ": " strong { (plan.title) }
                    " – " (money(plan.amount_cents))
                }
            }
        }
        p { "Samen kosten deze plannen " (money(total)) "." }
    }
}

/// "Controleer uw stem": the checked choice, before it is final.
pub fn review(round: &RoundView, csrf: &str, picked: &[PlanId]) -> Markup {
    let plans = picked_plans(round, picked);
    let base = ballot_path(&round.area.slug, &round.round.id);
    page(
        "Controleer uw stem",
        &nav(),
        html! {
            h1 { "Controleer uw stem" }
            p { "U stemt in " strong { (round.round.title) } " (" (round.area.name) ")." }
            h2 {
                @if plans.len() == 1 { "U kiest dit plan" } @else { "U kiest deze " (plans.len()) " plannen" }
            }
            (plan_list(&plans))
            p class="warning" {
                strong { "Let op: " }
                "als u uw stem hebt uitgebracht, kunt u hem niet meer veranderen."
            }
            div class="actions" {
                form method="post" action={ (base) "/uitbrengen" } {
                    (csrf_field(csrf))
                    (hidden_choices(picked))
                    button type="submit" { "Stem definitief uitbrengen" }
                }
                form method="post" action={ (base) "/controleren" } {
                    (csrf_field(csrf))
                    (hidden_choices(picked))
                    input type="hidden" name="terug" value="1";
                    button type="submit" class="secondary" { "Keuze aanpassen" }
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
        "Uw stem is uitgebracht",
        &nav(),
        html! {
            h1 { "Uw stem is uitgebracht" }
            p class="notice" role="status" {
                "Dank u wel. Uw stem in " strong { (round.round.title) } " is opgeslagen."
            }
            h2 { "Uw controlecode" }
            p class="tracker" {
                @for (i, part) in receipt.tracker.split('-').enumerate() {
                    @if i > 0 { span class="sep" { "-" } }
                    span { (part) }
                }
            }
            p {
                "Bewaar deze code. Na afloop van de ronde staat uw stem onder deze code in de "
                "openbare lijst op de pagina van de ronde, zodat u kunt nagaan dat hij is meegeteld."
            }
            ul {
                li { a href={ "/rondes/" (round.round.id) "?controlecode=" (receipt.tracker) "#uw-stem" } {
                    "Na het tellen: zoek uw stem bij de uitslag van " (round.round.title) }
                    @if let Some(cal) = &round.round.calendar {
                        " (het stemmen sluit na " (crate::domain::nl_time::date_nl(cal.voting_until)) ")"
                    } }
                li { a href={ "/audit?controlecode=" (receipt.tracker) } {
                    "Nu al: kijk of uw stem in het logboek staat" }
                    " (binnen een paar minuten, zonder te laten zien wat u koos)" }
            }
            p {
                "Schrijf de code op of maak een foto van dit scherm. U ziet deze code maar één keer: "
                "wij bewaren niet welke stemcode bij welke stem hoort. Daarom weet niemand wat u hebt gekozen."
            }
            h2 { "U hebt gestemd op" }
            (plan_list(&plans))
            (back_link(round))
            (stop_form(csrf))
        },
    )
}

/// A short answer instead of the ballot: already voted, voting not open, code not valid
/// for this round.
pub fn message(round: &RoundView, csrf: &str, title: &str, text: &str) -> Markup {
    page(
        title,
        &nav(),
        html! {
            h1 { (title) }
            p class="notice" role="status" { (super::components::with_contact(text)) }
            p { "Stemronde: " strong { (round.round.title) } " (" (round.area.name) ")." }
            (back_link(round))
            (stop_form(csrf))
        },
    )
}

pub const ALREADY_VOTED_TITLE: &str = "U hebt in deze ronde gestemd";

/// The already-voted text, also for a resident who pressed the button twice.
pub const ALREADY_VOTED: &str = "Met deze stemcode is in deze ronde al gestemd. Elke code \
    geeft één stem per ronde. Hebt u twee keer op de knop gedrukt? Dan telt uw eerste stem. \
    De controlecode stond op het scherm na de eerste keer; wij kunnen hem niet opnieuw tonen.";

pub const NOT_VOTING_TITLE: &str = "Stemmen kan nu niet";

pub const NOT_VOTING: &str = "In deze ronde kan nu niet worden gestemd. Het stemmen is nog \
    niet begonnen, of het is al afgelopen.";

pub const WRONG_CODE_TITLE: &str = "Stemmen met deze code kan niet";

pub const WRONG_CODE: &str = "Met uw stemcode kunt u in deze ronde niet stemmen. Lukt het \
    niet? Neem dan contact op met de gemeente.";
