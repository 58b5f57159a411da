//! No NUL character gets past the edge. PostgreSQL cannot store U+0000 in text (a query
//! with one fails, which was a 500), SQLite would store it, and no name, e-mail address,
//! code or memo a person types contains one. So a query string, form or JSON body with a
//! NUL is refused here with 400, the same on both backends, before any handler runs.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::ResponseError;

use super::error::{ApiError, WebError};

/// The request's path or query string holds a NUL once percent-decoded.
pub fn uri_has_nul(path: &str, query: &str) -> bool {
    decoded_has_nul(path.as_bytes()) || decoded_has_nul(query.as_bytes())
}

/// A url-encoded form or query (`+` and `%XX` decoded) holds a NUL.
pub fn form_has_nul(body: &[u8]) -> bool {
    decoded_has_nul(body)
}

fn decoded_has_nul(raw: &[u8]) -> bool {
    raw.contains(&0)
        || raw
            .windows(3)
            .any(|w| w[0] == b'%' && w[1] == b'0' && w[2] == b'0')
}

/// One of these top-level string fields of a JSON body holds a NUL. Only the fields the
/// operation reads: other members are ignored (as the OpenAPI document allows them), so a
/// NUL there is no reason to refuse.
pub fn json_fields_have_nul(v: &serde_json::Value, fields: &[&str]) -> bool {
    fields.iter().any(|f| {
        v.get(*f)
            .and_then(serde_json::Value::as_str)
            .is_some_and(|s| s.contains('\0'))
    })
}

/// Middleware: a URI with a NUL gets 400 (a problem document under /api/, the Dutch page
/// elsewhere).
pub async fn refuse_nul_in_uri(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    if uri_has_nul(req.path(), req.query_string()) {
        let resp = if req.path().starts_with("/api/") {
            ApiError::bad_request("The address may not contain a NUL character.").error_response()
        } else {
            WebError::BadRequest.error_response()
        };
        return Ok(req.into_response(resp));
    }
    next.call(req)
        .await
        .map(ServiceResponse::map_into_boxed_body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nul_is_found_raw_and_percent_encoded_only() {
        assert!(form_has_nul(b"naam=a%00b"));
        assert!(form_has_nul(b"naam=a\0b"));
        assert!(!form_has_nul(b"naam=a%200b&x=%2500"));
        assert!(uri_has_nul("/stemmen", "gebied=%00"));
        assert!(!uri_has_nul("/stemmen", "gebied=100"));
        let body = serde_json::json!({"memo": "c\u{0}", "other": "d\u{0}", "n": 5});
        assert!(json_fields_have_nul(&body, &["id", "memo"]));
        assert!(!json_fields_have_nul(&body, &["id", "n"]));
    }
}
