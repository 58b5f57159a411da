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
    let theme = crate::theme::current();
    let site = if theme.name == "Burgerbegroting" {
        "Burgerbegroting".to_string()
    } else {
        format!("Burgerbegroting {}", theme.name)
    };
    html! {
        (DOCTYPE)
        html lang="nl" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " – " (site) }
                link rel="stylesheet" href="/static/app.css";
                link rel="stylesheet" href="/thema.css";
            }
            body {
                a class="skip" href="#inhoud" { "Direct naar de inhoud" }
                header class="site" {
                    a class="brand" href="/" {
                        @if theme.logo.is_some() {
                            // The name is the link's text (beside it, or for screen readers
                            // only when the logo shows it), so the image itself is decoration.
                            img src="/logo" alt="" height="48";
                        }
                        @if theme.logo_contains_name {
                            span class="visually-hidden" { (site) }
                        } @else {
                            span { (site) }
                        }
                    }
                    @if let Some(u) = nav.user {
                        @let items = nav_items(nav, u);
                        @let who = who_box(u);
                        nav class="wide" aria-label="Hoofdmenu" { (items) }
                        // After the menu in the reading and Tab order; shown top right on
                        // a wide screen.
                        (who)
                        // On a phone (≤ 480 px) the menu folds into one button beside the
                        // name; <details> opens and closes without JavaScript. Only one
                        // of the two menus is displayed at a time (CSS), so a screen
                        // reader meets one.
                        details class="menu" {
                            summary { "Menu" }
                            nav aria-label="Hoofdmenu" { (items) }
                            (who)
                        }
                    }
                }
                main id="inhoud" tabindex="-1" {
                    (body)
                }
                (footer(&theme))
            }
        }
    }
}

/// The links of the main menu for this person's roles.
fn nav_items(nav: &Nav<'_>, u: &SessionUser) -> Markup {
    html! {
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
            @if allows(&u.roles, Permission::DecideObjections) {
                (nav_link(nav.current, "/stuurgroep/bezwaren", "Bezwaren"))
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
}

/// Who is signed in, and the button to sign out.
fn who_box(u: &SessionUser) -> Markup {
    html! {
        div class="who" {
            span { "Ingelogd als " strong { (u.display_name) } }
            form class="logout" method="post" action="/uitloggen" {
                input type="hidden" name="csrf_token" value=(u.csrf_token);
                button type="submit" { "Uitloggen" }
            }
        }
    }
}

/// Contact details of the municipality, the statements and the log.
fn footer(theme: &crate::theme::Theme) -> Markup {
    let c = &theme.contact;
    let has_contact = !(c.phone.is_empty()
        && c.email.is_empty()
        && c.address.is_empty()
        && c.opening_hours.is_empty());
    html! {
        footer class="site" {
            @if has_contact {
                section aria-labelledby="contact-title" {
                    h2 id="contact-title" { "Contact met de " (contact_name(theme)) }
                    dl class="contact" {
                        @if !c.phone.is_empty() {
                            dt { "Telefoon" }
                            dd { a href={ "tel:" (c.phone.chars().filter(|ch| ch.is_ascii_digit() || *ch == '+').collect::<String>()) } { (c.phone) } }
                        }
                        @if !c.email.is_empty() {
                            dt { "E-mail" }
                            dd { a href={ "mailto:" (c.email) } { (c.email) } }
                        }
                        @if !c.address.is_empty() {
                            dt { "Adres" }
                            dd { (c.address) }
                        }
                        @if !c.opening_hours.is_empty() {
                            dt { "Openingstijden" }
                            dd { (c.opening_hours) }
                        }
                    }
                    @if !c.website.is_empty() {
                        p { a href=(c.website) { "Website van de " (contact_name(theme)) } }
                    }
                }
            }
            ul class="footer-links" {
                li { a href="/privacy" { "Privacyverklaring" } }
                li { a href="/toegankelijkheid" { "Toegankelijkheidsverklaring" } }
                li { a href="/audit" { "Controleer het logboek" } }
            }
            p { "Met het logboek kunt u nagaan dat er niets stiekem is veranderd. Begrotingsgegevens: bron CBS (Iv3 open data, CC BY 4.0)." }
        }
    }
}

/// "gemeente Oldebroek" (in a sentence) or "gemeente" without a theme.
pub fn contact_name(theme: &crate::theme::Theme) -> String {
    match theme.name.strip_prefix("Gemeente ") {
        Some(rest) => format!("gemeente {rest}"),
        None if theme.name == "Burgerbegroting" => "gemeente".into(),
        None => theme.name.clone(),
    }
}

/// "Neem dan contact op met de gemeente …", with the phone number and e-mail address of
/// the theme: for every page that sends a resident to the municipality.
pub fn contact_sentence() -> String {
    crate::theme::current().contact_sentence()
}
