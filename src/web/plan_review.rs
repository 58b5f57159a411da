//! The coordinator's review of a plan (`/rondes/{id}/plannen/{plan}/beoordeling`) and an
//! area's checklist and eligibility rules (`/gebieden/{slug}/beoordeling`). Each handler
//! parses the form, calls `service::plan_review` and renders; every problem is shown at
//! once, with everything typed kept.

use crate::domain::review::verbatim_problems;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use serde::Deserialize;

use super::csrf::CsrfForm;
use super::error::WebError;
use super::respond::{html_status, redirect};
use super::run_db;
use super::session::Staff;
use crate::domain::review::{Decision, FieldProblem, Verdict, VerdictInput};
use crate::domain::round::{PlanId, RoundId};
use crate::service::auth::SessionUser;
use crate::service::plan_review::{self as svc, FormError, ReviewInput};
use crate::state::AppState;
use crate::tr;
use crate::views::plan_review::{ReviewFormValues, ReviewPage, RulesPage};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route(
        "/rondes/{id}/plannen/{plan}/beoordeling",
        web::get().to(review_form),
    )
    .route(
        "/rondes/{id}/plannen/{plan}/beoordeling",
        web::post().to(review),
    )
    .route("/gebieden/{slug}/beoordeling", web::get().to(rules_form))
    .route("/gebieden/{slug}/beoordeling", web::post().to(rules_save));
}

const UNPROCESSABLE: StatusCode = StatusCode::UNPROCESSABLE_ENTITY;

async fn render_review(
    state: &AppState,
    user: &SessionUser,
    plan: PlanId,
    form: Option<ReviewFormValues>,
    errors: Vec<FieldProblem>,
    status: StatusCode,
) -> Result<HttpResponse, WebError> {
    let p = user.principal();
    let (view, stored) = run_db(state, move |c| {
        let view = svc::review_page(c, &p, &plan)?;
        let stored = svc::stored_inputs(c, &plan, &view.criteria)?;
        Ok((view, stored))
    })
    .await?;
    // A first visit shows what is stored; after an error, what was typed.
    let form = form.unwrap_or_else(|| ReviewFormValues {
        verdicts: stored
            .iter()
            .map(|v| {
                (
                    v.verdict
                        .map(|v| v.as_str().to_string())
                        .unwrap_or_default(),
                    v.note.clone(),
                )
            })
            .collect(),
        taakveld: view.plan.taakveld.clone(),
        amount: crate::i18n::money_number(view.plan.amount_cents),
        explanation: String::new(),
        reason: view.plan.review_reason.clone().unwrap_or_default(),
    });
    Ok(html_status(
        status,
        crate::views::plan_review::review_page(&ReviewPage {
            user,
            view: &view,
            form: &form,
            errors: &errors
                .into_iter()
                .map(|(f, m)| (f, m.to_string()))
                .collect::<Vec<_>>(),
        }),
    ))
}

