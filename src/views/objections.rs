//! Objections (bezwaren): the steering group's work list with a decision form per
//! objection, the forms to object (to a rejection, to a result), and the public sections
//! on the round and plan pages.

use maud::{html, Markup};

use super::components::{
    csrf_field, error_summary, error_title, field_error, textarea_input, with_contact,
};
use super::layout::{page, Nav};
use crate::domain::objection::{ObjectionKind, Verdict, REASON_MAX};
use crate::domain::round::{Plan, RoundStatus};
use crate::i18n;
use crate::service::auth::SessionUser;
use crate::service::objections::{ObjectionView, PlanObjection, Queue, RoundObjections};
use crate::service::rounds::RoundView;
use crate::{tr, tr_html};

fn filed_on(o: &ObjectionView) -> String {
    i18n::local_date(o.record.filed_at)
}

/// What an objection is about, in the visitor's language.
pub fn kind_label(k: ObjectionKind) -> String {
    match k {
        ObjectionKind::Rejection => tr!("objections-kind-rejection"),
        ObjectionKind::Result => tr!("objections-kind-result"),
    }
}

/// A choice on the steering group's form, in the visitor's language.
fn choice_label(v: Verdict) -> String {
    match v {
        Verdict::Rejected => tr!("objections-choice-rejected"),
        Verdict::Nominate => tr!("objections-choice-nominate"),
        Verdict::Recount => tr!("objections-choice-recount"),
        Verdict::Annul => tr!("objections-choice-annul"),
    }
}

/// A decision as the public pages state it, in the visitor's language.
fn outcome_label(v: Verdict) -> String {
    match v {
        Verdict::Rejected => tr!("objections-outcome-rejected"),
        Verdict::Nominate => tr!("objections-outcome-nominate"),
        Verdict::Recount => tr!("objections-outcome-recount"),
        Verdict::Annul => tr!("objections-outcome-annul"),
    }
}

/// The decision as the public reads it.
fn decision(o: &ObjectionView) -> Markup {
    html! {
        @if let Some(d) = &o.record.decision {
            p { (tr_html!("objections-decided-on",
                outcome = html! { strong { (outcome_label(d.verdict)) } },
                date = i18n::local_date(d.decided_at))) }
            p { (tr!("objections-decision-reason", reason = &d.reason)) }
        } @else {
            p { strong { (tr!("objections-not-decided")) } }
        }
    }
}

/// What the objection is about, with a link to the round or plan.
fn subject(o: &ObjectionView) -> Markup {
    let round = html! { a href={ "/rondes/" (o.record.round_id) } { (o.round_title) } };
    html! {
        @match (&o.plan, &o.record.initiative_id) {
            (Some((number, title)), Some(id)) => {
                (tr_html!("objections-subject-rejection",
                    plan = html! { a href={ "/plannen/" (id) } { (tr!("objections-subject-plan", number = *number, title = title)) } },
                    round = round))
            }
            _ => {
                (tr_html!("objections-subject-result", round = round))
            }
        }
        " (" (o.area_name) ")"
    }
}

/// What one objection's form kept after an error: the objection id, verdict and reason.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct DecisionFormValues {
    #[serde(default)]
    pub verdict: String,
    #[serde(default)]
    pub reason: String,
}

/// The steering group's page: waiting objections, each with its decision form, and the
/// latest decisions.
pub fn queue(
    user: &SessionUser,
    q: &Queue,
    errors: &[(String, String)],
    kept: Option<(&str, &DecisionFormValues)>,
    notice: Option<&str>,
) -> Markup {
    let title = tr!("objections-queue-title");
    let head = error_title(&title, errors);
    page(
        &head,
        &Nav {
            user: Some(user),
            current: "/stuurgroep/bezwaren",
        },
        html! {
            h1 { (tr!("objections-queue-heading")) }
            @if let Some(n) = notice { p class="notice" role="status" { (n) } }
            (error_summary(errors))
            p { (tr!("objections-queue-intro")) }
            h2 { (tr!("objections-queue-waiting", count = q.waiting.len())) }
            @if q.waiting.is_empty() {
                p { (tr!("objections-queue-none")) }
            }
            @for o in &q.waiting {
                (waiting_item(&user.csrf_token, o, errors, kept))
            }
            h2 { (tr!("objections-queue-recent")) }
            @if q.decided.is_empty() {
                p { (tr!("objections-queue-no-decisions")) }
            } @else {
                ul class="objections" {
                    @for o in &q.decided {
                        li {
                            p { (kind_label(o.kind())) ": " (subject(o)) }
                            (decision(o))
                        }
                    }
                }
            }
        },
    )
}

