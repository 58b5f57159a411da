//! Voting code pages: `/stemmen` for residents, `/beheer/stemcodes` for administrators.

use std::net::IpAddr;

use actix_web::cookie::{Cookie, SameSite};
use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

use super::csrf::{pre_session_cookie, pre_session_token, CsrfForm};
use super::error::WebError;
use super::respond::{html_status, redirect};
use super::run_db;
use super::session::{MaybeStaff, Staff};
use crate::db::repo;
use crate::domain::role::Permission;
use crate::service::auth::SessionUser;
use crate::service::rounds::{self, AreaInfo};
use crate::service::voting_codes::{self as svc, CodeRefused, RevokeReason, Voter};
use crate::service::{Principal, ServiceError};
use crate::state::AppState;
use crate::views;
use crate::views::codes::{AdminCodes, CodeEntry};

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

/// The throttle key for the client: its IPv4 address, or the /64 an IPv6 host gets (one
/// household can pick any address inside it).
///
/// This is the TCP peer. Behind a reverse proxy every request comes from the proxy, so a
/// deployment behind one needs a trusted-proxy setting that reads the forwarded address;
/// see docs/voting-codes.md.
pub fn client_key(req: &HttpRequest) -> String {
    match req.peer_addr().map(|a| a.ip()) {
        Some(IpAddr::V4(v4)) => v4.to_string(),
        Some(IpAddr::V6(v6)) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
        None => "unknown".to_string(),
    }
}

fn require(user: &SessionUser, p: Permission) -> Result<(), WebError> {
    user.principal().require(p).map_err(WebError::from)
}

/// The form token for an anonymous page: the staff session's token if somebody is signed
/// in (CsrfForm expects that one), otherwise the pre-session cookie's, made if missing.
pub(super) fn form_token(req: &HttpRequest, staff: Option<&SessionUser>) -> (String, bool) {
    if let Some(s) = staff {
        return (s.csrf_token.clone(), false);
    }
    match pre_session_token(req) {
        Some(t) => (t, false),
        None => (random_hex(), true),
    }
}

fn random_hex() -> String {
    use rand::RngCore;
    let mut b = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut b);
    hex::encode(b)
}

pub(super) fn with_pre_cookie(
    mut resp: HttpResponse,
    state: &AppState,
    token: &str,
    fresh: bool,
) -> HttpResponse {
    if fresh {
        let _ = resp.add_cookie(&pre_session_cookie(state, token));
    }
    resp
}

