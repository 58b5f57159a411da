//! The resident's ballot: `/stemmen/{area}/rondes/{id}` shows the plans, `controleren`
//! checks the choice without storing anything and shows it for review, `uitbrengen`
//! stores the ballot and shows the receipt once. The voter session (cookie) comes from
//! `/stemmen`; a code only ever opens the rounds of its own area and year.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};

use super::codes::{url_part, voter_token};
use super::csrf::CsrfForm;
use super::csrf::{form_token, with_pre_cookie};
use super::error::WebError;
use super::respond::{html_status, redirect};
use super::run_db;
use super::session::MaybeStaff;
use crate::domain::round::RoundId;
use crate::service::auth::SessionUser;
use crate::service::resident_writes;
use crate::service::round_cache::RoundCache;
use crate::service::rounds::{self, CastError, RoundView};
use crate::service::voting_codes::{self as svc, Voter};
use crate::service::{Principal, ServiceError};
use crate::state::AppState;
use crate::views::ballot as view;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/stemmen/{area}/rondes/{id}", web::get().to(ballot))
        .route(
            "/stemmen/{area}/rondes/{id}/controleren",
            web::post().to(post::<CHECK>),
        )
        .route(
            "/stemmen/{area}/rondes/{id}/uitbrengen",
            web::post().to(post::<CAST>),
        );
}

/// A signed-in resident and a round of their own area and year.
struct Ctx {
    round: RoundView,
    /// This code already voted in the round (known for rounds in voting only; not asked
    /// when casting, which finds out under the lock).
    voted: bool,
    token: String,
    fresh: bool,
}

enum Found<T> {
    NoVoter,
    NoRound(Voter),
    Round(Box<(Voter, RoundView, bool, T)>),
}

enum Gate<T> {
    /// The resident's round, and what `then` gave (see [`open_then`]).
    Go(Box<Ctx>, T),
    /// Not signed in, or signed in for another area: where to go instead.
    Away(HttpResponse),
}

async fn open(
    req: &HttpRequest,
    state: &AppState,
    staff: Option<&SessionUser>,
    area: &str,
    id: String,
) -> Result<Gate<()>, WebError> {
    open_then(req, state, staff, area, id, true, |_, _, _| Ok(())).await
}

/// [`open`], and then `then` on the resident's round in the same trip to the database
/// (casting does its write there: one trip per request instead of two).
async fn open_then<T, F>(
    req: &HttpRequest,
    state: &AppState,
    staff: Option<&SessionUser>,
    area: &str,
    id: String,
    ask_voted: bool,
    then: F,
) -> Result<Gate<T>, WebError>
where
    T: Send + 'static,
    F: FnOnce(&mut crate::db::DbConn, &Voter, &RoundView) -> Result<T, ServiceError>
        + Send
        + 'static,
{
    // The voter, the round and whether this code voted in it: one trip to the database.
    let Some(cookie) = voter_token(req, state) else {
        return Ok(Gate::Away(redirect(&format!(
            "/stemmen?gebied={}",
            url_part(area)
        ))));
    };
    let id = RoundId(id);
    let cache = state.round_cache.clone();
    let area_slug = area.to_string();
    let found = run_db(state, move |c| {
        let reads = find(c, &cache, &cookie, &id, &area_slug, ask_voted)?;
        Ok(match reads {
            Found::Round(b) => {
                let (voter, round, voted, ()) = *b;
                let after = then(c, &voter, &round)?;
                Found::Round(Box::new((voter, round, voted, after)))
            }
            Found::NoVoter => Found::NoVoter,
            Found::NoRound(voter) => Found::NoRound(voter),
        })
    })
    .await?;
    let (_voter, round, voted, after) = match found {
        Found::NoVoter => {
            return Ok(Gate::Away(redirect(&format!(
                "/stemmen?gebied={}",
                url_part(area)
            ))))
        }
        // A code only ever opens its own area.
        Found::NoRound(voter) if voter.area_slug != area => {
            return Ok(Gate::Away(redirect(&format!(
                "/stemmen/{}",
                voter.area_slug
            ))))
        }
        Found::NoRound(_) => return Err(WebError::NotFound),
        Found::Round(b) if b.0.area_slug != area => {
            return Ok(Gate::Away(redirect(&format!("/stemmen/{}", b.0.area_slug))))
        }
        Found::Round(b) => *b,
    };
    let (token, fresh) = form_token(req, staff);
    Ok(Gate::Go(
        Box::new(Ctx {
            round,
            voted,
            token,
            fresh,
        }),
        after,
    ))
}