fn waiting_item(
    csrf: &str,
    o: &ObjectionView,
    errors: &[(String, String)],
    kept: Option<(&str, &DecisionFormValues)>,
) -> Markup {
    let id = &o.record.id;
    let mine = kept.filter(|(k, _)| *k == id.as_str()).map(|(_, v)| v);
    // Errors belong to this form only when it is the one that came back.
    let no_errors: Vec<(String, String)> = Vec::new();
    let errs = if mine.is_some() { errors } else { &no_errors };
    let verdict_id = format!("verdict-{id}");
    let reason_id = format!("reason-{id}");
    let chosen = mine.map(|v| v.verdict.as_str()).unwrap_or("");
    let verdict_err = field_error(errs, &verdict_id);
    html! {
        section class="objection" aria-labelledby={ "objection-" (id) } {
            h3 id={ "objection-" (id) } { (kind_label(o.kind())) }
            p { (subject(o)) }
            p { (tr!("objections-filed-on", date = filed_on(o))) }
            @if let Some(r) = &o.rejection_reason {
                p { (tr!("objections-rejection-reason", reason = r)) }
            }
            p { (tr!("objections-objection", reason = &o.record.reason)) }
            @if o.own_decision {
                p { strong { (tr!("objections-own")) } }
            } @else if !o.verdicts.is_empty() {
                form method="post" action={ "/stuurgroep/bezwaren/" (id) } {
                    (csrf_field(csrf))
                    fieldset class=[verdict_err.as_ref().map(|_| "has-error")]
                        aria-describedby=[verdict_err.as_ref().map(|_| format!("{verdict_id}-error"))] {
                        legend id=(verdict_id) { (tr!("objections-decision")) }
                        @if let Some(e) = &verdict_err {
                            span class="field-error" id={ (verdict_id) "-error" } { (tr!("common-error-prefix")) " " (with_contact(e)) }
                        }
                        @for v in &o.verdicts {
                            (verdict_radio(id, *v, chosen == v.as_str()))
                        }
                    }
                    (textarea_input(errs, &reason_id, "reason", &tr!("objections-reason-field"),
                        Some(&tr!("objections-reason-hint")),
                        mine.map(|v| v.reason.as_str()).unwrap_or("")))
                    p { (tr!("objections-final")) " " (tr!("objections-final-confirm")) }
                    // Not the primary style: this leads to the confirmation page, which
                    // says what the decision does; only that page's button decides.
                    button type="submit" class="secondary" { (tr!("objections-decide-button")) }
                }
            }
        }
    }
}

fn verdict_radio(id: &str, v: Verdict, checked: bool) -> Markup {
    let input_id = format!("verdict-{id}-{}", v.as_str());
    html! {
        div class="choice" {
            input type="radio" id=(input_id) name="verdict" value=(v.as_str()) checked[checked];
            label for=(input_id) { (choice_label(v)) }
        }
    }
}

/// The public section on a round page: objections and their decisions, and until when
/// the result can be objected to.
pub fn round_section(v: &RoundView, o: &RoundObjections) -> Markup {
    let counted = v.round.status == RoundStatus::Counted;
    if o.objections.is_empty() && !counted {
        return html! {};
    }
    html! {
        section aria-labelledby="bezwaren" {
            h2 id="bezwaren" { (tr!("objections-section")) }
            @if counted {
                @if let Some(last) = o.result_last_day {
                    @if o.result_open {
                        p { (tr!("objections-result-open", area = &v.area.name, date = i18n::date(last))) }
                        p { a href={ "/rondes/" (v.round.id) "/bezwaar" } { (tr!("objections-result-link")) } }
                    } @else {
                        p { (tr!("objections-result-closed", date = i18n::date(last))) }
                    }
                }
            }
            @if !o.objections.is_empty() {
                ul class="objections" {
                    @for x in &o.objections {
                        li {
                            p { (tr_html!("objections-filed-kind", kind = html! { strong { (kind_label(x.kind())) } }, date = filed_on(x)))
                                @if let Some((n, t)) = &x.plan { " " (tr!("objections-about-plan", number = *n, title = t)) } }
                            p { (tr!("objections-objection", reason = &x.record.reason)) }
                            (decision(x))
                        }
                    }
                }
            }
        }
    }
}

/// The public section on a plan page: the objection to its rejection and its decision,
/// or until when the initiator may object.
pub fn plan_section(plan_id: &str, o: &PlanObjection) -> Markup {
    html! {
        @if let Some(x) = &o.objection {
            section aria-labelledby="bezwaar" {
                h2 id="bezwaar" { (tr!("objections-plan-section")) }
                p { (tr!("objections-plan-filed", date = filed_on(x), reason = &x.record.reason)) }
                (decision(x))
            }
        } @else if o.may_object {
            section aria-labelledby="bezwaar" {
                h2 id="bezwaar" { (tr!("objections-plan-may")) }
                @if let Some(last) = o.last_day {
                    p { (tr!("objections-plan-until", date = i18n::date(last))) }
                }
                p { a href={ "/plannen/" (plan_id) "/bezwaar" } { (tr!("objections-plan-link")) } }
            }
        }
    }
}

