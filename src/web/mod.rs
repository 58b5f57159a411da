//! HTTP: routes, extractors, security middleware. No SQL and no business rules here:
//! handlers parse input, call one service function in `run_db`, and render.

pub mod account;
pub mod admin_areas;
pub mod admin_users;
pub mod api;
pub mod audit;
pub mod ballot;
pub mod client_addr;
pub mod codes;
pub mod confirm;
pub mod council;
pub mod csrf;
pub mod error;
pub mod finance;
pub mod home;
pub mod language;
pub mod ledger_import;
pub mod local_path;
pub mod nul_guard;
pub mod objections;
pub mod page_cache;
pub mod plan_pages;
pub mod plan_review;
pub mod request_log;
pub mod respond;
pub mod rounds;
pub mod session;
pub mod village;

use actix_web::middleware::{from_fn, DefaultHeaders};
use actix_web::{web, HttpResponse};

use crate::db::DbConn;
use crate::service::ServiceError;
use crate::state::AppState;

/// Security headers on every response (security.md): CSP without inline script or style,
/// no framing, no MIME sniffing, same-origin referrers.
fn security_headers() -> DefaultHeaders {
    DefaultHeaders::new()
        .add((
            "Content-Security-Policy",
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
             form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
        ))
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("Referrer-Policy", "same-origin"))
        .add(("X-Frame-Options", "DENY"))
        .add(("Cross-Origin-Opener-Policy", "same-origin"))
        .add((
            "Permissions-Policy",
            "camera=(), microphone=(), geolocation=()",
        ))
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("")
            .wrap(from_fn(csrf::reject_cross_site))
            .wrap(from_fn(nul_guard::refuse_nul_in_uri))
            .wrap(security_headers())
            // Outermost: every page of the request, error pages included, is in its language.
            .wrap(from_fn(language::scope_language))
            // Routes are tried in this order, and every pattern with a `{...}` part tried
            // costs a regular-expression search: the residents' pages (voting, villages,
            // rounds) come first. No pattern of theirs overlaps one of the groups after
            // them, so the order decides nothing else.
            .configure(codes::configure)
            .configure(ballot::configure)
            .configure(village::configure)
            .configure(rounds::configure)
            .configure(api::configure)
            .configure(account::configure)
            .configure(admin_users::configure)
            .configure(home::configure)
            .configure(finance::configure)
            .configure(ledger_import::configure)
            .configure(admin_areas::configure)
            .configure(plan_review::configure)
            .configure(council::configure)
            .configure(audit::configure)
            .configure(plan_pages::configure)
            .configure(objections::configure)
            .configure(language::configure)
            .route(
                "/health",
                web::get().to(|| async { HttpResponse::Ok().body("ok") }),
            )
            .route("/static/app.css", web::get().to(stylesheet))
            .default_service(web::to(not_found)),
    );
}

/// Unknown addresses get a Dutch page, not the browser's own.
async fn not_found() -> Result<HttpResponse, error::WebError> {
    Err(error::WebError::NotFound)
}

async fn stylesheet() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        .insert_header(("Cache-Control", "public, max-age=3600"))
        .body(crate::views::STYLESHEET)
}

/// One unit of database work on a blocking thread: take a connection, run `f`.
pub async fn run_db<T, F>(state: &AppState, f: F) -> Result<T, ServiceError>
where
    T: Send + 'static,
    F: FnOnce(&mut DbConn) -> Result<T, ServiceError> + Send + 'static,
{
    let pool = state.pool.clone();
    // The blocking thread logs inside the request's span (its request id included).
    let span = tracing::Span::current();
    web::block(move || {
        let _request = span.enter();
        let mut conn = pool.get().map_err(crate::db::DbError::Pool)?;
        f(&mut conn)
    })
    .await
    .map_err(|e| ServiceError::internal("the database worker thread failed", e))?
}
