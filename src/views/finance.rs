//! Finance pages: ledger overview, budget line, pools, transfers, approvals, import.

use maud::{html, Markup};

use super::components::table_head;
use super::components::Col::{Num, Text};

use super::components::{
    csrf_field, error_summary, field, field_error, money, nl_date, nl_date_cell, select_input,
    status, table_scroll, text_input, textarea_input,
};
use super::layout::{page, Nav};
use super::staff_labels::{area_kind_label, transfer_kind_label};
use crate::domain::ledger::TransferStatus;
use crate::domain::ledger_import::ImportProblem;
use crate::service::auth::SessionUser;
use crate::service::ledger::{
    BudgetLineView, ImportOutcome, LedgerOverview, PoolView, TransferOptions, TransferView,
};
use crate::{tr, tr_html};

fn nav<'a>(user: &'a SessionUser, current: &'a str) -> Nav<'a> {
    Nav {
        user: Some(user),
        current,
    }
}

pub fn overview(user: &SessionUser, o: &LedgerOverview, notice: Option<&str>) -> Markup {
    let title = match o.year {
        Some(y) => tr!("finance-budget-year", year = y.to_string()),
        None => tr!("finance-budget"),
    };
    page(
        &title,
        &nav(user, "/financien/begroting"),
        html! {
            h1 { (title) }
            @if let Some(n) = notice { p class="notice" role="status" { (n) } }
            @if o.years.len() > 1 {
                form class="inline" method="get" action="/financien/begroting" {
                    label for="jaar" { (tr!("finance-choose-year")) " " }
                    select id="jaar" name="jaar" {
                        @for y in &o.years {
                            option value=(y) selected[Some(*y) == o.year] { (y) }
                        }
                    }
                    " "
                    button type="submit" class="secondary" { (tr!("finance-show")) }
                }
            }
            @if o.groups.is_empty() {
                p { (tr_html!("finance-no-lines", link = html! { a href="/financien/import" { (tr!("finance-no-lines-link")) } })) }
            } @else {
                p { (tr_html!("finance-totals", budgeted = html! { strong { (money(o.amount_cents)) } }, balance = html! { strong { (money(o.balance_cents)) } })) }
                (table_scroll(&tr!("finance-lines-caption"), html! { table {
                    caption { (tr!("finance-lines-caption")) }
                    (table_head(&[Text(&tr!("finance-code")), Text(&tr!("finance-description")), Text(&tr!("finance-funder")), Num(&tr!("finance-budgeted")), Num(&tr!("finance-balance"))]))
                    @for g in &o.groups {
                        tbody {
                            tr class="group" {
                                th scope="rowgroup" colspan="3" { (tr!("finance-taakveld-group", code = &g.taakveld, name = &g.taakveld_name)) }
                                th class="num" { (money(g.amount_cents)) }
                                th class="num" { (money(g.balance_cents)) }
                            }
                            @for l in &g.lines {
                                tr {
                                    td class="nowrap" { (l.code) }
                                    td { a href={ "/financien/begrotingsposten/" (l.id) } { (l.name) } }
                                    td { (l.funder) }
                                    td class="num" { (money(l.amount_cents)) }
                                    td class="num" { (money(l.balance_cents)) }
                                }
                            }
                        }
                    }
                    tfoot { tr {
                        th scope="row" colspan="3" { (tr!("finance-total")) }
                        td class="num" { (money(o.amount_cents)) }
                        td class="num" { (money(o.balance_cents)) }
                    } }
                } }))
            }
        },
    )
}

