//! Sign-in (password, then the authenticator code), sign-out, registration of initiators,
//! the account page with one's sessions, changing one's password, and setting up the
//! second factor.

use crate::tr;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

use super::client_addr::client_key;
use super::csrf::{pre_session_cookie, CsrfForm};
use super::error::WebError;
use super::respond::{html, html_status, redirect, FormState};
use super::run_db;
use super::session::{removal_cookie, session_cookie, MaybeStaff, SignedIn};
use crate::domain::form_errors::FormErrors;
use crate::domain::password;
use crate::service::auth::{self, LoginOutcome};
use crate::service::users::{self, PasswordChange};
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
        .route("/account/wachtwoord", web::get().to(password_form))
        .route("/account/wachtwoord", web::post().to(change_password))
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

/// The page of a form anyone may open (sign-in, registration) with the form token that
/// fits ([`anonymous_page`](super::respond::anonymous_page)). `who` is the person signed
/// in, if anyone.
fn anonymous(
    req: &HttpRequest,
    state: &AppState,
    who: Option<&auth::SessionUser>,
    status: StatusCode,
    render: impl FnOnce(&str) -> maud::Markup,
) -> Result<HttpResponse, WebError> {
    Ok(super::respond::anonymous_page(
        req, state, who, status, render,
    ))
}

