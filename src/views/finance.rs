//! Finance pages: ledger overview, budget line, pools, transfers, approvals, import.

use maud::{html, Markup};

use super::components::table_head;
use super::components::Col::{Num, Text};

use super::components::{
    csrf_field, error_summary, field, field_error, money, nl_date, nl_date_cell, select_input,
    status, table_scroll, text_input, textarea_input,
};
use super::layout::{page, Nav};
use crate::domain::ledger::TransferStatus;
use crate::domain::ledger_import::ImportProblem;
use crate::domain::money::format_eur;
use crate::domain::wording::count_of;
use crate::service::auth::SessionUser;
use crate::service::ledger::{
    BudgetLineView, ImportOutcome, LedgerOverview, PoolView, TransferOptions, TransferView,
};

fn nav<'a>(user: &'a SessionUser, current: &'a str) -> Nav<'a> {
    Nav {
        user: Some(user),
        current,
    }
}

pub fn overview(user: &SessionUser, o: &LedgerOverview, notice: Option<&str>) -> Markup {
    let title = match o.year {
        Some(y) => format!("Begroting {y}"),
        None => "Begroting".to_string(),
    };
    page(
        &title,
        &nav(user, "/financien/begroting"),
        html! {
            h1 { (title) }
            @if let Some(n) = notice { p class="notice" role="status" { (n) } }
            @if o.years.len() > 1 {
                form class="inline" method="get" action="/financien/begroting" {
                    label for="jaar" { "Kies een jaar " }
                    select id="jaar" name="jaar" {
                        @for y in &o.years {
                            option value=(y) selected[Some(*y) == o.year] { (y) }
                        }
                    }
                    " "
                    button type="submit" class="secondary" { "Toon" }
                }
            }
            @if o.groups.is_empty() {
                p { "Er zijn nog geen begrotingsposten. " a href="/financien/import" { "Lees de begroting in" } "." }
            } @else {
                p { "Totaal begroot: " strong { (money(o.amount_cents)) } ". Nog op de begrotingsposten: " strong { (money(o.balance_cents)) } "." }
                (table_scroll("Begrotingsposten per taakveld", html! { table {
                    caption { "Begrotingsposten per taakveld" }
                    (table_head(&[Text("Code"), Text("Omschrijving"), Text("Financier"), Num("Begroot"), Num("Saldo")]))
                    @for g in &o.groups {
                        tbody {
                            tr class="group" {
                                th scope="rowgroup" colspan="3" { "Taakveld " (g.taakveld) " " (g.taakveld_name) }
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
                        th scope="row" colspan="3" { "Totaal" }
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
            p { "Nog geen overboekingen." }
        } @else {
            (table_scroll(caption, html! { table {
                caption { (caption) }
                (table_head(&[Text("Nr."), Text("Datum"), Text("Omschrijving"), Text("Van / naar"), Text("Status"), Num("Erbij"), Num("Eraf")]))
                tbody {
                    @for t in rows {
                        tr {
                            td { a href={ "/financien/overboekingen/" (t.id) } { (t.seq) } }
                            td { (nl_date_cell(&t.created_at)) }
                            td { (t.memo) }
                            td { @if t.to_account == account_id { "van " (t.from_name) } @else { "naar " (t.to_name) } }
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
    let title = format!("Begrotingspost {} {}", l.code, l.name);
    page(
        &title,
        &nav(user, ""),
        html! {
            p { a href={ "/financien/begroting?jaar=" (l.fiscal_year) } { "Terug naar begroting " (l.fiscal_year) } }
            h1 { (title) }
            dl class="facts" {
                dt { "Jaar" } dd { (l.fiscal_year) }
                dt { "Taakveld" } dd { (l.taakveld) }
                dt { "Financier" } dd { (l.funder) }
                dt { "Begroot" } dd { (money(l.amount_cents)) }
                dt { "Saldo" } dd { (money(l.balance_cents)) }
                dt { "Wacht op goedkeuring" } dd { (money(l.pending_out_cents)) }
                dt { "Nog beschikbaar" } dd { (money(l.balance_cents - l.pending_out_cents)) }
            }
            @if l.may_transfer_from {
                p { a class="button" href={ "/financien/overboekingen/nieuw?van=" (l.account_id) } { "Geld overboeken naar een pot" } }
            }
            h2 { "Geschiedenis" }
            (history_table("Alle overboekingen van en naar deze begrotingspost", &l.account_id, history))
        },
    )
}

pub fn pools(user: &SessionUser, pools: &[PoolView]) -> Markup {
    page(
        "Potten per gebied",
        &nav(user, "/financien/potten"),
        html! {
            h1 { "Potten per gebied" }
            @if pools.is_empty() {
                p { "Er zijn nog geen gebieden. Een beheerder kan ze aanmaken." }
            } @else {
                (table_scroll("Saldo per dorp of wijk", html! { table {
                    caption { "Saldo per dorp of wijk" }
                    (table_head(&[Text("Gebied"), Text("Soort"), Num("Saldo"), Num("Wacht op goedkeuring")]))
                    tbody {
                        @for p in pools {
                            tr {
                                td { a href={ "/financien/potten/" (p.slug) } { (p.name) } }
                                td { (p.kind.label_nl()) }
                                td class="num" { (money(p.balance_cents)) }
                                td class="num" { (money(p.pending_in_cents)) }
                            }
                        }
                    }
                    tfoot { tr {
                        th scope="row" colspan="2" { "Totaal" }
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
    let title = format!("Pot {}", p.name);
    page(
        &title,
        &nav(user, ""),
        html! {
            p { a href="/financien/potten" { "Terug naar alle potten" } }
            h1 { (title) }
            dl class="facts" {
                dt { "Saldo" } dd { (money(p.balance_cents)) }
                dt { "Wacht op goedkeuring" } dd { (money(p.pending_in_cents)) }
                dt { "Gereserveerd voor rondes" } dd { (money(held.reserved_cents)) }
                dt { "Apart gezet" } dd { (money(held.earmarked_cents)) }
                dt { "Beschikbaar" } dd { (money(held.available_cents)) }
            }
            (crate::views::rounds::holds_table(held))
            h2 { "Geschiedenis" }
            (history_table("Alle overboekingen van en naar deze pot", &p.account_id, history))
        },
    )
}

fn transfer_table(caption: &str, rows: &[TransferView]) -> Markup {
    html! {
        @if rows.is_empty() {
            p { "Er zijn geen overboekingen." }
        } @else {
            (table_scroll(caption, html! { table {
                caption { (caption) }
                (table_head(&[Text("Nr."), Text("Datum"), Text("Soort"), Text("Van"), Text("Naar"), Num("Bedrag"), Text("Status")]))
                tbody {
                    @for t in rows {
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
    }
}

pub fn approval_queue(user: &SessionUser, rows: &[TransferView]) -> Markup {
    page(
        "Goedkeuren",
        &nav(user, "/financien/goedkeuren"),
        html! {
            h1 { "Overboekingen die wachten op goedkeuring" }
            p { "Een overboeking van een begrotingspost en elke correctie moeten door een tweede medewerker worden goedgekeurd. Uw eigen overboekingen kunt u niet goedkeuren." }
            (transfer_table("Wacht op goedkeuring", rows))
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
    let title = format!("Overboeking {}", t.seq);
    // What this user may do was decided by the service (`domain::ledger::actions`).
    let own = t.actions.own;
    let can_decide = t.actions.may_approve;
    let can_correct = t.actions.may_correct;
    page(
        &title,
        &nav(user, ""),
        html! {
            p { a href="/financien/overboekingen" { "Terug naar alle overboekingen" } }
            h1 { (title) }
            @if let Some(n) = p.notice { p class="notice" role="status" { (n) } }
            (error_summary(p.errors))
            dl class="facts" {
                dt { "Status" } dd { (status(t.status)) }
                dt { "Soort" } dd { (t.kind_label) }
                dt { "Van" } dd { (t.from_name) }
                dt { "Naar" } dd { (t.to_name) }
                dt { "Bedrag" } dd { (money(t.amount_cents)) }
                dt { "Waarom" } dd { (t.memo) }
                dt { "Raadsbesluit" } dd { (t.decision_ref.as_deref().unwrap_or("–")) }
                @if let Some(c) = &t.correction_of {
                    dt { "Corrigeert" } dd { a href={ "/financien/overboekingen/" (c) } { "de oorspronkelijke overboeking" } }
                }
                dt { "Ingevoerd door" } dd { (t.created_by) ", " (nl_date(&t.created_at)) }
                @if let Some(d) = &t.decided_by {
                    dt { "Beoordeeld door" } dd { (d) ", " (nl_date(t.decided_at.as_deref().unwrap_or(""))) }
                    dt { "Toelichting" } dd { (t.decision_reason.as_deref().unwrap_or("")) }
                }
                dt { "Nummer" } dd { (t.seq) }
            }
            @if t.status == TransferStatus::Pending && own {
                p { "U heeft deze overboeking zelf ingevoerd. Een collega moet hem goedkeuren." }
            }
            @if can_decide {
                h2 { "Beoordelen" }
                form class="stack" method="post" action={ "/financien/overboekingen/" (t.id) "/beoordelen" } {
                    (csrf_field(&user.csrf_token))
                    (textarea_input(p.errors, "reason", "reason", "Toelichting", Some("Verplicht als u afwijst."), p.reason))
                    @if let Some(e) = field_error(p.errors, "besluit") {
                        p class="field-error" id="besluit" { "Fout: " (e) }
                    }
                    div class="actions" {
                        // Approving asks first on its own page; neither button is the
                        // filled one, because both are final.
                        button type="submit" name="besluit" value="goedkeuren" class="secondary" { "Goedkeuren" }
                        button type="submit" name="besluit" value="afwijzen" class="danger" { "Afwijzen" }
                    }
                }
            }
            @if can_correct {
                h2 { "Corrigeren" }
                p { "Een overboeking wordt nooit gewijzigd of verwijderd. Klopt er iets niet? Maak een correctie: die boekt (een deel van) het bedrag terug. Een collega moet de correctie goedkeuren." }
                form class="stack" method="post" action={ "/financien/overboekingen/" (t.id) "/correctie" } {
                    (csrf_field(&user.csrf_token))
                    input type="hidden" name="request_id" value=(p.correction_id);
                    (text_input(p.errors, "amount", "Bedrag terugboeken", Some("Bijvoorbeeld 1.250,00"), p.correction_amount, "text"))
                    (text_input(p.errors, "memo", "Waarom", None, p.correction_memo, "text"))
                    button type="submit" class="secondary" { "Correctie aanvragen" }
                }
            }
            @if !p.corrections.is_empty() {
                h2 { "Correcties" }
                (transfer_table("Correcties van deze overboeking", p.corrections))
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
    page(
        "Nieuwe overboeking",
        &nav(user, "/financien/overboekingen/nieuw"),
        html! {
            h1 { "Nieuwe overboeking" }
            p { "Boek geld van een begrotingspost of een financier naar de pot van een dorp of wijk. "
                "Geld van een begrotingspost moet door een collega worden goedgekeurd." }
            (error_summary(errors))
            form class="stack" method="post" action="/financien/overboekingen" {
                (csrf_field(&user.csrf_token))
                input type="hidden" name="request_id" value=(v.request_id);
                (field(errors, "from_account", "Van", Some("Met het bedrag dat nog beschikbaar is."), |described, invalid| html! {
                    select id="from_account" name="from_account" aria-describedby=[described] aria-invalid=[invalid.then_some("true")] {
                        option value="" { "Kies een begrotingspost of financier" }
                        optgroup label="Begrotingsposten" {
                            @for l in &opts.budget_lines {
                                option value=(l.account_id) selected[v.from_account == l.account_id] {
                                    (l.fiscal_year) " " (l.code) " " (l.name) " (beschikbaar " (format_eur(l.balance_cents - l.pending_out_cents)) ")"
                                }
                            }
                        }
                        optgroup label="Financiers" {
                            @for f in &opts.funders {
                                option value=(f.account_id) selected[v.from_account == f.account_id] { (f.name) }
                            }
                        }
                    }
                }))
                (select_input(errors, "to_account", "to_account", "Naar de pot van", None, Some("Kies een dorp of wijk"),
                    &opts.pools.iter().map(|p| (p.account_id.as_str(), p.name.as_str())).collect::<Vec<_>>(), &v.to_account))
                (text_input(errors, "amount", "Bedrag in euro", Some("Bijvoorbeeld 12.000,00"), &v.amount, "text"))
                (text_input(errors, "memo", "Waarom", Some("Bijvoorbeeld: groenonderhoud 2025 volgens de burgerbegroting"), &v.memo, "text"))
                (text_input(errors, "decision_ref", "Raadsbesluit", Some("Nummer van het raadsbesluit. Verplicht bij geld van een begrotingspost."), &v.decision_ref, "text"))
                button type="submit" { "Overboeking aanvragen" }
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
    page(
        "Begroting inlezen",
        &nav(user, "/financien/import"),
        html! {
            h1 { "Begroting inlezen" }
            @if let Some(o) = outcome {
                div class="notice" role="status" {
                    p { strong { (count_of(o.lines_added, "begrotingspost", "begrotingsposten")) " toegevoegd" } ", " (o.lines_unchanged) " stonden er al en zijn niet veranderd." }
                    @for n in &o.notes { p { (n) } }
                    p { a href="/financien/begroting" { "Bekijk de begroting" } }
                }
            }
            (error_summary(errors))
            @if !problems.is_empty() {
                div class="error-summary" role="alert" tabindex="-1" {
                    h2 { "Het bestand is niet ingelezen" }
                    p { "Er is niets opgeslagen. Verbeter " @if problems.len() == 1 { "dit punt" } @else { "deze " (problems.len()) " punten" } " in het bestand en lees het opnieuw in." }
                }
                (table_scroll("Problemen in het bestand", html! { table {
                    caption { "Problemen in het bestand" }
                    (table_head(&[Text("Regel"), Text("Kolom"), Text("Waarde"), Text("Wat is er mis")]))
                    tbody {
                        @for p in problems {
                            tr { td { (p.line_no) } td { (p.column) } td { code { (p.value) } } td { (p.message) } }
                        }
                    }
                } }))
            }
            p { "U kunt drie soorten bestanden inlezen:" }
            ul {
                li { "een export uit Excel met de kolommen " code { "jaar;code;omschrijving;taakveld;financier;bedrag" } " (bedragen zoals 1.234,56)," }
                li { "een CSV-bestand met de kolommen " code { "year,code,name,taakveld,funder,amount" } " (bedragen zoals 1234.56)," }
                li { "een Iv3-overzicht van het CBS (bedragen x € 1.000)." }
            }
            p { "Het hele bestand wordt ingelezen, of niets. Een bestand twee keer inlezen verandert niets." }
            form class="stack" method="post" action="/financien/import" enctype="multipart/form-data" {
                (csrf_field(&user.csrf_token))
                (field(errors, "bestand", "Bestand", None, |described, invalid| html! {
                    input type="file" id="bestand" name="bestand" accept=".csv,.txt,text/csv" required
                        aria-describedby=[described] aria-invalid=[invalid.then_some("true")];
                }))
                (text_input(errors, "gemeente", "Gemeente", Some("Alleen nodig bij een CBS-bestand met meer gemeenten."), gemeente, "text"))
                button type="submit" { "Inlezen" }
            }
        },
    )
}