fn history_table(caption: &str, account_id: &str, rows: &[TransferView]) -> Markup {
    html! {
        @if rows.is_empty() {
            p { (tr!("finance-history-none")) }
        } @else {
            (table_scroll(caption, html! { table {
                caption { (caption) }
                (table_head(&[Text(&tr!("staff-transfers-seq")), Text(&tr!("staff-date")), Text(&tr!("finance-description")), Text(&tr!("finance-history-other")), Text(&tr!("staff-status")), Num(&tr!("finance-history-in")), Num(&tr!("finance-history-out"))]))
                tbody {
                    @for t in rows {
                        tr {
                            td { a href={ "/financien/overboekingen/" (t.id) } { (t.seq) } }
                            td { (nl_date_cell(&t.created_at)) }
                            td { (t.memo) }
                            td { @if t.to_account == account_id { (tr!("finance-history-from", name = &t.from_name)) } @else { (tr!("finance-history-to", name = &t.to_name)) } }
                            td { (status(t.status)) }
                            td class="num" { @if t.to_account == account_id { (money(t.amount_cents)) } }
                            td class="num" { @if t.from_account == account_id { (money(t.amount_cents)) } }
                        }
                    }
                }
            } }))
        }
    }
}

pub fn budget_line(user: &SessionUser, l: &BudgetLineView, history: &[TransferView]) -> Markup {
    let title = tr!("finance-line-title", code = &l.code, name = &l.name);
    page(
        &title,
        &nav(user, ""),
        html! {
            p { a href={ "/financien/begroting?jaar=" (l.fiscal_year) } { (tr!("finance-line-back", year = l.fiscal_year.to_string())) } }
            h1 { (title) }
            dl class="facts" {
                dt { (tr!("finance-year")) } dd { (l.fiscal_year) }
                dt { (tr!("finance-taakveld")) } dd { (l.taakveld) }
                dt { (tr!("finance-funder")) } dd { (l.funder) }
                dt { (tr!("finance-budgeted")) } dd { (money(l.amount_cents)) }
                dt { (tr!("finance-balance")) } dd { (money(l.balance_cents)) }
                dt { (tr!("finance-pending")) } dd { (money(l.pending_out_cents)) }
                dt { (tr!("finance-line-available")) } dd { (money(l.balance_cents - l.pending_out_cents)) }
            }
            @if l.may_transfer_from {
                p { a class="button" href={ "/financien/overboekingen/nieuw?van=" (l.account_id) } { (tr!("finance-line-transfer")) } }
            }
            h2 { (tr!("finance-history")) }
            (history_table(&tr!("finance-line-history"), &l.account_id, history))
        },
    )
}

pub fn pools(user: &SessionUser, pools: &[PoolView]) -> Markup {
    let title = tr!("nav-pools");
    page(
        &title,
        &nav(user, "/financien/potten"),
        html! {
            h1 { (title) }
            @if pools.is_empty() {
                p { (tr!("finance-pools-none")) }
            } @else {
                (table_scroll(&tr!("finance-pools-caption"), html! { table {
                    caption { (tr!("finance-pools-caption")) }
                    (table_head(&[Text(&tr!("finance-pools-area")), Text(&tr!("staff-kind")), Num(&tr!("finance-balance")), Num(&tr!("finance-pending"))]))
                    tbody {
                        @for p in pools {
                            tr {
                                td { a href={ "/financien/potten/" (p.slug) } { (p.name) } }
                                td { (area_kind_label(p.kind)) }
                                td class="num" { (money(p.balance_cents)) }
                                td class="num" { (money(p.pending_in_cents)) }
                            }
                        }
                    }
                    tfoot { tr {
                        th scope="row" colspan="2" { (tr!("finance-total")) }
                        td class="num" { (money(pools.iter().map(|p| p.balance_cents).sum())) }
                        td class="num" { (money(pools.iter().map(|p| p.pending_in_cents).sum())) }
                    } }
                } }))
            }
        },
    )
}

pub fn pool(
    user: &SessionUser,
    p: &PoolView,
    history: &[TransferView],
    held: &crate::service::pool_holds::PoolMoney,
) -> Markup {
    let title = tr!("finance-pool-title", name = &p.name);
    page(
        &title,
        &nav(user, ""),
        html! {
            p { a href="/financien/potten" { (tr!("finance-pool-back")) } }
            h1 { (title) }
            dl class="facts" {
                dt { (tr!("finance-balance")) } dd { (money(p.balance_cents)) }
                dt { (tr!("finance-pending")) } dd { (money(p.pending_in_cents)) }
                dt { (tr!("finance-pool-reserved")) } dd { (money(held.reserved_cents)) }
                dt { (tr!("finance-pool-earmarked")) } dd { (money(held.earmarked_cents)) }
                dt { (tr!("finance-pool-available")) } dd { (money(held.available_cents)) }
            }
            (crate::views::rounds::holds_table(held))
            h2 { (tr!("finance-history")) }
            (history_table(&tr!("finance-pool-history"), &p.account_id, history))
        },
    )
}

