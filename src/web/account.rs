//! Sign-in (password, then the authenticator code), sign-out, registration of initiators,
//! and setting up the second factor.

use crate::tr;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

use super::csrf::{form_token, pre_session_cookie, with_pre_cookie, CsrfForm};
use super::error::WebError;
use super::respond::{html, html_status, redirect};
use super::run_db;
use super::session::{removal_cookie, session_cookie, MaybeStaff, SignedIn};
use crate::domain::form_errors::FormErrors;
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
        .route("/account/sessies/beeindigen", web::post().to(end_session))
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

/// The client's throttle key (one rule for the whole site: `client_addr`).
pub fn client_ip(req: &HttpRequest) -> String {
    super::client_addr::client_key(req)
}

/// Render a page anyone may open, with the form token that fits (the session's when
/// somebody is signed in, else the pre-session cookie's).
fn anonymous_page(
    req: &HttpRequest,
    state: &AppState,
    signed_in: Option<&auth::SessionUser>,
    status: StatusCode,
    render: impl FnOnce(&str) -> maud::Markup,
) -> HttpResponse {
    let (token, fresh) = form_token(req, signed_in);
    with_pre_cookie(html_status(status, render(&token)), state, &token, fresh)
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
    MaybeStaff(who): MaybeStaff,
    q: web::Query<BackQuery>,
) -> HttpResponse {
    let notice = q
        .geregistreerd
        .as_ref()
        .map(|_| tr!("staff-login-registered"));
    anonymous_page(&req, &state, who.as_ref(), StatusCode::OK, |t| {
        views::auth::login(t, "", &q.terug, &[], notice.as_deref())
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

/// One message on one field (a refusal that is about the whole form, shown on its first
/// field).
fn on(field: &str, message: &str) -> FormErrors {
    let mut errors = FormErrors::new();
    errors.add(field, message);
    errors
}

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
    // A session this browser had ends below, so what follows is shown as to a visitor.
    let who: Option<auth::SessionUser> = None;
    drop(form.staff);
    let f = form.data;
    // Both fields are checked before anything else, so both problems show at once.
    let problems = auth::check_login_form(&f.email, &f.password);
    if !problems.is_empty() {
        return Ok(anonymous_page(
            &req,
            &state,
            who.as_ref(),
            StatusCode::UNPROCESSABLE_ENTITY,
            |t| views::auth::login(t, &f.email, &f.terug, &problems, None),
        ));
    }
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
        auth::login(c, &email, &password, &ip, crate::service::now(), policy)
    })
    .await?;
    match outcome {
        LoginOutcome::Session(s) => signed_in(&state, &s, &f.terug),
        LoginOutcome::NeedsCode { ticket } => Ok(anonymous_page(
            &req,
            &state,
            who.as_ref(),
            StatusCode::OK,
            |t| views::auth::login_code(t, &ticket, &f.terug, &[]),
        )),
        LoginOutcome::Refused => Ok(anonymous_page(
            &req,
            &state,
            who.as_ref(),
            StatusCode::UNPROCESSABLE_ENTITY,
            |t| {
                views::auth::login(
                    t,
                    &f.email,
                    &f.terug,
                    &on("email", &tr!("staff-login-refused")),
                    None,
                )
            },
        )),
        LoginOutcome::Throttled => Ok(anonymous_page(
            &req,
            &state,
            who.as_ref(),
            StatusCode::TOO_MANY_REQUESTS,
            |t| {
                views::auth::login(
                    t,
                    &f.email,
                    &f.terug,
                    &on("email", &tr!("staff-login-throttled")),
                    None,
                )
            },
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
    let who = form.staff;
    let f = form.data;
    let problems = auth::check_code_form(&f.code);
    if !problems.is_empty() {
        return Ok(anonymous_page(
            &req,
            &state,
            who.as_ref(),
            StatusCode::UNPROCESSABLE_ENTITY,
            |t| views::auth::login_code(t, &f.ticket, &f.terug, &problems),
        ));
    }
    let policy = state.settings.session_policy();
    let (ticket, code, ip) = (f.ticket.clone(), f.code.clone(), client_ip(&req));
    let sealer = state.sealer.clone();
    let outcome = run_db(&state, move |c| {
        let now = crate::service::now();
        auth::complete_login(c, &sealer, &ticket, &code, &ip, now, policy)
    })
    .await?;
    match outcome {
        LoginOutcome::Session(s) => signed_in(&state, &s, &f.terug),
        LoginOutcome::Throttled => Ok(anonymous_page(
            &req,
            &state,
            who.as_ref(),
            StatusCode::TOO_MANY_REQUESTS,
            |t| {
                views::auth::login(
                    t,
                    "",
                    &f.terug,
                    &on("email", &tr!("staff-login-throttled")),
                    None,
                )
            },
        )),
        _ => Ok(anonymous_page(
            &req,
            &state,
            who.as_ref(),
            StatusCode::UNPROCESSABLE_ENTITY,
            |t| {
                views::auth::login_code(
                    t,
                    &f.ticket,
                    &f.terug,
                    &on("code", &tr!("staff-code-refused")),
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

async fn register_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    MaybeStaff(who): MaybeStaff,
) -> HttpResponse {
    anonymous_page(&req, &state, who.as_ref(), StatusCode::OK, |t| {
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
    let who = form.staff;
    let f = form.data;
    // Every field is checked first, so all problems show at once; the service checks
    // them again when it saves.
    let problems = auth::check_new_account(
        &f.email,
        &f.name,
        crate::domain::role::Role::Initiator,
        "",
        &f.password,
    );
    if !problems.is_empty() {
        return Ok(anonymous_page(
            &req,
            &state,
            who.as_ref(),
            StatusCode::UNPROCESSABLE_ENTITY,
            |t| views::auth::register(t, &f.email, &f.name, &problems),
        ));
    }
    let (email, name, password) = (f.email.clone(), f.name.clone(), f.password.clone());
    let ip = client_ip(&req);
    match run_db(&state, move |c| {
        auth::register(c, &email, &name, &password, &ip, crate::service::now())
    })
    .await
    {
        // The same answer whether the account was made or the address was known (its
        // owner gets a notice by mail): the page does not tell who has an account.
        Ok(auth::Registration::Created(_) | auth::Registration::ExistingNotified) => {
            Ok(redirect("/inloggen?geregistreerd=1"))
        }
        Ok(auth::Registration::Throttled) => {
            let errors = on("email", &tr!("staff-register-throttled"));
            Ok(anonymous_page(
                &req,
                &state,
                who.as_ref(),
                StatusCode::TOO_MANY_REQUESTS,
                |t| views::auth::register(t, &f.email, &f.name, &errors),
            ))
        }
        Err(ServiceError::Invalid { field, message }) => {
            let errors = on(field, &message.to_string());
            Ok(anonymous_page(
                &req,
                &state,
                who.as_ref(),
                StatusCode::UNPROCESSABLE_ENTITY,
                |t| views::auth::register(t, &f.email, &f.name, &errors),
            ))
        }
        Err(e) => Err(e.into()),
    }
}

async fn account(
    state: web::Data<AppState>,
    SignedIn(user): SignedIn,
) -> Result<HttpResponse, WebError> {
    let u = user.clone();
    let sessions = run_db(&state, move |c| {
        auth::own_sessions(c, &u, crate::service::now())
    })
    .await?;
    Ok(html(views::auth::account(&user, &sessions)))
}

#[derive(Deserialize)]
struct EndSessionForm {
    #[serde(default)]
    sessie: String,
}

/// End one of one's own other sessions (ending the current one is signing out).
async fn end_session(
    state: web::Data<AppState>,
    SignedIn(user): SignedIn,
    form: CsrfForm<EndSessionForm>,
) -> Result<HttpResponse, WebError> {
    let id = form.data.sessie;
    let u = user.clone();
    run_db(&state, move |c| auth::end_own_session(c, &u, &id)).await?;
    Ok(redirect("/account"))
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
    let problems = auth::check_code_form(&f.code);
    if !problems.is_empty() {
        return Ok(html_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            views::auth::second_factor(&user, Some((&f.secret, &f.url)), &problems),
        ));
    }
    let (uid, code) = (user.user_id.clone(), f.code.clone());
    let sealer = state.sealer.clone();
    match run_db(&state, move |c| {
        auth::confirm_totp(c, &sealer, &uid, &code, crate::service::now())
    })
    .await
    {
        Ok(()) => Ok(redirect("/account?tweede-stap=aan")),
        Err(ServiceError::Invalid { message, .. }) => Ok(html_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            views::auth::second_factor(
                &user,
                Some((&f.secret, &f.url)),
                &on("code", &message.to_string()),
            ),
        )),
        Err(e) => Err(e.into()),
    }
}
