//! Test databases, a running application and a browser-like HTTP client.

#![allow(dead_code)]

use std::sync::Arc;

use burgerbegroting::config::Settings;
use burgerbegroting::db::{self, DbConn, DbPool, DbUrl};
use burgerbegroting::domain::audit::Actor;
use burgerbegroting::domain::ids::{RoundId, UserId};
use burgerbegroting::domain::ledger_import::ImportOptions;
use burgerbegroting::domain::role::Role;
use burgerbegroting::domain::round::{BallotRule, CountRule, Plan};
use burgerbegroting::domain::sealed_secret::SecretSealer;
use burgerbegroting::service::ledger as svc;
use burgerbegroting::service::rounds::{self, InitiativeInput, RoundInput, RoundView};
use burgerbegroting::service::{auth, Principal};
use burgerbegroting::startup::Application;
use diesel::connection::SimpleConnection;

/// A database that exists for one test only.
pub struct TestDb {
    pub url: String,
    pub backend: &'static str,
    _dir: Option<tempfile::TempDir>,
    pg_drop: Option<(String, String)>,
}

impl TestDb {
    pub fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("test.db");
        TestDb {
            url: format!("sqlite://{}", path.display()),
            backend: "sqlite",
            _dir: Some(dir),
            pg_drop: None,
        }
    }

    /// A fresh PostgreSQL database when TEST_DATABASE_URL is set.
    pub fn postgres() -> Option<TestDb> {
        let base = std::env::var("TEST_DATABASE_URL").ok()?;
        let name = format!("bb_test_{}", uuid::Uuid::new_v4().simple());
        let (prefix, _) = base
            .rsplit_once('/')
            .expect("TEST_DATABASE_URL has a database path");
        let url = format!("{prefix}/{name}");
        let mut admin = match DbUrl::parse(&base).and_then(|u| db::conn::establish(&u)) {
            Ok(c) => c,
            Err(e) => panic!("TEST_DATABASE_URL is set but unusable: {e}"),
        };
        admin
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .expect("create test database");
        // PostgreSQL needs a configured secrets key file (no database file to put it beside).
        let dir = tempfile::tempdir().expect("temp dir");
        burgerbegroting::keys::KeyFile::generate("test-secrets")
            .and_then(|k| k.write_new(&dir.path().join("secrets.key")))
            .expect("secrets key file");
        Some(TestDb {
            url,
            backend: "postgres",
            _dir: Some(dir),
            pg_drop: Some((base, name)),
        })
    }

    /// SQLite always; PostgreSQL too when TEST_DATABASE_URL is set.
    pub fn all() -> Vec<TestDb> {
        let mut v = vec![TestDb::sqlite()];
        if let Some(pg) = TestDb::postgres() {
            v.push(pg);
        }
        v
    }

    pub fn settings(&self) -> Settings {
        Settings {
            bind: "127.0.0.1:0".into(),
            database_url: self.url.clone(),
            pool_size: Some(8),
            // SQLite: unset, so the key file beside the database is used (the default).
            secrets_key_file: match (self.backend, &self._dir) {
                ("postgres", Some(dir)) => Some(dir.path().join("secrets.key")),
                _ => None,
            },
            ..Settings::default()
        }
    }

    /// The sealer the application uses for second-factor secrets of this database.
    pub fn sealer(&self) -> SecretSealer {
        burgerbegroting::startup::secret_sealer(&self.settings()).expect("secrets key")
    }

    pub fn pool(&self) -> DbPool {
        burgerbegroting::startup::prepare_database(&self.settings()).expect("migrated pool")
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some((base, name)) = self.pg_drop.take() {
            if let Ok(mut c) = DbUrl::parse(&base).and_then(|u| db::conn::establish(&u)) {
                let _ = c.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
            }
        }
    }
}

/// An area coordinator of one area.
pub fn coordinator_of(area_id: &str) -> Principal {
    let mut p = staff("coord", &[Role::AreaCoordinator]);
    p.coordinator_areas = vec![area_id.into()];
    p
}

pub fn staff(id: &str, roles: &[Role]) -> Principal {
    Principal {
        actor: Actor::User {
            id: id.into(),
            email: format!("{id}@test.example"),
        },
        roles: roles.to_vec(),
        coordinator_areas: Vec::new(),
    }
}

