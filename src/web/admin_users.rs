//! Administrator pages for accounts and roles, and the coordinators' area settings.

use actix_web::{web, HttpResponse};
use serde::Deserialize;

use super::confirm::{ask, ConfirmForm, Confirmation};
use super::csrf::CsrfForm;
use super::error::WebError;
use super::respond::{csv_download, html, kept, redirect, FormState};
use super::run_db;
use super::session::Staff;
use crate::domain::form_errors::FormErrors;
use crate::domain::ids::UserId;
use crate::domain::permissions::Operation;
use crate::domain::role::{Permission, Role};
use crate::service::auth::{self, SessionUser};
use crate::service::{ledger, users, Principal, ServiceError};
use crate::state::AppState;
use crate::tr;
use crate::views;
use crate::views::users::grant_label;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/beheer/gebruikers", web::get().to(list))
        .route("/beheer/gebruikers", web::post().to(create))
        .route("/beheer/gebruikers.csv", web::get().to(export))
        .route("/beheer/gebruikers/{id}/rollen", web::post().to(grant))
        .route("/beheer/gebruikers/{id}/blokkeren", web::post().to(disable))
        .route(
            "/beheer/gebruikers/{id}/deblokkeren",
            web::post().to(enable),
        )
        .route("/beheer/rollen/{id}/intrekken", web::post().to(revoke))
        .route("/gebieden", web::get().to(my_areas))
        .route("/gebieden/{slug}/instellingen", web::get().to(area_form))
        .route("/gebieden/{slug}/instellingen", web::post().to(area_save));
}

/// The accounts page in `shown`'s state, with what was typed (`kept`) after a refusal.
async fn render(
    state: &AppState,
    user: &SessionUser,
    shown: &FormState,
    kept: &[(String, String)],
) -> Result<HttpResponse, WebError> {
    let p = user.principal();
    let (users, areas) = run_db(state, move |c| {
        Ok((users::list_users(c, &p)?, ledger::pools(c, &p)?))
    })
    .await?;
    Ok(shown.form_page(kept, |shown| {
        let page = views::users::UsersPage {
            users: &users,
            areas: &areas,
            shown,
        };
        views::users::users(user, &page)
    }))
}

async fn list(Staff(user): Staff, state: web::Data<AppState>) -> Result<HttpResponse, WebError> {
    // The one guard is the service's (`users::list_users` in `render`).
    render(&state, &user, &FormState::Fresh, &[]).await
}

#[derive(Deserialize)]
struct CreateForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    area: String,
    #[serde(default)]
    password: String,
}

async fn create(
    Staff(user): Staff,
    state: web::Data<AppState>,
    form: CsrfForm<CreateForm>,
) -> Result<HttpResponse, WebError> {
    let f = form.data;
    let p = user.principal();
    // Asked here too: the form's own problems are answered before the service is, and
    // that answer is the administration page.
    p.require(Permission::Administer)?;
    let kept = kept(&[
        ("email", &f.email),
        ("name", &f.name),
        ("role", &f.role),
        ("area", &f.area),
    ]);
    // Every field is checked before answering (an unknown role too), so all problems
    // show at once with everything chosen kept.
    let role = Role::parse(&f.role);
    let mut problems = auth::check_new_account(
        &f.email,
        &f.name,
        role.unwrap_or(Role::Initiator),
        &f.area,
        &f.password,
    );
    problems.add_if(role.is_none(), "role", tr!("admin-users-role-missing"));
    let (Some(role), Ok(())) = (role, FormState::checked(problems.clone())) else {
        return render(&state, &user, &FormState::Refused(problems), &kept).await;
    };
    let (email, name, area, password) = (
        f.email.clone(),
        f.name.clone(),
        f.area.clone(),
        f.password.clone(),
    );
    let result = run_db(&state, move |c| {
        auth::add_user_in_area(c, &p, &email, &name, role, Some(area.as_str()), &password)
    })
    .await;
    let shown = FormState::after(result, |u| tr!("admin-users-created", email = u.email))?;
    render(&state, &user, &shown, &kept).await
}

async fn export(Staff(user): Staff, state: web::Data<AppState>) -> Result<HttpResponse, WebError> {
    let p = user.principal();
    let csv = run_db(&state, move |c| users::roles_csv(c, &p)).await?;
    Ok(csv_download("rollen.csv", csv))
}

#[derive(Deserialize)]
struct GrantForm {
    #[serde(default)]
    role: String,
    #[serde(default)]
    area: String,
}

