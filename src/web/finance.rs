//! The finance pages (Dutch URLs under /financien): budget, pools, transfers, the
//! approval queue, proposals, decisions and corrections. Each handler parses input, calls
//! one service (which checks the caller) and renders.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use serde::Deserialize;
use uuid::Uuid;

use super::confirm::{ask, is_confirmed, Confirmation};
use super::csrf::CsrfForm;
use super::error::WebError;
use super::respond::{csv_download, html, html_status, redirect};
use super::run_db;
use super::session::Staff;
use crate::domain::form_errors::FormErrors;
use crate::domain::ids::{AccountId, BudgetLineId, TransferId};
use crate::domain::ledger::{LedgerError, TransferKind, TransferStatus};
use crate::domain::permissions::Operation;
use crate::service::auth::SessionUser;
use crate::service::ledger::{self as ledger, CorrectionInput, TransferInput, TransferView};
use crate::service::ServiceError;
use crate::state::AppState;
use crate::tr;
use crate::views;
use crate::views::finance::{TransferFormValues, TransferPage};
use crate::views::transfers_list::TransferFilterForm;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/financien", web::get().to(finance_home))
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
        .route("/financien/goedkeuren", web::get().to(approval_queue));
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
    let year = q.jaar.as_deref().and_then(|y| y.trim().parse::<i32>().ok());
    let p = user.principal();
    let o = run_db(&state, move |c| ledger::ledger_overview(c, &p, year)).await?;
    Ok(html(views::finance::overview(&user, &o, None)))
}

async fn budget_line(
    Staff(user): Staff,
    state: web::Data<AppState>,
    id: web::Path<BudgetLineId>,
) -> Result<HttpResponse, WebError> {
    let (id, p) = (id.into_inner(), user.principal());
    let (line, history) = run_db(&state, move |c| ledger::budget_line_detail(c, &p, &id)).await?;
    Ok(html(views::finance::budget_line(&user, &line, &history)))
}

async fn pools(Staff(user): Staff, state: web::Data<AppState>) -> Result<HttpResponse, WebError> {
    let p = user.principal();
    let pools = run_db(&state, move |c| ledger::pools(c, &p)).await?;
    Ok(html(views::finance::pools(&user, &pools)))
}

async fn pool(
    Staff(user): Staff,
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let (slug, who) = (slug.into_inner(), user.principal());
    let (p, history, held) = run_db(&state, move |c| {
        let (p, history) = ledger::pool_detail(c, &who, &slug)?;
        // Reserved and earmarked money is shown apart (it has not moved in the ledger).
        let held = crate::service::pool_holds::pool_money_for_finance(c, &who, &slug)?;
        Ok((p, history, held))
    })
    .await?;
    Ok(html(views::finance::pool(&user, &p, &history, &held)))
}

/// The filter of the transfers list as the service's query, or the messages per field.
fn transfer_query(f: &TransferFilterForm) -> Result<ledger::TransferQuery, Vec<(String, String)>> {
    let mut errors = Vec::new();
    let (from, until) = match super::council::parse_period(&f.van, &f.tot) {
        Ok(p) => p,
        Err(e) => {
            errors.extend(e);
            (None, None)
        }
    };
    let kind = match f.soort.trim() {
        "" => None,
        k => match TransferKind::parse(k) {
            Some(k) => Some(k),
            None => {
                errors.push(("soort".into(), tr!("finance-filter-kind-unknown")));
                None
            }
        },
    };
    let status = match f.status.trim() {
        "" => None,
        "pending" => Some(TransferStatus::Pending),
        "posted" => Some(TransferStatus::Posted),
        "rejected" => Some(TransferStatus::Rejected),
        _ => {
            errors.push(("status".into(), tr!("finance-filter-status-unknown")));
            None
        }
    };
    let account = match f.rekening.trim() {
        "" => None,
        a => Some(AccountId::from(a.to_string())),
    };
    let page = f
        .pagina
        .as_deref()
        .and_then(|p| p.trim().parse::<i64>().ok())
        .unwrap_or(1);
    if errors.is_empty() {
        Ok(ledger::TransferQuery {
            account,
            kind,
            status,
            from,
            until,
            page,
        })
    } else {
        Err(errors)
    }
}

async fn transfers(
    Staff(user): Staff,
    state: web::Data<AppState>,
    form: web::Query<TransferFilterForm>,
) -> Result<HttpResponse, WebError> {
    let form = form.into_inner();
    let query = match transfer_query(&form) {
        Ok(q) => q,
        Err(errors) => {
            // The list stays usable: every transfer, with the form as typed and the errors.
            let p = user.principal();
            let all = ledger::TransferQuery {
                page: 1,
                ..Default::default()
            };
            let data = run_db(&state, move |c| ledger::transfers_page(c, &p, &all)).await?;
            return Ok(html_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                views::transfers_list::transfers(&user, Some(&data), &form, &errors),
            ));
        }
    };
    let p = user.principal();
    let data = run_db(&state, move |c| ledger::transfers_page(c, &p, &query)).await?;
    Ok(html(views::transfers_list::transfers(
        &user,
        Some(&data),
        &form,
        &[],
    )))
}