pub fn clerk() -> Principal {
    staff("clerk", &[Role::FinanceClerk])
}
pub fn approver() -> Principal {
    staff("approver", &[Role::FinanceApprover])
}
pub fn approver2() -> Principal {
    staff("approver2", &[Role::FinanceApprover])
}
pub fn admin() -> Principal {
    staff("admin", &[Role::Admin])
}

/// Accounts of a small municipality made by `seed_small`.
pub struct Small {
    pub lines: Vec<svc::BudgetLineView>,
    pub pools: Vec<svc::PoolView>,
    pub corporation: svc::FunderView,
}

pub const SMALL_LEDGER: &str = "year,code,name,taakveld,funder,amount\n\
2025,GR-01,Openbaar groen,5.7,,50000.00\n\
2025,WG-01,Wegen,2.1,,30000.00\n\
2025,SP-01,Sportaccommodaties,5.2,,10000.50\n";

pub fn seed_small(conn: &mut DbConn) -> Small {
    svc::create_funder(conn, &admin(), "Gemeente Testdorp", "municipality").expect("funder");
    let corporation =
        svc::create_funder(conn, &admin(), "Woonstichting Test", "housing_corporation")
            .expect("corp");
    for name in ["'t Loo", "Oosterwolde", "Wezep"] {
        svc::create_area(conn, &admin(), name, "dorp").expect("area");
    }
    svc::import_ledger(
        conn,
        &clerk(),
        "small.csv",
        SMALL_LEDGER.as_bytes(),
        &ImportOptions::default(),
    )
    .expect("import");
    // In file order: GR-01 (50.000,00), WG-01 (30.000,00), SP-01 (10.000,50).
    let all = svc::list_budget_lines(conn, &crate::helpers::reader(), Some(2025)).expect("lines");
    let lines = ["GR-01", "WG-01", "SP-01"]
        .iter()
        .map(|code| all.iter().find(|l| l.code == *code).cloned().expect("line"))
        .collect();
    Small {
        lines,
        pools: svc::pools(conn, &crate::helpers::reader()).expect("pools"),
        corporation,
    }
}

/// A running application on a free port with its own database.
pub struct TestApp {
    pub base: String,
    pub pool: DbPool,
    pub db: Arc<TestDb>,
}

impl TestApp {
    pub async fn spawn_on(db: TestDb) -> TestApp {
        let settings = db.settings();
        TestApp::spawn_with(db, settings).await
    }

    /// A running application with settings of the test's own (start from `db.settings()`
    /// and change what the test is about: a theme, a signing key, trusted proxies).
    pub async fn spawn_with(db: TestDb, settings: Settings) -> TestApp {
        let pool = db.pool();
        let app = Application::build_with_pool(settings, pool.clone()).expect("app");
        let base = format!("http://127.0.0.1:{}", app.port());
        actix_web::rt::spawn(app.run_until_stopped());
        TestApp {
            base,
            pool,
            db: Arc::new(db),
        }
    }

    /// A running application whose pool counts its statements (see
    /// `db::statement_counts`), with those counts. The scheduled jobs run on another pool.
    pub async fn spawn_counted(
        db: TestDb,
    ) -> (
        TestApp,
        Arc<burgerbegroting::db::statement_counts::StatementCounts>,
    ) {
        drop(db.pool()); // migrates
        let counts = Arc::default();
        let url = DbUrl::parse(&db.url).expect("url");
        let pool = db::conn::build_counted_pool(&url, 8, Arc::clone(&counts)).expect("pool");
        let settings = db.settings();
        // The scheduled jobs (one wakes at start) on a pool of their own: what is counted
        // is what requests and the test itself send.
        let app = Application::build_with_pool(settings, pool.clone())
            .expect("app")
            .scheduled_work_on(db.pool());
        let base = format!("http://127.0.0.1:{}", app.port());
        actix_web::rt::spawn(app.run_until_stopped());
        let app = TestApp {
            base,
            pool,
            db: Arc::new(db),
        };
        (app, counts)
    }

    pub async fn spawn() -> TestApp {
        TestApp::spawn_on(TestDb::sqlite()).await
    }

    pub fn conn(&self) -> diesel::r2d2::PooledConnection<burgerbegroting::db::conn::Manager> {
        self.pool.get().expect("connection")
    }

    pub fn sealer(&self) -> SecretSealer {
        self.db.sealer()
    }

