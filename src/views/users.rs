//! Administrator pages for accounts and roles; coordinator pages for their areas.

use maud::{html, Markup};

use super::components::table_head;
use super::components::Col::Text;

use super::components::{csrf_field, error_summary, field, money, text_input};
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

/// What was typed and chosen in the new-account form, shown again after an error.
#[derive(Default, Clone, Copy)]
pub struct NewAccount<'a> {
    pub email: &'a str,
    pub name: &'a str,
    pub role: &'a str,
    pub area: &'a str,
}

fn role_select(id: &str, selected: &str, attrs: (Option<String>, bool)) -> Markup {
    let (described, invalid) = attrs;
    html! {
        select id=(id) name="role" aria-describedby=[described] aria-invalid=[invalid.then_some("true")] {
            @for r in Role::ALL {
                option value=(r.as_str()) selected[r.as_str() == selected] { (r.label_nl()) }
            }
        }
    }
}

fn area_select(
    id: &str,
    areas: &[PoolView],
    selected: &str,
    attrs: (Option<String>, bool),
) -> Markup {
    let (described, invalid) = attrs;
    html! {
        select id=(id) name="area" aria-describedby=[described] aria-invalid=[invalid.then_some("true")] {
            option value="" selected[selected.is_empty()] { "Geen (alleen nodig voor gebiedsregisseurs)" }
            @for a in areas { option value=(a.slug) selected[a.slug == selected] { (a.name) } }
        }
    }
}

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
                                    form class="inline-add" method="post" action={ "/beheer/gebruikers/" (u.id) "/rollen" } {
                                        (csrf_field(&user.csrf_token))
                                        label for={ "role-" (u.id) } { "Rol toevoegen" }
                                        (role_select(&format!("role-{}", u.id), "", (None, false)))
                                        label for={ "area-" (u.id) } { "Gebied" }
                                        (area_select(&format!("area-{}", u.id), p.areas, "", (None, false)))
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
                (field(p.errors, "role", "Rol", None, |d, i| role_select("role", p.form.role, (d, i))))
                (field(p.errors, "area", "Gebied", None, |d, i| area_select("area", p.areas, p.form.area, (d, i))))
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
                div {
                    label for="description" { "Wat het dorp belangrijk vindt (de checklist voor plannen)" }
                    textarea id="description" name="description" { (description) }
                }
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