/// The transfers table of the finance pages and the transfers list (one table, one
/// column order).
pub(super) fn transfer_table(caption: &str, rows: &[TransferView]) -> Markup {
    html! {
        @if rows.is_empty() {
            p { (tr!("finance-transfers-none")) }
        } @else {
            (table_scroll(caption, html! { table {
                caption { (caption) }
                (table_head(&[Text(&tr!("staff-transfers-seq")), Text(&tr!("staff-date")), Text(&tr!("staff-kind")), Text(&tr!("staff-from")), Text(&tr!("staff-to")), Num(&tr!("staff-amount")), Text(&tr!("staff-status"))]))
                tbody {
                    @for t in rows {
                        tr {
                            td { a href={ "/financien/overboekingen/" (t.id) } { (t.seq) } }
                            td { (nl_date_cell(&t.created_at)) }
                            td { (transfer_kind_label(t.kind)) }
                            td { (t.from_name) }
                            td { (t.to_name) }
                            td class="num" { (money(t.amount_cents)) }
                            td { (status(t.status)) }
                        }
                    }
                }
            } }))
        }
    }
}

pub fn approval_queue(user: &SessionUser, rows: &[TransferView]) -> Markup {
    page(
        &tr!("nav-approve"),
        &nav(user, "/financien/goedkeuren"),
        html! {
            h1 { (tr!("finance-queue-title")) }
            p { (tr!("finance-queue-intro")) }
            (transfer_table(&tr!("finance-pending"), rows))
        },
    )
}

/// What the transfer page needs besides the transfer.
pub struct TransferPage<'a> {
    pub transfer: &'a TransferView,
    pub corrections: &'a [TransferView],
    pub errors: &'a [(String, String)],
    pub correction_id: &'a str,
    pub correction_amount: &'a str,
    pub correction_memo: &'a str,
    pub reason: &'a str,
    pub notice: Option<&'a str>,
}

