//! Voting codes: never stored in clear, the stored hash format, one generic answer for
//! unknown / revoked / other-area codes, stored throttling that survives a restart, the
//! CLI's CSV written once, and batch counts without identities.

use burgerbegroting::db::{DbConn, DbPool};
use burgerbegroting::domain::role::Role;
use burgerbegroting::domain::voting_code::{self as vc, VotingCode};
use burgerbegroting::service::ledger as ledger_svc;
use burgerbegroting::service::voting_codes::{self as svc, CodeRefused, RevokeReason};
use burgerbegroting::service::Principal;
use burgerbegroting::service::ServiceError;
use burgerbegroting::startup::Application;
use burgerbegroting::views::codes::{CODE_REFUSED, TOO_MANY_ATTEMPTS};
use diesel::prelude::*;
use diesel::sql_types::{Nullable, Text};

use crate::helpers::{
    admin, bin, clerk, csrf_token, get_location, post_form, round_input, set_cookies, TestApp,
    TestDb,
};

/// Two areas: 't Loo (`t-loo`) and Oosterwolde (`oosterwolde`).
fn two_areas(conn: &mut DbConn) -> (String, String) {
    let a = ledger_svc::create_area(conn, &admin(), "'t Loo", "dorp").expect("area a");
    let b = ledger_svc::create_area(conn, &admin(), "Oosterwolde", "dorp").expect("area b");
    (a.slug, b.slug)
}

fn now() -> chrono::NaiveDateTime {
    burgerbegroting::db::repo::now()
}

#[derive(QueryableByName)]
struct Name {
    #[diesel(sql_type = Text)]
    name: String,
}

#[derive(QueryableByName)]
struct Cell {
    #[diesel(sql_type = Nullable<Text>)]
    v: Option<String>,
}

/// Every value of every column of every table, as text.
pub(crate) fn every_value(conn: &mut DbConn) -> Vec<(String, String, String)> {
    // The (table, column) pairs: the catalogue differs per backend, the cells do not.
    let columns: Vec<(String, String)> = match conn {
        DbConn::Sqlite(c) => {
            let tables: Vec<Name> = diesel::sql_query(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
            )
            .load(c)
            .expect("tables");
            let mut columns = Vec::new();
            for t in tables {
                let cols: Vec<Name> =
                    diesel::sql_query(format!("SELECT name FROM pragma_table_info('{}')", t.name))
                        .load(c)
                        .expect("columns");
                columns.extend(cols.into_iter().map(|col| (t.name.clone(), col.name)));
            }
            columns
        }
        DbConn::Postgres(c) => {
            #[derive(QueryableByName)]
            struct Col {
                #[diesel(sql_type = Text)]
                table_name: String,
                #[diesel(sql_type = Text)]
                column_name: String,
            }
            let cols: Vec<Col> = diesel::sql_query(
                "SELECT table_name::text AS table_name, column_name::text AS column_name \
                 FROM information_schema.columns WHERE table_schema = 'public'",
            )
            .load(c)
            .expect("columns");
            cols.into_iter()
                .map(|col| (col.table_name, col.column_name))
                .collect()
        }
    };
    let mut out = Vec::new();
    for (table, column) in columns {
        let cells: Vec<Cell> = diesel::sql_query(format!(
            "SELECT CAST(\"{column}\" AS TEXT) AS v FROM \"{table}\""
        ))
        .load(conn)
        .expect("cells");
        out.extend(
            cells
                .into_iter()
                .filter_map(|x| x.v)
                .map(|v| (table.clone(), column.clone(), v)),
        );
    }
    out
}

pub(crate) fn assert_no_secret_in(values: &[(String, String, String)], codes: &[VotingCode]) {
    assert!(
        values.iter().any(|(t, _, _)| t == "voting_codes"),
        "the search saw the codes table"
    );
    for code in codes {
        let formatted = code.formatted();
        let plain = format!("{}{}", code.handle(), code.secret());
        for needle in [formatted.as_str(), plain.as_str(), code.secret()] {
            for (t, col, v) in values {
                assert!(
                    !v.to_uppercase().contains(needle),
                    "{t}.{col} contains a plain code or secret"
                );
            }
        }
    }
}

