use maud::{html, Markup};

use super::components::{money, nl_date};
use super::layout::{contact_name, contact_sentence, page, Nav};
use crate::domain::permissions::{allows, Permission};
use crate::domain::round::{PlanStatus, RoundStatus};
use crate::i18n;
use crate::service::auth::SessionUser;
use crate::service::objections::ObjectionView;
use crate::service::rounds::RoundView;
use crate::service::start::{CoordinatorTask, MyPlan, StartPage};
use crate::tr;

/// The start page: what is open now for everyone, and per role what to do next.
pub fn home(user: Option<&SessionUser>, start: &StartPage) -> Markup {
    let theme = crate::theme::current();
    let intro = &theme.texts.intro;
    page(
        &tr!("home-title"),
        &Nav { user, current: "/" },
        html! {
            h1 { (tr!("layout-site-plain")) }
            @if let Some(u) = user {
                p { (tr!("home-signed-in", name = &u.display_name)) }
            }
            @if let Some(queue) = &start.approvals {
                section aria-labelledby="todo-approve" {
                    h2 id="todo-approve" { (tr!("home-approvals-title")) }
                    @if queue.is_empty() {
                        p { (tr!("home-approvals-none")) }
                    } @else {
                        p { (tr!("home-approvals-count", count = queue.len())) }
                        ul {
                            @for t in queue.iter().take(10) {
                                li {
                                    a href={ "/financien/overboekingen/" (t.id) } {
                                        (money(t.amount_cents)) " " (tr!("home-transfer-from-to", from = &t.from_name, to = &t.to_name))
                                    }
                                    " (" (nl_date(&t.created_at)) ")"
                                }
                            }
                        }
                        p { a class="button" href="/financien/goedkeuren" { (tr!("home-approvals-all")) } }
                    }
                }
            }
            @if let Some(waiting) = &start.objections {
                (objections_todo(waiting))
            }
            @if user.is_some_and(|u| allows(&u.roles, Permission::ViewAuditReport)) {
                section aria-labelledby="todo-raad" {
                    h2 id="todo-raad" { (tr!("home-council-title")) }
                    p { a class="button" href="/raad" { (tr!("home-council-link")) } }
                }
            }
            @if !start.coordinator_tasks.is_empty() {
                section aria-labelledby="todo-coord" {
                    h2 id="todo-coord" { (tr!("home-coord-title")) }
                    ul {
                        @for t in &start.coordinator_tasks {
                            li {
                                a href={ "/rondes/" (t.round.round.id) } { (t.round.round.title) " (" (t.round.area.name) ")" }
                                ": "
                                (coordinator_todo(t))
                            }
                        }
                    }
                }
            }
            @if start.submits_plans {
                section aria-labelledby="todo-plans" {
                    h2 id="todo-plans" { (tr!("home-my-plans")) }
                    @if start.my_plans.is_empty() {
                        p { (tr!("home-no-plans")) }
                    } @else {
                        ul {
                            @for p in &start.my_plans {
                                li {
                                    a href={ "/plannen/" (p.plan_id) } { (p.title) }
                                    " – " (p.area_name) ", " (p.round_title) ": "
                                    strong { (plan_status(p)) }
                                }
                            }
                        }
                    }
                    @let submittable: Vec<_> = start.open_rounds.iter().filter(|r| r.actions.may_submit).collect();
                    @if submittable.is_empty() {
                        p { (tr!("home-no-submittable")) }
                    } @else {
                        @for r in submittable {
                            p { a class="button" href={ "/rondes/" (r.round.id) "#plan-indienen" } { (tr!("home-submit-for", area = &r.area.name)) } }
                        }
                    }
                }
            }
            @if user.is_none() {
                @if intro.is_empty() {
                    p { (tr!("home-intro")) }
                } @else {
                    p { (intro) }
                }
            }
            section aria-labelledby="now-open" {
                h2 id="now-open" { (tr!("home-now-open")) }
                @if start.open_rounds.is_empty() {
                    p { (tr!("home-none-open")) }
                } @else {
                    ul class="open-rounds" {
                        @for r in &start.open_rounds {
                            li {
                                strong { (r.area.name) } ": "
                                a href={ "/rondes/" (r.round.id) } { (r.round.title) }
                                " – " (round_now(r))
                                @if r.status() == RoundStatus::Voting {
                                    " " a href={ "/stemmen?gebied=" (r.area.slug) } { (tr!("home-vote-now")) span class="visually-hidden" { " " (tr!("home-vote-now-in", area = &r.area.name)) } }
                                }
                            }
                        }
                    }
                }
                p { a class="button" href="/stemmen" { (tr!("home-vote-with-code")) } }
            }
            @if !start.recent_results.is_empty() {
                section aria-labelledby="results" {
                    h2 id="results" { (tr!("home-results")) }
                    ul {
                        @for r in &start.recent_results {
                            li { a href={ "/rondes/" (r.round.id) } { (tr!("home-result-of", round = &r.round.title, area = &r.area.name)) } }
                        }
                    }
                }
            }
            p { a href="/rondes" { (tr!("home-all-rounds")) } }
            p { a href="/dorpen" { (tr!("home-villages")) } }
            @if user.is_none() {
                p { (tr!("home-own-plan")) " " a href="/registreren" { (tr!("home-make-account")) } "." }
                p { (tr!("home-voted")) " " a href="/audit" { (tr!("home-check-log")) } "." }
                p { a href="/inloggen" { (tr!("home-login")) } }
            }
        },
    )
}

