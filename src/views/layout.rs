//! The page frame: skip link, header with navigation, main, footer.

use maud::{html, Markup, DOCTYPE};

use crate::domain::role::{allows, Permission, Role};
use crate::service::auth::SessionUser;

pub struct Nav<'a> {
    pub user: Option<&'a SessionUser>,
    pub current: &'a str,
}

fn nav_link(current: &str, href: &str, label: &str) -> Markup {
    html! {
        li {
            @if current == href {
                a href=(href) aria-current="page" { (label) }
            } @else {
                a href=(href) { (label) }
            }
        }
    }
}

pub fn page(title: &str, nav: &Nav<'_>, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="nl" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " – Burgerbegroting" }
                link rel="stylesheet" href="/static/app.css";
            }
            body {
                a class="skip" href="#inhoud" { "Direct naar de inhoud" }
                header class="site" {
                    a class="brand" href="/" { "Burgerbegroting" }
                    @if let Some(u) = nav.user {
                        nav aria-label="Hoofdmenu" {
                            ul {
                                @if allows(&u.roles, Permission::ViewFinance) {
                                    (nav_link(nav.current, "/financien/begroting", "Begroting"))
                                    (nav_link(nav.current, "/financien/potten", "Potten per gebied"))
                                    (nav_link(nav.current, "/financien/overboekingen", "Overboekingen"))
                                    (nav_link(nav.current, "/financien/plannen", "Betalingen aan plannen"))
                                }
                                @if allows(&u.roles, Permission::ViewAuditReport) {
                                    (nav_link(nav.current, "/raad", "Overzicht raad"))
                                }
                                @if u.roles.contains(&Role::AreaCoordinator) {
                                    (nav_link(nav.current, "/gebieden", "Mijn gebieden"))
                                }
                                @if allows(&u.roles, Permission::ProposeTransfer) {
                                    (nav_link(nav.current, "/financien/overboekingen/nieuw", "Nieuwe overboeking"))
                                    (nav_link(nav.current, "/financien/import", "Begroting inlezen"))
                                }
                                @if allows(&u.roles, Permission::ApproveTransfer) {
                                    (nav_link(nav.current, "/financien/goedkeuren", "Goedkeuren"))
                                }
                                @if allows(&u.roles, Permission::Administer) {
                                    (nav_link(nav.current, "/beheer", "Gebieden en financiers"))
                                    (nav_link(nav.current, "/beheer/gebruikers", "Gebruikers"))
                                    (nav_link(nav.current, "/beheer/stemcodes", "Stemcodes"))
                                }
                                (nav_link(nav.current, "/rondes", "Rondes"))
                                (nav_link(nav.current, "/dorpen", "Dorpen"))
                                (nav_link(nav.current, "/account", "Mijn account"))
                            }
                        }
                        // After the menu in the reading and Tab order; shown top right on
                        // a wide screen, below the menu on a phone.
                        div class="who" {
                            span { "Ingelogd als " strong { (u.display_name) } }
                            form class="logout" method="post" action="/uitloggen" {
                                input type="hidden" name="csrf_token" value=(u.csrf_token);
                                button type="submit" { "Uitloggen" }
                            }
                        }
                    }
                }
                main id="inhoud" tabindex="-1" {
                    (body)
                }
                footer class="site" {
                    p { "Begrotingsgegevens: Bron: CBS (Iv3 open data, CC BY 4.0)." }
                    p { a href="/audit" { "Controleer het logboek" } " – zo kunt u nagaan dat er niets stiekem is veranderd." }
                }
            }
        }
    }
}
