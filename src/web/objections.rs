//! Objections (bezwaren): the steering group's page and its decisions, the initiator's
//! objection to a rejection, a resident's (or initiator's) objection to a result, and an
//! area's objection window. Each handler parses input, calls one service function and
//! renders.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};

use super::codes::voter_token;
use super::confirm::{ask, is_confirmed, Confirmation};
use super::csrf::{form_token, with_pre_cookie, CsrfForm};
use super::error::WebError;
use super::respond::{html, html_status, redirect};
use super::run_db;
use super::session::{MaybeStaff, Staff};
use crate::domain::objection::{self as rule, ObjectionKind, ObjectionProblem, Verdict};
use crate::domain::permissions::Operation;
use crate::domain::round::{PlanId, RoundId};
use crate::service::auth::SessionUser;
use crate::service::objections::{self as svc, ObjectionView, ResultObjector};
use crate::service::{rounds, Principal, ServiceError};
use crate::state::AppState;
use crate::tr;
use crate::views;
use crate::views::objections::{DecisionFormValues, ResultForm};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/stuurgroep/bezwaren", web::get().to(queue))
        .route("/stuurgroep/bezwaren/{id}", web::post().to(decide))
        .route("/plannen/{id}/bezwaar", web::get().to(rejection_page))
        .route("/plannen/{id}/bezwaar", web::post().to(object_to_rejection))
        .route("/rondes/{id}/bezwaar", web::get().to(result_page))
        .route("/rondes/{id}/bezwaar", web::post().to(object_to_result))
        .route(
            "/gebieden/{slug}/bezwaartermijn",
            web::get().to(window_page),
        )
        .route(
            "/gebieden/{slug}/bezwaartermijn",
            web::post().to(set_window),
        );
}

type Errors = Vec<(String, String)>;

fn caller(user: Option<&SessionUser>) -> Principal {
    user.map_or_else(Principal::resident, SessionUser::principal)
}

/// Errors the user can fix on the form (422, input kept); anything else is an error page.
fn form_error(e: &ServiceError) -> Option<(String, String)> {
    match e {
        ServiceError::Invalid { field, message } => Some((field.to_string(), message.to_string())),
        _ => None,
    }
}

#[derive(serde::Deserialize)]
struct QueueQuery {
    #[serde(default)]
    melding: Option<String>,
}

async fn render_queue(
    state: &AppState,
    user: &SessionUser,
    errors: Errors,
    kept: Option<(String, DecisionFormValues)>,
    notice: Option<&str>,
    status: StatusCode,
) -> Result<HttpResponse, WebError> {
    let p = user.principal();
    let q = run_db(state, move |c| svc::queue(c, &p)).await?;
    Ok(html_status(
        status,
        views::objections::queue(
            user,
            &q,
            &errors,
            kept.as_ref().map(|(id, v)| (id.as_str(), v)),
            notice,
        ),
    ))
}

async fn queue(
    Staff(user): Staff,
    state: web::Data<AppState>,
    q: web::Query<QueueQuery>,
) -> Result<HttpResponse, WebError> {
    user.principal().may(Operation::ObjectionQueue)?;
    // Only a known notice: the text never comes from the address.
    let notice = (q.melding.as_deref() == Some("beslist")).then(|| tr!("objections-queue-decided"));
    render_queue(
        &state,
        &user,
        Vec::new(),
        None,
        notice.as_deref(),
        StatusCode::OK,
    )
    .await
}

/// The decision form of one objection, with the confirmation page's marker.
#[derive(Debug, Default, serde::Deserialize)]
struct DecideForm {
    #[serde(default)]
    verdict: String,
    #[serde(default)]
    reason: String,
    /// Set only by the confirmation page.
    #[serde(default)]
    bevestigd: String,
}

