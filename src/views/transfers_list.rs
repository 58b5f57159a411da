//! The staff list of transfers: newest first, 50 per page, filtered by account, kind,
//! status and days. The filter is a GET form that keeps its values; the page links keep
//! the filter, so everything works without JavaScript.

use maud::{html, Markup};

use super::components::transfer_status_label;
use super::components::{error_summary, options_from, select_input, text_input};
use super::layout::{page, Nav};
use super::staff_labels::{account_kind_label, transfer_kind_label};
use crate::domain::ledger::TransferStatus;
use crate::service::auth::SessionUser;
use crate::service::ledger::{TransfersPage, TRANSFER_KINDS};
use crate::tr;

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
        super::components::query_for_page(
            &[
                ("rekening", &self.rekening),
                ("soort", &self.soort),
                ("status", &self.status),
                ("van", &self.van),
                ("tot", &self.tot),
            ],
            page,
        )
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

/// Page links: first, previous, a few around this one, next, last.
fn pager(form: &TransferFilterForm, page: i64, pages: i64) -> Markup {
    let href = |p: i64| format!("/financien/overboekingen?{}", form.query_for_page(p));
    let mut shown: Vec<i64> = vec![1, page - 2, page - 1, page, page + 1, page + 2, pages];
    shown.retain(|p| (1..=pages).contains(p));
    shown.sort_unstable();
    shown.dedup();
    html! {
        nav class="pages" aria-label=(tr!("staff-transfers-pages")) {
            ul {
                @if page > 1 {
                    li { a href=(href(page - 1)) rel="prev" { (tr!("staff-pager-previous")) span class="visually-hidden" { " " (tr!("staff-pager-newer")) } } }
                }
                @for (i, p) in shown.iter().enumerate() {
                    @if i > 0 && shown[i - 1] + 1 < *p { li { span aria-hidden="true" { "…" } } }
                    li {
                        @if *p == page {
                            a href=(href(*p)) aria-current="page" { span class="visually-hidden" { (tr!("staff-pager-page")) " " } (p) }
                        } @else {
                            a href=(href(*p)) { span class="visually-hidden" { (tr!("staff-pager-page")) " " } (p) }
                        }
                    }
                }
                @if page < pages {
                    li { a href=(href(page + 1)) rel="next" { (tr!("staff-pager-next")) span class="visually-hidden" { " " (tr!("staff-pager-older")) } } }
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
    let accounts = options_from(data.map(|d| d.accounts.as_slice()), |(id, name, kind)| {
        let label = format!("{name} ({})", account_kind_label(*kind));
        (id.to_string(), label)
    });
    let kinds = options_from(Some(&TRANSFER_KINDS), |k| {
        (k.as_str().to_string(), transfer_kind_label(*k))
    });
    let statuses = options_from(Some(&STATUSES), |s| {
        (s.as_str().to_string(), transfer_status_label(*s))
    });
    let title = if errors.is_empty() {
        tr!("nav-transfers")
    } else {
        format!("{} {}", tr!("common-error-prefix"), tr!("nav-transfers"))
    };
    page(
        &title,
        &Nav {
            user: Some(user),
            current: "/financien/overboekingen",
        },
        html! {
            h1 { (tr!("nav-transfers")) }
            p { a href="/financien/overboekingen.csv" download="overboekingen.csv" { (tr!("staff-transfers-csv")) } }
            (error_summary(errors))
            form method="get" action="/financien/overboekingen" class="filters" {
                (select_input(errors, "rekening", "rekening", &tr!("staff-transfers-account"), None, Some(&tr!("staff-transfers-all-accounts")), &accounts, form.rekening.trim()))
                (select_input(errors, "soort", "soort", &tr!("staff-kind"), None, Some(&tr!("staff-filter-all-kinds")), &kinds, form.soort.trim()))
                (select_input(errors, "status", "status", &tr!("staff-status"), None, Some(&tr!("staff-transfers-any-status")), &statuses, form.status.trim()))
                (text_input(errors, "van", &tr!("staff-transfers-since"), None, form.van.trim(), "date"))
                (text_input(errors, "tot", &tr!("staff-period-to"), None, form.tot.trim(), "date"))
                div { button type="submit" { (tr!("staff-filter")) } }
            }
            @if form.filtered() {
                p { a href="/financien/overboekingen" { (tr!("staff-transfers-unfilter")) } }
            }
            @if let Some(d) = data {
                p role="status" {
                    (tr!("staff-transfers-found", count = d.total))
                    @if d.pages > 1 { " " (tr!("staff-transfers-page-of", page = d.page, pages = d.pages)) }
                }
                @if !d.rows.is_empty() {
                    (super::finance::transfer_table(&tr!("staff-transfers-caption"), &d.rows))
                }
                @if d.pages > 1 { (pager(form, d.page, d.pages)) }
            }
        },
    )
}
