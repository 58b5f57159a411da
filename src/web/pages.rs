//! HTML page handlers (Dutch URLs). Each: parse input, one service call, render.

use actix_multipart::Multipart;
use actix_web::http::header;
use actix_web::{web, HttpResponse};
use futures_util::StreamExt;
use serde::Deserialize;
use uuid::Uuid;

use super::csrf::{tokens_match, CsrfForm};
use super::error::WebError;
use super::run_db;
use super::session::{MaybeStaff, Staff};
use crate::domain::ledger::{AccountKind, LedgerError, TransferKind};
use crate::domain::ledger_import::ImportOptions;
use crate::domain::money::parse_eur_nl;
use crate::domain::role::Permission;
use crate::service::auth::SessionUser;
use crate::service::ledger::{self as ledger, CorrectionInput, TransferInput};
use crate::service::{Principal, ServiceError};
use crate::startup::AppState;
use crate::views;
use crate::views::finance::{TransferFormValues, TransferPage};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(home))
        .route("/privacy", web::get().to(privacy))
        .route("/financien", web::get().to(finance_home))
        .route("/financien/begroting", web::get().to(overview))
        .route(
            "/financien/begrotingsposten/{id}",
            web::get().to(budget_line),
        )
        .route("/financien/potten", web::get().to(pools))
        .route("/financien/potten/{slug}", web::get().to(pool))
        .route("/financien/overboekingen", web::get().to(transfers))
        .route("/financien/overboekingen", web::post().to(create_transfer))
        .route("/financien/overboekingen.csv", web::get().to(transfers_csv))
        .route(
            "/financien/overboekingen/nieuw",
            web::get().to(new_transfer),
        )
        .route(
            "/financien/overboekingen/{id}",
            web::get().to(show_transfer),
        )
        .route(
            "/financien/overboekingen/{id}/beoordelen",
            web::post().to(decide),
        )
        .route(
            "/financien/overboekingen/{id}/correctie",
            web::post().to(correct),
        )
        .route("/financien/goedkeuren", web::get().to(approval_queue))
        .route("/financien/import", web::get().to(import_form))
        .route("/financien/import", web::post().to(import))
        .route("/beheer", web::get().to(admin))
        .route("/beheer/gebieden", web::post().to(create_area))
        .route("/beheer/financiers", web::post().to(create_funder));
}

pub(crate) fn html(markup: maud::Markup) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(markup.into_string())
}

pub(crate) fn html_status(
    status: actix_web::http::StatusCode,
    markup: maud::Markup,
) -> HttpResponse {
    HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(markup.into_string())
}

pub(crate) fn redirect(to: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, to.to_string()))
        .finish()
}

fn require(user: &SessionUser, p: Permission) -> Result<(), WebError> {
    user.principal().require(p).map_err(WebError::from)
}

async fn privacy(user: MaybeStaff) -> HttpResponse {
    html(views::home::privacy(user.0.as_ref()))
}

async fn home(user: MaybeStaff) -> HttpResponse {
    html(views::home::home(user.0.as_ref()))
}

async fn finance_home(_staff: Staff) -> HttpResponse {
    redirect("/financien/begroting")
}

#[derive(Deserialize)]
struct YearQuery {
    jaar: Option<String>,
}

async fn overview(
    Staff(user): Staff,
    state: web::Data<AppState>,
    q: web::Query<YearQuery>,
) -> Result<HttpResponse, WebError> {
    require(&user, Permission::ViewFinance)?;
    let year = q.jaar.as_deref().and_then(|y| y.trim().parse::<i32>().ok());
    let o = run_db(&state, move |c| ledger::ledger_overview(c, year)).await?;
    Ok(html(views::finance::overview(&user, &o, None)))
}

async fn budget_line(
    Staff(user): Staff,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    require(&user, Permission::ViewFinance)?;
    let id = id.into_inner();
    let (line, history) = run_db(&state, move |c| ledger::budget_line_detail(c, &id)).await?;
    Ok(html(views::finance::budget_line(&user, &line, &history)))
}

async fn pools(Staff(user): Staff, state: web::Data<AppState>) -> Result<HttpResponse, WebError> {
    require(&user, Permission::ViewFinance)?;
    let pools = run_db(&state, ledger::pools).await?;
    Ok(html(views::finance::pools(&user, &pools)))
}

