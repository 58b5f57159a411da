//! Objections (bezwaren): the steering group's work list with a decision form per
//! objection, the forms to object (to a rejection, to a result), and the public sections
//! on the round and plan pages.

use maud::{html, Markup};

use super::components::{csrf_field, error_summary, field_error, textarea_input, with_contact};
use super::layout::{page, Nav};
use crate::domain::nl_time;
use crate::domain::objection::{Verdict, REASON_MAX};
use crate::domain::round::{Plan, RoundStatus};
use crate::service::auth::SessionUser;
use crate::service::objections::{ObjectionView, PlanObjection, Queue, RoundObjections};
use crate::service::rounds::RoundView;

fn filed_on(o: &ObjectionView) -> String {
    nl_time::local_date_nl(o.record.filed_at)
}

/// The decision as the public reads it.
fn decision(o: &ObjectionView) -> Markup {
    html! {
        @if let Some(d) = &o.record.decision {
            p { strong { (d.verdict.outcome_nl()) } " (" (nl_time::local_date_nl(d.decided_at)) ")." }
            p { "Reden van de stuurgroep: " (d.reason) }
        } @else {
            p { strong { "De stuurgroep heeft nog niet beslist." } }
        }
    }
}

/// What the objection is about, with a link to the round or plan.
fn subject(o: &ObjectionView) -> Markup {
    html! {
        @match (&o.plan, &o.record.initiative_id) {
            (Some((number, title)), Some(id)) => {
                "Afwijzing van " a href={ "/plannen/" (id) } { "plan " (number) ": " (title) }
                " in " a href={ "/rondes/" (o.record.round_id) } { (o.round_title) }
            }
            _ => {
                "Uitslag van " a href={ "/rondes/" (o.record.round_id) } { (o.round_title) }
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
    page(
        "Bezwaren",
        &Nav {
            user: Some(user),
            current: "/stuurgroep/bezwaren",
        },
        html! {
            h1 { "Bezwaren voor de stuurgroep" }
            @if let Some(n) = notice { p class="notice" role="status" { (n) } }
            (error_summary(errors))
            p { "De stuurgroep beslist over elk bezwaar één keer. De beslissing en de reden zijn openbaar en definitief. "
                "U beslist niet over een bezwaar tegen uw eigen beslissing." }
            h2 { "Wachten op een beslissing (" (q.waiting.len()) ")" }
            @if q.waiting.is_empty() {
                p { "Er wachten geen bezwaren." }
            }
            @for o in &q.waiting {
                (waiting_item(&user.csrf_token, o, errors, kept))
            }
            h2 { "Recent beslist" }
            @if q.decided.is_empty() {
                p { "Nog geen beslissingen." }
            } @else {
                ul class="objections" {
                    @for o in &q.decided {
                        li {
                            p { (o.kind().label_nl()) ": " (subject(o)) }
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
            h3 id={ "objection-" (id) } { (o.kind().label_nl()) }
            p { (subject(o)) }
            p { "Ingediend op " (filed_on(o)) "." }
            @if let Some(r) = &o.rejection_reason {
                p { "Reden van de afwijzing: " (r) }
            }
            p { "Bezwaar: " (o.record.reason) }
            @if o.own_decision {
                p { strong { "Dit bezwaar gaat over uw eigen beslissing (of het is uw eigen bezwaar). Een ander lid van de stuurgroep beslist." } }
            } @else if !o.verdicts.is_empty() {
                form method="post" action={ "/stuurgroep/bezwaren/" (id) } {
                    (csrf_field(csrf))
                    fieldset class=[verdict_err.as_ref().map(|_| "has-error")]
                        aria-describedby=[verdict_err.as_ref().map(|_| format!("{verdict_id}-error"))] {
                        legend id=(verdict_id) { "Beslissing" }
                        @if let Some(e) = &verdict_err {
                            span class="field-error" id={ (verdict_id) "-error" } { "Fout: " (with_contact(e)) }
                        }
                        @for v in &o.verdicts {
                            (verdict_radio(id, *v, chosen == v.as_str()))
                        }
                    }
                    (textarea_input(errs, &reason_id, "reason", "Reden (openbaar)",
                        Some("Iedereen kan deze reden lezen op de pagina van de ronde."),
                        mine.map(|v| v.reason.as_str()).unwrap_or("")))
                    p { "Deze beslissing is definitief." }
                    button type="submit" { "Beslissing vastleggen" }
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
            label for=(input_id) { (v.choice_nl()) }
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
            h2 id="bezwaren" { "Bezwaren" }
            @if counted {
                @if let Some(last) = o.result_last_day {
                    @if o.result_open {
                        p { "Bent u het niet eens met de uitslag? Iedereen met een stemcode van "
                            (v.area.name) " kan tot en met " (nl_time::date_nl(last))
                            " bezwaar maken bij de stuurgroep. Het geld wordt pas vastgelegd als die termijn voorbij is en de stuurgroep over elk bezwaar heeft beslist." }
                        p { a href={ "/rondes/" (v.round.id) "/bezwaar" } { "Bezwaar maken tegen de uitslag" } }
                    } @else {
                        p { "Bezwaar maken tegen de uitslag kon tot en met " (nl_time::date_nl(last)) "." }
                    }
                }
            }
            @if !o.objections.is_empty() {
                ul class="objections" {
                    @for x in &o.objections {
                        li {
                            p { strong { (x.kind().label_nl()) } " van " (filed_on(x))
                                @if let Some((n, t)) = &x.plan { " (plan " (n) ": " (t) ")" } }
                            p { "Bezwaar: " (x.record.reason) }
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
                h2 id="bezwaar" { "Bezwaar tegen de afwijzing" }
                p { "De indiener maakte op " (filed_on(x)) " bezwaar: " (x.record.reason) }
                (decision(x))
            }
        } @else if o.may_object {
            section aria-labelledby="bezwaar" {
                h2 id="bezwaar" { "Bezwaar maken" }
                @if let Some(last) = o.last_day {
                    p { "Bent u het niet eens met de afwijzing? U kunt tot en met " (nl_time::date_nl(last))
                        " bezwaar maken bij de stuurgroep, maar alleen zolang het stemmen nog niet is begonnen." }
                }
                p { a href={ "/plannen/" (plan_id) "/bezwaar" } { "Bezwaar maken tegen de afwijzing" } }
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
    page(
        "Bezwaar tegen de afwijzing",
        &Nav {
            user: Some(user),
            current: "",
        },
        html! {
            h1 { "Bezwaar tegen de afwijzing van plan " (plan.number) }
            p { a href={ "/plannen/" (plan.id) } { (plan.title) } }
            @if let Some(r) = &plan.review_reason {
                p { "Reden van de afwijzing: " (r) }
            }
            @if let Some(x) = &o.objection {
                p { "U maakte op " (filed_on(x)) " bezwaar: " (x.record.reason) }
                (decision(x))
            } @else if o.may_object {
                (error_summary(errors))
                @if let Some(last) = o.last_day {
                    p { "U kunt bezwaar maken tot en met " (nl_time::date_nl(last)) ", zolang het stemmen nog niet is begonnen. "
                        "De stuurgroep beslist en zet de reden op de pagina van het plan. Zolang de stuurgroep niet heeft beslist, gaat het stemmen niet open." }
                }
                form method="post" action={ "/plannen/" (plan.id) "/bezwaar" } {
                    (csrf_field(&user.csrf_token))
                    (textarea_input(errors, "reason", "reason", "Waarom bent u het niet eens met de afwijzing?",
                        Some(&format!("Hoogstens {REASON_MAX} tekens. Iedereen kan dit lezen.")), reason))
                    button type="submit" { "Bezwaar indienen" }
                }
            } @else {
                (error_summary(errors))
                p { "U kunt nu geen bezwaar maken tegen de afwijzing van dit plan: alleen de indiener kan dat, binnen de bezwaartermijn en voordat het stemmen begint." }
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
    page(
        "Bezwaar tegen de uitslag",
        &Nav {
            user: f.user,
            current: "",
        },
        html! {
            h1 { "Bezwaar tegen de uitslag" }
            p { a href={ "/rondes/" (v.round.id) } { (v.round.title) } " (" (v.area.name) ")" }
            @if f.done {
                p class="notice" role="status" { "Uw bezwaar is ontvangen. De stuurgroep beslist en zet de beslissing met de reden op de pagina van de ronde." }
                p { a href={ "/rondes/" (v.round.id) "#bezwaren" } { "Naar de ronde" } }
            } @else if !f.objections.result_open {
                (error_summary(f.errors))
                p { "Tegen de uitslag van deze ronde kan nu geen bezwaar worden gemaakt." }
                @if let Some(last) = f.objections.result_last_day {
                    p { "Bezwaar maken kon tot en met " (nl_time::date_nl(last)) "." }
                }
            } @else if !f.identified {
                p { "Bezwaar maken kan met de stemcode uit uw brief." }
                p { a href={ "/stemmen?gebied=" (v.area.slug) } { "Log in met uw stemcode" } }
                p { "Heeft u in deze ronde een plan ingediend? " a href="/inloggen" { "Log dan in met uw account" } "." }
            } @else {
                (error_summary(f.errors))
                @if let Some(last) = f.objections.result_last_day {
                    p { "U kunt bezwaar maken tot en met " (nl_time::date_nl(last)) ". Uw naam en uw code worden niet getoond; uw bezwaar wel." }
                }
                form method="post" action={ "/rondes/" (v.round.id) "/bezwaar" } {
                    (csrf_field(f.csrf))
                    (textarea_input(f.errors, "reason", "reason", "Waarom bent u het niet eens met de uitslag?",
                        Some(&format!("Hoogstens {REASON_MAX} tekens.")), f.reason))
                    button type="submit" { "Bezwaar indienen" }
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
    page(
        "Bezwaartermijn",
        &Nav {
            user: Some(user),
            current: "/gebieden",
        },
        html! {
            h1 { "Bezwaartermijn" }
            @if saved { p class="notice" role="status" { "De bezwaartermijn is opgeslagen." } }
            (error_summary(errors))
            p { "Zoveel dagen na een afwijzing of na het tellen kan iemand bezwaar maken bij de stuurgroep. "
                "Het geld van een getelde ronde wordt pas vastgelegd als deze termijn voorbij is. 0 betekent: geen bezwaar mogelijk." }
            form method="post" action={ "/gebieden/" (area_slug) "/bezwaartermijn" } {
                (csrf_field(&user.csrf_token))
                (super::components::text_input(errors, "days", "Aantal dagen", Some("0 tot en met 60; meestal 7."), days, "number"))
                button type="submit" { "Opslaan" }
            }
        },
    )
}
