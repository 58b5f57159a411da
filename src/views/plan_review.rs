//! The coordinator's review of one plan (a verdict per criterion of the area's checklist,
//! the taakveld with its plain name, an amount correction, the decision) and the page
//! where the area's checklist and eligibility rules are set. Both work without JavaScript
//! and keep everything typed after an error.

use maud::{html, Markup};

use super::components::{
    csrf_field, error_summary, error_title, field, field_error, money, text_input, textarea_input,
};
use super::layout::{page, Nav};
use crate::domain::review::{note_field, verdict_field, Verdict};
use crate::domain::round::PlanStatus;
use crate::service::auth::SessionUser;
use crate::service::plan_review::{ReviewPageView, ReviewRulesView};
use crate::tr;

/// What the review form keeps (as typed).
#[derive(Debug, Clone, Default)]
pub struct ReviewFormValues {
    /// Per criterion: the chosen verdict ("meets", "fails" or empty) and the note.
    pub verdicts: Vec<(String, String)>,
    pub taakveld: String,
    pub amount: String,
    pub explanation: String,
    pub reason: String,
}

pub struct ReviewPage<'a> {
    pub user: &'a SessionUser,
    pub view: &'a ReviewPageView,
    pub form: &'a ReviewFormValues,
    pub errors: &'a [(String, String)],
}

fn nav(user: &SessionUser) -> Nav<'_> {
    Nav {
        user: Some(user),
        current: "/rondes",
    }
}

pub fn review_page(p: &ReviewPage<'_>) -> Markup {
    let v = p.view;
    let f = p.form;
    let title = tr!(
        "review-title",
        number = v.plan.number,
        title = &v.plan.title
    );
    let head = error_title(&title, p.errors);
    let action = format!("/rondes/{}/plannen/{}/beoordeling", v.round.id, v.plan.id);
    html! {
        (page(&head, &nav(p.user), html! {
            p { a href={ "/rondes/" (v.round.id) "#plannen" } { (tr!("review-back-to-round", round = &v.round.title)) } }
            h1 { (title) }
            (error_summary(p.errors))
            dl class="facts" {
                dt { (tr!("review-area")) } dd { (v.area_name) }
                dt { (tr!("review-status")) } dd { (status_label(v.plan.status)) }
                dt { (tr!("review-amount-asked")) } dd { (money(v.plan.amount_cents)) }
                @if let Some(max) = v.max_initiative_cents { dt { (tr!("review-max-per-plan")) } dd { (money(max)) } }
            }
            @for para in v.plan.summary.replace("\r\n", "\n").split("\n\n") {
                @if !para.trim().is_empty() { p { (para.trim()) } }
            }
            @if !v.facts.cost_lines.is_empty() {
                h2 { (tr!("review-cost-lines")) }
                (super::plan::cost_table(&v.facts.cost_lines))
            }
            @if let Some(why) = &v.fixed_by_objection {
                p class="notice" { (why) }
            } @else if !v.may_review {
                p class="notice" { (tr!("review-voting-started")) }
            } @else {
                form class="stack" method="post" action=(action) {
                    (csrf_field(&p.user.csrf_token))
                    h2 { (tr!("review-checklist-of", area = &v.area_name)) }
                    p { (tr!("review-checklist-intro")) " "
                        a href={ "/gebieden/" (v.area_slug) "/beoordeling" } { (tr!("review-checklist-edit")) } }
                    @for (i, criterion) in v.criteria.iter().enumerate() {
                        (criterion_fieldset(p, i + 1, criterion))
                    }
                    h2 { (tr!("review-taakveld")) }
                    (taakveld_select(p))
                    h2 { (tr!("review-amount")) }
                    p { (tr!("review-amount-intro")) }
                    (text_input(p.errors, "bedrag", &tr!("review-amount-field"), Some(&tr!("review-amount-hint")), &f.amount, "text"))
                    (textarea_input(p.errors, "uitleg", "uitleg", &tr!("review-explanation-field"), Some(&tr!("review-explanation-hint")), &f.explanation))
                    h2 id="besluit" tabindex="-1" { (tr!("review-decision")) }
                    (textarea_input(p.errors, "reason", "reason", &tr!("review-reason-field"),
                        Some(&tr!("review-reason-hint")), &f.reason))
                    div class="actions" {
                        button type="submit" name="besluit" value="nomineren" { (tr!("review-nominate-button", number = v.plan.number)) }
                        button type="submit" name="besluit" value="opslaan" class="secondary" { (tr!("review-save-button")) }
                        button type="submit" name="besluit" value="afwijzen" class="danger" { (tr!("review-reject-button", number = v.plan.number)) }
                    }
                }
            }
        }))
    }
}

