//! The administration page (/beheer): areas with their pools, and funders.

use actix_web::{web, HttpResponse};
use serde::Deserialize;

use super::csrf::CsrfForm;
use super::error::WebError;
use super::respond::FormState;
use super::run_db;
use super::session::Staff;
use crate::domain::form_errors::FormErrors;
use crate::domain::permissions::Operation;
use crate::service::auth::SessionUser;
use crate::service::ledger;
use crate::service::ServiceError;
use crate::state::AppState;
use crate::views;
use crate::views::admin::AdminForms;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/beheer", web::get().to(admin))
        .route("/beheer/gebieden", web::post().to(create_area))
        .route("/beheer/financiers", web::post().to(create_funder));
}

async fn admin(Staff(user): Staff, state: web::Data<AppState>) -> Result<HttpResponse, WebError> {
    render_admin(&state, &user, &FormState::Fresh, AdminForms::default()).await
}

async fn render_admin(
    state: &AppState,
    user: &SessionUser,
    shown: &FormState,
    form: AdminForms<'_>,
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
                form,
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

/// The problems of one create form (keyed `name`, `kind`) on that form's own fields
/// (`area_name`, `funder_kind`, ...).
fn on_form(prefix: &str, problems: &[(String, String)]) -> FormErrors {
    problems
        .iter()
        .map(|(field, message)| (format!("{prefix}_{field}"), message.clone()))
        .collect()
}

/// The admin page after a create form: every problem of the form at once (checked
/// before the service, then the service's own refusal such as a name in use), or the
/// notice on success. What was typed and chosen stays after a refusal.
async fn after_admin_form(
    state: &AppState,
    user: &SessionUser,
    prefix: &str,
    problems: FormErrors,
    result: Option<Result<String, ServiceError>>,
    kept: AdminForms<'_>,
) -> Result<HttpResponse, WebError> {
    let shown = match FormState::checked(on_form(prefix, &problems)) {
        Err(refused) => refused,
        Ok(()) => match result {
            Some(result) => match FormState::split(result)? {
                Ok(notice) => FormState::Done(notice),
                Err(refused) => FormState::Refused(on_form(prefix, refused.errors())),
            },
            None => FormState::Fresh,
        },
    };
    let form = if shown.refused() {
        kept
    } else {
        AdminForms::default()
    };
    render_admin(state, user, &shown, form).await
}

async fn create_area(
    Staff(user): Staff,
    state: web::Data<AppState>,
    form: CsrfForm<AreaForm>,
) -> Result<HttpResponse, WebError> {
    let f = form.data;
    let p = user.principal();
    let problems = ledger::check_new_area(&f.area_name, &f.area_kind);
    let result = if problems.is_empty() {
        let (name, kind) = (f.area_name.clone(), f.area_kind.clone());
        Some(
            run_db(&state, move |c| ledger::create_area(c, &p, &name, &kind))
                .await
                .map(|a| format!("Gebied {} is toegevoegd, met een eigen pot.", a.name)),
        )
    } else {
        None
    };
    let kept = AdminForms {
        area_name: &f.area_name,
        area_kind: &f.area_kind,
        ..AdminForms::default()
    };
    after_admin_form(&state, &user, "area", problems, result, kept).await
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
    let problems = ledger::check_new_funder(&f.funder_name, &f.funder_kind);
    let result = if problems.is_empty() {
        let (name, kind) = (f.funder_name.clone(), f.funder_kind.clone());
        Some(
            run_db(&state, move |c| ledger::create_funder(c, &p, &name, &kind))
                .await
                .map(|fv| format!("Financier {} is toegevoegd.", fv.name)),
        )
    } else {
        None
    };
    let kept = AdminForms {
        funder_name: &f.funder_name,
        funder_kind: &f.funder_kind,
        ..AdminForms::default()
    };
    after_admin_form(&state, &user, "funder", problems, result, kept).await
}
