//! The public audit page: the latest checkpoint, the public key, how to check them, and
//! the receipt lookup with its inclusion proof to download. No sign-in needed.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};

use super::error::WebError;
use super::respond::{download, html_status};
use super::run_db;
use super::session::MaybeStaff;
use crate::service::audit_log::{self, ReceiptLookup};
use crate::service::Principal;
use crate::state::AppState;
use crate::tr;
use crate::views;
use crate::views::audit::{not_found_message, AuditPage, Lookup};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/audit", web::get().to(audit_page))
        .route("/audit/bewijs", web::get().to(proof))
        .route("/audit/controlepunt.txt", web::get().to(checkpoint_txt))
        .route("/audit/sleutel.pub", web::get().to(public_key));
}

#[derive(Debug, Default, serde::Deserialize)]
struct ReceiptQuery {
    controlecode: Option<String>,
}

/// A receipt as a resident types it: any case, spaces, with or without the dash.
/// Returns the stored form (`7KQ2M-XW9PT`), or the text cleaned up when it cannot be one.
pub fn normalise_receipt(typed: &str) -> String {
    let compact: String = typed
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase();
    let letters: String = compact.chars().filter(|c| *c != '-').collect();
    if letters.len() == 10 && letters.chars().all(|c| c.is_ascii_alphanumeric()) {
        format!("{}-{}", &letters[..5], &letters[5..])
    } else {
        compact
    }
}

async fn audit_page(
    MaybeStaff(user): MaybeStaff,
    state: web::Data<AppState>,
    q: web::Query<ReceiptQuery>,
) -> Result<HttpResponse, WebError> {
    let typed = q.into_inner().controlecode;
    let key = state.signing_key.clone();
    let receipt = typed.as_deref().map(normalise_receipt);
    let lookup_receipt = receipt.clone().filter(|r| !r.is_empty());
    let (status, latest, found) = run_db(&state, move |c| {
        let who = Principal::resident();
        let status = audit_log::signing_status(c, &who, key.as_deref())?;
        let latest = audit_log::latest_checkpoint(c, &who)?;
        let found = match &lookup_receipt {
            Some(r) => Some(audit_log::find_receipt(c, &who, r)?),
            None => None,
        };
        Ok((status, latest, found))
    })
    .await?;
    let mut errors = Vec::new();
    let mut code = StatusCode::OK;
    let lookup = match (receipt.clone(), found) {
        (Some(r), Some(ReceiptLookup::InLog { seq })) => Lookup::Found { receipt: r, seq },
        (Some(r), Some(ReceiptLookup::NotYetSigned)) => Lookup::NotYetSigned { receipt: r },
        (Some(r), Some(ReceiptLookup::Unknown)) => {
            errors.push(("controlecode".to_string(), not_found_message(&r)));
            code = StatusCode::NOT_FOUND;
            Lookup::NotFound { receipt: r }
        }
        (Some(_), None) => {
            errors.push(("controlecode".to_string(), tr!("audit-receipt-missing")));
            code = StatusCode::UNPROCESSABLE_ENTITY;
            Lookup::None
        }
        (None, _) => Lookup::None,
    };
    let public_key = state.signing_key.as_deref().map(|k| k.verifier_text());
    let fingerprint = state.signing_key.as_deref().map(audit_log::key_fingerprint);
    // Keep what the resident typed when it was not found; show the clean form otherwise.
    let typed_text = match &lookup {
        Lookup::NotFound { .. } | Lookup::None => typed.unwrap_or_default(),
        Lookup::Found { receipt, .. } | Lookup::NotYetSigned { receipt } => receipt.clone(),
    };
    Ok(html_status(
        code,
        views::audit::audit_page(&AuditPage {
            user: user.as_ref(),
            status: &status,
            latest: latest.as_ref(),
            public_key: public_key.as_deref(),
            fingerprint: fingerprint.as_deref(),
            receipt_typed: &typed_text,
            lookup: &lookup,
            errors: &errors,
        }),
    ))
}

fn text_file(body: String, filename: &str) -> HttpResponse {
    download("text/plain; charset=utf-8", filename, body)
}

/// The inclusion proof of a receipt's ballot as C2SP tlog-proof text.
async fn proof(
    state: web::Data<AppState>,
    q: web::Query<ReceiptQuery>,
) -> Result<HttpResponse, WebError> {
    let receipt = normalise_receipt(q.into_inner().controlecode.as_deref().unwrap_or(""));
    let r = receipt.clone();
    let found = run_db(&state, move |c| {
        audit_log::inclusion_proof_for_receipt(c, &Principal::resident(), &r)
    })
    .await?;
    match found {
        // Only letters, digits and the dash reach this point (the lookup refuses others),
        // so the receipt is safe in the file name.
        Some((_, proof)) => Ok(text_file(proof, &format!("bewijs-{receipt}.txt"))),
        None => Err(WebError::NotFound),
    }
}

async fn checkpoint_txt(state: web::Data<AppState>) -> Result<HttpResponse, WebError> {
    let latest = run_db(&state, |c| {
        audit_log::latest_checkpoint(c, &Principal::resident())
    })
    .await?;
    match latest {
        Some(c) => Ok(text_file(c.text, "controlepunt.txt")),
        None => Err(WebError::NotFound),
    }
}

async fn public_key(state: web::Data<AppState>) -> Result<HttpResponse, WebError> {
    match state.signing_key.as_deref() {
        Some(k) => Ok(text_file(format!("{}\n", k.verifier_text()), "key.pub")),
        None => Err(WebError::NotFound),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn receipts_are_read_as_residents_type_them() {
        assert_eq!(normalise_receipt("7kq2m-xw9pt"), "7KQ2M-XW9PT");
        assert_eq!(normalise_receipt(" 7KQ2M XW9PT "), "7KQ2M-XW9PT");
        assert_eq!(normalise_receipt("7KQ2MXW9PT"), "7KQ2M-XW9PT");
        assert_eq!(normalise_receipt("abc"), "ABC");
        assert_eq!(normalise_receipt("7KQ2M-XW9P%"), "7KQ2M-XW9P%");
    }
}
