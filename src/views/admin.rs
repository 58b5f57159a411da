use maud::{html, Markup};

use super::components::table_head;
use super::components::Col::{Num, Text};

use super::components::{csrf_field, error_summary, money, table_scroll, text_input};
use super::layout::{page, Nav};
use crate::service::auth::SessionUser;
use crate::service::ledger::{FunderView, PoolView};

pub struct AdminPage<'a> {
    pub pools: &'a [PoolView],
    pub funders: &'a [FunderView],
    pub errors: &'a [(String, String)],
    pub area_name: &'a str,
    pub funder_name: &'a str,
    pub notice: Option<&'a str>,
}

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
                (text_input(p.errors, "area_name", "Naam van het nieuwe dorp of de nieuwe wijk", None, p.area_name, "text"))
                label for="area_kind" { "Soort" }
                select id="area_kind" name="area_kind" { option value="dorp" { "Dorp" } option value="wijk" { "Wijk" } }
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
                (text_input(p.errors, "funder_name", "Naam van de nieuwe financier", None, p.funder_name, "text"))
                label for="funder_kind" { "Soort" }
                select id="funder_kind" name="funder_kind" {
                    option value="housing_corporation" { "Woningcorporatie" }
                    option value="municipality" { "Gemeente" }
                    option value="other" { "Anders" }
                }
                button type="submit" { "Financier toevoegen" }
            }
        },
    )
}
