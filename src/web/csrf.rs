//! CSRF defence: a synchronizer token in every form (the session's token once signed in,
//! a pre-session cookie token on the login form), compared in constant time, plus a
//! Sec-Fetch-Site / Origin check on every request that is not GET or HEAD.

use std::future::Future;
use std::pin::Pin;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::cookie::{Cookie, SameSite};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::middleware::Next;
use actix_web::{web, FromRequest, HttpRequest};
use serde::de::DeserializeOwned;
use subtle::ConstantTimeEq;

use super::error::WebError;
use super::session::current;
use crate::service::auth::SessionUser;
use crate::state::AppState;

/// The pre-session cookie's name: `__Host-` prefixed (and Secure) wherever the session
/// cookie is, so a sibling subdomain or a plain-HTTP man in the middle cannot plant one.
pub fn pre_session_cookie_name(state: &AppState) -> &'static str {
    if state.settings.cookies_secure() {
        "__Host-bb_pre"
    } else {
        "bb_pre"
    }
}

pub fn tokens_match(sent: &str, expected: &str) -> bool {
    !sent.is_empty()
        && !expected.is_empty()
        && bool::from(sent.as_bytes().ct_eq(expected.as_bytes()))
}

/// Refuse cross-site state changes before any handler runs; add HSTS when served over TLS.
pub async fn reject_cross_site(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let safe = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if !safe && !same_origin(req.request()) {
        let resp = WebError::Csrf.into_response(req.request());
        return Ok(req.into_response(resp));
    }
    let secure = req
        .app_data::<web::Data<AppState>>()
        .map(|s| s.settings.cookies_secure())
        .unwrap_or(false);
    let mut resp = next.call(req).await?.map_into_boxed_body();
    if secure {
        // Served over TLS (secure cookies): browsers must keep using HTTPS.
        resp.headers_mut().insert(
            actix_web::http::header::STRICT_TRANSPORT_SECURITY,
            actix_web::http::header::HeaderValue::from_static(
                "max-age=31536000; includeSubDomains",
            ),
        );
    }
    Ok(resp)
}

fn same_origin(req: &HttpRequest) -> bool {
    if let Some(site) = req
        .headers()
        .get("Sec-Fetch-Site")
        .and_then(|v| v.to_str().ok())
    {
        return matches!(site, "same-origin" | "none");
    }
    if let Some(origin) = req.headers().get("Origin").and_then(|v| v.to_str().ok()) {
        // The Host header; forwarded host headers only from a trusted proxy (anyone else
        // could send X-Forwarded-Host: evil.example along with Origin: evil.example).
        let host = if super::client_addr::from_trusted_proxy(req) {
            req.connection_info().host().to_string()
        } else {
            req.headers()
                .get(actix_web::http::header::HOST)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
                .or_else(|| req.uri().authority().map(|a| a.to_string()))
                .unwrap_or_default()
        };
        let origin_host = origin
            .split_once("://")
            .map(|(_, rest)| rest)
            .unwrap_or(origin);
        return origin != "null" && origin_host == host;
    }
    // Non-browser clients (scripts, curl) send neither header; the token still applies.
    true
}

/// The pre-session token for forms shown to visitors who are not signed in.
pub fn pre_session_token(req: &HttpRequest) -> Option<String> {
    let state = req.app_data::<web::Data<AppState>>()?;
    req.cookie(pre_session_cookie_name(state))
        .map(|c| c.value().to_string())
        .filter(|v| v.len() == 64)
}

pub fn pre_session_cookie(state: &AppState, token: &str) -> Cookie<'static> {
    Cookie::build(pre_session_cookie_name(state), token.to_string())
        .path("/")
        .http_only(true)
        .secure(state.settings.cookies_secure())
        .same_site(SameSite::Strict)
        .finish()
}

/// The form token of a page anyone may open (login, registration, voting): the session's
/// token when somebody is signed in (CsrfForm then expects that one), otherwise the
/// pre-session cookie's, made when missing (`true`: set the cookie, `with_pre_cookie`).
pub fn form_token(req: &HttpRequest, signed_in: Option<&SessionUser>) -> (String, bool) {
    if let Some(s) = signed_in {
        return (s.csrf_token.clone(), false);
    }
    match pre_session_token(req) {
        Some(t) => (t, false),
        None => (crate::service::auth::random_token(), true),
    }
}

pub fn with_pre_cookie(
    mut resp: actix_web::HttpResponse,
    state: &AppState,
    token: &str,
    fresh: bool,
) -> actix_web::HttpResponse {
    if fresh {
        let _ = resp.add_cookie(&pre_session_cookie(state, token));
    }
    resp
}

/// A url-encoded form whose `csrf_token` field was checked against the session (or the
/// pre-session cookie). Handlers that change state take this instead of `web::Form`, so
/// no form can skip the check.
pub struct CsrfForm<T> {
    pub data: T,
    pub staff: Option<SessionUser>,
}

#[derive(serde::Deserialize)]
struct TokenOnly {
    #[serde(default)]
    csrf_token: String,
}

impl<T: DeserializeOwned + 'static> FromRequest for CsrfForm<T> {
    type Error = WebError;
    type Future = Pin<Box<dyn Future<Output = Result<CsrfForm<T>, WebError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut actix_web::dev::Payload) -> Self::Future {
        let req = req.clone();
        let body = web::Bytes::from_request(&req, payload);
        Box::pin(async move {
            let body = body.await.map_err(|_| WebError::BadRequest)?;
            let token: TokenOnly =
                serde_urlencoded::from_bytes(&body).map_err(|_| WebError::Csrf)?;
            let staff = current(&req).await?;
            // Signed in: the session's token only (a planted pre-session cookie must not
            // stand in for it). Not signed in: the pre-session token of the anonymous forms.
            let session_ok = staff
                .as_ref()
                .is_some_and(|s| tokens_match(&token.csrf_token, &s.csrf_token));
            let pre_ok = staff.is_none()
                && pre_session_token(&req)
                    .is_some_and(|expected| tokens_match(&token.csrf_token, &expected));
            if !(session_ok || pre_ok) {
                return Err(WebError::Csrf);
            }
            // PostgreSQL cannot store a NUL and nobody types one (`nul_guard`).
            if super::nul_guard::form_has_nul(&body) {
                return Err(WebError::BadRequest);
            }
            let data: T = serde_urlencoded::from_bytes(&body).map_err(|_| WebError::BadRequest)?;
            Ok(CsrfForm { data, staff })
        })
    }
}
