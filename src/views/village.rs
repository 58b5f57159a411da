//! The public page of a village: its pool, where the money came from and where it went
//! per year, the rounds with their turnout, every plan with where it stands, and the
//! funded plans with their money. Lists rather than tables,
//! so that every amount stays in view on a 320 px phone; no JavaScript.

use maud::{html, Markup};

use super::components::{money, round_status_label, standing_label};
use super::layout::{page, Nav};
use crate::domain::plan_standing::Standing;
use crate::service::auth::SessionUser;
use crate::service::village::{HoldLine, PlanStanding, VillageLink, VillageView, YearView};
use crate::tr;
use crate::tr_html;

fn nav(user: Option<&SessionUser>) -> Nav<'_> {
    Nav {
        user,
        current: "/dorpen",
    }
}

pub fn villages(user: Option<&SessionUser>, list: &[VillageLink]) -> Markup {
    page(
        &tr!("village-list-title"),
        &nav(user),
        html! {
            h1 { (tr!("village-list-title")) }
            p { (tr!("village-list-intro")) }
            @if list.is_empty() {
                p { (tr!("village-list-empty")) }
            } @else {
                ul {
                    @for v in list {
                        li { a href={ "/dorpen/" (v.slug) } { (v.name) } ": " (tr_html!("village-list-balance", amount = money(v.balance_cents))) }
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
            p { a href="/dorpen" { (tr!("village-all")) } }
            h1 { (v.name) }
            @if !v.description.trim().is_empty() { p { (v.description) } }
            p class="lead" { (tr!("village-balance")) " " strong { (money(v.balance_cents)) } }
            (now(v))
            p { (tr!("village-years-intro")) }
            @if v.years.len() > 1 {
                nav aria-label=(tr!("village-years")) {
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
            h2 { (tr!("village-held-title")) }
            p { (tr!("village-held-intro")) }
            ul class="money-list" {
                @for h in &v.holds { (hold(h)) }
                @if v.pending_out_cents > 0 {
                    li {
                        span class="what" { (tr!("village-pending-out")) }
                        span class="amount-col" { (money(v.pending_out_cents)) }
                    }
                }
            }
            p { (tr!("village-free")) " " strong { (money(v.available_cents.max(0))) } }
        }
    }
}

fn hold(h: &HoldLine) -> Markup {
    html! {
        li {
            span class="what" {
                @if h.reservation {
                    (tr!("village-reserved-for")) " "
                    @if let Some(id) = &h.round_id { a href={ "/rondes/" (id) } { (h.reason) } }
                    @else { (h.reason) }
                } @else {
                    (tr!("village-earmarked-for", reason = &h.reason))
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
            h3 { (tr!("village-year-money", year = y.year)) }
            dl class="facts money" {
                dt { (tr!("village-carried-over", year = y.year - 1)) } dd { (money(y.carried_over_cents)) }
                dt { (tr!("village-in")) } dd { (money(y.in_cents())) }
                dt { (tr!("village-committed")) } dd { (money(y.committed_cents)) }
                dt { (tr!("village-paid")) } dd { (money(y.paid_cents)) }
                dt { (tr!("village-returned")) } dd { (money(y.returned_cents)) }
                @if y.reserved_cents() > 0 {
                    dt { (tr!("village-reserved")) } dd { (money(y.reserved_cents())) }
                }
                @if y.earmarked_cents() > 0 {
                    dt { (tr!("village-earmarked")) } dd { (money(y.earmarked_cents())) }
                }
                dt { (tr!("village-closing", year = y.year)) } dd { (money(y.closing_cents)) }
            }
            @if !y.budget_lines.is_empty() || !y.funders.is_empty() {
                h3 { (tr!("village-sources")) }
                ul class="money-list" {
                    @for l in &y.budget_lines {
                        li {
                            span class="what" {
                                (tr!("village-budget-line", name = &l.name, code = &l.code))
                                span class="detail" {
                                    (tr!("village-taakveld", code = &l.taakveld))
                                    @if let Some(n) = l.taakveld_name { ": " (n) }
                                }
                            }
                            span class="amount-col" { (money(l.cents)) }
                        }
                    }
                    @for f in &y.funders {
                        li {
                            span class="what" { (f.name) span class="detail" { (tr!("village-contribution")) } }
                            span class="amount-col" { (money(f.cents)) }
                        }
                    }
                }
            }
            @if !y.holds.is_empty() {
                h3 { (tr!("village-year-held", year = y.year)) }
                ul class="money-list" { @for h in &y.holds { (hold(h)) } }
            }
            h3 { (tr!("village-year-rounds", year = y.year)) }
            @if y.rounds.is_empty() {
                p { (tr!("village-no-rounds")) }
            } @else {
                ul class="money-list" {
                    @for r in &y.rounds {
                        li {
                            span class="what" {
                                a href={ "/rondes/" (r.id) } { (r.title) } " " (tr!("village-quarter", quarter = r.quarter))
                                span class="detail" {
                                    (round_status_label(r.status))
                                    @if r.status == crate::domain::round::RoundStatus::Voting {
                                        " " a href="/stemmen" { (tr!("home-vote-now")) span class="visually-hidden" { " " (tr!("home-vote-now-in", area = &r.title)) } }
                                    }
                                }
                                span class="detail" {
                                    (tr!("village-turnout-counts", ballots = r.ballots, codes = r.codes_issued))
                                }
                            }
                            span class="amount-col" {
                                span class="visually-hidden" { (tr!("village-turnout")) " " }
                                (turnout(r.turnout_per_mille))
                            }
                        }
                    }
                }
            }
            @if !y.all_plans.is_empty() {
                h3 { (tr!("village-all-plans", year = y.year)) }
                ul class="money-list plans" {
                    @for p in &y.all_plans {
                        li {
                            span class="what" {
                                a href={ "/plannen/" (p.plan_id) } { (tr!("ballot-plan-title", number = p.number, title = &p.title)) }
                                span class="detail" { (p.round_title) ": " (plan_status(p)) }
                            }
                        }
                    }
                }
            }
            @if !y.plans.is_empty() {
                h3 { (tr!("village-year-plans", year = y.year)) }
                ul class="money-list plans" {
                    @for p in &y.plans {
                        li {
                            a href={ "/plannen/" (p.plan_id) } { (tr!("ballot-plan-title", number = p.number, title = &p.title)) }
                            @if p.done { " " span class="done" { (tr!("village-plan-done")) } }
                            dl class="facts" {
                                dt { (tr!("village-plan-granted")) } dd { (money(p.money.granted_cents)) }
                                dt { (tr!("village-plan-paid")) } dd { (money(p.money.paid_cents)) }
                                dt { (tr!("village-plan-returned")) } dd { (money(p.money.returned_cents)) }
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
fn plan_status(p: &PlanStanding) -> String {
    if p.round_annulled {
        return tr!("village-plan-round-annulled");
    }
    if p.done {
        return tr!("village-plan-chosen-done");
    }
    match p.standing {
        Standing::OnBallot => tr!("plan-status-on-ballot"),
        other => standing_label(other),
    }
}

/// Tenths of a percent as "41,7%", or a dash without codes.
fn turnout(per_mille: Option<i64>) -> String {
    match per_mille {
        Some(p) => format!("{},{}%", p / 10, p % 10),
        None => "–".to_string(),
    }
}
