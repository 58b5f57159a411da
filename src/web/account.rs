//! Sign-in (password, then the authenticator code), sign-out, registration of initiators,
//! and setting up the second factor.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

use super::csrf::{pre_session_cookie, pre_session_token, CsrfForm};
use super::error::WebError;
use super::respond::{html, html_status, redirect};
use super::run_db;
use super::session::{removal_cookie, session_cookie, SignedIn};
use crate::service::auth::{self, LoginOutcome};
use crate::service::ServiceError;
use crate::state::AppState;
use crate::views;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/inloggen", web::get().to(login_form))
        .route("/inloggen", web::post().to(login))
        .route("/inloggen/code", web::post().to(login_code))
        .route("/uitloggen", web::post().to(logout))
        .route("/registreren", web::get().to(register_form))
        .route("/registreren", web::post().to(register))
        .route("/account", web::get().to(account))
        .route("/account/tweede-stap", web::get().to(second_factor))
        .route(
            "/account/tweede-stap/start",
            web::post().to(second_factor_start),
        )
        .route(
            "/account/tweede-stap/bevestigen",
            web::post().to(second_factor_confirm),
        );
}

pub fn client_ip(req: &HttpRequest) -> String {
    req.peer_addr()
        .map(|a| a.ip().to_string())
        .unwrap_or_else(|| "unknown".into())
}

/// Render a page for visitors who are not signed in, with a pre-session CSRF token.
fn anonymous_page(
    req: &HttpRequest,
    state: &AppState,
    status: StatusCode,
    render: impl FnOnce(&str) -> maud::Markup,
) -> HttpResponse {
    let token = pre_session_token(req).unwrap_or_else(auth::random_token);
    let mut resp = html_status(status, render(&token));
    let _ = resp.add_cookie(&pre_session_cookie(state, &token));
    resp
}

#[derive(Deserialize)]
struct BackQuery {
    #[serde(default)]
    terug: String,
    #[serde(default)]
    geregistreerd: Option<String>,
}

async fn login_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    q: web::Query<BackQuery>,
) -> HttpResponse {
    let notice = q
        .geregistreerd
        .as_ref()
        .map(|_| "Uw account is aangemaakt. U kunt nu inloggen.");
    anonymous_page(&req, &state, StatusCode::OK, |t| {
        views::auth::login(t, "", &q.terug, None, notice)
    })
}

#[derive(Deserialize)]
struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    terug: String,
}

const REFUSED: &str = "Deze combinatie van e-mailadres en wachtwoord kennen we niet.";
const THROTTLED: &str =
    "Er is te vaak verkeerd ingelogd. Wacht 15 minuten en probeer het dan opnieuw.";

fn signed_in(state: &AppState, s: &auth::NewSession, back: &str) -> Result<HttpResponse, WebError> {
    // A fresh session token at every login; the pre-session token is used up.
    let mut resp = redirect(super::local_path::local_or(back, s.landing));
    resp.add_cookie(&session_cookie(state, &s.token, s.staff))
        .map_err(WebError::internal)?;
    let mut pre = pre_session_cookie(state, "");
    pre.make_removal();
    resp.add_cookie(&pre).map_err(WebError::internal)?;
    Ok(resp)
}

async fn login(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: CsrfForm<LoginForm>,
) -> Result<HttpResponse, WebError> {
    let f = form.data;
    let policy = state.settings.session_policy();
    let (email, password, ip) = (f.email.clone(), f.password.clone(), client_ip(&req));
    // A session this browser already had ends here: every login gets a new session id.
    let previous = req
        .cookie(super::session::cookie_name(&state))
        .map(|c| auth::hash_token(c.value()));
    let outcome = run_db(&state, move |c| {
        if let Some(th) = &previous {
            auth::logout(c, th)?;
        }
        auth::login(c, &email, &password, &ip, crate::db::repo::now(), policy)
    })
    .await?;
    match outcome {
        LoginOutcome::Session(s) => signed_in(&state, &s, &f.terug),
        LoginOutcome::NeedsCode { ticket } => {
            Ok(anonymous_page(&req, &state, StatusCode::OK, |t| {
                views::auth::login_code(t, &ticket, &f.terug, None)
            }))
        }
        LoginOutcome::Refused => Ok(anonymous_page(
            &req,
            &state,
            StatusCode::UNPROCESSABLE_ENTITY,
            |t| views::auth::login(t, &f.email, &f.terug, Some(REFUSED), None),
        )),
        LoginOutcome::Throttled => Ok(anonymous_page(
            &req,
            &state,
            StatusCode::TOO_MANY_REQUESTS,
            |t| views::auth::login(t, &f.email, &f.terug, Some(THROTTLED), None),
        )),
    }
}

