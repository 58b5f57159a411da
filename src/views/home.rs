use maud::{html, Markup};

use super::layout::{page, Nav};
use crate::domain::role::{allows, Permission};
use crate::service::auth::SessionUser;

pub fn home(user: Option<&SessionUser>) -> Markup {
    page(
        "Welkom",
        &Nav { user, current: "/" },
        html! {
            h1 { "Burgerbegroting" }
            p { "Een deel van de gemeentebegroting wordt besteed door de inwoners zelf. "
                "De gemeente zet geld van de begroting in een pot per dorp of wijk. "
                "Inwoners bedenken plannen en stemmen over wat er met dat geld gebeurt." }
            p { a class="button" href="/stemmen" { "Stemmen met de code uit uw brief" } }
            p { a href="/rondes" { "Bekijk de plannen, stemrondes en uitslagen per dorp" } }
            p { a href="/dorpen" { "Zie per dorp waar het geld vandaan komt en waar het naartoe gaat" } }
            p { "Wilt u zelf een plan indienen? " a href="/registreren" { "Maak een account" } "." }
            p { "Heeft u gestemd? " a href="/audit" { "Controleer of uw stem in het logboek staat" } "." }
            @if let Some(u) = user {
                p {
                    "U bent ingelogd als " (u.display_name) ". "
                    @if allows(&u.roles, Permission::ViewAuditReport) {
                        a href="/raad" { "Naar het overzicht voor de raad" }
                    } @else if allows(&u.roles, Permission::ViewFinance) {
                        a href="/financien/begroting" { "Naar de begroting" }
                    } @else {
                        a href="/rondes" { "Naar de rondes" }
                    }
                }
            } @else {
                p { a href="/inloggen" { "Inloggen voor medewerkers" } }
            }
        },
    )
}

pub fn privacy(user: Option<&SessionUser>) -> Markup {
    page(
        "Privacy",
        &Nav {
            user,
            current: "/privacy",
        },
        html! {
            h1 { "Hoe we met uw gegevens omgaan" }
            p { "Voor stemmen heeft u geen account nodig. Uw stemcode staat niet op naam: wij weten niet wie welke code heeft. We bewaren geen namen, adressen of BSN's van kiezers." }
            p { "Maakt u een account om een plan in te dienen? Dan bewaren we alleen uw e-mailadres, uw naam en uw plannen. Uw wachtwoord bewaren we niet zelf, alleen een versleutelde controlewaarde." }
            p { "Medewerkers van de gemeente loggen in met een wachtwoord en een code uit een app. Alles wat zij met het geld doen, wordt vastgelegd, zodat de gemeenteraad het kan controleren." }
            p { "Hoe lang we welke gegevens bewaren, staat in de technische beschrijving (docs/security.md). Vragen? Neem contact op met de gemeente." }
        },
    )
}
