//! The staff list of transfers: newest first, 50 per page, filtered by account, kind,
//! status and days. The filter is a GET form that keeps its values; the page links keep
//! the filter, so everything works without JavaScript.

use maud::{html, Markup};

use super::components::Col::{Num, Text};
use super::components::{
    error_summary, field_error, money, nl_date_cell, status, table_head, table_scroll,
};
use super::layout::{page, Nav};
use crate::domain::ledger::TransferStatus;
use crate::domain::wording::count_of;
use crate::service::auth::SessionUser;
use crate::service::ledger::{TransfersPage, TRANSFER_KINDS};

/// The filter as typed (query string), kept on the page and in the page links.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct TransferFilterForm {
    #[serde(default)]
    pub rekening: String,
    #[serde(default)]
    pub soort: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub van: String,
    #[serde(default)]
    pub tot: String,
    #[serde(default)]
    pub pagina: Option<String>,
}

impl TransferFilterForm {
    /// The query string of this filter on another page.
    pub fn query_for_page(&self, page: i64) -> String {
        serde_urlencoded::to_string([
            ("rekening", self.rekening.trim()),
            ("soort", self.soort.trim()),
            ("status", self.status.trim()),
            ("van", self.van.trim()),
            ("tot", self.tot.trim()),
            ("pagina", page.to_string().as_str()),
        ])
        .unwrap_or_default()
    }

    fn filtered(&self) -> bool {
        [
            &self.rekening,
            &self.soort,
            &self.status,
            &self.van,
            &self.tot,
        ]
        .iter()
        .any(|v| !v.trim().is_empty())
    }
}

const STATUSES: [TransferStatus; 3] = [
    TransferStatus::Pending,
    TransferStatus::Posted,
    TransferStatus::Rejected,
];

fn select(
    errors: &[(String, String)],
    id: &str,
    label: &str,
    all: &str,
    options: &[(String, String)],
    chosen: &str,
) -> Markup {
    let err = field_error(errors, id);
    html! {
        div class=[err.as_ref().map(|_| "has-error")] {
            label for=(id) {
                (label)
                @if let Some(e) = &err { span class="field-error" id={ (id) "-error" } { "Fout: " (e) } }
            }
            select id=(id) name=(id) aria-describedby=[err.as_ref().map(|_| format!("{id}-error"))] {
                option value="" selected[chosen.is_empty()] { (all) }
                @for (value, text) in options {
                    option value=(value) selected[chosen == value] { (text) }
                }
            }
        }
    }
}

fn day_input(errors: &[(String, String)], id: &str, label: &str, value: &str) -> Markup {
    let err = field_error(errors, id);
    html! {
        div class=[err.as_ref().map(|_| "has-error")] {
            label for=(id) {
                (label)
                @if let Some(e) = &err { span class="field-error" id={ (id) "-error" } { "Fout: " (e) } }
            }
            input type="date" id=(id) name=(id) value=(value)
                aria-describedby=[err.as_ref().map(|_| format!("{id}-error"))]
                aria-invalid=[err.as_ref().map(|_| "true")];
        }
    }
}

/// Page links: first, previous, a few around this one, next, last.
fn pager(form: &TransferFilterForm, page: i64, pages: i64) -> Markup {
    let href = |p: i64| format!("/financien/overboekingen?{}", form.query_for_page(p));
    let mut shown: Vec<i64> = vec![1, page - 2, page - 1, page, page + 1, page + 2, pages];
    shown.retain(|p| (1..=pages).contains(p));
    shown.sort_unstable();
    shown.dedup();
    html! {
        nav class="pages" aria-label="Pagina's met overboekingen" {
            ul {
                @if page > 1 {
                    li { a href=(href(page - 1)) rel="prev" { "Vorige" span class="visually-hidden" { " pagina (nieuwer)" } } }
                }
                @for (i, p) in shown.iter().enumerate() {
                    @if i > 0 && shown[i - 1] + 1 < *p { li { span aria-hidden="true" { "…" } } }
                    li {
                        @if *p == page {
                            a href=(href(*p)) aria-current="page" { span class="visually-hidden" { "Pagina " } (p) }
                        } @else {
                            a href=(href(*p)) { span class="visually-hidden" { "Pagina " } (p) }
                        }
                    }
                }
                @if page < pages {
                    li { a href=(href(page + 1)) rel="next" { "Volgende" span class="visually-hidden" { " pagina (ouder)" } } }
                }
            }
        }
    }
}

pub fn transfers(
    user: &SessionUser,
    data: Option<&TransfersPage>,
    form: &TransferFilterForm,
    errors: &[(String, String)],
) -> Markup {
    let accounts: Vec<(String, String)> = data
        .map(|d| {
            d.accounts
                .iter()
                .map(|(id, name, kind)| (id.to_string(), format!("{name} ({})", kind.label_nl())))
                .collect()
        })
        .unwrap_or_default();
    let kinds: Vec<(String, String)> = TRANSFER_KINDS
        .iter()
        .map(|k| (k.as_str().to_string(), k.label_nl().to_string()))
        .collect();
    let statuses: Vec<(String, String)> = STATUSES
        .iter()
        .map(|s| (s.as_str().to_string(), s.label_nl().to_string()))
        .collect();
    let title = if errors.is_empty() {
        "Overboekingen"
    } else {
        "Fout: Overboekingen"
    };
    page(
        title,
        &Nav {
            user: Some(user),
            current: "/financien/overboekingen",
        },
        html! {
            h1 { "Overboekingen" }
            p { a href="/financien/overboekingen.csv" download="overboekingen.csv" { "Download alle overboekingen (CSV voor Excel)" } }
            (error_summary(errors))
            form method="get" action="/financien/overboekingen" class="filters" {
                (select(errors, "rekening", "Rekening (van of naar)", "Alle rekeningen", &accounts, form.rekening.trim()))
                (select(errors, "soort", "Soort", "Alle soorten", &kinds, form.soort.trim()))
                (select(errors, "status", "Status", "Elke status", &statuses, form.status.trim()))
                (day_input(errors, "van", "Vanaf", form.van.trim()))
                (day_input(errors, "tot", "Tot en met", form.tot.trim()))
                div { button type="submit" { "Filter" } }
            }
            @if form.filtered() {
                p { a href="/financien/overboekingen" { "Toon alle overboekingen (filter weghalen)" } }
            }
            @if let Some(d) = data {
                p role="status" {
                    (count_of(d.total, "overboeking gevonden", "overboekingen gevonden")) "."
                    @if d.pages > 1 { " Pagina " (d.page) " van " (d.pages) ", nieuwste eerst." }
                }
                @if !d.rows.is_empty() {
                    (table_scroll("Overboekingen, nieuwste eerst", html! { table {
                        caption { "Overboekingen, nieuwste eerst" }
                        (table_head(&[Text("Nr."), Text("Datum"), Text("Soort"), Text("Van"), Text("Naar"), Num("Bedrag"), Text("Status")]))
                        tbody {
                            @for t in &d.rows {
                                tr {
                                    td { a href={ "/financien/overboekingen/" (t.id) } { (t.seq) } }
                                    td { (nl_date_cell(&t.created_at)) }
                                    td { (t.kind_label) }
                                    td { (t.from_name) }
                                    td { (t.to_name) }
                                    td class="num" { (money(t.amount_cents)) }
                                    td { (status(t.status)) }
                                }
                            }
                        }
                    } }))
                }
                @if d.pages > 1 { (pager(form, d.page, d.pages)) }
            }
        },
    )
}
