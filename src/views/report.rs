//! `rapport.html`: the council's report as one self-contained, print-ready file.
//!
//! Self-contained means: no link to anything outside the file (no stylesheet, font, image
//! or script from a server), so it still opens and prints in ten years from a USB stick.
//! The style sheet is inline ([`REPORT_CSS`]; served pages allow it by its hash), charts
//! are inline SVG with a text alternative and the same figures in a table next to them.
//! The print style targets A4: page numbers in the margin where the browser supports
//! them, tables that repeat their header and never cut a row, each round on a new page.
//!
//! The area table and round summaries are also used on the council's dashboard.

use maud::{html, Markup, PreEscaped, DOCTYPE};

use super::components::{count_rule_label, table_scroll};
use super::council::period_text;
use super::explanation::explanation_text;
use crate::domain::round::{BallotRule, CountRule};
use crate::i18n;
use crate::service::report::{AreaReport, Figures, ReportModel, RoundReport};
use crate::{tr, tr_html};

/// The report's whole style sheet. Served pages allow exactly this text by its SHA-256
/// (Content-Security-Policy `style-src 'sha256-…'`), so nothing else inline runs.
pub const REPORT_CSS: &str = include_str!("report.css");

/// Colours of the chart bars (contrast at least 3:1 against white, WCAG 1.4.11).
const BAR_IN: &str = "#1f5f99";
const BAR_COMMITTED: &str = "#a34f00";
const BAR_LEFT: &str = "#2e6b30";
const BAR_FUNDED: &str = "#2e6b30";
const BAR_NOT_FUNDED: &str = "#6b6b6b";

fn money(cents: i64) -> Markup {
    html! { span class="amount" { (crate::i18n::money(cents)) } }
}

/// "41,7%" (or "41.7%" in English) from tenths of a percent.
pub fn percent(per_mille: i64) -> String {
    tr!(
        "report-percent",
        whole = per_mille / 10,
        tenth = per_mille % 10
    )
}

/// Turnout in words: "24 van de 40 stemcodes gebruikt (60,0%)".
pub fn turnout(r: &RoundReport) -> String {
    match r.turnout_per_mille {
        Some(pm) => tr!(
            "report-turnout",
            ballots = r.ballots,
            codes = r.codes_issued,
            percent = percent(pm)
        ),
        None => tr!("report-turnout-no-codes", ballots = r.ballots),
    }
}

/// A ballot rule as the council reads it (what the residents did).
pub fn ballot_rule_text(rule: BallotRule, budget_cents: i64) -> String {
    match rule {
        BallotRule::Approval {
            max_choices: Some(1),
        } => tr!("report-ballot-one"),
        BallotRule::Approval {
            max_choices: Some(k),
        } => tr!("report-ballot-max", max = k),
        BallotRule::Approval { max_choices: None } => tr!("report-ballot-any"),
        BallotRule::Knapsack => tr!(
            "report-ballot-knapsack",
            budget = crate::i18n::money(budget_cents)
        ),
    }
}

/// A count rule as the council reads it (what the count did).
pub fn count_rule_text(rule: CountRule) -> String {
    match rule {
        CountRule::Greedy => tr!("report-count-greedy"),
        CountRule::EqualShares => tr!("report-count-mes"),
    }
}

/// Width of a bar of `value` when `max` fills `full` (integer arithmetic only).
fn bar(value: i64, max: i64, full: i64) -> i64 {
    if max <= 0 || value <= 0 {
        0
    } else {
        (value.min(max) * full / max).max(1)
    }
}

/// An inline SVG chart named by its title and described in words (`desc`), with its
/// caption; `body` draws the legend and the bars in a `width` by `height` box.
fn chart(
    id: &str,
    (width, height): (i64, i64),
    title: &str,
    desc: &str,
    body: Markup,
    caption: &str,
) -> Markup {
    let title_id = format!("{id}-titel");
    let desc_id = format!("{id}-uitleg");
    html! {
        figure class="chart" {
            svg role="img" viewBox={ "0 0 " (width) " " (height) }
                aria-labelledby={ (title_id) " " (desc_id) } {
                title id=(title_id) { (title) }
                desc id=(desc_id) { (desc) }
                (body)
            }
            figcaption { (caption) }
        }
    }
}