async fn transfers_csv(
    Staff(user): Staff,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let p = user.principal();
    let csv = run_db(&state, move |c| ledger::transfers_csv(c, &p)).await?;
    Ok(csv_download("overboekingen.csv", csv))
}

async fn approval_queue(
    Staff(user): Staff,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let p = user.principal();
    let rows = run_db(&state, move |c| ledger::approval_queue(c, &p)).await?;
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
    let p = user.principal();
    let opts = run_db(&state, move |c| ledger::transfer_options(c, &p)).await?;
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

/// Every field of the new-transfer form, checked at once against the choices the form
/// offered: source, destination, amount, reason and (for a budget line) the council
/// decision. The service checks them again when it saves.
fn check_transfer_form(
    v: &TransferFormValues,
    opts: &ledger::TransferOptions,
) -> (FormErrors, Option<i64>) {
    let mut errors = FormErrors::new();
    let from_line = opts
        .budget_lines
        .iter()
        .any(|l| l.account_id.as_str() == v.from_account);
    let from_funder = opts
        .funders
        .iter()
        .any(|f| f.account_id.as_str() == v.from_account);
    errors.add_if(
        !from_line && !from_funder,
        "from_account",
        tr!("finance-new-from-missing"),
    );
    errors.add_if(
        !opts
            .pools
            .iter()
            .any(|p| p.account_id.as_str() == v.to_account),
        "to_account",
        tr!("finance-new-to-missing"),
    );
    let amount = errors.take("amount", crate::i18n::parse_money(&v.amount));
    errors.add_if(
        v.memo.trim().is_empty(),
        "memo",
        LedgerError::MemoMissing.to_string(),
    );
    errors.add_if(
        from_line && v.decision_ref.trim().is_empty(),
        "decision_ref",
        LedgerError::DecisionRefMissing.to_string(),
    );
    (errors, amount)
}

async fn create_transfer(
    Staff(user): Staff,
    state: web::Data<AppState>,
    form: CsrfForm<TransferFormValues>,
) -> Result<HttpResponse, WebError> {
    // Checked before the form is read, so a caller without the right sees 403, not 422.
    user.principal().may(Operation::ProposeTransfer)?;
    let v = form.data;
    let Ok(id) = Uuid::parse_str(v.request_id.trim()) else {
        return Err(WebError::BadRequest);
    };
    let p = user.principal();
    let opts = run_db(&state, move |c| ledger::transfer_options(c, &p)).await?;
    let (mut errors, amount) = check_transfer_form(&v, &opts);
    let (Some(amount), true) = (amount, errors.is_empty()) else {
        return Ok(transfer_form_page(&user, &opts, &v, &errors));
    };
    let (principal, v2) = (user.principal(), v.clone());
    let result = run_db(&state, move |c| {
        ledger::propose_transfer(
            c,
            &principal,
            &TransferInput {
                id,
                // The service decides the kind from the source.
                kind: None,
                from_account: v2.from_account.as_str().into(),
                to_account: v2.to_account.as_str().into(),
                amount_cents: amount,
                memo: v2.memo.clone(),
                decision_ref: Some(v2.decision_ref.clone()),
            },
        )
    })
    .await;
    match result {
        Ok(t) => Ok(redirect(&format!("/financien/overboekingen/{}", t.id))),
        Err(e) if is_form_error(&e) => {
            errors.add(field_for(&e), e.to_string());
            render_transfer_form(&state, &user, &v, &errors).await
        }
        Err(e) => Err(e.into()),
    }
}

fn transfer_form_page(
    user: &SessionUser,
    opts: &ledger::TransferOptions,
    v: &TransferFormValues,
    errors: &[(String, String)],
) -> HttpResponse {
    html_status(
        StatusCode::UNPROCESSABLE_ENTITY,
        views::finance::new_transfer(user, opts, v, errors),
    )
}

async fn render_transfer_form(
    state: &AppState,
    user: &SessionUser,
    v: &TransferFormValues,
    errors: &[(String, String)],
) -> Result<HttpResponse, WebError> {
    let p = user.principal();
    let opts = run_db(state, move |c| ledger::transfer_options(c, &p)).await?;
    Ok(transfer_form_page(user, &opts, v, errors))
}

#[derive(Default)]
struct TransferPageState {
    errors: FormErrors,
    correction_amount: String,
    correction_memo: String,
    reason: String,
    notice: Option<String>,
}

async fn render_transfer(
    state: &AppState,
    user: &SessionUser,
    id: TransferId,
    s: TransferPageState,
    status: actix_web::http::StatusCode,
) -> Result<HttpResponse, WebError> {
    let p = user.principal();
    let (t, corrections) = run_db(state, move |c| {
        let t = ledger::transfer(c, &p, &id)?;
        let corrections = ledger::list_transfers(c, &p)?
            .into_iter()
            .filter(|x| x.correction_of.as_ref() == Some(&id))
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
    id: web::Path<TransferId>,
) -> Result<HttpResponse, WebError> {
    render_transfer(
        &state,
        &user,
        id.into_inner(),
        TransferPageState::default(),
        StatusCode::OK,
    )
    .await
}

#[derive(Deserialize)]
struct DecideForm {
    #[serde(default)]
    besluit: String,
    #[serde(default)]
    reason: String,
    /// Set only by the confirmation page of an approval.
    #[serde(default)]
    bevestigd: String,
}

/// The question before an approval: who gets how much, from where, on whose decision.
fn approval_confirmation(t: &TransferView, reason: &str) -> Confirmation {
    let amount = crate::i18n::money(t.amount_cents);
    let mut consequences = vec![tr!(
        "finance-approve-moves",
        amount = &amount,
        from = &t.from_name,
        to = &t.to_name
    )];
    if !t.memo.trim().is_empty() {
        consequences.push(tr!("finance-approve-memo", memo = &t.memo));
    }
    if let Some(d) = t.decision_ref.as_deref().filter(|d| !d.trim().is_empty()) {
        consequences.push(tr!("finance-approve-decision-ref", decision = d));
    }
    consequences.push(tr!("finance-approve-final"));
    Confirmation {
        title: tr!("finance-approve-title", amount = &amount),
        consequences,
        action: format!("/financien/overboekingen/{}/beoordelen", t.id),
        kept: vec![
            ("besluit".into(), "goedkeuren".into()),
            ("reason".into(), reason.to_string()),
        ],
        confirm_label: tr!("finance-approve-confirm", amount = &amount),
        back: format!("/financien/overboekingen/{}", t.id),
        current: "/financien/goedkeuren",
    }
}

async fn decide(
    Staff(user): Staff,
    state: web::Data<AppState>,
    id: web::Path<TransferId>,
    form: CsrfForm<DecideForm>,
) -> Result<HttpResponse, WebError> {
    user.principal().may(Operation::DecideTransfer)?;
    let id = id.into_inner();
    let f = form.data;
    let approve = match f.besluit.as_str() {
        "goedkeuren" => true,
        "afwijzen" => false,
        _ => return Err(WebError::BadRequest),
    };
    if approve && !is_confirmed(&f.bevestigd) {
        // Only the question: nothing is decided until the confirmation page's POST.
        let (p, id2) = (user.principal(), id.clone());
        let t = run_db(&state, move |c| ledger::transfer(c, &p, &id2)).await?;
        if t.actions.own {
            return Err(WebError::Forbidden(LedgerError::OwnTransfer.to_string()));
        }
        if !t.actions.may_approve {
            // Decided already (by a colleague, or in another tab): say so on its page.
            let s = TransferPageState {
                errors: [("besluit", LedgerError::AlreadyDecided.to_string())]
                    .into_iter()
                    .collect(),
                reason: f.reason,
                ..Default::default()
            };
            return render_transfer(&state, &user, id, s, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
        return Ok(ask(&user, &approval_confirmation(&t, &f.reason)));
    }
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
                    errors: [(field, e.to_string())].into_iter().collect(),
                    reason: f.reason,
                    ..Default::default()
                },
                StatusCode::UNPROCESSABLE_ENTITY,
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
    id: web::Path<TransferId>,
    form: CsrfForm<CorrectionForm>,
) -> Result<HttpResponse, WebError> {
    // Checked before the form is read, so a caller without the right sees 403, not 422.
    user.principal().may(Operation::ProposeCorrection)?;
    let id = id.into_inner();
    let f = form.data;
    let request_id = Uuid::parse_str(f.request_id.trim()).map_err(|_| WebError::BadRequest)?;
    let keep = |errors| TransferPageState {
        errors,
        correction_amount: f.amount.clone(),
        correction_memo: f.memo.clone(),
        ..Default::default()
    };
    // Both fields are checked before answering, so both problems show at once.
    let mut problems = FormErrors::new();
    let amount = problems.take("amount", crate::i18n::parse_money(&f.amount));
    problems.add_if(
        f.memo.trim().is_empty(),
        "memo",
        LedgerError::MemoMissing.to_string(),
    );
    let (Some(amount), true) = (amount, problems.is_empty()) else {
        return render_transfer(
            &state,
            &user,
            id,
            keep(problems),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
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
                keep([(field, e.to_string())].into_iter().collect()),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}
