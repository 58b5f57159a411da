//! JSON API under /api/v1. Same service functions as the pages. Sign in with
//! POST /api/v1/session; state-changing calls send the returned csrf_token in the
//! X-CSRF-Token header. The OpenAPI document is served at /api/v1/openapi.json.

use crate::domain::ids::{BudgetLineId, TransferId};
use crate::domain::round::RoundId;
use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpResponse};
use serde::Deserialize;
use serde_json::json;

use super::error::ApiError;
use super::run_db;
use super::session::{removal_cookie, session_cookie, ApiStaff};
use crate::domain::ledger_import::ImportOptions;
use crate::service::auth;
use crate::service::ledger::{self as ledger, CorrectionInput, TransferInput};
use crate::state::AppState;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("/api/v1")
            // Answers hold signed-in data and tokens: no cache may keep them.
            .wrap(
                actix_web::middleware::DefaultHeaders::new()
                    .add((header::CACHE_CONTROL, "no-store")),
            )
            // Unreadable bodies and parameters are problem documents the OpenAPI document
            // declares, not actix's plain-text answers.
            .app_data(
                web::JsonConfig::default()
                    .limit(MAX_JSON_BODY)
                    .error_handler(|e, _| json_error(e).into()),
            )
            .app_data(
                web::QueryConfig::default()
                    .error_handler(|e, _| ApiError::bad_request(e.to_string()).into()),
            )
            .app_data(web::PathConfig::default().error_handler(|_, _| not_found().into()))
            .route("/openapi.json", web::get().to(openapi))
            .route("/session", web::post().to(login))
            .route("/session", web::delete().to(logout))
            .route("/ledger", web::get().to(ledger_lines))
            .route("/ledger/imports", web::post().to(import))
            .route("/budget-lines/{id}", web::get().to(budget_line))
            .route("/areas", web::get().to(areas))
            .route("/areas/{slug}", web::get().to(area))
            .route("/funders", web::get().to(funders))
            .route("/balances", web::get().to(balances))
            .route("/transfers", web::get().to(transfers))
            .route("/transfers", web::post().to(create_transfer))
            .route("/transfers/pending", web::get().to(pending))
            .route("/transfers/{id}", web::get().to(transfer))
            .route("/transfers/{id}/approve", web::post().to(approve))
            .route("/transfers/{id}/reject", web::post().to(reject))
            .route("/transfers/{id}/corrections", web::post().to(correct))
            .route("/rounds", web::get().to(rounds))
            .route("/rounds/{id}", web::get().to(round))
            .route("/rounds/{id}/ballots", web::get().to(round_ballots))
            .route("/rounds/{id}/objections", web::get().to(round_objections))
            .default_service(web::to(unknown)),
    );
}

/// The largest JSON body an operation reads (a transfer is a few hundred bytes).
const MAX_JSON_BODY: usize = 64 * 1024;

/// The largest ledger file the import takes, as on the import page.
const MAX_IMPORT: usize = 10 * 1024 * 1024;

fn problem(status: StatusCode, title: &str, detail: impl Into<String>) -> ApiError {
    ApiError {
        status,
        title: title.into(),
        detail: detail.into(),
        problems: None,
    }
}

fn not_found() -> ApiError {
    problem(StatusCode::NOT_FOUND, "not_found", "Not found.")
}

fn too_large(limit: usize) -> ApiError {
    problem(
        StatusCode::PAYLOAD_TOO_LARGE,
        "too_large",
        format!("The body is larger than the {limit} bytes this operation accepts."),
    )
}

fn json_error(e: actix_web::error::JsonPayloadError) -> ApiError {
    use actix_web::error::JsonPayloadError as E;
    match e {
        E::Overflow { limit } | E::OverflowKnownLength { limit, .. } => too_large(limit),
        E::ContentType => ApiError::bad_request("Send the body as application/json."),
        other => ApiError::bad_request(other.to_string()),
    }
}

/// A JSON body read as `T`, after refusing a NUL in one of the text fields it reads
/// (`nul_guard`; the document's `pattern` says so): 400 either way.
fn parse_body<T: serde::de::DeserializeOwned>(
    v: serde_json::Value,
    text_fields: &[&str],
) -> Result<T, ApiError> {
    if super::nul_guard::json_fields_have_nul(&v, text_fields) {
        return Err(ApiError::bad_request(
            "Text may not contain a NUL character.",
        ));
    }
    serde_json::from_value(v).map_err(|e| ApiError::bad_request(e.to_string()))
}

