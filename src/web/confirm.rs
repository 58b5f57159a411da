//! Irreversible steps ask first. The step's own POST without the marker field
//! (`bevestigd=ja`) only shows the confirmation page (nothing changes); the form on that
//! page posts the same address again with the marker and the CSRF token, and only that
//! does the step. GET on a step's address never changes anything (there is no GET route).

use actix_web::HttpResponse;
use serde::Deserialize;

use super::respond::html;
use crate::service::auth::SessionUser;
use crate::views;
pub(crate) use crate::views::confirm::Confirmation;
use crate::views::confirm::CONFIRM_VALUE;

/// The marker of a step's form: present only on the form of the confirmation page.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct ConfirmForm {
    #[serde(default)]
    bevestigd: String,
}

impl ConfirmForm {
    pub(crate) fn confirmed(&self) -> bool {
        is_confirmed(&self.bevestigd)
    }
}

/// True for the value the confirmation page sends (any other value asks again).
pub(crate) fn is_confirmed(value: &str) -> bool {
    value == CONFIRM_VALUE
}

/// The confirmation page (200: nothing was refused, nothing was done).
pub(crate) fn ask(user: &SessionUser, c: &Confirmation) -> HttpResponse {
    html(views::confirm::confirm(user, c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_pages_marker_confirms() {
        assert!(is_confirmed("ja"));
        assert!(!is_confirmed(""));
        assert!(!is_confirmed("JA "));
        assert!(!is_confirmed("nee"));
    }
}
