//! Administrator pages for accounts and roles, and the coordinators' area settings.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use serde::Deserialize;

use super::confirm::{ask, ConfirmForm, Confirmation};
use super::csrf::CsrfForm;
use super::error::WebError;
use super::respond::{csv_download, html, html_status, redirect, FormState};
use super::run_db;
use super::session::Staff;
use crate::domain::form_errors::FormErrors;
use crate::domain::ids::UserId;
use crate::domain::money::parse_eur_nl;
use crate::domain::permissions::Operation;
use crate::domain::role::{Permission, Role};
use crate::service::auth::{self, SessionUser};
use crate::service::{ledger, users, ServiceError};
use crate::state::AppState;
use crate::views;

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

async fn render(
    state: &AppState,
    user: &SessionUser,
    shown: &FormState,
    form: views::users::NewAccount<'_>,
) -> Result<HttpResponse, WebError> {
    let p = user.principal();
    let (list, areas) = run_db(state, move |c| {
        Ok((users::list_users(c, &p)?, ledger::pools(c, &p)?))
    })
    .await?;
    Ok(shown.page(|shown| {
        views::users::users(
            user,
            &views::users::UsersPage {
                users: &list,
                areas: &areas,
                errors: shown.errors(),
                form,
                notice: shown.notice(),
            },
        )
    }))
}