/// Addresses under /api/v1 that no route serves: 405 with the allowed methods when the
/// document has the path, otherwise 404; both as problem documents.
async fn unknown(req: actix_web::HttpRequest) -> HttpResponse {
    use actix_web::ResponseError;
    let allowed = documented_methods(req.path());
    if allowed.is_empty() {
        return not_found().error_response();
    }
    let mut resp = problem(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        format!("This address answers {}.", allowed.join(", ")),
    )
    .error_response();
    if let Ok(v) = header::HeaderValue::from_str(&allowed.join(", ")) {
        resp.headers_mut().insert(header::ALLOW, v);
    }
    resp
}

/// The methods the OpenAPI document lists for a concrete path (`{x}` matches one segment).
fn documented_methods(path: &str) -> Vec<String> {
    static DOC: std::sync::LazyLock<serde_json::Value> =
        std::sync::LazyLock::new(|| serde_json::from_str(OPENAPI).unwrap_or_default());
    let segments: Vec<&str> = path.split('/').collect();
    let Some(paths) = DOC["paths"].as_object() else {
        return Vec::new();
    };
    let mut methods = Vec::new();
    for (template, ops) in paths {
        let parts: Vec<&str> = template.split('/').collect();
        let fits = parts.len() == segments.len()
            && parts
                .iter()
                .zip(&segments)
                .all(|(t, s)| (t.starts_with('{') && t.ends_with('}') && !s.is_empty()) || t == s);
        if fits {
            if let Some(ops) = ops.as_object() {
                methods.extend(ops.keys().map(|m| m.to_uppercase()));
            }
        }
    }
    methods
}

#[derive(Deserialize)]
struct LoginBody {
    email: String,
    password: String,
    /// The authenticator code, for accounts with the second factor.
    #[serde(default)]
    code: Option<String>,
}

async fn login(
    req: actix_web::HttpRequest,
    state: web::Data<AppState>,
    body: web::Json<serde_json::Value>,
) -> Result<HttpResponse, ApiError> {
    let policy = state.settings.session_policy();
    let LoginBody {
        email,
        password,
        code,
    } = parse_body(body.into_inner(), &["email", "password", "code"])?;
    let ip = super::client_addr::client_key(&req);
    let sealer = state.sealer.clone();
    // The session this client was sent with ends here, as with the page login.
    let previous = req
        .cookie(super::session::cookie_name(&state))
        .map(|c| auth::hash_token(c.value()));
    let outcome = run_db(&state, move |c| {
        let now = crate::service::now();
        if let Some(th) = &previous {
            auth::logout(c, th)?;
        }
        match auth::login(c, &email, &password, &ip, now, policy)? {
            auth::LoginOutcome::NeedsCode { ticket } => match code {
                Some(code) => auth::complete_login(c, &sealer, &ticket, &code, &ip, now, policy),
                None => Ok(auth::LoginOutcome::NeedsCode { ticket }),
            },
            other => Ok(other),
        }
    })
    .await?;
    let failed = |status: actix_web::http::StatusCode, title: &str, detail: &str| ApiError {
        status,
        title: title.into(),
        detail: detail.into(),
        problems: None,
    };
    match outcome {
        auth::LoginOutcome::Session(s) => {
            let mut resp = HttpResponse::Ok()
                .insert_header((header::CACHE_CONTROL, "no-store"))
                .json(json!({"csrf_token": s.csrf_token, "user_id": s.user_id}));
            resp.add_cookie(&session_cookie(&state, &s.token, s.staff))
                .map_err(|e| ApiError::bad_request(e.to_string()))?;
            Ok(resp)
        }
        auth::LoginOutcome::NeedsCode { .. } => Err(failed(
            actix_web::http::StatusCode::UNAUTHORIZED,
            "code_required",
            "Send the authenticator code in the code field.",
        )),
        auth::LoginOutcome::Throttled => Err(failed(
            actix_web::http::StatusCode::TOO_MANY_REQUESTS,
            "throttled",
            "Too many failed attempts; try again in 15 minutes.",
        )),
        auth::LoginOutcome::Refused => Err(failed(
            actix_web::http::StatusCode::UNAUTHORIZED,
            "login_failed",
            "Unknown e-mail address, wrong password or wrong code.",
        )),
    }
}

async fn logout(
    state: web::Data<AppState>,
    ApiStaff(user): ApiStaff,
) -> Result<HttpResponse, ApiError> {
    let th = user.token_hash.clone();
    run_db(&state, move |c| auth::logout(c, &th)).await?;
    let mut resp = HttpResponse::NoContent().finish();
    resp.add_cookie(&removal_cookie(&state))
        .map_err(|e| ApiError::bad_request(e.to_string()))?;
    Ok(resp)
}

