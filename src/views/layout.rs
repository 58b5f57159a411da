//! The page frame: skip link, header with navigation, main, footer.

use maud::{html, Markup, DOCTYPE};

use crate::domain::role::{allows, Permission, Role};
use crate::i18n;
use crate::service::auth::SessionUser;
use crate::tr;

pub struct Nav<'a> {
    pub user: Option<&'a SessionUser>,
    pub current: &'a str,
}

fn nav_link(current: &str, href: &str, label: String) -> Markup {
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
        tr!("layout-site-plain")
    } else {
        tr!("layout-site-named", name = &theme.name)
    };
    let lang = i18n::current();
    html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " – " (site) }
                link rel="stylesheet" href="/static/app.css";
                link rel="stylesheet" href="/thema.css";
            }
            body {
                a class="skip" href="#inhoud" { (tr!("layout-skip-link")) }
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
                    (language_link(lang.other()))
                    @if let Some(u) = nav.user {
                        @let items = nav_items(nav, u);
                        @let who = who_box(u);
                        nav class="wide" aria-label=(tr!("layout-main-menu")) { (items) }
                        // After the menu in the reading and Tab order; shown top right on
                        // a wide screen.
                        (who)
                        // On a phone (≤ 480 px) the menu folds into one button beside the
                        // name; <details> opens and closes without JavaScript. Only one
                        // of the two menus is displayed at a time (CSS), so a screen
                        // reader meets one.
                        details class="menu" {
                            summary { (tr!("layout-menu")) }
                            nav aria-label=(tr!("layout-main-menu")) { (items) }
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
                (nav_link(nav.current, "/financien/begroting", tr!("nav-budget")))
                (nav_link(nav.current, "/financien/potten", tr!("nav-pools")))
                (nav_link(nav.current, "/financien/overboekingen", tr!("nav-transfers")))
                (nav_link(nav.current, "/financien/plannen", tr!("nav-plan-payments")))
            }
            @if allows(&u.roles, Permission::ViewAuditReport) {
                (nav_link(nav.current, "/raad", tr!("nav-council")))
            }
            @if allows(&u.roles, Permission::DecideObjections) {
                (nav_link(nav.current, "/stuurgroep/bezwaren", tr!("nav-objections")))
            }
            @if u.roles.contains(&Role::AreaCoordinator) {
                (nav_link(nav.current, "/gebieden", tr!("nav-my-areas")))
            }
            @if allows(&u.roles, Permission::ProposeTransfer) {
                (nav_link(nav.current, "/financien/overboekingen/nieuw", tr!("nav-new-transfer")))
                (nav_link(nav.current, "/financien/import", tr!("nav-import")))
            }
            @if allows(&u.roles, Permission::ApproveTransfer) {
                (nav_link(nav.current, "/financien/goedkeuren", tr!("nav-approve")))
            }
            @if allows(&u.roles, Permission::Administer) {
                (nav_link(nav.current, "/beheer", tr!("nav-areas-funders")))
                (nav_link(nav.current, "/beheer/gebruikers", tr!("nav-users")))
                (nav_link(nav.current, "/beheer/stemcodes", tr!("nav-voting-codes")))
            }
            (nav_link(nav.current, "/rondes", tr!("nav-rounds")))
            (nav_link(nav.current, "/dorpen", tr!("nav-villages")))
            (nav_link(nav.current, "/account", tr!("nav-account")))
        }
    }
}

/// Who is signed in, and the button to sign out.
fn who_box(u: &SessionUser) -> Markup {
    html! {
        div class="who" {
            span { (tr!("layout-signed-in-as")) " " strong { (u.display_name) } }
            form class="logout" method="post" action="/uitloggen" {
                input type="hidden" name="csrf_token" value=(u.csrf_token);
                button type="submit" { (tr!("layout-logout")) }
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
                    h2 id="contact-title" { (tr!("footer-contact-title", name = contact_name(theme))) }
                    dl class="contact" {
                        @if !c.phone.is_empty() {
                            dt { (tr!("footer-phone")) }
                            dd { a href={ "tel:" (c.phone.chars().filter(|ch| ch.is_ascii_digit() || *ch == '+').collect::<String>()) } { (c.phone) } }
                        }
                        @if !c.email.is_empty() {
                            dt { (tr!("footer-email")) }
                            dd { a href={ "mailto:" (c.email) } { (c.email) } }
                        }
                        @if !c.address.is_empty() {
                            dt { (tr!("footer-address")) }
                            dd { (c.address) }
                        }
                        @if !c.opening_hours.is_empty() {
                            dt { (tr!("footer-opening-hours")) }
                            dd { (c.opening_hours) }
                        }
                    }
                    @if !c.website.is_empty() {
                        p { a href=(c.website) { (tr!("footer-website", name = contact_name(theme))) } }
                    }
                }
            }
            ul class="footer-links" {
                li { a href="/privacy" { (tr!("footer-privacy")) } }
                li { a href="/toegankelijkheid" { (tr!("footer-accessibility")) } }
                li { a href="/audit" { (tr!("footer-audit")) } }
            }
            p { (tr!("footer-about")) }
        }
    }
}

/// The link to the page in the other language: written in that language (`lang`), and
/// says where it leads (`hreflang`). A plain link, so it works without JavaScript.
fn language_link(to: i18n::Lang) -> Markup {
    html! {
        p class="language" {
            a href=(i18n::switch_href(to)) lang=(to.code()) hreflang=(to.code()) { (to.own_name()) }
        }
    }
}

/// "gemeente Oldebroek" / "municipality of Oldebroek" (in a sentence), or "gemeente"
/// without a theme.
pub fn contact_name(theme: &crate::theme::Theme) -> String {
    match theme.name.strip_prefix("Gemeente ") {
        Some(rest) => tr!("common-municipality-of", place = rest),
        None if theme.name == "Burgerbegroting" => tr!("common-municipality"),
        None => theme.name.clone(),
    }
}

/// "Neem dan contact op met de gemeente …", with the phone number and e-mail address of
/// the theme: for every page that sends a resident to the municipality.
pub fn contact_sentence() -> String {
    let theme = crate::theme::current();
    let who = contact_name(&theme);
    let c = &theme.contact;
    let mut ways = Vec::new();
    if !c.phone.is_empty() {
        ways.push(tr!("common-contact-call", phone = &c.phone));
    }
    if !c.email.is_empty() {
        ways.push(tr!("common-contact-mail", email = &c.email));
    }
    if ways.is_empty() {
        tr!("common-contact-sentence", who = who)
    } else {
        let or = format!(" {} ", tr!("common-contact-or"));
        tr!(
            "common-contact-sentence-ways",
            who = who,
            ways = ways.join(&or)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{with_lang, Lang};

    #[test]
    fn the_contact_sentence_says_how_in_both_languages() {
        crate::theme::install(std::sync::Arc::new(crate::theme::Theme::demo()));
        let nl = contact_sentence();
        assert!(
            nl.starts_with("Neem dan contact op met de gemeente Oldebroek: bel "),
            "{nl}"
        );
        assert!(nl.contains(" of mail naar "), "{nl}");
        let en = with_lang(Lang::En, contact_sentence);
        assert!(
            en.starts_with("Please contact the municipality of Oldebroek: call "),
            "{en}"
        );
    }
}