pub fn transfer(user: &SessionUser, p: &TransferPage<'_>) -> Markup {
    let t = p.transfer;
    let title = tr!("finance-transfer-title", seq = t.seq.to_string());
    // What this user may do was decided by the service (`domain::ledger::actions`).
    let own = t.actions.own;
    let can_decide = t.actions.may_approve;
    let can_correct = t.actions.may_correct;
    page(
        &title,
        &nav(user, ""),
        html! {
            p { a href="/financien/overboekingen" { (tr!("finance-transfer-back")) } }
            h1 { (title) }
            @if let Some(n) = p.notice { p class="notice" role="status" { (n) } }
            (error_summary(p.errors))
            dl class="facts" {
                dt { (tr!("staff-status")) } dd { (status(t.status)) }
                dt { (tr!("staff-kind")) } dd { (transfer_kind_label(t.kind)) }
                dt { (tr!("staff-from")) } dd { (t.from_name) }
                dt { (tr!("staff-to")) } dd { (t.to_name) }
                dt { (tr!("staff-amount")) } dd { (money(t.amount_cents)) }
                dt { (tr!("finance-why")) } dd { (t.memo) }
                dt { (tr!("finance-decision-ref")) } dd { (t.decision_ref.as_deref().unwrap_or("–")) }
                @if let Some(c) = &t.correction_of {
                    dt { (tr!("finance-transfer-corrects")) } dd { a href={ "/financien/overboekingen/" (c) } { (tr!("finance-transfer-original")) } }
                }
                dt { (tr!("finance-transfer-created-by")) } dd { (t.created_by) ", " (nl_date(&t.created_at)) }
                @if let Some(d) = &t.decided_by {
                    dt { (tr!("finance-transfer-decided-by")) } dd { (d) ", " (nl_date(t.decided_at.as_deref().unwrap_or(""))) }
                    dt { (tr!("finance-transfer-reason")) } dd { (t.decision_reason.as_deref().unwrap_or("")) }
                }
                dt { (tr!("finance-transfer-number")) } dd { (t.seq) }
            }
            @if t.status == TransferStatus::Pending && own {
                p { (tr!("finance-transfer-own")) }
            }
            @if can_decide {
                h2 { (tr!("finance-transfer-decide")) }
                form class="stack" method="post" action={ "/financien/overboekingen/" (t.id) "/beoordelen" } {
                    (csrf_field(&user.csrf_token))
                    (textarea_input(p.errors, "reason", "reason", &tr!("finance-transfer-reason"), Some(&tr!("finance-transfer-reason-hint")), p.reason))
                    @if let Some(e) = field_error(p.errors, "besluit") {
                        p class="field-error" id="besluit" { (tr!("common-error-prefix")) " " (e) }
                    }
                    div class="actions" {
                        // Approving asks first on its own page; neither button is the
                        // filled one, because both are final.
                        button type="submit" name="besluit" value="goedkeuren" class="secondary" { (tr!("finance-transfer-approve")) }
                        button type="submit" name="besluit" value="afwijzen" class="danger" { (tr!("finance-transfer-reject")) }
                    }
                }
            }
            @if can_correct {
                h2 { (tr!("finance-transfer-correct")) }
                p { (tr!("finance-transfer-correct-intro")) }
                form class="stack" method="post" action={ "/financien/overboekingen/" (t.id) "/correctie" } {
                    (csrf_field(&user.csrf_token))
                    input type="hidden" name="request_id" value=(p.correction_id);
                    (text_input(p.errors, "amount", &tr!("finance-transfer-correct-amount"), Some(&tr!("finance-transfer-correct-amount-hint")), p.correction_amount, "text"))
                    (text_input(p.errors, "memo", &tr!("finance-why"), None, p.correction_memo, "text"))
                    button type="submit" class="secondary" { (tr!("finance-transfer-correct-submit")) }
                }
            }
            @if !p.corrections.is_empty() {
                h2 { (tr!("finance-transfer-corrections")) }
                (transfer_table(&tr!("finance-transfer-corrections-caption"), p.corrections))
            }
        },
    )
}

/// The values of the new-transfer form, kept when the form comes back with errors.
#[derive(Debug, Default, Clone, serde::Deserialize)]
pub struct TransferFormValues {
    #[serde(default)]
    pub request_id: String,
    #[serde(default)]
    pub from_account: String,
    #[serde(default)]
    pub to_account: String,
    #[serde(default)]
    pub amount: String,
    #[serde(default)]
    pub memo: String,
    #[serde(default)]
    pub decision_ref: String,
}