pub(super) async fn voter_of(
    req: &HttpRequest,
    state: &AppState,
) -> Result<Option<(Voter, String)>, WebError> {
    let Some(token) = req
        .cookie(voter_cookie_name(state))
        .map(|c| c.value().to_string())
        .filter(|t| !t.is_empty())
    else {
        return Ok(None);
    };
    let t = token.clone();
    let v = run_db(state, move |c| svc::voter(c, &t, repo::now())).await?;
    Ok(v.map(|v| (v, token)))
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
    let client = client_key(&req);
    let area_slug = (!gebied.trim().is_empty()).then(|| gebied.trim().to_string());
    let slug_for_db = area_slug.clone();
    let outcome = run_db(&state, move |c| {
        Ok(svc::open_voter_session(
            c,
            &code,
            slug_for_db.as_deref(),
            &client,
            repo::now(),
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
        Err(CodeRefused::Refused) => (StatusCode::UNPROCESSABLE_ENTITY, views::codes::CODE_REFUSED),
        Err(CodeRefused::TooManyAttempts) => (
            StatusCode::TOO_MANY_REQUESTS,
            views::codes::TOO_MANY_ATTEMPTS,
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
        error: Some(message),
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
    let Some((voter, _)) = voter_of(&req, &state).await? else {
        return Ok(redirect(&format!("/stemmen?gebied={}", url_part(&area))));
    };
    if voter.area_slug != area {
        // A code only ever opens its own area.
        return Ok(redirect(&format!("/stemmen/{}", voter.area_slug)));
    }
    let (handle, year, slug) = (voter.handle.clone(), voter.year, voter.area_slug.clone());
    let rounds = run_db(&state, move |c| {
        // A resident with a code is a principal without an account.
        let who = Principal::resident();
        let Some(area) = rounds::area_by_slug(c, &who, &slug)? else {
            return Ok(Vec::new());
        };
        rounds::voter_rounds(c, &who, &handle, &area.id, year)
    })
    .await?;
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
    errors: Vec<(String, String)>,
    notice: Option<String>,
    area: String,
    year: String,
    count: String,
    handle: String,
}

async fn render_admin(
    state: &AppState,
    user: &SessionUser,
    f: AdminForm,
    status: StatusCode,
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
    Ok(html_status(
        status,
        views::codes::admin(
            user,
            &AdminCodes {
                batches: &batches,
                areas: &areas,
                errors: &f.errors,
                notice: f.notice.as_deref(),
                area: &f.area,
                year: &year,
                count: &f.count,
                handle: &f.handle,
            },
        ),
    ))
}

async fn admin(Staff(user): Staff, state: web::Data<AppState>) -> Result<HttpResponse, WebError> {
    require(&user, Permission::Administer)?;
    render_admin(&state, &user, AdminForm::default(), StatusCode::OK).await
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

fn invalid_form(field: &'static str, message: &str) -> ServiceError {
    ServiceError::invalid(field, message.to_string())
}

async fn generate(
    Staff(user): Staff,
    state: web::Data<AppState>,
    form: CsrfForm<GenerateForm>,
) -> Result<HttpResponse, WebError> {
    require(&user, Permission::Administer)?;
    let f = form.data;
    let parsed = (|| {
        let year = f
            .year
            .trim()
            .parse::<i32>()
            .map_err(|_| invalid_form("year", "Vul een jaartal in, bijvoorbeeld 2027."))?;
        let count = f
            .count
            .trim()
            .replace('.', "")
            .parse::<i32>()
            .map_err(|_| {
                invalid_form(
                    "count",
                    "Vul het aantal codes in als een getal, bijvoorbeeld 1250.",
                )
            })?;
        Ok::<_, ServiceError>((year, count))
    })();
    let result = match parsed {
        Ok((year, count)) => {
            let p = user.principal();
            let area = f.area.clone();
            run_db(&state, move |c| {
                let g = svc::generate_batch(c, &p, &area, year, count)?;
                let csv = svc::batch_csv(&g.area.name, &g.codes)?;
                Ok((g.area.slug, g.batch.year, g.batch.id, csv))
            })
            .await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok((slug, year, id, csv)) => {
            let short: String = id.chars().take(8).collect();
            Ok(HttpResponse::Ok()
                .content_type("text/csv; charset=utf-8")
                .insert_header((header::CACHE_CONTROL, "no-store"))
                .insert_header((
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"stemcodes-{slug}-{year}-{short}.csv\""),
                ))
                .body(csv))
        }
        Err(ServiceError::Invalid { field, message }) => {
            render_admin(
                &state,
                &user,
                AdminForm {
                    errors: vec![(field.to_string(), message)],
                    area: f.area,
                    year: f.year,
                    count: f.count,
                    ..AdminForm::default()
                },
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
struct HandleForm {
    #[serde(default)]
    handle: String,
    #[serde(default)]
    reason: String,
}

fn reason_of(f: &HandleForm) -> RevokeReason {
    RevokeReason::parse(&f.reason).unwrap_or(RevokeReason::Other)
}

async fn revoke(
    Staff(user): Staff,
    state: web::Data<AppState>,
    form: CsrfForm<HandleForm>,
) -> Result<HttpResponse, WebError> {
    require(&user, Permission::Administer)?;
    let f = form.data;
    let p = user.principal();
    let (handle, reason) = (f.handle.clone(), reason_of(&f));
    match run_db(&state, move |c| svc::revoke(c, &p, &handle, reason)).await {
        Ok(row) => {
            let notice = format!(
                "De stemcode met kenmerk {} is ingetrokken. Hij werkt niet meer.",
                row.handle
            );
            render_admin(
                &state,
                &user,
                AdminForm {
                    notice: Some(notice),
                    ..AdminForm::default()
                },
                StatusCode::OK,
            )
            .await
        }
        Err(ServiceError::Invalid { field, message }) => {
            render_admin(
                &state,
                &user,
                AdminForm {
                    errors: vec![(field.to_string(), message)],
                    handle: f.handle,
                    ..AdminForm::default()
                },
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

async fn replace(
    Staff(user): Staff,
    state: web::Data<AppState>,
    form: CsrfForm<HandleForm>,
) -> Result<HttpResponse, WebError> {
    require(&user, Permission::Administer)?;
    let f = form.data;
    let p = user.principal();
    let (handle, reason) = (f.handle.clone(), reason_of(&f));
    match run_db(&state, move |c| svc::replace(c, &p, &handle, reason)).await {
        Ok(r) => Ok(html_status(
            StatusCode::OK,
            views::codes::replacement(&user, &r),
        )),
        Err(ServiceError::Invalid { field, message }) => {
            render_admin(
                &state,
                &user,
                AdminForm {
                    errors: vec![(field.to_string(), message)],
                    handle: f.handle,
                    ..AdminForm::default()
                },
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}