fn criterion_fieldset(p: &ReviewPage<'_>, position: usize, criterion: &str) -> Markup {
    let name = verdict_field(position);
    let note = note_field(position);
    let (chosen, typed) = p
        .form
        .verdicts
        .get(position - 1)
        .cloned()
        .unwrap_or_default();
    let err = field_error(p.errors, &name);
    html! {
        fieldset id=(name) class=[err.as_ref().map(|_| "has-error")]
            aria-describedby=[err.as_ref().map(|_| format!("{name}-error"))] {
            legend { (position) ". " (criterion) }
            @if let Some(e) = &err { span class="field-error" id={ (name) "-error" } { (tr!("common-error-prefix")) " " (e) } }
            @for verdict in Verdict::ALL {
                @let id = format!("{name}-{}", verdict.as_str());
                div class="choice" {
                    input type="radio" id=(id) name=(name) value=(verdict.as_str())
                        checked[chosen == verdict.as_str()];
                    label for=(id) { (verdict_label(verdict)) }
                }
            }
            (text_input(p.errors, &note, &tr!("review-note-field"), Some(&tr!("review-note-hint")), &typed, "text"))
        }
    }
}

fn taakveld_select(p: &ReviewPage<'_>) -> Markup {
    let v = p.view;
    let chosen = if p.form.taakveld.is_empty() {
        v.plan.taakveld.as_str()
    } else {
        p.form.taakveld.as_str()
    };
    field(
        p.errors,
        "taakveld",
        &tr!("review-taakveld-field"),
        Some(&tr!("review-taakveld-hint")),
        |described, invalid| {
            html! {
                select id="taakveld" name="taakveld" aria-describedby=[described]
                    aria-invalid=[invalid.then_some("true")] {
                    option value="" selected[chosen.is_empty()] { (tr!("review-taakveld-choose")) }
                    @for t in &v.taakvelden {
                        option value=(t.code) selected[t.code == chosen] { (t.code) " " (t.name) }
                    }
                }
            }
        },
    )
}

/// A plan's review status in the visitor's language.
fn status_label(s: PlanStatus) -> String {
    match s {
        PlanStatus::Submitted => tr!("review-plan-submitted"),
        PlanStatus::Nominated => tr!("review-plan-nominated"),
        PlanStatus::Rejected => tr!("review-plan-rejected"),
    }
}

/// A criterion's verdict in the visitor's language.
fn verdict_label(v: Verdict) -> String {
    match v {
        Verdict::Meets => tr!("review-verdict-meets"),
        Verdict::Fails => tr!("review-verdict-fails"),
    }
}

pub struct RulesPage<'a> {
    pub user: &'a SessionUser,
    pub view: &'a ReviewRulesView,
    pub checklist: &'a str,
    pub wait_months: &'a str,
    pub errors: &'a [(String, String)],
    pub notice: Option<&'a str>,
}

pub fn rules_page(p: &RulesPage<'_>) -> Markup {
    let v = p.view;
    let title = tr!("review-rules-title", area = &v.area_name);
    let head = error_title(&title, p.errors);
    page(
        &head,
        &Nav {
            user: Some(p.user),
            current: "/gebieden",
        },
        html! {
            p { a href="/gebieden" { (tr!("review-rules-back")) } }
            h1 { (title) }
            @if let Some(n) = p.notice { p class="notice" role="status" { (n) } }
            (error_summary(p.errors))
            @if v.default_checklist {
                p { (tr!("review-rules-default", area = &v.area_name)) }
            }
            form class="stack" method="post" action={ "/gebieden/" (v.area_slug) "/beoordeling" } {
                (csrf_field(&p.user.csrf_token))
                (textarea_input(p.errors, "checklist", "checklist", &tr!("review-rules-checklist-field"),
                    Some(&tr!("review-rules-checklist-hint")),
                    p.checklist))
                (text_input(p.errors, "wachttijd", &tr!("review-rules-wait-field"),
                    Some(&tr!("review-rules-wait-hint")),
                    p.wait_months, "text"))
                button type="submit" { (tr!("review-rules-save")) }
            }
        },
    )
}
