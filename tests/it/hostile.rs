//! Hostile input on every route, over real HTTP: bodies of 10 MB, invalid UTF-8, control
//! characters, script and formula strings and amounts at and past the bound in every path
//! parameter, query parameter and form or JSON field. The routes come from the router
//! (`routes::served`), the field names from the handlers' own form and query structs, so a
//! new route or field is covered without being listed here.
//!
//! What must hold: no answer is a 5xx (and the server keeps answering), and an answer that
//! refuses (4xx) leaves the database as it was, apart from the tables that record attempts
//! themselves (sessions, throttles, login tickets).

use std::collections::{BTreeMap, BTreeSet};

use burgerbegroting::db::DbConn;
use burgerbegroting::domain::money::MAX_AMOUNT_CENTS;
use burgerbegroting::domain::role::Role;
use burgerbegroting::service::Principal;
use diesel::RunQueryDsl;
use reqwest::{Client, Method};
use sha2::{Digest, Sha256};

use crate::helpers::*;
use crate::routes::{self, Route};

/// Tables that change on a refused request by design: a failed login counts in the
/// throttle, a session records when it was last used, a login ticket or voter session may
/// start or end. The audit signer's tables change on their own clock.
const ATTEMPT_TABLES: [&str; 7] = [
    "sessions",
    "throttle_buckets",
    "login_tickets",
    "voter_sessions",
    "audit_checkpoints",
    "audit_signer",
    "write_lock",
];

