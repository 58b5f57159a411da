//! The confirmation page of an irreversible step (opening voting, counting, closing,
//! approving money, revoking a role, blocking an account). It says what will happen, with
//! the amounts and counts, and has one form that does it and a link back that does
//! nothing. It works without JavaScript: the step is only done by the POST from this page.

use maud::{html, Markup};

use super::components::csrf_field;
use super::layout::{page, Nav};
use crate::service::auth::SessionUser;
use crate::tr;

/// The field that marks a POST as coming from the confirmation page.
pub const CONFIRM_FIELD: &str = "bevestigd";
/// Its value.
pub const CONFIRM_VALUE: &str = "ja";

pub struct Confirmation {
    /// The question, as the page title: "Stemmen openen voor ronde 2 van 2027?".
    pub title: String,
    /// What will happen, one sentence a line, with amounts and counts.
    pub consequences: Vec<String>,
    /// Where the form posts (the step's own address).
    pub action: String,
    /// Fields of the first form that go along again (a decision's reason, ...).
    pub kept: Vec<(String, String)>,
    /// The text of the button that does it.
    pub confirm_label: String,
    /// Where "terug" goes: the page the step was started from.
    pub back: String,
    /// The menu item to mark as current.
    pub current: &'static str,
}

pub fn confirm(user: &SessionUser, c: &Confirmation) -> Markup {
    page(
        &c.title,
        &Nav {
            user: Some(user),
            current: c.current,
        },
        html! {
            h1 { (c.title) }
            div class="confirm" {
                h2 { (tr!("confirm-what-happens")) }
                ul {
                    @for line in &c.consequences { li { (line) } }
                }
                p { strong { (tr!("confirm-no-undo")) } }
            }
            form class="confirm-actions" method="post" action=(c.action) {
                (csrf_field(&user.csrf_token))
                @for (name, value) in &c.kept {
                    input type="hidden" name=(name) value=(value);
                }
                input type="hidden" name=(CONFIRM_FIELD) value=(CONFIRM_VALUE);
                button type="submit" class="danger" { (c.confirm_label) }
                " "
                a class="button secondary" href=(c.back) { (tr!("confirm-back")) }
            }
        },
    )
}
