//! The one home of the HTML responses every handler sends: pages and redirects are never
//! cached (they show personal data or follow a change).

use actix_web::http::{header, StatusCode};
use actix_web::HttpResponse;

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

/// 303 See Other after a form (post/redirect/get).
pub(crate) fn redirect(to: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, to.to_string()))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .finish()
}