/// The voter behind the cookie, their round (a round of their own area and year, and of
/// the area in the address) and whether this code voted in it.
fn find(
    c: &mut crate::db::DbConn,
    cache: &RoundCache,
    cookie: &str,
    id: &RoundId,
    area_slug: &str,
    ask_voted: bool,
) -> Result<Found<()>, ServiceError> {
    let Some(voter) = svc::voter(c, cookie, crate::service::now())? else {
        return Ok(Found::NoVoter);
    };
    // A resident with a code is a principal without an account.
    let who = Principal::resident();
    let round = match cache.round_at(c, &who, id, voter.round_data_version) {
        Ok(r) => r,
        Err(ServiceError::NotFound(_)) => return Ok(Found::NoRound(voter)),
        Err(e) => return Err(e),
    };
    // Another area's or year's round is not there for this code, and nothing is done on
    // a round reached through another area's address (the caller redirects).
    if round.area.slug != voter.area_slug
        || round.round.year != voter.year
        || round.area.slug != area_slug
    {
        return Ok(Found::NoRound(voter));
    }
    // Casting finds out itself (its insert of the participation), under the lock.
    // Read with the voter, in the same statement.
    let voted = ask_voted && voter.voted_in.contains(&round.round.id);
    Ok(Found::Round(Box::new((voter, round, voted, ()))))
}

fn respond(state: &AppState, ctx: &Ctx, status: StatusCode, page: maud::Markup) -> HttpResponse {
    with_pre_cookie(html_status(status, page), state, &ctx.token, ctx.fresh)
}

/// The page for a round this resident cannot vote in now, or None when the ballot can be
/// shown.
fn refusal(ctx: &Ctx, status: StatusCode) -> Option<(StatusCode, maud::Markup)> {
    if !ctx.round.actions.may_vote_online {
        return Some((
            status,
            view::message(&ctx.round, &ctx.token, view::Notice::NotVoting),
        ));
    }
    if ctx.voted {
        return Some((
            status,
            view::message(&ctx.round, &ctx.token, view::Notice::AlreadyVoted),
        ));
    }
    None
}

fn ballot_page(ctx: &Ctx, chosen: &[String], error: Option<&str>) -> maud::Markup {
    view::ballot(&view::BallotPage {
        round: &ctx.round,
        csrf: &ctx.token,
        chosen,
        error,
    })
}

