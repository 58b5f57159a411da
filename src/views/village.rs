//! The public page of a village: its pool, where the money came from and where it went
//! per year, the rounds with their turnout, every plan with where it stands, and the
//! funded plans with their money. Lists rather than tables,
//! so that every amount stays in view on a 320 px phone; no JavaScript.

use maud::{html, Markup};

use super::components::money;
use super::layout::{page, Nav};
use crate::domain::plan_standing::Standing;
use crate::service::auth::SessionUser;
use crate::service::village::{HoldLine, PlanStanding, VillageLink, VillageView, YearView};

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
            (now(v))
            p { "Hieronder ziet u per jaar waar het geld vandaan kwam en waar het naartoe ging. "
                "Geld dat aan het eind van een jaar over is, blijft van het dorp: het gaat mee naar "
                "het volgende jaar." }
            @if v.years.len() > 1 {
                nav aria-label="Jaren" {
                    ul class="inline-list" {
                        @for y in &v.years { li { a href={ "#jaar-" (y.year) } { (y.year) } } }
                    }
                }
            }
            @for y in &v.years { (year(y)) }
        },
    )
}

/// What the pool holds now: reserved for rounds, put apart with a reason, and free.
fn now(v: &VillageView) -> Markup {
    html! {
        @if !v.holds.is_empty() || v.pending_out_cents > 0 {
            h2 { "Wat al vastligt" }
            p { "Een deel van het geld in de pot ligt al vast. Het staat nog in de pot, maar nieuwe "
                "rondes kunnen het niet gebruiken." }
            ul class="money-list" {
                @for h in &v.holds { (hold(h)) }
                @if v.pending_out_cents > 0 {
                    li {
                        span class="what" { "Overboekingen die wachten op een tweede medewerker van Financiën" }
                        span class="amount-col" { (money(v.pending_out_cents)) }
                    }
                }
            }
            p { "Vrij voor nieuwe rondes: " strong { (money(v.available_cents.max(0))) } }
        }
    }
}

fn hold(h: &HoldLine) -> Markup {
    html! {
        li {
            span class="what" {
                @if h.reservation {
                    "Gereserveerd voor de ronde "
                    @if let Some(id) = &h.round_id { a href={ "/rondes/" (id) } { (h.reason) } }
                    @else { (h.reason) }
                } @else {
                    "Apart gezet: " (h.reason)
                }
            }
            span class="amount-col" { (money(h.cents)) }
        }
    }
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
                dt { "Betaald voor plannen" } dd { (money(y.paid_cents)) }
                dt { "Terug van klare plannen" } dd { (money(y.returned_cents)) }
                @if y.reserved_cents() > 0 {
                    dt { "Gereserveerd voor rondes" } dd { (money(y.reserved_cents())) }
                }
                @if y.earmarked_cents() > 0 {
                    dt { "Apart gezet" } dd { (money(y.earmarked_cents())) }
                }
                dt { "In de pot aan het eind van " (y.year) " (of nu)" } dd { (money(y.closing_cents)) }
            }
            @if !y.budget_lines.is_empty() || !y.funders.is_empty() {
                h3 { "Waar kwam het geld vandaan?" }
                ul class="money-list" {
                    @for l in &y.budget_lines {
                        li {
                            span class="what" {
                                (l.name) " (begrotingspost " (l.code) ")"
                                span class="detail" {
                                    "Taakveld " (l.taakveld)
                                    @if let Some(n) = l.taakveld_name { ": " (n) }
                                }
                            }
                            span class="amount-col" { (money(l.cents)) }
                        }
                    }
                    @for f in &y.funders {
                        li {
                            span class="what" { (f.name) span class="detail" { "Bijdrage" } }
                            span class="amount-col" { (money(f.cents)) }
                        }
                    }
                }
            }
            @if !y.holds.is_empty() {
                h3 { "Vastgelegd in " (y.year) " en nog niet vrij" }
                ul class="money-list" { @for h in &y.holds { (hold(h)) } }
            }
            h3 { "Rondes in " (y.year) }
            @if y.rounds.is_empty() {
                p { "Er waren geen rondes in dit jaar." }
            } @else {
                ul class="money-list" {
                    @for r in &y.rounds {
                        li {
                            span class="what" {
                                a href={ "/rondes/" (r.id) } { (r.title) } " (kwartaal " (r.quarter) ")"
                                span class="detail" {
                                    (r.status.label_nl())
                                    @if r.status == crate::domain::round::RoundStatus::Voting {
                                        " " a href="/stemmen" { "Stem nu" span class="visually-hidden" { " in " (r.title) } }
                                    }
                                }
                                span class="detail" {
                                    (r.ballots) " " (if r.ballots == 1 { "stem" } else { "stemmen" })
                                    " van " (r.codes_issued) " verstuurde codes"
                                }
                            }
                            span class="amount-col" {
                                span class="visually-hidden" { "Opkomst: " }
                                (turnout(r.turnout_per_mille))
                            }
                        }
                    }
                }
            }
            @if !y.all_plans.is_empty() {
                h3 { "Alle plannen in " (y.year) }
                ul class="money-list plans" {
                    @for p in &y.all_plans {
                        li {
                            span class="what" {
                                a href={ "/plannen/" (p.plan_id) } { "Plan " (p.number) ": " (p.title) }
                                span class="detail" { (p.round_title) ": " (plan_status(p)) }
                            }
                        }
                    }
                }
            }
            @if !y.plans.is_empty() {
                h3 { "Plannen die geld kregen in " (y.year) }
                ul class="money-list plans" {
                    @for p in &y.plans {
                        li {
                            a href={ "/plannen/" (p.plan_id) } { "Plan " (p.number) ": " (p.title) }
                            @if p.done { " " span class="done" { "(klaar)" } }
                            dl class="facts" {
                                dt { "Toegekend" } dd { (money(p.money.granted_cents)) }
                                dt { "Betaald" } dd { (money(p.money.paid_cents)) }
                                dt { "Terug naar de pot" } dd { (money(p.money.returned_cents)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Where a plan stands, in the words residents read ("Op het stembiljet gezet", never
/// "Genomineerd").
fn plan_status(p: &PlanStanding) -> &'static str {
    if p.round_annulled {
        return "De ronde is ongeldig verklaard";
    }
    if p.done {
        return "Gekozen en klaar";
    }
    match p.standing {
        Standing::OnBallot => "Op het stembiljet gezet",
        other => other.label_nl(),
    }
}

/// Tenths of a percent as "41,7%", or a dash without codes.
fn turnout(per_mille: Option<i64>) -> String {
    match per_mille {
        Some(p) => format!("{},{}%", p / 10, p % 10),
        None => "–".to_string(),
    }
}
