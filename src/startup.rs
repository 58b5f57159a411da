//! Build the application: database URL check, migrations, pool, HTTP server.

use std::net::TcpListener;
use std::sync::Arc;

use actix_web::dev::Server;
use actix_web::middleware::from_fn;
use actix_web::{web, App, HttpServer};

use crate::config::Settings;
use crate::db::{self, DbPool, DbUrl};
use crate::domain::sealed_secret::{SecretSealer, TOTP_PURPOSE};
use crate::keys::KeyFile;
use crate::state::AppState;
use crate::theme::Theme;
use crate::web::request_log;

/// The file name of the secrets key made beside a SQLite database when
/// `secrets_key_file` is not set.
pub const DEFAULT_SECRETS_KEY: &str = "burgerbegroting-secrets.key";

/// The sealer for second-factor secrets. `secrets_key_file` set: that file must exist
/// (`burgerbegroting keys generate`). Unset with SQLite: `burgerbegroting-secrets.key`
/// beside the database file, made on first start, with a warning. Unset with PostgreSQL:
/// refused, because several servers share that database and must read one key.
pub fn secret_sealer(settings: &Settings) -> anyhow::Result<SecretSealer> {
    let key = match &settings.secrets_key_file {
        Some(path) => KeyFile::load(path)?,
        None => match DbUrl::parse(&settings.database_url)? {
            DbUrl::Postgres(_) => anyhow::bail!(
                "stel secrets_key_file in (BB_SECRETS_KEY_FILE): met PostgreSQL moet elke server \
                 dezelfde sleutel lezen. Maak er een met 'burgerbegroting keys generate --out \
                 /etc/burgerbegroting/secrets.key' (zie docs/configuration.md)"
            ),
            DbUrl::Sqlite(file) => {
                let dir = std::path::Path::new(&file)
                    .parent()
                    .filter(|p| !p.as_os_str().is_empty())
                    .unwrap_or_else(|| std::path::Path::new("."));
                let path = dir.join(DEFAULT_SECRETS_KEY);
                tracing::warn!(
                    path = %path.display(),
                    "secrets_key_file is not set: second-factor secrets are sealed with the key \
                     file beside the database (made now if missing). Set secrets_key_file and keep \
                     that file out of database backups (docs/security.md)."
                );
                KeyFile::load_or_create(&path, "burgerbegroting-secrets")?
            }
        },
    };
    Ok(SecretSealer::new(key.derive_secret(TOTP_PURPOSE)))
}

/// The theme the pages show: `theme_file` when set (a bad file stops the start), else the
/// demo's built-in theme for `demo`, else the neutral one.
pub fn load_theme(settings: &Settings) -> anyhow::Result<Theme> {
    match &settings.theme_file {
        Some(path) => Theme::load(path).map_err(anyhow::Error::msg),
        None if settings.demo_theme => Ok(Theme::demo()),
        None => Ok(Theme::generic()),
    }
}