async fn ballot(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: MaybeStaff,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, WebError> {
    let (area, id) = path.into_inner();
    let ctx = match open(&req, &state, staff.0.as_ref(), &area, id).await? {
        Gate::Go(ctx, ()) => ctx,
        Gate::Away(resp) => return Ok(resp),
    };
    if let Some((status, page)) = refusal(&ctx, StatusCode::OK) {
        return Ok(respond(&state, &ctx, status, page));
    }
    let page = ballot_page(&ctx, &[], None);
    Ok(respond(&state, &ctx, StatusCode::OK, page))
}

/// The ticked plans (`keuze`, repeated) and the "back to the ballot" flag of a form.
struct Choice {
    keuze: Vec<String>,
    terug: bool,
}

fn choice_of(fields: Vec<(String, String)>) -> Choice {
    let mut c = Choice {
        keuze: Vec::new(),
        terug: false,
    };
    for (k, v) in fields {
        match k.as_str() {
            "keuze" if !v.trim().is_empty() => c.keuze.push(v.trim().to_string()),
            "terug" => c.terug = v == "1",
            _ => {}
        }
    }
    c
}

/// The two forms of the ballot, as [`post`]'s parameter.
const CHECK: bool = false;
const CAST: bool = true;

/// The ballot's two forms: `controleren` checks the choice ([`CHECK`]), `uitbrengen`
/// casts it ([`CAST`]). Both open the resident's round the same way first.
async fn post<const CASTING: bool>(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    form: CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, WebError> {
    let (area, id) = path.into_inner();
    let choice = choice_of(form.data);
    if CASTING {
        // The ballot is stored in the same trip to the database that finds the round.
        let choices = choice.keuze.clone();
        let queue = state.resident_writes.clone();
        let gate = open_then(
            &req,
            &state,
            form.staff.as_ref(),
            &area,
            id,
            false,
            move |c, voter, round| {
                let seen = rounds::Seen {
                    round: &round.round,
                    version: voter.round_data_version,
                    code_area: &voter.area_id,
                    code_year: voter.year,
                };
                let ballot = rounds::online_cast(&voter.handle, seen, choices);
                Ok(resident_writes::cast(&queue, c, ballot))
            },
        )
        .await?;
        match gate {
            Gate::Go(ctx, outcome) => cast(&state, &ctx, choice, outcome),
            Gate::Away(resp) => Ok(resp),
        }
    } else {
        match open(&req, &state, form.staff.as_ref(), &area, id).await? {
            Gate::Go(ctx, ()) => check(&state, &ctx, choice),
            Gate::Away(resp) => Ok(resp),
        }
    }
}

/// The ballot again with the ticks kept and what is wrong with the choice (422).
fn refused_choice(state: &AppState, ctx: &Ctx, choice: &Choice, problem: &str) -> HttpResponse {
    let page = ballot_page(ctx, &choice.keuze, Some(problem));
    respond(state, ctx, StatusCode::UNPROCESSABLE_ENTITY, page)
}

/// Checks the choice against the round's rule without storing anything, and shows it for
/// review; or goes back to the ballot with the ticks kept.
fn check(state: &AppState, ctx: &Ctx, choice: Choice) -> Result<HttpResponse, WebError> {
    if let Some((status, page)) = refusal(ctx, StatusCode::CONFLICT) {
        return Ok(respond(state, ctx, status, page));
    }
    if choice.terug {
        let page = ballot_page(ctx, &choice.keuze, None);
        return Ok(respond(state, ctx, StatusCode::OK, page));
    }
    // The round was read for this request (`open`): checking needs no database.
    let checked = rounds::preview_round(&Principal::resident(), &ctx.round.round, &choice.keuze);
    match checked {
        Ok(picked) => {
            let page = view::review(&ctx.round, &ctx.token, &picked);
            Ok(respond(state, ctx, StatusCode::OK, page))
        }
        Err(CastError::Ballot(problem)) => {
            Ok(refused_choice(state, ctx, &choice, &problem.to_string()))
        }
        Err(CastError::Failed(e)) => Err(e.into()),
        // Voting closed in the meantime (the code itself is checked when casting).
        Err(_) => {
            let page = view::message(&ctx.round, &ctx.token, view::Notice::NotVoting);
            Ok(respond(state, ctx, StatusCode::CONFLICT, page))
        }
    }
}

/// Shows the receipt of the ballot just stored (the service allows one per code and
/// round, also when the button is pressed twice), or why it was not stored.
fn cast(
    state: &AppState,
    ctx: &Ctx,
    choice: Choice,
    outcome: Result<rounds::Receipt, CastError>,
) -> Result<HttpResponse, WebError> {
    let message = |status, notice| {
        let page = view::message(&ctx.round, &ctx.token, notice);
        Ok(respond(state, ctx, status, page))
    };
    match outcome {
        Ok(receipt) => {
            let page = view::receipt(&ctx.round, &receipt, &ctx.token);
            Ok(respond(state, ctx, StatusCode::OK, page))
        }
        Err(CastError::AlreadyVoted) => message(StatusCode::CONFLICT, view::Notice::AlreadyVoted),
        Err(CastError::NotVoting) => message(StatusCode::CONFLICT, view::Notice::NotVoting),
        Err(CastError::WrongCode) => message(StatusCode::FORBIDDEN, view::Notice::WrongCode),
        Err(CastError::Ballot(problem)) => {
            Ok(refused_choice(state, ctx, &choice, &problem.to_string()))
        }
        Err(CastError::Failed(e)) => Err(e.into()),
    }
}
