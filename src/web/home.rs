//! The home page, the privacy and accessibility statements, and the theme's stylesheet
//! and logo.

use actix_web::http::header;
use actix_web::{web, HttpResponse};

use super::error::WebError;
use super::respond::html;
use super::run_db;
use super::session::MaybeStaff;
use crate::service::Principal;
use crate::state::AppState;
use crate::views;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(home))
        .route("/privacy", web::get().to(privacy))
        .route("/toegankelijkheid", web::get().to(accessibility))
        .route("/thema.css", web::get().to(theme_css))
        .route("/logo", web::get().to(logo));
}

async fn privacy(user: MaybeStaff) -> HttpResponse {
    html(views::home::privacy(user.0.as_ref()))
}

async fn accessibility(user: MaybeStaff) -> HttpResponse {
    html(views::home::accessibility(user.0.as_ref()))
}

async fn home(state: web::Data<AppState>, user: MaybeStaff) -> Result<HttpResponse, WebError> {
    if user.0.is_none() {
        // Every visitor who is not signed in gets the same page: kept until the next write.
        let render = render_home(&state, None);
        return super::page_cache::public_home_page(&state, render).await;
    }
    render_home(&state, user.0.as_ref()).await
}

async fn render_home(
    state: &AppState,
    user: Option<&crate::service::auth::SessionUser>,
) -> Result<HttpResponse, WebError> {
    let who = match user {
        Some(u) => u.principal(),
        None => Principal::resident(),
    };
    let uid = user.map(|u| u.user_id.clone());
    let start = run_db(state, move |c| {
        crate::service::start::start_page(c, &who, uid.as_deref())
    })
    .await?;
    Ok(html(views::home::home(user, &start)))
}

/// The theme's colours; short caching, so a changed theme shows within minutes of a restart.
async fn theme_css(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=300"))
        .body(state.theme.stylesheet())
}

async fn logo(state: web::Data<AppState>) -> HttpResponse {
    match &state.theme.logo {
        Some(l) => HttpResponse::Ok()
            .content_type(l.content_type)
            .insert_header((header::CACHE_CONTROL, "public, max-age=300"))
            // An SVG opened on its own may not run script or load anything.
            .insert_header((
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; style-src 'unsafe-inline'; sandbox",
            ))
            .body(l.bytes.clone()),
        None => HttpResponse::NotFound().finish(),
    }
}
