//! Embedded migrations, one tree per backend with identical folder names.

use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

use super::{DbConn, DbError};

pub const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
pub const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// The PostgreSQL advisory lock that migrations run under (any fixed number; this one
/// spells "bb-migr" in ASCII).
const MIGRATION_LOCK: i64 = 0x62_62_2d_6d_69_67_72;

/// Run every pending migration; returns the names of the ones applied.
///
/// PostgreSQL: under a session advisory lock. Several servers started at once on one
/// database (docs/deployment.md) would otherwise all create the same tables, and all but
/// one stop with "duplicate key value violates unique constraint" (tests/it/multi_server.rs
/// starts two at once). The others wait for the lock and then find nothing pending.
pub fn run_pending(conn: &mut DbConn) -> Result<Vec<String>, DbError> {
    let applied = match conn {
        DbConn::Sqlite(c) => c
            .run_pending_migrations(SQLITE_MIGRATIONS)
            .map(|v| v.iter().map(|m| m.to_string()).collect::<Vec<_>>()),
        DbConn::Postgres(c) => {
            use diesel::RunQueryDsl;
            diesel::sql_query(format!("SELECT pg_advisory_lock({MIGRATION_LOCK})")).execute(c)?;
            let applied = c
                .run_pending_migrations(POSTGRES_MIGRATIONS)
                .map(|v| v.iter().map(|m| m.to_string()).collect::<Vec<_>>());
            // Also released when the connection closes; unlock anyway, the caller may
            // keep it.
            diesel::sql_query(format!("SELECT pg_advisory_unlock({MIGRATION_LOCK})")).execute(c)?;
            applied
        }
    };
    applied.map_err(DbError::Migration)
}

/// Undo every applied migration, newest first (each `down.sql`); returns their names in the
/// order they were undone. For the round-trip test and for an operator who must go back.
pub fn revert_all(conn: &mut DbConn) -> Result<Vec<String>, DbError> {
    let reverted = match conn {
        DbConn::Sqlite(c) => c
            .revert_all_migrations(SQLITE_MIGRATIONS)
            .map(|v| v.iter().map(|m| m.to_string()).collect::<Vec<_>>()),
        DbConn::Postgres(c) => c
            .revert_all_migrations(POSTGRES_MIGRATIONS)
            .map(|v| v.iter().map(|m| m.to_string()).collect::<Vec<_>>()),
    };
    reverted.map_err(DbError::Migration)
}