#[test]
fn codes_are_never_stored_in_clear_and_hashes_have_one_format() {
    for db in TestDb::all() {
        let pool = db.pool();
        let mut c = pool.get().expect("conn");
        let (a, _) = two_areas(&mut c);
        let batch = svc::generate_batch(&mut c, &admin(), &a, 2027, 40).expect("batch");
        assert_eq!(batch.codes.len(), 40);
        let mut codes = batch.codes.clone();
        // A replacement, a revocation and an opened voter session add rows of their own.
        let r =
            svc::replace(&mut c, &admin(), codes[0].handle(), RevokeReason::Lost).expect("replace");
        codes.push(r.code.clone());
        svc::revoke(
            &mut c,
            &admin(),
            codes[1].handle(),
            RevokeReason::NotReceived,
        )
        .expect("revoke");
        svc::open_voter_session(&mut c, &codes[2].formatted(), Some(&a), "192.0.2.1", now())
            .expect("session");
        // A failed attempt with a real handle and a wrong secret leaves throttle rows.
        let wrong = format!("{}{}", codes[3].handle(), codes[4].secret());
        assert!(matches!(
            svc::open_voter_session(&mut c, &wrong, None, "192.0.2.2", now()),
            Err(CodeRefused::Refused)
        ));

        let values = every_value(&mut c);
        assert_no_secret_in(&values, &codes);

        // The hash column: one scheme, salt and digest in hex, every salt different.
        let hashes: Vec<&String> = values
            .iter()
            .filter(|(t, col, _)| t == "voting_codes" && col == "secret_hash")
            .map(|(_, _, v)| v)
            .collect();
        assert_eq!(hashes.len(), 41, "{}", db.backend);
        let mut salts = std::collections::HashSet::new();
        for h in &hashes {
            assert!(vc::is_stored_hash(h), "{h}");
            let parts: Vec<&str> = h.split('$').collect();
            assert_eq!(parts.len(), 4, "{h}");
            assert_eq!(parts[1], "bbvc-sha256-v1");
            assert!(parts[2].len() == 32 && parts[2].chars().all(|ch| ch.is_ascii_hexdigit()));
            assert!(parts[3].len() == 64 && parts[3].chars().all(|ch| ch.is_ascii_hexdigit()));
            salts.insert(parts[2].to_string());
        }
        assert_eq!(salts.len(), hashes.len(), "one salt per code");
        // No column anywhere that could hold a person.
        for (t, col, _) in &values {
            let col = col.to_lowercase();
            for personal in ["name", "address", "adres", "bsn", "postcode", "email"] {
                assert!(
                    !(t.contains("code") || t.contains("voter")) || !col.contains(personal),
                    "{t}.{col}"
                );
            }
        }

        // SQLite: not even the file's free pages or the write-ahead log hold a secret.
        if db.backend == "sqlite" {
            drop(c);
            drop(pool);
            let path = db.url.trim_start_matches("sqlite://");
            let mut bytes = std::fs::read(path).expect("db file");
            if let Ok(wal) = std::fs::read(format!("{path}-wal")) {
                bytes.extend(wal);
            }
            let text = String::from_utf8_lossy(&bytes);
            for code in &codes {
                assert!(
                    !text.contains(code.secret()),
                    "raw SQLite file holds a secret"
                );
            }
        }
    }
}

#[test]
fn only_administrators_make_or_list_codes() {
    let db = TestDb::sqlite();
    let pool = db.pool();
    let mut c = pool.get().expect("conn");
    let (a, _) = two_areas(&mut c);
    assert!(matches!(
        svc::generate_batch(&mut c, &clerk(), &a, 2027, 3),
        Err(ServiceError::Forbidden(_))
    ));
    assert!(matches!(
        svc::list_batches(&mut c, &clerk()),
        Err(ServiceError::Forbidden(_))
    ));
    assert!(matches!(
        svc::generate_batch(&mut c, &admin(), "nergensdorp", 2027, 3),
        Err(ServiceError::Invalid { field: "area", .. })
    ));
    assert!(matches!(
        svc::generate_batch(&mut c, &admin(), &a, 2027, 0),
        Err(ServiceError::Invalid { field: "count", .. })
    ));
}

