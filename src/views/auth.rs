//! Sign-in, registration, account and second-factor pages.

use maud::{html, Markup, PreEscaped};

use super::components::table_head;
use super::components::Col::Text;

use super::components::{csrf_field, error_summary, field, text_input};
use super::layout::{page, Nav};
use crate::domain::role::Role;
use crate::i18n::datetime;
use crate::service::auth::SessionUser;
use crate::tr;
use crate::tr_html;

use super::staff_labels::role_label;

fn anonymous(current: &str) -> Nav<'_> {
    Nav {
        user: None,
        current,
    }
}

/// The sign-in form: the e-mail address is kept after an error, the password never.
pub fn login(
    csrf: &str,
    email: &str,
    back: &str,
    errors: &[(String, String)],
    notice: Option<&str>,
) -> Markup {
    page(
        &tr!("staff-login-title"),
        &anonymous("/inloggen"),
        html! {
            h1 { (tr!("staff-login-title")) }
            @if let Some(n) = notice { p class="notice" role="status" { (n) } }
            (error_summary(errors))
            form class="stack" method="post" action="/inloggen" {
                (csrf_field(csrf))
                input type="hidden" name="terug" value=(back);
                (field(errors, "email", &tr!("staff-email"), None, |described, invalid| html! {
                    input type="email" id="email" name="email" value=(email) autocomplete="username"
                        aria-describedby=[described] aria-invalid=[invalid.then_some("true")];
                }))
                (field(errors, "password", &tr!("staff-password"), None, |described, invalid| html! {
                    input type="password" id="password" name="password" autocomplete="current-password"
                        aria-describedby=[described] aria-invalid=[invalid.then_some("true")];
                }))
                button type="submit" { (tr!("staff-login-title")) }
            }
            p { (tr_html!("staff-login-register", link = html! { a href="/registreren" { (tr!("staff-login-register-link")) } })) }
            p { (tr_html!("staff-login-vote", link = html! { a href="/stemmen" { (tr!("staff-login-vote-link")) } })) }
        },
    )
}

/// The second step of signing in. The code is never sent back (it works once anyway).
pub fn login_code(csrf: &str, ticket: &str, back: &str, errors: &[(String, String)]) -> Markup {
    page(
        &tr!("staff-code-title"),
        &anonymous("/inloggen"),
        html! {
            h1 { (tr!("staff-code-heading")) }
            (error_summary(errors))
            p { (tr!("staff-code-intro")) }
            form class="stack" method="post" action="/inloggen/code" {
                (csrf_field(csrf))
                input type="hidden" name="ticket" value=(ticket);
                input type="hidden" name="terug" value=(back);
                (text_input(errors, "code", &tr!("staff-code-field"), None, "", "text"))
                button type="submit" { (tr!("staff-login-title")) }
            }
        },
    )
}

pub fn register(csrf: &str, email: &str, name: &str, errors: &[(String, String)]) -> Markup {
    page(
        &tr!("staff-register-title"),
        &anonymous("/registreren"),
        html! {
            h1 { (tr!("staff-register-heading")) }
            p { (tr!("staff-register-intro")) }
            (error_summary(errors))
            form class="stack" method="post" action="/registreren" {
                (csrf_field(csrf))
                (text_input(errors, "email", &tr!("staff-email"), None, email, "email"))
                (text_input(errors, "name", &tr!("staff-register-name"), Some(&tr!("staff-register-name-hint")), name, "text"))
                (text_input(errors, "password", &tr!("staff-password"), Some(&tr!("staff-register-password-hint")), "", "password"))
                button type="submit" { (tr!("staff-register-title")) }
            }
            p { (tr_html!("staff-register-privacy", link = html! { a href="/privacy" { (tr!("staff-register-privacy-link")) } })) }
        },
    )
}

