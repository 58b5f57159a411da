//! Copies of rendered public pages. A counted or closed round's public page is the same for
//! every visitor who is not staff and changes only when something is written; rendering it
//! reads the round (with its stored result and explanations), its plans and its published
//! ballots, which cost about seven times a bare page. A copy is served while the page's
//! version (the round's status and the database's write counter, both read from the
//! database on every request, so a second server process that writes is seen at once) is
//! unchanged.

use std::collections::HashMap;
use std::future::Future;

use actix_web::body::MessageBody;
use actix_web::http::{header, StatusCode};
use actix_web::web::Bytes;
use actix_web::HttpResponse;
use parking_lot::Mutex;

use super::error::WebError;
use super::run_db;
use crate::domain::round::RoundId;
use crate::i18n::{self, Lang};
use crate::service::public_pages::{self, RoundPageVersion};
use crate::service::Principal;
use crate::state::AppState;

/// At most this many pages are kept; when full, the copies are dropped and built again.
const MAX_PAGES: usize = 256;

/// A kept page is one round's page in one language.
type Key = (String, Lang);

/// The kept pages of one server, by round id and language; and the home page for visitors
/// who are not signed in, per language.
#[derive(Default)]
pub struct PageCache {
    rounds: Mutex<HashMap<Key, (RoundPageVersion, Bytes)>>,
    home: Mutex<HashMap<Lang, (i64, Bytes)>>,
}

impl PageCache {
    fn get(&self, key: &Key, version: &RoundPageVersion) -> Option<Bytes> {
        let rounds = self.rounds.lock();
        let (kept, body) = rounds.get(key)?;
        (kept == version).then(|| body.clone())
    }

    fn put(&self, key: Key, version: RoundPageVersion, body: Bytes) {
        let mut rounds = self.rounds.lock();
        if rounds.len() >= MAX_PAGES && !rounds.contains_key(&key) {
            rounds.clear();
        }
        rounds.insert(key, (version, body));
    }
}

/// A round's public page for a visitor who is not staff, from the copy when its version is
/// unchanged; otherwise `render` makes it (and a counted or closed round's page is kept).
pub async fn public_round_page<F>(
    state: &AppState,
    id: &RoundId,
    render: F,
) -> Result<HttpResponse, WebError>
where
    F: Future<Output = Result<HttpResponse, WebError>>,
{
    let key = id.clone();
    let version = run_db(state, move |c| {
        public_pages::round_page_version(c, &Principal::resident(), &key)
    })
    .await?;
    let Some(version) = version.filter(RoundPageVersion::worth_keeping) else {
        return render.await;
    };
    // The page is rendered in the visitor's language, so it is kept per language.
    let cache_key = (id.as_str().to_string(), i18n::current());
    if let Some(body) = state.page_cache.get(&cache_key, &version) {
        return Ok(page(body));
    }
    keep(render, |bytes| {
        state.page_cache.put(cache_key, version, bytes)
    })
    .await
}

/// The home page for a visitor who is not signed in. Rendering it reads every round with
/// its plans, ballot count and result (several statements per round, hundreds of
/// microseconds), for a page that changes only when something is written: the copy is
/// served while the write counter is unchanged.
pub async fn public_home_page<F>(state: &AppState, render: F) -> Result<HttpResponse, WebError>
where
    F: Future<Output = Result<HttpResponse, WebError>>,
{
    let generation = run_db(state, move |c| {
        public_pages::home_page_version(c, &Principal::resident())
    })
    .await?;
    // The page is rendered in the visitor's language, so it is kept per language.
    let lang = i18n::current();
    let kept = state
        .page_cache
        .home
        .lock()
        .get(&lang)
        .and_then(|(g, body)| (*g == generation).then(|| body.clone()));
    if let Some(body) = kept {
        return Ok(page(body));
    }
    keep(render, |bytes| {
        state
            .page_cache
            .home
            .lock()
            .insert(lang, (generation, bytes));
    })
    .await
}

/// Renders a page and hands a successful one's bytes to `put`.
async fn keep<F>(render: F, put: impl FnOnce(Bytes)) -> Result<HttpResponse, WebError>
where
    F: Future<Output = Result<HttpResponse, WebError>>,
{
    let response = render.await?;
    if response.status() != StatusCode::OK {
        return Ok(response);
    }
    let (head, body) = response.into_parts();
    let bytes = match body.try_into_bytes() {
        Ok(bytes) => bytes,
        // A streamed body (never for a rendered page) is passed on as it is.
        Err(body) => return Ok(head.set_body(body)),
    };
    put(bytes.clone());
    Ok(head.set_body(bytes).map_into_boxed_body())
}

/// A kept page with the headers `respond::html` gives a rendered one.
fn page(body: Bytes) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(body)
}
