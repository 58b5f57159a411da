//! The state every request handler shares. Its own module so that `web` (which reads it)
//! and `startup` (which builds it and the server) do not import each other.

use std::sync::Arc;

use crate::config::Settings;
use crate::db::DbPool;
use crate::domain::sealed_secret::SecretSealer;

/// Shared state for every request.
#[derive(Clone)]
pub struct AppState {
    pub pool: DbPool,
    pub settings: Arc<Settings>,
    /// Seals second-factor secrets (key from `secrets_key_file`).
    pub sealer: Arc<SecretSealer>,
    /// The audit log's signing key (`signing_key_file`), when configured.
    pub signing_key: Option<Arc<crate::keys::KeyFile>>,
    /// The municipality's theme (`theme_file`), read at start.
    pub theme: Arc<crate::theme::Theme>,
    /// Rendered public pages that are served again while nothing was written.
    pub page_cache: Arc<crate::web::page_cache::PageCache>,
    /// What residents' pages show of a round, kept while no staff write changes it.
    pub round_cache: Arc<crate::service::round_cache::RoundCache>,
    /// Residents' code entries and ballots that wait for the write lock at the same
    /// time, written in one group (`db::group_commit`).
    pub resident_writes: Arc<crate::service::resident_writes::ResidentQueue>,
}