/// The form to object to a plan's rejection (the initiator).
pub fn rejection_form(
    user: &SessionUser,
    plan: &Plan,
    o: &PlanObjection,
    errors: &[(String, String)],
    reason: &str,
) -> Markup {
    let title = tr!("objections-rejection-title");
    let head = error_title(&title, errors);
    page(
        &head,
        &Nav {
            user: Some(user),
            current: "",
        },
        html! {
            h1 { (tr!("objections-rejection-heading", number = plan.number)) }
            p { a href={ "/plannen/" (plan.id) } { (plan.title) } }
            @if let Some(r) = &plan.review_reason {
                p { (tr!("objections-rejection-reason", reason = r)) }
            }
            @if let Some(x) = &o.objection {
                p { (tr!("objections-you-filed", date = filed_on(x), reason = &x.record.reason)) }
                (decision(x))
            } @else if o.may_object {
                (error_summary(errors))
                @if let Some(last) = o.last_day {
                    p { (tr!("objections-rejection-until", date = i18n::date(last))) }
                }
                form method="post" action={ "/plannen/" (plan.id) "/bezwaar" } {
                    (csrf_field(&user.csrf_token))
                    (textarea_input(errors, "reason", "reason", &tr!("objections-rejection-field"),
                        Some(&tr!("objections-rejection-hint", max = REASON_MAX)), reason))
                    button type="submit" { (tr!("objections-submit")) }
                }
            } @else {
                (error_summary(errors))
                p { (tr!("objections-rejection-not-now")) }
            }
        },
    )
}

/// The form to object to a counted result (a resident with a code, or an initiator).
pub struct ResultForm<'a> {
    pub user: Option<&'a SessionUser>,
    pub round: &'a RoundView,
    pub objections: &'a RoundObjections,
    pub csrf: &'a str,
    /// Whether the visitor can object: a voter session of the area, or a signed-in person.
    pub identified: bool,
    pub errors: &'a [(String, String)],
    pub reason: &'a str,
    pub done: bool,
}

pub fn result_form(f: &ResultForm<'_>) -> Markup {
    let v = f.round;
    let title = tr!("objections-result-title");
    let head = error_title(&title, f.errors);
    page(
        &head,
        &Nav {
            user: f.user,
            current: "",
        },
        html! {
            h1 { (title) }
            p { a href={ "/rondes/" (v.round.id) } { (v.round.title) } " (" (v.area.name) ")" }
            @if f.done {
                p class="notice" role="status" { (tr!("objections-result-received")) }
                p { a href={ "/rondes/" (v.round.id) "#bezwaren" } { (tr!("objections-to-round")) } }
            } @else if !f.objections.result_open {
                (error_summary(f.errors))
                p { (tr!("objections-result-not-now")) }
                @if let Some(last) = f.objections.result_last_day {
                    p { (tr!("objections-result-was-until", date = i18n::date(last))) }
                }
            } @else if !f.identified {
                p { (tr!("objections-result-with-code")) }
                p { a href={ "/stemmen?gebied=" (v.area.slug) } { (tr!("objections-result-code-link")) } }
                p { (tr_html!("objections-result-initiator",
                    link = html! { a href="/inloggen" { (tr!("objections-result-login-link")) } })) }
            } @else {
                (error_summary(f.errors))
                @if let Some(last) = f.objections.result_last_day {
                    p { (tr!("objections-result-until", date = i18n::date(last))) }
                }
                form method="post" action={ "/rondes/" (v.round.id) "/bezwaar" } {
                    (csrf_field(f.csrf))
                    (textarea_input(f.errors, "reason", "reason", &tr!("objections-result-field"),
                        Some(&tr!("objections-result-hint", max = REASON_MAX)), f.reason))
                    button type="submit" { (tr!("objections-submit")) }
                }
            }
        },
    )
}

/// The objection window on an area's settings page (its coordinator).
pub fn window_form(
    user: &SessionUser,
    area_slug: &str,
    days: &str,
    errors: &[(String, String)],
    saved: bool,
) -> Markup {
    let title = tr!("objections-window-title");
    let head = error_title(&title, errors);
    page(
        &head,
        &Nav {
            user: Some(user),
            current: "/gebieden",
        },
        html! {
            h1 { (title) }
            @if saved { p class="notice" role="status" { (tr!("objections-window-saved")) } }
            (error_summary(errors))
            p { (tr!("objections-window-intro")) }
            form method="post" action={ "/gebieden/" (area_slug) "/bezwaartermijn" } {
                (csrf_field(&user.csrf_token))
                (super::components::text_input(errors, "days", &tr!("objections-window-field"), Some(&tr!("objections-window-hint")), days, "number"))
                button type="submit" { (tr!("objections-window-save")) }
            }
        },
    )
}
