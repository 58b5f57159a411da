//! Persistence: diesel only, no actix. One code base for SQLite and PostgreSQL.

pub mod conn;
pub mod migrate;
pub mod models;
pub mod repo;
pub mod schema;
pub mod tx;

pub use conn::{build_pool, DbConn, DbPool, DbUrl};

/// Errors from the database layer.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("database query failed: {0}")]
    Query(#[from] diesel::result::Error),
    #[error("no database connection available: {0}")]
    Pool(#[from] diesel::r2d2::PoolError),
    #[error("database connection failed: {0}")]
    Connection(#[from] diesel::ConnectionError),
    #[error("database migration failed: {0}")]
    Migration(String),
    #[error("{0}")]
    Url(String),
}