/// The strings sent in every parameter and field.
fn hostile_values() -> Vec<String> {
    let max = MAX_AMOUNT_CENTS;
    let mut v: Vec<String> = [
        "",
        " ",
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "=HYPERLINK(\"http://evil.example\",\"klik\")",
        "=1+1",
        "+31 6 1234",
        "-2+3",
        "@SUM(A1:A9)",
        "\t=1",
        "\r=1",
        "a\u{0}b",
        "\u{1}\u{7}\u{8}\u{1b}[31m\u{7f}",
        "regel\nregel\r\nregel",
        "\u{202e}txt.exe",
        "\u{feff}\u{200b}",
        "𝕏😀\u{fffd}",
        "' OR '1'='1' --",
        "\"; DROP TABLE users; --",
        "../../../etc/passwd",
        "//evil.example",
        "/\t/evil.example",
        "%00",
        "-1",
        "0",
        "9223372036854775807",
        "-9223372036854775808",
        "99999999999999999999999",
        "1e308",
        "NaN",
        "0,001",
        "2026-13-45",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    // Amounts at and past the bound, in cents and as euros the forms read.
    for cents in [max, max + 1, max * 10] {
        v.push(cents.to_string());
        v.push(format!("{},{:02}", cents / 100, cents % 100));
        v.push(format!("€ {}.{:02}", cents / 100, cents % 100));
    }
    v.push("x".repeat(100_000));
    v
}

/// Percent-encodes every byte but ASCII letters and digits.
fn enc(s: &[u8]) -> String {
    s.iter()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (*b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// The names of every field of the handlers' Deserialize structs in `src/web` (forms,
/// queries, JSON bodies), with serde renames applied.
fn field_names() -> BTreeSet<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/web");
    let mut names = BTreeSet::new();
    for entry in std::fs::read_dir(&dir).expect("src/web").flatten() {
        let source = std::fs::read_to_string(entry.path()).expect("source");
        let flat = crate::helpers::flat_source(&source);
        for piece in flat.split("#[derive(").skip(1) {
            let (derives, rest) = piece.split_once(")]").unwrap_or(("", ""));
            if !derives.contains("Deserialize") {
                continue;
            }
            // Skip further attributes up to `struct Name{`.
            let Some(at) = rest.find("struct") else {
                continue;
            };
            let rest = &rest[at..];
            let (Some(open), Some(close)) = (rest.find('{'), rest.find('}')) else {
                continue;
            };
            if close < open || rest[..open].contains(';') {
                continue;
            }
            for field in rest[open + 1..close].split(',') {
                let mut field = field;
                let mut rename = None;
                while let Some(attr) = field.strip_prefix("#[") {
                    let (inner, after) = attr.split_once(']').unwrap_or(("", ""));
                    if let Some(r) = inner.split("rename=\"").nth(1) {
                        rename = r.split('"').next().map(str::to_string);
                    }
                    field = after;
                }
                let field = field
                    .trim_start_matches("pub(crate)")
                    .trim_start_matches("pub");
                if let Some((name, _)) = field.split_once(':') {
                    if !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_') {
                        names.insert(rename.unwrap_or_else(|| name.to_string()));
                    }
                }
            }
        }
    }
    names
}

#[derive(diesel::QueryableByName)]
struct Name {
    #[diesel(sql_type = diesel::sql_types::Text)]
    name: String,
}

#[derive(diesel::QueryableByName)]
struct Row {
    #[diesel(sql_type = diesel::sql_types::Text)]
    row: String,
}

/// A digest of the content of every table (rows as text, sorted), attempt tables left out.
fn snapshot(c: &mut DbConn) -> BTreeMap<String, String> {
    let tables: Vec<Name> = match c {
        DbConn::Sqlite(c) => diesel::sql_query(
            "SELECT name FROM sqlite_master WHERE type = 'table' \
             AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__diesel%'",
        )
        .load(c),
        DbConn::Postgres(c) => diesel::sql_query(
            "SELECT tablename::text AS name FROM pg_tables \
             WHERE schemaname = 'public' AND tablename NOT LIKE '__diesel%'",
        )
        .load(c),
    }
    .expect("tables");
    let mut out = BTreeMap::new();
    for t in tables {
        if ATTEMPT_TABLES.contains(&t.name.as_str()) {
            continue;
        }
        let rows: Vec<Row> = match c {
            DbConn::Sqlite(c) => {
                let cols: Vec<Name> =
                    diesel::sql_query(format!("SELECT name FROM pragma_table_info('{}')", t.name))
                        .load(c)
                        .expect("columns");
                let expr = cols
                    .iter()
                    .map(|col| format!("quote(\"{}\")", col.name))
                    .collect::<Vec<_>>()
                    .join(" || '|' || ");
                diesel::sql_query(format!("SELECT {expr} AS row FROM \"{}\"", t.name)).load(c)
            }
            DbConn::Postgres(c) => {
                diesel::sql_query(format!("SELECT t::text AS row FROM \"{}\" t", t.name)).load(c)
            }
        }
        .expect("rows");
        let mut rows: Vec<String> = rows.into_iter().map(|r| r.row).collect();
        rows.sort();
        let mut h = Sha256::new();
        for r in &rows {
            h.update(r.as_bytes());
            h.update([0]);
        }
        out.insert(
            t.name,
            format!("{} rows {}", rows.len(), hex::encode(h.finalize())),
        );
    }
    out
}

/// A signed-in (or anonymous) browser with the CSRF token its forms carry.
struct Browser {
    client: Client,
    token: String,
    /// Staff email to sign in again with when a route ended the session.
    email: Option<String>,
}

struct Run<'a> {
    app: &'a TestApp,
    ids: BTreeMap<&'static str, String>,
    failures: Vec<String>,
    requests: usize,
    /// The database as the last request left it.
    last: BTreeMap<String, String>,
}

