//! Build the application: database URL check, migrations, pool, HTTP server.

use std::net::TcpListener;
use std::sync::Arc;

use actix_web::dev::Server;
use actix_web::{web, App, HttpServer};

use crate::config::Settings;
use crate::db::{self, DbPool, DbUrl};

/// Shared state for every request.
#[derive(Clone)]
pub struct AppState {
    pub pool: DbPool,
    pub settings: Arc<Settings>,
    /// The audit log's signing key (`signing_key_file`), when configured.
    pub signing_key: Option<Arc<crate::keys::KeyFile>>,
}

/// Check the URL, run pending migrations and build the pool.
pub fn prepare_database(settings: &Settings) -> anyhow::Result<DbPool> {
    let url = DbUrl::parse(&settings.database_url)?;
    let mut conn = db::conn::establish(&url)?;
    db::migrate::run_pending(&mut conn)?;
    drop(conn);
    let size = if url.is_sqlite() {
        settings.pool_size.clamp(1, 8)
    } else {
        settings.pool_size.max(1)
    };
    Ok(db::build_pool(&url, size)?)
}

pub struct Application {
    port: u16,
    server: Server,
    pool: DbPool,
    signing_key: Option<Arc<crate::keys::KeyFile>>,
}

impl Application {
    pub fn build(settings: Settings) -> anyhow::Result<Application> {
        let pool = prepare_database(&settings)?;
        Self::build_with_pool(settings, pool)
    }

    pub fn build_with_pool(settings: Settings, pool: DbPool) -> anyhow::Result<Application> {
        let listener = TcpListener::bind(&settings.bind)?;
        let port = listener.local_addr()?.port();
        let state_pool = pool.clone();
        // A configured key that cannot be read stops the start: silently running unsigned
        // would hide exactly what the key is for.
        let signing_key = crate::service::audit_log::load_signing_key(&settings)?.map(Arc::new);
        let state = AppState {
            pool,
            settings: Arc::new(settings),
            signing_key: signing_key.clone(),
        };
        let server = HttpServer::new(move || {
            App::new()
                .app_data(web::Data::new(state.clone()))
                .configure(crate::web::configure)
        })
        .listen(listener)?
        .run();
        Ok(Application {
            port,
            server,
            pool: state_pool,
            signing_key,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Serves until stopped. Also prunes expired sessions, tickets and throttle rows once
    /// an hour (the first time an hour after start).
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let pool = self.pool.clone();
        let pruning = actix_web::rt::spawn(async move {
            let hour = std::time::Duration::from_secs(3600);
            let mut every =
                actix_web::rt::time::interval_at(actix_web::rt::time::Instant::now() + hour, hour);
            loop {
                every.tick().await;
                let pool = pool.clone();
                let outcome = web::block(move || -> Result<_, crate::service::ServiceError> {
                    let mut conn = pool.get().map_err(crate::db::DbError::Pool)?;
                    crate::service::maintenance::prune_expired(&mut conn, crate::db::repo::now())
                })
                .await;
                match outcome {
                    Ok(Ok(p)) if p.total() > 0 => tracing::info!(?p, "pruned expired rows"),
                    Ok(Ok(_)) => {}
                    Ok(Err(e)) => tracing::warn!(error = %e, "pruning failed"),
                    Err(e) => tracing::warn!(error = %e, "pruning worker failed"),
                }
            }
        });
        let signing = self
            .signing_key
            .clone()
            .map(|key| actix_web::rt::spawn(sign_periodically(self.pool.clone(), key)));
        let result = self.server.await;
        pruning.abort();
        if let Some(s) = signing {
            s.abort();
        }
        result
    }
}

/// Signs a checkpoint whenever the audit log grew, checking every 30 seconds (so at most a
/// minute passes between a change and its checkpoint). When the stored history no longer
/// matches the last checkpoint, `sign_pending` records the stop and logs an error; this
/// loop then keeps repeating the error once per check until an administrator acts.
async fn sign_periodically(pool: DbPool, key: Arc<crate::keys::KeyFile>) {
    use crate::service::audit_log::{sign_pending, SignOutcome};
    let mut every = actix_web::rt::time::interval(std::time::Duration::from_secs(30));
    loop {
        every.tick().await;
        let (pool, key) = (pool.clone(), key.clone());
        let outcome = web::block(move || -> Result<_, crate::service::ServiceError> {
            let mut conn = pool.get().map_err(crate::db::DbError::Pool)?;
            sign_pending(&mut conn, &key)
        })
        .await;
        match outcome {
            Ok(Ok(SignOutcome::Signed(c))) => {
                tracing::info!(size = c.size, root = %c.root_hex, "audit checkpoint signed")
            }
            Ok(Ok(SignOutcome::Unchanged)) => {}
            Ok(Ok(SignOutcome::Stopped(reason))) => tracing::error!(
                %reason,
                "audit log signing is STOPPED; run 'burgerbegroting audit resume' after investigating"
            ),
            Ok(Err(e)) => tracing::warn!(error = %e, "signing the audit log failed"),
            Err(e) => tracing::warn!(error = %e, "audit signing worker failed"),
        }
    }
}
