//! The home page and the privacy statement.

use actix_web::{web, HttpResponse};

use super::respond::html;
use super::session::MaybeStaff;
use crate::views;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(home))
        .route("/privacy", web::get().to(privacy));
}

async fn privacy(user: MaybeStaff) -> HttpResponse {
    html(views::home::privacy(user.0.as_ref()))
}

async fn home(user: MaybeStaff) -> HttpResponse {
    html(views::home::home(user.0.as_ref()))
}