/// The status and message of a sign-in step that was not accepted: too many failures
/// (429), else the step's own refusal (422).
fn not_accepted(throttled: bool, refused: impl FnOnce() -> FormErrors) -> (StatusCode, FormErrors) {
    if throttled {
        (
            StatusCode::TOO_MANY_REQUESTS,
            on("email", &tr!("staff-login-throttled")),
        )
    } else {
        (StatusCode::UNPROCESSABLE_ENTITY, refused())
    }
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
) -> Result<HttpResponse, WebError> {
    let notice = q
        .geregistreerd
        .as_ref()
        .map(|_| tr!("staff-login-registered"));
    anonymous(&req, &state, who.as_ref(), StatusCode::OK, |t| {
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
    drop(form.staff);
    let f = form.data;
    let page = |status, errors: &[(String, String)]| {
        anonymous(&req, &state, None, status, |t| {
            views::auth::login(t, &f.email, &f.terug, errors, None)
        })
    };
    // Both fields are checked before anything else, so both problems show at once.
    let problems = auth::check_login_form(&f.email, &f.password);
    if !problems.is_empty() {
        return page(StatusCode::UNPROCESSABLE_ENTITY, &problems);
    }
    let policy = state.settings.session_policy();
    let (email, password, ip) = (f.email.clone(), f.password.clone(), client_key(&req));
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
        LoginOutcome::NeedsCode { ticket } => anonymous(&req, &state, None, StatusCode::OK, |t| {
            views::auth::login_code(t, &ticket, &f.terug, &[])
        }),
        LoginOutcome::Refused | LoginOutcome::Throttled => {
            let (status, errors) = not_accepted(matches!(outcome, LoginOutcome::Throttled), || {
                on("email", &tr!("staff-login-refused"))
            });
            page(status, &errors)
        }
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

/// The second step of signing in: the authenticator code for the ticket of the first.
async fn login_code(
    req: HttpRequest,
    state: web::Data<AppState>,
    CsrfForm { staff, data: f }: CsrfForm<CodeForm>,
) -> Result<HttpResponse, WebError> {
    let code_page = |status, errors: &[(String, String)]| {
        anonymous(&req, &state, staff.as_ref(), status, |t| {
            views::auth::login_code(t, &f.ticket, &f.terug, errors)
        })
    };
    let problems = auth::check_code_form(&f.code);
    if !problems.is_empty() {
        return code_page(StatusCode::UNPROCESSABLE_ENTITY, &problems);
    }
    let policy = state.settings.session_policy();
    let (ticket, code, ip) = (f.ticket.clone(), f.code.clone(), client_key(&req));
    let sealer = state.sealer.clone();
    let outcome = run_db(&state, move |c| {
        let now = crate::service::now();
        auth::complete_login(c, &sealer, &ticket, &code, &ip, now, policy)
    })
    .await?;
    if let LoginOutcome::Session(s) = &outcome {
        return signed_in(&state, s, &f.terug);
    }
    let throttled = matches!(outcome, LoginOutcome::Throttled);
    let (status, errors) = not_accepted(throttled, || on("code", &tr!("staff-code-refused")));
    if throttled {
        // Blocked: back to the first step (the ticket no longer helps).
        anonymous(&req, &state, staff.as_ref(), status, |t| {
            views::auth::login(t, "", &f.terug, &errors, None)
        })
    } else {
        code_page(status, &errors)
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
) -> Result<HttpResponse, WebError> {
    anonymous(&req, &state, who.as_ref(), StatusCode::OK, |t| {
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
    CsrfForm { staff, data: f }: CsrfForm<RegisterForm>,
) -> Result<HttpResponse, WebError> {
    let page = |status, errors: &[(String, String)]| {
        anonymous(&req, &state, staff.as_ref(), status, |t| {
            views::auth::register(t, &f.email, &f.name, errors)
        })
    };
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
        return page(StatusCode::UNPROCESSABLE_ENTITY, &problems);
    }
    let (email, name, password) = (f.email.clone(), f.name.clone(), f.password.clone());
    let ip = client_key(&req);
    let answer = run_db(&state, move |c| {
        auth::register(c, &email, &name, &password, &ip, crate::service::now())
    })
    .await;
    match FormState::split(answer)? {
        // The same answer whether the account was made or the address was known (its
        // owner gets a notice by mail): the page does not tell who has an account.
        Ok(auth::Registration::Created(_) | auth::Registration::ExistingNotified) => {
            Ok(redirect("/inloggen?geregistreerd=1"))
        }
        Ok(auth::Registration::Throttled) => page(
            StatusCode::TOO_MANY_REQUESTS,
            &on("email", &tr!("staff-register-throttled")),
        ),
        Err(refused) => page(StatusCode::UNPROCESSABLE_ENTITY, refused.errors()),
    }
}

#[derive(Deserialize)]
struct AccountQuery {
    #[serde(default)]
    wachtwoord: Option<String>,
}

/// The account page: who one is, one's roles and sessions; a notice after a new password.
async fn account(
    state: web::Data<AppState>,
    SignedIn(user): SignedIn,
    q: web::Query<AccountQuery>,
) -> Result<HttpResponse, WebError> {
    let u = user.clone();
    let sessions = run_db(&state, move |c| {
        auth::own_sessions(c, &u, crate::service::now())
    })
    .await?;
    let notice = q.wachtwoord.as_ref().map(|_| tr!("admin-password-changed"));
    Ok(html(views::auth::account(
        &user,
        &sessions,
        notice.as_deref(),
    )))
}

async fn password_form(SignedIn(user): SignedIn) -> HttpResponse {
    html(views::auth::password_change(&user, &[]))
}

#[derive(Deserialize)]
struct PasswordForm {
    #[serde(default)]
    current: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    repeat: String,
}

/// The password form's own problems, all at once: the current password is filled in,
/// the new one meets the policy of registration (`domain::password`) and differs from the
/// current one, and the repeat is the same.
fn check_password_form(user: &auth::SessionUser, f: &PasswordForm) -> FormErrors {
    let mut errors = FormErrors::new();
    errors.add_if(
        f.current.is_empty(),
        "current",
        tr!("admin-password-current-empty"),
    );
    if let Err(m) =
        password::check_policy(&f.new_password, &[&user.email, user.display_name.trim()])
    {
        errors.add("new_password", m.to_string());
    }
    errors.add_if(
        f.new_password == f.current,
        "new_password",
        tr!("admin-password-same"),
    );
    if f.repeat.is_empty() {
        errors.add("repeat", tr!("admin-password-repeat-empty"));
    }
    errors.add_if(
        f.repeat != f.new_password,
        "repeat",
        tr!("admin-password-mismatch"),
    );
    errors
}

/// Change one's own password. The current password is checked whenever it is filled in
/// (throttled per account), so a wrong one shows together with the form's other
/// problems. Success: the other sessions are ended, this one stays, back to the account
/// page with a notice.
async fn change_password(
    state: web::Data<AppState>,
    SignedIn(user): SignedIn,
    form: CsrfForm<PasswordForm>,
) -> Result<HttpResponse, WebError> {
    let f = form.data;
    let problems = check_password_form(&user, &f);
    let outcome = if f.current.is_empty() {
        None
    } else {
        let (u, current) = (user.clone(), f.current.clone());
        let new = problems.is_empty().then(|| f.new_password.clone());
        let outcome = run_db(&state, move |c| {
            users::change_password(c, &u, &current, new.as_deref(), crate::service::now())
        })
        .await?;
        Some(outcome)
    };
    let mut errors = FormErrors::new();
    let status = match outcome {
        Some(PasswordChange::Changed { .. }) => {
            return Ok(redirect("/account?wachtwoord=gewijzigd"))
        }
        Some(PasswordChange::Throttled) => {
            errors.add("current", tr!("admin-password-throttled"));
            StatusCode::TOO_MANY_REQUESTS
        }
        Some(PasswordChange::CurrentWrong) => {
            errors.add("current", tr!("admin-password-current-wrong"));
            StatusCode::UNPROCESSABLE_ENTITY
        }
        // The service's own policy check (the form's found nothing): its rules.
        Some(PasswordChange::NewRefused) => {
            errors.add("new_password", tr!("admin-password-new-hint"));
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Some(PasswordChange::CurrentRight) | None => StatusCode::UNPROCESSABLE_ENTITY,
    };
    errors.extend(problems.iter().cloned());
    Ok(html_status(
        status,
        views::auth::password_change(&user, &errors),
    ))
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
