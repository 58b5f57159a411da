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

use super::components::table_scroll;
use crate::domain::money::format_eur;
use crate::domain::nl_time;
use crate::service::report::{AreaReport, Figures, ReportModel, RoundReport};

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
    html! { span class="amount" { (format_eur(cents)) } }
}

/// "41,7%" from tenths of a percent.
pub fn percent_nl(per_mille: i64) -> String {
    format!("{},{}%", per_mille / 10, per_mille % 10)
}

/// Turnout in words: "24 van de 40 stemcodes gebruikt (60,0%)".
pub fn turnout_nl(r: &RoundReport) -> String {
    match r.turnout_per_mille {
        Some(pm) => format!(
            "{} van de {} stemcodes gebruikt ({})",
            r.ballots,
            r.codes_issued,
            percent_nl(pm)
        ),
        None => format!(
            "{} stemmen; er zijn voor dit gebied en jaar geen stemcodes uitgegeven",
            r.ballots
        ),
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
            format!(
                "{}: begin plus binnengekomen {}, toegekend aan plannen {}, over in de pot {}.",
                a.name,
                format_eur(a.figures.opening_cents + a.figures.in_cents()),
                format_eur(a.figures.committed_cents),
                format_eur(a.figures.left_cents)
            )
        })
        .collect();
    let title_id = format!("{id}-titel");
    let desc_id = format!("{id}-uitleg");
    html! {
        figure class="chart" {
            svg role="img" viewBox={ "0 0 " (label_w + full + 130) " " (height) }
                aria-labelledby={ (title_id) " " (desc_id) } {
                title id=(title_id) { "Geld per gebied" }
                desc id=(desc_id) { (desc.join(" ")) }
                // Legend
                rect x="0" y="6" width="14" height="14" fill=(BAR_IN) {}
                text x="20" y="18" font-size="13" { "Begin + binnengekomen" }
                rect x="190" y="6" width="14" height="14" fill=(BAR_COMMITTED) {}
                text x="210" y="18" font-size="13" { "Toegekend aan plannen" }
                rect x="380" y="6" width="14" height="14" fill=(BAR_LEFT) {}
                text x="400" y="18" font-size="13" { "Over in de pot" }
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
                        text x=(label_w + w + 6) y=(by + 12) font-size="12" { (format_eur(*value)) }
                    }
                }
            }
            figcaption { "Geld per gebied. De bedragen staan ook in de tabel hieronder." }
        }
    }
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
            format!(
                "Plan {} ({}): {} stemmen, {}.",
                p.number,
                p.title,
                p.votes,
                if p.funded {
                    "krijgt geld"
                } else {
                    "krijgt geen geld"
                }
            )
        })
        .collect();
    let title_id = format!("{id}-titel");
    let desc_id = format!("{id}-uitleg");
    html! {
        figure class="chart" {
            svg role="img" viewBox={ "0 0 " (label_w + full + 80) " " (height) }
                aria-labelledby={ (title_id) " " (desc_id) } {
                title id=(title_id) { "Stemmen per plan: " (r.title) }
                desc id=(desc_id) { (desc.join(" ")) }
                rect x="0" y="4" width="14" height="14" fill=(BAR_FUNDED) {}
                text x="20" y="16" font-size="13" { "Krijgt geld" }
                rect x="130" y="4" width="14" height="14" fill=(BAR_NOT_FUNDED) {}
                text x="150" y="16" font-size="13" { "Krijgt geen geld" }
                @for (i, p) in r.plans.iter().enumerate() {
                    @let y = top + row_h * i as i64;
                    @let w = bar(p.votes, max, full);
                    text x="0" y=(y + 13) font-size="13" { "Plan " (p.number) }
                    rect x=(label_w) y=(y) width=(w) height="16" fill=(if p.funded { BAR_FUNDED } else { BAR_NOT_FUNDED }) {}
                    text x=(label_w + w + 6) y=(y + 13) font-size="12" { (p.votes) }
                }
            }
            figcaption { "Stemmen per plan. De uitslag en de uitleg staan in de tabel hieronder." }
        }
    }
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
            caption { "Geld per gebied, " (model.period_nl()) }
            thead {
                tr {
                    th scope="col" { "Gebied" }
                    th scope="col" class="num" { "Begin" }
                    th scope="col" class="num" { "Uit de begroting" }
                    th scope="col" class="num" { "Van financiers" }
                    th scope="col" class="num" { "Toegekend aan plannen" }
                    th scope="col" class="num" { "Terug uit plannen" }
                    th scope="col" class="num" { "Betaald" }
                    th scope="col" class="num" { "Nog te betalen" }
                    th scope="col" class="num" { "Over in de pot" }
                }
            }
            tbody {
                @for a in &model.areas {
                    tr { th scope="row" { (a.name) } (figure_cells(&a.figures)) }
                }
            }
            tfoot {
                tr { th scope="row" { "Totaal" } (figure_cells(&model.totals)) }
            }
        }
    }
}