    /// Make an account with a password and, for staff, an authenticator app set up
    /// (the default settings require it); returns the email.
    pub fn add_user(&self, email: &str, role: Role) -> String {
        let mut c = self.conn();
        let user =
            auth::add_user(&mut c, &Principal::cli(), email, "", role, PASSWORD).expect("user");
        if role.is_staff() {
            enrol_second_factor(&mut c, &self.sealer(), &user.id);
        }
        email.to_string()
    }

    /// An authenticator code of a user that the server will accept now: the code of the
    /// current step, or of the next one when the current was used already (a code works
    /// once). When a test signs one account in more often than that allows within a
    /// minute, the stored last step is moved back, standing for the half minute a person
    /// would wait for the next code.
    pub fn code_for(&self, email: &str) -> String {
        let mut c = self.conn();
        let user = burgerbegroting::db::repo::users::find_by_email(&mut c, email)
            .expect("query")
            .expect("user");
        let secret = auth::totp_secret_of(&mut c, &self.sealer(), &user.id)
            .expect("query")
            .expect("secret");
        let now = burgerbegroting::db::repo::now();
        let current = auth::time_step(now);
        let mut step = user
            .totp_last_step
            .map_or(current, |last| (last + 1).max(current));
        if step > current + 1 {
            burgerbegroting::db::repo::users::set_totp_last_step(&mut c, &user.id, current - 1)
                .expect("step back");
            step = current;
        }
        code_at_step(&secret, &user.email, step)
    }

