//! Rounds: the public list and round pages, the coordinator's forms (new round, review,
//! open voting, paper ballots, close), the initiator's plan form and the published
//! ballots as a `.pb` file. Each handler parses input, calls the rounds service, renders.

use crate::domain::review::verbatim_problems;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use serde::Deserialize;

use super::confirm::{ask, ConfirmForm, Confirmation};
use super::csrf::CsrfForm;
use super::error::WebError;
use super::page_cache;
use super::respond::{download, html_status, redirect, FormState};
use super::run_db;
use super::session::{MaybeStaff, Staff};
use crate::domain::review::{cost_amount_field, MAX_COST_LINES};
use crate::domain::round::{BallotRule, Calendar, CountRule, RoundId};
use crate::service::auth::SessionUser;
use crate::service::plan_review::{self, FormError, PlanSubmission};
use crate::service::rounds::{self, AreaInfo, CastError, Channel, Receipt, RoundInput, RoundView};
use crate::service::{pool_holds, Principal, ServiceError};
use crate::state::AppState;
use crate::views;
use crate::views::rounds::PLAN_COST_ROWS;
use crate::views::rounds::{PaperFormValues, PlanFormValues, RoundFormValues, ScheduleFormValues};
use crate::{msg_key, tr};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/rondes", web::post().to(create_round))
        .route("/rondes", web::get().to(list))
        .route("/rondes/jaar-plannen", web::get().to(schedule_form))
        .route("/rondes/jaar-plannen", web::post().to(schedule))
        .route("/rondes/pot/{slug}", web::get().to(pool_page))
        .route("/rondes/pot/{slug}", web::post().to(earmark))
        .route(
            "/rondes/pot/{slug}/vrijgeven/{hold}",
            web::post().to(release_earmark),
        )
        .route("/rondes/{id}", web::get().to(show))
        .route("/rondes/{id}/stemmen.pb", web::get().to(ballots_pb))
        .route("/rondes/{id}/plannen", web::post().to(submit_plan))
        .route(
            "/rondes/{id}/indienen-sluiten",
            web::post().to(take_step::<CLOSE_SUBMISSIONS>),
        )
        .route(
            "/rondes/{id}/stemmen-openen",
            web::post().to(take_step::<OPEN_VOTING>),
        )
        .route("/rondes/{id}/papieren-stem", web::post().to(paper_ballot))
        .route("/rondes/{id}/tellen", web::post().to(take_step::<COUNT>))
        .route("/rondes/{id}/afsluiten", web::post().to(take_step::<CLOSE>));
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
            notice: None,
        }),
    )
}

#[derive(Deserialize)]
struct ListQuery {
    gepland: Option<u32>,
}

async fn list(
    MaybeStaff(user): MaybeStaff,
    state: web::Data<AppState>,
    q: web::Query<ListQuery>,
) -> Result<HttpResponse, WebError> {
    let data = list_data(&state, user.as_ref()).await?;
    let notice = q.gepland.map(|n| tr!("rounds-msg-scheduled", count = n));
    let now = chrono::Utc::now().date_naive();
    let form = RoundFormValues {
        year: chrono::Datelike::year(&now).to_string(),
        quarter: (chrono::Datelike::month0(&now) / 3 + 1).to_string(),
        ballot_rule: "approval".into(),
        count_rule: "greedy".into(),
        ..Default::default()
    };
    Ok(html_status(
        StatusCode::OK,
        views::rounds::list(&views::rounds::ListPage {
            user: user.as_ref(),
            rounds: &data.0,
            areas: &data.1,
            form: &form,
            errors: &[],
            notice: notice.as_deref(),
        }),
    ))
}