pub fn new_transfer(
    user: &SessionUser,
    opts: &TransferOptions,
    v: &TransferFormValues,
    errors: &[(String, String)],
) -> Markup {
    let title = tr!("nav-new-transfer");
    page(
        &title,
        &nav(user, "/financien/overboekingen/nieuw"),
        html! {
            h1 { (title) }
            p { (tr!("finance-new-intro")) }
            (error_summary(errors))
            form class="stack" method="post" action="/financien/overboekingen" {
                (csrf_field(&user.csrf_token))
                input type="hidden" name="request_id" value=(v.request_id);
                (field(errors, "from_account", &tr!("staff-from"), Some(&tr!("finance-new-from-hint")), |described, invalid| html! {
                    select id="from_account" name="from_account" aria-describedby=[described] aria-invalid=[invalid.then_some("true")] {
                        option value="" { (tr!("finance-new-from-empty")) }
                        optgroup label=(tr!("finance-new-lines")) {
                            @for l in &opts.budget_lines {
                                option value=(l.account_id) selected[v.from_account == l.account_id] {
                                    (tr!("finance-new-line-option", year = l.fiscal_year.to_string(), code = &l.code, name = &l.name, available = crate::i18n::money(l.balance_cents - l.pending_out_cents)))
                                }
                            }
                        }
                        optgroup label=(tr!("finance-new-funders")) {
                            @for f in &opts.funders {
                                option value=(f.account_id) selected[v.from_account == f.account_id] { (f.name) }
                            }
                        }
                    }
                }))
                (select_input(errors, "to_account", "to_account", &tr!("finance-new-to"), None, Some(&tr!("finance-new-to-empty")),
                    &opts.pools.iter().map(|p| (p.account_id.as_str(), p.name.as_str())).collect::<Vec<_>>(), &v.to_account))
                (text_input(errors, "amount", &tr!("finance-new-amount"), Some(&tr!("finance-new-amount-hint")), &v.amount, "text"))
                (text_input(errors, "memo", &tr!("finance-why"), Some(&tr!("finance-new-memo-hint")), &v.memo, "text"))
                (text_input(errors, "decision_ref", &tr!("finance-decision-ref"), Some(&tr!("finance-new-decision-ref-hint")), &v.decision_ref, "text"))
                button type="submit" { (tr!("finance-new-submit")) }
            }
        },
    )
}

/// The import page. `errors` are the form's own problems (no file, too large), shown in
/// the summary and next to the field; `problems` are those inside a file that was read.
/// A browser never fills a file field again, so after an error the file is chosen anew;
/// the municipality's name is kept.
pub fn import_form(
    user: &SessionUser,
    gemeente: &str,
    problems: &[ImportProblem],
    errors: &[(String, String)],
    outcome: Option<&ImportOutcome>,
) -> Markup {
    let title = tr!("nav-import");
    page(
        &title,
        &nav(user, "/financien/import"),
        html! {
            h1 { (title) }
            @if let Some(o) = outcome {
                div class="notice" role="status" {
                    p { strong { (tr!("finance-import-added", count = o.lines_added)) } (tr!("finance-import-unchanged", count = o.lines_unchanged)) }
                    @for n in &o.notes { p { (n) } }
                    p { a href="/financien/begroting" { (tr!("finance-import-view")) } }
                }
            }
            (error_summary(errors))
            @if !problems.is_empty() {
                div class="error-summary" role="alert" tabindex="-1" {
                    h2 { (tr!("finance-import-failed")) }
                    p { (tr!("finance-import-fix", count = problems.len())) }
                }
                (table_scroll(&tr!("finance-import-problems"), html! { table {
                    caption { (tr!("finance-import-problems")) }
                    (table_head(&[Text(&tr!("finance-import-line")), Text(&tr!("finance-import-column")), Text(&tr!("finance-import-value")), Text(&tr!("finance-import-wrong"))]))
                    tbody {
                        @for p in problems {
                            tr { td { (p.line_no) } td { (p.column) } td { code { (p.value) } } td { (p.message) } }
                        }
                    }
                } }))
            }
            p { (tr!("finance-import-kinds")) }
            ul {
                li { (tr_html!("finance-import-excel", columns = html! { code { "jaar;code;omschrijving;taakveld;financier;bedrag" } })) }
                li { (tr_html!("finance-import-csv", columns = html! { code { "year,code,name,taakveld,funder,amount" } })) }
                li { (tr!("finance-import-cbs")) }
            }
            p { (tr!("finance-import-all-or-nothing")) }
            form class="stack" method="post" action="/financien/import" enctype="multipart/form-data" {
                (csrf_field(&user.csrf_token))
                (field(errors, "bestand", &tr!("finance-import-file"), None, |described, invalid| html! {
                    input type="file" id="bestand" name="bestand" accept=".csv,.txt,text/csv" required
                        aria-describedby=[described] aria-invalid=[invalid.then_some("true")];
                }))
                (text_input(errors, "gemeente", &tr!("finance-import-municipality"), Some(&tr!("finance-import-municipality-hint")), gemeente, "text"))
                button type="submit" { (tr!("finance-import-submit")) }
            }
        },
    )
}
