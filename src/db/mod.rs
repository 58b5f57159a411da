//! Persistence: diesel only, no actix. One code base for SQLite and PostgreSQL.

pub mod conn;
pub mod group_commit;
pub mod migrate;
pub mod models;
pub mod repo;
pub mod schema;
pub mod statement_counts;
pub mod tx;

pub use conn::{build_pool, DbConn, DbPool, DbUrl};

/// Errors from the database layer, sorted once here into what a caller can act on:
/// [`DbError::NotFound`], [`DbError::Conflict`] and everything else (internal). Each keeps the
/// database's own error as its `source()`, so the log shows the whole cause chain.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// The row asked for does not exist.
    #[error("row not found")]
    NotFound(#[source] diesel::result::Error),
    /// The database refused the change because of data already stored (a unique key, a
    /// foreign key, a check or an append-only trigger) or a concurrent transaction.
    #[error("the change conflicts with stored data ({kind})")]
    Conflict {
        kind: ConflictKind,
        #[source]
        source: diesel::result::Error,
    },
    #[error("database query failed")]
    Query(#[source] diesel::result::Error),
    #[error("no database connection available")]
    Pool(#[from] diesel::r2d2::PoolError),
    #[error("database connection failed")]
    Connection(#[from] diesel::ConnectionError),
    #[error("database migration failed")]
    Migration(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// A database URL that names no backend (a configuration error, shown as is).
    #[error("{0}")]
    Url(String),
}

/// Why the database refused a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConflictKind {
    Unique,
    ForeignKey,
    Check,
    Serialization,
}

impl std::fmt::Display for ConflictKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ConflictKind::Unique => "unique key",
            ConflictKind::ForeignKey => "foreign key",
            ConflictKind::Check => "check",
            ConflictKind::Serialization => "concurrent transaction",
        })
    }
}

/// What the layers above do with a database error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DbErrorKind {
    NotFound,
    Conflict,
    Internal,
}

impl From<diesel::result::Error> for DbError {
    /// The one place that sorts diesel's errors (both backends report these kinds).
    fn from(e: diesel::result::Error) -> Self {
        use diesel::result::{DatabaseErrorKind as K, Error as E};
        let kind = match &e {
            E::NotFound => return DbError::NotFound(e),
            E::DatabaseError(K::UniqueViolation, _) => ConflictKind::Unique,
            E::DatabaseError(K::ForeignKeyViolation, _) => ConflictKind::ForeignKey,
            E::DatabaseError(K::CheckViolation, _) => ConflictKind::Check,
            E::DatabaseError(K::SerializationFailure, _) => ConflictKind::Serialization,
            _ => return DbError::Query(e),
        };
        DbError::Conflict { kind, source: e }
    }
}

impl DbError {
    pub fn kind(&self) -> DbErrorKind {
        match self {
            DbError::NotFound(_) => DbErrorKind::NotFound,
            DbError::Conflict { .. } => DbErrorKind::Conflict,
            _ => DbErrorKind::Internal,
        }
    }

    /// The diesel error inside, for the pool manager that must hand it back to r2d2.
    pub fn into_diesel(self) -> Result<diesel::result::Error, DbError> {
        match self {
            DbError::NotFound(e) | DbError::Query(e) | DbError::Conflict { source: e, .. } => Ok(e),
            other => Err(other),
        }
    }
}

/// An error and all its causes, outermost first, joined by ": " (for the log).
pub fn cause_chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut out = error.to_string();
    let mut next = error.source();
    while let Some(cause) = next {
        out.push_str(": ");
        out.push_str(&cause.to_string());
        next = cause.source();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use diesel::result::{DatabaseErrorKind, Error as E};

    #[derive(Debug)]
    struct Info(&'static str);
    impl diesel::result::DatabaseErrorInformation for Info {
        fn message(&self) -> &str {
            self.0
        }
        fn details(&self) -> Option<&str> {
            None
        }
        fn hint(&self) -> Option<&str> {
            None
        }
        fn table_name(&self) -> Option<&str> {
            None
        }
        fn column_name(&self) -> Option<&str> {
            None
        }
        fn constraint_name(&self) -> Option<&str> {
            None
        }
        fn statement_position(&self) -> Option<i32> {
            None
        }
    }

    #[test]
    fn diesel_errors_are_sorted_once_and_keep_their_cause() {
        assert_eq!(DbError::from(E::NotFound).kind(), DbErrorKind::NotFound);
        let unique = DbError::from(E::DatabaseError(
            DatabaseErrorKind::UniqueViolation,
            Box::new(Info("UNIQUE constraint failed: transfers.id")),
        ));
        assert_eq!(unique.kind(), DbErrorKind::Conflict);
        assert_eq!(
            cause_chain(&unique),
            "the change conflicts with stored data (unique key): \
             UNIQUE constraint failed: transfers.id"
        );
        let other = DbError::from(E::DatabaseError(
            DatabaseErrorKind::Unknown,
            Box::new(Info("disk I/O error")),
        ));
        assert_eq!(other.kind(), DbErrorKind::Internal);
        assert_eq!(cause_chain(&other), "database query failed: disk I/O error");
        assert_eq!(DbError::Url("x".into()).kind(), DbErrorKind::Internal);
    }
}
