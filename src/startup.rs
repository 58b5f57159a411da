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
}

impl Application {
    pub fn build(settings: Settings) -> anyhow::Result<Application> {
        let pool = prepare_database(&settings)?;
        Self::build_with_pool(settings, pool)
    }

    pub fn build_with_pool(settings: Settings, pool: DbPool) -> anyhow::Result<Application> {
        let listener = TcpListener::bind(&settings.bind)?;
        let port = listener.local_addr()?.port();
        let state = AppState {
            pool,
            settings: Arc::new(settings),
        };
        let server = HttpServer::new(move || {
            App::new()
                .app_data(web::Data::new(state.clone()))
                .configure(crate::web::configure)
        })
        .listen(listener)?
        .run();
        Ok(Application { port, server })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}