    pub fn client(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client")
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// Sign in through the login form like a browser; returns the client.
    pub async fn login(&self, email: &str) -> reqwest::Client {
        let c = self.client();
        self.login_with(&c, email).await;
        c
    }

    /// Sign in with an existing client (its cookies are sent along).
    pub async fn login_with(&self, c: &reqwest::Client, email: &str) {
        let page = c
            .get(self.url("/inloggen"))
            .send()
            .await
            .expect("login page");
        let html = page.text().await.expect("body");
        let token = csrf_token(&html);
        let resp = c
            .post(self.url("/inloggen"))
            .form(&[
                ("csrf_token", token.as_str()),
                ("email", email),
                ("password", PASSWORD),
                ("terug", ""),
            ])
            .send()
            .await
            .expect("login");
        if resp.status() == 200 {
            // Second step: the code from the authenticator app.
            let html = resp.text().await.expect("body");
            let ticket = hidden(&html, "ticket");
            let token = csrf_token(&html);
            let code = self.code_for(email);
            let resp = c
                .post(self.url("/inloggen/code"))
                .form(&[
                    ("csrf_token", token.as_str()),
                    ("ticket", ticket.as_str()),
                    ("code", code.as_str()),
                    ("terug", ""),
                ])
                .send()
                .await
                .expect("code");
            assert_eq!(resp.status(), 303, "code step of {email} should redirect");
            return;
        }
        assert_eq!(resp.status(), 303, "login of {email} should redirect");
    }

    /// GET a page and return (status, body).
    pub async fn get(&self, c: &reqwest::Client, path: &str) -> (u16, String) {
        let r = c.get(self.url(path)).send().await.expect("get");
        let s = r.status().as_u16();
        (s, r.text().await.unwrap_or_default())
    }
}

pub const PASSWORD: &str = "een lang wachtwoord voor tests";

pub fn csrf_token(html: &str) -> String {
    crate::page_parts::csrf_field(html).expect("csrf token in page")
}

/// The value of a hidden input.
pub fn hidden(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html
        .find(&marker)
        .map(|i| i + marker.len())
        .expect("hidden field");
    let end = html[start..].find('"').expect("end");
    html[start..start + end].to_string()
}

/// Puts `cents` in an area's pool as a contribution of a test funder (posted at once: a
/// funder's contribution needs no second pair of eyes), so that rounds can commit money.
pub fn fund_pool(conn: &mut DbConn, area_slug: &str, cents: i64) {
    let funders = svc::funders(conn, &crate::helpers::reader()).expect("funders");
    let funder = match funders.into_iter().find(|f| f.name == "Testfonds") {
        Some(f) => f,
        None => {
            svc::create_funder(conn, &admin(), "Testfonds", "housing_corporation").expect("funder")
        }
    };
    let pool = svc::pools(conn, &crate::helpers::reader())
        .expect("pools")
        .into_iter()
        .find(|p| p.slug == area_slug)
        .expect("pool of the area");
    svc::propose_transfer(
        conn,
        &clerk(),
        &svc::TransferInput {
            id: uuid::Uuid::new_v4(),
            kind: Some(burgerbegroting::domain::ledger::TransferKind::FunderContribution),
            from_account: funder.account_id,
            to_account: pool.account_id,
            amount_cents: cents,
            memo: "Bijdrage voor de rondes".into(),
            decision_ref: None,
        },
    )
    .expect("contribution");
}

/// The authenticator code of a secret at a time step.
pub fn code_at_step(secret: &str, email: &str, step: i64) -> String {
    let at = chrono::DateTime::from_timestamp(step * 30, 0)
        .expect("time")
        .naive_utc();
    auth::current_code(secret, email, at).expect("code")
}

/// Set up the authenticator app of an account, as the account page does.
pub fn enrol_second_factor(c: &mut DbConn, sealer: &SecretSealer, user_id: &str) {
    let user_id = &UserId::from(user_id);
    let user = burgerbegroting::db::repo::users::find(c, user_id)
        .expect("query")
        .expect("user");
    let (secret, _) = auth::begin_totp(c, sealer, user_id).expect("totp");
    let now = burgerbegroting::db::repo::now();
    let code = auth::current_code(&secret, &user.email, now).expect("code");
    auth::confirm_totp(c, sealer, user_id, &code, now).expect("confirm");
}

/// An area coordinator of `area_slug` (made by an administrator, with [`PASSWORD`]) who has
/// set up the second factor; the user's id.
pub fn add_coordinator(
    c: &mut DbConn,
    sealer: &SecretSealer,
    email: &str,
    name: &str,
    area_slug: &str,
) -> UserId {
    let u = auth::add_user_in_area(
        c,
        &admin(),
        email,
        name,
        Role::AreaCoordinator,
        Some(area_slug),
        PASSWORD,
    )
    .expect("coordinator");
    enrol_second_factor(c, sealer, &u.id);
    u.id
}

/// A round of `area_slug` with approval voting (no maximum), a greedy count and no
/// calendar.
pub fn round_input(
    area_slug: impl Into<String>,
    year: i32,
    quarter: i32,
    title: impl Into<String>,
    budget_cents: i64,
) -> RoundInput {
    RoundInput {
        area_slug: area_slug.into(),
        year,
        quarter,
        title: title.into(),
        budget_cents,
        ballot_rule: BallotRule::Approval { max_choices: None },
        count_rule: CountRule::Greedy,
        calendar: None,
    }
}

/// The user with `email` as the administrators' user list shows it (roles included).
pub fn listed_user(c: &mut DbConn, email: &str) -> burgerbegroting::service::users::UserView {
    burgerbegroting::service::users::list_users(c, &admin())
        .expect("users")
        .into_iter()
        .find(|u| u.email == email)
        .expect("user")
}

/// Reads everything in finance (the approval queue included), for checks in tests.
pub fn reader() -> Principal {
    staff("reader", &[Role::FinanceApprover, Role::Admin])
}

/// A proposal from budget line `line` to pool `pool` of `small` (the kind the clerk's
/// form sends).
pub fn to_pool(small: &Small, line: usize, pool: usize, cents: i64) -> svc::TransferInput {
    svc::TransferInput {
        id: uuid::Uuid::new_v4(),
        kind: Some(burgerbegroting::domain::ledger::TransferKind::BudgetToPool),
        from_account: small.lines[line].account_id.clone(),
        to_account: small.pools[pool].account_id.clone(),
        amount_cents: cents,
        memo: "Groenonderhoud".into(),
        decision_ref: Some("RB-2025-01".into()),
    }
}

/// A round in voting with one nominated plan: created, the plan handed in and nominated,
/// voting opened (by an administrator). The pool must hold the round's budget.
pub fn round_in_voting(
    c: &mut DbConn,
    round: &RoundInput,
    plan: &InitiativeInput,
) -> (RoundView, Plan) {
    let round = rounds::create_round(c, &admin(), round).expect("round");
    let plan = rounds::submit_initiative(c, &admin(), &round.round.id, plan).expect("plan");
    nominate(c, &admin(), &plan.id).expect("nominate");
    rounds::open_voting(c, &admin(), &round.round.id).expect("open voting");
    (round, plan)
}

/// One online ballot for `plans`, cast with a fresh voting code of the area.
pub fn vote_with_new_code(
    c: &mut DbConn,
    area_slug: &str,
    year: i32,
    round_id: &RoundId,
    plans: &[String],
) {
    let code =
        burgerbegroting::service::voting_codes::generate_batch(c, &admin(), area_slug, year, 1)
            .expect("codes")
            .codes
            .remove(0);
    rounds::cast(
        c,
        &Principal::resident(),
        round_id,
        rounds::Channel::Online {
            handle: code.handle(),
        },
        plans,
    )
    .expect("ballot");
}

/// The `Location` header of an answer ("" without one).
pub fn location(r: &reqwest::Response) -> String {
    r.headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

/// Every one of `parts` is in `html`; `context` (the backend, mostly) names the case when
/// one is missing.
pub fn assert_contains_all(html: &str, parts: &[&str], context: &str) {
    for part in parts {
        assert!(html.contains(part), "{context}: no {part:?} in {html}");
    }
}

/// Every `Set-Cookie` header of an answer.
pub fn set_cookies(r: &reqwest::Response) -> Vec<String> {
    r.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok().map(String::from))
        .collect()
}

/// The `Set-Cookie` header that sets the cookie starting with `prefix` (`name=`).
pub fn set_cookie(r: &reqwest::Response, prefix: &str) -> Option<String> {
    set_cookies(r).into_iter().find(|s| s.starts_with(prefix))
}

/// A POST to the API by `c` with its CSRF token in the `X-CSRF-Token` header.
pub fn csrf_post(
    c: &reqwest::Client,
    url: impl reqwest::IntoUrl,
    token: &str,
) -> reqwest::RequestBuilder {
    c.post(url).header("X-CSRF-Token", token)
}

/// Signs in to the API as `email` (password and second factor); the client and its CSRF
/// token.
pub async fn api_login(app: &TestApp, email: &str) -> (reqwest::Client, String) {
    let c = app.client();
    let r = c
        .post(app.url("/api/v1/session"))
        .json(
            &serde_json::json!({"email": email, "password": PASSWORD, "code": app.code_for(email)}),
        )
        .send()
        .await
        .expect("login");
    assert_eq!(r.status(), 200);
    let v: serde_json::Value = r.json().await.expect("json");
    (c, v["csrf_token"].as_str().unwrap_or_default().to_string())
}

/// GET `path` from the API and read the answer as JSON.
pub async fn get_json(app: &TestApp, c: &reqwest::Client, path: &str) -> serde_json::Value {
    c.get(app.url(path))
        .send()
        .await
        .expect("get")
        .json()
        .await
        .expect("json")
}

/// GET `path` without following a redirect: the status and the `Location` ("" without one).
pub async fn get_location(app: &TestApp, c: &reqwest::Client, path: &str) -> (u16, String) {
    let r = c.get(app.url(path)).send().await.expect("get");
    (r.status().as_u16(), location(&r))
}

/// POST a form as it is (the caller adds the CSRF token); (status, body).
pub async fn post_form<F: serde::Serialize + ?Sized>(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    fields: &F,
) -> (u16, String) {
    let r = client
        .post(app.url(path))
        .form(fields)
        .send()
        .await
        .expect("post");
    let s = r.status().as_u16();
    (s, r.text().await.unwrap_or_default())
}

/// POST a multipart form as it is (the caller adds the CSRF token): the text `fields`, then
/// the file part `bestand` (bytes, file name, and a content type when given); (status, body).
pub async fn post_file(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    fields: &[(&str, &str)],
    file: (&[u8], &str, Option<&str>),
) -> (u16, String) {
    let mut form = reqwest::multipart::Form::new();
    for (name, value) in fields {
        form = form.text(name.to_string(), value.to_string());
    }
    let (bytes, file_name, mime) = file;
    let mut part = reqwest::multipart::Part::bytes(bytes.to_vec()).file_name(file_name.to_string());
    if let Some(mime) = mime {
        part = part.mime_str(mime).expect("mime");
    }
    let r = client
        .post(app.url(path))
        .multipart(form.part("bestand", part))
        .send()
        .await
        .expect("post");
    let s = r.status().as_u16();
    (s, r.text().await.unwrap_or_default())
}

/// The summer round of `small`'s first area in voting, with one nominated plan (an
/// orchard) that got one online vote. The pool is funded with the round's budget first.
pub fn voted_summer_round(c: &mut DbConn, small: &Small, budget_cents: i64) -> (RoundView, Plan) {
    let slug = &small.pools[0].slug;
    fund_pool(c, slug, budget_cents);
    let (round, plan) = round_in_voting(
        c,
        &RoundInput {
            area_slug: slug.clone(),
            year: 2027,
            quarter: 3,
            title: "Zomer".into(),
            budget_cents,
            ballot_rule: BallotRule::Approval {
                max_choices: Some(2),
            },
            count_rule: CountRule::EqualShares,
            calendar: None,
        },
        &InitiativeInput {
            title: "Boomgaard".into(),
            summary: "Tien fruitbomen".into(),
            amount_cents: 150_000,
            taakveld: "5.7".into(),
        },
    );
    vote_with_new_code(c, slug, 2027, &round.round.id, &[plan.id.to_string()]);
    (round, plan)
}

/// Reviews a plan by the area's checklist: every criterion judged "voldoet" (the taakveld
/// 5.7 when none is assigned yet), then nominated. What a coordinator does on the review
/// page, in one call.
pub fn nominate(
    c: &mut DbConn,
    who: &Principal,
    plan: &burgerbegroting::domain::round::PlanId,
) -> Result<burgerbegroting::domain::round::Plan, burgerbegroting::service::ServiceError> {
    review_all(
        c,
        who,
        plan,
        burgerbegroting::domain::review::Decision::Nominate,
        "",
    )
}

/// Rejects a plan by the checklist: the first criterion "voldoet niet" (with a note), the
/// others "voldoet", and the public `reason`.
pub fn reject(
    c: &mut DbConn,
    who: &Principal,
    plan: &burgerbegroting::domain::round::PlanId,
    reason: &str,
) -> Result<burgerbegroting::domain::round::Plan, burgerbegroting::service::ServiceError> {
    review_all(
        c,
        who,
        plan,
        burgerbegroting::domain::review::Decision::Reject,
        reason,
    )
}

fn review_all(
    c: &mut DbConn,
    who: &Principal,
    plan: &burgerbegroting::domain::round::PlanId,
    decision: burgerbegroting::domain::review::Decision,
    reason: &str,
) -> Result<burgerbegroting::domain::round::Plan, burgerbegroting::service::ServiceError> {
    use burgerbegroting::domain::review::{Decision, Verdict, VerdictInput};
    use burgerbegroting::service::plan_review as pr;
    let page = pr::review_page(c, who, plan)?;
    let verdicts = (0..page.criteria.len())
        .map(|i| {
            if decision == Decision::Reject && i == 0 {
                VerdictInput {
                    verdict: Some(Verdict::Fails),
                    note: "Voldoet niet".into(),
                }
            } else {
                VerdictInput {
                    verdict: Some(Verdict::Meets),
                    note: String::new(),
                }
            }
        })
        .collect();
    let taakveld = if page.plan.taakveld.is_empty() {
        "5.7"
    } else {
        ""
    };
    let input = pr::ReviewInput {
        decision,
        verdicts,
        taakveld: taakveld.into(),
        amount_cents: None,
        explanation: String::new(),
        reason: reason.into(),
    };
    pr::save_review(c, who, plan, &input, Vec::new()).map_err(pr::FormError::into_service)
}

/// No objection window in the round's area (0 days): its counted result may be committed
/// at once. For tests that count and close in one go; the window itself is tested in
/// `objections.rs`.
pub fn without_objection_window(
    conn: &mut DbConn,
    round: &burgerbegroting::domain::round::RoundId,
) {
    let slug = burgerbegroting::service::rounds::round(conn, &Principal::resident(), round)
        .expect("round")
        .area
        .slug;
    burgerbegroting::service::objections::set_window(conn, &admin(), &slug, 0).expect("window");
}

/// The count of a round moved `days` back in time, as if that many days had passed since
/// (the objection window after the count runs out without waiting for it).
pub fn count_days_ago(c: &mut DbConn, round: &RoundId, days: i64) {
    use burgerbegroting::db::schema::rounds as rounds_table;
    use diesel::prelude::*;
    let at = burgerbegroting::db::repo::now() - chrono::Duration::days(days);
    diesel::update(rounds_table::table.find(round.as_str()))
        .set(rounds_table::counted_at.eq(at))
        .execute(c)
        .expect("backdate");
}

/// A plan handed in by `who` in `round`: `title`, "`title` voor het dorp", `cents`, taakveld
/// 5.7.
pub fn plan_by(
    c: &mut DbConn,
    who: &Principal,
    round: &RoundId,
    title: &str,
    cents: i64,
) -> burgerbegroting::domain::round::PlanId {
    rounds::submit_initiative(
        c,
        who,
        round,
        &InitiativeInput {
            title: title.into(),
            summary: format!("{title} voor het dorp"),
            amount_cents: cents,
            taakveld: "5.7".into(),
        },
    )
    .expect("plan")
    .id
}

/// The review page's fields for a review by the checklist: every criterion judged (a
/// rejection fails the third, "eenmalig", with a note), the taakveld 5.7 and the amount
/// `cents` as handed in; `besluit` is the button ("nomineren", "afwijzen", "opslaan").
pub fn review_fields(besluit: &str, reason: &str, cents: i64) -> Vec<(String, String)> {
    let mut form: Vec<(String, String)> = vec![
        ("besluit".into(), besluit.into()),
        ("reason".into(), reason.into()),
        ("taakveld".into(), "5.7".into()),
        (
            "bedrag".into(),
            format!("{},{:02}", cents / 100, cents % 100),
        ),
    ];
    for k in 1..=5 {
        let fails = besluit == "afwijzen" && k == 3;
        form.push((
            format!("oordeel-{k}"),
            if fails { "fails" } else { "meets" }.into(),
        ));
        if fails {
            form.push((
                format!("toelichting-{k}"),
                "Onderhoud, niet eenmalig.".into(),
            ));
        }
    }
    form
}

/// Owned form fields as the `&str` pairs `post_page_form` takes.
pub fn pairs(form: &[(String, String)]) -> Vec<(&str, &str)> {
    form.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect()
}

/// POST a form as a browser does: the CSRF token from `page` (as `c` sees it) added to
/// `fields`. Returns the status and, after a 303, the `Location`, else the body.
pub async fn post_page_form(
    app: &TestApp,
    c: &reqwest::Client,
    page: &str,
    path: &str,
    fields: &[(&str, &str)],
) -> (u16, String) {
    let (_, html) = app.get(c, page).await;
    let token = csrf_token(&html);
    let mut form: Vec<(&str, &str)> = vec![("csrf_token", token.as_str())];
    form.extend_from_slice(fields);
    let r = c
        .post(app.url(path))
        .form(&form)
        .send()
        .await
        .expect("post");
    let status = r.status().as_u16();
    if status == 303 {
        return (status, location(&r));
    }
    (status, r.text().await.unwrap_or_default())
}

/// POST an irreversible step's form as confirmed (`bevestigd=ja`), with the CSRF token
/// from `page`: see [`post_page_form`].
pub async fn post_confirmed(
    app: &TestApp,
    c: &reqwest::Client,
    page: &str,
    path: &str,
) -> (u16, String) {
    post_page_form(app, c, page, path, &[("bevestigd", "ja")]).await
}

/// POST the decision on a transfer to `{transfer}/beoordelen` with the CSRF token of `page`
/// (as `c` saw it): `besluit`, `reason`, and `bevestigd=ja` when `confirmed`; see
/// [`post_form`].
pub async fn decide_transfer(
    app: &TestApp,
    c: &reqwest::Client,
    transfer: &str,
    page: &str,
    (besluit, reason): (&str, &str),
    confirmed: bool,
) -> (u16, String) {
    let token = csrf_token(page);
    let mut form = vec![
        ("csrf_token", token.as_str()),
        ("besluit", besluit),
        ("reason", reason),
    ];
    if confirmed {
        form.push(("bevestigd", "ja"));
    }
    post_form(app, c, &format!("{transfer}/beoordelen"), &form).await
}

/// What is wrong with the ledger (empty when its invariants hold): money is only moved
/// (the balances add up to 0), nothing but a funder is below zero, and the balances equal
/// a replay of the posted transfers. One check for the tests that assert it after every
/// step (`ledger_invariants`) and the property test that hands it to proptest.
pub fn ledger_problems(c: &mut DbConn) -> Vec<String> {
    use burgerbegroting::domain::ledger::{replay, AccountKind, Movement, TransferStatus};
    use std::collections::BTreeMap;
    let mut problems = Vec::new();
    let balances = svc::all_balances(c, &reader()).expect("balances");
    let total: i64 = balances.iter().map(|a| a.balance_cents).sum();
    if total != 0 {
        problems.push(format!(
            "money was created or destroyed (balances sum to {total})"
        ));
    }
    for account in &balances {
        let b = account.balance_cents;
        if account.kind != AccountKind::Funder && b < 0 {
            problems.push(format!("{} is below zero: {b}", account.name));
        }
    }
    let posted: Vec<Movement> = svc::list_transfers(c, &reader())
        .expect("transfers")
        .iter()
        .filter(|t| t.status == TransferStatus::Posted)
        .map(|t| Movement {
            debit: t.from_account.to_string(),
            credit: t.to_account.to_string(),
            amount_cents: t.amount_cents,
        })
        .collect();
    let stored: BTreeMap<String, i64> = balances
        .into_iter()
        .filter(|a| a.balance_cents != 0)
        .map(|a| (a.account_id.to_string(), a.balance_cents))
        .collect();
    let replayed: BTreeMap<String, i64> = replay(&posted)
        .into_iter()
        .filter(|(_, b)| *b != 0)
        .collect();
    if stored != replayed {
        problems.push(format!(
            "balances differ from a replay of the transfers: {stored:?} != {replayed:?}"
        ));
    }
    problems
}

/// Asserts the ledger's invariants (`ledger_problems`); `step` says where in the test.
pub fn ledger_invariants(c: &mut DbConn, step: &str) {
    let problems = ledger_problems(c);
    assert!(problems.is_empty(), "{step}: {}", problems.join("; "));
}

/// The binary as the command-line tests run it: without any `BB_*` setting of the machine
/// running the tests (each test passes its own database, bind address, configuration).
pub fn bin() -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_burgerbegroting"));
    for (k, _) in std::env::vars() {
        if k.starts_with("BB_") {
            c.env_remove(k);
        }
    }
    c
}

