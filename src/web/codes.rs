//! Voting code pages: `/stemmen` for residents, `/beheer/stemcodes` for administrators.

use actix_web::cookie::{Cookie, SameSite};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

use super::client_addr::client_key;
use super::confirm::{ask, is_confirmed, Confirmation};
use super::csrf::{form_token, with_pre_cookie, CsrfForm};
use super::error::WebError;
use super::respond::{csv_download, html, html_status, redirect, FormState};
use super::run_db;
use super::session::{MaybeStaff, Staff};
use crate::domain::form_errors::FormErrors;
use crate::domain::role::Permission;
use crate::service::auth::SessionUser;
use crate::service::rounds::{self, AreaInfo};
use crate::service::voting_codes::{self as svc, CodeRefused, RevokeReason};
use crate::service::Principal;
use crate::state::AppState;
use crate::tr;
use crate::views;
use crate::views::codes::{revoke_reason_label, AdminCodes, CodeEntry};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/stemmen", web::get().to(code_form))
        .route("/stemmen", web::post().to(enter_code))
        .route("/stemmen/stoppen", web::post().to(stop))
        .route("/stemmen/{area}", web::get().to(voter_home))
        .route("/beheer/stemcodes", web::get().to(admin))
        .route("/beheer/stemcodes/reeksen", web::post().to(generate))
        .route("/beheer/stemcodes/intrekken", web::post().to(revoke))
        .route("/beheer/stemcodes/vervangen", web::post().to(replace));
}

pub const VOTER_COOKIE: &str = "bb_voter";

fn voter_cookie_name(state: &AppState) -> &'static str {
    // Same rule as the staff cookie: the __Host- prefix whenever cookies are Secure.
    if state.settings.cookies_secure() {
        "__Host-bb_voter"
    } else {
        VOTER_COOKIE
    }
}

/// HttpOnly, Secure per settings, SameSite=Lax: a resident who follows a link to their
/// area's page from the municipality's site or an e-mail stays signed in; state changes
/// are still protected by the form token and the Sec-Fetch-Site check. No Max-Age: the
/// cookie ends with the browser (shared computers), the server ends it after an hour.
fn voter_cookie(state: &AppState, token: &str) -> Cookie<'static> {
    Cookie::build(voter_cookie_name(state), token.to_string())
        .path("/")
        .http_only(true)
        .secure(state.settings.cookies_secure())
        .same_site(SameSite::Lax)
        .finish()
}

/// For the forms whose own problems are answered (with the codes page) before the
/// service is asked: the caller must be allowed to see that page first.
fn require(user: &SessionUser, p: Permission) -> Result<(), WebError> {
    user.principal().require(p).map_err(WebError::from)
}

/// The voter cookie's token, when there is one.
pub(super) fn voter_token(req: &HttpRequest, state: &AppState) -> Option<String> {
    req.cookie(voter_cookie_name(state))
        .map(|c| c.value().to_string())
        .filter(|t| !t.is_empty())
}

#[derive(Deserialize)]
struct AreaQuery {
    #[serde(default)]
    gebied: String,
}

async fn find_area(state: &AppState, slug: &str) -> Result<Option<AreaInfo>, WebError> {
    let slug = slug.to_string();
    Ok(run_db(state, move |c| {
        rounds::area_by_slug(c, &Principal::resident(), &slug)
    })
    .await?)
}

async fn code_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: MaybeStaff,
    q: web::Query<AreaQuery>,
) -> Result<HttpResponse, WebError> {
    let area = find_area(&state, &q.gebied).await?;
    let (token, fresh) = form_token(&req, staff.0.as_ref());
    let page = views::codes::enter_code(&CodeEntry {
        csrf: &token,
        area: area.as_ref(),
        error: None,
        typed: "",
    });
    Ok(with_pre_cookie(
        html_status(StatusCode::OK, page),
        &state,
        &token,
        fresh,
    ))
}

#[derive(Deserialize)]
struct CodeForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    gebied: String,
}

