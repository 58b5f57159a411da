//! Administrator pages for accounts and roles; coordinator pages for their areas.

use maud::{html, Markup};

use super::admin::Shown;
use super::components::table_head;
use super::components::Col::Text;

use super::components::{csrf_field, money, select_input, text_input, textarea_input};
use super::layout::{page, Nav};
use super::staff_labels::role_label;
use crate::domain::role::Role;
use crate::service::auth::SessionUser;
use crate::service::ledger::PoolView;
use crate::service::users::{AreaSettings, GrantView, UserView};
use crate::tr;

/// The accounts page. What `shown` keeps: the new-account form's fields, and the
/// role-grant form of one account's row (`role-<id>`, `area-<id>`).
pub struct UsersPage<'a> {
    pub users: &'a [UserView],
    pub areas: &'a [PoolView],
    pub shown: Shown<'a>,
}

fn role_options() -> Vec<(&'static str, String)> {
    Role::ALL
        .iter()
        .map(|r| (r.as_str(), role_label(*r)))
        .collect()
}

fn area_options(areas: &[PoolView]) -> Vec<(&str, &str)> {
    areas
        .iter()
        .map(|a| (a.slug.as_str(), a.name.as_str()))
        .collect()
}

/// A grant as the pages name it: "Gebiedsregisseur ('t Loo)".
pub fn grant_label(g: &GrantView) -> String {
    match &g.area {
        Some(a) => format!("{} ({a})", role_label(g.role)),
        None => role_label(g.role),
    }
}

pub fn users(user: &SessionUser, p: &UsersPage<'_>) -> Markup {
    let (errors, kept) = (p.shown.errors, p.shown);
    let no_area = tr!("admin-users-no-area");
    let (roles, areas) = (role_options(), area_options(p.areas));
    page(
        &tr!("admin-users-title"),
        &Nav {
            user: Some(user),
            current: "/beheer/gebruikers",
        },
        html! {
            h1 { (tr!("admin-users-title")) }
            (p.shown.banner())
            p { a href="/beheer/gebruikers.csv" download="rollen.csv" { (tr!("admin-users-csv")) } }
            div class="table-scroll" role="region" aria-label=(tr!("admin-users-region")) tabindex="0" {
                table {
                    caption { (tr!("admin-users-caption")) }
                    (table_head(&[Text(&tr!("admin-users-name-email")), Text(&tr!("staff-roles")), Text(&tr!("staff-second-step")), Text(&tr!("admin-users-status")), Text(&tr!("admin-users-actions"))]))
                    tbody {
                        @for u in p.users {
                            tr {
                                td { (u.display_name) br; (u.email) }
                                td {
                                    ul {
                                        @for g in &u.grants {
                                            li {
                                                (grant_label(g))
                                                " "
                                                form class="inline" method="post" action={ "/beheer/rollen/" (g.id) "/intrekken" } {
                                                    (csrf_field(&user.csrf_token))
                                                    button type="submit" class="link" aria-label=(tr!("admin-users-revoke-label", role = role_label(g.role), email = u.email.as_str())) { (tr!("admin-users-revoke")) }
                                                }
                                            }
                                        }
                                    }
                                    @let (role_id, area_id) = (format!("role-{}", u.id), format!("area-{}", u.id));
                                    form class="inline-add" method="post" action={ "/beheer/gebruikers/" (u.id) "/rollen" } {
                                        (csrf_field(&user.csrf_token))
                                        (select_input(errors, &role_id, "role", &tr!("admin-users-add-role"), None, None,
                                            &roles, kept.value(&role_id)))
                                        (select_input(errors, &area_id, "area", &tr!("admin-users-area"), None, Some(&no_area),
                                            &areas, kept.value(&area_id)))
                                        button type="submit" class="secondary" { (tr!("admin-users-add")) }
                                    }
                                }
                                td { @if u.second_factor { (tr!("staff-second-step-set")) } @else { (tr!("admin-users-second-step-not-yet")) } }
                                td { @if u.disabled { (tr!("admin-users-blocked")) } @else { (tr!("admin-users-active")) } }
                                td {
                                    @if u.id != user.user_id {
                                        form method="post" action={ "/beheer/gebruikers/" (u.id) @if u.disabled { "/deblokkeren" } @else { "/blokkeren" } } {
                                            (csrf_field(&user.csrf_token))
                                            @if u.disabled {
                                                button type="submit" class="secondary" { (tr!("admin-users-unblock")) }
                                            } @else {
                                                button type="submit" class="danger" aria-label=(tr!("admin-users-block-label", email = u.email.as_str())) { (tr!("admin-users-block")) }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            h2 { (tr!("admin-users-new-title")) }
            form class="stack" method="post" action="/beheer/gebruikers" {
                (csrf_field(&user.csrf_token))
                (text_input(errors, "email", &tr!("staff-email"), None, kept.value("email"), "email"))
                (text_input(errors, "name", &tr!("staff-name"), None, kept.value("name"), "text"))
                (select_input(errors, "role", "role", &tr!("admin-users-role"), None, None, &roles, kept.value("role")))
                (select_input(errors, "area", "area", &tr!("admin-users-area"), None, Some(&no_area), &areas, kept.value("area")))
                (text_input(errors, "password", &tr!("admin-users-first-password"), Some(&tr!("admin-users-first-password-hint")), "", "password"))
                button type="submit" { (tr!("admin-users-create")) }
            }
        },
    )
}

pub fn my_areas(user: &SessionUser, areas: &[AreaSettings]) -> Markup {
    page(
        &tr!("admin-my-areas-title"),
        &Nav {
            user: Some(user),
            current: "/gebieden",
        },
        html! {
            h1 { (tr!("admin-my-areas-title")) }
            @if areas.is_empty() {
                p { (tr!("admin-my-areas-none")) }
            } @else {
                ul {
                    @for a in areas {
                        li {
                            a href={ "/gebieden/" (a.slug) "/instellingen" } { (a.name) }
                            " · "
                            a href={ "/gebieden/" (a.slug) "/bezwaartermijn" } { (tr!("admin-my-areas-objection")) }
                        }
                    }
                }
            }
        },
    )
}

/// The settings form of one area: what was typed (`description`, `max`) and what the
/// last save did (`shown`).
pub fn area_settings(
    user: &SessionUser,
    a: &AreaSettings,
    description: &str,
    max: &str,
    shown: Shown<'_>,
) -> Markup {
    let title = tr!("admin-area-settings-title", name = a.name.as_str());
    let errors = shown.errors;
    page(
        &title,
        &Nav {
            user: Some(user),
            current: "/gebieden",
        },
        html! {
            p { a href="/gebieden" { (tr!("admin-area-settings-back")) } }
            h1 { (title) }
            (shown.banner())
            p { (tr!("admin-area-settings-max")) " "
                @if let Some(m) = a.max_initiative_cents { (money(m)) } @else { (tr!("admin-area-settings-no-max")) } }
            form class="stack" method="post" action={ "/gebieden/" (a.slug) "/instellingen" } {
                (csrf_field(&user.csrf_token))
                (textarea_input(errors, "description", "description", &tr!("admin-area-settings-description"), None, description))
                (text_input(errors, "max_initiative", &tr!("admin-area-settings-max-field"), Some(&tr!("admin-area-settings-max-hint")), max, "text"))
                button type="submit" { (tr!("admin-area-settings-save")) }
            }
        },
    )
}

/// The maximum as the form shows it.
pub fn max_text(cents: Option<i64>) -> String {
    cents.map(crate::i18n::money_number).unwrap_or_default()
}