/// A horizontal bar chart of the money per area: in, committed, left. The chart is named
/// by its title and described in words (`desc`); the table next to it has the figures.
pub fn area_chart(model: &ReportModel, id: &str) -> Markup {
    let rows: Vec<&AreaReport> = model.areas.iter().collect();
    let max = rows
        .iter()
        .flat_map(|a| {
            [
                a.figures.opening_cents + a.figures.in_cents(),
                a.figures.committed_cents,
                a.figures.left_cents,
            ]
        })
        .max()
        .unwrap_or(0);
    let label_w = 150;
    let full = 400;
    let row_h = 58;
    let top = 34;
    let height = top + row_h * rows.len() as i64 + 8;
    let desc: Vec<String> = rows
        .iter()
        .map(|a| {
            tr!(
                "report-area-desc",
                area = &a.name,
                came_in = crate::i18n::money(a.figures.opening_cents + a.figures.in_cents()),
                committed = crate::i18n::money(a.figures.committed_cents),
                left = crate::i18n::money(a.figures.left_cents)
            )
        })
        .collect();
    let body = html! {
        // Legend
        rect x="0" y="6" width="14" height="14" fill=(BAR_IN) {}
        text x="20" y="18" font-size="13" { (tr!("report-legend-in")) }
        rect x="190" y="6" width="14" height="14" fill=(BAR_COMMITTED) {}
        text x="210" y="18" font-size="13" { (tr!("report-committed")) }
        rect x="380" y="6" width="14" height="14" fill=(BAR_LEFT) {}
        text x="400" y="18" font-size="13" { (tr!("report-left")) }
        @for (i, a) in rows.iter().enumerate() {
            @let y = top + row_h * i as i64;
            @let bars = [
                (a.figures.opening_cents + a.figures.in_cents(), BAR_IN),
                (a.figures.committed_cents, BAR_COMMITTED),
                (a.figures.left_cents, BAR_LEFT),
            ];
            text x="0" y=(y + 28) font-size="13" font-weight="bold" { (a.name) }
            @for (k, (value, colour)) in bars.iter().enumerate() {
                @let by = y + 2 + 17 * k as i64;
                @let w = bar(*value, max, full);
                rect x=(label_w) y=(by) width=(w) height="14" fill=(*colour) {}
                text x=(label_w + w + 6) y=(by + 12) font-size="12" { (crate::i18n::money(*value)) }
            }
        }
    };
    chart(
        id,
        (label_w + full + 130, height),
        &tr!("staff-money-per-area"),
        &desc.join(" "),
        body,
        &tr!("report-area-chart-caption"),
    )
}

/// Votes per plan of one round: green bars for funded plans, grey for the others.
pub fn votes_chart(r: &RoundReport, id: &str) -> Markup {
    let max = r.plans.iter().map(|p| p.votes).max().unwrap_or(0);
    let label_w = 60;
    let full = 420;
    let row_h = 24;
    let top = 30;
    let height = top + row_h * r.plans.len() as i64 + 6;
    let desc: Vec<String> = r
        .plans
        .iter()
        .map(|p| {
            if p.funded {
                tr!(
                    "report-plan-desc-funded",
                    number = &p.number,
                    title = &p.title,
                    votes = p.votes
                )
            } else {
                tr!(
                    "report-plan-desc-not-funded",
                    number = &p.number,
                    title = &p.title,
                    votes = p.votes
                )
            }
        })
        .collect();
    let body = html! {
        rect x="0" y="4" width="14" height="14" fill=(BAR_FUNDED) {}
        text x="20" y="16" font-size="13" { (tr!("report-funded")) }
        rect x="130" y="4" width="14" height="14" fill=(BAR_NOT_FUNDED) {}
        text x="150" y="16" font-size="13" { (tr!("report-not-funded")) }
        @for (i, p) in r.plans.iter().enumerate() {
            @let y = top + row_h * i as i64;
            @let w = bar(p.votes, max, full);
            text x="0" y=(y + 13) font-size="13" { (tr!("report-plan", number = &p.number)) }
            rect x=(label_w) y=(y) width=(w) height="16" fill=(if p.funded { BAR_FUNDED } else { BAR_NOT_FUNDED }) {}
            text x=(label_w + w + 6) y=(y + 13) font-size="12" { (p.votes) }
        }
    };
    chart(
        id,
        (label_w + full + 80, height),
        &tr!("report-votes-title", round = &r.title),
        &desc.join(" "),
        body,
        &tr!("report-votes-caption"),
    )
}

fn figure_cells(f: &Figures) -> Markup {
    html! {
        td class="num" { (money(f.opening_cents)) }
        td class="num" { (money(f.in_budget_cents)) }
        td class="num" { (money(f.in_funders_cents)) }
        td class="num" { (money(f.committed_cents)) }
        td class="num" { (money(f.returned_cents)) }
        td class="num" { (money(f.paid_cents)) }
        td class="num" { (money(f.unpaid_cents)) }
        td class="num" { strong { (money(f.left_cents)) } }
    }
}