#[derive(Deserialize)]
struct YearQuery {
    year: Option<i32>,
}

async fn ledger_lines(
    state: web::Data<AppState>,
    ApiStaff(user): ApiStaff,
    q: web::Query<YearQuery>,
) -> Result<HttpResponse, ApiError> {
    let (year, p) = (q.year, user.principal());
    let o = run_db(&state, move |c| ledger::ledger_overview(c, &p, year)).await?;
    Ok(HttpResponse::Ok().json(o))
}

#[derive(Deserialize)]
struct ImportQuery {
    file_name: Option<String>,
    gemeente: Option<String>,
}

/// The request body is the file itself (any content type), at most [`MAX_IMPORT`] bytes.
async fn import(
    state: web::Data<AppState>,
    ApiStaff(user): ApiStaff,
    q: web::Query<ImportQuery>,
    body: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let p = user.principal();
    let body = read_body(body, MAX_IMPORT).await?;
    let name = q
        .file_name
        .clone()
        .unwrap_or_else(|| "api-upload.csv".into());
    let opts = ImportOptions {
        municipality: q.gemeente.clone().filter(|g| !g.trim().is_empty()),
    };
    let out = run_db(&state, move |c| {
        ledger::import_ledger(c, &p, &name, &body, &opts)
    })
    .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Reads a body up to `limit` bytes; more is a 413 problem (read no further).
async fn read_body(mut body: web::Payload, limit: usize) -> Result<Vec<u8>, ApiError> {
    use futures_util::StreamExt;
    let mut out = Vec::new();
    while let Some(chunk) = body.next().await {
        let chunk = chunk.map_err(|e| ApiError::bad_request(e.to_string()))?;
        if out.len() + chunk.len() > limit {
            return Err(too_large(limit));
        }
        out.extend_from_slice(&chunk);
    }
    Ok(out)
}

async fn budget_line(
    state: web::Data<AppState>,
    ApiStaff(user): ApiStaff,
    id: web::Path<BudgetLineId>,
) -> Result<HttpResponse, ApiError> {
    let (id, p) = (id.into_inner(), user.principal());
    let (line, history) = run_db(&state, move |c| ledger::budget_line_detail(c, &p, &id)).await?;
    Ok(HttpResponse::Ok().json(json!({"budget_line": line, "history": history})))
}

async fn areas(
    state: web::Data<AppState>,
    ApiStaff(user): ApiStaff,
) -> Result<HttpResponse, ApiError> {
    let p = user.principal();
    Ok(HttpResponse::Ok().json(run_db(&state, move |c| ledger::pools(c, &p)).await?))
}

async fn area(
    state: web::Data<AppState>,
    ApiStaff(user): ApiStaff,
    slug: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let (slug, p) = (slug.into_inner(), user.principal());
    let (pool, history) = run_db(&state, move |c| ledger::pool_detail(c, &p, &slug)).await?;
    Ok(HttpResponse::Ok().json(json!({"pool": pool, "history": history})))
}

async fn funders(
    state: web::Data<AppState>,
    ApiStaff(user): ApiStaff,
) -> Result<HttpResponse, ApiError> {
    let p = user.principal();
    Ok(HttpResponse::Ok().json(run_db(&state, move |c| ledger::funders(c, &p)).await?))
}

async fn balances(
    state: web::Data<AppState>,
    ApiStaff(user): ApiStaff,
) -> Result<HttpResponse, ApiError> {
    let p = user.principal();
    Ok(HttpResponse::Ok().json(run_db(&state, move |c| ledger::all_balances(c, &p)).await?))
}

async fn transfers(
    state: web::Data<AppState>,
    ApiStaff(user): ApiStaff,
) -> Result<HttpResponse, ApiError> {
    let p = user.principal();
    Ok(HttpResponse::Ok().json(run_db(&state, move |c| ledger::list_transfers(c, &p)).await?))
}

async fn pending(
    state: web::Data<AppState>,
    ApiStaff(user): ApiStaff,
) -> Result<HttpResponse, ApiError> {
    let p = user.principal();
    Ok(HttpResponse::Ok().json(run_db(&state, move |c| ledger::approval_queue(c, &p)).await?))
}

async fn transfer(
    state: web::Data<AppState>,
    ApiStaff(user): ApiStaff,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let (id, p) = (id.into_inner(), user.principal());
    Ok(HttpResponse::Ok().json(
        run_db(&state, move |c| {
            ledger::transfer(c, &p, &TransferId::from(id))
        })
        .await?,
    ))
}

/// An amount in cents as JSON may carry it: an integer, or a number whose fraction is zero
/// (`256213369.0`), which JSON Schema counts as the same integer. Any other fraction is
/// refused. Numbers past `i64` saturate, so the money bound refuses them like any other
/// amount that is too large (422), instead of a parse error.
fn whole_cents<'de, D: serde::Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    let n = serde_json::Number::deserialize(d)?;
    if let Some(i) = n.as_i64() {
        return Ok(i);
    }
    if n.as_u64().is_some() {
        return Ok(i64::MAX);
    }
    match n.as_f64() {
        // `as` saturates at the ends of i64; the bound check refuses those.
        Some(f) if f.fract() == 0.0 => Ok(f as i64),
        _ => Err(serde::de::Error::custom(
            "amount_cents must be a whole number of cents",
        )),
    }
}

