//! The council's dashboard (also for the steering group, read-only): the report's figures
//! for a chosen period, the report itself and the export bundle to download, and the audit
//! events with filters.

use maud::{html, Markup};

use super::components::table_head;
use super::components::Col::{Num, Text};

use super::components::{error_summary, options_from, select_input, table_scroll, text_input};
use super::layout::{page, Nav};
use super::report::{area_chart, area_sources, area_table, round_section};
use crate::i18n;
use crate::service::auth::SessionUser;
use crate::service::report::{EventsPage, ReportModel};
use crate::tr;

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
        super::components::query_for_page(
            &[
                ("soort", &self.soort),
                ("gebied", &self.gebied),
                ("van", &self.van),
                ("tot", &self.tot),
            ],
            page,
        )
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
        (text_input(errors, "van", &tr!("staff-period-from"), Some(&tr!("staff-period-from-hint")), &form.van, "date"))
        (text_input(errors, "tot", &tr!("staff-period-to"), Some(&tr!("staff-period-to-hint")), &form.tot, "date"))
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
        &tr!("staff-council-title"),
        &nav(user),
        html! {
            h1 { (tr!("staff-council-title")) }
            p { (tr!("staff-council-intro")) }
            (error_summary(errors))
            form method="get" action="/raad" class="period" {
                h2 { (tr!("staff-period-choose")) }
                (period_fields(form, errors))
                button type="submit" { (tr!("staff-period-show")) }
            }
            @if let Some(m) = model {
                p { strong { (tr!("staff-period")) " " (period_text(m)) } }
                h2 { (tr!("staff-council-downloads")) }
                ul {
                    li { a href={ "/raad/rapport?" (q) } { (tr!("staff-council-report-view")) } " (rapport.html)" }
                    li { a href={ "/raad/rapport?" (q) "&download=1" } { (tr!("staff-council-report-download")) } }
                    @if bundle_available {
                        li { a href={ "/raad/bundel?" (q) } { (tr!("staff-council-bundle")) } " " (tr!("staff-council-bundle-what")) }
                    }
                }
                p { a href="/raad/gebeurtenissen" { (tr!("staff-council-events-link")) } }
                h2 { (tr!("staff-money-per-area")) }
                (area_chart(m, "grafiek-gebieden"))
                (table_scroll(&tr!("staff-money-per-area"), area_table(m)))
                @for a in &m.areas {
                    @if !a.budget_sources.is_empty() || !a.funder_sources.is_empty() {
                        (area_sources(a, 3))
                    }
                }
                h2 { (tr!("staff-council-rounds")) }
                @if m.rounds.is_empty() {
                    p { (tr!("staff-council-no-rounds")) }
                }
                @for (i, r) in m.rounds.iter().enumerate() {
                    (round_section(r, i + 1, 3))
                }
            }
        },
    )
}

/// The names of the kinds of event in the visitor's language (unknown kinds are shown as
/// they are stored).
pub fn action_label(action: &str) -> String {
    match action {
        "area.created" => tr!("staff-event-area-created"),
        "area.settings_changed" => tr!("staff-event-area-settings-changed"),
        "audit.signing_resumed" => tr!("staff-event-audit-signing-resumed"),
        "audit.signing_stopped" => tr!("staff-event-audit-signing-stopped"),
        "ballot.cast" => tr!("staff-event-ballot-cast"),
        "budget_line.imported" => tr!("staff-event-budget-line-imported"),
        "funder.created" => tr!("staff-event-funder-created"),
        "initiative.reviewed" => tr!("staff-event-initiative-reviewed"),
        "initiative.submitted" => tr!("staff-event-initiative-submitted"),
        "ledger.imported" => tr!("staff-event-ledger-imported"),
        "maintenance.pruned" => tr!("staff-event-maintenance-pruned"),
        "role.granted" => tr!("staff-event-role-granted"),
        "role.revoked" => tr!("staff-event-role-revoked"),
        "pool.earmark_released" => tr!("staff-event-pool-earmark-released"),
        "pool.earmarked" => tr!("staff-event-pool-earmarked"),
        "pool.released" => tr!("staff-event-pool-released"),
        "pool.reserved" => tr!("staff-event-pool-reserved"),
        "round.closed" => tr!("staff-event-round-closed"),
        "round.counted" => tr!("staff-event-round-counted"),
        "round.created" => tr!("staff-event-round-created"),
        "round.review_started" => tr!("staff-event-round-review-started"),
        "round.voting_opened" => tr!("staff-event-round-voting-opened"),
        "staff.login" => tr!("staff-event-staff-login"),
        "transfer.created" | "transfer.posted" => tr!("staff-event-transfer-created"),
        "transfer.proposed" => tr!("staff-event-transfer-proposed"),
        "transfer.approved" => tr!("staff-event-transfer-approved"),
        "transfer.rejected" => tr!("staff-event-transfer-rejected"),
        "user.created" => tr!("staff-event-user-created"),
        "user.password_rehashed" => tr!("staff-event-user-password-rehashed"),
        "user.second_factor_enabled" => tr!("staff-event-user-second-factor-enabled"),
        "voting_code.replaced" => tr!("staff-event-voting-code-replaced"),
        "voting_code.revoked" => tr!("staff-event-voting-code-revoked"),
        "voting_codes.batch_generated" => tr!("staff-event-voting-codes-batch-generated"),
        other => other.to_string(),
    }
}