async fn enter_code(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: CsrfForm<CodeForm>,
) -> Result<HttpResponse, WebError> {
    let CodeForm { code, gebied } = form.data;
    // Kept for the form again after a refusal (no longer than the field allows).
    let typed: String = code.chars().take(40).collect();
    let client = client_key(&req);
    let area_slug = (!gebied.trim().is_empty()).then(|| gebied.trim().to_string());
    let slug_for_db = area_slug.clone();
    let queue = state.resident_writes.clone();
    let outcome = run_db(&state, move |c| {
        let entry = svc::CodeEntry::new(
            &code,
            slug_for_db.as_deref(),
            &client,
            crate::service::now(),
        );
        Ok(crate::service::resident_writes::enter_code(
            &queue, c, entry,
        ))
    })
    .await?;
    let (status, message) = match outcome {
        Ok(session) => {
            let mut resp = redirect(&format!("/stemmen/{}", session.area_slug));
            resp.add_cookie(&voter_cookie(&state, &session.token))
                .map_err(WebError::internal)?;
            return Ok(resp);
        }
        Err(CodeRefused::Refused) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            views::codes::code_refused(),
        ),
        Err(CodeRefused::TooManyAttempts) => (
            StatusCode::TOO_MANY_REQUESTS,
            views::codes::too_many_attempts(),
        ),
        Err(CodeRefused::Failed(e)) => return Err(e.into()),
    };
    let area = match &area_slug {
        Some(s) => find_area(&state, s).await?,
        None => None,
    };
    let (token, fresh) = form_token(&req, form.staff.as_ref());
    let page = views::codes::enter_code(&CodeEntry {
        csrf: &token,
        area: area.as_ref(),
        error: Some(&message),
        typed: &typed,
    });
    Ok(with_pre_cookie(
        html_status(status, page),
        &state,
        &token,
        fresh,
    ))
}

async fn voter_home(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: MaybeStaff,
    area: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let area = area.into_inner();
    let to_form = || redirect(&format!("/stemmen?gebied={}", url_part(&area)));
    let Some(cookie) = voter_token(&req, &state) else {
        return Ok(to_form());
    };
    // The voter and their rounds: one trip to the database.
    let cache = state.round_cache.clone();
    let found = run_db(&state, move |c| {
        let Some(voter) = svc::voter(c, &cookie, crate::service::now())? else {
            return Ok(None);
        };
        // A resident with a code is a principal without an account.
        let who = Principal::resident();
        let rounds = cache.voter_rounds(c, &who, &voter)?;
        Ok(Some((voter, rounds)))
    })
    .await?;
    let Some((voter, rounds)) = found else {
        return Ok(to_form());
    };
    if voter.area_slug != area {
        // A code only ever opens its own area.
        return Ok(redirect(&format!("/stemmen/{}", voter.area_slug)));
    }
    let (token, fresh) = form_token(&req, staff.0.as_ref());
    let page = views::codes::voter_home(&voter, &rounds, &token);
    Ok(with_pre_cookie(
        html_status(StatusCode::OK, page),
        &state,
        &token,
        fresh,
    ))
}

/// Slugs are made of a-z, 0-9 and dashes; anything else is dropped from the redirect.
pub(super) fn url_part(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect()
}

#[derive(Deserialize)]
struct Empty {}

async fn stop(
    req: HttpRequest,
    state: web::Data<AppState>,
    _form: CsrfForm<Empty>,
) -> Result<HttpResponse, WebError> {
    if let Some(token) = req
        .cookie(voter_cookie_name(&state))
        .map(|c| c.value().to_string())
        .filter(|t| !t.is_empty())
    {
        run_db(&state, move |c| svc::end_voter_session(c, &token)).await?;
    }
    let mut resp = redirect("/stemmen");
    let mut gone = voter_cookie(&state, "");
    gone.make_removal();
    resp.add_cookie(&gone).map_err(WebError::internal)?;
    Ok(resp)
}

#[derive(Default)]
struct AdminForm {
    shown: FormState,
    area: String,
    year: String,
    count: String,
    handle: String,
    reason: String,
}