/// The account page; `notice` after a change (a new password).
pub fn account(
    user: &SessionUser,
    sessions: &[crate::service::auth::OwnSession],
    notice: Option<&str>,
) -> Markup {
    page(
        &tr!("nav-account"),
        &Nav {
            user: Some(user),
            current: "/account",
        },
        html! {
            h1 { (tr!("nav-account")) }
            @if let Some(n) = notice { p class="notice" role="status" { (n) } }
            dl class="facts" {
                dt { (tr!("staff-name")) } dd { (user.display_name) }
                dt { (tr!("staff-email")) } dd { (user.email) }
                dt { (tr!("staff-roles")) } dd { (user.roles.iter().map(|r| role_label(*r)).collect::<Vec<_>>().join(", ")) }
                dt { (tr!("staff-second-step")) } dd {
                    @if user.totp_enabled { (tr!("staff-second-step-set")) } @else { a href="/account/tweede-stap" { (tr!("staff-second-step-not-set")) } }
                }
                dt { (tr!("staff-password")) } dd { a href="/account/wachtwoord" { (tr!("admin-password-link")) } }
            }
            @if user.roles.contains(&Role::AreaCoordinator) || user.roles.contains(&Role::Admin) {
                p { a href="/gebieden" { (tr!("nav-my-areas")) } }
            }
            @if user.is_staff() {
                p { a href="/financien/begroting" { (tr!("staff-account-to-budget")) } }
            }
            h2 { (tr!("staff-sessions-title")) }
            table {
                (table_head(&[Text(&tr!("staff-sessions-created")), Text(&tr!("staff-sessions-seen")), Text(&tr!("staff-action"))]))
                tbody {
                    @for s in sessions {
                        tr {
                            td { (datetime(s.created_at)) }
                            td { (datetime(s.last_seen_at)) }
                            td {
                                @if s.current {
                                    (tr!("staff-sessions-this"))
                                } @else {
                                    form method="post" action="/account/sessies/beeindigen" {
                                        input type="hidden" name="csrf_token" value=(user.csrf_token);
                                        input type="hidden" name="sessie" value=(s.id);
                                        button type="submit" { (tr!("staff-sessions-end")) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}

/// Changing one's own password: the current one, the new one twice. No password is ever
/// sent back in the form (after an error every field is empty again).
pub fn password_change(user: &SessionUser, errors: &[(String, String)]) -> Markup {
    let input =
        |id: &'static str, label: String, hint: Option<String>, autocomplete: &'static str| {
            field(errors, id, &label, hint.as_deref(), |described, invalid| {
                html! {
                    input type="password" id=(id) name=(id) autocomplete=(autocomplete)
                        aria-describedby=[described] aria-invalid=[invalid.then_some("true")];
                }
            })
        };
    page(
        &tr!("admin-password-title"),
        &Nav {
            user: Some(user),
            current: "/account",
        },
        html! {
            p { a href="/account" { (tr!("admin-password-back")) } }
            h1 { (tr!("admin-password-title")) }
            (error_summary(errors))
            p { (tr!("admin-password-intro")) }
            form class="stack" method="post" action="/account/wachtwoord" {
                (csrf_field(&user.csrf_token))
                (input("current", tr!("admin-password-current"), None, "current-password"))
                (input("new_password", tr!("admin-password-new"), Some(tr!("admin-password-new-hint")), "new-password"))
                (input("repeat", tr!("admin-password-repeat"), None, "new-password"))
                button type="submit" { (tr!("admin-password-save")) }
            }
        },
    )
}

fn qr_svg(url: &str) -> Option<String> {
    let code = qrcode::QrCode::new(url.as_bytes()).ok()?;
    Some(
        code.render::<qrcode::render::svg::Color>()
            .min_dimensions(220, 220)
            .quiet_zone(true)
            .build(),
    )
}

pub fn second_factor(
    user: &SessionUser,
    setup: Option<(&str, &str)>,
    errors: &[(String, String)],
) -> Markup {
    page(
        &tr!("staff-totp-title"),
        &Nav {
            user: Some(user),
            current: "/account",
        },
        html! {
            h1 { (tr!("staff-totp-heading")) }
            @if user.totp_enabled {
                p class="notice" role="status" { (tr!("staff-totp-done")) }
            } @else if let Some((secret, url)) = setup {
                (error_summary(errors))
                ol {
                    li { (tr!("staff-totp-step-1")) }
                    li { (tr!("staff-totp-step-2")) }
                    li { (tr!("staff-totp-step-3")) }
                }
                @if let Some(svg) = qr_svg(url) {
                    // SVG made by the qrcode library from the otpauth URI: no user text inside.
                    div class="qr" role="img" aria-label=(tr!("staff-totp-qr")) { (PreEscaped(svg)) }
                }
                p { (tr!("staff-totp-key")) " " code class="secret" { (secret) } }
                form class="stack" method="post" action="/account/tweede-stap/bevestigen" {
                    (csrf_field(&user.csrf_token))
                    input type="hidden" name="secret" value=(secret);
                    input type="hidden" name="url" value=(url);
                    (text_input(errors, "code", &tr!("staff-totp-code"), None, "", "text"))
                    button type="submit" { (tr!("staff-confirm")) }
                }
            } @else {
                p { (tr!("staff-totp-why")) }
                form method="post" action="/account/tweede-stap/start" {
                    (csrf_field(&user.csrf_token))
                    button type="submit" { (tr!("staff-totp-start")) }
                }
            }
        },
    )
}
