//! The one home of the HTML responses every handler sends: pages and redirects are never
//! cached (they show personal data or follow a change).

use actix_web::http::{header, StatusCode};
use actix_web::HttpResponse;

use super::error::WebError;
use crate::domain::form_errors::FormErrors;
use crate::service::ServiceError;
use crate::views::admin::Shown;

/// A page with 200 OK.
pub(crate) fn html(markup: maud::Markup) -> HttpResponse {
    html_status(StatusCode::OK, markup)
}

/// A page with another status (422 for a form with errors, 403, ...).
pub(crate) fn html_status(status: StatusCode, markup: maud::Markup) -> HttpResponse {
    HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(markup.into_string())
}

/// A page anyone may open, with the form token that fits: the session's when somebody is
/// signed in, else the pre-session cookie's (set on the answer when it is new).
pub(crate) fn anonymous_page(
    req: &actix_web::HttpRequest,
    state: &crate::state::AppState,
    signed_in: Option<&crate::service::auth::SessionUser>,
    status: StatusCode,
    render: impl FnOnce(&str) -> maud::Markup,
) -> HttpResponse {
    let (token, fresh) = super::csrf::form_token(req, signed_in);
    super::csrf::with_pre_cookie(html_status(status, render(&token)), state, &token, fresh)
}

/// 303 See Other after a form (post/redirect/get).
pub(crate) fn redirect(to: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, to.to_string()))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .finish()
}

/// A download (CSV for Excel and the like): never cached, saved under `file_name`.
pub(crate) fn download(
    content_type: &str,
    file_name: &str,
    body: impl actix_web::body::MessageBody + 'static,
) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{file_name}\""),
        ))
        .body(body)
}

/// A CSV file to download (UTF-8, opens in Excel).
pub(crate) fn csv_download(
    file_name: &str,
    csv: impl actix_web::body::MessageBody + 'static,
) -> HttpResponse {
    download("text/csv; charset=utf-8", file_name, csv)
}

/// What a page with a form shows: nothing yet, the notice of a change that was made, or
/// the Dutch problems of a refused change (HTTP 422; the page keeps what was typed).
/// Every form page sorts a service answer through here, so a refusal is shown the same
/// way everywhere and any other error becomes an error page, never a form.
#[derive(Debug, Default)]
pub(crate) enum FormState {
    #[default]
    Fresh,
    Done(String),
    Refused(FormErrors),
}

impl FormState {
    /// Success becomes the notice that `done` writes, a refusal the problem on its field;
    /// any other error stays an error.
    pub(crate) fn after<T>(
        answer: Result<T, ServiceError>,
        done: impl FnOnce(T) -> String,
    ) -> Result<Self, WebError> {
        Ok(match Self::split(answer)? {
            Ok(value) => Self::Done(done(value)),
            Err(refused) => refused,
        })
    }

    /// The value of a successful answer, or the refusal to show on the form (`Err`); any
    /// other error is the outer `Err`.
    pub(crate) fn split<T>(answer: Result<T, ServiceError>) -> Result<Result<T, Self>, WebError> {
        match answer {
            Ok(value) => Ok(Ok(value)),
            Err(ServiceError::Invalid { field, message }) => {
                let mut errors = FormErrors::new();
                errors.add(field, message);
                Ok(Err(Self::Refused(errors)))
            }
            Err(e) => Err(e.into()),
        }
    }

    /// The form's own checks first: every problem found there is shown at once (422).
    /// Only a form without problems goes on to the service.
    pub(crate) fn checked(errors: FormErrors) -> Result<(), Self> {
        if errors.is_empty() {
            Ok(())
        } else {
            Err(Self::Refused(errors))
        }
    }

    /// The refusal shown on the form's own field (a page with one field per form).
    pub(crate) fn on_field(self, field: &str) -> Self {
        match self {
            Self::Refused(errors) => Self::Refused(
                errors
                    .into_vec()
                    .into_iter()
                    .map(|(_, message)| (field.to_string(), message))
                    .collect(),
            ),
            other => other,
        }
    }

    pub(crate) fn refused(&self) -> bool {
        matches!(self, Self::Refused(_))
    }

    pub(crate) fn errors(&self) -> &[(String, String)] {
        match self {
            Self::Refused(errors) => errors,
            _ => &[],
        }
    }

    pub(crate) fn notice(&self) -> Option<&str> {
        match self {
            Self::Done(notice) => Some(notice),
            _ => None,
        }
    }

    /// 422 for a refused change (the form again), else 200.
    pub(crate) fn status(&self) -> StatusCode {
        if self.refused() {
            StatusCode::UNPROCESSABLE_ENTITY
        } else {
            StatusCode::OK
        }
    }

    /// The page for this state: `render` gets the state, the status goes on the answer.
    pub(crate) fn page(&self, render: impl FnOnce(&Self) -> maud::Markup) -> HttpResponse {
        html_status(self.status(), render(self))
    }

    /// What a form page shows after a form, as the views take it: what was typed (`kept`)
    /// only after a refusal (after a change the forms are empty again).
    pub(crate) fn shown<'a>(&'a self, kept: &'a [(String, String)]) -> Shown<'a> {
        Shown {
            errors: self.errors(),
            notice: self.notice(),
            kept: if self.refused() { kept } else { &[] },
        }
    }

    /// [`FormState::page`] for the administration pages, whose views take a [`Shown`].
    pub(crate) fn form_page(
        &self,
        kept: &[(String, String)],
        render: impl FnOnce(Shown) -> maud::Markup,
    ) -> HttpResponse {
        html_status(self.status(), render(self.shown(kept)))
    }
}

/// The fields of a form as [`Shown`] keeps them.
pub(crate) fn kept(fields: &[(&str, &str)]) -> Vec<(String, String)> {
    fields
        .iter()
        .map(|(field, value)| (field.to_string(), value.to_string()))
        .collect()
}