/// The question before a decision: which objection, what the chosen verdict does (the
/// plan goes on the ballot, the votes are counted again, the round is void, or nothing
/// changes) and that the reason is public.
fn decision_confirmation(o: &ObjectionView, verdict: Verdict, reason: &str) -> Confirmation {
    let round = o.round_title.as_str();
    let (number, title) = o
        .plan
        .as_ref()
        .map(|(n, t)| (*n, t.as_str()))
        .unwrap_or_default();
    let question = match o.kind() {
        ObjectionKind::Rejection => {
            tr!(
                "objections-confirm-title-rejection",
                number = number,
                title = title
            )
        }
        ObjectionKind::Result => tr!("objections-confirm-title-result", round = round),
    };
    let what = match (verdict, o.kind()) {
        (Verdict::Nominate, _) => tr!(
            "objections-confirm-nominate",
            number = number,
            title = title,
            round = round
        ),
        (Verdict::Rejected, ObjectionKind::Rejection) => tr!(
            "objections-confirm-rejected-plan",
            number = number,
            title = title
        ),
        (Verdict::Rejected, ObjectionKind::Result) => {
            tr!("objections-confirm-rejected-result", round = round)
        }
        (Verdict::Recount, _) => tr!("objections-confirm-recount", round = round),
        (Verdict::Annul, _) => tr!("objections-confirm-annul", round = round),
    };
    let id = &o.record.id;
    Confirmation {
        title: question,
        consequences: vec![
            what,
            tr!("objections-confirm-public", reason = reason.trim()),
        ],
        action: format!("/stuurgroep/bezwaren/{id}"),
        kept: vec![
            ("verdict".into(), verdict.as_str().into()),
            ("reason".into(), reason.to_string()),
        ],
        confirm_label: if verdict.upheld() {
            tr!("objections-confirm-button-upheld")
        } else {
            tr!("objections-confirm-button-rejected")
        },
        back: format!("/stuurgroep/bezwaren#objection-{id}"),
        current: "/stuurgroep/bezwaren",
    }
}

/// Every problem of one objection's form at once, under the fields of that form.
fn decision_errors(id: &str, problems: Vec<(String, String)>) -> Errors {
    problems
        .into_iter()
        .map(|(field, message)| {
            let field = match field.as_str() {
                "verdict" => format!("verdict-{id}"),
                "reason" => format!("reason-{id}"),
                _ => field,
            };
            (field, message)
        })
        .collect()
}

async fn decide(
    Staff(user): Staff,
    state: web::Data<AppState>,
    id: web::Path<String>,
    form: CsrfForm<DecideForm>,
) -> Result<HttpResponse, WebError> {
    user.principal().may(Operation::DecideObjection)?;
    let id = id.into_inner();
    let f = form.data;
    let kept = DecisionFormValues {
        verdict: f.verdict.clone(),
        reason: f.reason.clone(),
    };
    let unprocessable = StatusCode::UNPROCESSABLE_ENTITY;
    if !is_confirmed(&f.bevestigd) {
        // Only the question: nothing is decided until the confirmation page's POST.
        let p = user.principal();
        let q = run_db(&state, move |c| svc::queue(c, &p)).await?;
        let Some(o) = q.waiting.iter().find(|o| o.record.id == id) else {
            if q.decided.iter().any(|o| o.record.id == id) {
                let errors = vec![("objection".to_string(), tr!("objections-already-decided"))];
                return render_queue(&state, &user, errors, None, None, unprocessable).await;
            }
            return Err(WebError::NotFound);
        };
        if o.verdicts.is_empty() {
            return Err(WebError::Forbidden(tr!("objections-own")));
        }
        // Every problem of the form at once, as the decision itself checks them.
        let verdict = rule::check_verdict(o.kind(), &f.verdict);
        let reason = rule::check_decision_reason(&f.reason);
        let problems: Vec<(String, String)> = [verdict.as_ref().err(), reason.as_ref().err()]
            .into_iter()
            .flatten()
            .map(|e| (e.field().to_string(), e.to_string()))
            .collect();
        return match verdict {
            Ok(v) if problems.is_empty() => Ok(ask(&user, &decision_confirmation(o, v, &f.reason))),
            _ => {
                let errors = decision_errors(&id, problems);
                render_queue(&state, &user, errors, Some((id, kept)), None, unprocessable).await
            }
        };
    }
    let p = user.principal();
    let (oid, verdict, reason) = (id.clone(), f.verdict.clone(), f.reason.clone());
    let result = run_db(&state, move |c| svc::decide(c, &p, &oid, &verdict, &reason)).await;
    match result {
        Ok(_) => Ok(redirect("/stuurgroep/bezwaren?melding=beslist")),
        Err(e) => match form_error(&e) {
            Some((field, message)) => {
                // Every problem of the form at once: the service reports the first; a
                // missing choice and a missing reason are both checked here too.
                let mut problems = vec![(field.clone(), message)];
                if field == "verdict" && f.reason.trim().is_empty() {
                    let p = ObjectionProblem::DecisionReason;
                    problems.push((p.field().to_string(), p.to_string()));
                }
                if field == "reason" && f.verdict.trim().is_empty() {
                    let p = ObjectionProblem::NoVerdict;
                    problems.insert(0, (p.field().to_string(), p.to_string()));
                }
                let errors = decision_errors(&id, problems);
                render_queue(&state, &user, errors, Some((id, kept)), None, unprocessable).await
            }
            None => Err(e.into()),
        },
    }
}

