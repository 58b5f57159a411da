//! The administration page (/beheer): areas with their pools, and funders.

use actix_web::{web, HttpResponse};
use serde::Deserialize;

use super::csrf::CsrfForm;
use super::error::WebError;
use super::respond::FormState;
use super::run_db;
use super::session::Staff;
use crate::domain::permissions::Operation;
use crate::service::auth::SessionUser;
use crate::service::ledger;
use crate::service::ServiceError;
use crate::state::AppState;
use crate::views;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/beheer", web::get().to(admin))
        .route("/beheer/gebieden", web::post().to(create_area))
        .route("/beheer/financiers", web::post().to(create_funder));
}

async fn admin(Staff(user): Staff, state: web::Data<AppState>) -> Result<HttpResponse, WebError> {
    render_admin(&state, &user, &FormState::Fresh, "", "").await
}

async fn render_admin(
    state: &AppState,
    user: &SessionUser,
    shown: &FormState,
    area_name: &str,
    funder_name: &str,
) -> Result<HttpResponse, WebError> {
    let p = user.principal();
    let (pools, funders) = run_db(state, move |c| {
        p.may(Operation::CreateArea)?;
        Ok((ledger::pools(c, &p)?, ledger::funders(c, &p)?))
    })
    .await?;
    Ok(shown.page(|shown| {
        views::admin::admin(
            user,
            &views::admin::AdminPage {
                pools: &pools,
                funders: &funders,
                errors: shown.errors(),
                area_name,
                funder_name,
                notice: shown.notice(),
            },
        )
    }))
}

#[derive(Deserialize)]
struct AreaForm {
    #[serde(default)]
    area_name: String,
    #[serde(default)]
    area_kind: String,
}

/// The admin page after a create form: the notice on success, or the form again with
/// the Dutch message on the field and what was typed kept.
async fn after_admin_form(
    state: &AppState,
    user: &SessionUser,
    result: Result<String, ServiceError>,
    field: &str,
    area_name: &str,
    funder_name: &str,
) -> Result<HttpResponse, WebError> {
    let shown = FormState::after(result, |notice| notice)?.on_field(field);
    let (area_name, funder_name) = if shown.refused() {
        (area_name, funder_name)
    } else {
        ("", "")
    };
    render_admin(state, user, &shown, area_name, funder_name).await
}

async fn create_area(
    Staff(user): Staff,
    state: web::Data<AppState>,
    form: CsrfForm<AreaForm>,
) -> Result<HttpResponse, WebError> {
    let f = form.data;
    let p = user.principal();
    let (name, kind) = (f.area_name.clone(), f.area_kind.clone());
    let result = run_db(&state, move |c| ledger::create_area(c, &p, &name, &kind))
        .await
        .map(|a| format!("Gebied {} is toegevoegd, met een eigen pot.", a.name));
    after_admin_form(&state, &user, result, "area_name", &f.area_name, "").await
}

#[derive(Deserialize)]
struct FunderForm {
    #[serde(default)]
    funder_name: String,
    #[serde(default)]
    funder_kind: String,
}

async fn create_funder(
    Staff(user): Staff,
    state: web::Data<AppState>,
    form: CsrfForm<FunderForm>,
) -> Result<HttpResponse, WebError> {
    let f = form.data;
    let p = user.principal();
    let (name, kind) = (f.funder_name.clone(), f.funder_kind.clone());
    let result = run_db(&state, move |c| ledger::create_funder(c, &p, &name, &kind))
        .await
        .map(|fv| format!("Financier {} is toegevoegd.", fv.name));
    after_admin_form(&state, &user, result, "funder_name", "", &f.funder_name).await
}