/// Check the URL, run pending migrations and build the pool.
pub fn prepare_database(settings: &Settings) -> anyhow::Result<DbPool> {
    let url = DbUrl::parse(&settings.database_url)?;
    let mut conn = db::conn::establish(&url)?;
    db::migrate::run_pending(&mut conn)?;
    drop(conn);
    let size = if url.is_sqlite() {
        settings.pool_size.unwrap_or(8).clamp(1, 8)
    } else {
        settings.pool_size.unwrap_or(24).max(1)
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
        crate::web::client_addr::trusted_proxy_nets(&settings.trusted_proxies)
            .map_err(anyhow::Error::msg)?;
        let theme = Arc::new(load_theme(&settings)?);
        let sealer = Arc::new(secret_sealer(&settings)?);
        {
            // Secrets stored before sealing existed are sealed now, once.
            let mut conn = pool.get().map_err(crate::db::DbError::Pool)?;
            crate::service::auth::seal_plain_totp_secrets(&mut conn, &sealer)?;
        }
        let listener = TcpListener::bind(&settings.bind)?;
        let port = listener.local_addr()?.port();
        let state_pool = pool.clone();
        // A configured key that cannot be read stops the start: silently running unsigned
        // would hide exactly what the key is for.
        let signing_key = crate::service::audit_log::load_signing_key(&settings)?.map(Arc::new);
        let state = AppState {
            pool,
            settings: Arc::new(settings),
            sealer,
            signing_key: signing_key.clone(),
            theme,
            page_cache: Default::default(),
            round_cache: Default::default(),
            resident_writes: Default::default(),
        };
        let server = HttpServer::new(move || {
            // Runs once on every worker thread: its pages show this server's theme.
            crate::theme::install(state.theme.clone());
            App::new()
                .app_data(web::Data::new(state.clone()))
                .configure(crate::web::configure)
                // Outermost last: the logger opens the request's span and id first.
                .wrap(from_fn(request_log::expose_request_id))
                .wrap(request_log::logger())
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

    /// The scheduled work (housekeeping, signing, the round calendar) uses `pool` instead
    /// of the requests' pool. The load test and the statement budget tests count what
    /// requests send on their pool; a job waking up during a measurement would otherwise
    /// be counted with it.
    pub fn scheduled_work_on(mut self, pool: DbPool) -> Self {
        self.pool = pool;
        self
    }

    /// Serves until stopped. Meanwhile runs the scheduled work, each job once per period
    /// across every server on the database ([`spawn_scheduled`]): pruning expired
    /// sessions, tickets and throttle rows once an hour, and signing an audit checkpoint
    /// when the log grew, every 30 seconds (with a signing key).
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        use crate::service::maintenance as m;
        let mut jobs = vec![spawn_scheduled(
            self.pool.clone(),
            m::PRUNE_JOB,
            m::PRUNE_PERIOD,
            |c| m::prune_expired(c, crate::db::repo::now()),
            |p: m::Pruned| {
                if p.total() > 0 {
                    tracing::info!(?p, "pruned expired rows")
                }
            },
        )];
        if let Some(key) = self.signing_key.clone() {
            jobs.push(spawn_scheduled(
                self.pool.clone(),
                m::SIGN_JOB,
                m::SIGN_PERIOD,
                move |c| m::sign_checkpoint(c, &key),
                report_signing,
            ));
        }
        // The round calendar moves each round exactly once by itself (a conditional
        // UPDATE under the write lock), so every server may run it every minute.
        jobs.push(actix_web::rt::spawn(move_rounds_periodically(
            self.pool.clone(),
        )));
        let result = self.server.await;
        for job in jobs {
            job.abort();
        }
        result
    }
}

/// Runs `work` once per `period` for all servers on the database together
/// (`maintenance::run_once_per_period`: a claim row in `scheduled_jobs`, taken in the same
/// transaction as the work), until the returned task is aborted. Every server checks at
/// start and then every `period` (at most every five minutes), so a period is done by
/// whichever server comes first and a server that stops leaves the work to the others.
/// `report` logs what the work returned, on the server that did it; a failed run (its
/// claim undone) is logged as a warning and tried again at the next check.
pub fn spawn_scheduled<T, W, R>(
    pool: DbPool,
    job: &'static str,
    period: chrono::Duration,
    work: W,
    report: R,
) -> actix_web::rt::task::JoinHandle<()>
where
    T: Send + 'static,
    W: Fn(&mut crate::db::DbConn) -> Result<T, crate::service::ServiceError>
        + Send
        + Sync
        + 'static,
    R: Fn(T) + 'static,
{
    use crate::service::maintenance::{run_once_per_period, runner_name, Scheduled};
    let check = period
        .to_std()
        .unwrap_or(std::time::Duration::from_secs(60))
        .clamp(
            std::time::Duration::from_secs(1),
            std::time::Duration::from_secs(300),
        );
    let work = Arc::new(work);
    let runner: Arc<str> = runner_name().into();
    actix_web::rt::spawn(async move {
        let mut every = actix_web::rt::time::interval(check);
        loop {
            every.tick().await;
            let (pool, work, me) = (pool.clone(), work.clone(), runner.clone());
            let outcome = web::block(move || -> Result<_, crate::service::ServiceError> {
                let mut conn = pool.get().map_err(crate::db::DbError::Pool)?;
                let now = crate::db::repo::now();
                run_once_per_period(&mut conn, job, period, now, &me, |c| work(c))
            })
            .await;
            match outcome {
                Ok(Ok(Scheduled::Ran {
                    period_start,
                    output,
                })) => {
                    tracing::debug!(job, %period_start, runner = %runner, "scheduled job ran");
                    report(output)
                }
                Ok(Ok(Scheduled::AlreadyDone(row))) => tracing::trace!(
                    job,
                    period_start = %row.period_start,
                    by = %row.ran_by,
                    "scheduled job already done for this period"
                ),
                Ok(Err(e)) => tracing::warn!(job, error = %e, "scheduled job failed"),
                Err(e) => tracing::warn!(job, error = %e, "scheduled job worker failed"),
            }
        }
    })
}

/// Logs a signing pass: a new checkpoint at info; a stop at error, repeated at every pass
/// until an administrator acts.
fn report_signing(outcome: crate::service::audit_log::SignOutcome) {
    use crate::service::audit_log::SignOutcome;
    match outcome {
        SignOutcome::Signed(c) => {
            tracing::info!(size = c.size, root = %c.root_hex, "audit checkpoint signed")
        }
        SignOutcome::Unchanged => {}
        SignOutcome::Stopped(reason) => tracing::error!(
            %reason,
            "audit log signing is STOPPED; run 'burgerbegroting audit resume' after investigating"
        ),
    }
}

/// The round calendar: once a minute, every round whose date has passed moves to its next
/// phase (docs/rounds.md). Several servers on one database may all run this; each move is
/// made exactly once (`service::rounds::move_due_rounds`). A move the calendar cannot make
/// (e.g. voting should open but no plan is nominated) is logged once per round and reason,
/// not every minute.
async fn move_rounds_periodically(pool: DbPool) {
    let mut warned: std::collections::HashSet<(String, String)> = Default::default();
    let mut every = actix_web::rt::time::interval(std::time::Duration::from_secs(60));
    loop {
        every.tick().await;
        let pool = pool.clone();
        let outcome = web::block(move || -> Result<_, crate::service::ServiceError> {
            let mut conn = pool.get().map_err(crate::db::DbError::Pool)?;
            crate::service::rounds::move_due_rounds(&mut conn, crate::db::repo::now())
        })
        .await;
        match outcome {
            Ok(Ok(moves)) => {
                for m in moves {
                    match m.refused {
                        None => tracing::info!(
                            round = %m.round,
                            from = m.from.as_str(),
                            to = m.to.as_str(),
                            "round calendar: moved"
                        ),
                        Some(reason) => {
                            if warned.insert((m.round.to_string(), reason.clone())) {
                                tracing::warn!(
                                    round = %m.round,
                                    from = m.from.as_str(),
                                    to = m.to.as_str(),
                                    %reason,
                                    "round calendar: the date has passed but the round cannot move yet"
                                )
                            }
                        }
                    }
                }
            }
            Ok(Err(e)) => tracing::warn!(error = %e, "round calendar failed"),
            Err(e) => tracing::warn!(error = %e, "round calendar worker failed"),
        }
    }
}
