//! The signed-in staff member as an extractor, and the session cookie.

use std::future::Future;
use std::pin::Pin;

use actix_web::cookie::{Cookie, SameSite};
use actix_web::{web, FromRequest, HttpRequest};

use super::error::{ApiError, WebError};
use super::run_db;
use crate::service::auth::{session_user, SessionUser};
use crate::state::AppState;

pub fn cookie_name(state: &AppState) -> &'static str {
    if state.settings.cookies_secure() {
        "__Host-bb_session"
    } else {
        "bb_session"
    }
}

/// The session cookie: HttpOnly, `__Host-` + Secure unless plain loopback development,
/// SameSite=Strict for staff (nothing of theirs should follow a link from elsewhere) and Lax
/// for residents (a link in an e-mail should find them signed in).
pub fn session_cookie(state: &AppState, token: &str, staff: bool) -> Cookie<'static> {
    Cookie::build(cookie_name(state), token.to_string())
        .path("/")
        .http_only(true)
        .secure(state.settings.cookies_secure())
        .same_site(if staff {
            SameSite::Strict
        } else {
            SameSite::Lax
        })
        .finish()
}

pub fn removal_cookie(state: &AppState) -> Cookie<'static> {
    let mut c = session_cookie(state, "", true);
    c.make_removal();
    c
}

fn state_of(req: &HttpRequest) -> Option<AppState> {
    req.app_data::<web::Data<AppState>>()
        .map(|d| d.get_ref().clone())
}

/// Look up the session behind the request's cookie (None when absent or expired).
pub async fn current(req: &HttpRequest) -> Result<Option<SessionUser>, WebError> {
    let Some(state) = state_of(req) else {
        return Err(WebError::internal("application state missing"));
    };
    let Some(token) = req
        .cookie(cookie_name(&state))
        .map(|c| c.value().to_string())
    else {
        return Ok(None);
    };
    if token.is_empty() {
        return Ok(None);
    }
    let policy = state.settings.session_policy();
    let user = run_db(&state, move |c| {
        session_user(c, &token, crate::service::now(), policy)
    })
    .await?;
    Ok(user)
}

/// A page that needs a signed-in person; anonymous visitors go to the login page, and
/// staff who have not set up their second factor go to that page first.
pub struct Staff(pub SessionUser);

impl FromRequest for Staff {
    type Error = WebError;
    type Future = Pin<Box<dyn Future<Output = Result<Staff, WebError>>>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            match current(&req).await? {
                Some(u) => {
                    let require = state_of(&req)
                        .map(|s| s.settings.require_staff_second_factor)
                        .unwrap_or(true);
                    if require && u.is_staff() && !u.totp_enabled {
                        return Err(WebError::SecondFactorRequired);
                    }
                    Ok(Staff(u))
                }
                None => Err(WebError::LoginRequired(req.uri().to_string())),
            }
        })
    }
}

/// Signed in, whether or not the second factor is set up yet (the set-up pages).
pub struct SignedIn(pub SessionUser);

impl FromRequest for SignedIn {
    type Error = WebError;
    type Future = Pin<Box<dyn Future<Output = Result<SignedIn, WebError>>>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            match current(&req).await? {
                Some(u) => Ok(SignedIn(u)),
                None => Err(WebError::LoginRequired(req.uri().to_string())),
            }
        })
    }
}

/// Somebody who may or may not be signed in (public pages, the login page).
pub struct MaybeStaff(pub Option<SessionUser>);

impl FromRequest for MaybeStaff {
    type Error = WebError;
    type Future = Pin<Box<dyn Future<Output = Result<MaybeStaff, WebError>>>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move { Ok(MaybeStaff(current(&req).await?)) })
    }
}

/// The API's signed-in caller; answers 401 JSON instead of redirecting.
pub struct ApiStaff(pub SessionUser);

impl FromRequest for ApiStaff {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<ApiStaff, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let user = current(&req).await.map_err(ApiError::from)?;
            let Some(user) = user else {
                return Err(ApiError::unauthorized());
            };
            let require = state_of(&req)
                .map(|s| s.settings.require_staff_second_factor)
                .unwrap_or(true);
            if require && user.is_staff() && !user.totp_enabled {
                return Err(ApiError::second_factor());
            }
            // State-changing API calls carry the session's CSRF token in a header.
            if req.method() != actix_web::http::Method::GET {
                let sent = req
                    .headers()
                    .get("X-CSRF-Token")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("");
                if !super::csrf::tokens_match(sent, &user.csrf_token) {
                    return Err(ApiError::csrf());
                }
            }
            Ok(ApiStaff(user))
        })
    }
}