/// The API's body for a transfer: the service's input, with amounts read by [`whole_cents`].
#[derive(Deserialize)]
struct TransferBody {
    id: uuid::Uuid,
    #[serde(default)]
    kind: Option<crate::domain::ledger::TransferKind>,
    from_account: String,
    to_account: String,
    #[serde(deserialize_with = "whole_cents")]
    amount_cents: i64,
    memo: String,
    #[serde(default)]
    decision_ref: Option<String>,
}

impl From<TransferBody> for TransferInput {
    fn from(b: TransferBody) -> TransferInput {
        TransferInput {
            id: b.id,
            kind: b.kind,
            from_account: b.from_account.into(),
            to_account: b.to_account.into(),
            amount_cents: b.amount_cents,
            memo: b.memo,
            decision_ref: b.decision_ref,
        }
    }
}

#[derive(Deserialize)]
struct CorrectionBody {
    id: uuid::Uuid,
    #[serde(deserialize_with = "whole_cents")]
    amount_cents: i64,
    memo: String,
}

impl From<CorrectionBody> for CorrectionInput {
    fn from(b: CorrectionBody) -> CorrectionInput {
        CorrectionInput {
            id: b.id,
            amount_cents: b.amount_cents,
            memo: b.memo,
        }
    }
}

async fn create_transfer(
    state: web::Data<AppState>,
    ApiStaff(user): ApiStaff,
    body: web::Json<serde_json::Value>,
) -> Result<HttpResponse, ApiError> {
    let p = user.principal();
    let input = TransferInput::from(parse_body::<TransferBody>(
        body.into_inner(),
        &["from_account", "to_account", "memo", "decision_ref"],
    )?);
    let t = run_db(&state, move |c| ledger::propose_transfer(c, &p, &input)).await?;
    let status = if t.replayed {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    Ok(HttpResponse::build(status)
        .insert_header((header::LOCATION, format!("/api/v1/transfers/{}", t.id)))
        .json(t))
}

#[derive(Deserialize, Default)]
struct DecisionBody {
    #[serde(default)]
    reason: String,
}

async fn decide(
    state: web::Data<AppState>,
    user: auth::SessionUser,
    id: String,
    approve: bool,
    reason: String,
) -> Result<HttpResponse, ApiError> {
    let p = user.principal();
    let t = run_db(&state, move |c| {
        ledger::decide_transfer(c, &p, &TransferId::from(id), approve, &reason)
    })
    .await?;
    Ok(HttpResponse::Ok().json(t))
}

/// The body is optional: empty approves without a note; a body that is there must be a
/// valid decision (a wrong one is refused, not ignored).
async fn approve(
    state: web::Data<AppState>,
    ApiStaff(user): ApiStaff,
    id: web::Path<String>,
    body: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let body = read_body(body, MAX_JSON_BODY).await?;
    let reason = if body.iter().all(u8::is_ascii_whitespace) {
        String::new()
    } else {
        let v = serde_json::from_slice(&body).map_err(|e| ApiError::bad_request(e.to_string()))?;
        parse_body::<DecisionBody>(v, &["reason"])?.reason
    };
    decide(state, user, id.into_inner(), true, reason).await
}

async fn reject(
    state: web::Data<AppState>,
    ApiStaff(user): ApiStaff,
    id: web::Path<String>,
    body: web::Json<serde_json::Value>,
) -> Result<HttpResponse, ApiError> {
    let reason = parse_body::<DecisionBody>(body.into_inner(), &["reason"])?.reason;
    decide(state, user, id.into_inner(), false, reason).await
}

async fn correct(
    state: web::Data<AppState>,
    ApiStaff(user): ApiStaff,
    id: web::Path<String>,
    body: web::Json<serde_json::Value>,
) -> Result<HttpResponse, ApiError> {
    let p = user.principal();
    let id = id.into_inner();
    let input = CorrectionInput::from(parse_body::<CorrectionBody>(body.into_inner(), &["memo"])?);
    let t = run_db(&state, move |c| {
        ledger::propose_correction(c, &p, &TransferId::from(id), &input)
    })
    .await?;
    let status = if t.replayed {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    Ok(HttpResponse::build(status).json(t))
}

async fn openapi() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/json")
        .body(OPENAPI)
}

/// The OpenAPI 3.1 document. Kept as a file next to the code; a test checks that every
/// route registered under /api/v1 is documented and every documented path exists.
pub const OPENAPI: &str = include_str!("openapi.json");

/// Rounds are public (plans, review reasons, rules, results): no sign-in needed.
fn round_json(v: &crate::service::rounds::RoundView) -> serde_json::Value {
    json!({
        "id": v.round.id,
        "area": {"slug": v.area.slug, "name": v.area.name},
        "year": v.round.year,
        "quarter": v.round.quarter,
        "title": v.round.title,
        "status": v.round.status.as_str(),
        "calendar": v.round.calendar,
        "budget_cents": v.round.budget_cents,
        "ballot_rule": v.round.ballot_rule.as_str(),
        "max_choices": v.round.ballot_rule.max_choices(),
        "count_rule": v.round.count_rule.as_str(),
        "fingerprint": v.round.fingerprint,
        "ballots": v.ballots,
        "initiatives": v.initiatives.iter().map(|i| json!({
            "id": i.id,
            "number": i.number,
            "title": i.title,
            "summary": i.summary,
            "amount_cents": i.amount_cents,
            "taakveld": i.taakveld,
            "status": i.status.as_str(),
            "review_reason": i.review_reason,
        })).collect::<Vec<_>>(),
        "result": v.result(),
    })
}

async fn rounds(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let all = run_db(&state, |c| {
        crate::service::rounds::list(c, &crate::service::Principal::resident())
    })
    .await?;
    Ok(HttpResponse::Ok().json(all.iter().map(round_json).collect::<Vec<_>>()))
}

async fn round(
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = RoundId(id.into_inner());
    let v = run_db(&state, move |c| {
        crate::service::rounds::round(c, &crate::service::Principal::resident(), &id)
    })
    .await?;
    Ok(HttpResponse::Ok().json(round_json(&v)))
}

/// The published ballot list (receipt and chosen plan numbers) of a closed round; 404
/// while voting goes on.
async fn round_ballots(
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = RoundId(id.into_inner());
    let list = run_db(&state, move |c| {
        crate::service::rounds::published_ballots(c, &crate::service::Principal::resident(), &id)
    })
    .await?
    .ok_or(crate::service::ServiceError::NotFound(crate::msg_key!(
        "error-missing-ballots"
    )))?;
    let out: Vec<_> = list
        .into_iter()
        .map(|(tracker, plans)| json!({"tracker": tracker, "plans": plans}))
        .collect();
    Ok(HttpResponse::Ok().json(out))
}

/// A round's objections and the steering group's decisions, as public as on the round page:
/// what was objected to and why, and the decision with its reason; never who objected or
/// who decided.
async fn round_objections(
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = RoundId(id.into_inner());
    let o = run_db(&state, move |c| {
        crate::service::objections::round_objections(c, &crate::service::Principal::resident(), &id)
    })
    .await?;
    let list: Vec<_> = o
        .objections
        .iter()
        .map(|x| {
            let r = &x.record;
            json!({
                "id": r.id,
                "kind": r.kind.as_str(),
                "plan": match (&r.initiative_id, &x.plan) {
                    (Some(id), Some((number, title))) =>
                        json!({"id": id, "number": number, "title": title}),
                    _ => serde_json::Value::Null,
                },
                "reason": r.reason,
                "filed_at": r.filed_at,
                "decision": r.decision.as_ref().map(|d| json!({
                    "verdict": d.verdict.as_str(),
                    "upheld": d.verdict.upheld(),
                    "reason": d.reason,
                    "decided_at": d.decided_at,
                })),
            })
        })
        .collect();
    Ok(HttpResponse::Ok().json(json!({
        "window_days": o.days,
        "result_last_day": o.result_last_day,
        "result_open": o.result_open,
        "objections": list,
    })))
}
