//! The visitor's language: read from the `taal` cookie around every request (Dutch when
//! none was chosen), and chosen with the link in the page header (`/taal/en?terug=...`),
//! which sets the cookie and sends the visitor back to the page they were on. Works
//! without JavaScript.

use actix_web::body::MessageBody;
use actix_web::cookie::{time::Duration, Cookie, SameSite};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

use super::error::WebError;
use super::local_path::local_return_path;
use crate::i18n::{self, Lang, RequestLang};
use crate::state::AppState;

/// The cookie that remembers the choice.
pub const COOKIE: &str = "taal";

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/taal/{code}", web::get().to(choose));
}

/// The language of a request: the cookie's, else Dutch.
pub fn of_request(req: &HttpRequest) -> Lang {
    req.cookie(COOKIE)
        .and_then(|c| Lang::parse(c.value()))
        .unwrap_or_default()
}

/// Middleware: the rest of the request runs with its language (see `i18n::current`).
pub async fn scope_language(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let ctx = RequestLang {
        lang: of_request(req.request()),
        path: req
            .uri()
            .path_and_query()
            .map_or_else(|| "/".to_string(), |p| p.as_str().to_string()),
    };
    i18n::scope(ctx, next.call(req)).await
}

#[derive(Deserialize)]
struct Back {
    terug: Option<String>,
}

/// `GET /taal/en?terug=/rondes`: remember the language, go back (a local path only).
async fn choose(
    state: web::Data<AppState>,
    code: web::Path<String>,
    back: web::Query<Back>,
) -> Result<HttpResponse, WebError> {
    let lang = Lang::parse(&code).ok_or(WebError::NotFound)?;
    let to = back
        .terug
        .as_deref()
        .and_then(local_return_path)
        .unwrap_or("/");
    let cookie = Cookie::build(COOKIE, lang.code())
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(state.settings.cookies_secure())
        .max_age(Duration::days(365))
        .finish();
    let mut response = super::respond::redirect(to);
    // A cookie that cannot be added is only a preference lost, never an error page.
    if let Err(e) = response.add_cookie(&cookie) {
        tracing::warn!(error = %e, "language cookie not set");
    }
    Ok(response)
}