/// The form's text as the service's input, or the messages per field (in the visitor's
/// language).
fn parse_round_form(f: &RoundFormValues) -> Result<RoundInput, Errors> {
    let mut errors = Errors::new();
    let mut err = |field: &str, msg: String| errors.push((field.to_string(), msg));
    if f.area.trim().is_empty() {
        err("area", tr!("rounds-msg-choose-area"));
    }
    let year = f.year.trim().parse::<i32>().ok();
    if year.is_none() {
        err("year", tr!("rounds-msg-year"));
    }
    let quarter = f
        .quarter
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|q| (1..=4).contains(q));
    if quarter.is_none() {
        err("quarter", tr!("rounds-msg-quarter"));
    }
    let budget = match crate::i18n::parse_money(&f.budget) {
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
        err("max_choices", tr!("rounds-msg-max-choices"));
    }
    let ballot_rule = match (f.ballot_rule.as_str(), max_choices) {
        ("approval", Some(max_choices)) => Some(BallotRule::Approval { max_choices }),
        ("approval", None) => None,
        ("knapsack", Some(None)) => Some(BallotRule::Knapsack),
        ("knapsack", _) => {
            if max_choices.is_some() {
                err("max_choices", tr!("rounds-msg-max-only-approval"));
            }
            None
        }
        _ => {
            err("ballot_rule", tr!("rounds-msg-ballot-rule"));
            None
        }
    };
    let count_rule = CountRule::parse(&f.count_rule);
    if count_rule.is_none() {
        err("count_rule", tr!("rounds-msg-count-rule"));
    }
    let calendar = match parse_calendar(f) {
        Ok(c) => c,
        Err(problems) => {
            for (field, message) in problems {
                err(field, message);
            }
            None
        }
    };
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
                calendar,
            })
        }
        _ => Err(errors),
    }
}

/// A day typed in a form: `2027-04-01` (what a date field sends) or `1-4-2027`.
pub fn parse_day(text: &str) -> Option<chrono::NaiveDate> {
    let t = text.trim();
    chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .or_else(|_| chrono::NaiveDate::parse_from_str(t, "%d-%m-%Y"))
        .ok()
}

