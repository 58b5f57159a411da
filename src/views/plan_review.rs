//! The coordinator's review of one plan (a verdict per criterion of the area's checklist,
//! the taakveld with its plain name, an amount correction, the decision) and the page
//! where the area's checklist and eligibility rules are set. Both work without JavaScript
//! and keep everything typed after an error.

use maud::{html, Markup};

use super::components::{
    csrf_field, error_summary, field, field_error, money, text_input, textarea_input,
};
use super::layout::{page, Nav};
use crate::domain::review::{note_field, verdict_field, Verdict};
use crate::service::auth::SessionUser;
use crate::service::plan_review::{ReviewPageView, ReviewRulesView};

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
    let title = format!("Plan {} beoordelen: {}", v.plan.number, v.plan.title);
    let head = if p.errors.is_empty() {
        title.clone()
    } else {
        format!("Fout: {title}")
    };
    let action = format!("/rondes/{}/plannen/{}/beoordeling", v.round.id, v.plan.id);
    html! {
        (page(&head, &nav(p.user), html! {
            p { a href={ "/rondes/" (v.round.id) "#plannen" } { "Terug naar de ronde " (v.round.title) } }
            h1 { (title) }
            (error_summary(p.errors))
            dl class="facts" {
                dt { "Dorp of wijk" } dd { (v.area_name) }
                dt { "Status" } dd { (v.plan.status.label_nl()) }
                dt { "Gevraagd bedrag" } dd { (money(v.plan.amount_cents)) }
                @if let Some(max) = v.max_initiative_cents { dt { "Maximum per plan" } dd { (money(max)) } }
            }
            @for para in v.plan.summary.replace("\r\n", "\n").split("\n\n") {
                @if !para.trim().is_empty() { p { (para.trim()) } }
            }
            @if !v.facts.cost_lines.is_empty() {
                h2 { "Kosten per onderdeel" }
                (super::plan::cost_table(&v.facts.cost_lines))
            }
            @if let Some(why) = &v.fixed_by_objection {
                p class="notice" { (why) }
            } @else if !v.may_review {
                p class="notice" { "Het stemmen is begonnen. De beoordeling ligt vast en kan niet meer veranderen." }
            } @else {
                form class="stack" method="post" action=(action) {
                    (csrf_field(&p.user.csrf_token))
                    h2 { "De checklist van " (v.area_name) }
                    p { "Kies bij elk punt of het plan voldoet. Nomineren kan als het plan aan elk punt "
                        "voldoet. Wijst u het plan af, kies dan bij minstens één punt \"Voldoet niet\" en "
                        "schrijf kort waarom. Het oordeel komt op de pagina van het plan. "
                        a href={ "/gebieden/" (v.area_slug) "/beoordeling" } { "De checklist aanpassen" } }
                    @for (i, criterion) in v.criteria.iter().enumerate() {
                        (criterion_fieldset(p, i + 1, criterion))
                    }
                    h2 { "Taakveld" }
                    (taakveld_select(p))
                    h2 { "Bedrag" }
                    p { "Klopt het bedrag niet, bijvoorbeeld omdat een offerte lager uitvalt? Verander het dan "
                        "hier en leg uit waarom. Het dorp ziet het oude en het nieuwe bedrag met uw uitleg." }
                    (text_input(p.errors, "bedrag", "Bedrag in euro", Some("Bijvoorbeeld 2.500,00"), &f.amount, "text"))
                    (textarea_input(p.errors, "uitleg", "uitleg", "Uitleg bij een nieuw bedrag", Some("Alleen nodig als u het bedrag verandert."), &f.explanation))
                    h2 id="besluit" tabindex="-1" { "Besluit" }
                    (textarea_input(p.errors, "reason", "reason", "Toelichting voor de indiener en het dorp",
                        Some("Verplicht als u het plan afwijst."), &f.reason))
                    div class="actions" {
                        button type="submit" name="besluit" value="nomineren" { "Plan " (v.plan.number) " nomineren" }
                        button type="submit" name="besluit" value="opslaan" class="secondary" { "Opslaan zonder besluit" }
                        button type="submit" name="besluit" value="afwijzen" class="danger" { "Plan " (v.plan.number) " afwijzen" }
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
            @if let Some(e) = &err { span class="field-error" id={ (name) "-error" } { "Fout: " (e) } }
            @for verdict in Verdict::ALL {
                @let id = format!("{name}-{}", verdict.as_str());
                div class="choice" {
                    input type="radio" id=(id) name=(name) value=(verdict.as_str())
                        checked[chosen == verdict.as_str()];
                    label for=(id) { (verdict.label_nl()) }
                }
            }
            (text_input(p.errors, &note, "Korte toelichting", Some("Verplicht bij \"Voldoet niet\"."), &typed, "text"))
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
        "Taakveld van de gemeente",
        Some("Voor de begroting van de gemeente. Nodig om het plan te nomineren."),
        |described, invalid| {
            html! {
                select id="taakveld" name="taakveld" aria-describedby=[described]
                    aria-invalid=[invalid.then_some("true")] {
                    option value="" selected[chosen.is_empty()] { "Kies een taakveld" }
                    @for t in &v.taakvelden {
                        option value=(t.code) selected[t.code == chosen] { (t.code) " " (t.name) }
                    }
                }
            }
        },
    )
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
    let title = format!("Checklist en regels van {}", v.area_name);
    let head = if p.errors.is_empty() {
        title.clone()
    } else {
        format!("Fout: {title}")
    };
    page(
        &head,
        &Nav {
            user: Some(p.user),
            current: "/gebieden",
        },
        html! {
            p { a href="/gebieden" { "Terug naar mijn gebieden" } }
            h1 { (title) }
            @if let Some(n) = p.notice { p class="notice" role="status" { (n) } }
            (error_summary(p.errors))
            @if v.default_checklist {
                p { (v.area_name) " gebruikt nu de gewone checklist. Verander hem hieronder als het dorp andere afspraken heeft." }
            }
            form class="stack" method="post" action={ "/gebieden/" (v.area_slug) "/beoordeling" } {
                (csrf_field(&p.user.csrf_token))
                (textarea_input(p.errors, "checklist", "checklist", "Checklist voor de beoordeling",
                    Some("Eén punt per regel, hoogstens 12. Bij elk plan kiest de gebiedsregisseur per punt of het plan voldoet."),
                    p.checklist))
                (text_input(p.errors, "wachttijd", "Wachttijd na een plan met geld, in maanden",
                    Some("Wie in dit dorp geld kreeg voor een plan, wacht zo lang voordat die een nieuw plan indient. 0 betekent: niemand wacht."),
                    p.wait_months, "text"))
                button type="submit" { "Opslaan" }
            }
        },
    )
}