async fn list(Staff(user): Staff, state: web::Data<AppState>) -> Result<HttpResponse, WebError> {
    user.principal().require(Permission::Administer)?;
    render(&state, &user, &FormState::Fresh, Default::default()).await
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
    p.require(Permission::Administer)?;
    let kept = views::users::NewAccount {
        email: &f.email,
        name: &f.name,
        role: &f.role,
        area: &f.area,
        ..Default::default()
    };
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
    problems.add_if(role.is_none(), "role", ROLE_MISSING);
    let (Some(role), Ok(())) = (role, FormState::checked(problems.clone())) else {
        return render(&state, &user, &FormState::Refused(problems), kept).await;
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
    let shown = FormState::after(result, |u| format!("Account voor {} is gemaakt.", u.email))?;
    let form = if shown.refused() {
        kept
    } else {
        Default::default()
    };
    render(&state, &user, &shown, form).await
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

const ROLE_MISSING: &str = "Kies een rol uit de lijst.";

async fn after_change(
    state: &AppState,
    user: &SessionUser,
    r: Result<(), ServiceError>,
    ok: &str,
) -> Result<HttpResponse, WebError> {
    let shown = FormState::after(r, |()| ok.to_string())?.on_field("email");
    render(state, user, &shown, Default::default()).await
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
    p.require(Permission::Administer)?;
    let (role_field, area_field) = (format!("role-{id}"), format!("area-{id}"));
    let role = Role::parse(&f.role);
    let mut problems = FormErrors::new();
    problems.add_if(role.is_none(), &role_field, ROLE_MISSING);
    problems.add_if(
        role.is_some_and(Role::needs_area) && f.area.trim().is_empty(),
        &area_field,
        "Kies het gebied van deze gebiedsregisseur.",
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
        Ok(()) if problems.is_empty() => FormState::Done("De rol is toegevoegd.".into()),
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
    let kept = if shown.refused() {
        views::users::NewAccount {
            grant_to: id.as_str(),
            grant_role: &f.role,
            grant_area: &f.area,
            ..Default::default()
        }
    } else {
        Default::default()
    };
    render(&state, &user, &shown, kept).await
}

#[derive(Deserialize)]
struct Empty {}

/// The account and its grant for a revoke or block question; 404 when unknown.
async fn account_for(
    state: &AppState,
    user: &SessionUser,
    pick: impl Fn(&users::UserView) -> bool + Send + 'static,
) -> Result<users::UserView, WebError> {
    let p = user.principal();
    let list = run_db(state, move |c| users::list_users(c, &p)).await?;
    list.into_iter().find(pick).ok_or(WebError::NotFound)
}

/// "Rita Raad (raad@example.nl)": the name a person knows, with the address to be sure.
fn who(u: &users::UserView) -> String {
    if u.display_name.trim().is_empty() || u.display_name == u.email {
        u.email.clone()
    } else {
        format!("{} ({})", u.display_name, u.email)
    }
}

async fn revoke(
    Staff(user): Staff,
    state: web::Data<AppState>,
    id: web::Path<String>,
    f: CsrfForm<ConfirmForm>,
) -> Result<HttpResponse, WebError> {
    let (p, id) = (user.principal(), id.into_inner());
    p.may(Operation::RevokeRole)?;
    if !f.data.confirmed() {
        let grant_id = id.clone();
        let u = account_for(&state, &user, move |u| {
            u.grants.iter().any(|g| g.id == grant_id)
        })
        .await?;
        let Some(g) = u.grants.iter().find(|g| g.id == id) else {
            return Err(WebError::NotFound);
        };
        let role = match &g.area {
            Some(a) => format!("{} ({a})", g.role_label),
            None => g.role_label.to_string(),
        };
        let rest = u.grants.len() - 1;
        let mut consequences = vec![format!(
            "{} verliest de rol {role}. Wat bij die rol hoort, kan deze persoon meteen niet meer doen.",
            who(&u)
        )];
        consequences.push(if rest == 0 {
            "Daarna heeft deze persoon geen andere rol meer.".to_string()
        } else {
            format!(
                "Daarna houdt deze persoon {}.",
                super::confirm::count_of(rest, "andere rol", "andere rollen")
            )
        });
        consequences.push(
            "Wat deze persoon met de rol heeft gedaan, blijft in het logboek staan.".to_string(),
        );
        return Ok(ask(
            &user,
            &Confirmation {
                title: format!("Rol {role} intrekken bij {}?", who(&u)),
                consequences,
                action: format!("/beheer/rollen/{id}/intrekken"),
                kept: Vec::new(),
                confirm_label: "Ja, rol intrekken".into(),
                back: "/beheer/gebruikers".into(),
                current: "/beheer/gebruikers",
            },
        ));
    }
    let r = run_db(&state, move |c| users::revoke_role(c, &p, &id)).await;
    after_change(&state, &user, r, "De rol is ingetrokken.").await
}

async fn disable(
    Staff(user): Staff,
    state: web::Data<AppState>,
    id: web::Path<UserId>,
    f: CsrfForm<ConfirmForm>,
) -> Result<HttpResponse, WebError> {
    let (p, id) = (user.principal(), id.into_inner());
    p.may(Operation::SetDisabled)?;
    if !f.data.confirmed() {
        let user_id = id.clone();
        let u = account_for(&state, &user, move |u| u.id == user_id).await?;
        return Ok(ask(
            &user,
            &Confirmation {
                title: format!("Account van {} blokkeren?", who(&u)),
                consequences: vec![
                    format!(
                        "{} wordt meteen op alle apparaten uitgelogd en kan niet meer inloggen.",
                        who(&u)
                    ),
                    format!(
                        "De rollen blijven bewaard ({}). U kunt het account later weer deblokkeren.",
                        super::confirm::count_of(u.grants.len(), "rol", "rollen")
                    ),
                ],
                action: format!("/beheer/gebruikers/{id}/blokkeren"),
                kept: Vec::new(),
                confirm_label: "Ja, account blokkeren".into(),
                back: "/beheer/gebruikers".into(),
                current: "/beheer/gebruikers",
            },
        ));
    }
    let r = run_db(&state, move |c| users::set_disabled(c, &p, &id, true)).await;
    after_change(
        &state,
        &user,
        r,
        "Het account is geblokkeerd en overal uitgelogd.",
    )
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
    after_change(&state, &user, r, "Het account is weer actief.").await
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
        &[],
        None,
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
        parse_eur_nl(&f.max_initiative).map(Some)
    };
    let max = match max {
        Ok(m) => m,
        Err(e) => {
            let (p2, s2) = (p.clone(), slug.clone());
            let a = run_db(&state, move |c| users::area_settings(c, &p2, &s2)).await?;
            return Ok(html_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                views::users::area_settings(
                    &user,
                    &a,
                    &f.description,
                    &f.max_initiative,
                    &[("max_initiative".into(), e.to_string())],
                    None,
                ),
            ));
        }
    };
    let desc = f.description.clone();
    let s2 = slug.clone();
    match run_db(&state, move |c| {
        users::update_area_settings(c, &p, &s2, &desc, max)
    })
    .await
    {
        Ok(_) => Ok(redirect(&format!("/gebieden/{slug}/instellingen"))),
        Err(ServiceError::Invalid { field, message }) => {
            let (p2, s2) = (user.principal(), slug.clone());
            let a = run_db(&state, move |c| users::area_settings(c, &p2, &s2)).await?;
            Ok(html_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                views::users::area_settings(
                    &user,
                    &a,
                    &f.description,
                    &f.max_initiative,
                    &[(field.to_string(), message.to_string())],
                    None,
                ),
            ))
        }
        Err(e) => Err(e.into()),
    }
}
