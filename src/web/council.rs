//! The council's pages (council members and the steering group, read-only): the dashboard
//! for a period, the report `rapport.html`, the audit events with filters, and the export
//! bundle. Handlers parse the query, call the report service, render.

use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpResponse};
use chrono::NaiveDate;

use super::error::WebError;
use super::respond::{download, html_status};
use super::run_db;
use super::session::Staff;
use crate::domain::role::Permission;
use crate::service::auth::SessionUser;
use crate::service::report::{self, EventQuery};
use crate::service::{audit_log, Principal, ServiceError};
use crate::state::AppState;
use crate::tr;
use crate::views;
use crate::views::council::{EventsForm, PeriodForm};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/raad", web::get().to(dashboard))
        .route("/raad/rapport", web::get().to(rapport))
        .route("/raad/gebeurtenissen", web::get().to(events))
        .route("/raad/bundel", web::get().to(bundle));
}

type Errors = Vec<(String, String)>;
/// The first and the last day of a period (open ends: from the start, until now).
type Period = (Option<NaiveDate>, Option<NaiveDate>);

/// Asked by the handlers before the service: a wrong period is answered with the council's
/// page before any service is asked, and the refusal says whom these pages are for.
fn require(user: &SessionUser) -> Result<(), WebError> {
    user.principal()
        .require(Permission::ViewAuditReport)
        .map_err(|_| WebError::Forbidden(tr!("council-only")))
}

/// A day as typed: `2026-03-31` (what a date field sends) or `31-03-2026`.
fn parse_day(text: &str) -> Result<Option<NaiveDate>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(t, "%d-%m-%Y"))
        .map(Some)
        .map_err(|_| tr!("council-not-a-date", typed = t))
}

/// The period from the form, or the Dutch messages per field.
pub fn parse_period(van: &str, tot: &str) -> Result<Period, Errors> {
    let mut errors = Errors::new();
    let from = parse_day(van).unwrap_or_else(|m| {
        errors.push(("van".into(), m));
        None
    });
    let to = parse_day(tot).unwrap_or_else(|m| {
        errors.push(("tot".into(), m));
        None
    });
    if let (Some(f), Some(t)) = (from, to) {
        if f > t {
            errors.push(("van".into(), tr!("council-period-reversed")));
        }
    }
    if errors.is_empty() {
        Ok((from, to))
    } else {
        Err(errors)
    }
}

/// What the dashboard's period form leads to: the dashboard itself or the bundle download.
#[derive(Debug, Clone, Copy)]
enum PeriodAction {
    Dashboard,
    Bundle,
}

async fn dashboard(
    Staff(user): Staff,
    state: web::Data<AppState>,
    form: web::Query<PeriodForm>,
) -> Result<HttpResponse, WebError> {
    for_period(user, state, form.into_inner(), PeriodAction::Dashboard).await
}

/// A fresh export bundle for the period as one zip (`audit export --zip`), made in a
/// temporary folder that is removed again. The export signs a checkpoint first, so the
/// bundle covers everything logged until now.
async fn bundle(
    Staff(user): Staff,
    state: web::Data<AppState>,
    form: web::Query<PeriodForm>,
) -> Result<HttpResponse, WebError> {
    for_period(user, state, form.into_inner(), PeriodAction::Bundle).await
}

/// The dashboard's period form, for a caller who may read it: on a wrong period the
/// dashboard again with the errors (422) and the dates as typed, else the page or the
/// download asked for.
async fn for_period(
    user: SessionUser,
    state: web::Data<AppState>,
    form: PeriodForm,
    action: PeriodAction,
) -> Result<HttpResponse, WebError> {
    require(&user)?;
    let signing = state.signing_key.is_some();
    let (from, to) = match parse_period(&form.van, &form.tot) {
        Ok(p) => p,
        Err(errors) => {
            return Ok(html_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                views::council::dashboard(&user, None, &form, &errors, signing),
            ))
        }
    };
    match action {
        PeriodAction::Bundle => make_bundle(&user, &state, from, to).await,
        PeriodAction::Dashboard => {
            let who = user.principal();
            let model = run_db(&state, move |c| report::dashboard(c, &who, from, to)).await?;
            Ok(html_status(
                StatusCode::OK,
                views::council::dashboard(&user, Some(&model), &form, &[], signing),
            ))
        }
    }
}

/// The latest checkpoint's text and the fingerprint of the signing key ("" when none).
pub(crate) fn checkpoint_and_fingerprint(
    c: &mut crate::db::DbConn,
    who: &Principal,
    state: &AppState,
) -> Result<(String, String), ServiceError> {
    let text = audit_log::latest_checkpoint(c, who)?
        .map(|cp| cp.text)
        .unwrap_or_default();
    let fp = state
        .signing_key
        .as_deref()
        .map(audit_log::key_fingerprint)
        .unwrap_or_default();
    Ok((text, fp))
}

#[derive(Debug, serde::Deserialize)]
struct RapportQuery {
    #[serde(default)]
    van: String,
    #[serde(default)]
    tot: String,
    #[serde(default)]
    download: Option<String>,
}