/// The period of a report in the visitor's language.
pub fn period_text(m: &ReportModel) -> String {
    match (m.from, m.to) {
        (Some(f), Some(t)) => tr!(
            "staff-period-between",
            from = i18n::date(f),
            to = i18n::date(t)
        ),
        (Some(f), None) => tr!("staff-period-since", from = i18n::date(f)),
        (None, Some(t)) => tr!("staff-period-until", to = i18n::date(t)),
        (None, None) => tr!("staff-period-all"),
    }
}

/// The audit events, newest first, with the filter form and page links.
pub fn events(
    user: &SessionUser,
    data: Option<&EventsPage>,
    form: &EventsForm,
    errors: &[(String, String)],
) -> Markup {
    let actions = options_from(data.map(|d| d.actions.as_slice()), |a| {
        (a.clone(), format!("{} ({a})", action_label(a)))
    });
    let areas: Vec<(String, String)> = data.map(|d| d.areas.clone()).unwrap_or_default();
    let period = PeriodForm {
        van: form.van.clone(),
        tot: form.tot.clone(),
    };
    page(
        &tr!("staff-events-title"),
        &nav(user),
        html! {
            p { a href="/raad" { (tr!("staff-events-back")) } }
            h1 { (tr!("staff-events-title")) }
            p { (tr!("staff-events-intro")) }
            (error_summary(errors))
            form method="get" action="/raad/gebeurtenissen" class="filters" {
                h2 { (tr!("staff-filter-title")) }
                (select_input(errors, "soort", "soort", &tr!("staff-events-kind"), None, Some(&tr!("staff-filter-all-kinds")), &actions, form.soort.trim()))
                (select_input(errors, "gebied", "gebied", &tr!("staff-events-area"), None, Some(&tr!("staff-filter-all-areas")), &areas, form.gebied.trim()))
                (period_fields(&period, errors))
                button type="submit" { (tr!("staff-filter")) }
            }
            @if let Some(d) = data {
                p role="status" {
                    (tr!("staff-events-found", count = d.total))
                    @if d.pages > 1 { " " (tr!("staff-page-of", page = d.page, pages = d.pages)) }
                }
                @if !d.events.is_empty() {
                    (table_scroll(&tr!("staff-events-table"), html! {
                        table {
                            caption { (tr!("staff-events-caption")) }
                            (table_head(&[Num(&tr!("staff-events-seq")), Text(&tr!("staff-events-time")), Text(&tr!("staff-events-who")), Text(&tr!("staff-events-kind-col")), Text(&tr!("staff-events-about")), Text(&tr!("staff-events-as-recorded"))]))
                            tbody {
                                @for e in &d.events {
                                    tr {
                                        td class="num" { (e.seq) }
                                        td { span class="nowrap" { (i18n::datetime(e.occurred_at)) } }
                                        td { (actor_label(&e.actor)) }
                                        td { (action_label(&e.action)) }
                                        td { (e.entity_type) " " code { (short(&e.entity_id)) } }
                                        td {
                                            details {
                                                summary { (tr!("staff-events-show", seq = e.seq)) }
                                                pre class="leaf" { code { (e.leaf) } }
                                                p { (tr!("staff-events-leaf-hash")) " " code class="hash" { (e.leaf_hash) } }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }))
                }
                @if d.pages > 1 {
                    nav aria-label=(tr!("staff-events-pages")) class="pager" {
                        ul {
                            @if d.page > 1 {
                                li { a href={ "/raad/gebeurtenissen?" (form.query_for_page(d.page - 1)) } rel="prev" { (tr!("staff-events-newer")) } }
                            }
                            @if d.page < d.pages {
                                li { a href={ "/raad/gebeurtenissen?" (form.query_for_page(d.page + 1)) } rel="next" { (tr!("staff-events-older")) } }
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
        "resident" => tr!("staff-actor-resident"),
        "system" => tr!("staff-actor-system"),
        "cli" => tr!("staff-actor-cli"),
        other => other.strip_prefix("cli:").map_or_else(
            || other.to_string(),
            |e| tr!("staff-actor-cli-named", who = e),
        ),
    }
}

/// The first 8 characters of an id: enough to tell rows apart, the full id is in the leaf.
fn short(id: &str) -> &str {
    id.get(..8).unwrap_or(id)
}
