//! The council's dashboard (also for the steering group, read-only): the report's figures
//! for a chosen period, the report itself and the export bundle to download, and the audit
//! events with filters.

use maud::{html, Markup};

use super::components::table_head;
use super::components::Col::{Num, Text};

use super::components::{error_summary, table_scroll, text_input};
use super::layout::{page, Nav};
use super::report::{area_chart, area_sources, area_table, round_section};
use crate::domain::nl_time;
use crate::service::auth::SessionUser;
use crate::service::report::{EventsPage, ReportModel};

/// What was typed in a period form (kept as typed when it is wrong).
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct PeriodForm {
    #[serde(default)]
    pub van: String,
    #[serde(default)]
    pub tot: String,
}

impl PeriodForm {
    /// `?van=…&tot=…` for links that keep the period.
    pub fn query(&self) -> String {
        serde_urlencoded::to_string([("van", self.van.trim()), ("tot", self.tot.trim())])
            .unwrap_or_default()
    }
}

/// What was typed in the events filter.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct EventsForm {
    #[serde(default)]
    pub soort: String,
    #[serde(default)]
    pub gebied: String,
    #[serde(default)]
    pub van: String,
    #[serde(default)]
    pub tot: String,
    #[serde(default)]
    pub pagina: Option<String>,
}

impl EventsForm {
    fn query_for_page(&self, page: i64) -> String {
        serde_urlencoded::to_string([
            ("soort", self.soort.trim()),
            ("gebied", self.gebied.trim()),
            ("van", self.van.trim()),
            ("tot", self.tot.trim()),
            ("pagina", page.to_string().as_str()),
        ])
        .unwrap_or_default()
    }
}

fn nav(user: &SessionUser) -> Nav<'_> {
    Nav {
        user: Some(user),
        current: "/raad",
    }
}

fn period_fields(form: &PeriodForm, errors: &[(String, String)]) -> Markup {
    html! {
        (text_input(errors, "van", "Van", Some("Eerste dag, bijvoorbeeld 2026-01-01. Leeg: vanaf het begin."), &form.van, "date"))
        (text_input(errors, "tot", "Tot en met", Some("Laatste dag, bijvoorbeeld 2026-03-31. Leeg: tot vandaag."), &form.tot, "date"))
    }
}

/// The dashboard: period form, money per area, rounds, and the downloads.
pub fn dashboard(
    user: &SessionUser,
    model: Option<&ReportModel>,
    form: &PeriodForm,
    errors: &[(String, String)],
    bundle_available: bool,
) -> Markup {
    let q = form.query();
    page(
        "Overzicht voor de raad",
        &nav(user),
        html! {
            h1 { "Overzicht voor de raad" }
            p { "Hier ziet u per dorp of wijk waar het geld van de burgerbegroting vandaan kwam, "
                "wat inwoners ermee hebben gekozen en wat er over is. U kunt alles alleen bekijken, niet veranderen." }
            (error_summary(errors))
            form method="get" action="/raad" class="period" {
                h2 { "Kies een periode" }
                (period_fields(form, errors))
                button type="submit" { "Toon deze periode" }
            }
            @if let Some(m) = model {
                p { strong { "Periode: " (m.period_nl()) } }
                h2 { "Rapport en bundel" }
                ul {
                    li { a href={ "/raad/rapport?" (q) } { "Rapport voor deze periode bekijken of afdrukken" } " (rapport.html)" }
                    li { a href={ "/raad/rapport?" (q) "&download=1" } { "Rapport downloaden" } }
                    @if bundle_available {
                        li { a href={ "/raad/bundel?" (q) } { "Controlebundel voor deze periode downloaden" } " (zip met logboek, grootboek, stemmen, uitslagen en rapport)" }
                    }
                }
                p { a href="/raad/gebeurtenissen" { "Alle gebeurtenissen in het logboek bekijken" } }
                h2 { "Geld per gebied" }
                (area_chart(m, "grafiek-gebieden"))
                (table_scroll("Geld per gebied", area_table(m)))
                @for a in &m.areas {
                    @if !a.budget_sources.is_empty() || !a.funder_sources.is_empty() {
                        (area_sources(a, 3))
                    }
                }
                h2 { "Stemrondes in deze periode" }
                @if m.rounds.is_empty() {
                    p { "In deze periode is er geen stemronde geteld." }
                }
                @for (i, r) in m.rounds.iter().enumerate() {
                    (round_section(r, i + 1, 3))
                }
            }
        },
    )
}

