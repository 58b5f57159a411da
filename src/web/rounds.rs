//! Rounds: the public list and round pages, the coordinator's forms (new round, review,
//! open voting, paper ballots, close), the initiator's plan form and the published
//! ballots as a `.pb` file. Each handler parses input, calls the rounds service, renders.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use serde::Deserialize;

use super::csrf::CsrfForm;
use super::error::WebError;
use super::respond::{download, html_status, redirect};
use super::run_db;
use super::session::{MaybeStaff, Staff};
use crate::domain::money::parse_eur_nl;
use crate::domain::round::{BallotRule, CountRule, PlanId, RoundId};
use crate::service::auth::SessionUser;
use crate::service::rounds::{
    self, AreaInfo, CastError, Channel, InitiativeInput, Receipt, Review, RoundInput, RoundView,
};
use crate::service::{Principal, ServiceError};
use crate::state::AppState;
use crate::views;
use crate::views::rounds::{PaperFormValues, PlanFormValues, RoundFormValues};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/rondes", web::post().to(create_round))
        .route("/rondes", web::get().to(list))
        .route("/rondes/{id}", web::get().to(show))
        .route("/rondes/{id}/stemmen.pb", web::get().to(ballots_pb))
        .route("/rondes/{id}/plannen", web::post().to(submit_plan))
        .route(
            "/rondes/{id}/plannen/{plan}/beoordeling",
            web::post().to(review),
        )
        .route("/rondes/{id}/stemmen-openen", web::post().to(open_voting))
        .route("/rondes/{id}/papieren-stem", web::post().to(paper_ballot))
        .route("/rondes/{id}/afsluiten", web::post().to(close));
}

const UNPROCESSABLE: StatusCode = StatusCode::UNPROCESSABLE_ENTITY;

type Errors = Vec<(String, String)>;

// ---------------------------------------------------------------------------------------
// The list and a new round
// ---------------------------------------------------------------------------------------

/// The caller: the signed-in person, or a resident without an account.
fn caller(user: Option<&SessionUser>) -> Principal {
    user.map_or_else(Principal::resident, SessionUser::principal)
}

/// All rounds, and the areas in which this person may create one.
async fn list_data(
    state: &AppState,
    user: Option<&SessionUser>,
) -> Result<(Vec<RoundView>, Vec<AreaInfo>), WebError> {
    let p = caller(user);
    Ok(run_db(state, move |c| {
        let all = rounds::list(c, &p)?;
        let areas = rounds::areas_for(c, &p)?;
        Ok((all, areas))
    })
    .await?)
}

fn render_list(
    user: Option<&SessionUser>,
    data: &(Vec<RoundView>, Vec<AreaInfo>),
    form: &RoundFormValues,
    errors: &[(String, String)],
    status: StatusCode,
) -> HttpResponse {
    html_status(
        status,
        views::rounds::list(&views::rounds::ListPage {
            user,
            rounds: &data.0,
            areas: &data.1,
            form,
            errors,
        }),
    )
}

async fn list(
    MaybeStaff(user): MaybeStaff,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let data = list_data(&state, user.as_ref()).await?;
    let now = chrono::Utc::now().date_naive();
    let form = RoundFormValues {
        year: chrono::Datelike::year(&now).to_string(),
        quarter: (chrono::Datelike::month0(&now) / 3 + 1).to_string(),
        ballot_rule: "approval".into(),
        count_rule: "greedy".into(),
        ..Default::default()
    };
    Ok(render_list(
        user.as_ref(),
        &data,
        &form,
        &[],
        StatusCode::OK,
    ))
}

