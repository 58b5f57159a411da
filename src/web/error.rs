//! Errors at the HTTP edge: an HTML page for the pages, a JSON problem for the API.

use actix_web::http::{header, StatusCode};
use actix_web::{HttpRequest, HttpResponse, ResponseError};
use serde_json::json;

use super::request_log::current_request_id;
use crate::db::{cause_chain, DbErrorKind};
use crate::domain::ledger::LedgerError;
use crate::service::ServiceError;
use crate::tr;

#[derive(Debug, thiserror::Error)]
pub enum WebError {
    #[error("not found")]
    NotFound,
    #[error("forbidden: {0}")]
    Forbidden(String),
    #[error("csrf check failed")]
    Csrf,
    #[error("bad request")]
    BadRequest,
    #[error("login required")]
    LoginRequired(String),
    #[error("second factor required")]
    SecondFactorRequired,
    #[error("too many attempts")]
    Throttled,
    #[error("conflict: {0}")]
    Conflict(String),
    /// A server fault; the cause chain goes to the log, never to the page.
    #[error("internal error")]
    Internal(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl From<ServiceError> for WebError {
    fn from(e: ServiceError) -> Self {
        match e {
            ServiceError::NotFound(_) => WebError::NotFound,
            ServiceError::Forbidden(m) => WebError::Forbidden(m.to_string()),
            ServiceError::Ledger(LedgerError::IdempotencyConflict) => {
                WebError::Conflict(LedgerError::IdempotencyConflict.to_string())
            }
            ServiceError::Db(db) => match db.kind() {
                DbErrorKind::NotFound => WebError::NotFound,
                DbErrorKind::Conflict => {
                    tracing::info!(error = %cause_chain(&db), "refused by the database");
                    WebError::Conflict(tr!("error-db-conflict"))
                }
                DbErrorKind::Internal => WebError::Internal(Box::new(db)),
            },
            e @ ServiceError::Internal { .. } => WebError::Internal(Box::new(e)),
            // Validation errors are normally shown on the form itself; a handler that
            // lets one through still gets a readable page, never a 500.
            other => WebError::Conflict(other.to_string()),
        }
    }
}

impl WebError {
    pub fn internal(cause: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> WebError {
        WebError::Internal(cause.into())
    }

    pub fn into_response(&self, _req: &HttpRequest) -> HttpResponse {
        self.error_response()
    }
}

/// Logs a server fault with its whole cause chain (inside the request's span, so with its
/// request id).
fn log_server_error(error: &(dyn std::error::Error + 'static)) {
    tracing::error!(error = %cause_chain(error), "request failed");
}

impl ResponseError for WebError {
    fn status_code(&self) -> StatusCode {
        match self {
            WebError::NotFound => StatusCode::NOT_FOUND,
            WebError::Forbidden(_) | WebError::Csrf => StatusCode::FORBIDDEN,
            WebError::BadRequest => StatusCode::BAD_REQUEST,
            WebError::LoginRequired(_) | WebError::SecondFactorRequired => StatusCode::SEE_OTHER,
            WebError::Throttled => StatusCode::TOO_MANY_REQUESTS,
            WebError::Conflict(_) => StatusCode::CONFLICT,
            WebError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if let WebError::LoginRequired(next) = self {
            let target = format!("/inloggen?terug={}", url_escape(next));
            return HttpResponse::SeeOther()
                .insert_header((header::LOCATION, target))
                .finish();
        }
        if let WebError::SecondFactorRequired = self {
            return HttpResponse::SeeOther()
                .insert_header((header::LOCATION, "/account/tweede-stap"))
                .finish();
        }
        if let WebError::Internal(_) = self {
            log_server_error(self);
        }
        let (title, text) = match self {
            WebError::NotFound => (tr!("error-not-found-title"), tr!("error-not-found-text")),
            WebError::Forbidden(m) => (tr!("error-forbidden-title"), m.clone()),
            WebError::Csrf => (tr!("error-csrf-title"), tr!("error-csrf-text")),
            WebError::BadRequest => (
                tr!("error-bad-request-title"),
                tr!("error-bad-request-text"),
            ),
            WebError::Conflict(m) => (tr!("error-conflict-title"), m.clone()),
            WebError::Throttled => (tr!("error-throttled-title"), tr!("error-throttled-text")),
            WebError::Internal(_) | WebError::LoginRequired(_) | WebError::SecondFactorRequired => {
                (tr!("error-internal-title"), tr!("error-internal-text"))
            }
        };
        // The request id lets a resident's report find the log lines.
        let text = match current_request_id() {
            Some(id) if self.status_code().is_server_error() => {
                format!("{text} {}", tr!("error-code", id = id))
            }
            _ => text,
        };
        HttpResponse::build(self.status_code())
            .content_type("text/html; charset=utf-8")
            .body(crate::views::errors::error_page(&title, &text).into_string())
    }
}

fn url_escape(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// RFC 9457 problem details for the JSON API.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub title: String,
    pub detail: String,
    pub problems: Option<serde_json::Value>,
}

impl ApiError {
    pub fn unauthorized() -> ApiError {
        ApiError {
            status: StatusCode::UNAUTHORIZED,
            title: "unauthorized".into(),
            detail: "Log in via POST /api/v1/session.".into(),
            problems: None,
        }
    }

    pub fn csrf() -> ApiError {
        ApiError {
            status: StatusCode::FORBIDDEN,
            title: "csrf".into(),
            detail: "Send the session's csrf_token in the X-CSRF-Token header.".into(),
            problems: None,
        }
    }

    pub fn second_factor() -> ApiError {
        ApiError {
            status: StatusCode::FORBIDDEN,
            title: "second_factor_required".into(),
            detail: "Set up the authenticator app on /account/tweede-stap first.".into(),
            problems: None,
        }
    }

    pub fn bad_request(detail: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            title: "bad_request".into(),
            detail: detail.into(),
            problems: None,
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.title, self.detail)
    }
}

impl From<ServiceError> for ApiError {
    fn from(e: ServiceError) -> Self {
        let (status, title) = match &e {
            ServiceError::Invalid { .. } => (StatusCode::UNPROCESSABLE_ENTITY, "invalid"),
            ServiceError::Ledger(LedgerError::IdempotencyConflict) => {
                (StatusCode::CONFLICT, "idempotency_conflict")
            }
            ServiceError::Ledger(LedgerError::OwnTransfer) => {
                (StatusCode::FORBIDDEN, "own_transfer")
            }
            ServiceError::Ledger(LedgerError::AlreadyDecided) => {
                (StatusCode::CONFLICT, "already_decided")
            }
            ServiceError::Ledger(LedgerError::InsufficientFunds { .. }) => {
                (StatusCode::UNPROCESSABLE_ENTITY, "insufficient_funds")
            }
            ServiceError::Ledger(_) => (StatusCode::UNPROCESSABLE_ENTITY, "ledger_rule"),
            ServiceError::Import(_) => (StatusCode::UNPROCESSABLE_ENTITY, "import_refused"),
            ServiceError::NotFound(_) => (StatusCode::NOT_FOUND, "not_found"),
            ServiceError::Forbidden(_) => (StatusCode::FORBIDDEN, "forbidden"),
            ServiceError::Db(db) => match db.kind() {
                DbErrorKind::NotFound => (StatusCode::NOT_FOUND, "not_found"),
                DbErrorKind::Conflict => (StatusCode::CONFLICT, "conflict"),
                DbErrorKind::Internal => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
            },
            ServiceError::Internal { .. } => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
        };
        let problems = match &e {
            ServiceError::Import(ps) => Some(json!(ps
                .iter()
                .map(|p| json!({"line": p.line_no, "column": p.column, "value": p.value, "message": p.message}))
                .collect::<Vec<_>>())),
            ServiceError::Invalid { field, .. } => Some(json!([{ "field": field }])),
            _ => None,
        };
        let detail = if status.is_server_error() {
            log_server_error(&e);
            "Internal error; nothing was changed.".to_string()
        } else {
            match &e {
                ServiceError::Db(db) if db.kind() == DbErrorKind::NotFound => {
                    "Not found.".to_string()
                }
                ServiceError::Db(db) => {
                    tracing::info!(error = %cause_chain(db), "refused by the database");
                    "The change conflicts with stored data; reload and try again.".to_string()
                }
                other => other.to_string(),
            }
        };
        ApiError {
            status,
            title: title.into(),
            detail,
            problems,
        }
    }
}

impl From<WebError> for ApiError {
    fn from(e: WebError) -> Self {
        if let WebError::Internal(_) = e {
            log_server_error(&e);
        }
        ApiError {
            status: e.status_code(),
            title: "error".into(),
            detail: e.to_string(),
            problems: None,
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.status
    }

    fn error_response(&self) -> HttpResponse {
        let mut body = json!({"type": "about:blank", "title": self.title, "status": self.status.as_u16(), "detail": self.detail});
        if let Some(p) = &self.problems {
            body["problems"] = p.clone();
        }
        // RFC 9457 allows extension members: the id that finds this request in the log.
        if let Some(id) = current_request_id() {
            body["request_id"] = json!(id);
        }
        HttpResponse::build(self.status)
            .content_type("application/problem+json")
            .body(body.to_string())
    }
}
