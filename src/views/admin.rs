use maud::{html, Markup};

use super::components::table_head;
use super::components::Col::{Num, Text};

use super::components::{csrf_field, error_summary, money, select_input, table_scroll, text_input};
use super::layout::{page, Nav};
use crate::service::auth::SessionUser;
use crate::service::ledger::{FunderView, PoolView};

pub struct AdminPage<'a> {
    pub pools: &'a [PoolView],
    pub funders: &'a [FunderView],
    pub errors: &'a [(String, String)],
    pub form: AdminForms<'a>,
    pub notice: Option<&'a str>,
}

/// What was typed and chosen in the two forms, shown again after an error.
#[derive(Default, Clone, Copy)]
pub struct AdminForms<'a> {
    pub area_name: &'a str,
    pub area_kind: &'a str,
    pub funder_name: &'a str,
    pub funder_kind: &'a str,
}

const AREA_KINDS: [(&str, &str); 2] = [("dorp", "Dorp"), ("wijk", "Wijk")];
const FUNDER_KINDS: [(&str, &str); 3] = [
    ("housing_corporation", "Woningcorporatie"),
    ("municipality", "Gemeente"),
    ("other", "Anders"),
];

pub fn admin(user: &SessionUser, p: &AdminPage<'_>) -> Markup {
    page(
        "Beheer",
        &Nav {
            user: Some(user),
            current: "/beheer",
        },
        html! {
            h1 { "Beheer: gebieden en financiers" }
            @if let Some(n) = p.notice { p class="notice" role="status" { (n) } }
            (error_summary(p.errors))
            h2 { "Gebieden" }
            ul { @for a in p.pools { li { (a.name) " (" (a.kind.label_nl()) ")" } } }
            form class="stack" method="post" action="/beheer/gebieden" {
                (csrf_field(&user.csrf_token))
                (text_input(p.errors, "area_name", "Naam van het nieuwe dorp of de nieuwe wijk", None, p.form.area_name, "text"))
                (select_input(p.errors, "area_kind", "area_kind", "Soort", None, None, &AREA_KINDS, p.form.area_kind))
                button type="submit" { "Gebied toevoegen" }
            }
            h2 { "Financiers" }
            (table_scroll("Financiers en wat zij hebben bijgedragen", html! { table {
                caption { "Financiers en wat zij hebben bijgedragen" }
                (table_head(&[Text("Naam"), Text("Soort"), Num("Saldo")]))
                tbody { @for f in p.funders { tr { td { (f.name) } td { (f.kind.label_nl()) } td class="num" { (money(f.balance_cents)) } } } }
            } }))
            form class="stack" method="post" action="/beheer/financiers" {
                (csrf_field(&user.csrf_token))
                (text_input(p.errors, "funder_name", "Naam van de nieuwe financier", None, p.form.funder_name, "text"))
                (select_input(p.errors, "funder_kind", "funder_kind", "Soort", None, None, &FUNDER_KINDS, p.form.funder_kind))
                button type="submit" { "Financier toevoegen" }
            }
        },
    )
}