/// The form's text as the service's input, or the Dutch messages per field.
fn parse_round_form(f: &RoundFormValues) -> Result<RoundInput, Errors> {
    let mut errors = Errors::new();
    let mut err = |field: &str, msg: String| errors.push((field.to_string(), msg));
    if f.area.trim().is_empty() {
        err("area", "Kies het dorp of de wijk van deze ronde.".into());
    }
    let year = f.year.trim().parse::<i32>().ok();
    if year.is_none() {
        err("year", "Vul een jaartal in, bijvoorbeeld 2027.".into());
    }
    let quarter = f
        .quarter
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|q| (1..=4).contains(q));
    if quarter.is_none() {
        err("quarter", "Kies kwartaal 1, 2, 3 of 4.".into());
    }
    let budget = match parse_eur_nl(&f.budget) {
        Ok(b) => Some(b),
        Err(e) => {
            err("budget", e.to_string());
            None
        }
    };
    let max_choices = match f.max_choices.trim() {
        "" => Some(None),
        text => text.parse::<u32>().ok().filter(|m| *m >= 1).map(Some),
    };
    if max_choices.is_none() {
        err(
            "max_choices",
            "Vul een aantal van 1 of meer in, of laat het veld leeg.".into(),
        );
    }
    let ballot_rule = match (f.ballot_rule.as_str(), max_choices) {
        ("approval", Some(max_choices)) => Some(BallotRule::Approval { max_choices }),
        ("approval", None) => None,
        ("knapsack", Some(None)) => Some(BallotRule::Knapsack),
        ("knapsack", _) => {
            if max_choices.is_some() {
                err(
                    "max_choices",
                    "Een maximum aantal plannen past alleen bij plannen aankruisen. Laat het veld leeg.".into(),
                );
            }
            None
        }
        _ => {
            err("ballot_rule", "Kies hoe inwoners stemmen.".into());
            None
        }
    };
    let count_rule = CountRule::parse(&f.count_rule);
    if count_rule.is_none() {
        err("count_rule", "Kies hoe de stemmen worden geteld.".into());
    }
    match (year, quarter, budget, ballot_rule, count_rule) {
        (Some(year), Some(quarter), Some(budget_cents), Some(ballot_rule), Some(count_rule))
            if errors.is_empty() =>
        {
            Ok(RoundInput {
                area_slug: f.area.trim().to_string(),
                year,
                quarter,
                title: f.title.clone(),
                budget_cents,
                ballot_rule,
                count_rule,
            })
        }
        _ => Err(errors),
    }
}

