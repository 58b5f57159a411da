//! Administrator pages for accounts and roles; coordinator pages for their areas.

use maud::{html, Markup};

use super::components::table_head;
use super::components::Col::Text;

use super::components::{
    csrf_field, error_summary, money, select_input, text_input, textarea_input,
};
use super::layout::{page, Nav};
use crate::domain::money::format_nl_number;
use crate::domain::role::Role;
use crate::service::auth::SessionUser;
use crate::service::ledger::PoolView;
use crate::service::users::{AreaSettings, UserView};

pub struct UsersPage<'a> {
    pub users: &'a [UserView],
    pub areas: &'a [PoolView],
    pub errors: &'a [(String, String)],
    pub form: NewAccount<'a>,
    pub notice: Option<&'a str>,
}

/// What was typed and chosen in the page's forms, shown again after an error: the
/// new-account form, and the role-grant form of one account's row (`grant_to`).
#[derive(Default, Clone, Copy)]
pub struct NewAccount<'a> {
    pub email: &'a str,
    pub name: &'a str,
    pub role: &'a str,
    pub area: &'a str,
    pub grant_to: &'a str,
    pub grant_role: &'a str,
    pub grant_area: &'a str,
}

fn role_options() -> Vec<(&'static str, &'static str)> {
    Role::ALL
        .iter()
        .map(|r| (r.as_str(), r.label_nl()))
        .collect()
}

fn area_options(areas: &[PoolView]) -> Vec<(&str, &str)> {
    areas
        .iter()
        .map(|a| (a.slug.as_str(), a.name.as_str()))
        .collect()
}

const NO_AREA: &str = "Geen (alleen nodig voor gebiedsregisseurs)";

pub fn users(user: &SessionUser, p: &UsersPage<'_>) -> Markup {
    page(
        "Gebruikers en rollen",
        &Nav {
            user: Some(user),
            current: "/beheer/gebruikers",
        },
        html! {
            h1 { "Gebruikers en rollen" }
            @if let Some(n) = p.notice { p class="notice" role="status" { (n) } }
            (error_summary(p.errors))
            p { a href="/beheer/gebruikers.csv" download="rollen.csv" { "Download wie welke rol heeft (CSV, voor de kwartaalcontrole)" } }
            div class="table-scroll" role="region" aria-label="Gebruikers" tabindex="0" {
                table {
                    caption { "Alle accounts" }
                    (table_head(&[Text("Naam en e-mail"), Text("Rollen"), Text("Tweede stap"), Text("Status"), Text("Acties")]))
                    tbody {
                        @for u in p.users {
                            tr {
                                td { (u.display_name) br; (u.email) }
                                td {
                                    ul {
                                        @for g in &u.grants {
                                            li {
                                                (g.role_label)
                                                @if let Some(a) = &g.area { " (" (a) ")" }
                                                " "
                                                form class="inline" method="post" action={ "/beheer/rollen/" (g.id) "/intrekken" } {
                                                    (csrf_field(&user.csrf_token))
                                                    button type="submit" class="link" aria-label={ "Rol " (g.role_label) " intrekken bij " (u.email) } { "intrekken" }
                                                }
                                            }
                                        }
                                    }
                                    @let kept = p.form.grant_to == u.id.as_str();
                                    form class="inline-add" method="post" action={ "/beheer/gebruikers/" (u.id) "/rollen" } {
                                        (csrf_field(&user.csrf_token))
                                        (select_input(p.errors, &format!("role-{}", u.id), "role", "Rol toevoegen", None, None,
                                            &role_options(), if kept { p.form.grant_role } else { "" }))
                                        (select_input(p.errors, &format!("area-{}", u.id), "area", "Gebied", None, Some(NO_AREA),
                                            &area_options(p.areas), if kept { p.form.grant_area } else { "" }))
                                        button type="submit" class="secondary" { "Toevoegen" }
                                    }
                                }
                                td { @if u.second_factor { "Ingesteld" } @else { "Nog niet" } }
                                td { @if u.disabled { "Geblokkeerd" } @else { "Actief" } }
                                td {
                                    @if u.id != user.user_id {
                                        form method="post" action={ "/beheer/gebruikers/" (u.id) @if u.disabled { "/deblokkeren" } @else { "/blokkeren" } } {
                                            (csrf_field(&user.csrf_token))
                                            @if u.disabled {
                                                button type="submit" class="secondary" { "Deblokkeren" }
                                            } @else {
                                                button type="submit" class="danger" aria-label={ (u.email) " blokkeren" } { "Blokkeren" }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            h2 { "Nieuw account voor een medewerker" }
            form class="stack" method="post" action="/beheer/gebruikers" {
                (csrf_field(&user.csrf_token))
                (text_input(p.errors, "email", "E-mailadres", None, p.form.email, "email"))
                (text_input(p.errors, "name", "Naam", None, p.form.name, "text"))
                (select_input(p.errors, "role", "role", "Rol", None, None, &role_options(), p.form.role))
                (select_input(p.errors, "area", "area", "Gebied", None, Some(NO_AREA), &area_options(p.areas), p.form.area))
                (text_input(p.errors, "password", "Eerste wachtwoord", Some("Minstens 12 tekens. Geef het persoonlijk door."), "", "password"))
                button type="submit" { "Account maken" }
            }
        },
    )
}

pub fn my_areas(user: &SessionUser, areas: &[AreaSettings]) -> Markup {
    page(
        "Mijn gebieden",
        &Nav {
            user: Some(user),
            current: "/gebieden",
        },
        html! {
            h1 { "Mijn gebieden" }
            @if areas.is_empty() {
                p { "U bent voor geen enkel gebied gebiedsregisseur." }
            } @else {
                ul {
                    @for a in areas {
                        li {
                            a href={ "/gebieden/" (a.slug) "/instellingen" } { (a.name) }
                            " · "
                            a href={ "/gebieden/" (a.slug) "/bezwaartermijn" } { "Bezwaartermijn" }
                        }
                    }
                }
            }
        },
    )
}

pub fn area_settings(
    user: &SessionUser,
    a: &AreaSettings,
    description: &str,
    max: &str,
    errors: &[(String, String)],
    notice: Option<&str>,
) -> Markup {
    let title = format!("Instellingen {}", a.name);
    page(
        &title,
        &Nav {
            user: Some(user),
            current: "/gebieden",
        },
        html! {
            p { a href="/gebieden" { "Terug naar mijn gebieden" } }
            h1 { (title) }
            @if let Some(n) = notice { p class="notice" role="status" { (n) } }
            (error_summary(errors))
            p { "Huidig maximum per plan: "
                @if let Some(m) = a.max_initiative_cents { (money(m)) } @else { "geen" } }
            form class="stack" method="post" action={ "/gebieden/" (a.slug) "/instellingen" } {
                (csrf_field(&user.csrf_token))
                (textarea_input(errors, "description", "description", "Wat het dorp belangrijk vindt (de checklist voor plannen)", None, description))
                (text_input(errors, "max_initiative", "Maximum per plan in euro", Some("Bijvoorbeeld 5.000,00. Laat leeg voor geen maximum."), max, "text"))
                button type="submit" { "Opslaan" }
            }
        },
    )
}

/// The maximum as the form shows it.
pub fn max_text(cents: Option<i64>) -> String {
    cents.map(format_nl_number).unwrap_or_default()
}