#[test]
fn batches_are_listed_with_counts_and_audited_without_secrets() {
    for db in TestDb::all() {
        let pool = db.pool();
        let mut c = pool.get().expect("conn");
        let (a, b) = two_areas(&mut c);
        let g = svc::generate_batch(&mut c, &admin(), &a, 2027, 5).expect("batch");
        svc::generate_batch(&mut c, &admin(), &b, 2027, 3).expect("batch b");
        svc::revoke(
            &mut c,
            &admin(),
            &g.codes[0].handle().to_lowercase(),
            RevokeReason::Lost,
        )
        .expect("revoke");
        let r = svc::replace(&mut c, &admin(), g.codes[1].handle(), RevokeReason::Damaged)
            .expect("replace");
        // Revoking twice or replacing a revoked code is refused.
        assert!(matches!(
            svc::revoke(&mut c, &admin(), g.codes[0].handle(), RevokeReason::Lost),
            Err(ServiceError::Invalid {
                field: "handle",
                ..
            })
        ));
        assert!(matches!(
            svc::replace(&mut c, &admin(), g.codes[1].handle(), RevokeReason::Lost),
            Err(ServiceError::Invalid {
                field: "handle",
                ..
            })
        ));
        let list = svc::list_batches(&mut c, &admin()).expect("list");
        assert_eq!(list.len(), 2);
        let la = list.iter().find(|x| x.area_slug == a).expect("batch a");
        assert_eq!(
            (la.generated, la.codes, la.active, la.revoked, la.replaced),
            (5, 6, 4, 2, 1),
            "{}",
            db.backend
        );
        let lb = list.iter().find(|x| x.area_slug == b).expect("batch b");
        assert_eq!(
            (lb.generated, lb.codes, lb.active, lb.revoked, lb.replaced),
            (3, 3, 3, 0, 0)
        );
        // The replacement works in its area; the replaced one no longer does.
        assert!(svc::open_voter_session(
            &mut c,
            &r.code.formatted(),
            Some(&a),
            "198.51.100.1",
            now()
        )
        .is_ok());
        assert!(matches!(
            svc::open_voter_session(
                &mut c,
                &g.codes[1].formatted(),
                Some(&a),
                "198.51.100.1",
                now()
            ),
            Err(CodeRefused::Refused)
        ));
        // Audit: generation, revocation and replacement, never a secret.
        let events = burgerbegroting::db::repo::audit::list(&mut c, 0, 1000).expect("audit");
        let actions: Vec<&str> = events.iter().map(|e| e.action.as_str()).collect();
        for want in [
            "voting_codes.batch_generated",
            "voting_code.revoked",
            "voting_code.replaced",
        ] {
            assert!(actions.contains(&want), "{want} in {actions:?}");
        }
        for e in &events {
            for code in g.codes.iter().chain(std::iter::once(&r.code)) {
                assert!(!e.payload.contains(code.secret()));
            }
        }
    }
}

/// POST a code on the page of `area` like a browser; returns (status, body, set-cookie).
/// `post_code` for a code that is refused: the form shows the typed text again, and the
/// page is returned with that one value blanked, so refusals can be compared.
async fn post_code_kept(
    app: &TestApp,
    client: &reqwest::Client,
    typed: &str,
    area: &str,
) -> (u16, String, Vec<String>) {
    let (s, body, cookies) = post_code(app, client, typed, area).await;
    let kept = format!("value=\"{typed}\"");
    assert!(body.contains(&kept), "the typed code is kept: {body}");
    (s, body.replace(&kept, "value=\"\""), cookies)
}

async fn post_code(
    app: &TestApp,
    client: &reqwest::Client,
    code: &str,
    area: &str,
) -> (u16, String, Vec<String>) {
    let (_, page) = app.get(client, &format!("/stemmen?gebied={area}")).await;
    let token = csrf_token(&page);
    let resp = client
        .post(app.url("/stemmen"))
        .form(&[
            ("csrf_token", token.as_str()),
            ("code", code),
            ("gebied", area),
        ])
        .send()
        .await
        .expect("post");
    let status = resp.status().as_u16();
    let cookies = set_cookies(&resp);
    (status, resp.text().await.unwrap_or_default(), cookies)
}

