//! Sign-in, registration, account and second-factor pages.

use maud::{html, Markup, PreEscaped};

use super::components::table_head;
use super::components::Col::Text;

use super::components::{csrf_field, error_summary, field, text_input};
use super::layout::{page, Nav};
use crate::domain::role::Role;
use crate::service::auth::SessionUser;

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
        "Inloggen",
        &anonymous("/inloggen"),
        html! {
            h1 { "Inloggen" }
            @if let Some(n) = notice { p class="notice" role="status" { (n) } }
            (error_summary(errors))
            form class="stack" method="post" action="/inloggen" {
                (csrf_field(csrf))
                input type="hidden" name="terug" value=(back);
                (field(errors, "email", "E-mailadres", None, |described, invalid| html! {
                    input type="email" id="email" name="email" value=(email) autocomplete="username"
                        aria-describedby=[described] aria-invalid=[invalid.then_some("true")];
                }))
                (field(errors, "password", "Wachtwoord", None, |described, invalid| html! {
                    input type="password" id="password" name="password" autocomplete="current-password"
                        aria-describedby=[described] aria-invalid=[invalid.then_some("true")];
                }))
                button type="submit" { "Inloggen" }
            }
            p { "Wilt u een plan indienen en heeft u nog geen account? " a href="/registreren" { "Maak een account" } "." }
            p { "Wilt u stemmen? Daarvoor heeft u geen account nodig: " a href="/stemmen" { "gebruik de stemcode uit uw brief" } "." }
        },
    )
}

/// The second step of signing in. The code is never sent back (it works once anyway).
pub fn login_code(csrf: &str, ticket: &str, back: &str, errors: &[(String, String)]) -> Markup {
    page(
        "Code uit de app",
        &anonymous("/inloggen"),
        html! {
            h1 { "Vul de code uit uw app in" }
            (error_summary(errors))
            p { "Open de app op uw telefoon waarmee u de tweede stap heeft ingesteld. Vul de 6 cijfers in die de app nu laat zien." }
            form class="stack" method="post" action="/inloggen/code" {
                (csrf_field(csrf))
                input type="hidden" name="ticket" value=(ticket);
                input type="hidden" name="terug" value=(back);
                (text_input(errors, "code", "Code (6 cijfers)", None, "", "text"))
                button type="submit" { "Inloggen" }
            }
        },
    )
}

pub fn register(csrf: &str, email: &str, name: &str, errors: &[(String, String)]) -> Markup {
    page(
        "Account maken",
        &anonymous("/registreren"),
        html! {
            h1 { "Account maken om een plan in te dienen" }
            p { "Met een account kunt u een plan voor uw dorp of wijk indienen en volgen. Om te stemmen heeft u geen account nodig." }
            (error_summary(errors))
            form class="stack" method="post" action="/registreren" {
                (csrf_field(csrf))
                (text_input(errors, "email", "E-mailadres", None, email, "email"))
                (text_input(errors, "name", "Uw naam", Some("Deze naam staat bij uw plan."), name, "text"))
                (text_input(errors, "password", "Wachtwoord", Some("Minstens 12 tekens. Een zin van een paar woorden is goed te onthouden en moeilijk te raden."), "", "password"))
                button type="submit" { "Account maken" }
            }
            p { "We bewaren alleen uw e-mailadres, uw naam en uw plannen. Lees " a href="/privacy" { "hoe we met uw gegevens omgaan" } "." }
        },
    )
}

pub fn account(user: &SessionUser, sessions: &[crate::service::auth::OwnSession]) -> Markup {
    page(
        "Mijn account",
        &Nav {
            user: Some(user),
            current: "/account",
        },
        html! {
            h1 { "Mijn account" }
            dl class="facts" {
                dt { "Naam" } dd { (user.display_name) }
                dt { "E-mailadres" } dd { (user.email) }
                dt { "Rollen" } dd { (user.roles.iter().map(|r| r.label_nl()).collect::<Vec<_>>().join(", ")) }
                dt { "Tweede stap" } dd {
                    @if user.totp_enabled { "Ingesteld" } @else { a href="/account/tweede-stap" { "Nog niet ingesteld" } }
                }
            }
            @if user.roles.contains(&Role::AreaCoordinator) || user.roles.contains(&Role::Admin) {
                p { a href="/gebieden" { "Mijn gebieden" } }
            }
            @if user.is_staff() {
                p { a href="/financien/begroting" { "Naar de begroting" } }
            }
            h2 { "Waar u bent ingelogd" }
            table {
                (table_head(&[Text("Ingelogd op"), Text("Laatst actief"), Text("Actie")]))
                tbody {
                    @for s in sessions {
                        tr {
                            td { (s.created_at.format("%d-%m-%Y %H:%M")) }
                            td { (s.last_seen_at.format("%d-%m-%Y %H:%M")) }
                            td {
                                @if s.current {
                                    "Deze sessie"
                                } @else {
                                    form method="post" action="/account/sessies/beeindigen" {
                                        input type="hidden" name="csrf_token" value=(user.csrf_token);
                                        input type="hidden" name="sessie" value=(s.id);
                                        button type="submit" { "Uitloggen op dit apparaat" }
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
        "Tweede stap instellen",
        &Nav {
            user: Some(user),
            current: "/account",
        },
        html! {
            h1 { "Tweede stap bij het inloggen" }
            @if user.totp_enabled {
                p class="notice" role="status" { "De tweede stap is ingesteld. Bij het inloggen vragen we steeds de code uit uw app." }
            } @else if let Some((secret, url)) = setup {
                (error_summary(errors))
                ol {
                    li { "Open een app voor inlogcodes op uw telefoon (bijvoorbeeld een authenticator-app)." }
                    li { "Scan deze QR-code met de app, of typ de sleutel over." }
                    li { "Vul hieronder de 6 cijfers in die de app laat zien." }
                }
                @if let Some(svg) = qr_svg(url) {
                    // SVG made by the qrcode library from the otpauth URI: no user text inside.
                    div class="qr" role="img" aria-label="QR-code voor de app" { (PreEscaped(svg)) }
                }
                p { "Sleutel: " code class="secret" { (secret) } }
                form class="stack" method="post" action="/account/tweede-stap/bevestigen" {
                    (csrf_field(&user.csrf_token))
                    input type="hidden" name="secret" value=(secret);
                    input type="hidden" name="url" value=(url);
                    (text_input(errors, "code", "Code uit de app (6 cijfers)", None, "", "text"))
                    button type="submit" { "Bevestigen" }
                }
            } @else {
                p { "Medewerkers loggen in met hun wachtwoord én een code uit een app op hun telefoon. Zo kan niemand met alleen uw wachtwoord bij het geld van de dorpen." }
                form method="post" action="/account/tweede-stap/start" {
                    (csrf_field(&user.csrf_token))
                    button type="submit" { "Begin met instellen" }
                }
            }
        },
    )
}
