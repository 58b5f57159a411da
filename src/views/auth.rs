use maud::{html, Markup};

use super::components::{csrf_field, error_summary, text_input};
use super::layout::{page, Nav};

pub fn login(csrf: &str, email: &str, back: &str, error: Option<&str>) -> Markup {
    let errors: Vec<(String, String)> = error
        .map(|e| vec![("email".to_string(), e.to_string())])
        .unwrap_or_default();
    page(
        "Inloggen",
        &Nav {
            user: None,
            current: "/inloggen",
        },
        html! {
            h1 { "Inloggen voor medewerkers" }
            (error_summary(&errors))
            form class="stack" method="post" action="/inloggen" {
                (csrf_field(csrf))
                input type="hidden" name="terug" value=(back);
                (text_input(&errors, "email", "E-mailadres", None, email, "email"))
                div {
                    label for="password" { "Wachtwoord" }
                    input type="password" id="password" name="password" autocomplete="current-password";
                }
                button type="submit" { "Inloggen" }
            }
        },
    )
}