async fn create_round(
    Staff(user): Staff,
    state: web::Data<AppState>,
    form: CsrfForm<RoundFormValues>,
) -> Result<HttpResponse, WebError> {
    let f = form.data;
    let data = list_data(&state, Some(&user)).await?;
    if data.1.is_empty() {
        return Err(WebError::Forbidden(
            "Alleen een gebiedsregisseur of beheerder kan een ronde aanmaken.".into(),
        ));
    }
    let input = match parse_round_form(&f) {
        Ok(i) => i,
        Err(errors) => return Ok(render_list(Some(&user), &data, &f, &errors, UNPROCESSABLE)),
    };
    let p = user.principal();
    match run_db(&state, move |c| rounds::create_round(c, &p, &input)).await {
        Ok(v) => Ok(redirect(&format!("/rondes/{}?gedaan=ronde", v.round.id))),
        Err(ServiceError::Invalid { field, message }) => Ok(render_list(
            Some(&user),
            &data,
            &f,
            &[(field.to_string(), message)],
            UNPROCESSABLE,
        )),
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------------------------------
// The round page
// ---------------------------------------------------------------------------------------

#[derive(Deserialize)]
struct ShowQuery {
    gedaan: Option<String>,
}

/// The notice after a redirect; only fixed texts, never text from the address.
fn notice_for(key: &str) -> Option<&'static str> {
    Some(match key {
        "ronde" => "De ronde is aangemaakt. Inwoners kunnen nu plannen indienen.",
        "plan" => "Het plan is ingediend. De gebiedsregisseur beoordeelt het.",
        "beoordeling" => "De beoordeling is opgeslagen.",
        "stemmen" => "Het stemmen is geopend. De regels liggen nu vast.",
        "afgesloten" => "De ronde is afgesloten en de stemmen zijn geteld.",
        _ => return None,
    })
}

/// What a re-rendered round page keeps besides the round itself.
#[derive(Default)]
struct PageState {
    errors: Errors,
    notice: Option<&'static str>,
    plan: PlanFormValues,
    review: Option<(String, String)>,
    paper: PaperFormValues,
    receipt: Option<Receipt>,
}

async fn render_round(
    state: &AppState,
    user: Option<&SessionUser>,
    id: RoundId,
    s: PageState,
    status: StatusCode,
) -> Result<HttpResponse, WebError> {
    let p = caller(user);
    let (v, published) = run_db(state, move |c| {
        let v = rounds::round(c, &p, &id)?;
        let published = rounds::published_ballots(c, &p, &id)?;
        Ok((v, published))
    })
    .await?;
    Ok(html_status(
        status,
        views::rounds::round(&views::rounds::RoundPage {
            user,
            round: &v,
            errors: &s.errors,
            notice: s.notice,
            plan: &s.plan,
            review: s.review.as_ref().map(|(a, b)| (a.as_str(), b.as_str())),
            paper: &s.paper,
            receipt: s.receipt.as_ref(),
            published: published.as_deref(),
        }),
    ))
}

async fn show(
    MaybeStaff(user): MaybeStaff,
    state: web::Data<AppState>,
    id: web::Path<String>,
    q: web::Query<ShowQuery>,
) -> Result<HttpResponse, WebError> {
    let s = PageState {
        notice: q.gedaan.as_deref().and_then(notice_for),
        ..Default::default()
    };
    render_round(
        &state,
        user.as_ref(),
        RoundId(id.into_inner()),
        s,
        StatusCode::OK,
    )
    .await
}

async fn ballots_pb(
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let id = RoundId(id.into_inner());
    let found = run_db(&state, move |c| {
        let p = Principal::resident();
        let v = rounds::round(c, &p, &id)?;
        Ok(rounds::published_pb(c, &p, &id)?.map(|pb| (v, pb)))
    })
    .await?;
    let Some((v, pb)) = found else {
        return Err(WebError::NotFound);
    };
    let name = format!(
        "ronde-{}-{}-kwartaal-{}.pb",
        v.area.slug, v.round.year, v.round.quarter
    );
    // The slug is ASCII letters, digits and dashes; keep the header safe whatever it holds.
    let name: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_'))
        .collect();
    Ok(download("text/plain; charset=utf-8", &name, pb))
}

// ---------------------------------------------------------------------------------------
// Plans
// ---------------------------------------------------------------------------------------

async fn submit_plan(
    Staff(user): Staff,
    state: web::Data<AppState>,
    id: web::Path<String>,
    form: CsrfForm<PlanFormValues>,
) -> Result<HttpResponse, WebError> {
    let id = RoundId(id.into_inner());
    let f = form.data;
    let keep = |errors: Errors| PageState {
        errors,
        plan: f.clone(),
        ..Default::default()
    };
    let amount_cents = match parse_eur_nl(&f.amount) {
        Ok(a) => a,
        Err(e) => {
            let s = keep(vec![("amount".into(), e.to_string())]);
            return render_round(&state, Some(&user), id, s, UNPROCESSABLE).await;
        }
    };
    let input = InitiativeInput {
        title: f.title.clone(),
        summary: f.summary.clone(),
        amount_cents,
        taakveld: f.taakveld.clone(),
    };
    let (p, rid) = (user.principal(), id.clone());
    match run_db(&state, move |c| {
        rounds::submit_initiative(c, &p, &rid, &input)
    })
    .await
    {
        Ok(plan) => Ok(redirect(&format!(
            "/rondes/{id}?gedaan=plan#plan-{}",
            plan.number
        ))),
        Err(ServiceError::Invalid { field, message }) => {
            // The round has moved on: the plan form is gone, so the message goes above
            // the plans.
            let field = if field == "round" { "plannen" } else { field };
            let s = keep(vec![(field.to_string(), message)]);
            render_round(&state, Some(&user), id, s, UNPROCESSABLE).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
struct ReviewForm {
    #[serde(default)]
    besluit: String,
    #[serde(default)]
    reason: String,
}

/// The round, when this person coordinates its area; 403 otherwise, 404 when unknown.
async fn managed_round(
    state: &AppState,
    user: &SessionUser,
    id: &RoundId,
) -> Result<RoundView, WebError> {
    let (p, id) = (user.principal(), id.clone());
    Ok(run_db(state, move |c| rounds::managed(c, &p, &id)).await?)
}

async fn review(
    Staff(user): Staff,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    form: CsrfForm<ReviewForm>,
) -> Result<HttpResponse, WebError> {
    let (id, plan) = path.into_inner();
    let (id, plan) = (RoundId(id), PlanId(plan));
    let f = form.data;
    let v = managed_round(&state, &user, &id).await?;
    if !v.initiatives.iter().any(|i| i.id == plan) {
        return Err(WebError::NotFound);
    }
    let decision = match f.besluit.as_str() {
        "nomineren" => Review::Nominate,
        "afwijzen" => Review::Reject,
        _ => return Err(WebError::BadRequest),
    };
    let (p, plan2, reason) = (user.principal(), plan.clone(), f.reason.clone());
    match run_db(&state, move |c| {
        rounds::review_initiative(c, &p, &plan2, decision, &reason)
    })
    .await
    {
        Ok(i) => Ok(redirect(&format!(
            "/rondes/{id}?gedaan=beoordeling#plan-{}",
            i.number
        ))),
        Err(ServiceError::Invalid { field, message }) => {
            // A missing reason goes next to the reason; anything else (the round has
            // moved on) above the plans.
            let at = if field == "reason" {
                format!("reden-{plan}")
            } else {
                "plannen".to_string()
            };
            let s = PageState {
                errors: vec![(at, message)],
                review: Some((plan.to_string(), f.reason)),
                ..Default::default()
            };
            render_round(&state, Some(&user), id, s, UNPROCESSABLE).await
        }
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------------------------------
// Voting: open, paper ballots, close
// ---------------------------------------------------------------------------------------

#[derive(Deserialize)]
struct Empty {}

/// After open or close: back to the round page, or the page with the reason why not.
async fn after_step(
    state: &AppState,
    user: &SessionUser,
    id: RoundId,
    result: Result<RoundView, ServiceError>,
    done: &str,
    anchor: &str,
) -> Result<HttpResponse, WebError> {
    match result {
        Ok(_) => Ok(redirect(&format!("/rondes/{id}?gedaan={done}"))),
        Err(ServiceError::Invalid { message, .. }) => {
            let s = PageState {
                errors: vec![(anchor.to_string(), message)],
                ..Default::default()
            };
            render_round(state, Some(user), id, s, UNPROCESSABLE).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn open_voting(
    Staff(user): Staff,
    state: web::Data<AppState>,
    id: web::Path<String>,
    _form: CsrfForm<Empty>,
) -> Result<HttpResponse, WebError> {
    let id = RoundId(id.into_inner());
    managed_round(&state, &user, &id).await?;
    let (p, rid) = (user.principal(), id.clone());
    let result = run_db(&state, move |c| rounds::open_voting(c, &p, &rid)).await;
    after_step(&state, &user, id, result, "stemmen", "stemmen-openen").await
}

async fn close(
    Staff(user): Staff,
    state: web::Data<AppState>,
    id: web::Path<String>,
    _form: CsrfForm<Empty>,
) -> Result<HttpResponse, WebError> {
    let id = RoundId(id.into_inner());
    managed_round(&state, &user, &id).await?;
    let (p, rid) = (user.principal(), id.clone());
    let result = run_db(&state, move |c| rounds::close_round(c, &p, &rid)).await;
    after_step(&state, &user, id, result, "afgesloten", "afsluiten").await
}

/// The paper-ballot form: `code`, `keuze` once per ticked plan, `geholpen`.
fn paper_values(fields: &[(String, String)]) -> PaperFormValues {
    let mut v = PaperFormValues::default();
    for (k, val) in fields {
        match k.as_str() {
            "code" => v.code = val.clone(),
            "keuze" => v.choices.push(val.clone()),
            "geholpen" => v.assisted = !val.is_empty(),
            _ => {}
        }
    }
    v
}

/// Where a refused ballot's message goes on the form.
fn cast_problem(e: CastError) -> Result<(&'static str, String), WebError> {
    Ok(match e {
        CastError::AlreadyVoted => ("code", CastError::AlreadyVoted.to_string()),
        CastError::WrongCode => (
            "code",
            "Deze stemcode hoort niet bij deze ronde, of er is een typefout gemaakt. \
             Controleer de code op de brief."
                .to_string(),
        ),
        CastError::NotVoting => ("papieren-stem", CastError::NotVoting.to_string()),
        CastError::Ballot(b) => ("keuze", b.to_string()),
        CastError::Failed(ServiceError::Invalid { message, .. }) => ("papieren-stem", message),
        CastError::Failed(other) => return Err(other.into()),
    })
}

async fn paper_ballot(
    Staff(user): Staff,
    state: web::Data<AppState>,
    id: web::Path<String>,
    form: CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, WebError> {
    let id = RoundId(id.into_inner());
    managed_round(&state, &user, &id).await?;
    let values = paper_values(&form.data);
    if values.code.trim().is_empty() {
        let s = PageState {
            errors: vec![("code".into(), "Vul de stemcode van de brief in.".into())],
            paper: values,
            ..Default::default()
        };
        return render_round(&state, Some(&user), id, s, UNPROCESSABLE).await;
    }
    let (staff, rid, v2) = (user.principal(), id.clone(), values.clone());
    // The ballot's own refusals (code, choices) come back as the inner error.
    let result = run_db(&state, move |c| {
        Ok(rounds::cast(
            c,
            &staff,
            &rid,
            Channel::Paper {
                code: &v2.code,
                assisted: v2.assisted,
            },
            &v2.choices,
        ))
    })
    .await?;
    match result {
        Ok(receipt) => {
            let s = PageState {
                receipt: Some(receipt),
                ..Default::default()
            };
            render_round(&state, Some(&user), id, s, StatusCode::OK).await
        }
        Err(e) => {
            let (field, message) = cast_problem(e)?;
            let s = PageState {
                errors: vec![(field.to_string(), message)],
                paper: values,
                ..Default::default()
            };
            render_round(&state, Some(&user), id, s, UNPROCESSABLE).await
        }
    }
}