/// The money per area in one table, with the totals in the footer.
pub fn area_table(model: &ReportModel) -> Markup {
    html! {
        table class="figures" {
            caption { (tr!("report-area-caption", period = period_text(model))) }
            thead {
                tr {
                    th scope="col" { (tr!("report-col-area")) }
                    th scope="col" class="num" { (tr!("report-col-opening")) }
                    th scope="col" class="num" { (tr!("report-col-in-budget")) }
                    th scope="col" class="num" { (tr!("report-from-funders")) }
                    th scope="col" class="num" { (tr!("report-committed")) }
                    th scope="col" class="num" { (tr!("report-col-returned")) }
                    th scope="col" class="num" { (tr!("report-col-paid")) }
                    th scope="col" class="num" { (tr!("report-col-unpaid")) }
                    th scope="col" class="num" { (tr!("report-left")) }
                }
            }
            tbody {
                @for a in &model.areas {
                    tr { th scope="row" { (a.name) } (figure_cells(&a.figures)) }
                }
            }
            tfoot {
                tr { th scope="row" { (tr!("report-total")) } (figure_cells(&model.totals)) }
            }
        }
    }
}

/// Where one area's money came from: budget lines (with taakveld) and funders.
pub fn area_sources(a: &AreaReport, heading_level: u8) -> Markup {
    let heading = tr!("report-sources-title", area = &a.name);
    let from_budget = tr!("report-from-budget");
    let from_funders = tr!("report-from-funders");
    html! {
        div class="area-sources" {
            @if heading_level == 3 { h3 { (heading) } } @else { h4 { (heading) } }
            @if a.budget_sources.is_empty() && a.funder_sources.is_empty() {
                p { (tr!("report-sources-none", area = &a.name)) }
            }
            @if !a.budget_sources.is_empty() {
                (table_scroll(&from_budget, html! { table {
                    caption { (from_budget) }
                    thead { tr {
                        th scope="col" { (tr!("report-col-taakveld")) }
                        th scope="col" { (tr!("report-col-budget-line")) }
                        th scope="col" class="num" { (tr!("report-col-year")) }
                        th scope="col" class="num" { (tr!("report-col-amount")) }
                    } }
                    tbody {
                        @for s in &a.budget_sources {
                            tr {
                                td { (s.taakveld) @if !s.taakveld_name.is_empty() { " " (s.taakveld_name) } }
                                td { (s.code) " " (s.name) }
                                td class="num" { (s.fiscal_year) }
                                td class="num" { (money(s.amount_cents)) }
                            }
                        }
                    }
                } }))
                p class="source" { (tr!("report-cbs-source")) }
            }
            @if !a.funder_sources.is_empty() {
                (table_scroll(&from_funders, html! { table {
                    caption { (from_funders) }
                    thead { tr {
                        th scope="col" { (tr!("report-col-funder")) }
                        th scope="col" class="num" { (tr!("report-col-amount")) }
                    } }
                    tbody {
                        @for s in &a.funder_sources {
                            tr { td { (s.name) } td class="num" { (money(s.amount_cents)) } }
                        }
                    }
                } }))
            }
        }
    }
}

