//! The public page of a plan: what it is, who handed it in, the review verdict, the
//! result, its money (granted, paid, waiting, returned, still open), the payments and the
//! progress posts with their photos. Finance sees the payment form, the coordinator and
//! the plan's initiator the progress form; both work without JavaScript.

use maud::{html, Markup};

use super::components::{
    csrf_field, error_summary, field, money, radio_group, status, text_input, textarea_input,
};
use super::layout::{page, Nav};
use crate::domain::money::format_eur;
use crate::domain::plan_money::ProgressStage;
use crate::domain::review::{CostLine, Verdict};
use crate::domain::round::PlanStatus;
use crate::domain::taakveld;
use crate::service::auth::SessionUser;
use crate::service::plans::{FundedPlanRow, PlanPageView};

/// What the payment form keeps when it comes back with an error.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct PaymentFormValues {
    #[serde(default)]
    pub request_id: String,
    #[serde(default)]
    pub amount: String,
    #[serde(default)]
    pub paid_on: String,
    #[serde(default)]
    pub reference: String,
    #[serde(default)]
    pub note: String,
}

/// What the progress form keeps (a photo is never kept: the browser cannot be given it
/// back; the page says so).
#[derive(Debug, Clone, Default)]
pub struct ProgressFormValues {
    pub request_id: String,
    pub stage: String,
    pub body: String,
    pub photo_alt: String,
}

pub struct PlanPage<'a> {
    pub user: Option<&'a SessionUser>,
    pub view: &'a PlanPageView,
    pub errors: &'a [(String, String)],
    pub payment: &'a PaymentFormValues,
    pub progress: &'a ProgressFormValues,
    pub notice: Option<&'a str>,
    /// The municipality's four-eyes threshold for payments.
    pub threshold_cents: i64,
    /// The objection to the plan's rejection, or the way to make one.
    pub objection: Option<&'a crate::service::objections::PlanObjection>,
}

fn nav(user: Option<&SessionUser>) -> Nav<'_> {
    Nav {
        user,
        current: "/rondes",
    }
}

pub fn plan_page(p: &PlanPage<'_>) -> Markup {
    let v = p.view;
    let title = format!("Plan {}: {}", v.plan.number, v.plan.title);
    let head = if p.errors.is_empty() {
        title.clone()
    } else {
        format!("Fout: {title}")
    };
    html! {
        (page(&head, &nav(p.user), html! {
            p {
                a href={ "/rondes/" (v.round_id) } { "Naar de ronde " (v.round_title) } " · "
                a href={ "/dorpen/" (v.area_slug) } { "Naar de pagina van " (v.area_name) }
            }
            h1 { (title) }
            @if let Some(n) = p.notice { p class="notice" role="status" { (n) } }
            @if v.round_status == crate::domain::round::RoundStatus::Voting && v.plan.status == PlanStatus::Nominated {
                p class="vote-now" {
                    a class="button primary" href={ "/stemmen?gebied=" (v.area_slug) } {
                        "Stem nu" span class="visually-hidden" { " in " (v.area_name) }
                    }
                    " Dit plan staat op het stembiljet van " (v.area_name) "."
                }
            }
            (error_summary(p.errors))
            dl class="facts" {
                dt { "Dorp of wijk" } dd { (v.area_name) }
                dt { "Ronde" } dd { (v.round_title) " (" (v.round_year) ", kwartaal " (v.round_quarter) ")" }
                dt { "Ingediend door" } dd { (v.author) }
                @if let Some(first) = v.review.corrections.first() {
                    dt { "Gevraagd bedrag" } dd { (money(first.old_cents)) }
                    dt { "Bedrag na beoordeling" } dd { (money(v.plan.amount_cents)) " (" a href="#bedrag-gecorrigeerd" { "waarom" } ")" }
                } @else {
                    dt { "Gevraagd bedrag" } dd { (money(v.plan.amount_cents)) }
                }
                @if !v.plan.taakveld.is_empty() {
                    dt { "Taakveld" } dd { (taakveld_text(v.round_year, &v.plan.taakveld)) }
                }
                dt { "Beoordeling" } dd { (verdict(v)) }
                dt { "Uitslag" } dd { (v.outcome.label_nl()) }
                @if v.done { dt { "Uitvoering" } dd { "Klaar" } }
            }
            h2 { "Wat is het plan?" }
            @for para in v.plan.summary.replace("\r\n", "\n").split("\n\n") {
                @if !para.trim().is_empty() { p { (para.trim()) } }
            }
            @if !v.review.cost_lines.is_empty() {
                h2 id="kosten" { "Kosten per onderdeel" }
                (cost_table(&v.review.cost_lines))
            }
            (review_section(v))
            @if let Some(o) = p.objection { (super::objections::plan_section(v.plan.id.as_str(), o)) }
            (money_section(v))
            (payments(v))
            (posts(v))
            @if v.actions.may_pay { (payment_form(p)) }
            @if v.actions.may_post { (progress_form(p)) }
        }))
    }
}

