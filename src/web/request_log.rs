//! The request log. tracing-actix-web opens one span per request with a fresh request id;
//! every log line inside the request (the blocking database work included, see `run_db`)
//! carries it, the response says it in `X-Request-Id`, and the error page and the problem
//! JSON show it, so a resident's "it went wrong" finds its log lines. One line per finished
//! request (method, route pattern, status); server errors log their whole cause
//! chain where they are turned into a response (`web::error`).
//!
//! What is logged on purpose: the route *pattern* (`/stemmen/{slug}`), never the path or the
//! query string (they can hold tokens), and no client address or user agent.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{Error, HttpMessage};
use tracing::Span;
use tracing_actix_web::{RequestId, RootSpanBuilder, TracingLogger};

tokio::task_local! {
    /// The id itself (16 bytes, no allocation): it is written out only when a page or a
    /// problem document shows it, which most requests never do.
    static REQUEST_ID: Option<RequestId>;
}

/// The id of the request being handled on this task, if any (empty when the logger gave
/// the request none).
pub fn current_request_id() -> Option<String> {
    REQUEST_ID
        .try_with(|id| id.map(|id| id.to_string()).unwrap_or_default())
        .ok()
}

/// The outer middleware: the request's span and id.
pub fn logger() -> TracingLogger<RequestSpan> {
    TracingLogger::new()
}

/// Our span: only fields that are safe to keep in a log.
pub struct RequestSpan;

impl RootSpanBuilder for RequestSpan {
    fn on_request_start(request: &ServiceRequest) -> Span {
        let id = request
            .extensions()
            .get::<RequestId>()
            .map(|id| id.to_string())
            .unwrap_or_default();
        tracing::info_span!(
            "request",
            request_id = %id,
            method = %request.method(),
            route = request.match_pattern().as_deref().unwrap_or("-"),
        )
    }

    fn on_request_end<B: MessageBody>(span: Span, outcome: &Result<ServiceResponse<B>, Error>) {
        let status = match outcome {
            Ok(response) => response.status(),
            Err(error) => error.as_response_error().status_code(),
        };
        span.in_scope(|| {
            if status.is_server_error() {
                tracing::warn!(status = status.as_u16(), "request done");
            } else {
                tracing::info!(status = status.as_u16(), "request done");
            }
        });
    }
}

/// Inside the logger: makes the id known to the handler's task (for error bodies) and adds
/// the `X-Request-Id` response header.
pub async fn expose_request_id(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let id = req.extensions().get::<RequestId>().copied();
    let mut response = REQUEST_ID.scope(id, next.call(req)).await?;
    // Written on the stack: the header copies it once.
    let mut buffer = uuid::Uuid::encode_buffer();
    let text = id.map_or("", |id| id.hyphenated().encode_lower(&mut buffer));
    if let Ok(value) = HeaderValue::from_str(text) {
        response
            .headers_mut()
            .insert(HeaderName::from_static("x-request-id"), value);
    }
    Ok(response)
}