#[actix_web::test]
async fn other_area_revoked_and_unknown_codes_get_the_same_answer() {
    for db in TestDb::all() {
        let backend = db.backend;
        let app = TestApp::spawn_on(db).await;
        let (a, b, codes) = {
            let mut c = app.conn();
            let (a, b) = two_areas(&mut c);
            let g = svc::generate_batch(&mut c, &admin(), &a, 2027, 3).expect("batch");
            svc::revoke(&mut c, &admin(), g.codes[1].handle(), RevokeReason::Lost).expect("revoke");
            (a, b, g.codes)
        };
        let client = app.client();
        // The form keeps what was typed (so one wrong character is corrected, not twenty);
        // apart from that echo every refusal is the same page.
        // The form keeps what was typed (so one wrong character is corrected, not twenty);
        // apart from that echo every refusal is the same page.
        let unknown = VotingCode::generate().formatted();
        let (s_unknown, body_unknown, _) = post_code_kept(&app, &client, &unknown, &b).await;
        let (s_other_area, body_other_area, _) =
            post_code_kept(&app, &client, &codes[0].formatted(), &b).await;
        assert_eq!(s_unknown, 422, "{backend}");
        assert_eq!(
            (s_other_area, &body_other_area),
            (s_unknown, &body_unknown),
            "{backend}: area A code in area B"
        );
        assert!(
            body_unknown.contains(CODE_REFUSED),
            "{backend}: the generic message"
        );
        assert!(
            !body_other_area.contains(codes[0].handle()),
            "nothing but the typed text is echoed"
        );

        // On area A's page: a revoked code and a mistyped one answer like an unknown code.
        let (s_unknown_a, body_unknown_a, _) =
            post_code_kept(&app, &client, &VotingCode::generate().formatted(), &a).await;
        let (s_revoked, body_revoked, _) =
            post_code_kept(&app, &client, &codes[1].formatted(), &a).await;
        let (s_typo, body_typo, _) = post_code_kept(&app, &client, "K7PM-2XQ9", &a).await;
        assert_eq!(
            (s_revoked, &body_revoked),
            (s_unknown_a, &body_unknown_a),
            "{backend}: revoked"
        );
        assert_eq!(
            (s_typo, &body_typo),
            (s_unknown_a, &body_unknown_a),
            "{backend}: malformed"
        );

        // The right area, typed in lower case with spaces: a voter session for area A.
        let typed = codes[2].formatted().to_lowercase().replace('-', " ");
        let (status, _, cookies) = post_code(&app, &client, &typed, &a).await;
        assert_eq!(status, 303, "{backend}");
        let voter = cookies
            .iter()
            .find(|c| c.starts_with("bb_voter="))
            .expect("voter cookie");
        assert!(
            voter.contains("HttpOnly")
                && voter.contains("SameSite=Lax")
                && voter.contains("Path=/"),
            "{voter}"
        );
        let (s, page) = app.get(&client, &format!("/stemmen/{a}")).await;
        assert_eq!(s, 200);
        assert!(
            page.contains("U stemt voor &#39;t Loo") || page.contains("U stemt voor 't Loo"),
            "{page}"
        );
        assert!(page.contains("nog geen stemronde open"));
        // Another area's page sends the resident back to their own.
        let (status, to) = get_location(&app, &client, &format!("/stemmen/{b}")).await;
        assert_eq!(status, 303);
        assert_eq!(to, format!("/stemmen/{a}"));
        // Without a session the area page asks for a code.
        let fresh = app.client();
        let r = fresh
            .get(app.url(&format!("/stemmen/{a}")))
            .send()
            .await
            .expect("get");
        assert_eq!(r.status(), 303);
        // POST without the form token is refused.
        let (status, _) = post_form(
            &app,
            &fresh,
            "/stemmen",
            &[("code", codes[2].formatted().as_str())],
        )
        .await;
        assert_eq!(status, 403);
        // Stopping ends the session.
        let (_, page) = app.get(&client, &format!("/stemmen/{a}")).await;
        let token = csrf_token(&page);
        let (status, _) = post_form(
            &app,
            &client,
            "/stemmen/stoppen",
            &[("csrf_token", token.as_str())],
        )
        .await;
        assert_eq!(status, 303);
        let r = client
            .get(app.url(&format!("/stemmen/{a}")))
            .send()
            .await
            .expect("get");
        assert_eq!(r.status(), 303, "session ended");
    }
}

fn restart(app: &TestApp) -> (String, DbPool) {
    let pool = app.db.pool();
    let server = Application::build_with_pool(app.db.settings(), pool.clone()).expect("second app");
    let base = format!("http://127.0.0.1:{}", server.port());
    actix_web::rt::spawn(server.run_until_stopped());
    (base, pool)
}