async fn pool(
    Staff(user): Staff,
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    require(&user, Permission::ViewFinance)?;
    let slug = slug.into_inner();
    let (p, history) = run_db(&state, move |c| ledger::pool_detail(c, &slug)).await?;
    Ok(html(views::finance::pool(&user, &p, &history)))
}

async fn transfers(
    Staff(user): Staff,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    require(&user, Permission::ViewFinance)?;
    let rows = run_db(&state, ledger::list_transfers).await?;
    Ok(html(views::finance::transfers(&user, &rows)))
}

async fn transfers_csv(
    Staff(user): Staff,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    require(&user, Permission::ViewFinance)?;
    let csv = run_db(&state, ledger::transfers_csv).await?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((actix_web::http::header::CACHE_CONTROL, "no-store"))
        .insert_header((
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"overboekingen.csv\"",
        ))
        .body(csv))
}

async fn approval_queue(
    Staff(user): Staff,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    require(&user, Permission::ApproveTransfer)?;
    let rows = run_db(&state, ledger::approval_queue).await?;
    Ok(html(views::finance::approval_queue(&user, &rows)))
}

#[derive(Deserialize)]
struct NewTransferQuery {
    van: Option<String>,
}

async fn new_transfer(
    Staff(user): Staff,
    state: web::Data<AppState>,
    q: web::Query<NewTransferQuery>,
) -> Result<HttpResponse, WebError> {
    require(&user, Permission::ProposeTransfer)?;
    let opts = run_db(&state, ledger::transfer_options).await?;
    let values = TransferFormValues {
        // The idempotency key of this form: a retry or double click sends it again.
        request_id: Uuid::new_v4().to_string(),
        from_account: q.van.clone().unwrap_or_default(),
        ..Default::default()
    };
    Ok(html(views::finance::new_transfer(
        &user,
        &opts,
        &values,
        &[],
    )))
}

fn field_for(e: &ServiceError) -> &'static str {
    match e {
        ServiceError::Invalid { field, .. } => field,
        ServiceError::Ledger(l) => match l {
            LedgerError::AmountNotPositive
            | LedgerError::InsufficientFunds { .. }
            | LedgerError::CorrectionTooLarge { .. } => "amount",
            LedgerError::MemoMissing => "memo",
            LedgerError::DecisionRefMissing => "decision_ref",
            LedgerError::SameAccount | LedgerError::KindNotAllowed(_) => "to_account",
            _ => "from_account",
        },
        _ => "from_account",
    }
}

/// Errors the user can fix on the form; anything else becomes an error page.
fn is_form_error(e: &ServiceError) -> bool {
    matches!(e, ServiceError::Invalid { .. })
        || matches!(e, ServiceError::Ledger(l) if *l != LedgerError::IdempotencyConflict)
}

async fn create_transfer(
    Staff(user): Staff,
    state: web::Data<AppState>,
    form: CsrfForm<TransferFormValues>,
) -> Result<HttpResponse, WebError> {
    require(&user, Permission::ProposeTransfer)?;
    let v = form.data;
    let mut errors: Vec<(String, String)> = Vec::new();
    let id = Uuid::parse_str(v.request_id.trim()).ok();
    let amount = match parse_eur_nl(&v.amount) {
        Ok(a) => Some(a),
        Err(e) => {
            errors.push(("amount".into(), e.to_string()));
            None
        }
    };
    if v.from_account.is_empty() {
        errors.push((
            "from_account".into(),
            "Kies waar het geld vandaan komt.".into(),
        ));
    }
    if v.to_account.is_empty() {
        errors.push((
            "to_account".into(),
            "Kies de pot waar het geld naartoe gaat.".into(),
        ));
    }
    let principal = user.principal();
    let result = match (id, amount, errors.is_empty()) {
        (Some(id), Some(amount), true) => {
            let v2 = v.clone();
            Some(
                run_db(&state, move |c| {
                    let from = crate::db::repo::ledger::find_account(c, &v2.from_account)?
                        .ok_or_else(|| {
                            ServiceError::invalid("from_account", "Kies een bron uit de lijst.")
                        })?;
                    let kind = match AccountKind::parse(&from.kind) {
                        Some(AccountKind::BudgetLine) => TransferKind::BudgetToPool,
                        Some(AccountKind::Funder) => TransferKind::FunderContribution,
                        _ => {
                            return Err(ServiceError::invalid(
                                "from_account",
                                "Kies een begrotingspost of een financier als bron.",
                            ))
                        }
                    };
                    ledger::propose_transfer(
                        c,
                        &principal,
                        &TransferInput {
                            id,
                            kind,
                            from_account: v2.from_account.clone(),
                            to_account: v2.to_account.clone(),
                            amount_cents: amount,
                            memo: v2.memo.clone(),
                            decision_ref: Some(v2.decision_ref.clone()),
                        },
                    )
                })
                .await,
            )
        }
        (None, _, _) => return Err(WebError::BadRequest),
        _ => None,
    };
    match result {
        Some(Ok(t)) => Ok(redirect(&format!("/financien/overboekingen/{}", t.id))),
        Some(Err(e)) if is_form_error(&e) => {
            errors.push((field_for(&e).to_string(), e.to_string()));
            render_transfer_form(&state, &user, &v, &errors).await
        }
        Some(Err(e)) => Err(e.into()),
        None => render_transfer_form(&state, &user, &v, &errors).await,
    }
}