async fn render_admin(
    state: &AppState,
    user: &SessionUser,
    f: AdminForm,
) -> Result<HttpResponse, WebError> {
    let p = user.principal();
    let (batches, areas) = run_db(state, move |c| {
        Ok((svc::list_batches(c, &p)?, svc::areas_for_codes(c, &p)?))
    })
    .await?;
    let year = if f.year.is_empty() {
        (chrono::Utc::now()
            .date_naive()
            .format("%Y")
            .to_string()
            .parse::<i32>()
            .unwrap_or(2027)
            + 1)
        .to_string()
    } else {
        f.year.clone()
    };
    Ok(f.shown.page(|shown| {
        views::codes::admin(
            user,
            &AdminCodes {
                batches: &batches,
                areas: &areas,
                errors: shown.errors(),
                notice: shown.notice(),
                area: &f.area,
                year: &year,
                count: &f.count,
                handle: &f.handle,
                reason: &f.reason,
            },
        )
    }))
}

async fn admin(Staff(user): Staff, state: web::Data<AppState>) -> Result<HttpResponse, WebError> {
    // The one guard is the service's (`list_batches` in `render_admin`).
    render_admin(&state, &user, AdminForm::default()).await
}

#[derive(Deserialize)]
struct GenerateForm {
    #[serde(default)]
    area: String,
    #[serde(default)]
    year: String,
    #[serde(default)]
    count: String,
}

async fn generate(
    Staff(user): Staff,
    state: web::Data<AppState>,
    form: CsrfForm<GenerateForm>,
) -> Result<HttpResponse, WebError> {
    require(&user, Permission::Administer)?;
    let f = form.data;
    // Every field is checked before answering, so all problems show at once.
    let mut problems = FormErrors::new();
    problems.add_if(
        f.area.trim().is_empty(),
        "area",
        tr!("codes-msg-choose-area"),
    );
    let year = f.year.trim().parse::<i32>().ok();
    problems.add_if(year.is_none(), "year", tr!("rounds-msg-year"));
    let count = f.count.trim().replace('.', "").parse::<i32>().ok();
    problems.add_if(count.is_none(), "count", tr!("codes-msg-count"));
    let result = match (year, count) {
        (Some(year), Some(count)) if problems.is_empty() => {
            let p = user.principal();
            let area = f.area.clone();
            run_db(&state, move |c| {
                let g = svc::generate_batch(c, &p, &area, year, count)?;
                let csv = svc::batch_csv(&g.area.name, &g.codes)?;
                Ok((g.area.slug, g.batch.year, g.batch.id, csv))
            })
            .await
        }
        _ => {
            let kept = AdminForm {
                shown: FormState::Refused(problems),
                area: f.area,
                year: f.year,
                count: f.count,
                ..AdminForm::default()
            };
            return render_admin(&state, &user, kept).await;
        }
    };
    match FormState::split(result)? {
        Ok((slug, year, id, csv)) => {
            let short: String = id.chars().take(8).collect();
            Ok(csv_download(
                &format!("stemcodes-{slug}-{year}-{short}.csv"),
                csv,
            ))
        }
        Err(shown) => {
            let kept = AdminForm {
                shown,
                area: f.area,
                year: f.year,
                count: f.count,
                ..AdminForm::default()
            };
            render_admin(&state, &user, kept).await
        }
    }
}

#[derive(Deserialize)]
struct HandleForm {
    #[serde(default)]
    handle: String,
    #[serde(default)]
    reason: String,
    /// Set only by the confirmation page.
    #[serde(default)]
    bevestigd: String,
}

/// Which change to one code the form asked for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum CodeChange {
    Revoke,
    Replace,
}

impl CodeChange {
    fn path(self) -> &'static str {
        match self {
            CodeChange::Revoke => "/beheer/stemcodes/intrekken",
            CodeChange::Replace => "/beheer/stemcodes/vervangen",
        }
    }
}

/// The question before revoking or replacing a code: which code, of which village and
/// year, and what happens to it (and to whoever is signed in with it).
fn code_confirmation(
    change: CodeChange,
    code: &svc::CodeToChange,
    reason: RevokeReason,
) -> Confirmation {
    let mut consequences = vec![
        tr!(
            "codes-confirm-stops",
            handle = &code.handle,
            area = &code.area_name,
            year = code.year
        ),
        tr!("codes-confirm-reason", reason = revoke_reason_label(reason)),
    ];
    if code.in_use {
        consequences.push(tr!("codes-confirm-signed-in"));
    }
    consequences.push(tr!("codes-confirm-vote-counts"));
    let (title, label) = match change {
        CodeChange::Revoke => (
            tr!("codes-confirm-revoke-title", handle = &code.handle),
            tr!("codes-confirm-revoke-yes"),
        ),
        CodeChange::Replace => {
            consequences.push(tr!("codes-confirm-new-code", area = &code.area_name));
            (
                tr!("codes-confirm-replace-title", handle = &code.handle),
                tr!("codes-confirm-replace-yes"),
            )
        }
    };
    Confirmation {
        title,
        consequences,
        action: change.path().to_string(),
        kept: vec![
            ("handle".into(), code.handle.clone()),
            ("reason".into(), reason.as_str().into()),
        ],
        confirm_label: label,
        back: "/beheer/stemcodes".into(),
        current: "/beheer",
    }
}