/// `rapport.html` for a period, exactly the file the export bundle holds. It is served
/// with its own Content-Security-Policy: nothing may load, and only the report's own
/// style sheet (by its hash) applies.
async fn rapport(
    Staff(user): Staff,
    state: web::Data<AppState>,
    q: web::Query<RapportQuery>,
) -> Result<HttpResponse, WebError> {
    require(&user)?;
    let q = q.into_inner();
    let form = PeriodForm {
        van: q.van.clone(),
        tot: q.tot.clone(),
    };
    let (from, to) = match parse_period(&q.van, &q.tot) {
        Ok(p) => p,
        Err(errors) => {
            return Ok(html_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                views::council::dashboard(&user, None, &form, &errors, state.signing_key.is_some()),
            ))
        }
    };
    let who = user.principal();
    let st = state.get_ref().clone();
    let (model, checkpoint, fingerprint) = run_db(&state, move |c| {
        let model = report::dashboard(c, &who, from, to)?;
        let (checkpoint, fingerprint) = checkpoint_and_fingerprint(c, &who, &st)?;
        Ok((model, checkpoint, fingerprint))
    })
    .await?;
    // Rendered here, in the request, so the report is in the visitor's language.
    let html = views::report::rapport_html(&model, &checkpoint, &fingerprint);
    let csp = format!(
        "default-src 'none'; style-src {}; img-src data:; frame-ancestors 'none'; \
         base-uri 'none'; form-action 'none'",
        views::report::report_css_hash()
    );
    let mut resp = HttpResponse::Ok();
    resp.content_type("text/html; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header(("Content-Security-Policy", csp));
    if q.download.is_some() {
        resp.insert_header((
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"rapport.html\"",
        ));
    }
    Ok(resp.body(html))
}

async fn events(
    Staff(user): Staff,
    state: web::Data<AppState>,
    form: web::Query<EventsForm>,
) -> Result<HttpResponse, WebError> {
    require(&user)?;
    let form = form.into_inner();
    let (from, to) = match parse_period(&form.van, &form.tot) {
        Ok(p) => p,
        Err(errors) => {
            return Ok(html_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                views::council::events(&user, None, &form, &errors),
            ))
        }
    };
    let query = EventQuery {
        action: Some(form.soort.trim().to_string()),
        area_slug: Some(form.gebied.trim().to_string()),
        from,
        to,
        page: form
            .pagina
            .as_deref()
            .and_then(|p| p.trim().parse().ok())
            .unwrap_or(1),
    };
    let who = user.principal();
    let result = run_db(&state, move |c| report::events(c, &who, &query)).await;
    match result {
        Ok(page) => Ok(html_status(
            StatusCode::OK,
            views::council::events(&user, Some(&page), &form, &[]),
        )),
        Err(ServiceError::Invalid { field, message }) => Ok(html_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            views::council::events(
                &user,
                None,
                &form,
                &[(field.to_string(), message.to_string())],
            ),
        )),
        Err(e) => Err(e.into()),
    }
}

/// Why a bundle could not be made.
enum BundleFailure {
    /// The export refused, with its reason (put in words in the request's language).
    Refused(crate::domain::message::Msg),
    /// Reading the zip failed (the reason as the system says it).
    Unreadable(String),
    NoZip,
    /// Our own fault; logged.
    Internal,
}

async fn make_bundle(
    user: &SessionUser,
    state: &AppState,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<HttpResponse, WebError> {
    let Some(key) = state.signing_key.clone() else {
        return Err(WebError::Conflict(tr!("council-no-signing-key")));
    };
    let who = user.principal();
    let name = format!(
        "controlebundel-{}-{}",
        from.map(|d| d.to_string())
            .unwrap_or_else(|| "begin".into()),
        to.map(|d| d.to_string()).unwrap_or_else(|| "nu".into())
    );
    let folder = name.clone();
    let made = run_db(state, move |c| {
        who.require(Permission::ViewAuditReport)?;
        let tmp = std::env::temp_dir().join(format!("bb-bundel-{}", uuid::Uuid::new_v4()));
        let out = tmp.join(&folder);
        let opts = crate::audit_export::ExportOptions {
            from,
            to,
            previous: None,
            zip: true,
        };
        let result = crate::audit_export::export_bundle(c, &key, &out, &opts);
        let bytes = match &result {
            Ok(summary) => summary
                .zip
                .as_ref()
                .map(std::fs::read)
                .transpose()
                .map_err(|e| e.to_string()),
            Err(_) => Ok(None),
        };
        // Nothing of the bundle stays on the server.
        let _ = std::fs::remove_dir_all(&tmp);
        Ok(match (result, bytes) {
            (Ok(_), Ok(Some(b))) => Ok(b),
            (Ok(_), Ok(None)) => Err(BundleFailure::NoZip),
            (Ok(_), Err(e)) => Err(BundleFailure::Unreadable(e)),
            (Err(crate::audit_export::ExportError::Refused(reason)), _) => {
                Err(BundleFailure::Refused(reason))
            }
            (Err(e), _) => {
                tracing::error!(error = %e, "export bundle failed");
                Err(BundleFailure::Internal)
            }
        })
    })
    .await?;
    // The reason is put in words here, in the request, in the visitor's language.
    let reason = match made {
        Ok(bytes) => return Ok(download("application/zip", &format!("{name}.zip"), bytes)),
        Err(BundleFailure::Refused(m)) => m.to_string(),
        Err(BundleFailure::Unreadable(r)) => r,
        Err(BundleFailure::NoZip) => tr!("council-bundle-no-zip"),
        Err(BundleFailure::Internal) => tr!("council-bundle-our-fault"),
    };
    Err(WebError::Conflict(tr!(
        "council-bundle-failed",
        reason = reason
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_are_read_the_dutch_way_and_checked() {
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        assert_eq!(parse_period("", ""), Ok((None, None)));
        assert_eq!(
            parse_period("2026-01-01", "31-03-2026"),
            Ok((d("2026-01-01"), d("2026-03-31")))
        );
        let errors = parse_period("gisteren", "2026-02-30").expect_err("two bad days");
        assert_eq!(errors.len(), 2);
        assert!(errors[0].1.contains("\"gisteren\" is geen datum"));
        let errors = parse_period("2026-04-01", "2026-03-31").expect_err("reversed");
        assert_eq!(errors[0].0, "van");
    }
}