#[derive(Deserialize)]
struct CodeForm {
    #[serde(default)]
    ticket: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    terug: String,
}

async fn login_code(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: CsrfForm<CodeForm>,
) -> Result<HttpResponse, WebError> {
    let f = form.data;
    let policy = state.settings.session_policy();
    let (ticket, code, ip) = (f.ticket.clone(), f.code.clone(), client_ip(&req));
    let sealer = state.sealer.clone();
    let outcome = run_db(&state, move |c| {
        let now = crate::db::repo::now();
        auth::complete_login(c, &sealer, &ticket, &code, &ip, now, policy)
    })
    .await?;
    match outcome {
        LoginOutcome::Session(s) => signed_in(&state, &s, &f.terug),
        LoginOutcome::Throttled => Ok(anonymous_page(
            &req,
            &state,
            StatusCode::TOO_MANY_REQUESTS,
            |t| views::auth::login(t, "", &f.terug, Some(THROTTLED), None),
        )),
        _ => Ok(anonymous_page(
            &req,
            &state,
            StatusCode::UNPROCESSABLE_ENTITY,
            |t| {
                views::auth::login_code(
                t,
                &f.ticket,
                &f.terug,
                Some("Deze code klopt niet of is verlopen. Vul de nieuwste code uit de app in, of log opnieuw in."),
            )
            },
        )),
    }
}

#[derive(Deserialize)]
struct Empty {}

async fn logout(
    state: web::Data<AppState>,
    form: CsrfForm<Empty>,
) -> Result<HttpResponse, WebError> {
    if let Some(s) = form.staff {
        let th = s.token_hash.clone();
        run_db(&state, move |c| auth::logout(c, &th)).await?;
    }
    let mut resp = redirect("/");
    resp.add_cookie(&removal_cookie(&state))
        .map_err(WebError::internal)?;
    Ok(resp)
}

async fn register_form(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    anonymous_page(&req, &state, StatusCode::OK, |t| {
        views::auth::register(t, "", "", &[])
    })
}

#[derive(Deserialize)]
struct RegisterForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    password: String,
}

async fn register(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: CsrfForm<RegisterForm>,
) -> Result<HttpResponse, WebError> {
    let f = form.data;
    let (email, name, password) = (f.email.clone(), f.name.clone(), f.password.clone());
    match run_db(&state, move |c| {
        auth::register_initiator(c, &email, &name, &password)
    })
    .await
    {
        Ok(_) => Ok(redirect("/inloggen?geregistreerd=1")),
        Err(ServiceError::Invalid { field, message }) => {
            // The same answer whether or not the address exists would need an e-mail
            // round trip; we say it plainly (registration is rate-limited per address by
            // the login throttle on the next step).
            let errors = vec![(field.to_string(), message)];
            Ok(anonymous_page(
                &req,
                &state,
                StatusCode::UNPROCESSABLE_ENTITY,
                |t| views::auth::register(t, &f.email, &f.name, &errors),
            ))
        }
        Err(e) => Err(e.into()),
    }
}

async fn account(SignedIn(user): SignedIn) -> HttpResponse {
    html(views::auth::account(&user))
}

async fn second_factor(SignedIn(user): SignedIn) -> HttpResponse {
    html(views::auth::second_factor(&user, None, &[]))
}

async fn second_factor_start(
    state: web::Data<AppState>,
    SignedIn(user): SignedIn,
    _form: CsrfForm<Empty>,
) -> Result<HttpResponse, WebError> {
    let uid = user.user_id.clone();
    let sealer = state.sealer.clone();
    let (secret, url) = run_db(&state, move |c| auth::begin_totp(c, &sealer, &uid)).await?;
    Ok(html(views::auth::second_factor(
        &user,
        Some((&secret, &url)),
        &[],
    )))
}

#[derive(Deserialize)]
struct ConfirmForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    secret: String,
    #[serde(default)]
    url: String,
}

async fn second_factor_confirm(
    state: web::Data<AppState>,
    SignedIn(user): SignedIn,
    form: CsrfForm<ConfirmForm>,
) -> Result<HttpResponse, WebError> {
    let f = form.data;
    let (uid, code) = (user.user_id.clone(), f.code.clone());
    let sealer = state.sealer.clone();
    match run_db(&state, move |c| {
        auth::confirm_totp(c, &sealer, &uid, &code, crate::db::repo::now())
    })
    .await
    {
        Ok(()) => Ok(redirect("/account?tweede-stap=aan")),
        Err(ServiceError::Invalid { message, .. }) => Ok(html_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            views::auth::second_factor(
                &user,
                Some((&f.secret, &f.url)),
                &[("code".to_string(), message)],
            ),
        )),
        Err(e) => Err(e.into()),
    }
}