#[derive(Debug, Clone, Default, serde::Deserialize)]
struct ReasonForm {
    #[serde(default)]
    reason: String,
}

async fn render_rejection(
    state: &AppState,
    user: &SessionUser,
    id: String,
    errors: Errors,
    reason: &str,
    status: StatusCode,
) -> Result<HttpResponse, WebError> {
    let p = user.principal();
    let o = run_db(state, move |c| svc::plan_objection(c, &p, &PlanId(id))).await?;
    Ok(html_status(
        status,
        views::objections::rejection_form(user, &o.plan, &o, &errors, reason),
    ))
}

async fn rejection_page(
    Staff(user): Staff,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    render_rejection(
        &state,
        &user,
        id.into_inner(),
        Vec::new(),
        "",
        StatusCode::OK,
    )
    .await
}

async fn object_to_rejection(
    Staff(user): Staff,
    state: web::Data<AppState>,
    id: web::Path<String>,
    form: CsrfForm<ReasonForm>,
) -> Result<HttpResponse, WebError> {
    let id = id.into_inner();
    let reason = form.data.reason;
    let p = user.principal();
    let (plan, text) = (PlanId(id.clone()), reason.clone());
    match run_db(&state, move |c| {
        svc::object_to_rejection(c, &p, &plan, &text)
    })
    .await
    {
        Ok(_) => Ok(redirect(&format!("/plannen/{id}/bezwaar"))),
        Err(e) => match form_error(&e) {
            Some(err) => {
                let unprocessable = StatusCode::UNPROCESSABLE_ENTITY;
                render_rejection(&state, &user, id, vec![err], &reason, unprocessable).await
            }
            None => Err(e.into()),
        },
    }
}

struct ResultState {
    errors: Errors,
    reason: String,
    done: bool,
}

async fn render_result(
    req: &HttpRequest,
    state: &AppState,
    user: Option<SessionUser>,
    id: String,
    s: ResultState,
    status: StatusCode,
) -> Result<HttpResponse, WebError> {
    let p = caller(user.as_ref());
    let token = voter_token(req, state);
    let (v, o, voter) = run_db(state, move |c| {
        let v = rounds::round(c, &p, &RoundId(id.clone()))?;
        let o = svc::round_objections(c, &p, &RoundId(id))?;
        let voter = match token {
            Some(t) => crate::service::voting_codes::voter(c, &t, crate::service::now())?
                .filter(|x| x.area_id == v.area.id),
            None => None,
        };
        Ok((v, o, voter.is_some()))
    })
    .await?;
    let (csrf, fresh) = form_token(req, user.as_ref());
    let page = views::objections::result_form(&ResultForm {
        user: user.as_ref(),
        round: &v,
        objections: &o,
        csrf: &csrf,
        identified: voter || user.is_some(),
        errors: &s.errors,
        reason: &s.reason,
        done: s.done,
    });
    Ok(with_pre_cookie(
        html_status(status, page),
        state,
        &csrf,
        fresh,
    ))
}