async fn render_transfer_form(
    state: &AppState,
    user: &SessionUser,
    v: &TransferFormValues,
    errors: &[(String, String)],
) -> Result<HttpResponse, WebError> {
    let opts = run_db(state, ledger::transfer_options).await?;
    Ok(html_status(
        actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
        views::finance::new_transfer(user, &opts, v, errors),
    ))
}

#[derive(Default)]
struct TransferPageState {
    errors: Vec<(String, String)>,
    correction_amount: String,
    correction_memo: String,
    reason: String,
    notice: Option<String>,
}

async fn render_transfer(
    state: &AppState,
    user: &SessionUser,
    id: String,
    s: TransferPageState,
    status: actix_web::http::StatusCode,
) -> Result<HttpResponse, WebError> {
    let (t, corrections) = run_db(state, move |c| {
        let t = ledger::transfer(c, &id)?;
        let corrections = ledger::list_transfers(c)?
            .into_iter()
            .filter(|x| x.correction_of.as_deref() == Some(id.as_str()))
            .collect::<Vec<_>>();
        Ok((t, corrections))
    })
    .await?;
    let correction_id = Uuid::new_v4().to_string();
    Ok(html_status(
        status,
        views::finance::transfer(
            user,
            &TransferPage {
                transfer: &t,
                corrections: &corrections,
                errors: &s.errors,
                correction_id: &correction_id,
                correction_amount: &s.correction_amount,
                correction_memo: &s.correction_memo,
                reason: &s.reason,
                notice: s.notice.as_deref(),
            },
        ),
    ))
}

async fn show_transfer(
    Staff(user): Staff,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    require(&user, Permission::ViewFinance)?;
    render_transfer(
        &state,
        &user,
        id.into_inner(),
        TransferPageState::default(),
        actix_web::http::StatusCode::OK,
    )
    .await
}

#[derive(Deserialize)]
struct DecideForm {
    #[serde(default)]
    besluit: String,
    #[serde(default)]
    reason: String,
}