#[actix_web::test]
async fn throttling_per_address_holds_after_a_restart() {
    for db in TestDb::all() {
        let backend = db.backend;
        let app = TestApp::spawn_on(db).await;
        let (a, good) = {
            let mut c = app.conn();
            let (a, _) = two_areas(&mut c);
            let g = svc::generate_batch(&mut c, &admin(), &a, 2027, 1).expect("batch");
            (a, g.codes[0].formatted())
        };
        let client = app.client();
        // Ten failures from one address: each gets the generic answer, the tenth blocks.
        for i in 0..10 {
            let (s, _, _) = post_code(&app, &client, &VotingCode::generate().formatted(), &a).await;
            assert_eq!(s, 422, "{backend}: attempt {i}");
        }
        let (s, body, _) = post_code(&app, &client, &good, &a).await;
        assert_eq!(s, 429, "{backend}: blocked, even for the right code");
        assert!(body.contains(TOO_MANY_ATTEMPTS));

        // "Restart": a new server with a new connection pool on the same database.
        let (base, pool) = restart(&app);
        let second = TestApp {
            base,
            pool,
            db: app.db.clone(),
        };
        let (s, _, _) = post_code(&second, &client, &good, &a).await;
        assert_eq!(s, 429, "{backend}: the block survived the restart");

        // After the block the right code works (service with a later clock).
        let mut c = second.conn();
        let later = now() + chrono::Duration::minutes(16);
        assert!(svc::open_voter_session(&mut c, &good, Some(&a), "127.0.0.1", later).is_ok());
    }
}

#[test]
fn throttling_per_handle_blocks_the_code_from_every_address() {
    for db in TestDb::all() {
        let pool = db.pool();
        let mut c = pool.get().expect("conn");
        let (a, _) = two_areas(&mut c);
        let g = svc::generate_batch(&mut c, &admin(), &a, 2027, 2).expect("batch");
        let target = &g.codes[0];
        let t0 = now();
        for i in 0..5 {
            let guess = format!("{}{}", target.handle(), VotingCode::generate().secret());
            let ip = format!("203.0.113.{i}");
            assert!(matches!(
                svc::open_voter_session(&mut c, &guess, None, &ip, t0),
                Err(CodeRefused::Refused)
            ));
        }
        // Blocked for everyone, also with the right secret; other codes are unaffected.
        assert!(matches!(
            svc::open_voter_session(&mut c, &target.formatted(), None, "203.0.113.99", t0),
            Err(CodeRefused::TooManyAttempts)
        ));
        assert!(
            svc::open_voter_session(&mut c, &g.codes[1].formatted(), None, "203.0.113.99", t0)
                .is_ok()
        );
        // An unknown handle is throttled the same way, so blocking reveals nothing.
        let unknown = VotingCode::generate();
        for i in 0..5 {
            let ip = format!("203.0.113.{}", 10 + i);
            let _ = svc::open_voter_session(&mut c, &unknown.formatted(), None, &ip, t0);
        }
        assert!(matches!(
            svc::open_voter_session(&mut c, &unknown.formatted(), None, "203.0.113.98", t0),
            Err(CodeRefused::TooManyAttempts)
        ));
        // A new pool (a restarted process) sees the same block; after 15 minutes it ends.
        drop(c);
        drop(pool);
        let pool = db.pool();
        let mut c = pool.get().expect("conn");
        assert!(matches!(
            svc::open_voter_session(
                &mut c,
                &target.formatted(),
                None,
                "203.0.113.97",
                t0 + chrono::Duration::minutes(1)
            ),
            Err(CodeRefused::TooManyAttempts)
        ));
        let session = svc::open_voter_session(
            &mut c,
            &target.formatted(),
            None,
            "203.0.113.97",
            t0 + chrono::Duration::minutes(16),
        )
        .expect("open after the block");
        assert_eq!(session.area_slug, a);
        // Old buckets are pruned by the hourly housekeeping (not by the code entry
        // itself): nothing about these addresses stays for long.
        let later = t0 + chrono::Duration::hours(2);
        let _ = svc::open_voter_session(&mut c, "x", None, "203.0.113.200", later);
        let before = burgerbegroting::db::repo::throttle::count(&mut c).expect("count");
        assert!(
            before > 1,
            "the code entry leaves the old buckets to the housekeeping"
        );
        burgerbegroting::service::maintenance::prune_expired(&mut c, later).expect("prune");
        let left = burgerbegroting::db::repo::throttle::count(&mut c).expect("count");
        assert_eq!(left, 1, "only the newest failure's bucket is left");
    }
}