#[derive(serde::Deserialize)]
struct DoneQuery {
    #[serde(default)]
    melding: Option<String>,
}

async fn result_page(
    req: HttpRequest,
    MaybeStaff(user): MaybeStaff,
    state: web::Data<AppState>,
    id: web::Path<String>,
    q: web::Query<DoneQuery>,
) -> Result<HttpResponse, WebError> {
    let s = ResultState {
        errors: Vec::new(),
        reason: String::new(),
        done: q.melding.as_deref() == Some("ontvangen"),
    };
    render_result(&req, &state, user, id.into_inner(), s, StatusCode::OK).await
}

async fn object_to_result(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    form: CsrfForm<ReasonForm>,
) -> Result<HttpResponse, WebError> {
    let id = id.into_inner();
    let user = form.staff;
    let reason = form.data.reason;
    let p = caller(user.as_ref());
    // A voter session of the area goes first: a resident's objection names no one.
    let token = voter_token(&req, &state);
    let (round, text) = (RoundId(id.clone()), reason.clone());
    let result = run_db(&state, move |c| {
        let by = match &token {
            Some(t) => ResultObjector::Voter { token: t },
            None => ResultObjector::Account,
        };
        svc::object_to_result(c, &p, &round, by, &text)
    })
    .await;
    match result {
        Ok(_) => Ok(redirect(&format!("/rondes/{id}/bezwaar?melding=ontvangen"))),
        Err(e) => match form_error(&e) {
            Some(err) => {
                let s = ResultState {
                    errors: vec![err],
                    reason,
                    done: false,
                };
                let unprocessable = StatusCode::UNPROCESSABLE_ENTITY;
                render_result(&req, &state, user, id, s, unprocessable).await
            }
            None => Err(e.into()),
        },
    }
}

#[derive(serde::Deserialize)]
struct SavedQuery {
    #[serde(default)]
    melding: Option<String>,
}

async fn window_page(
    Staff(user): Staff,
    state: web::Data<AppState>,
    slug: web::Path<String>,
    q: web::Query<SavedQuery>,
) -> Result<HttpResponse, WebError> {
    let slug = slug.into_inner();
    let p = user.principal();
    let s2 = slug.clone();
    let days = run_db(&state, move |c| svc::window(c, &p, &s2)).await?;
    let saved = q.melding.as_deref() == Some("opgeslagen");
    Ok(html(views::objections::window_form(
        &user,
        &slug,
        &days.to_string(),
        &[],
        saved,
    )))
}

#[derive(serde::Deserialize)]
struct DaysForm {
    #[serde(default)]
    days: String,
}

async fn set_window(
    Staff(user): Staff,
    state: web::Data<AppState>,
    slug: web::Path<String>,
    form: CsrfForm<DaysForm>,
) -> Result<HttpResponse, WebError> {
    let slug = slug.into_inner();
    let typed = form.data.days;
    let unprocessable = StatusCode::UNPROCESSABLE_ENTITY;
    let problem = ObjectionProblem::Days;
    let Ok(days) = typed.trim().parse::<i32>() else {
        let errors = vec![("days".to_string(), problem.to_string())];
        let page = views::objections::window_form(&user, &slug, &typed, &errors, false);
        return Ok(html_status(unprocessable, page));
    };
    let p = user.principal();
    let s2 = slug.clone();
    match run_db(&state, move |c| svc::set_window(c, &p, &s2, days)).await {
        Ok(_) => Ok(redirect(&format!(
            "/gebieden/{slug}/bezwaartermijn?melding=opgeslagen"
        ))),
        Err(e) => match form_error(&e) {
            Some(err) => {
                let page = views::objections::window_form(&user, &slug, &typed, &[err], false);
                Ok(html_status(unprocessable, page))
            }
            None => Err(e.into()),
        },
    }
}