fn taakveld_text(year: i32, code: &str) -> String {
    match taakveld::lookup(year, code) {
        Some(t) => format!("{} {}", t.code, t.name),
        None => code.to_string(),
    }
}

fn verdict(v: &PlanPageView) -> Markup {
    html! {
        // After the count the result says chosen or not; the review only said it went on
        // the ballot.
        @if v.plan.status == PlanStatus::Nominated { "Op het stembiljet gezet" } @else { (v.plan.status.label_nl()) }
        @if v.plan.status == PlanStatus::Rejected {
            @let failed: Vec<&str> = v.review.verdicts.iter().filter(|c| c.verdict == Verdict::Fails).map(|c| c.criterion.as_str()).collect();
            @if !failed.is_empty() { ". Voldoet niet aan: " (failed.join("; ")) }
        }
        @if let Some(reason) = &v.plan.review_reason {
            @if v.plan.status == PlanStatus::Rejected { ". Reden: " (reason) } @else { ". " (reason) }
        }
    }
}

/// A plan's cost breakdown with its total.
pub fn cost_table(lines: &[CostLine]) -> Markup {
    let total: i64 = lines.iter().map(|l| l.amount_cents).sum();
    html! {
        table class="costs" {
            caption class="visually-hidden" { "Kosten per onderdeel" }
            thead { tr { th scope="col" { "Onderdeel" } th scope="col" class="num" { "Bedrag" } } }
            tbody {
                @for l in lines {
                    tr { td { (l.description) } td class="num" { (money(l.amount_cents)) } }
                }
            }
            tfoot { tr { th scope="row" { "Samen" } td class="num" { strong { (money(total)) } } } }
        }
    }
}

/// The review in public: the verdict per criterion with its note, and any amount
/// corrections with their explanation.
fn review_section(v: &PlanPageView) -> Markup {
    let r = &v.review;
    html! {
        @if !r.verdicts.is_empty() {
            h2 id="checklist" { "Beoordeling per punt van de checklist" }
            ul class="verdicts" {
                @for c in &r.verdicts {
                    li {
                        strong { (c.criterion) ": " (c.verdict.label_nl()) }
                        @if !c.note.is_empty() { ". " (c.note) }
                    }
                }
            }
        }
        @if !r.corrections.is_empty() {
            h2 id="bedrag-gecorrigeerd" { "Bedrag aangepast bij de beoordeling" }
            @for c in &r.corrections {
                p { "Van " (money(c.old_cents)) " naar " (money(c.new_cents))
                    " (" (crate::domain::nl_time::datetime_nl(c.at)) "). " (c.explanation) }
            }
        }
    }
}

fn money_section(v: &PlanPageView) -> Markup {
    html! {
        h2 id="geld" { "Het geld" }
        @match &v.money {
            None => p { "Dit plan heeft (nog) geen geld uit de pot gekregen." }
            Some(m) => {
                dl class="facts money" {
                    dt { "Toegekend" } dd { (money(m.granted_cents)) }
                    dt { "Betaald" } dd { (money(m.paid_cents)) }
                    @if m.pending_cents > 0 {
                        dt { "Wacht op goedkeuring" } dd { (money(m.pending_cents)) }
                    }
                    dt { "Terug naar de pot" } dd { (money(m.returned_cents)) }
                    dt { "Nog te betalen" } dd { (money(m.open_cents)) }
                }
                @if v.done {
                    p { "Het plan is klaar. Wat niet nodig was, is teruggegaan naar de pot van "
                        (v.area_name) " en kan in een volgende ronde weer gebruikt worden." }
                }
            }
        }
    }
}