#[actix_web::test]
async fn the_admin_page_makes_a_csv_and_lists_counts_only() {
    let app = TestApp::spawn().await;
    let a = {
        let mut c = app.conn();
        two_areas(&mut c).0
    };
    app.add_user("beheer@test.example", Role::Admin);
    app.add_user("clerk@test.example", Role::FinanceClerk);
    let clerk_client = app.login("clerk@test.example").await;
    let (s, _) = app.get(&clerk_client, "/beheer/stemcodes").await;
    assert_eq!(s, 403);

    let c = app.login("beheer@test.example").await;
    let (s, page) = app.get(&c, "/beheer/stemcodes").await;
    assert_eq!(s, 200);
    let token = csrf_token(&page);
    let resp = c
        .post(app.url("/beheer/stemcodes/reeksen"))
        .form(&[
            ("csrf_token", token.as_str()),
            ("area", a.as_str()),
            ("year", "2027"),
            ("count", "12"),
        ])
        .send()
        .await
        .expect("generate");
    assert_eq!(resp.status(), 200);
    let disposition = resp
        .headers()
        .get("content-disposition")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    assert!(
        disposition.starts_with("attachment; filename=\"stemcodes-t-loo-2027-"),
        "{disposition}"
    );
    let csv = resp.text().await.expect("csv");
    assert!(csv.starts_with('\u{feff}'));
    let lines: Vec<&str> = csv
        .trim_start_matches('\u{feff}')
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(lines[0], "handle;code;area");
    assert_eq!(lines.len(), 13);
    let handles: Vec<&str> = lines[1..]
        .iter()
        .map(|l| l.split(';').next().unwrap_or(""))
        .collect();

    let (_, page) = app.get(&c, "/beheer/stemcodes").await;
    assert!(
        page.contains("<td class=\"num\">12</td>"),
        "the count is listed"
    );
    for h in &handles {
        assert!(!page.contains(h), "the list shows no handle");
    }

    // Replace a lost letter: the new code is shown once, the old one is refused.
    let token = csrf_token(&page);
    let resp = c
        .post(app.url("/beheer/stemcodes/vervangen"))
        .form(&[
            ("csrf_token", token.as_str()),
            ("handle", handles[0]),
            ("reason", "lost"),
            ("bevestigd", "ja"),
        ])
        .send()
        .await
        .expect("replace");
    assert_eq!(resp.status(), 200);
    let page = resp.text().await.expect("page");
    assert!(page.contains("Nieuwe stemcode voor"));
    let (status, _) = post_form(
        &app,
        &c,
        "/beheer/stemcodes/intrekken",
        &[
            ("csrf_token", token.as_str()),
            ("handle", "ZZZZ"),
            ("reason", "lost"),
        ],
    )
    .await;
    assert_eq!(status, 422);

    // Two letters vote in a round: the list says 2 used, still without any handle.
    {
        use burgerbegroting::service::rounds::{self as r, Channel, InitiativeInput};
        let mut conn = app.conn();
        let round = r::create_round(
            &mut conn,
            &admin(),
            &round_input(a.clone(), 2027, 1, "Voorjaar", 100_000),
        )
        .expect("round");
        let plan = r::submit_initiative(
            &mut conn,
            &admin(),
            &round.round.id,
            &InitiativeInput {
                title: "Bankjes".into(),
                summary: "Twee bankjes".into(),
                amount_cents: 50_000,
                taakveld: "5.7".into(),
            },
        )
        .expect("plan");
        crate::helpers::nominate(&mut conn, &admin(), &plan.id).expect("ok");
        crate::helpers::fund_pool(&mut conn, &round.area.slug, round.round.budget_cents);
        r::open_voting(&mut conn, &admin(), &round.round.id).expect("open");
        for h in &handles[1..3] {
            r::cast(
                &mut conn,
                &Principal::resident(),
                &round.round.id,
                Channel::Online { handle: h },
                &[plan.id.to_string()],
            )
            .expect("ballot");
        }
    }
    let (_, page) = app.get(&c, "/beheer/stemcodes").await;
    assert!(page.contains("Gebruikt om te stemmen"));
    let row = page
        .split("<tr>")
        .find(|r| r.contains("t Loo") && r.contains("<td class=\"num\">2027</td>"))
        .expect("the batch row");
    let cells: Vec<&str> = row
        .split("<td class=\"num\">")
        .skip(1)
        .map(|c| c.split('<').next().unwrap_or(""))
        .collect();
    // Jaar, made, valid, revoked, replaced, used.
    assert_eq!(cells, vec!["2027", "12", "12", "1", "1", "2"], "{row}");
    for h in &handles {
        assert!(!page.contains(h), "the list shows no handle");
    }
}

