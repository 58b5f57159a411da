//! The plan page (public), its payment form (finance), its progress form with one photo
//! (the coordinator or the plan's initiator), the photos, and finance's list of funded
//! plans. Each handler parses input, calls one service function and renders.

use actix_multipart::Multipart;
use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpResponse};
use futures_util::StreamExt;
use uuid::Uuid;

use super::csrf::{tokens_match, CsrfForm};
use super::error::WebError;
use super::respond::{html, html_status, redirect};
use super::run_db;
use super::session::{MaybeStaff, SignedIn, Staff};
use crate::domain::form_errors::FormErrors;
use crate::domain::ledger::TransferStatus;
use crate::domain::permissions::Operation;
use crate::domain::photo::MAX_PHOTO_BYTES;
use crate::domain::plan_money::{self, ProgressStage};
use crate::domain::round::PlanId;
use crate::service::auth::SessionUser;
use crate::service::payments::{self, PaymentInput};
use crate::service::progress::{self, ProgressInput};
use crate::service::{plans, Principal, ServiceError};
use crate::state::AppState;
use crate::views;
use crate::views::plan::{PaymentFormValues, PlanPage, ProgressFormValues};
use crate::{msg_key, tr};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/plannen/{id}", web::get().to(show))
        .route("/plannen/{id}/betalingen", web::post().to(pay))
        .route("/plannen/{id}/voortgang", web::post().to(post_progress))
        .route("/plannen/{id}/fotos/{post}", web::get().to(photo))
        .route("/financien/plannen", web::get().to(funded));
}

fn caller(user: Option<&SessionUser>) -> Principal {
    user.map_or_else(Principal::resident, SessionUser::principal)
}

/// What the page shows besides the plan: the forms' kept values, errors and a notice.
#[derive(Default)]
struct PageState {
    errors: FormErrors,
    payment: Option<PaymentFormValues>,
    progress: Option<ProgressFormValues>,
    notice: Option<String>,
}

async fn render(
    state: &AppState,
    user: Option<&SessionUser>,
    id: String,
    s: PageState,
    status: StatusCode,
) -> Result<HttpResponse, WebError> {
    let p = caller(user);
    let (view, objection) = run_db(state, move |c| {
        let view = plans::plan_page(c, &p, &PlanId(id.clone()))?;
        let objection = crate::service::objections::plan_objection(c, &p, &PlanId(id))?;
        Ok((view, objection))
    })
    .await?;
    // Fresh idempotency keys for forms that did not come back.
    let payment = s.payment.unwrap_or_else(|| PaymentFormValues {
        request_id: Uuid::new_v4().to_string(),
        paid_on: crate::domain::nl_time::to_local(crate::service::now())
            .date()
            .format("%Y-%m-%d")
            .to_string(),
        ..Default::default()
    });
    let progress = s.progress.unwrap_or_else(|| ProgressFormValues {
        request_id: Uuid::new_v4().to_string(),
        ..Default::default()
    });
    Ok(html_status(
        status,
        views::plan::plan_page(&PlanPage {
            user,
            view: &view,
            errors: &s.errors,
            payment: &payment,
            progress: &progress,
            notice: s.notice.as_deref(),
            threshold_cents: state.settings.payment_approval_threshold_cents,
            objection: Some(&objection),
        }),
    ))
}

#[derive(serde::Deserialize)]
struct ShowQuery {
    #[serde(default)]
    melding: Option<String>,
}

async fn show(
    MaybeStaff(user): MaybeStaff,
    state: web::Data<AppState>,
    id: web::Path<String>,
    q: web::Query<ShowQuery>,
) -> Result<HttpResponse, WebError> {
    // Only known notices: the text never comes from the address.
    let notice = super::rounds::notice_key(
        q.melding.as_deref(),
        &[
            ("betaald", msg_key!("plan-notice-paid")),
            ("goedkeuren", msg_key!("plan-notice-paid-to-approve")),
            ("voortgang", msg_key!("plan-notice-progress")),
            ("klaar", msg_key!("plan-notice-done")),
        ],
    );
    render(
        &state,
        user.as_ref(),
        id.into_inner(),
        PageState {
            notice: notice.map(crate::i18n::t),
            ..Default::default()
        },
        StatusCode::OK,
    )
    .await
}