/// The list again after a step on an account (`done` its notice).
async fn after_change(
    state: &AppState,
    user: &SessionUser,
    r: Result<(), ServiceError>,
    done: String,
) -> Result<HttpResponse, WebError> {
    let shown = FormState::after(r, |()| done)?.on_field("email");
    render(state, user, &shown, &[]).await
}

/// Granting a role on an account's row: the role and area are checked at once, the
/// problems shown next to that row's selects (`role-<id>`, `area-<id>`) with both
/// choices kept, so the next click does not grant another role than the one chosen.
async fn grant(
    Staff(user): Staff,
    state: web::Data<AppState>,
    id: web::Path<UserId>,
    form: CsrfForm<GrantForm>,
) -> Result<HttpResponse, WebError> {
    let f = form.data;
    let (p, id) = (user.principal(), id.into_inner());
    // Asked here too: the row's problems are answered before the service is.
    p.require(Permission::Administer)?;
    let (role_field, area_field) = (format!("role-{id}"), format!("area-{id}"));
    let role = Role::parse(&f.role);
    let mut problems = FormErrors::new();
    problems.add_if(role.is_none(), &role_field, tr!("admin-users-role-missing"));
    problems.add_if(
        role.is_some_and(Role::needs_area) && f.area.trim().is_empty(),
        &area_field,
        tr!("admin-users-area-missing"),
    );
    let answer = match (role, problems.is_empty()) {
        (Some(role), true) => {
            let (id, area) = (id.clone(), f.area.clone());
            run_db(&state, move |c| {
                users::grant_role(c, &p, &id, role, Some(area.as_str()))
            })
            .await
        }
        _ => Ok(()),
    };
    let shown = match FormState::split(answer)? {
        Ok(()) if problems.is_empty() => FormState::Done(tr!("admin-users-role-added")),
        Ok(()) => FormState::Refused(problems),
        // The service's refusal (an area that does not exist) on this row's field.
        Err(refused) => {
            let mut errors = FormErrors::new();
            for (field, message) in refused.errors() {
                let on = if field == "role" {
                    &role_field
                } else {
                    &area_field
                };
                errors.add(on, message.clone());
            }
            FormState::Refused(errors)
        }
    };
    let kept = kept(&[(&role_field, &f.role), (&area_field, &f.area)]);
    render(&state, &user, &shown, &kept).await
}

#[derive(Deserialize)]
struct Empty {}

/// "Rita Raad (raad@example.nl)": the name a person knows, with the address to be sure.
fn who(u: &users::UserView) -> String {
    if u.display_name.trim().is_empty() || u.display_name == u.email {
        u.email.clone()
    } else {
        format!("{} ({})", u.display_name, u.email)
    }
}

/// A step on an account that asks first (revoking a role, blocking an account). Not
/// confirmed yet: the question about the account of the list that `question` asks about
/// (404 when it asks about none). Confirmed: the step, then the list with the notice
/// `done`.
struct AskedStep<Q, S> {
    operation: Operation,
    question: Q,
    step: S,
    done: String,
}

impl<Q, S> AskedStep<Q, S>
where
    Q: Fn(&users::UserView) -> Option<Confirmation>,
    S: FnOnce(&mut crate::db::DbConn, &Principal) -> Result<(), ServiceError> + Send + 'static,
{
    async fn answer(
        self,
        state: &AppState,
        user: &SessionUser,
        confirmed: bool,
    ) -> Result<HttpResponse, WebError> {
        let p = user.principal();
        p.may(self.operation)?;
        if confirmed {
            let step = self.step;
            let r = run_db(state, move |c| step(c, &p)).await;
            return after_change(state, user, r, self.done).await;
        }
        let list = run_db(state, move |c| users::list_users(c, &p)).await?;
        let question = list
            .iter()
            .find_map(&self.question)
            .ok_or(WebError::NotFound)?;
        Ok(ask(user, &question))
    }
}

/// The question of a step on an account of the list at `action`.
fn question(title: String, consequences: Vec<String>, action: String, yes: String) -> Confirmation {
    Confirmation {
        title,
        consequences,
        action,
        kept: Vec::new(),
        confirm_label: yes,
        back: "/beheer/gebruikers".into(),
        current: "/beheer/gebruikers",
    }
}