#[test]
fn the_cli_writes_the_csv_once_and_refuses_to_overwrite() {
    let db = TestDb::sqlite();
    {
        let pool = db.pool();
        let mut c = pool.get().expect("conn");
        two_areas(&mut c);
    }
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path().join("codes.csv");
    let run = || {
        bin()
            .args([
                "codes",
                "generate",
                "--area",
                "oosterwolde",
                "--year",
                "2027",
                "--count",
                "25",
                "--out",
            ])
            .arg(&out)
            .args(["--database", &db.url])
            .output()
            .expect("run")
    };
    let first = run();
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let bytes = std::fs::read(&out).expect("csv");
    assert!(
        bytes.starts_with(&[0xEF, 0xBB, 0xBF]),
        "UTF-8 byte order mark for Excel"
    );
    let text = String::from_utf8(bytes[3..].to_vec()).expect("utf-8");
    let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines[0], "handle;code;area");
    assert_eq!(lines.len(), 26);
    for l in &lines[1..] {
        let f: Vec<&str> = l.split(';').collect();
        assert_eq!(f.len(), 3, "{l}");
        let code = VotingCode::parse(f[1]).expect("a code");
        assert_eq!(code.handle(), f[0]);
        assert_eq!(f[2], "Oosterwolde");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "only the owner may read the codes");
    }
    let before = std::fs::read(&out).expect("csv");
    let second = run();
    assert!(!second.status.success(), "a second run must not overwrite");
    assert_eq!(std::fs::read(&out).expect("csv"), before, "file unchanged");
    let pool = db.pool();
    let mut c = pool.get().expect("conn");
    let list = svc::list_batches(&mut c, &admin()).expect("list");
    assert_eq!(list.len(), 1, "the refused run made no batch");
    assert_eq!(list[0].generated, 25);
    let codes: Vec<VotingCode> = lines[1..]
        .iter()
        .filter_map(|l| l.split(';').nth(1))
        .filter_map(|c| VotingCode::parse(c).ok())
        .collect();
    assert_no_secret_in(&every_value(&mut c), &codes);
}

#[test]
fn voter_sessions_end_at_expiry_and_when_the_code_is_revoked() {
    for db in TestDb::all() {
        let pool = db.pool();
        let mut c = pool.get().expect("conn");
        let (a, _) = two_areas(&mut c);
        let g = svc::generate_batch(&mut c, &admin(), &a, 2027, 2).expect("batch");
        let t0 = now();
        let s = svc::open_voter_session(&mut c, &g.codes[0].formatted(), None, "192.0.2.7", t0)
            .expect("session");
        assert_eq!((s.area_slug.as_str(), s.year), (a.as_str(), 2027));
        let v = svc::voter(&mut c, &s.token, t0 + chrono::Duration::minutes(59))
            .expect("lookup")
            .expect("still valid");
        assert_eq!(v.handle, g.codes[0].handle());
        assert!(
            svc::voter(&mut c, &s.token, t0 + chrono::Duration::minutes(60))
                .expect("lookup")
                .is_none()
        );
        assert!(svc::voter(&mut c, "not a token", t0)
            .expect("lookup")
            .is_none());
        // Revoking the code ends a live session at once.
        let s2 = svc::open_voter_session(&mut c, &g.codes[1].formatted(), None, "192.0.2.7", t0)
            .expect("session");
        svc::revoke(&mut c, &admin(), g.codes[1].handle(), RevokeReason::Lost).expect("revoke");
        assert!(svc::voter(&mut c, &s2.token, t0).expect("lookup").is_none());
        // The token itself is not stored, only its hash.
        let values = every_value(&mut c);
        assert!(values.iter().all(|(_, _, v)| !v.contains(&s.token)));
    }
}
