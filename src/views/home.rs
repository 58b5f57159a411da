use maud::{html, Markup};

use super::layout::{page, Nav};
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
            @if let Some(u) = user {
                p { "U bent ingelogd als " (u.display_name) ". " a href="/financien/begroting" { "Naar de begroting" } }
            } @else {
                p { a href="/inloggen" { "Inloggen voor medewerkers" } }
            }
        },
    )
}