async fn revoke(
    Staff(user): Staff,
    state: web::Data<AppState>,
    id: web::Path<String>,
    f: CsrfForm<ConfirmForm>,
) -> Result<HttpResponse, WebError> {
    let id = id.into_inner();
    let step_id = id.clone();
    AskedStep {
        operation: Operation::RevokeRole,
        question: |u: &users::UserView| {
            let g = u.grants.iter().find(|g| g.id == id)?;
            let (role, who) = (grant_label(g), who(u));
            Some(question(
                tr!("admin-users-revoke-title", role = &role, who = &who),
                vec![
                    tr!("admin-users-revoke-loses", who = &who, role = &role),
                    tr!("admin-users-revoke-rest", count = u.grants.len() - 1),
                    tr!("admin-users-revoke-log"),
                ],
                format!("/beheer/rollen/{id}/intrekken"),
                tr!("admin-users-revoke-confirm"),
            ))
        },
        step: move |c: &mut crate::db::DbConn, p: &Principal| users::revoke_role(c, p, &step_id),
        done: tr!("admin-users-revoked"),
    }
    .answer(&state, &user, f.data.confirmed())
    .await
}

async fn disable(
    Staff(user): Staff,
    state: web::Data<AppState>,
    id: web::Path<UserId>,
    f: CsrfForm<ConfirmForm>,
) -> Result<HttpResponse, WebError> {
    let id = id.into_inner();
    let step_id = id.clone();
    AskedStep {
        operation: Operation::SetDisabled,
        question: |u: &users::UserView| {
            if u.id != id {
                return None;
            }
            let who = who(u);
            Some(question(
                tr!("admin-users-block-title", who = &who),
                vec![
                    tr!("admin-users-block-signed-out", who = &who),
                    tr!("admin-users-block-roles-kept", count = u.grants.len()),
                ],
                format!("/beheer/gebruikers/{id}/blokkeren"),
                tr!("admin-users-block-confirm"),
            ))
        },
        step: move |c: &mut crate::db::DbConn, p: &Principal| {
            users::set_disabled(c, p, &step_id, true)
        },
        done: tr!("admin-users-blocked-done"),
    }
    .answer(&state, &user, f.data.confirmed())
    .await
}

async fn enable(
    Staff(user): Staff,
    state: web::Data<AppState>,
    id: web::Path<UserId>,
    _f: CsrfForm<Empty>,
) -> Result<HttpResponse, WebError> {
    let (p, id) = (user.principal(), id.into_inner());
    let r = run_db(&state, move |c| users::set_disabled(c, &p, &id, false)).await;
    after_change(&state, &user, r, tr!("admin-users-unblocked-done")).await
}

async fn my_areas(
    Staff(user): Staff,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let p = user.principal();
    let areas = run_db(&state, move |c| users::my_areas(c, &p)).await?;
    Ok(html(views::users::my_areas(&user, &areas)))
}

async fn area_form(
    Staff(user): Staff,
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let (p, slug) = (user.principal(), slug.into_inner());
    let a = run_db(&state, move |c| users::area_settings(c, &p, &slug)).await?;
    let max = views::users::max_text(a.max_initiative_cents);
    Ok(html(views::users::area_settings(
        &user,
        &a,
        &a.description,
        &max,
        views::admin::Shown::default(),
    )))
}

#[derive(Deserialize)]
struct AreaForm {
    #[serde(default)]
    description: String,
    #[serde(default)]
    max_initiative: String,
}

async fn area_save(
    Staff(user): Staff,
    state: web::Data<AppState>,
    slug: web::Path<String>,
    form: CsrfForm<AreaForm>,
) -> Result<HttpResponse, WebError> {
    let f = form.data;
    let slug = slug.into_inner();
    let p = user.principal();
    let max = if f.max_initiative.trim().is_empty() {
        Ok(None)
    } else {
        crate::i18n::parse_money(&f.max_initiative).map(Some)
    };
    // Every problem of the form at once: a maximum that is no amount still lets the
    // description be checked, and the other way round.
    let mut problems = FormErrors::new();
    let checked_max = match &max {
        Ok(m) => *m,
        Err(e) => {
            problems.add("max_initiative", e.to_string());
            None
        }
    };
    for (field, message) in users::area_settings_problems(&f.description, checked_max) {
        problems.add(field, message.to_string());
    }
    let refused = match max {
        Ok(max) if problems.is_empty() => {
            let (desc, s2) = (f.description.clone(), slug.clone());
            let saved = run_db(&state, move |c| {
                users::update_area_settings(c, &p, &s2, &desc, max)
            })
            .await;
            match FormState::split(saved)? {
                Ok(_) => return Ok(redirect(&format!("/gebieden/{slug}/instellingen"))),
                Err(refused) => refused,
            }
        }
        _ => FormState::Refused(problems),
    };
    // Refused: the form again with what was typed and the problem next to its field.
    let p = user.principal();
    let a = run_db(&state, move |c| users::area_settings(c, &p, &slug)).await?;
    Ok(refused.form_page(&[], |shown| {
        views::users::area_settings(&user, &a, &f.description, &f.max_initiative, shown)
    }))
}