impl Run<'_> {
    /// Sends one request; a 5xx, a server that stops answering, or a refused request that
    /// changed the database is a failure.
    async fn send(&mut self, label: &str, rb: reqwest::RequestBuilder) -> Option<u16> {
        self.requests += 1;
        let before = std::mem::take(&mut self.last);
        // Each request from its own address (behind the trusted proxy), so that the
        // throttles do not hide what lies behind them, nor lock out the test's own login.
        let from = format!("2001:db8:{:x}::1", self.requests);
        let result = rb.header("X-Forwarded-For", from).send().await;
        let status = match result {
            Ok(r) => {
                let s = r.status().as_u16();
                let _ = r.bytes().await;
                Some(s)
            }
            // A server may close the connection on a body it refuses before reading it;
            // it must still answer the next request.
            Err(_) => None,
        };
        let alive = self
            .app
            .client()
            .get(self.app.url("/health"))
            .send()
            .await
            .is_ok_and(|r| r.status() == 200);
        if !alive {
            self.failures
                .push(format!("{label}: the server stopped answering"));
        }
        let after = snapshot(&mut self.app.conn());
        let changed: Vec<&String> = after
            .iter()
            .filter(|(k, v)| before.get(*k) != Some(*v))
            .map(|(k, _)| k)
            .collect();
        match status {
            Some(s) if s >= 500 => self.failures.push(format!("{label}: {s}")),
            Some(s) if s >= 400 && !changed.is_empty() => self
                .failures
                .push(format!("{label}: refused with {s} but changed {changed:?}")),
            None if !changed.is_empty() => self.failures.push(format!(
                "{label}: connection closed but the database changed {changed:?}"
            )),
            _ => {}
        }
        self.last = after;
        status
    }

    /// A real value for a path parameter, chosen by the segment before it.
    fn real(&self, route: &Route, param: &str) -> String {
        let segments: Vec<&str> = route.path.split('/').collect();
        let at = segments
            .iter()
            .position(|s| *s == format!("{{{param}}}"))
            .unwrap_or(0);
        let before = if at > 0 { segments[at - 1] } else { "" };
        let key = match (param, before) {
            ("slug" | "area", _) => "area",
            ("plan", _) => "plan",
            (_, "gebruikers") => "user",
            (_, "rollen") => "role",
            (_, "overboekingen" | "transfers") => "transfer",
            (_, "begrotingsposten" | "budget-lines") => "line",
            (_, "rondes" | "rounds") => "round",
            _ => "round",
        };
        self.ids.get(key).cloned().unwrap_or_default()
    }
}

/// Signs a staff browser in through the page forms.
async fn staff_browser(app: &TestApp, email: &str) -> Browser {
    let client = app.login(email).await;
    let (_, html) = app.get(&client, "/account").await;
    Browser {
        client,
        token: csrf_token(&html),
        email: Some(email.to_string()),
    }
}

/// An anonymous browser with the pre-session token of the anonymous forms.
async fn anonymous_browser(app: &TestApp) -> Browser {
    let client = app.client();
    let (_, html) = app.get(&client, "/inloggen").await;
    Browser {
        client,
        token: csrf_token(&html),
        email: None,
    }
}

/// Signs the browser in again when a route (a login form, sign-out) ended its session;
/// true when it did.
async fn keep_signed_in(app: &TestApp, b: &mut Browser) -> bool {
    let Some(email) = b.email.clone() else {
        return false;
    };
    let (status, _) = app.get(&b.client, "/account").await;
    if status == 200 {
        return false;
    }
    *b = staff_browser(app, &email).await;
    true
}

/// A round in voting with a nominated plan, a victim user with a role, a transfer; the ids.
fn world(app: &TestApp) -> BTreeMap<&'static str, String> {
    use burgerbegroting::service::rounds::InitiativeInput;
    let mut c = app.conn();
    let small = seed_small(&mut c);
    fund_pool(&mut c, &small.pools[0].slug, 150_000);
    let (round, plan) = round_in_voting(
        &mut c,
        &round_input(small.pools[0].slug.clone(), 2027, 2, "Voorjaar", 150_000),
        &InitiativeInput {
            title: "Bankjes".into(),
            summary: "Drie bankjes".into(),
            amount_cents: 90_000,
            taakveld: "5.7".into(),
        },
    );
    let victim = burgerbegroting::service::auth::add_user(
        &mut c,
        &Principal::cli(),
        "slachtoffer@test.example",
        "Slachtoffer",
        Role::Council,
        PASSWORD,
    )
    .expect("victim");
    let sql = format!(
        "SELECT CAST(id AS TEXT) AS name FROM user_roles WHERE user_id = '{}'",
        victim.id
    );
    let role: Vec<Name> = match &mut *c {
        DbConn::Sqlite(c) => diesel::sql_query(&sql).load(c),
        DbConn::Postgres(c) => diesel::sql_query(&sql).load(c),
    }
    .expect("role id");
    let transfer = burgerbegroting::service::ledger::propose_transfer(
        &mut c,
        &clerk(),
        &burgerbegroting::service::ledger::TransferInput {
            id: uuid::Uuid::new_v4(),
            kind: None,
            from_account: small.lines[0].account_id.clone(),
            to_account: small.pools[1].account_id.clone(),
            amount_cents: 10_000,
            memo: "Wacht op goedkeuring".into(),
            decision_ref: Some("RB-9".into()),
        },
    )
    .expect("transfer");
    let mut ids = BTreeMap::new();
    ids.insert("area", small.pools[0].slug.clone());
    ids.insert("plan", plan.id.to_string());
    ids.insert("user", victim.id.to_string());
    ids.insert(
        "role",
        role.into_iter().next().map(|r| r.name).unwrap_or_default(),
    );
    ids.insert("transfer", transfer.id.to_string());
    ids.insert("line", small.lines[1].id.to_string());
    ids.insert("round", round.round.id.to_string());
    ids
}