/// Errors the user can fix on the form (422, input kept); anything else is an error page.
fn form_error(e: &ServiceError) -> Option<(String, String)> {
    match e {
        ServiceError::Invalid { field, message } => Some((field.to_string(), message.to_string())),
        ServiceError::Ledger(l)
            if *l != crate::domain::ledger::LedgerError::IdempotencyConflict =>
        {
            Some(("amount".to_string(), l.to_string()))
        }
        _ => None,
    }
}

async fn pay(
    Staff(user): Staff,
    state: web::Data<AppState>,
    id: web::Path<String>,
    form: CsrfForm<PaymentFormValues>,
) -> Result<HttpResponse, WebError> {
    // Checked before the form is read, so a caller without the right sees 403, not 422.
    user.principal().may(Operation::RecordPayment)?;
    let id = id.into_inner();
    let f = form.data;
    let request_id = Uuid::parse_str(f.request_id.trim()).map_err(|_| WebError::BadRequest)?;
    let back = |errors| PageState {
        errors,
        payment: Some(f.clone()),
        ..Default::default()
    };
    // Every field is checked before answering, so all problems show at once.
    let mut problems = FormErrors::new();
    let amount = problems.take("amount", crate::i18n::parse_money(&f.amount));
    let today = crate::domain::nl_time::to_local(crate::service::now()).date();
    problems.extend(
        plan_money::payment_problems(amount, &f.paid_on, &f.reference, &f.note, today)
            .into_iter()
            .map(|(field, e)| (field, e.to_string())),
    );
    let (Some(amount), true) = (amount, problems.is_empty()) else {
        return render(
            &state,
            Some(&user),
            id,
            back(problems),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let p = user.principal();
    let threshold = state.settings.payment_approval_threshold_cents;
    let input = PaymentInput {
        id: request_id,
        amount_cents: amount,
        paid_on: f.paid_on.clone(),
        reference: f.reference.clone(),
        note: f.note.clone(),
    };
    let plan = PlanId(id.clone());
    let result = run_db(&state, move |c| {
        payments::record_payment(c, &p, &plan, &input, threshold)
    })
    .await;
    match result {
        Ok(t) => {
            let melding = if t.status == TransferStatus::Pending {
                "goedkeuren"
            } else {
                "betaald"
            };
            Ok(redirect(&format!(
                "/plannen/{id}?melding={melding}#betalingen"
            )))
        }
        Err(e) => match form_error(&e) {
            Some(err) => {
                render(
                    &state,
                    Some(&user),
                    id,
                    back([err].into_iter().collect()),
                    StatusCode::UNPROCESSABLE_ENTITY,
                )
                .await
            }
            None => Err(e.into()),
        },
    }
}

/// The multipart progress form, read with a size cap on every part.
struct ProgressUpload {
    token: String,
    values: ProgressFormValues,
    photo: Option<Vec<u8>>,
    photo_too_large: bool,
}

/// Longest text part we read (the service checks the real limits).
const MAX_TEXT_PART: usize = 16 * 1024;

async fn read_upload(mut payload: Multipart) -> Result<ProgressUpload, WebError> {
    let mut up = ProgressUpload {
        token: String::new(),
        values: ProgressFormValues::default(),
        photo: None,
        photo_too_large: false,
    };
    while let Some(field) = payload.next().await {
        let mut field = field.map_err(|_| WebError::BadRequest)?;
        let name = field.name().unwrap_or("").to_string();
        let cap = if name == "photo" {
            MAX_PHOTO_BYTES
        } else {
            MAX_TEXT_PART
        };
        let mut data = Vec::new();
        let mut too_large = false;
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(|_| WebError::BadRequest)?;
            if data.len() + chunk.len() > cap {
                too_large = true;
                // Keep reading (and dropping) the rest, so the answer is a page, not a
                // broken connection.
                continue;
            }
            data.extend_from_slice(&chunk);
        }
        let text = || String::from_utf8_lossy(&data).to_string();
        match name.as_str() {
            "csrf_token" => up.token = text(),
            "request_id" => up.values.request_id = text(),
            "stage" => up.values.stage = text(),
            "body" if !too_large => up.values.body = text(),
            "body" => up.values.body = "x".repeat(MAX_TEXT_PART),
            "photo_alt" => up.values.photo_alt = text(),
            "photo" if too_large => up.photo_too_large = true,
            // A file input left empty still sends an empty part.
            "photo" if !data.is_empty() => up.photo = Some(data),
            _ => {}
        }
    }
    Ok(up)
}

async fn post_progress(
    SignedIn(user): SignedIn,
    state: web::Data<AppState>,
    id: web::Path<String>,
    payload: Multipart,
) -> Result<HttpResponse, WebError> {
    let id = id.into_inner();
    let up = read_upload(payload).await?;
    if !tokens_match(&up.token, &user.csrf_token) {
        return Err(WebError::Csrf);
    }
    let request_id =
        Uuid::parse_str(up.values.request_id.trim()).map_err(|_| WebError::BadRequest)?;
    let back = |errors| PageState {
        errors,
        progress: Some(up.values.clone()),
        ..Default::default()
    };
    let unprocessable = StatusCode::UNPROCESSABLE_ENTITY;
    // Every field is checked before answering, so all problems show at once.
    let mut problems = FormErrors::new();
    let stage = ProgressStage::parse(up.values.stage.trim());
    problems.add_if(stage.is_none(), "stage", tr!("plan-msg-stage"));
    problems.extend(
        plan_money::progress_problems(
            &up.values.body,
            up.photo.is_some() || up.photo_too_large,
            &up.values.photo_alt,
        )
        .into_iter()
        .map(|(field, e)| (field, e.to_string())),
    );
    problems.add_if(
        up.photo_too_large,
        "photo",
        crate::domain::photo::PhotoError::TooLarge.to_string(),
    );
    let (Some(stage), true) = (stage, problems.is_empty()) else {
        return render(&state, Some(&user), id, back(problems), unprocessable).await;
    };
    let p = user.principal();
    let input = ProgressInput {
        id: request_id,
        stage,
        body: up.values.body.clone(),
        photo: up.photo.clone(),
        photo_alt: up.values.photo_alt.clone(),
    };
    let plan = PlanId(id.clone());
    let result = run_db(&state, move |c| {
        progress::post_progress(c, &p, &plan, &input)
    })
    .await;
    match result {
        Ok(_) => {
            let melding = if stage == ProgressStage::Done {
                "klaar"
            } else {
                "voortgang"
            };
            Ok(redirect(&format!(
                "/plannen/{id}?melding={melding}#voortgang"
            )))
        }
        Err(e) => match form_error(&e) {
            Some(err) => {
                let errors = [err].into_iter().collect();
                render(&state, Some(&user), id, back(errors), unprocessable).await
            }
            None => Err(e.into()),
        },
    }
}

async fn photo(
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, WebError> {
    let (plan, post) = path.into_inner();
    let p = Principal::resident();
    let (media_type, bytes) =
        run_db(&state, move |c| plans::photo(c, &p, &PlanId(plan), &post)).await?;
    Ok(HttpResponse::Ok()
        .content_type(media_type)
        // A post never changes (append-only), so the photo may be kept.
        .insert_header((header::CACHE_CONTROL, "public, max-age=86400, immutable"))
        .body(bytes))
}

async fn funded(Staff(user): Staff, state: web::Data<AppState>) -> Result<HttpResponse, WebError> {
    let p = user.principal();
    let rows = run_db(&state, move |c| plans::funded_plans(c, &p)).await?;
    Ok(html(views::plan::funded_plans(&user, &rows)))
}
