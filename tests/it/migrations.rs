//! Both migration trees hold the same migrations under the same names.

use std::collections::BTreeSet;
use std::path::Path;

fn names(dir: &str) -> BTreeSet<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("migrations")
        .join(dir);
    std::fs::read_dir(&path)
        .expect("migrations dir")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect()
}

#[test]
fn sqlite_and_postgres_trees_have_the_same_folders() {
    let sqlite = names("sqlite");
    let postgres = names("postgres");
    assert!(!sqlite.is_empty());
    assert_eq!(sqlite, postgres);
    for name in &sqlite {
        for backend in ["sqlite", "postgres"] {
            for file in ["up.sql", "down.sql"] {
                let p = Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("migrations")
                    .join(backend)
                    .join(name)
                    .join(file);
                assert!(p.exists(), "{} missing", p.display());
            }
        }
    }
}

#[derive(diesel::QueryableByName, Debug, PartialEq, Eq, PartialOrd, Ord, Clone)]
struct SchemaItem {
    #[diesel(sql_type = diesel::sql_types::Text)]
    kind: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    name: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    detail: String,
}

/// Every table, column, index and trigger of the database (diesel's own bookkeeping table
/// left out), as comparable rows.
fn schema(conn: &mut burgerbegroting::db::DbConn) -> Vec<SchemaItem> {
    use burgerbegroting::db::DbConn;
    use diesel::RunQueryDsl;
    let mut items = match conn {
        DbConn::Sqlite(c) => diesel::sql_query(
            "SELECT type AS kind, name, COALESCE(sql, '') AS detail FROM sqlite_master \
             WHERE name NOT LIKE '__diesel%' AND name NOT LIKE 'sqlite_%'",
        )
        .load::<SchemaItem>(c),
        DbConn::Postgres(c) => diesel::sql_query(
            "SELECT 'column' AS kind, table_name || '.' || column_name AS name, \
                    data_type || ' ' || is_nullable || ' ' || COALESCE(column_default, '') AS detail \
               FROM information_schema.columns \
              WHERE table_schema = 'public' AND table_name NOT LIKE '__diesel%' \
             UNION ALL \
             SELECT 'index', indexname, indexdef FROM pg_indexes \
              WHERE schemaname = 'public' AND tablename NOT LIKE '__diesel%' \
             UNION ALL \
             SELECT 'trigger', tgname, pg_get_triggerdef(t.oid) FROM pg_trigger t \
              WHERE NOT tgisinternal \
             UNION ALL \
             SELECT 'function', p.proname, pg_get_functiondef(p.oid) FROM pg_proc p \
               JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'",
        )
        .load::<SchemaItem>(c),
    }
    .expect("read the schema");
    items.sort();
    items
}

/// Every migration goes up, down (newest first, each `down.sql`) and up again on both
/// backends; down leaves nothing behind and the second up builds the same schema.
#[test]
fn every_migration_goes_up_down_and_up_again() {
    use burgerbegroting::db::{self, migrate, DbUrl};
    for test_db in super::helpers::TestDb::all() {
        let backend = test_db.backend;
        let url = DbUrl::parse(&test_db.url).expect("url");
        let mut conn = db::conn::establish(&url).expect("connect");
        let up = migrate::run_pending(&mut conn).expect("first up");
        assert_eq!(
            up.len(),
            names("sqlite").len(),
            "{backend}: every migration applied"
        );
        let first = schema(&mut conn);
        assert!(
            first.iter().any(|i| i.name.starts_with("audit_events")),
            "{backend}: the schema has the audit log"
        );

        let down = migrate::revert_all(&mut conn)
            .unwrap_or_else(|e| panic!("{backend}: a down.sql fails: {e}"));
        let mut newest_first = up.clone();
        newest_first.reverse();
        assert_eq!(down, newest_first, "{backend}: undone newest first");
        let left = schema(&mut conn);
        assert!(left.is_empty(), "{backend}: down left {left:#?}");

        let again = migrate::run_pending(&mut conn).expect("second up");
        assert_eq!(again, up, "{backend}: the same migrations again");
        assert_eq!(schema(&mut conn), first, "{backend}: the same schema again");
    }
}

#[derive(diesel::QueryableByName, Debug)]
struct IndexOf {
    #[diesel(sql_type = diesel::sql_types::Text)]
    name: String,
    #[diesel(sql_type = diesel::sql_types::Bool)]
    keeps_a_rule: bool,
}

/// The tables every ballot writes carry no index but their keys and the unique tracker:
/// their keys are random on purpose, so each further index costs a page more per ballot as
/// turnout grows (ADR 0005, issue 13). An index by round, say, must not come back.
#[test]
fn the_tables_a_ballot_writes_have_only_the_indexes_their_rules_need() {
    use burgerbegroting::db::{self, migrate, DbConn, DbUrl};
    use diesel::RunQueryDsl;
    for test_db in super::helpers::TestDb::all() {
        let backend = test_db.backend;
        let url = DbUrl::parse(&test_db.url).expect("url");
        let mut conn = db::conn::establish(&url).expect("connect");
        migrate::run_pending(&mut conn).expect("up");
        let mut all = Vec::new();
        for table in ["ballots", "ballot_choices", "code_participation"] {
            // A primary key or UNIQUE index keeps a rule (one ballot per code and round, no
            // tracker twice); any other was made for a query.
            let found = match &mut conn {
                DbConn::Sqlite(c) => diesel::sql_query(format!(
                    "SELECT name, origin IN ('pk', 'u') AS keeps_a_rule \
                       FROM pragma_index_list('{table}')"
                ))
                .load::<IndexOf>(c),
                DbConn::Postgres(c) => diesel::sql_query(format!(
                    "SELECT indexname AS name, indexdef LIKE 'CREATE UNIQUE INDEX%' AS keeps_a_rule \
                       FROM pg_indexes WHERE schemaname = 'public' AND tablename = '{table}'"
                ))
                .load::<IndexOf>(c),
            }
            .expect("read the indexes");
            all.extend(found.into_iter().map(|i| (table, i)));
        }
        let for_queries: Vec<String> = all
            .iter()
            .filter(|(_, i)| !i.keeps_a_rule)
            .map(|(t, i)| format!("{t}.{}", i.name))
            .collect();
        assert!(
            for_queries.is_empty(),
            "{backend}: indexes on a ballot's tables that no rule needs: {for_queries:?}"
        );
        // The rules themselves are indexed: ballots by id and by tracker (on SQLite a
        // WITHOUT ROWID table is its primary key and lists only the tracker's index).
        let on_ballots = all.iter().filter(|(t, _)| *t == "ballots").count();
        assert!(
            on_ballots >= 1,
            "{backend}: the tracker's unique index is there"
        );
        assert!(
            all.iter().any(|(t, _)| *t == "code_participation"),
            "{backend}: one participation per code and round is kept by an index"
        );
    }
}
