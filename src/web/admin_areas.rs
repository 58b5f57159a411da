//! The administration page (/beheer): areas with their pools, and funders.

use actix_web::{web, HttpResponse};
use serde::Deserialize;

use super::csrf::CsrfForm;
use super::error::WebError;
use super::respond::{kept, FormState};
use super::run_db;
use super::session::Staff;
use crate::db::DbConn;
use crate::domain::form_errors::FormErrors;
use crate::domain::permissions::Operation;
use crate::service::auth::SessionUser;
use crate::service::ledger;
use crate::service::{Principal, ServiceError};
use crate::state::AppState;
use crate::tr;
use crate::views;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/beheer", web::get().to(admin))
        .route("/beheer/gebieden", web::post().to(create_area))
        .route("/beheer/financiers", web::post().to(create_funder));
}

async fn admin(Staff(user): Staff, state: web::Data<AppState>) -> Result<HttpResponse, WebError> {
    render_admin(&state, &user, &FormState::Fresh, &[]).await
}

async fn render_admin(
    state: &AppState,
    user: &SessionUser,
    shown: &FormState,
    kept: &[(String, String)],
) -> Result<HttpResponse, WebError> {
    let p = user.principal();
    let (pools, funders) = run_db(state, move |c| {
        p.may(Operation::CreateArea)?;
        Ok((ledger::pools(c, &p)?, ledger::funders(c, &p)?))
    })
    .await?;
    Ok(shown.form_page(kept, |shown| {
        let page = views::admin::AdminPage {
            pools: &pools,
            funders: &funders,
            shown,
        };
        views::admin::admin(user, &page)
    }))
}

#[derive(Deserialize)]
struct AreaForm {
    #[serde(default)]
    area_name: String,
    #[serde(default)]
    area_kind: String,
}

/// The problems of one create form (keyed `name`, `kind`) on that form's own fields
/// (`area_name`, `funder_kind`, ...).
fn on_form(prefix: &str, problems: &[(String, String)]) -> FormErrors {
    problems
        .iter()
        .map(|(field, message)| (format!("{prefix}_{field}"), message.clone()))
        .collect()
}

/// One of the page's create forms (`prefix` "area" or "funder", with its name and kind):
/// every problem of the form at once (its own `check` before the service, then the
/// service's own refusal such as a name in use), or the notice `done` writes about what
/// `create` made. What was typed and chosen stays after a refusal.
async fn create_one<T: Send + 'static>(
    state: &AppState,
    user: &SessionUser,
    prefix: &str,
    (name, kind): (String, String),
    check: fn(&str, &str) -> FormErrors,
    create: fn(&mut DbConn, &Principal, &str, &str) -> Result<T, ServiceError>,
    done: fn(T) -> String,
) -> Result<HttpResponse, WebError> {
    let (name_field, kind_field) = (format!("{prefix}_name"), format!("{prefix}_kind"));
    let kept = kept(&[(&name_field, &name), (&kind_field, &kind)]);
    let shown = match FormState::checked(on_form(prefix, &check(&name, &kind))) {
        Err(refused) => refused,
        Ok(()) => {
            let p = user.principal();
            let made = run_db(state, move |c| create(c, &p, &name, &kind)).await;
            match FormState::split(made)? {
                Ok(made) => FormState::Done(done(made)),
                Err(refused) => FormState::Refused(on_form(prefix, refused.errors())),
            }
        }
    };
    render_admin(state, user, &shown, &kept).await
}

async fn create_area(
    Staff(user): Staff,
    state: web::Data<AppState>,
    form: CsrfForm<AreaForm>,
) -> Result<HttpResponse, WebError> {
    let f = form.data;
    create_one(
        &state,
        &user,
        "area",
        (f.area_name, f.area_kind),
        ledger::check_new_area,
        ledger::create_area,
        |a| tr!("admin-area-added", name = a.name),
    )
    .await
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
    create_one(
        &state,
        &user,
        "funder",
        (f.funder_name, f.funder_kind),
        ledger::check_new_funder,
        ledger::create_funder,
        |fv| tr!("admin-funder-added", name = fv.name),
    )
    .await
}