/// The admin page again with the form as sent (handle and reason kept) and its problems.
async fn refused_code_form(
    state: &AppState,
    user: &SessionUser,
    f: HandleForm,
    shown: FormState,
) -> Result<HttpResponse, WebError> {
    let kept = AdminForm {
        shown,
        handle: f.handle,
        reason: f.reason,
        ..AdminForm::default()
    };
    render_admin(state, user, kept).await
}

/// A change to one code (revoke, replace) by an administrator. Both fields are checked
/// at once (the handle's form and a reason from the list: anything else is refused,
/// never read as "other"). Without `bevestigd=ja` only the question is shown, with
/// the same checks on the code as the change itself; nothing is changed.
async fn on_code(
    state: &AppState,
    user: &SessionUser,
    form: CsrfForm<HandleForm>,
    change: CodeChange,
) -> Result<Result<(HandleForm, RevokeReason), HttpResponse>, WebError> {
    require(user, Permission::Administer)?;
    let f = form.data;
    let reason = RevokeReason::parse(&f.reason);
    let mut problems = FormErrors::new();
    problems.add_if(
        crate::domain::voting_code::parse_handle(&f.handle).is_none(),
        "handle",
        tr!("codes-msg-handle"),
    );
    problems.add_if(reason.is_none(), "reason", tr!("codes-msg-reason"));
    let (Some(reason), Ok(())) = (reason, FormState::checked(problems.clone())) else {
        let page = refused_code_form(state, user, f, FormState::Refused(problems)).await?;
        return Ok(Err(page));
    };
    if is_confirmed(&f.bevestigd) {
        return Ok(Ok((f, reason)));
    }
    let (p, handle) = (user.principal(), f.handle.clone());
    let facts = run_db(state, move |c| svc::code_to_change(c, &p, &handle)).await;
    Ok(Err(match FormState::split(facts)? {
        Ok(code) => ask(user, &code_confirmation(change, &code, reason)),
        Err(shown) => refused_code_form(state, user, f, shown).await?,
    }))
}

async fn revoke(
    Staff(user): Staff,
    state: web::Data<AppState>,
    form: CsrfForm<HandleForm>,
) -> Result<HttpResponse, WebError> {
    let (f, reason) = match on_code(&state, &user, form, CodeChange::Revoke).await? {
        Ok(confirmed) => confirmed,
        Err(page) => return Ok(page),
    };
    let (p, handle) = (user.principal(), f.handle.clone());
    let answer = run_db(&state, move |c| svc::revoke(c, &p, &handle, reason)).await;
    let shown = FormState::after(answer, |row| tr!("codes-msg-revoked", handle = &row.handle))?;
    if shown.refused() {
        return refused_code_form(&state, &user, f, shown).await;
    }
    render_admin(
        &state,
        &user,
        AdminForm {
            shown,
            ..AdminForm::default()
        },
    )
    .await
}

async fn replace(
    Staff(user): Staff,
    state: web::Data<AppState>,
    form: CsrfForm<HandleForm>,
) -> Result<HttpResponse, WebError> {
    let (f, reason) = match on_code(&state, &user, form, CodeChange::Replace).await? {
        Ok(confirmed) => confirmed,
        Err(page) => return Ok(page),
    };
    let (p, handle) = (user.principal(), f.handle.clone());
    let answer = run_db(&state, move |c| svc::replace(c, &p, &handle, reason)).await;
    match FormState::split(answer)? {
        Ok(r) => Ok(html(views::codes::replacement(&user, &r))),
        Err(shown) => refused_code_form(&state, &user, f, shown).await,
    }
}
