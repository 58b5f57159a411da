//! The result of a counted round, written for residents: first what is funded and a bar of
//! the budget spent and left (the figures stand in the text; the bar only repeats them),
//! then a card per plan (title, author, amount, chosen or not, a link to the plan page),
//! then the search for one's receipt. The technical explanation (the count step by step,
//! the fingerprint, all ballots) follows below on the round page.

use maud::{html, Markup};

use super::components::{field_error, money, standing_label};
use crate::domain::plan_standing::Standing;
use crate::domain::round::{Plan, RoundResult};
use crate::service::rounds::RoundView;
use crate::tr;
use crate::tr_html;

/// What the receipt search on the round page found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReceiptSearch {
    /// The receipt is among the published ballots, with the chosen plan numbers.
    Found { receipt: String, plans: Vec<i32> },
    /// Not among this round's ballots (typed wrong, or of another round).
    NotFound { receipt: String },
}

/// The share of the budget spent, in whole percent (0..=100), for the bar.
fn percent(part: i64, whole: i64) -> i64 {
    if whole <= 0 {
        return 0;
    }
    (i128::from(part.max(0)) * 100 / i128::from(whole))
        .clamp(0, 100)
        .try_into()
        .unwrap_or(0)
}

/// The bar: spent and left as two parts of one line. Decoration for sighted readers; the
/// same figures are in the text next to it, so it is hidden from screen readers.
fn budget_bar(spent: i64, budget: i64) -> Markup {
    let pct = percent(spent, budget);
    html! {
        svg class="budget-bar" viewBox="0 0 100 10" preserveAspectRatio="none"
            width="100%" height="28" aria-hidden="true" focusable="false" {
            rect class="bar-left" x="0" y="0" width="100" height="10" {}
            rect class="bar-spent" x="0" y="0" width=(pct) height="10" {}
        }
    }
}

fn plan_card(v: &RoundView, plan: &Plan, votes: Option<u64>) -> Markup {
    let standing = v.standing(plan);
    html! {
        li class={ "plan-card " (standing.css()) } {
            p class="badge" {
                @if standing == Standing::Chosen { span aria-hidden="true" { "✓ " } }
                (standing_label(standing))
            }
            h4 { a href={ "/plannen/" (plan.id) } { (tr!("ballot-plan-title", number = plan.number, title = &plan.title)) } }
            p class="author" { (tr!("result-by", name = v.author_of(&plan.id))) }
            dl class="card-facts" {
                dt { (tr!("plan-cost-amount")) } dd { (money(plan.amount_cents)) }
                @if let Some(n) = votes {
                    dt { (tr!("result-votes")) } dd { (n) }
                }
            }
        }
    }
}

fn votes_of(r: &RoundResult, plan: &Plan) -> Option<u64> {
    r.plans
        .iter()
        .find(|p| p.initiative.as_ref() == Some(&plan.id))
        .map(|p| p.votes)
}

/// The result first: funded plans, the bar, the cards, the receipt search.
pub fn result_first(v: &RoundView, search: Option<&ReceiptSearch>, typed: &str) -> Markup {
    let Some(r) = v.result() else {
        return html! { p { (tr!("result-not-yet")) } };
    };
    let on_ballot = v.nominated();
    let (chosen, not_chosen): (Vec<&Plan>, Vec<&Plan>) = on_ballot
        .iter()
        .partition(|p| v.standing(p) == Standing::Chosen);
    let budget = r.budget_cents;
    html! {
        section class="result" aria-labelledby="uitslag" {
            h2 id="uitslag" { (tr!("plan-result")) }
            p class="lead" {
                (tr!("result-voters", count = r.voters)) " "
                @if chosen.is_empty() {
                    (tr!("result-none-chosen"))
                } @else {
                    (tr!("result-chosen", count = chosen.len(), ballot = on_ballot.len()))
                }
            }
            div class="budget" {
                (budget_bar(r.spent_cents, budget))
                dl class="budget-figures" {
                    div class="spent" {
                        dt { span class="key" aria-hidden="true" {} (tr!("result-spent")) }
                        dd { (money(r.spent_cents)) " (" (percent(r.spent_cents, budget)) "%)" }
                    }
                    div class="left" {
                        dt { span class="key" aria-hidden="true" {} (tr!("result-left")) }
                        dd { (money(r.left_cents)) }
                    }
                    div class="total" {
                        dt { (tr!("result-budget")) }
                        dd { (money(budget)) }
                    }
                }
                p { (tr!("result-left-stays", area = &v.area.name)) }
            }
            @if !chosen.is_empty() {
                h3 id="gekozen" { (tr!("result-chosen-title")) }
                ul class="plan-cards" {
                    @for p in &chosen { (plan_card(v, p, votes_of(r, p))) }
                }
            }
            @if !not_chosen.is_empty() {
                h3 id="niet-gekozen" { (tr!("standing-not-chosen")) }
                ul class="plan-cards" {
                    @for p in &not_chosen { (plan_card(v, p, votes_of(r, p))) }
                }
            }
        }
        (receipt_search(v, search, typed))
    }
}

/// "Is uw stem meegeteld?": a GET form on the round page itself (works without
/// JavaScript), answered from the published ballots; the signed proof is on `/audit`.
fn receipt_search(v: &RoundView, search: Option<&ReceiptSearch>, typed: &str) -> Markup {
    let errors: Vec<(String, String)> = match search {
        Some(ReceiptSearch::NotFound { receipt }) => vec![(
            "controlecode".to_string(),
            tr!("result-receipt-not-found", receipt = receipt),
        )],
        _ => Vec::new(),
    };
    let err = field_error(&errors, "controlecode");
    html! {
        section class="receipt-search" aria-labelledby="uw-stem" {
            h2 id="uw-stem" { (tr!("result-search-title")) }
            p { (tr_html!("result-search-intro", example = html! { code { "7KQ2M-XW9PT" } })) }
            @if let Some(ReceiptSearch::Found { receipt, plans }) = search {
                div class="notice" role="status" {
                    p { strong { (tr!("result-receipt-counted", receipt = receipt)) } }
                    p { @if plans.is_empty() { (tr!("result-receipt-empty")) } @else {
                        (tr!("result-receipt-plans", plans = plans.iter().map(|n| tr!("result-plan-number", number = *n)).collect::<Vec<_>>().join(", "))) } }
                    p { a href={ "/audit?controlecode=" (receipt) } { (tr!("result-receipt-proof")) } }
                }
            }
            form method="get" action={ "/rondes/" (v.round.id) "#uw-stem" } class="lookup" {
                div class=[err.as_ref().map(|_| "has-error")] {
                    label for="controlecode" {
                        (tr!("ballot-receipt-code"))
                        @if let Some(e) = &err { span class="field-error" id="controlecode-error" { (tr!("common-error-prefix")) " " (e) } }
                    }
                    input type="text" id="controlecode" name="controlecode" value=(typed)
                        autocomplete="off" spellcheck="false"
                        aria-describedby=[err.as_ref().map(|_| "controlecode-error")]
                        aria-invalid=[err.as_ref().map(|_| "true")];
                }
                button type="submit" { (tr!("result-search-button")) }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_share_is_whole_percent_and_bounded() {
        assert_eq!(percent(0, 100), 0);
        assert_eq!(percent(50, 100), 50);
        assert_eq!(percent(2, 3), 66);
        assert_eq!(percent(200, 100), 100);
        assert_eq!(percent(10, 0), 0);
        assert_eq!(percent(i64::MAX, i64::MAX), 100);
    }
}