/// The CBS sample (Hoogeveen and Oldebroek, 2023-2025) in `tests/data/cbs`.
pub const CBS_SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/cbs/cbs_iv3_hoogeveen_oldebroek_2023-2025.csv"
);

/// `ledger import` of the CBS sample (Oldebroek) into `db` through the binary.
pub fn import_cbs_sample(db: &str) -> std::process::Output {
    bin()
        .args(["ledger", "import", CBS_SAMPLE, "--gemeente", "Oldebroek"])
        .args(["--database", db])
        .output()
        .expect("run")
}

/// The command ended well; if not, the assertion shows what it wrote to stderr.
pub fn assert_succeeded(out: &std::process::Output) {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Runs the command, which must end well (see [`assert_succeeded`]); returns its output.
pub fn run_ok(cmd: &mut std::process::Command) -> std::process::Output {
    let out = cmd.output().expect("run");
    assert_succeeded(&out);
    out
}

/// A running application with the demo municipality (rounds in every phase).
pub async fn demo_app(db: TestDb) -> TestApp {
    let app = TestApp::spawn_on(db).await;
    burgerbegroting::service::demo::seed(&mut app.conn())
        .expect("demo")
        .expect("empty database");
    app
}

/// A new SQLite database in a temporary folder with the CBS sample imported through the
/// command line (which must succeed): the folder (keep it alive) and the database URL.
pub fn sqlite_with_cbs_sample() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("dir");
    let db = format!("sqlite://{}", dir.path().join("bb.db").display());
    assert_succeeded(&import_cbs_sample(&db));
    (dir, db)
}

