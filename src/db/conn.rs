//! The connection enum over both backends, the URL rules and the r2d2 pool.

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::r2d2::{self, ManageConnection, R2D2Connection};

use std::sync::Arc;

use super::statement_counts::{self, StatementCounts};
use super::DbError;

/// One connection type for both backends (diesel's MultiConnection). Queries written
/// against `DbConn` run unchanged on SQLite and PostgreSQL.
#[derive(diesel::MultiConnection)]
pub enum DbConn {
    Postgres(diesel::PgConnection),
    Sqlite(diesel::SqliteConnection),
}

impl DbConn {
    pub fn backend_name(&self) -> &'static str {
        match self {
            DbConn::Postgres(_) => "postgres",
            DbConn::Sqlite(_) => "sqlite",
        }
    }
}

/// Runs `$run` with `$c` bound to the concrete connection behind a `DbConn`, for the
/// statements on residents' paths. There diesel finds a prepared statement by its type
/// (a static query id); through `MultiConnection` it first builds the statement's SQL
/// text to look it up, which a profile of the village page put at 5 to 8 % of the
/// server's CPU. (`RETURNING` and `ON CONFLICT` need the concrete connection anyway.)
#[macro_export]
macro_rules! on_backend {
    ($conn:expr, |$c:ident| $run:expr) => {
        match $conn {
            $crate::db::DbConn::Sqlite($c) => $run,
            $crate::db::DbConn::Postgres($c) => $run,
        }
    };
}

/// A parsed database URL. The scheme decides the backend; anything else is refused so a
/// typo never silently creates a new empty SQLite file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DbUrl {
    Postgres(String),
    Sqlite(String),
}

impl DbUrl {
    pub fn parse(raw: &str) -> Result<DbUrl, DbError> {
        let url = raw.trim();
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(DbUrl::Postgres(url.to_string()));
        }
        let path = if let Some(rest) = url.strip_prefix("sqlite://") {
            rest
        } else if let Some(rest) = url.strip_prefix("sqlite:") {
            rest
        } else if [".db", ".sqlite", ".sqlite3"]
            .iter()
            .any(|ext| url.ends_with(ext))
            && !url.contains("://")
        {
            url
        } else {
            return Err(DbError::Url(format!(
                "unsupported database URL '{url}': use sqlite://FILE (or a path ending in .db) \
                 or postgres://USER@HOST/DB"
            )));
        };
        if path.is_empty() {
            return Err(DbError::Url("sqlite URL without a file name".into()));
        }
        Ok(DbUrl::Sqlite(path.to_string()))
    }

    pub fn is_sqlite(&self) -> bool {
        matches!(self, DbUrl::Sqlite(_))
    }
}

/// r2d2 manager that builds the right variant and applies SQLite's per-connection pragmas.
#[derive(Debug, Clone)]
pub struct Manager {
    url: DbUrl,
    counts: Arc<StatementCounts>,
}

impl Manager {
    pub fn new(url: DbUrl, counts: Arc<StatementCounts>) -> Self {
        Manager { url, counts }
    }
}

/// Per-connection SQLite settings, one statement at a time in the order diesel documents.
/// `synchronous=FULL`: a committed transfer must survive a power cut (WAL + NORMAL could
/// lose the last transactions); the cost is small at our write rates.
fn apply_sqlite_pragmas(conn: &mut diesel::SqliteConnection) -> QueryResult<()> {
    conn.batch_execute("PRAGMA busy_timeout = 30000;")?;
    conn.batch_execute("PRAGMA journal_mode = WAL;")?;
    conn.batch_execute("PRAGMA synchronous = FULL;")?;
    conn.batch_execute("PRAGMA foreign_keys = ON;")?;
    Ok(())
}

pub fn establish(url: &DbUrl) -> Result<DbConn, DbError> {
    match url {
        DbUrl::Postgres(u) => Ok(DbConn::Postgres(diesel::PgConnection::establish(u)?)),
        DbUrl::Sqlite(path) => {
            let mut c = diesel::SqliteConnection::establish(path)?;
            apply_sqlite_pragmas(&mut c).map_err(DbError::from)?;
            Ok(DbConn::Sqlite(c))
        }
    }
}

impl ManageConnection for Manager {
    type Connection = DbConn;
    type Error = r2d2::Error;

    fn connect(&self) -> Result<DbConn, r2d2::Error> {
        let mut conn = establish(&self.url).map_err(|e| match e {
            DbError::Connection(c) => r2d2::Error::ConnectionError(c),
            other => match other.into_diesel() {
                Ok(q) => r2d2::Error::QueryError(q),
                Err(other) => r2d2::Error::ConnectionError(diesel::ConnectionError::BadConnection(
                    super::cause_chain(&other),
                )),
            },
        })?;
        conn.set_instrumentation(self.counts.instrumentation());
        Ok(conn)
    }

    fn is_valid(&self, conn: &mut DbConn) -> Result<(), r2d2::Error> {
        conn.ping().map_err(r2d2::Error::QueryError)
    }

    fn has_broken(&self, conn: &mut DbConn) -> bool {
        std::thread::panicking() || conn.is_broken() || statement_counts::connection_lost(conn)
    }
}

pub type DbPool = r2d2::Pool<Manager>;

/// Build the pool. SQLite serialises writers anyway, so a few connections are enough.
pub fn build_pool(url: &DbUrl, max_size: u32) -> Result<DbPool, DbError> {
    build_counted_pool(url, max_size, Arc::default())
}

/// Build the pool with counters the caller keeps (tests read them to hold a request to its
/// budget of statements).
pub fn build_counted_pool(
    url: &DbUrl,
    max_size: u32,
    counts: Arc<StatementCounts>,
) -> Result<DbPool, DbError> {
    r2d2::Pool::builder()
        .max_size(max_size)
        .connection_timeout(std::time::Duration::from_secs(30))
        // No `SELECT 1` before every use: that was a round trip per request on PostgreSQL.
        // A connection whose server went away is dropped when it comes back to the pool
        // (`has_broken`), so after a database restart each pooled connection fails at most
        // one request.
        .test_on_check_out(false)
        .event_handler(counts.checkout_handler())
        .build(Manager::new(url.clone(), counts))
        .map_err(DbError::Pool)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_schemes_decide_the_backend() {
        assert_eq!(
            DbUrl::parse("postgres://u@h/db").ok(),
            Some(DbUrl::Postgres("postgres://u@h/db".into()))
        );
        assert_eq!(
            DbUrl::parse("sqlite://bb.db").ok(),
            Some(DbUrl::Sqlite("bb.db".into()))
        );
        assert_eq!(
            DbUrl::parse("sqlite:/tmp/x.sqlite3").ok(),
            Some(DbUrl::Sqlite("/tmp/x.sqlite3".into()))
        );
        assert_eq!(
            DbUrl::parse("data/bb.db").ok(),
            Some(DbUrl::Sqlite("data/bb.db".into()))
        );
    }

    #[test]
    fn other_urls_are_refused() {
        for bad in [
            "mysql://x/y",
            "burgerbegroting",
            "http://x.db",
            "",
            "sqlite://",
        ] {
            assert!(DbUrl::parse(bad).is_err(), "{bad} should be refused");
        }
    }
}
