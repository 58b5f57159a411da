//! The ledger import page: upload a budget file, see what was added or every problem.

use actix_multipart::Multipart;
use actix_web::{web, HttpResponse};
use futures_util::StreamExt;

use super::csrf::tokens_match;
use super::error::WebError;
use super::respond::{html, html_status};
use super::run_db;
use super::session::Staff;
use crate::domain::form_errors::FormErrors;
use crate::domain::ledger_import::ImportOptions;
use crate::domain::permissions::Operation;
use crate::service::ledger;
use crate::service::ServiceError;
use crate::state::AppState;
use crate::tr;
use crate::views;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/financien/import", web::get().to(import_form))
        .route("/financien/import", web::post().to(import));
}

async fn import_form(Staff(user): Staff) -> Result<HttpResponse, WebError> {
    user.principal().may(Operation::ImportLedger)?;
    Ok(html(views::finance::import_form(&user, "", &[], &[], None)))
}

/// Largest ledger file we accept (a municipality's full budget is a few hundred kB).
const MAX_UPLOAD: usize = 10 * 1024 * 1024;

async fn import(
    Staff(user): Staff,
    state: web::Data<AppState>,
    mut payload: Multipart,
) -> Result<HttpResponse, WebError> {
    // Checked before the upload is read.
    user.principal().may(Operation::ImportLedger)?;
    let mut token = String::new();
    let mut gemeente = String::new();
    let mut file_name = String::new();
    let mut bytes: Vec<u8> = Vec::new();
    let mut too_large = false;
    while let Some(field) = payload.next().await {
        let mut field = field.map_err(|_| WebError::BadRequest)?;
        let name = field.name().unwrap_or("").to_string();
        if name == "bestand" {
            file_name = field
                .content_disposition()
                .and_then(|cd| cd.get_filename())
                .unwrap_or("bestand.csv")
                .to_string();
        }
        let mut data = Vec::new();
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(|_| WebError::BadRequest)?;
            if data.len() + chunk.len() > MAX_UPLOAD {
                too_large = true;
                break;
            }
            data.extend_from_slice(&chunk);
        }
        match name.as_str() {
            "csrf_token" => token = String::from_utf8_lossy(&data).to_string(),
            "gemeente" => gemeente = String::from_utf8_lossy(&data).trim().to_string(),
            "bestand" => bytes = data,
            _ => {}
        }
    }
    if !tokens_match(&token, &user.csrf_token) {
        return Err(WebError::Csrf);
    }
    let unprocessable = actix_web::http::StatusCode::UNPROCESSABLE_ENTITY;
    let mut errors = FormErrors::new();
    errors.add_if(too_large, "bestand", tr!("finance-import-too-large"));
    errors.add_if(bytes.is_empty(), "bestand", tr!("finance-import-no-file"));
    if !errors.is_empty() {
        return Ok(html_status(
            unprocessable,
            views::finance::import_form(&user, &gemeente, &[], &errors, None),
        ));
    }
    let principal = user.principal();
    let g = gemeente.clone();
    let result = run_db(&state, move |c| {
        let opts = ImportOptions {
            municipality: if g.is_empty() { None } else { Some(g) },
        };
        ledger::import_ledger(c, &principal, &file_name, &bytes, &opts)
    })
    .await;
    match result {
        Ok(outcome) => Ok(html(views::finance::import_form(
            &user,
            &gemeente,
            &[],
            &[],
            Some(&outcome),
        ))),
        Err(ServiceError::Import(problems)) => Ok(html_status(
            unprocessable,
            views::finance::import_form(&user, &gemeente, &problems, &[], None),
        )),
        Err(e) => Err(e.into()),
    }
}