/// A source file as one line without comment lines and white space, so a test can look
/// for a registration or a struct however it is formatted (`.route("/x",web::get()...`).
pub fn flat_source(source: &str) -> String {
    source
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<String>()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// Enter a code on `/stemmen` like a browser; the voter cookie lands in the client.
pub async fn sign_in(
    app: &TestApp,
    client: &reqwest::Client,
    code: &burgerbegroting::domain::voting_code::VotingCode,
    area: &str,
) {
    let (_, page) = app.get(client, &format!("/stemmen?gebied={area}")).await;
    let token = csrf_token(&page);
    let r = client
        .post(app.url("/stemmen"))
        .form(&[
            ("csrf_token", token.as_str()),
            ("code", code.formatted().as_str()),
            ("gebied", area),
        ])
        .send()
        .await
        .expect("post code");
    assert_eq!(r.status(), 303, "code accepted");
    assert_eq!(location(&r), format!("/stemmen/{area}"));
}

/// The write lock's two counters: (`generation`, raised by every write;
/// `content_generation`, the version of the round data residents' pages keep).
pub fn write_counters(c: &mut DbConn) -> (i64, i64) {
    use burgerbegroting::db::schema::write_lock;
    use diesel::prelude::*;
    write_lock::table
        .find(1)
        .select((write_lock::generation, write_lock::content_generation))
        .get_result(c)
        .expect("write counters")
}