/// The steering group's part: the objections waiting for their decision, each linked to
/// its form on the objections page.
fn objections_todo(waiting: &[ObjectionView]) -> Markup {
    html! {
        section aria-labelledby="todo-objections" {
            h2 id="todo-objections" { (tr!("objections-home-title")) }
            @if waiting.is_empty() {
                p { (tr!("objections-home-none")) }
            } @else {
                p { (tr!("objections-home-waiting", count = waiting.len())) }
                ul {
                    @for o in waiting {
                        li {
                            a href={ "/stuurgroep/bezwaren#objection-" (o.record.id) } {
                                (super::objections::kind_label(o.kind()))
                            }
                            " – "
                            @match &o.plan {
                                Some((number, title)) => (tr!("objections-subject-plan", number = *number, title = title)),
                                None => (o.round_title),
                            }
                            " (" (o.area_name) ")"
                        }
                    }
                }
                p { a class="button" href="/stuurgroep/bezwaren" { (tr!("objections-home-all")) } }
            }
        }
    }
}

/// What the round asks of residents now, with its date.
fn round_now(r: &RoundView) -> String {
    let cal = r.round.calendar.as_ref();
    match r.status() {
        RoundStatus::Open => match cal {
            Some(c) => tr!("home-round-open-until", date = i18n::date(c.plans_until)),
            None => tr!("home-round-open"),
        },
        RoundStatus::Review => match cal {
            Some(c) => tr!(
                "home-round-review-voting-from",
                date = i18n::date(c.voting_from)
            ),
            None => tr!("home-round-review"),
        },
        RoundStatus::Voting => match (cal, r.round.voting_opened_at) {
            (Some(c), _) => tr!("home-round-voting-until", date = i18n::date(c.voting_until)),
            (None, Some(at)) => tr!("home-round-voting-since", date = i18n::local_date(at)),
            (None, None) => tr!("home-round-voting"),
        },
        RoundStatus::Counted => tr!("home-round-counted"),
        RoundStatus::Closed => tr!("home-round-closed"),
        RoundStatus::Annulled => tr!("home-round-annulled"),
    }
}

fn coordinator_todo(t: &CoordinatorTask) -> String {
    let r = &t.round;
    let mut todo = Vec::new();
    if t.to_review > 0 && r.actions.may_review {
        todo.push(tr!("home-todo-review", count = t.to_review));
    }
    if r.actions.may_open_voting && !r.nominated().is_empty() {
        todo.push(tr!("home-todo-open-voting"));
    }
    if r.actions.may_enter_paper_ballot {
        todo.push(tr!("home-todo-paper"));
    }
    if r.actions.may_count {
        todo.push(tr!("home-todo-count", ballots = r.ballots_shown()));
    }
    if r.actions.may_close {
        todo.push(tr!("home-todo-close"));
    }
    if todo.is_empty() {
        tr!("home-todo-nothing")
    } else {
        todo.join("; ")
    }
}