async fn review_form(
    Staff(user): Staff,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, WebError> {
    let (_, plan) = path.into_inner();
    render_review(
        &state,
        &user,
        PlanId(plan),
        None,
        Vec::new(),
        StatusCode::OK,
    )
    .await
}

/// The review form: `besluit`, `oordeel-N` / `toelichting-N` per criterion, `taakveld`,
/// `bedrag`, `uitleg`, `reason`.
fn review_values(fields: &[(String, String)]) -> (String, ReviewFormValues) {
    let mut decision = String::new();
    let mut v = ReviewFormValues::default();
    let slot = |v: &mut ReviewFormValues, n: usize| {
        if v.verdicts.len() < n {
            v.verdicts.resize(n, Default::default());
        }
    };
    for (k, val) in fields {
        match k.as_str() {
            "besluit" => decision = val.clone(),
            "taakveld" => v.taakveld = val.clone(),
            "bedrag" => v.amount = val.clone(),
            "uitleg" => v.explanation = val.clone(),
            "reason" => v.reason = val.clone(),
            other => {
                let parsed = other
                    .strip_prefix("oordeel-")
                    .map(|n| (n, true))
                    .or_else(|| other.strip_prefix("toelichting-").map(|n| (n, false)));
                if let Some((n, is_verdict)) = parsed {
                    // At most the longest checklist; anything else is ignored.
                    if let Ok(n @ 1..=crate::domain::review::MAX_CRITERIA) = n.parse::<usize>() {
                        slot(&mut v, n);
                        if is_verdict {
                            v.verdicts[n - 1].0 = val.clone();
                        } else {
                            v.verdicts[n - 1].1 = val.clone();
                        }
                    }
                }
            }
        }
    }
    (decision, v)
}

async fn review(
    Staff(user): Staff,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    form: CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, WebError> {
    let (round, plan) = path.into_inner();
    let (round, plan) = (RoundId(round), PlanId(plan));
    let (decision, values) = review_values(&form.data);
    let decision = match decision.as_str() {
        "nomineren" => Decision::Nominate,
        "afwijzen" => Decision::Reject,
        "opslaan" => Decision::Save,
        _ => return Err(WebError::BadRequest),
    };
    let mut known = Vec::new();
    let amount_cents = match values.amount.trim() {
        "" => {
            known.push(("bedrag".to_string(), tr!("review-amount-empty")));
            None
        }
        t => match crate::i18n::parse_money(t) {
            Ok(a) => Some(a),
            Err(e) => {
                known.push(("bedrag".to_string(), e.to_string()));
                None
            }
        },
    };
    let input = ReviewInput {
        decision,
        verdicts: values
            .verdicts
            .iter()
            .map(|(v, note)| VerdictInput {
                verdict: v.parse::<Verdict>().ok(),
                note: note.clone(),
            })
            .collect(),
        taakveld: values.taakveld.clone(),
        amount_cents,
        explanation: values.explanation.clone(),
        reason: values.reason.clone(),
    };
    let (p, plan2) = (user.principal(), plan.clone());
    let result = run_db(&state, move |c| {
        // The plan must belong to the round in the address.
        let v = svc::review_page(c, &p, &plan2)?;
        if v.round.id != round {
            return Err(crate::service::ServiceError::NotFound(crate::msg_key!(
                "error-missing-plan"
            )));
        }
        Ok((
            v.round.id.clone(),
            svc::save_review(c, &p, &plan2, &input, verbatim_problems(known)),
        ))
    })
    .await?;
    match result {
        (round, Ok(saved)) => {
            let done = if decision == Decision::Save {
                "beoordeling-bewaard"
            } else {
                "beoordeling"
            };
            Ok(redirect(&format!(
                "/rondes/{round}?gedaan={done}#plan-{}",
                saved.number
            )))
        }
        (_, Err(FormError::Fields(errors))) => {
            render_review(&state, &user, plan, Some(values), errors, UNPROCESSABLE).await
        }
        (_, Err(FormError::Service(crate::service::ServiceError::Invalid { message, .. }))) => {
            let errors = vec![("besluit".to_string(), message)];
            render_review(&state, &user, plan, Some(values), errors, UNPROCESSABLE).await
        }
        (_, Err(FormError::Service(e))) => Err(e.into()),
    }
}

#[derive(Deserialize)]
struct RulesForm {
    #[serde(default)]
    checklist: String,
    #[serde(default)]
    wachttijd: String,
}

#[derive(Deserialize)]
struct RulesQuery {
    gedaan: Option<String>,
}

async fn rules_form(
    Staff(user): Staff,
    state: web::Data<AppState>,
    slug: web::Path<String>,
    q: web::Query<RulesQuery>,
) -> Result<HttpResponse, WebError> {
    let p = user.principal();
    let slug = slug.into_inner();
    let view = run_db(&state, move |c| svc::review_rules(c, &p, &slug)).await?;
    let checklist = view.criteria.join("\n");
    let months = view.funded_wait_months.to_string();
    let notice = q.gedaan.is_some().then(|| tr!("review-rules-saved"));
    Ok(html_status(
        StatusCode::OK,
        crate::views::plan_review::rules_page(&RulesPage {
            user: &user,
            view: &view,
            checklist: &checklist,
            wait_months: &months,
            errors: &[],
            notice: notice.as_deref(),
        }),
    ))
}

async fn rules_save(
    Staff(user): Staff,
    state: web::Data<AppState>,
    slug: web::Path<String>,
    form: CsrfForm<RulesForm>,
) -> Result<HttpResponse, WebError> {
    let slug = slug.into_inner();
    let f = form.data;
    let (p, s, checklist, months) = (
        user.principal(),
        slug.clone(),
        f.checklist.clone(),
        f.wachttijd.clone(),
    );
    let result = run_db(&state, move |c| {
        Ok(svc::update_review_rules(c, &p, &s, &checklist, &months))
    })
    .await?;
    match result {
        Ok(_) => Ok(redirect(&format!("/gebieden/{slug}/beoordeling?gedaan=1"))),
        Err(FormError::Fields(errors)) => {
            let p = user.principal();
            let view = run_db(&state, move |c| svc::review_rules(c, &p, &slug)).await?;
            Ok(html_status(
                UNPROCESSABLE,
                crate::views::plan_review::rules_page(&RulesPage {
                    user: &user,
                    view: &view,
                    checklist: &f.checklist,
                    wait_months: &f.wachttijd,
                    errors: &errors
                        .into_iter()
                        .map(|(f, m)| (f, m.to_string()))
                        .collect::<Vec<_>>(),
                    notice: None,
                }),
            ))
        }
        Err(FormError::Service(e)) => Err(e.into()),
    }
}
