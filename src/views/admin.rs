//! The administration page (/beheer): areas with their pools, and funders. Also the part
//! every administration form page shares: the notice or the problems after a form.

use maud::{html, Markup};

use super::components::table_head;
use super::components::Col::{Num, Text};

use super::components::{csrf_field, error_summary, money, select_input, table_scroll, text_input};
use super::layout::{page, Nav};
use super::staff_labels::{area_kind_label, funder_kind_label};
use crate::service::auth::SessionUser;
use crate::service::ledger::{FunderView, PoolView};
use crate::tr;

/// What a form page shows after a form: the notice of a change that was made, or the
/// problems of a refused one (in the summary; each form shows its own next to its fields)
/// with what was typed and chosen in it (`kept`, by field id), so nothing is lost.
#[derive(Default, Clone, Copy)]
pub struct Shown<'a> {
    pub errors: &'a [(String, String)],
    pub notice: Option<&'a str>,
    pub kept: &'a [(String, String)],
}

impl<'a> Shown<'a> {
    /// What was typed or chosen in the field `id` ("" when nothing is kept).
    pub fn value(&self, id: &str) -> &'a str {
        self.kept
            .iter()
            .find(|(field, _)| field == id)
            .map_or("", |(_, value)| value.as_str())
    }

    /// The notice and the error summary, at the top of the page.
    pub fn banner(&self) -> Markup {
        html! {
            @if let Some(n) = self.notice { p class="notice" role="status" { (n) } }
            (error_summary(self.errors))
        }
    }
}

pub struct AdminPage<'a> {
    pub pools: &'a [PoolView],
    pub funders: &'a [FunderView],
    pub shown: Shown<'a>,
}

fn area_kinds() -> [(&'static str, String); 2] {
    [
        ("dorp", tr!("admin-kind-village")),
        ("wijk", tr!("admin-kind-neighbourhood")),
    ]
}

fn funder_kinds() -> [(&'static str, String); 3] {
    [
        ("housing_corporation", tr!("admin-funder-housing")),
        ("municipality", tr!("admin-funder-municipality")),
        ("other", tr!("admin-funder-other")),
    ]
}

pub fn admin(user: &SessionUser, p: &AdminPage<'_>) -> Markup {
    let (errors, kept) = (p.shown.errors, p.shown);
    let caption = tr!("admin-funders-caption");
    page(
        &tr!("admin-title"),
        &Nav {
            user: Some(user),
            current: "/beheer",
        },
        html! {
            h1 { (tr!("admin-heading")) }
            (p.shown.banner())
            h2 { (tr!("admin-areas")) }
            ul { @for a in p.pools { li { (a.name) " (" (area_kind_label(a.kind)) ")" } } }
            form class="stack" method="post" action="/beheer/gebieden" {
                (csrf_field(&user.csrf_token))
                (text_input(errors, "area_name", &tr!("admin-area-name"), None, kept.value("area_name"), "text"))
                (select_input(errors, "area_kind", "area_kind", &tr!("admin-kind"), None, None, &area_kinds(), kept.value("area_kind")))
                button type="submit" { (tr!("admin-area-add")) }
            }
            h2 { (tr!("admin-funders")) }
            (table_scroll(&caption, html! { table {
                caption { (caption) }
                (table_head(&[Text(&tr!("admin-funders-name")), Text(&tr!("admin-kind")), Num(&tr!("admin-funders-balance"))]))
                tbody { @for f in p.funders { tr { td { (f.name) } td { (funder_kind_label(f.kind)) } td class="num" { (money(f.balance_cents)) } } } }
            } }))
            form class="stack" method="post" action="/beheer/financiers" {
                (csrf_field(&user.csrf_token))
                (text_input(errors, "funder_name", &tr!("admin-funder-name"), None, kept.value("funder_name"), "text"))
                (select_input(errors, "funder_kind", "funder_kind", &tr!("admin-kind"), None, None, &funder_kinds(), kept.value("funder_kind")))
                button type="submit" { (tr!("admin-funder-add")) }
            }
        },
    )
}