/// Dutch names of the kinds of event (unknown kinds are shown as they are stored).
pub fn action_label(action: &str) -> &str {
    match action {
        "area.created" => "Gebied aangemaakt",
        "area.settings_changed" => "Gebied aangepast",
        "audit.signing_resumed" => "Ondertekenen hervat",
        "audit.signing_stopped" => "Ondertekenen gestopt",
        "ballot.cast" => "Stem uitgebracht",
        "budget_line.imported" => "Begrotingspost ingelezen",
        "funder.created" => "Financier aangemaakt",
        "initiative.reviewed" => "Plan beoordeeld",
        "initiative.submitted" => "Plan ingediend",
        "ledger.imported" => "Begroting ingelezen",
        "maintenance.pruned" => "Onderhoud: oude sessies opgeruimd",
        "role.granted" => "Rol gegeven",
        "role.revoked" => "Rol afgenomen",
        "pool.earmark_released" => "Apart gezet geld vrijgegeven",
        "pool.earmarked" => "Geld apart gezet",
        "pool.released" => "Reservering van een ronde vrijgegeven",
        "pool.reserved" => "Budget van een ronde gereserveerd",
        "round.closed" => "Ronde afgesloten, geld vastgelegd",
        "round.counted" => "Stemmen geteld",
        "round.created" => "Ronde aangemaakt",
        "round.review_started" => "Indienen gesloten, beoordeling begonnen",
        "round.voting_opened" => "Stemmen geopend",
        "staff.login" => "Medewerker ingelogd",
        "transfer.created" | "transfer.posted" => "Overboeking geboekt",
        "transfer.proposed" => "Overboeking voorgesteld",
        "transfer.approved" => "Overboeking goedgekeurd",
        "transfer.rejected" => "Overboeking afgewezen",
        "user.created" => "Gebruiker aangemaakt",
        "user.password_rehashed" => "Wachtwoord opnieuw versleuteld",
        "user.second_factor_enabled" => "Tweede stap ingesteld",
        "voting_code.replaced" => "Stemcode vervangen",
        "voting_code.revoked" => "Stemcode ingetrokken",
        "voting_codes.batch_generated" => "Stemcodes aangemaakt",
        other => other,
    }
}

fn select(
    id: &str,
    label: &str,
    all_label: &str,
    options: &[(String, String)],
    chosen: &str,
) -> Markup {
    html! {
        div {
            label for=(id) { (label) }
            select id=(id) name=(id) {
                option value="" selected[chosen.is_empty()] { (all_label) }
                @for (value, text) in options {
                    option value=(value) selected[chosen == value] { (text) }
                }
            }
        }
    }
}

/// The audit events, newest first, with the filter form and page links.
pub fn events(
    user: &SessionUser,
    data: Option<&EventsPage>,
    form: &EventsForm,
    errors: &[(String, String)],
) -> Markup {
    let actions: Vec<(String, String)> = data
        .map(|d| {
            d.actions
                .iter()
                .map(|a| (a.clone(), format!("{} ({a})", action_label(a))))
                .collect()
        })
        .unwrap_or_default();
    let areas: Vec<(String, String)> = data.map(|d| d.areas.clone()).unwrap_or_default();
    let period = PeriodForm {
        van: form.van.clone(),
        tot: form.tot.clone(),
    };
    page(
        "Gebeurtenissen in het logboek",
        &nav(user),
        html! {
            p { a href="/raad" { "Terug naar het overzicht voor de raad" } }
            h1 { "Gebeurtenissen in het logboek" }
            p { "Alles wat er in de burgerbegroting gebeurt, komt als gebeurtenis in het logboek. "
                "De nieuwste staat bovenaan. Een stem van een inwoner staat er zonder naam of stemcode in." }
            (error_summary(errors))
            form method="get" action="/raad/gebeurtenissen" class="filters" {
                h2 { "Filteren" }
                (select("soort", "Soort gebeurtenis", "Alle soorten", &actions, form.soort.trim()))
                (select("gebied", "Dorp of wijk", "Alle gebieden", &areas, form.gebied.trim()))
                (period_fields(&period, errors))
                button type="submit" { "Filter" }
            }
            @if let Some(d) = data {
                p role="status" {
                    @if d.total == 1 { "1 gebeurtenis gevonden." } @else { (d.total) " gebeurtenissen gevonden." }
                    @if d.pages > 1 { " Pagina " (d.page) " van " (d.pages) "." }
                }
                @if !d.events.is_empty() {
                    (table_scroll("Gebeurtenissen", html! {
                        table {
                            caption { "Gebeurtenissen, nieuwste eerst" }
                            (table_head(&[Num("Nummer"), Text("Tijd"), Text("Wie"), Text("Soort"), Text("Waarover"), Text("Zoals vastgelegd")]))
                            tbody {
                                @for e in &d.events {
                                    tr {
                                        td class="num" { (e.seq) }
                                        td { span class="nowrap" { (nl_time::datetime_nl(e.occurred_at)) } }
                                        td { (actor_label(&e.actor)) }
                                        td { (action_label(&e.action)) }
                                        td { (e.entity_type) " " code { (short(&e.entity_id)) } }
                                        td {
                                            details {
                                                summary { "Toon gebeurtenis " (e.seq) }
                                                pre class="leaf" { code { (e.leaf) } }
                                                p { "Vingerafdruk (leaf hash): " code class="hash" { (e.leaf_hash) } }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }))
                }
                @if d.pages > 1 {
                    nav aria-label="Pagina's met gebeurtenissen" class="pager" {
                        ul {
                            @if d.page > 1 {
                                li { a href={ "/raad/gebeurtenissen?" (form.query_for_page(d.page - 1)) } rel="prev" { "Vorige pagina (nieuwer)" } }
                            }
                            @if d.page < d.pages {
                                li { a href={ "/raad/gebeurtenissen?" (form.query_for_page(d.page + 1)) } rel="next" { "Volgende pagina (ouder)" } }
                            }
                        }
                    }
                }
            }
        },
    )
}

fn actor_label(actor: &str) -> String {
    match actor {
        "resident" => "Inwoner (zonder naam)".into(),
        "system" => "Het systeem".into(),
        "cli" => "Beheer (opdrachtregel)".into(),
        other => other
            .strip_prefix("cli:")
            .map_or_else(|| other.to_string(), |e| format!("{e} (opdrachtregel)")),
    }
}

/// The first 8 characters of an id: enough to tell rows apart, the full id is in the leaf.
fn short(id: &str) -> &str {
    id.get(..8).unwrap_or(id)
}
