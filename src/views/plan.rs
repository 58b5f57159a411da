//! The public page of a plan: what it is, who handed it in, the review verdict, the
//! result, its money (granted, paid, waiting, returned, still open), the payments and the
//! progress posts with their photos. Finance sees the payment form, the coordinator and
//! the plan's initiator the progress form; both work without JavaScript.

use maud::{html, Markup};

use super::components::{
    csrf_field, error_summary, error_title, field, money, radio_group, status, text_input,
    textarea_input,
};
use super::layout::{page, Nav};
use crate::domain::plan_money::ProgressStage;
use crate::domain::review::{CostLine, Verdict};
use crate::domain::round::PlanStatus;
use crate::domain::taakveld;
use crate::service::auth::SessionUser;
use crate::service::plans::{FundedPlanRow, PlanOutcome, PlanPageView};
use crate::tr;
use crate::tr_html;

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
    let title = tr!(
        "ballot-plan-title",
        number = v.plan.number,
        title = &v.plan.title
    );
    let head = error_title(&title, p.errors);
    html! {
        (page(&head, &nav(p.user), html! {
            p {
                a href={ "/rondes/" (v.round_id) } { (tr!("plan-to-round", round = &v.round_title)) } " · "
                a href={ "/dorpen/" (v.area_slug) } { (tr!("plan-to-village", area = &v.area_name)) }
            }
            h1 { (title) }
            @if let Some(n) = p.notice { p class="notice" role="status" { (n) } }
            @if v.round_status == crate::domain::round::RoundStatus::Voting && v.plan.status == PlanStatus::Nominated {
                p class="vote-now" {
                    a class="button primary" href={ "/stemmen?gebied=" (v.area_slug) } {
                        (tr!("home-vote-now")) span class="visually-hidden" { " " (tr!("home-vote-now-in", area = &v.area_name)) }
                    }
                    " " (tr!("plan-on-ballot-of", area = &v.area_name))
                }
            }
            (error_summary(p.errors))
            dl class="facts" {
                dt { (tr!("plan-area")) } dd { (v.area_name) }
                dt { (tr!("plan-round")) } dd { (v.round_title) " " (tr!("plan-round-when", year = v.round_year, quarter = v.round_quarter)) }
                dt { (tr!("plan-author")) } dd { (v.author) }
                @if let Some(first) = v.review.corrections.first() {
                    dt { (tr!("plan-asked")) } dd { (money(first.old_cents)) }
                    dt { (tr!("plan-after-review")) } dd { (money(v.plan.amount_cents)) " (" a href="#bedrag-gecorrigeerd" { (tr!("plan-why")) } ")" }
                } @else {
                    dt { (tr!("plan-asked")) } dd { (money(v.plan.amount_cents)) }
                }
                @if !v.plan.taakveld.is_empty() {
                    dt { (tr!("plan-taakveld")) } dd { (taakveld_text(v.round_year, &v.plan.taakveld)) }
                }
                dt { (tr!("plan-review")) } dd { (verdict(v)) }
                dt { (tr!("plan-result")) } dd { (outcome_label(v.outcome)) }
                @if v.done { dt { (tr!("plan-execution")) } dd { (tr!("stage-done")) } }
            }
            h2 { (tr!("plan-what")) }
            @for para in v.plan.summary.replace("\r\n", "\n").split("\n\n") {
                @if !para.trim().is_empty() { p { (para.trim()) } }
            }
            @if !v.review.cost_lines.is_empty() {
                h2 id="kosten" { (tr!("plan-costs")) }
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

/// The result of the count for this plan, in the visitor's language.
fn outcome_label(o: PlanOutcome) -> String {
    match o {
        PlanOutcome::NotCounted => tr!("plan-outcome-not-counted"),
        PlanOutcome::Funded => tr!("plan-outcome-funded"),
        PlanOutcome::NotFunded => tr!("plan-outcome-not-funded"),
    }
}

/// A checklist verdict in the visitor's language.
fn verdict_label(v: Verdict) -> String {
    match v {
        Verdict::Meets => tr!("plan-verdict-meets"),
        Verdict::Fails => tr!("plan-verdict-fails"),
    }
}

/// A progress stage in the visitor's language.
fn stage_label(s: ProgressStage) -> String {
    match s {
        ProgressStage::Planned => tr!("stage-planned"),
        ProgressStage::InProgress => tr!("stage-in-progress"),
        ProgressStage::Done => tr!("stage-done"),
    }
}

fn verdict(v: &PlanPageView) -> Markup {
    html! {
        // After the count the result says chosen or not; the review only said it went on
        // the ballot.
        @match v.plan.status {
            PlanStatus::Nominated => (tr!("plan-status-on-ballot")),
            PlanStatus::Submitted => (tr!("standing-submitted")),
            PlanStatus::Rejected => (tr!("standing-rejected")),
        }
        @if v.plan.status == PlanStatus::Rejected {
            @let failed: Vec<&str> = v.review.verdicts.iter().filter(|c| c.verdict == Verdict::Fails).map(|c| c.criterion.as_str()).collect();
            @if !failed.is_empty() { ". " (tr!("plan-fails-on", criteria = failed.join("; "))) }
        }
        @if let Some(reason) = &v.plan.review_reason {
            @if v.plan.status == PlanStatus::Rejected { ". " (tr!("plan-reason", reason = reason)) } @else { ". " (reason) }
        }
    }
}

/// A plan's cost breakdown with its total.
pub fn cost_table(lines: &[CostLine]) -> Markup {
    let total: i64 = lines.iter().map(|l| l.amount_cents).sum();
    html! {
        table class="costs" {
            caption class="visually-hidden" { (tr!("plan-costs")) }
            thead { tr { th scope="col" { (tr!("plan-cost-part")) } th scope="col" class="num" { (tr!("plan-cost-amount")) } } }
            tbody {
                @for l in lines {
                    tr { td { (l.description) } td class="num" { (money(l.amount_cents)) } }
                }
            }
            tfoot { tr { th scope="row" { (tr!("plan-cost-total")) } td class="num" { strong { (money(total)) } } } }
        }
    }
}

/// The review in public: the verdict per criterion with its note, and any amount
/// corrections with their explanation.
fn review_section(v: &PlanPageView) -> Markup {
    let r = &v.review;
    html! {
        @if !r.verdicts.is_empty() {
            h2 id="checklist" { (tr!("plan-checklist")) }
            ul class="verdicts" {
                @for c in &r.verdicts {
                    li {
                        strong { (c.criterion) ": " (verdict_label(c.verdict)) }
                        @if !c.note.is_empty() { ". " (c.note) }
                    }
                }
            }
        }
        @if !r.corrections.is_empty() {
            h2 id="bedrag-gecorrigeerd" { (tr!("plan-corrected")) }
            @for c in &r.corrections {
                p { (tr_html!("plan-correction", old = money(c.old_cents), new = money(c.new_cents), at = crate::i18n::datetime(c.at)))
                    " " (c.explanation) }
            }
        }
    }
}

fn money_section(v: &PlanPageView) -> Markup {
    html! {
        h2 id="geld" { (tr!("plan-money")) }
        @match &v.money {
            None => p { (tr!("plan-no-money")) }
            Some(m) => {
                dl class="facts money" {
                    dt { (tr!("village-plan-granted")) } dd { (money(m.granted_cents)) }
                    dt { (tr!("village-plan-paid")) } dd { (money(m.paid_cents)) }
                    @if m.pending_cents > 0 {
                        dt { (tr!("transfer-status-pending")) } dd { (money(m.pending_cents)) }
                    }
                    dt { (tr!("village-plan-returned")) } dd { (money(m.returned_cents)) }
                    dt { (tr!("plan-open")) } dd { (money(m.open_cents)) }
                }
                @if v.done {
                    p { (tr!("plan-done-returned", area = &v.area_name)) }
                }
            }
        }
    }
}

fn payments(v: &PlanPageView) -> Markup {
    html! {
        @if v.money.is_some() {
            h2 id="betalingen" { (tr!("plan-payments")) }
            @if v.payments.is_empty() {
                p { (tr!("plan-no-payments")) }
            } @else {
                div class="table-scroll" tabindex="0" role="region" aria-label=(tr!("plan-payments")) {
                    table {
                        thead { tr {
                            th scope="col" { (tr!("plan-payment-date")) }
                            th scope="col" { (tr!("plan-payment-reference")) }
                            th scope="col" { (tr!("plan-payment-note")) }
                            th scope="col" class="num" { (tr!("plan-cost-amount")) }
                            th scope="col" { (tr!("plan-payment-status")) }
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
        .map(crate::i18n::date)
        .unwrap_or_else(|| iso.to_string())
}

fn posts(v: &PlanPageView) -> Markup {
    html! {
        @if v.money.is_some() || !v.posts.is_empty() {
            h2 id="voortgang" { (tr!("plan-progress")) }
            @if v.posts.is_empty() {
                p { (tr!("plan-no-progress")) }
            }
            @for post in &v.posts {
                article class="progress" aria-labelledby={ "post-" (post.id) } {
                    h3 id={ "post-" (post.id) } {
                        (stage_label(post.stage)) " – "
                        (crate::i18n::datetime(post.at))
                    }
                    p class="byline" { (tr!("plan-posted-by", name = &post.posted_by)) }
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
                        p { (tr_html!("plan-post-returned", amount = html! { strong { (crate::i18n::money(r)) } }, area = v.area_name)) }
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
        h2 id="betaling-vastleggen" { (tr!("plan-pay-title")) }
        p { (tr_html!("plan-pay-intro", open = money(open), threshold = money(p.threshold_cents))) }
        form class="stack" method="post" action={ "/plannen/" (v.plan.id) "/betalingen" } {
            (csrf_field(p.user.map(|u| u.csrf_token.as_str()).unwrap_or("")))
            input type="hidden" name="request_id" value=(f.request_id);
            (text_input(p.errors, "amount", &tr!("plan-pay-amount"), Some(&tr!("plan-pay-amount-hint")), &f.amount, "text"))
            (text_input(p.errors, "paid_on", &tr!("plan-pay-date"), Some(&tr!("plan-pay-date-hint")), &f.paid_on, "date"))
            (text_input(p.errors, "reference", &tr!("plan-pay-reference"), None, &f.reference, "text"))
            (textarea_input(p.errors, "note", "note", &tr!("plan-pay-note"), None, &f.note))
            div class="actions" { button type="submit" { (tr!("plan-pay-title")) } }
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
    let labels: Vec<(ProgressStage, String)> = ProgressStage::ALL
        .iter()
        .map(|s| (*s, stage_label(*s)))
        .collect();
    let stages: Vec<(&str, &str, &str)> = labels
        .iter()
        .map(|(s, label)| (s.as_str(), label.as_str(), ""))
        .collect();
    html! {
        h2 id="voortgang-melden" { (tr!("plan-post-title")) }
        p { (tr_html!("plan-post-intro", done = html! { strong { (tr!("stage-done")) } }, open = money(open), area = v.area_name)) }
        form class="stack" method="post" enctype="multipart/form-data"
            action={ "/plannen/" (v.plan.id) "/voortgang" } {
            (csrf_field(p.user.map(|u| u.csrf_token.as_str()).unwrap_or("")))
            input type="hidden" name="request_id" value=(f.request_id);
            (radio_group(p.errors, "stage", &tr!("plan-post-stage"), &stages, stage))
            (textarea_input(p.errors, "body", "body", &tr!("plan-post-body"), Some(&tr!("plan-post-body-hint")), &f.body))
            (field(p.errors, "photo", &tr!("plan-post-photo"),
                Some(&tr!("plan-post-photo-hint")),
                |described, invalid| html! {
                    input type="file" id="photo" name="photo" accept="image/jpeg,image/png"
                        aria-describedby=[described] aria-invalid=[invalid.then_some("true")];
                }))
            @if !p.errors.is_empty() {
                p class="hint" { (tr!("plan-post-photo-again")) }
            }
            (text_input(p.errors, "photo_alt", &tr!("plan-post-alt"), Some(&tr!("plan-post-alt-hint")), &f.photo_alt, "text"))
            div class="actions" { button type="submit" { (tr!("plan-post-title")) } }
        }
    }
}

/// Finance's list of funded plans: where the money of each stands, with a link to pay.
pub fn funded_plans(user: &SessionUser, rows: &[FundedPlanRow]) -> Markup {
    page(
        &tr!("nav-plan-payments"),
        &Nav {
            user: Some(user),
            current: "/financien/plannen",
        },
        html! {
            h1 { (tr!("nav-plan-payments")) }
            p { (tr!("plan-funded-intro")) }
            @if rows.is_empty() {
                p { (tr!("plan-funded-none")) }
            } @else {
                div class="table-scroll" tabindex="0" role="region" aria-label=(tr!("plan-funded-label")) {
                    table {
                        thead { tr {
                            th scope="col" { (tr!("plan-col-plan")) }
                            th scope="col" { (tr!("plan-col-village")) }
                            th scope="col" class="num" { (tr!("village-plan-granted")) }
                            th scope="col" class="num" { (tr!("village-plan-paid")) }
                            th scope="col" class="num" { (tr!("plan-col-waiting")) }
                            th scope="col" class="num" { (tr!("plan-col-back")) }
                            th scope="col" class="num" { (tr!("plan-open")) }
                        } }
                        tbody {
                            @for r in rows {
                                tr {
                                    td { a href={ "/plannen/" (r.plan_id) } { (tr!("ballot-plan-title", number = r.number, title = &r.title)) }
                                        @if r.done { " " (tr!("village-plan-done")) } }
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