/// One round: turnout, rules, result per plan with its explanation.
pub fn round_section(r: &RoundReport, index: usize, heading_level: u8) -> Markup {
    let heading = tr!(
        "report-round-heading",
        round = &r.title,
        area = &r.area_name,
        year = r.year,
        quarter = r.quarter
    );
    let per_plan = tr!("report-result-per-plan");
    html! {
        section class="round" aria-labelledby={ "ronde-" (index) } {
            @if heading_level == 2 {
                h2 id={ "ronde-" (index) } { (heading) }
            } @else {
                h3 id={ "ronde-" (index) } { (heading) }
            }
            dl class="facts" {
                dt { (tr!("report-counted-on")) } dd { (i18n::datetime(r.closed_at)) }
                dt { (tr!("report-turnout-label")) } dd { (turnout(r)) }
                dt { (tr!("report-how-voted")) } dd { (ballot_rule_text(r.ballot_rule, r.budget_cents)) }
                dt { (tr!("report-how-counted")) } dd { strong { (count_rule_label(r.count_rule)) } ". " (count_rule_text(r.count_rule)) }
                dt { (tr!("report-budget")) } dd { (money(r.budget_cents)) }
                dt { (tr!("report-granted")) } dd { (money(r.spent_cents)) }
                @if let Some(fp) = &r.fingerprint {
                    dt { (tr!("report-fingerprint")) } dd { code class="hash" { (fp) } }
                }
            }
            @if r.plans.is_empty() {
                p { (tr!("report-no-plans")) }
            } @else {
                (votes_chart(r, &format!("grafiek-ronde-{index}")))
                (table_scroll(&per_plan, html! { table class="result" {
                    caption { (per_plan) }
                    thead { tr {
                        th scope="col" class="num" { (tr!("report-col-plan")) }
                        th scope="col" { (tr!("report-col-name")) }
                        th scope="col" class="num" { (tr!("report-col-amount")) }
                        th scope="col" class="num" { (tr!("report-col-votes")) }
                        th scope="col" { (tr!("report-col-result")) }
                        th scope="col" { (tr!("report-col-explanation")) }
                    } }
                    tbody {
                        @for p in &r.plans {
                            tr {
                                td class="num" { (p.number) }
                                td { (p.title) }
                                td class="num" { (money(p.amount_cents)) }
                                td class="num" { (p.votes) }
                                td { @if p.funded { strong { (tr!("report-funded")) } } @else { (tr!("report-not-funded")) } }
                                td { (explanation_text(&p.why, &p.explanation)) }
                            }
                        }
                    }
                } }))
            }
        }
    }
}

/// The whole report, in the current language (Dutch outside a request).
/// `checkpoint_text` is the signed checkpoint the bundle is built on (empty when none was
/// signed yet); `key_fingerprint` that of the log's public key.
pub fn rapport_html(model: &ReportModel, checkpoint_text: &str, key_fingerprint: &str) -> String {
    let period = period_text(model);
    let title = tr!(
        "report-title",
        municipality = &model.municipality,
        period = &period
    );
    let f = &model.totals;
    let unknown = tr!("report-unknown");
    let markup = html! {
        (DOCTYPE)
        html lang=(i18n::current().code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                style { (PreEscaped(REPORT_CSS)) }
            }
            body {
                header class="cover" {
                    p class="kicker" { (model.municipality) }
                    h1 { (tr!("report-heading")) }
                    p class="period" { (tr!("report-period", period = &period)) }
                    p { (tr!("report-made-on", when = i18n::datetime(model.generated_at))) }
                }
                main {
                    section aria-labelledby="kort" {
                        h2 id="kort" { (tr!("report-short")) }
                        p {
                            (tr_html!("report-short-text",
                                came_in = money(f.in_cents()),
                                committed = money(f.committed_cents),
                                paid = money(f.paid_cents),
                                left = money(f.left_cents)))
                        }
                        p { (tr!("report-rounds-counted", count = model.rounds.len())) }
                        (area_chart(model, "grafiek-gebieden"))
                    }
                    section aria-labelledby="geld" {
                        h2 id="geld" { (tr!("staff-money-per-area")) }
                        p { (tr!("report-formula")) }
                        (area_table(model))
                        @for a in &model.areas {
                            (area_sources(a, 3))
                        }
                    }
                    @if model.rounds.is_empty() {
                        section aria-labelledby="rondes" {
                            h2 id="rondes" { (tr!("report-rounds")) }
                            p { (tr!("staff-council-no-rounds")) }
                        }
                    }
                    @for (i, r) in model.rounds.iter().enumerate() {
                        (round_section(r, i + 1, 2))
                    }
                    section class="verify" aria-labelledby="controle" {
                        h2 id="controle" { (tr!("report-verify-title")) }
                        p { (tr!("report-verify-intro")) }
                        h3 { (tr!("report-checkpoint")) }
                        @if checkpoint_text.trim().is_empty() {
                            p { strong { (tr!("report-no-checkpoint")) } }
                        } @else {
                            pre class="checkpoint" { (checkpoint_text) }
                        }
                        h3 { (tr!("report-key-fingerprint")) }
                        p { code class="hash" { (if key_fingerprint.is_empty() { unknown.as_str() } else { key_fingerprint }) } }
                        p { (tr!("report-verify-how")) }
                    }
                }
                footer {
                    p { (tr!("report-footer")) }
                }
            }
        }
    };
    markup.into_string()
}

/// The SHA-256 of the style sheet in CSP form (`'sha256-…'`), for serving the report.
pub fn report_css_hash() -> String {
    use base64::Engine;
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(REPORT_CSS.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}
