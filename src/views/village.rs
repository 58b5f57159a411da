//! The public page of a village: its pool, where the money came from and where it went
//! per year, the rounds with their turnout, and the funded plans. Plain tables that read
//! on a phone (they scroll sideways in their own box) and without JavaScript.

use maud::{html, Markup};

use super::components::{money, table_scroll};
use super::layout::{page, Nav};
use crate::service::auth::SessionUser;
use crate::service::village::{VillageLink, VillageView, YearView};

fn nav(user: Option<&SessionUser>) -> Nav<'_> {
    Nav {
        user,
        current: "/dorpen",
    }
}

pub fn villages(user: Option<&SessionUser>, list: &[VillageLink]) -> Markup {
    page(
        "Dorpen en wijken",
        &nav(user),
        html! {
            h1 { "Dorpen en wijken" }
            p { "Elk dorp en elke wijk heeft een eigen pot. Kies een dorp om te zien waar het geld "
                "vandaan komt en waar het naartoe is gegaan." }
            @if list.is_empty() {
                p { "Er zijn nog geen dorpen of wijken." }
            } @else {
                ul {
                    @for v in list {
                        li { a href={ "/dorpen/" (v.slug) } { (v.name) } ": nu " (money(v.balance_cents)) " in de pot" }
                    }
                }
            }
        },
    )
}

pub fn village(user: Option<&SessionUser>, v: &VillageView) -> Markup {
    page(
        &v.name,
        &nav(user),
        html! {
            p { a href="/dorpen" { "Alle dorpen en wijken" } }
            h1 { (v.name) }
            @if !v.description.trim().is_empty() { p { (v.description) } }
            p class="lead" { "Nu in de pot: " strong { (money(v.balance_cents)) } }
            p { "Hieronder ziet u per jaar waar het geld vandaan kwam en waar het naartoe ging. "
                "Geld dat aan het eind van een jaar over is, blijft van het dorp: het gaat mee naar "
                "het volgende jaar." }
            @for y in &v.years { (year(y)) }
        },
    )
}

fn year(y: &YearView) -> Markup {
    let id = format!("jaar-{}", y.year);
    html! {
        section class="year" aria-labelledby=(id) {
            h2 id=(id) { (y.year) }
            h3 { "Het geld in " (y.year) }
            dl class="facts money" {
                dt { "Over uit " (y.year - 1) } dd { (money(y.carried_over_cents)) }
                dt { "Erbij gekomen" } dd { (money(y.in_cents())) }
                dt { "Toegekend aan plannen" } dd { (money(y.committed_cents)) }
                dt { "Terug van klare plannen" } dd { (money(y.returned_cents)) }
                dt { "Over aan het eind van " (y.year) " (of nu)" } dd { (money(y.closing_cents)) }
                dt { "Betaald voor plannen" } dd { (money(y.paid_cents)) }
            }
            @if !y.budget_lines.is_empty() || !y.funders.is_empty() {
                h3 { "Waar kwam het geld vandaan?" }
                (table_scroll(&format!("Waar het geld vandaan kwam in {}", y.year), html! {
                    table {
                        thead { tr {
                            th scope="col" { "Bron" }
                            th scope="col" { "Taakveld" }
                            th scope="col" class="num" { "Bedrag" }
                        } }
                        tbody {
                            @for l in &y.budget_lines {
                                tr {
                                    td { (l.name) " (begrotingspost " (l.code) ")" }
                                    td { (l.taakveld) @if let Some(n) = l.taakveld_name { " " (n) } }
                                    td class="num" { (money(l.cents)) }
                                }
                            }
                            @for f in &y.funders {
                                tr {
                                    td { (f.name) }
                                    td { "Bijdrage" }
                                    td class="num" { (money(f.cents)) }
                                }
                            }
                        }
                    }
                }))
            }
            h3 { "Rondes in " (y.year) }
            @if y.rounds.is_empty() {
                p { "Er waren geen rondes in dit jaar." }
            } @else {
                (table_scroll(&format!("Rondes in {}", y.year), html! {
                    table {
                        thead { tr {
                            th scope="col" { "Ronde" }
                            th scope="col" { "Status" }
                            th scope="col" class="num" { "Stemmen" }
                            th scope="col" class="num" { "Codes verstuurd" }
                            th scope="col" class="num" { "Opkomst" }
                        } }
                        tbody {
                            @for r in &y.rounds {
                                tr {
                                    td { a href={ "/rondes/" (r.id) } { (r.title) } " (kwartaal " (r.quarter) ")" }
                                    td {
                                        (r.status.label_nl())
                                        @if r.status == crate::domain::round::RoundStatus::Voting {
                                            " " a href="/stemmen" { "Stem nu" span class="visually-hidden" { " in " (r.title) } }
                                        }
                                    }
                                    td class="num" { (r.ballots) }
                                    td class="num" { (r.codes_issued) }
                                    td class="num" { (turnout(r.turnout_per_mille)) }
                                }
                            }
                        }
                    }
                }))
            }
            @if !y.plans.is_empty() {
                h3 { "Plannen die geld kregen in " (y.year) }
                (table_scroll(&format!("Plannen met geld in {}", y.year), html! {
                    table {
                        thead { tr {
                            th scope="col" { "Plan" }
                            th scope="col" class="num" { "Toegekend" }
                            th scope="col" class="num" { "Betaald" }
                            th scope="col" class="num" { "Terug" }
                        } }
                        tbody {
                            @for p in &y.plans {
                                tr {
                                    td { a href={ "/plannen/" (p.plan_id) } { "Plan " (p.number) ": " (p.title) }
                                        @if p.done { " (klaar)" } }
                                    td class="num" { (money(p.money.granted_cents)) }
                                    td class="num" { (money(p.money.paid_cents)) }
                                    td class="num" { (money(p.money.returned_cents)) }
                                }
                            }
                        }
                    }
                }))
            }
        }
    }
}

/// Tenths of a percent as "41,7%", or a dash without codes.
fn turnout(per_mille: Option<i64>) -> String {
    match per_mille {
        Some(p) => format!("{},{}%", p / 10, p % 10),
        None => "–".to_string(),
    }
}