fn payments(v: &PlanPageView) -> Markup {
    html! {
        @if v.money.is_some() {
            h2 id="betalingen" { "Betalingen" }
            @if v.payments.is_empty() {
                p { "Er is nog niets betaald." }
            } @else {
                div class="table-scroll" tabindex="0" role="region" aria-label="Betalingen" {
                    table {
                        thead { tr {
                            th scope="col" { "Datum" }
                            th scope="col" { "Factuur of opdracht" }
                            th scope="col" { "Opmerking" }
                            th scope="col" class="num" { "Bedrag" }
                            th scope="col" { "Status" }
                        } }
                        tbody {
                            @for pay in &v.payments {
                                tr {
                                    td class="nowrap" { (date_nl(&pay.paid_on)) }
                                    td { (pay.reference) }
                                    td { (pay.note) }
                                    td class="num" { (money(pay.amount_cents)) }
                                    td { (status(pay.status)) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn date_nl(iso: &str) -> String {
    crate::domain::plan_money::parse_date(iso)
        .map(crate::domain::nl_time::date_nl)
        .unwrap_or_else(|| iso.to_string())
}

fn posts(v: &PlanPageView) -> Markup {
    html! {
        @if v.money.is_some() || !v.posts.is_empty() {
            h2 id="voortgang" { "Voortgang" }
            @if v.posts.is_empty() {
                p { "Er is nog geen voortgang gemeld." }
            }
            @for post in &v.posts {
                article class="progress" aria-labelledby={ "post-" (post.id) } {
                    h3 id={ "post-" (post.id) } {
                        (post.stage.label_nl()) " – "
                        (crate::domain::nl_time::datetime_nl(post.at))
                    }
                    p class="byline" { "Gemeld door " (post.posted_by) }
                    @for para in post.body.replace("\r\n", "\n").split("\n\n") {
                        @if !para.trim().is_empty() { p { (para.trim()) } }
                    }
                    @if post.has_photo {
                        figure class="photo" {
                            img src={ "/plannen/" (v.plan.id) "/fotos/" (post.id) }
                                alt=(post.photo_alt.as_deref().unwrap_or(""));
                        }
                    }
                    @if let Some(r) = post.returned_cents {
                        p { strong { (format_eur(r)) } " ging terug naar de pot van " (v.area_name) "." }
                    }
                }
            }
        }
    }
}

fn payment_form(p: &PlanPage<'_>) -> Markup {
    let v = p.view;
    let f = p.payment;
    let open = v.money.map(|m| m.open_cents).unwrap_or(0);
    html! {
        h2 id="betaling-vastleggen" { "Betaling vastleggen" }
        p { "Nog te betalen voor dit plan: " (money(open)) ". Een betaling boven "
            (money(p.threshold_cents)) " moet een collega van Financiën goedkeuren; "
            "tot dan staat het bedrag gereserveerd." }
        form class="stack" method="post" action={ "/plannen/" (v.plan.id) "/betalingen" } {
            (csrf_field(p.user.map(|u| u.csrf_token.as_str()).unwrap_or("")))
            input type="hidden" name="request_id" value=(f.request_id);
            (text_input(p.errors, "amount", "Bedrag in euro", Some("Bijvoorbeeld 1.250,00"), &f.amount, "text"))
            (text_input(p.errors, "paid_on", "Datum van de betaling", Some("Bijvoorbeeld 2026-11-30"), &f.paid_on, "date"))
            (text_input(p.errors, "reference", "Nummer van de factuur of de opdracht", None, &f.reference, "text"))
            (textarea_input(p.errors, "note", "note", "Opmerking (mag leeg blijven)", None, &f.note))
            div class="actions" { button type="submit" { "Betaling vastleggen" } }
        }
    }
}

fn progress_form(p: &PlanPage<'_>) -> Markup {
    let v = p.view;
    let f = p.progress;
    let open = v.money.map(|m| m.open_cents).unwrap_or(0);
    let stage = if f.stage.is_empty() {
        "in_progress"
    } else {
        f.stage.as_str()
    };
    let stages: Vec<(&str, &str, &str)> = ProgressStage::ALL
        .iter()
        .map(|s| (s.as_str(), s.label_nl(), ""))
        .collect();
    html! {
        h2 id="voortgang-melden" { "Voortgang melden" }
        p { "Vertel het dorp hoe het met het plan gaat. Kiest u " strong { "Klaar" } ", dan gaat wat "
            "nog niet betaald is (nu " (money(open)) ") terug naar de pot van " (v.area_name)
            ". Daarna kan er niets meer betaald worden voor dit plan." }
        form class="stack" method="post" enctype="multipart/form-data"
            action={ "/plannen/" (v.plan.id) "/voortgang" } {
            (csrf_field(p.user.map(|u| u.csrf_token.as_str()).unwrap_or("")))
            input type="hidden" name="request_id" value=(f.request_id);
            (radio_group(p.errors, "stage", "Hoe staat het plan ervoor?", &stages, stage))
            (textarea_input(p.errors, "body", "body", "Wat is er gebeurd?", Some("Kort, hoogstens 1000 tekens."), &f.body))
            (field(p.errors, "photo", "Foto (mag leeg blijven)",
                Some("Een JPEG- of PNG-foto van hoogstens 5 MB. Gegevens in de foto, zoals de plek waar hij is gemaakt, halen wij eraf."),
                |described, invalid| html! {
                    input type="file" id="photo" name="photo" accept="image/jpeg,image/png"
                        aria-describedby=[described] aria-invalid=[invalid.then_some("true")];
                }))
            @if !p.errors.is_empty() {
                p class="hint" { "Had u een foto gekozen? Kies hem dan opnieuw." }
            }
            (text_input(p.errors, "photo_alt", "Wat staat er op de foto?", Some("Nodig als u een foto meestuurt: wie de foto niet kan zien, hoort deze tekst."), &f.photo_alt, "text"))
            div class="actions" { button type="submit" { "Voortgang melden" } }
        }
    }
}

/// Finance's list of funded plans: where the money of each stands, with a link to pay.
pub fn funded_plans(user: &SessionUser, rows: &[FundedPlanRow]) -> Markup {
    page(
        "Betalingen aan plannen",
        &Nav {
            user: Some(user),
            current: "/financien/plannen",
        },
        html! {
            h1 { "Betalingen aan plannen" }
            p { "Plannen die geld kregen uit een ronde. Open een plan om een betaling vast te leggen." }
            @if rows.is_empty() {
                p { "Er zijn nog geen plannen met geld." }
            } @else {
                div class="table-scroll" tabindex="0" role="region" aria-label="Plannen met geld" {
                    table {
                        thead { tr {
                            th scope="col" { "Plan" }
                            th scope="col" { "Dorp" }
                            th scope="col" class="num" { "Toegekend" }
                            th scope="col" class="num" { "Betaald" }
                            th scope="col" class="num" { "Wacht" }
                            th scope="col" class="num" { "Terug" }
                            th scope="col" class="num" { "Nog te betalen" }
                        } }
                        tbody {
                            @for r in rows {
                                tr {
                                    td { a href={ "/plannen/" (r.plan_id) } { "Plan " (r.number) ": " (r.title) }
                                        @if r.done { " (klaar)" } }
                                    td { (r.area_name) ", " (r.round_title) " " (r.year) }
                                    td class="num" { (money(r.money.granted_cents)) }
                                    td class="num" { (money(r.money.paid_cents)) }
                                    td class="num" { (money(r.money.pending_cents)) }
                                    td class="num" { (money(r.money.returned_cents)) }
                                    td class="num" { (money(r.money.open_cents)) }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}