/// Where one area's money came from: budget lines (with taakveld) and funders.
pub fn area_sources(a: &AreaReport, heading_level: u8) -> Markup {
    let heading = html! { "Waar kwam het geld van " (a.name) " vandaan?" };
    html! {
        div class="area-sources" {
            @if heading_level == 3 { h3 { (heading) } } @else { h4 { (heading) } }
            @if a.budget_sources.is_empty() && a.funder_sources.is_empty() {
                p { "In deze periode kwam er geen geld bij in de pot van " (a.name) "." }
            }
            @if !a.budget_sources.is_empty() {
                (table_scroll("Uit de gemeentebegroting", html! { table {
                    caption { "Uit de gemeentebegroting" }
                    thead { tr {
                        th scope="col" { "Taakveld" }
                        th scope="col" { "Begrotingspost" }
                        th scope="col" class="num" { "Jaar" }
                        th scope="col" class="num" { "Bedrag" }
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
                p class="source" { "Taakvelden en begrotingscijfers: Bron: CBS (Iv3 open data, CC BY 4.0)." }
            }
            @if !a.funder_sources.is_empty() {
                (table_scroll("Van financiers", html! { table {
                    caption { "Van financiers" }
                    thead { tr {
                        th scope="col" { "Financier" }
                        th scope="col" class="num" { "Bedrag" }
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
    let heading = html! { (r.title) " (" (r.area_name) ", " (r.year) " kwartaal " (r.quarter) ")" };
    html! {
        section class="round" aria-labelledby={ "ronde-" (index) } {
            @if heading_level == 2 {
                h2 id={ "ronde-" (index) } { (heading) }
            } @else {
                h3 id={ "ronde-" (index) } { (heading) }
            }
            dl class="facts" {
                dt { "Geteld op" } dd { (nl_time::datetime_nl(r.closed_at)) }
                dt { "Opkomst" } dd { (turnout_nl(r)) }
                dt { "Hoe werd er gestemd?" } dd { (r.ballot_rule_nl) }
                dt { "Hoe werd er geteld?" } dd { strong { (r.count_rule_label) } ". " (r.count_rule_nl) }
                dt { "Budget" } dd { (money(r.budget_cents)) }
                dt { "Toegekend" } dd { (money(r.spent_cents)) }
                @if let Some(fp) = &r.fingerprint {
                    dt { "Vingerafdruk van de regels" } dd { code class="hash" { (fp) } }
                }
            }
            @if r.plans.is_empty() {
                p { "Er stonden geen plannen op het stembiljet." }
            } @else {
                (votes_chart(r, &format!("grafiek-ronde-{index}")))
                (table_scroll("Uitslag per plan", html! { table class="result" {
                    caption { "Uitslag per plan" }
                    thead { tr {
                        th scope="col" class="num" { "Plan" }
                        th scope="col" { "Naam" }
                        th scope="col" class="num" { "Bedrag" }
                        th scope="col" class="num" { "Stemmen" }
                        th scope="col" { "Uitslag" }
                        th scope="col" { "Uitleg" }
                    } }
                    tbody {
                        @for p in &r.plans {
                            tr {
                                td class="num" { (p.number) }
                                td { (p.title) }
                                td class="num" { (money(p.amount_cents)) }
                                td class="num" { (p.votes) }
                                td { @if p.funded { strong { "Krijgt geld" } } @else { "Krijgt geen geld" } }
                                td { (p.explanation) }
                            }
                        }
                    }
                } }))
            }
        }
    }
}

/// The whole report. `checkpoint_text` is the signed checkpoint the bundle is built on
/// (empty when none was signed yet); `key_fingerprint` that of the log's public key.
pub fn rapport_html(model: &ReportModel, checkpoint_text: &str, key_fingerprint: &str) -> String {
    let title = format!(
        "Verantwoording burgerbegroting {}, {}",
        model.municipality,
        model.period_nl()
    );
    let f = &model.totals;
    let markup = html! {
        (DOCTYPE)
        html lang="nl" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                style { (PreEscaped(REPORT_CSS)) }
            }
            body {
                header class="cover" {
                    p class="kicker" { (model.municipality) }
                    h1 { "Verantwoording burgerbegroting" }
                    p class="period" { "Periode: " (model.period_nl()) }
                    p { "Gemaakt op " (nl_time::datetime_nl(model.generated_at)) " (Nederlandse tijd)." }
                }
                main {
                    section aria-labelledby="kort" {
                        h2 id="kort" { "In het kort" }
                        p {
                            "In deze periode kwam er " (money(f.in_cents())) " in de potten van de dorpen en wijken. "
                            "Inwoners kozen plannen; die kregen samen " (money(f.committed_cents)) ". "
                            "Er is " (money(f.paid_cents)) " betaald. "
                            "Aan het eind van de periode stond er nog " (money(f.left_cents)) " in de potten."
                        }
                        p { "Er " @if model.rounds.len() == 1 { "is 1 stemronde" } @else { "zijn " (model.rounds.len()) " stemrondes" } " geteld in deze periode." }
                        (area_chart(model, "grafiek-gebieden"))
                    }
                    section aria-labelledby="geld" {
                        h2 id="geld" { "Geld per gebied" }
                        p { "Begin + uit de begroting + van financiers − toegekend aan plannen + terug uit plannen = over in de pot. "
                            "Wat aan een plan is toegekend, wordt betaald vanaf de rekening van dat plan." }
                        (area_table(model))
                        @for a in &model.areas {
                            (area_sources(a, 3))
                        }
                    }
                    @if model.rounds.is_empty() {
                        section aria-labelledby="rondes" {
                            h2 id="rondes" { "Stemrondes" }
                            p { "In deze periode is er geen stemronde geteld." }
                        }
                    }
                    @for (i, r) in model.rounds.iter().enumerate() {
                        (round_section(r, i + 1, 2))
                    }
                    section class="verify" aria-labelledby="controle" {
                        h2 id="controle" { "Controleer dit rapport" }
                        p { "Alle handelingen in de burgerbegroting staan in een logboek dat niet ongemerkt te veranderen is. "
                            "Hieronder staat het ondertekende controlepunt van dat logboek en de vingerafdruk van de sleutel waarmee het is ondertekend." }
                        h3 { "Controlepunt" }
                        @if checkpoint_text.trim().is_empty() {
                            p { strong { "Er is nog geen ondertekend controlepunt." } }
                        } @else {
                            pre class="checkpoint" { (checkpoint_text) }
                        }
                        h3 { "Vingerafdruk van de sleutel" }
                        p { code class="hash" { (if key_fingerprint.is_empty() { "(onbekend)" } else { key_fingerprint }) } }
                        p { "Vergelijk de vingerafdruk met die op de pagina /audit van de gemeente en in het bestand key.pub: zijn ze gelijk, dan is dit controlepunt door de gemeente ondertekend. "
                            "Controleer daarna de hele bundel met het programma burgerbegroting audit verify; dat telt alle bedragen en stemmen opnieuw, zonder internet, en zegt precies wat er niet klopt." }
                    }
                }
                footer {
                    p { "Taakvelden en begrotingscijfers: Bron: CBS (Iv3 open data, CC BY 4.0). Bedragen in euro." }
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