/// A plan's status in words a resident uses; after the count: funded or not.
fn plan_status(p: &MyPlan) -> String {
    match (p.status, p.round_status) {
        (PlanStatus::Submitted, _) => tr!("home-plan-submitted"),
        (PlanStatus::Rejected, _) => tr!("home-plan-rejected"),
        (PlanStatus::Nominated, RoundStatus::Counted | RoundStatus::Closed) => {
            if p.standing == crate::domain::plan_standing::Standing::Chosen {
                tr!("home-plan-chosen")
            } else {
                tr!("home-plan-not-chosen")
            }
        }
        (PlanStatus::Nominated, RoundStatus::Annulled) => tr!("home-plan-annulled"),
        (PlanStatus::Nominated, RoundStatus::Voting) => tr!("home-plan-voting"),
        (PlanStatus::Nominated, RoundStatus::Open | RoundStatus::Review) => {
            tr!("home-plan-approved")
        }
    }
}

/// The privacy statement, for residents: what we keep, why, how long, and who to ask.
pub fn privacy(user: Option<&SessionUser>) -> Markup {
    let theme = crate::theme::current();
    let who = contact_name(&theme);
    page(
        &tr!("footer-privacy"),
        &Nav {
            user,
            current: "/privacy",
        },
        html! {
            h1 { (tr!("footer-privacy")) }
            p { (tr!("privacy-intro", who = &who)) }
            h2 { (tr!("privacy-controller-title")) }
            @if theme.texts.privacy_controller.is_empty() {
                p { (tr!("privacy-controller-municipality", who = &who)) }
            } @else {
                p { (tr!("privacy-controller", who = &theme.texts.privacy_controller)) }
            }
            h2 { (tr!("privacy-voting-title")) }
            p { (tr!("privacy-voting")) }
            p { (tr!("privacy-receipt")) }
            h2 { (tr!("privacy-plan-title")) }
            p { (tr!("privacy-plan")) }
            h2 { (tr!("privacy-staff-title")) }
            p { (tr!("privacy-staff")) }
            h2 { (tr!("privacy-keep-title")) }
            p { (tr!("privacy-keep")) }
            h2 { (tr!("privacy-rights-title")) }
            p { (tr!("privacy-rights")) }
            h2 { (tr!("privacy-questions-title")) }
            @if !theme.texts.privacy_officer.is_empty() {
                p { (tr!("privacy-officer", officer = &theme.texts.privacy_officer)) }
            }
            p { (tr!("privacy-other-questions")) " " (contact_sentence()) }
        },
    )
}

/// The accessibility statement (toegankelijkheidsverklaring), for residents.
pub fn accessibility(user: Option<&SessionUser>) -> Markup {
    let theme = crate::theme::current();
    let who = contact_name(&theme);
    page(
        &tr!("footer-accessibility"),
        &Nav {
            user,
            current: "/toegankelijkheid",
        },
        html! {
            h1 { (tr!("footer-accessibility")) }
            p { (tr!("a11y-intro", who = &who)) }
            h2 { (tr!("a11y-status-title")) }
            @if theme.texts.accessibility_status.is_empty() {
                p { (tr!("a11y-status")) }
            } @else {
                p { (theme.texts.accessibility_status) }
            }
            @if !theme.texts.accessibility_checked.is_empty() {
                p { (tr!("a11y-checked", date = &theme.texts.accessibility_checked)) }
            }
            h2 { (tr!("a11y-what-title")) }
            ul {
                li { (tr!("a11y-keyboard")) }
                li { (tr!("a11y-plain")) }
                li { (tr!("a11y-phone")) }
                li { (tr!("a11y-tested")) }
            }
            h2 { (tr!("a11y-problem-title")) }
            p { (tr!("a11y-problem")) " " (contact_sentence()) }
        },
    )
}