async fn decide(
    Staff(user): Staff,
    state: web::Data<AppState>,
    id: web::Path<String>,
    form: CsrfForm<DecideForm>,
) -> Result<HttpResponse, WebError> {
    let id = id.into_inner();
    let f = form.data;
    let approve = match f.besluit.as_str() {
        "goedkeuren" => true,
        "afwijzen" => false,
        _ => return Err(WebError::BadRequest),
    };
    let principal = user.principal();
    let (id2, reason) = (id.clone(), f.reason.clone());
    let result = run_db(&state, move |c| {
        ledger::decide_transfer(c, &principal, &id2, approve, &reason)
    })
    .await;
    match result {
        Ok(_) => Ok(redirect(&format!("/financien/overboekingen/{id}"))),
        Err(ServiceError::Ledger(LedgerError::OwnTransfer)) => {
            Err(WebError::Forbidden(LedgerError::OwnTransfer.to_string()))
        }
        Err(e) if is_form_error(&e) => {
            let field = if matches!(e, ServiceError::Invalid { .. }) {
                "reason"
            } else {
                "besluit"
            };
            render_transfer(
                &state,
                &user,
                id,
                TransferPageState {
                    errors: vec![(field.into(), e.to_string())],
                    reason: f.reason,
                    ..Default::default()
                },
                actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
struct CorrectionForm {
    #[serde(default)]
    request_id: String,
    #[serde(default)]
    amount: String,
    #[serde(default)]
    memo: String,
}

async fn correct(
    Staff(user): Staff,
    state: web::Data<AppState>,
    id: web::Path<String>,
    form: CsrfForm<CorrectionForm>,
) -> Result<HttpResponse, WebError> {
    require(&user, Permission::ProposeTransfer)?;
    let id = id.into_inner();
    let f = form.data;
    let request_id = Uuid::parse_str(f.request_id.trim()).map_err(|_| WebError::BadRequest)?;
    let keep = |errors| TransferPageState {
        errors,
        correction_amount: f.amount.clone(),
        correction_memo: f.memo.clone(),
        ..Default::default()
    };
    let amount = match parse_eur_nl(&f.amount) {
        Ok(a) => a,
        Err(e) => {
            return render_transfer(
                &state,
                &user,
                id,
                keep(vec![("amount".into(), e.to_string())]),
                actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    };
    let principal = user.principal();
    let (id2, memo) = (id.clone(), f.memo.clone());
    let result = run_db(&state, move |c| {
        ledger::propose_correction(
            c,
            &principal,
            &id2,
            &CorrectionInput {
                id: request_id,
                amount_cents: amount,
                memo,
            },
        )
    })
    .await;
    match result {
        Ok(t) => Ok(redirect(&format!("/financien/overboekingen/{}", t.id))),
        Err(e) if is_form_error(&e) => {
            let field = match field_for(&e) {
                "memo" => "memo",
                _ => "amount",
            };
            render_transfer(
                &state,
                &user,
                id,
                keep(vec![(field.into(), e.to_string())]),
                actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

async fn import_form(Staff(user): Staff) -> Result<HttpResponse, WebError> {
    require(&user, Permission::ProposeTransfer)?;
    Ok(html(views::finance::import_form(
        &user,
        "",
        &[],
        None,
        None,
    )))
}

/// Largest ledger file we accept (a municipality's full budget is a few hundred kB).
const MAX_UPLOAD: usize = 10 * 1024 * 1024;

async fn import(
    Staff(user): Staff,
    state: web::Data<AppState>,
    mut payload: Multipart,
) -> Result<HttpResponse, WebError> {
    require(&user, Permission::ProposeTransfer)?;
    let mut token = String::new();
    let mut gemeente = String::new();
    let mut file_name = String::new();
    let mut bytes: Vec<u8> = Vec::new();
    let mut too_large = false;
    while let Some(field) = payload.next().await {
        let mut field = field.map_err(|_| WebError::BadRequest)?;
        let name = field.name().unwrap_or("").to_string();
        if name == "bestand" {
            file_name = field
                .content_disposition()
                .and_then(|cd| cd.get_filename())
                .unwrap_or("bestand.csv")
                .to_string();
        }
        let mut data = Vec::new();
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(|_| WebError::BadRequest)?;
            if data.len() + chunk.len() > MAX_UPLOAD {
                too_large = true;
                break;
            }
            data.extend_from_slice(&chunk);
        }
        match name.as_str() {
            "csrf_token" => token = String::from_utf8_lossy(&data).to_string(),
            "gemeente" => gemeente = String::from_utf8_lossy(&data).trim().to_string(),
            "bestand" => bytes = data,
            _ => {}
        }
    }
    if !tokens_match(&token, &user.csrf_token) {
        return Err(WebError::Csrf);
    }
    let unprocessable = actix_web::http::StatusCode::UNPROCESSABLE_ENTITY;
    if too_large {
        return Ok(html_status(
            unprocessable,
            views::finance::import_form(
                &user,
                &gemeente,
                &[],
                Some("Het bestand is groter dan 10 MB. Is dit wel een begroting?"),
                None,
            ),
        ));
    }
    if bytes.is_empty() {
        return Ok(html_status(
            unprocessable,
            views::finance::import_form(
                &user,
                &gemeente,
                &[],
                Some("Kies een bestand om in te lezen."),
                None,
            ),
        ));
    }
    let principal = user.principal();
    let g = gemeente.clone();
    let result = run_db(&state, move |c| {
        let opts = ImportOptions {
            municipality: if g.is_empty() { None } else { Some(g) },
        };
        ledger::import_ledger(c, &principal, &file_name, &bytes, &opts)
    })
    .await;
    match result {
        Ok(outcome) => Ok(html(views::finance::import_form(
            &user,
            &gemeente,
            &[],
            None,
            Some(&outcome),
        ))),
        Err(ServiceError::Import(problems)) => Ok(html_status(
            unprocessable,
            views::finance::import_form(&user, &gemeente, &problems, None, None),
        )),
        Err(e) => Err(e.into()),
    }
}

async fn admin(Staff(user): Staff, state: web::Data<AppState>) -> Result<HttpResponse, WebError> {
    require(&user, Permission::Administer)?;
    render_admin(
        &state,
        &user,
        Vec::new(),
        "",
        "",
        None,
        actix_web::http::StatusCode::OK,
    )
    .await
}

async fn render_admin(
    state: &AppState,
    user: &SessionUser,
    errors: Vec<(String, String)>,
    area_name: &str,
    funder_name: &str,
    notice: Option<&str>,
    status: actix_web::http::StatusCode,
) -> Result<HttpResponse, WebError> {
    let (pools, funders) = run_db(state, |c| Ok((ledger::pools(c)?, ledger::funders(c)?))).await?;
    Ok(html_status(
        status,
        views::admin::admin(
            user,
            &views::admin::AdminPage {
                pools: &pools,
                funders: &funders,
                errors: &errors,
                area_name,
                funder_name,
                notice,
            },
        ),
    ))
}

#[derive(Deserialize)]
struct AreaForm {
    #[serde(default)]
    area_name: String,
    #[serde(default)]
    area_kind: String,
}

/// The admin page after a create form: the notice on success, or the form again with
/// the Dutch message on the field and what was typed kept.
async fn after_admin_form(
    state: &AppState,
    user: &SessionUser,
    result: Result<String, ServiceError>,
    field: &str,
    area_name: &str,
    funder_name: &str,
) -> Result<HttpResponse, WebError> {
    match result {
        Ok(notice) => {
            render_admin(
                state,
                user,
                Vec::new(),
                "",
                "",
                Some(&notice),
                actix_web::http::StatusCode::OK,
            )
            .await
        }
        Err(ServiceError::Invalid { message, .. }) => {
            render_admin(
                state,
                user,
                vec![(field.to_string(), message)],
                area_name,
                funder_name,
                None,
                actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

async fn create_area(
    Staff(user): Staff,
    state: web::Data<AppState>,
    form: CsrfForm<AreaForm>,
) -> Result<HttpResponse, WebError> {
    require(&user, Permission::Administer)?;
    let f = form.data;
    let p: Principal = user.principal();
    let (name, kind) = (f.area_name.clone(), f.area_kind.clone());
    let result = run_db(&state, move |c| ledger::create_area(c, &p, &name, &kind))
        .await
        .map(|a| format!("Gebied {} is toegevoegd, met een eigen pot.", a.name));
    after_admin_form(&state, &user, result, "area_name", &f.area_name, "").await
}

#[derive(Deserialize)]
struct FunderForm {
    #[serde(default)]
    funder_name: String,
    #[serde(default)]
    funder_kind: String,
}

async fn create_funder(
    Staff(user): Staff,
    state: web::Data<AppState>,
    form: CsrfForm<FunderForm>,
) -> Result<HttpResponse, WebError> {
    require(&user, Permission::Administer)?;
    let f = form.data;
    let p: Principal = user.principal();
    let (name, kind) = (f.funder_name.clone(), f.funder_kind.clone());
    let result = run_db(&state, move |c| ledger::create_funder(c, &p, &name, &kind))
        .await
        .map(|fv| format!("Financier {} is toegevoegd.", fv.name));
    after_admin_form(&state, &user, result, "funder_name", "", &f.funder_name).await
}