/// The five dates of the form: all empty (no calendar, the round is moved by hand), or
/// all filled in and in order. Every date that cannot be read is reported at once.
fn parse_calendar(f: &RoundFormValues) -> Result<Option<Calendar>, Vec<(&'static str, String)>> {
    let fields = [
        ("plans_from", &f.plans_from),
        ("plans_until", &f.plans_until),
        ("review_until", &f.review_until),
        ("voting_from", &f.voting_from),
        ("voting_until", &f.voting_until),
    ];
    if fields.iter().all(|(_, v)| v.trim().is_empty()) {
        return Ok(None);
    }
    let mut days = Vec::with_capacity(5);
    let mut problems = Vec::new();
    for (name, value) in fields {
        match parse_day(value) {
            Some(d) => days.push(d),
            None => problems.push((name, tr!("rounds-msg-date"))),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Calendar::new(days[0], days[1], days[2], days[3], days[4])
        .map(Some)
        .map_err(|e| vec![(e.field(), e.to_string())])
}

async fn create_round(
    Staff(user): Staff,
    state: web::Data<AppState>,
    form: CsrfForm<RoundFormValues>,
) -> Result<HttpResponse, WebError> {
    let f = form.data;
    let data = list_data(&state, Some(&user)).await?;
    if data.1.is_empty() {
        return Err(WebError::Forbidden(tr!("rounds-msg-only-create")));
    }
    let input = match parse_round_form(&f) {
        Ok(i) => i,
        Err(errors) => return Ok(render_list(Some(&user), &data, &f, &errors, UNPROCESSABLE)),
    };
    let p = user.principal();
    let answer = run_db(&state, move |c| rounds::create_round(c, &p, &input)).await;
    match FormState::split(answer)? {
        Ok(v) => Ok(redirect(&format!("/rondes/{}?gedaan=ronde", v.round.id))),
        Err(shown) => Ok(render_list(
            Some(&user),
            &data,
            &f,
            shown.errors(),
            UNPROCESSABLE,
        )),
    }
}

// ---------------------------------------------------------------------------------------
// The pool of an area: earmarks
// ---------------------------------------------------------------------------------------

#[derive(Deserialize)]
struct PoolQuery {
    gedaan: Option<String>,
}

#[derive(Deserialize, Default, Clone)]
struct EarmarkForm {
    #[serde(default)]
    amount: String,
    #[serde(default)]
    reason: String,
}

async fn render_pool(
    state: &AppState,
    user: &SessionUser,
    slug: String,
    f: &EarmarkForm,
    errors: &[(String, String)],
    notice: Option<&str>,
    status: StatusCode,
) -> Result<HttpResponse, WebError> {
    let p = user.principal();
    let m = run_db(state, move |c| pool_holds::pool_money(c, &p, &slug)).await?;
    let notice = notice.map(crate::i18n::t);
    Ok(html_status(
        status,
        views::rounds::pool_page(&views::rounds::PoolPage {
            user,
            pool: &m,
            errors,
            amount: &f.amount,
            reason: &f.reason,
            notice: notice.as_deref(),
        }),
    ))
}

async fn pool_page(
    Staff(user): Staff,
    state: web::Data<AppState>,
    slug: web::Path<String>,
    q: web::Query<PoolQuery>,
) -> Result<HttpResponse, WebError> {
    let notice = notice_key(
        q.gedaan.as_deref(),
        &[
            ("apart", msg_key!("rounds-notice-earmarked")),
            ("vrij", msg_key!("rounds-notice-released")),
        ],
    );
    let f = EarmarkForm::default();
    render_pool(
        &state,
        &user,
        slug.into_inner(),
        &f,
        &[],
        notice,
        StatusCode::OK,
    )
    .await
}

async fn earmark(
    Staff(user): Staff,
    state: web::Data<AppState>,
    slug: web::Path<String>,
    form: CsrfForm<EarmarkForm>,
) -> Result<HttpResponse, WebError> {
    let (slug, f) = (slug.into_inner(), form.data);
    // Amount and reason are both checked before the service, so every problem shows at
    // once (the service stops at its first).
    let parsed = crate::i18n::parse_money(&f.amount);
    let mut errors = Vec::new();
    match &parsed {
        Err(e) => errors.push(("amount".to_string(), e.to_string())),
        Ok(a) => {
            if let Some(m) = pool_holds::earmark_amount_problem(*a) {
                errors.push(("amount".to_string(), m.to_string()));
            }
        }
    }
    if let Some(m) = pool_holds::earmark_reason_problem(&f.reason) {
        errors.push(("reason".to_string(), m.to_string()));
    }
    let amount = match parsed {
        Ok(a) if errors.is_empty() => a,
        _ => return render_pool(&state, &user, slug, &f, &errors, None, UNPROCESSABLE).await,
    };
    let (p, s2, reason) = (user.principal(), slug.clone(), f.reason.clone());
    let answer = run_db(&state, move |c| {
        pool_holds::earmark(c, &p, &s2, amount, &reason)
    })
    .await;
    match FormState::split(answer)? {
        Ok(_) => Ok(redirect(&format!("/rondes/pot/{slug}?gedaan=apart"))),
        Err(shown) => {
            render_pool(&state, &user, slug, &f, shown.errors(), None, UNPROCESSABLE).await
        }
    }
}

async fn release_earmark(
    Staff(user): Staff,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    _form: CsrfForm<Empty>,
) -> Result<HttpResponse, WebError> {
    let (slug, hold) = path.into_inner();
    let p = user.principal();
    let answer = run_db(&state, move |c| pool_holds::release_earmark(c, &p, &hold)).await;
    match FormState::split(answer)? {
        Ok(()) => Ok(redirect(&format!("/rondes/pot/{slug}?gedaan=vrij"))),
        Err(shown) => {
            let shown = shown.on_field("apart-zetten");
            let f = EarmarkForm::default();
            render_pool(&state, &user, slug, &f, shown.errors(), None, UNPROCESSABLE).await
        }
    }
}

// ---------------------------------------------------------------------------------------
// A year at once
// ---------------------------------------------------------------------------------------

async fn schedule_areas(state: &AppState, user: &SessionUser) -> Result<Vec<AreaInfo>, WebError> {
    let p = user.principal();
    let areas = run_db(state, move |c| rounds::areas_for(c, &p)).await?;
    if areas.is_empty() {
        return Err(WebError::Forbidden(tr!("rounds-msg-only-schedule")));
    }
    Ok(areas)
}

fn render_schedule(
    user: &SessionUser,
    areas: &[AreaInfo],
    form: &ScheduleFormValues,
    errors: &[(String, String)],
    status: StatusCode,
) -> HttpResponse {
    html_status(
        status,
        views::rounds::schedule(&views::rounds::SchedulePage {
            user: Some(user),
            areas,
            form,
            errors,
        }),
    )
}

async fn schedule_form(
    Staff(user): Staff,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let areas = schedule_areas(&state, &user).await?;
    let next_year = chrono::Datelike::year(&chrono::Utc::now().date_naive()) + 1;
    let form = ScheduleFormValues {
        year: next_year.to_string(),
        quarters: (1..=4).map(|q| q.to_string()).collect(),
        title: "Smederij".into(),
        ballot_rule: "approval".into(),
        count_rule: "greedy".into(),
        plan_weeks: "6".into(),
        review_weeks: "2".into(),
        voting_weeks: "2".into(),
        ..Default::default()
    };
    Ok(render_schedule(&user, &areas, &form, &[], StatusCode::OK))
}

/// The schedule form as the service's input, or the messages per field. The rules
/// are read by the same function as the one-round form.
fn parse_schedule_form(f: &ScheduleFormValues) -> Result<rounds::ScheduleInput, Errors> {
    let one = RoundFormValues {
        area: "-".into(),
        year: f.year.clone(),
        quarter: "1".into(),
        title: f.title.clone(),
        budget: f.budget.clone(),
        ballot_rule: f.ballot_rule.clone(),
        max_choices: f.max_choices.clone(),
        count_rule: f.count_rule.clone(),
        ..Default::default()
    };
    let mut errors = Errors::new();
    let rules = parse_round_form(&one).map_err(|e| errors.extend(e)).ok();
    let quarters: Vec<i32> = f.quarters.iter().filter_map(|q| q.parse().ok()).collect();
    if quarters.is_empty() {
        errors.push(("quarters".into(), tr!("rounds-msg-quarters")));
    }
    if f.areas.is_empty() {
        errors.push(("areas".into(), tr!("rounds-msg-areas")));
    }
    let mut weeks = |name: &str, text: &str| match text.trim().parse::<u32>() {
        Ok(w) if (1..=26).contains(&w) => w,
        _ => {
            errors.push((name.into(), tr!("rounds-msg-weeks")));
            0
        }
    };
    let (plan_weeks, review_weeks, voting_weeks) = (
        weeks("plan_weeks", &f.plan_weeks),
        weeks("review_weeks", &f.review_weeks),
        weeks("voting_weeks", &f.voting_weeks),
    );
    match rules {
        Some(r) if errors.is_empty() => Ok(rounds::ScheduleInput {
            year: r.year,
            quarters,
            areas: rounds::AreaChoice::Slugs(f.areas.clone()),
            title: f.title.clone(),
            budget_cents: r.budget_cents,
            ballot_rule: r.ballot_rule,
            count_rule: r.count_rule,
            plan_weeks,
            review_weeks,
            voting_weeks,
        }),
        _ => Err(errors),
    }
}

async fn schedule(
    Staff(user): Staff,
    state: web::Data<AppState>,
    form: CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, WebError> {
    let areas = schedule_areas(&state, &user).await?;
    let f = ScheduleFormValues::from_fields(&form.data);
    let input = match parse_schedule_form(&f) {
        Ok(i) => i,
        Err(errors) => return Ok(render_schedule(&user, &areas, &f, &errors, UNPROCESSABLE)),
    };
    let p = user.principal();
    let answer = run_db(&state, move |c| rounds::schedule_year(c, &p, &input)).await;
    match FormState::split(answer)? {
        Ok(made) => Ok(redirect(&format!("/rondes?gepland={}", made.len()))),
        Err(shown) => {
            // The rules' own fields keep their names; the weeks together belong to the
            // first weeks field.
            let errors: Errors = shown
                .errors()
                .iter()
                .map(|(field, message)| {
                    let field = if field == "weeks" {
                        "plan_weeks"
                    } else {
                        field
                    };
                    (field.to_string(), message.clone())
                })
                .collect();
            Ok(render_schedule(&user, &areas, &f, &errors, UNPROCESSABLE))
        }
    }
}

// ---------------------------------------------------------------------------------------
// The round page
// ---------------------------------------------------------------------------------------

#[derive(Deserialize)]
struct ShowQuery {
    gedaan: Option<String>,
    /// A receipt typed in the search on the result.
    controlecode: Option<String>,
}

/// The catalogue key of a notice after a redirect: the address only names one of the
/// `known` notices (its value in the address, its key), never the text itself.
pub(super) fn notice_key(
    given: Option<&str>,
    known: &[(&str, &'static str)],
) -> Option<&'static str> {
    let given = given?;
    known
        .iter()
        .find(|(value, _)| *value == given)
        .map(|(_, key)| *key)
}

/// The notices of the round page, by the `gedaan` value of the address.
const ROUND_NOTICES: &[(&str, &str)] = &[
    ("ronde", msg_key!("rounds-notice-created")),
    ("plan", msg_key!("rounds-notice-plan")),
    ("beoordeling", msg_key!("rounds-notice-reviewed")),
    ("beoordeling-bewaard", msg_key!("rounds-notice-review-kept")),
    ("beoordelen", msg_key!("rounds-notice-submissions-closed")),
    ("stemmen", msg_key!("rounds-notice-voting-open")),
    ("geteld", msg_key!("rounds-notice-counted")),
    ("afgesloten", msg_key!("rounds-notice-closed")),
];

/// What a re-rendered round page keeps besides the round itself.
#[derive(Default)]
struct PageState {
    errors: Errors,
    /// The catalogue key of the notice.
    notice: Option<&'static str>,
    plan: PlanFormValues,
    paper: PaperFormValues,
    receipt: Option<Receipt>,
    /// The receipt typed in the search on the result (empty: no search).
    lookup: String,
}

/// The published ballot of a typed receipt, if the round has it.
fn search_receipt(
    published: Option<&[(String, Vec<i32>)]>,
    typed: &str,
) -> Option<views::round_result::ReceiptSearch> {
    use views::round_result::ReceiptSearch;
    let published = published?;
    let receipt = super::audit::normalise_receipt(typed);
    if receipt.is_empty() {
        return None;
    }
    Some(match published.iter().find(|(t, _)| *t == receipt) {
        Some((_, plans)) => ReceiptSearch::Found {
            receipt,
            plans: plans.clone(),
        },
        None => ReceiptSearch::NotFound { receipt },
    })
}

async fn render_round(
    state: &AppState,
    user: Option<&SessionUser>,
    id: RoundId,
    s: PageState,
    status: StatusCode,
) -> Result<HttpResponse, WebError> {
    let p = caller(user);
    let (v, published, objections) = run_db(state, move |c| {
        let v = rounds::round(c, &p, &id)?;
        let published = rounds::published_ballots(c, &p, &id)?;
        let objections = crate::service::objections::round_objections(c, &p, &id)?;
        Ok((v, published, objections))
    })
    .await?;
    let lookup = search_receipt(published.as_deref(), &s.lookup);
    let notice = s.notice.map(crate::i18n::t);
    Ok(html_status(
        status,
        views::rounds::round(&views::rounds::RoundPage {
            user,
            round: &v,
            errors: &s.errors,
            notice: notice.as_deref(),
            plan: &s.plan,
            paper: &s.paper,
            receipt: s.receipt.as_ref(),
            published: published.as_deref(),
            objections: Some(&objections),
            lookup: lookup.as_ref(),
            lookup_typed: &s.lookup,
        }),
    ))
}

async fn show(
    MaybeStaff(user): MaybeStaff,
    state: web::Data<AppState>,
    id: web::Path<String>,
    q: web::Query<ShowQuery>,
) -> Result<HttpResponse, WebError> {
    let q = q.into_inner();
    let id = RoundId(id.into_inner());
    let notice = notice_key(q.gedaan.as_deref(), ROUND_NOTICES);
    let lookup = q.controlecode.unwrap_or_default();
    if user.is_none() && notice.is_none() && lookup.is_empty() {
        // Everyone who is not staff gets the same page: a counted or closed round's is kept
        // (not with a notice or a receipt search, which differ per request).
        let render = render_round(
            &state,
            None,
            id.clone(),
            PageState::default(),
            StatusCode::OK,
        );
        return page_cache::public_round_page(&state, &id, render).await;
    }
    let s = PageState {
        notice,
        lookup,
        ..Default::default()
    };
    render_round(&state, user.as_ref(), id, s, StatusCode::OK).await
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

/// The plan form: `title`, `summary`, `amount`, and per cost line
/// `kosten-N-omschrijving` / `kosten-N-bedrag`; `meer` asks for more empty lines.
fn plan_values(fields: &[(String, String)]) -> (PlanFormValues, bool) {
    let mut v = PlanFormValues::default();
    let mut more = false;
    for (k, val) in fields {
        match k.as_str() {
            "title" => v.title = val.clone(),
            "summary" => v.summary = val.clone(),
            "amount" => v.amount = val.clone(),
            "meer" => more = true,
            other => {
                let Some(rest) = other.strip_prefix("kosten-") else {
                    continue;
                };
                let Some((n, part)) = rest.split_once('-') else {
                    continue;
                };
                let Ok(n @ 1..=MAX_COST_LINES) = n.parse::<usize>() else {
                    continue;
                };
                if v.cost_lines.len() < n {
                    v.cost_lines.resize(n, Default::default());
                }
                match part {
                    "omschrijving" => v.cost_lines[n - 1].0 = val.clone(),
                    "bedrag" => v.cost_lines[n - 1].1 = val.clone(),
                    _ => {}
                }
            }
        }
    }
    (v, more)
}

async fn submit_plan(
    Staff(user): Staff,
    state: web::Data<AppState>,
    id: web::Path<String>,
    form: CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, WebError> {
    let id = RoundId(id.into_inner());
    let (mut f, more) = plan_values(&form.data);
    if more {
        // No JavaScript needed: the same form with everything kept and more empty lines.
        f.rows = (f.cost_lines.len().max(PLAN_COST_ROWS) + 3).min(MAX_COST_LINES);
        let s = PageState {
            plan: f,
            ..Default::default()
        };
        return render_round(&state, Some(&user), id, s, StatusCode::OK).await;
    }
    let mut known: Errors = Vec::new();
    let amount_cents = if f.amount.trim().is_empty() {
        None
    } else {
        match crate::i18n::parse_money(&f.amount) {
            Ok(a) => Some(a),
            Err(e) => {
                known.push(("amount".into(), e.to_string()));
                None
            }
        }
    };
    let mut cost_lines = Vec::new();
    for (i, (description, amount)) in f.cost_lines.iter().enumerate() {
        if description.trim().is_empty() && amount.trim().is_empty() {
            continue;
        }
        let cents = if amount.trim().is_empty() {
            known.push((
                cost_amount_field(i + 1),
                tr!("rounds-msg-cost-amount-missing", number = i + 1),
            ));
            None
        } else {
            match crate::i18n::parse_money(amount) {
                Ok(a) => Some(a),
                Err(e) => {
                    known.push((
                        cost_amount_field(i + 1),
                        tr!(
                            "rounds-msg-cost-line",
                            number = i + 1,
                            problem = e.to_string()
                        ),
                    ));
                    None
                }
            }
        };
        cost_lines.push((i + 1, description.clone(), cents));
    }
    let input = PlanSubmission {
        title: f.title.clone(),
        summary: f.summary.clone(),
        amount_cents,
        cost_lines,
        taakveld: String::new(),
    };
    let (p, rid) = (user.principal(), id.clone());
    let result = run_db(&state, move |c| {
        Ok(plan_review::submit_plan(
            c,
            &p,
            &rid,
            &input,
            verbatim_problems(known),
        ))
    })
    .await?;
    match result {
        Ok(plan) => Ok(redirect(&format!(
            "/rondes/{id}?gedaan=plan#plan-{}",
            plan.number
        ))),
        Err(FormError::Fields(errors)) => {
            // The round has moved on (or the initiator must wait): the message goes above
            // the form.
            let errors = errors
                .into_iter()
                .map(|(field, m)| {
                    let field = if field == "round" {
                        "plan-indienen".to_string()
                    } else {
                        field
                    };
                    (field, m.to_string())
                })
                .collect();
            f.rows = f.cost_lines.len().max(PLAN_COST_ROWS);
            let s = PageState {
                errors,
                plan: f,
                ..Default::default()
            };
            render_round(&state, Some(&user), id, s, UNPROCESSABLE).await
        }
        Err(FormError::Service(e)) => Err(e.into()),
    }
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
    match FormState::split(result)? {
        Ok(_) => Ok(redirect(&format!("/rondes/{id}?gedaan={done}"))),
        Err(shown) => {
            let s = PageState {
                errors: shown.on_field(anchor).errors().to_vec(),
                ..Default::default()
            };
            render_round(state, Some(user), id, s, UNPROCESSABLE).await
        }
    }
}

/// The four steps of a round that cannot be undone; each asks first.
#[derive(Clone, Copy)]
enum Step {
    CloseSubmissions,
    OpenVoting,
    Count,
    Close,
}

impl Step {
    /// In the order of a round; [`take_step`]'s parameter is an index here.
    const ALL: [Step; 4] = [
        Step::CloseSubmissions,
        Step::OpenVoting,
        Step::Count,
        Step::Close,
    ];

    /// The address part, the notice after it, and the anchor of its refusal.
    fn parts(self) -> (&'static str, &'static str) {
        match self {
            Step::CloseSubmissions => ("indienen-sluiten", "beoordelen"),
            Step::OpenVoting => ("stemmen-openen", "stemmen"),
            Step::Count => ("tellen", "geteld"),
            Step::Close => ("afsluiten", "afgesloten"),
        }
    }
}

/// What the confirmation page of `step` says, with the counts and amounts of this round.
fn step_confirmation(v: &RoundView, step: Step) -> Confirmation {
    let name = tr!(
        "rounds-confirm-name",
        title = &v.round.title,
        area = &v.area.name,
        quarter = v.round.quarter,
        year = v.round.year
    );
    let (title, consequences, label) = match step {
        Step::CloseSubmissions => {
            let waiting = v
                .initiatives
                .iter()
                .filter(|i| i.status == crate::domain::round::PlanStatus::Submitted)
                .count();
            (
                tr!("rounds-confirm-close-submissions-title", round = &name),
                vec![
                    tr!("rounds-confirm-submitted", count = v.initiatives.len()),
                    tr!("rounds-confirm-waiting", count = waiting),
                ],
                tr!("rounds-confirm-close-submissions-yes"),
            )
        }
        Step::OpenVoting => {
            let on_ballot = v.nominated();
            let total: i64 = on_ballot.iter().map(|i| i.amount_cents).sum();
            (
                tr!("rounds-confirm-open-voting-title", round = &name),
                vec![
                    tr!(
                        "rounds-confirm-on-ballot",
                        plans = tr!("common-plans", count = on_ballot.len()),
                        total = crate::i18n::money(total),
                        budget = crate::i18n::money(v.round.budget_cents)
                    ),
                    tr!("rounds-confirm-rules-fixed"),
                    tr!("rounds-confirm-vote-at-once"),
                ],
                tr!("rounds-confirm-open-voting-yes"),
            )
        }
        Step::Count => (
            tr!("rounds-confirm-count-title", round = &name),
            vec![
                tr!("rounds-confirm-ballots", count = v.ballots_shown()),
                tr!(
                    "rounds-confirm-counted-at-once",
                    budget = crate::i18n::money(v.round.budget_cents)
                ),
            ],
            tr!("rounds-confirm-count-yes"),
        ),
        Step::Close => {
            let mut lines = Vec::new();
            match v.result() {
                Some(r) => {
                    lines.push(tr!(
                        "rounds-confirm-money-goes",
                        amount = crate::i18n::money(r.spent_cents),
                        area = &v.area.name,
                        plans = tr!("common-plans", count = r.selected.len())
                    ));
                    for i in v.initiatives.iter().filter(|i| r.selected.contains(&i.id)) {
                        lines.push(tr!(
                            "rounds-confirm-plan-gets",
                            number = i.number,
                            title = &i.title,
                            amount = crate::i18n::money(i.amount_cents)
                        ));
                    }
                    lines.push(tr!(
                        "rounds-confirm-left",
                        amount = crate::i18n::money(r.left_cents),
                        area = &v.area.name
                    ));
                }
                None => lines.push(tr!("rounds-confirm-not-counted")),
            }
            lines.push(tr!("rounds-confirm-nothing-changes"));
            (
                tr!("rounds-confirm-close-title", round = &name),
                lines,
                tr!("rounds-confirm-close-yes"),
            )
        }
    };
    let (part, _) = step.parts();
    Confirmation {
        title,
        consequences,
        action: format!("/rondes/{}/{part}", v.round.id),
        kept: Vec::new(),
        confirm_label: label,
        back: format!("/rondes/{}#{part}", v.round.id),
        current: "/rondes",
    }
}

/// A step of the round: without the confirmation page's marker only that page is shown
/// (nothing changes); with it the step is done.
async fn round_step(
    user: SessionUser,
    state: web::Data<AppState>,
    id: String,
    form: ConfirmForm,
    step: Step,
) -> Result<HttpResponse, WebError> {
    let id = RoundId(id);
    let v = managed_round(&state, &user, &id).await?;
    if !form.confirmed() {
        return Ok(ask(&user, &step_confirmation(&v, step)));
    }
    let (p, rid) = (user.principal(), id.clone());
    let result = run_db(&state, move |c| match step {
        Step::CloseSubmissions => rounds::close_submissions(c, &p, &rid),
        Step::OpenVoting => rounds::open_voting(c, &p, &rid),
        Step::Count => rounds::count_round(c, &p, &rid),
        Step::Close => rounds::close_round(c, &p, &rid),
    })
    .await;
    let (anchor, done) = step.parts();
    after_step(&state, &user, id, result, done, anchor).await
}

/// The four steps as [`take_step`]'s parameter: an index in [`Step::ALL`].
const CLOSE_SUBMISSIONS: usize = 0;
const OPEN_VOTING: usize = 1;
const COUNT: usize = 2;
const CLOSE: usize = 3;

/// The handler of the four steps of a round; `STEP` says which.
async fn take_step<const STEP: usize>(
    Staff(user): Staff,
    state: web::Data<AppState>,
    id: web::Path<String>,
    form: CsrfForm<ConfirmForm>,
) -> Result<HttpResponse, WebError> {
    let step = Step::ALL.get(STEP).copied().ok_or(WebError::NotFound)?;
    round_step(user, state, id.into_inner(), form.data, step).await
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
        CastError::WrongCode => ("code", tr!("rounds-msg-wrong-code")),
        CastError::NotVoting => ("papieren-stem", CastError::NotVoting.to_string()),
        CastError::Ballot(b) => ("keuze", b.to_string()),
        CastError::Failed(ServiceError::Invalid { message, .. }) => {
            ("papieren-stem", message.to_string())
        }
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
    // Both fields are checked before answering, so both problems show at once.
    let mut errors = Errors::new();
    if values.code.trim().is_empty() {
        errors.push(("code".into(), tr!("rounds-msg-code-missing")));
    }
    if values.choices.is_empty() {
        errors.push((
            "keuze".into(),
            crate::domain::round::BallotProblem::Empty.to_string(),
        ));
    }
    if !errors.is_empty() {
        let s = PageState {
            errors,
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