/// The body of a form with every known field set to `value`, and the CSRF token.
fn form_body(fields: &BTreeSet<String>, value: &[u8], token: &str) -> String {
    let mut parts = vec![format!("csrf_token={}", enc(token.as_bytes()))];
    for f in fields {
        if f != "csrf_token" {
            parts.push(format!("{f}={}", enc(value)));
        }
    }
    parts.join("&")
}

fn json_body(fields: &BTreeSet<String>, value: &str) -> String {
    let mut m = serde_json::Map::new();
    for f in fields {
        m.insert(f.clone(), serde_json::Value::String(value.to_string()));
    }
    serde_json::Value::Object(m).to_string()
}

/// Every route, every hostile value, every parameter and field: no 5xx, no half change.
#[actix_web::test]
async fn hostile_input_on_every_route_gets_no_5xx_and_changes_nothing_when_refused() {
    for db in TestDb::all() {
        let backend = db.backend;
        // Behind a trusted proxy (this test's loopback), so each request can name its own
        // client address.
        let mut settings = db.settings();
        settings.trusted_proxies = vec!["127.0.0.1".into(), "::1".into()];
        let app = TestApp::spawn_with(db, settings).await;
        app.add_user("super@test.example", Role::Admin);
        {
            let mut c = app.conn();
            let user =
                burgerbegroting::db::repo::users::find_by_email(&mut c, "super@test.example")
                    .expect("query")
                    .expect("user");
            for role in [Role::FinanceClerk, Role::FinanceApprover, Role::Council] {
                burgerbegroting::service::users::grant_role(&mut c, &admin(), &user.id, role, None)
                    .expect("grant");
            }
        }
        let ids = world(&app);
        let routes = routes::served();
        let fields = field_names();
        assert!(
            fields.contains("csrf_token") && fields.contains("amount_cents"),
            "{fields:?}"
        );
        let values = hostile_values();
        let mut run = Run {
            app: &app,
            ids,
            failures: Vec::new(),
            requests: 0,
            last: BTreeMap::new(),
        };
        run.last = snapshot(&mut app.conn());
        let mut sup = staff_browser(&app, "super@test.example").await;
        let mut anon = anonymous_browser(&app).await;

        for route in &routes {
            let method = Method::from_bytes(route.method.as_bytes()).expect("method");
            let real = route.fill(|p| run.real(route, p));
            let is_get = route.method == "GET";
            for b in [&mut sup, &mut anon] {
                if keep_signed_in(&app, b).await {
                    // The test's own new login is no change the next request made.
                    run.last = snapshot(&mut app.conn());
                }
                // Anonymous callers are refused before most input is read: fewer values.
                let values: Vec<&String> = if b.email.is_some() {
                    values.iter().collect()
                } else {
                    values.iter().step_by(4).collect()
                };
                // The page session serves the API too; its CSRF token is the same.
                let token = b.token.clone();
                let who = if b.email.is_some() {
                    "staff"
                } else {
                    "anonymous"
                };
                // Hostile path parameters (raw and invalid UTF-8 too).
                for p in route.params() {
                    let mut raw: Vec<Vec<u8>> = values
                        .iter()
                        .step_by(2)
                        .map(|v| v.as_bytes().to_vec())
                        .collect();
                    raw.push(vec![0xff, 0xfe]);
                    raw.push(b"\xc3\x28".to_vec());
                    for v in raw {
                        let path =
                            route.fill(|q| if q == p { enc(&v) } else { run.real(route, q) });
                        let rb = b
                            .client
                            .request(method.clone(), app.url(&path))
                            .header("X-CSRF-Token", &token);
                        run.send(&format!("{who} {} {path}", route.method), rb)
                            .await;
                    }
                }
                // Every field and query parameter hostile at once, one value at a time.
                let mut raw: Vec<Vec<u8>> = values.iter().map(|v| v.as_bytes().to_vec()).collect();
                raw.push(vec![0xff, 0xfe, 0xfd]);
                for v in &raw {
                    let label = format!(
                        "{who} {} {real} with {:?}",
                        route.method,
                        String::from_utf8_lossy(&v[..v.len().min(40)])
                    );
                    let rb = if is_get {
                        let q = form_body(&fields, v, &token);
                        b.client.get(app.url(&format!("{real}?{q}")))
                    } else if route.is_api() {
                        let body = match std::str::from_utf8(v) {
                            Ok(s) => json_body(&fields, s).into_bytes(),
                            Err(_) => v.clone(),
                        };
                        b.client
                            .request(method.clone(), app.url(&real))
                            .header("X-CSRF-Token", &token)
                            .header("content-type", "application/json")
                            .body(body)
                    } else {
                        b.client
                            .request(method.clone(), app.url(&real))
                            .header("content-type", "application/x-www-form-urlencoded")
                            .body(form_body(&fields, v, &token))
                    };
                    run.send(&label, rb).await;
                }
                if is_get {
                    continue;
                }
                // Bodies of 10 MB: a form, JSON, a multipart upload; and raw invalid UTF-8.
                let big = vec![b'a'; 10 * 1024 * 1024];
                let mut form = format!("csrf_token={}&naam=", enc(token.as_bytes())).into_bytes();
                form.extend_from_slice(&big);
                let mut json = b"{\"memo\":\"".to_vec();
                json.extend_from_slice(&big);
                json.extend_from_slice(b"\"}");
                let boundary = "hostileboundary";
                let mut multipart = format!(
                    "--{boundary}\r\ncontent-disposition: form-data; name=\"csrf_token\"\r\n\r\n{token}\r\n\
                     --{boundary}\r\ncontent-disposition: form-data; name=\"bestand\"; filename=\"x.csv\"\r\n\r\n"
                )
                .into_bytes();
                multipart.extend_from_slice(&big);
                multipart.extend_from_slice(b"extra");
                multipart.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
                for (kind, ct, body) in [
                    (
                        "form",
                        "application/x-www-form-urlencoded".to_string(),
                        form,
                    ),
                    ("json", "application/json".to_string(), json),
                    (
                        "multipart",
                        format!("multipart/form-data; boundary={boundary}"),
                        multipart,
                    ),
                    (
                        "invalid UTF-8",
                        "application/x-www-form-urlencoded".to_string(),
                        [
                            b"csrf_token=".as_slice(),
                            token.as_bytes(),
                            b"&naam=\xff\xfe\x00",
                        ]
                        .concat(),
                    ),
                ] {
                    let rb = b
                        .client
                        .request(method.clone(), app.url(&real))
                        .header("X-CSRF-Token", &token)
                        .header("content-type", ct)
                        .body(body);
                    run.send(&format!("{who} {} {real} {kind} body", route.method), rb)
                        .await;
                }
            }
        }
        assert!(
            run.failures.is_empty(),
            "{backend}: {} of {} hostile requests failed:\n{}",
            run.failures.len(),
            run.requests,
            run.failures.join("\n")
        );
        assert!(
            run.requests > 1000,
            "{backend}: only {} requests",
            run.requests
        );
    }
}
