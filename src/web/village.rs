//! The public village pages: the list of villages and one village's money, rounds and
//! plans (/dorpen, /dorpen/{slug}).

use actix_web::{web, HttpResponse};

use super::error::WebError;
use super::respond::html;
use super::run_db;
use super::session::MaybeStaff;
use crate::service::auth::SessionUser;
use crate::service::{village, Principal};
use crate::state::AppState;
use crate::views;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/dorpen", web::get().to(list))
        .route("/dorpen/{slug}", web::get().to(show));
}

fn caller(user: Option<&SessionUser>) -> Principal {
    user.map_or_else(Principal::resident, SessionUser::principal)
}

async fn list(
    MaybeStaff(user): MaybeStaff,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let p = caller(user.as_ref());
    let list = run_db(&state, move |c| village::villages(c, &p)).await?;
    Ok(html(views::village::villages(user.as_ref(), &list)))
}

async fn show(
    MaybeStaff(user): MaybeStaff,
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let (p, slug) = (caller(user.as_ref()), slug.into_inner());
    let v = run_db(&state, move |c| village::village(c, &p, &slug)).await?;
    Ok(html(views::village::village(user.as_ref(), &v)))
}
