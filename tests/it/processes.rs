//! Real `burgerbegroting serve` processes (the built binary) on a test database, and what
//! the tests with several servers (`multi_server`) and with a killed server (`crash`)
//! share: a small municipality, residents voting and staff moving money over real HTTP,
//! and the checks that the database is whole afterwards.

// Amounts in cents are written as euros_cents: 2_500_00 is € 2.500,00.
#![allow(clippy::inconsistent_digit_grouping)]

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use burgerbegroting::db::schema::{
    audit_events, ballots, code_participation, round_ballot_counts, transfer_decisions, transfers,
};
use burgerbegroting::db::DbConn;
use burgerbegroting::domain::ledger::AccountKind;
use burgerbegroting::domain::round::{BallotRule, CountRule};
use burgerbegroting::domain::voting_code::VotingCode;
use burgerbegroting::service::audit_log;
use burgerbegroting::service::ledger as ledger_svc;
use burgerbegroting::service::rounds::{self, InitiativeInput, RoundInput};
use burgerbegroting::service::voting_codes as codes_svc;
use burgerbegroting::service::Principal;
use diesel::prelude::*;

use crate::helpers::{admin, csrf_token, reader, seed_small, TestApp, TestDb, PASSWORD};
use crate::page_parts::tracker;

/// How to start a server: the database, the key files and a working directory of its own
/// (so no `burgerbegroting.toml` of the developer is read).
pub struct ServerEnv {
    pub database_url: String,
    pub secrets_key_file: Option<PathBuf>,
    pub signing_key_file: PathBuf,
    pub workdir: tempfile::TempDir,
}

impl ServerEnv {
    /// For `db`, with a new audit signing key (origin `test.example/audit`).
    pub fn new(db: &TestDb) -> ServerEnv {
        let workdir = tempfile::tempdir().expect("work dir");
        let signing_key_file = workdir.path().join("signing.key");
        burgerbegroting::keys::KeyFile::generate("test.example/audit")
            .and_then(|k| k.write_new(&signing_key_file))
            .expect("signing key");
        ServerEnv {
            database_url: db.url.clone(),
            secrets_key_file: db.settings().secrets_key_file,
            signing_key_file,
            workdir,
        }
    }

    pub fn signing_key(&self) -> burgerbegroting::keys::KeyFile {
        burgerbegroting::keys::KeyFile::load(&self.signing_key_file).expect("signing key")
    }
}

/// A running `burgerbegroting serve`; killed (SIGKILL) when dropped.
pub struct Server {
    child: Child,
    pub base: String,
    log: Arc<Mutex<String>>,
    /// The threads copying stdout and stderr into `log`; they end when the process does.
    readers: Vec<std::thread::JoinHandle<()>>,
}

impl Server {
    /// Starts the binary with settings from `BB_*` variables only and waits (at most two
    /// minutes: a fresh PostgreSQL database is migrated first) for its "luistert op" line.
    pub fn start(env: &ServerEnv) -> Server {
        let mut cmd = crate::helpers::bin();
        cmd.arg("serve")
            .current_dir(env.workdir.path())
            .env("BB_BIND", "127.0.0.1:0")
            .env("BB_DATABASE_URL", &env.database_url)
            .env("BB_SIGNING_KEY_FILE", &env.signing_key_file)
            .env("RUST_LOG", "info,burgerbegroting::startup=debug")
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if let Some(k) = &env.secrets_key_file {
            cmd.env("BB_SECRETS_KEY_FILE", k);
        }
        let mut child = cmd.spawn().expect("start burgerbegroting serve");
        let log = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = std::sync::mpsc::channel::<String>();
        let stdout = child.stdout.take().expect("stdout");
        let out_log = log.clone();
        let out_reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(rest) = line.split("luistert op ").nth(1) {
                    let _ = tx.send(rest.trim().trim_end_matches('/').to_string());
                }
                out_log.lock().expect("log").push_str(&format!("{line}\n"));
            }
        });
        let stderr = child.stderr.take().expect("stderr");
        let err_log = log.clone();
        let err_reader = std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                err_log
                    .lock()
                    .expect("log")
                    .push_str(&format!("{}\n", strip_ansi(&line)));
            }
        });
        match rx.recv_timeout(Duration::from_secs(120)) {
            Ok(base) => Server {
                child,
                base,
                log,
                readers: vec![out_reader, err_reader],
            },
            Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                std::thread::sleep(Duration::from_millis(200));
                panic!(
                    "the server did not start:\n{}",
                    log.lock().expect("log").as_str()
                );
            }
        }
    }

    /// SIGKILL: no shutdown code of the server runs.
    /// Afterwards `log` holds everything the process wrote.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        for reader in self.readers.drain(..) {
            let _ = reader.join();
        }
    }

    /// Everything the server wrote so far (stdout and stderr, without colours).
    pub fn log(&self) -> String {
        self.log.lock().expect("log").clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

fn strip_ansi(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for d in chars.by_ref() {
                if d.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The debug lines "scheduled job ran" of a server log: (job, period start) per run.
pub fn scheduled_runs(log: &str) -> Vec<(String, String)> {
    log.lines()
        .filter(|l| l.contains("scheduled job ran"))
        .map(|l| (field(l, "job"), field(l, "period_start")))
        .collect()
}

/// The value of `name=` in a tracing line (quotes removed; values end at the next
/// ` word=`).
fn field(line: &str, name: &str) -> String {
    let marker = format!(" {name}=");
    let Some(i) = line.find(&marker) else {
        return String::new();
    };
    let rest = &line[i + marker.len()..];
    let end = rest
        .match_indices(' ')
        .find(|(j, _)| {
            let next = &rest[j + 1..];
            next.split_once('=').is_some_and(|(k, _)| {
                !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            })
        })
        .map_or(rest.len(), |(j, _)| j);
    rest[..end].trim().trim_matches('"').to_string()
}

/// A small municipality ready for voting and transfers: the ledger of `seed_small`, one
/// round in voting in the area of `area` with three nominated plans, and `codes` voting
/// codes for that area.
pub struct World {
    pub area: String,
    pub round_id: String,
    pub plans: Vec<String>,
    pub codes: Vec<VotingCode>,
    /// Budget lines' account ids (sources of transfers that need a second pair of eyes).
    pub lines: Vec<String>,
    /// The areas' pools' account ids.
    pub pools: Vec<String>,
}

pub fn world(conn: &mut DbConn, codes: i32) -> World {
    let small = seed_small(conn);
    let area = small
        .pools
        .iter()
        .find(|p| p.name == "Oosterwolde")
        .expect("pool of Oosterwolde")
        .slug
        .clone();
    let codes = codes_svc::generate_batch(conn, &admin(), &area, 2027, codes)
        .expect("codes")
        .codes;
    let round = rounds::create_round(
        conn,
        &admin(),
        &RoundInput {
            area_slug: area.clone(),
            year: 2027,
            quarter: 1,
            title: "Groen in Oosterwolde".into(),
            budget_cents: 10_000_00,
            ballot_rule: BallotRule::Approval {
                max_choices: Some(2),
            },
            count_rule: CountRule::Greedy,
            calendar: None,
        },
    )
    .expect("round");
    let mut plans = Vec::new();
    for (title, cents) in [
        ("Bankjes bij de vijver", 2_500_00),
        ("Speeltuin opknappen", 4_000_00),
        ("Bloembakken in de Dorpsstraat", 1_250_50),
    ] {
        let p = rounds::submit_initiative(
            conn,
            &admin(),
            &round.round.id,
            &InitiativeInput {
                title: title.into(),
                summary: format!("Samenvatting: {title}."),
                amount_cents: cents,
                taakveld: "5.7".into(),
            },
        )
        .expect("plan");
        crate::helpers::nominate(conn, &admin(), &p.id).expect("nominate");
        plans.push(p.id.0.clone());
    }
    // Opening reserves the round's budget in the pool: put it there first.
    crate::helpers::fund_pool(conn, &area, round.round.budget_cents);
    rounds::open_voting(conn, &admin(), &round.round.id).expect("open voting");
    World {
        area,
        round_id: round.round.id.0.clone(),
        plans,
        codes,
        lines: small
            .lines
            .iter()
            .map(|l| l.account_id.to_string())
            .collect(),
        pools: small
            .pools
            .iter()
            .map(|p| p.account_id.to_string())
            .collect(),
    }
}

/// A reqwest client with its own cookie jar that does not follow redirects. Cookies are
/// kept per host, not per port, so one client talks to every server on 127.0.0.1 as one
/// browser behind one reverse proxy would.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(60))
        .build()
        .expect("client")
}

/// A signed-in staff member of the JSON API.
pub struct Staff {
    pub client: reqwest::Client,
    pub csrf: String,
}

/// Signs `email` in through `POST /api/v1/session` on `base`, with the authenticator code.
pub async fn api_login(app: &TestApp, base: &str, email: &str) -> Staff {
    let client = client();
    let r = client
        .post(format!("{base}/api/v1/session"))
        .json(&serde_json::json!({
            "email": email,
            "password": PASSWORD,
            "code": app.code_for(email),
        }))
        .send()
        .await
        .expect("login");
    assert_eq!(r.status(), 200, "API login of {email}");
    let body: serde_json::Value = r.json().await.expect("login body");
    Staff {
        client,
        csrf: body["csrf_token"].as_str().expect("csrf_token").to_string(),
    }
}

impl Staff {
    /// POST JSON; (status, body) or the transport error (a killed server).
    pub async fn post(
        &self,
        url: String,
        body: &serde_json::Value,
    ) -> Result<(u16, serde_json::Value), reqwest::Error> {
        let r = self
            .client
            .post(url)
            .header("X-CSRF-Token", &self.csrf)
            .json(body)
            .send()
            .await?;
        let status = r.status().as_u16();
        let text = r.text().await?;
        Ok((
            status,
            serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text)),
        ))
    }
}

/// The body of a transfer from a budget line to a pool (needs approval).
pub fn transfer_body(id: uuid::Uuid, from: &str, to: &str, cents: i64) -> serde_json::Value {
    serde_json::json!({
        "id": id,
        "from_account": from,
        "to_account": to,
        "amount_cents": cents,
        "memo": format!("Test {id}"),
        "decision_ref": "Raadsbesluit 2026-112",
    })
}

/// What one resident's attempt to vote came to.
#[derive(Debug, Default)]
pub struct Vote {
    /// (status, receipt tracker when the answer was the receipt) of each cast request.
    pub answers: Vec<(u16, Option<String>)>,
    /// A transport error (the server was killed) somewhere on the way.
    pub broken: bool,
}

/// A resident votes: enters the code on `sign_in` (a server's base URL), opens the ballot
/// on `ballot`, and sends the same cast (same session, same form token) to every server
/// in `cast` at once, as a double click through a proxy that spreads requests would.
pub async fn vote(
    w: &World,
    code: &VotingCode,
    sign_in: &str,
    ballot: &str,
    cast: &[&str],
    choice: &str,
) -> Vote {
    // Any transport error on the way (a killed server) makes the whole attempt broken.
    let attempt = async {
        let c = client();
        let page = c
            .get(format!("{sign_in}/stemmen?gebied={}", w.area))
            .send()
            .await?
            .text()
            .await?;
        let token = csrf_token(&page);
        let r = c
            .post(format!("{sign_in}/stemmen"))
            .form(&[
                ("csrf_token", token.as_str()),
                ("code", code.formatted().as_str()),
                ("gebied", w.area.as_str()),
            ])
            .send()
            .await?;
        assert_eq!(r.status(), 303, "code accepted");
        let path = format!("/stemmen/{}/rondes/{}", w.area, w.round_id);
        let page = c.get(format!("{ballot}{path}")).send().await?;
        assert_eq!(page.status(), 200, "ballot page");
        let token = csrf_token(&page.text().await?);
        let form = [("csrf_token", token.as_str()), ("keuze", choice)];
        let sends = cast.iter().map(|base| {
            let c = c.clone();
            let url = format!("{base}{path}/uitbrengen");
            let form = &form;
            async move {
                let r = c.post(url).form(form).send().await?;
                let s = r.status().as_u16();
                let body = r.text().await?;
                Ok::<_, reqwest::Error>((s, (s == 200).then(|| tracker(&body)).flatten()))
            }
        });
        let mut vote = Vote::default();
        for answer in futures_util::future::join_all(sends).await {
            match answer {
                Ok(a) => vote.answers.push(a),
                Err(_) => vote.broken = true,
            }
        }
        Ok::<_, reqwest::Error>(vote)
    };
    attempt.await.unwrap_or(Vote {
        answers: Vec::new(),
        broken: true,
    })
}

/// The stored trackers of a round, with how often each occurs.
pub fn stored_trackers(conn: &mut DbConn, round_id: &str) -> HashMap<String, usize> {
    let all: Vec<String> = ballots::table
        .filter(ballots::round_id.eq(round_id))
        .select(ballots::tracker)
        .load(conn)
        .expect("trackers");
    tally(all.into_iter().map(|t| t.to_ascii_uppercase()))
}

/// How often each value occurs.
fn tally(values: impl IntoIterator<Item = String>) -> HashMap<String, usize> {
    let mut out = HashMap::new();
    for v in values {
        *out.entry(v).or_insert(0) += 1;
    }
    out
}

/// How many audit events of `actions` there are per entity id.
pub fn events_per_entity(conn: &mut DbConn, actions: &[&str]) -> HashMap<String, usize> {
    let ids: Vec<String> = audit_events::table
        .filter(audit_events::action.eq_any(actions))
        .select(audit_events::entity_id)
        .load(conn)
        .expect("events");
    tally(ids)
}

/// Whether transfer `id` is stored with an approving decision.
pub fn approved(conn: &mut DbConn, id: &str) -> bool {
    transfer_decisions::table
        .filter(transfer_decisions::transfer_id.eq(id))
        .select(transfer_decisions::approved)
        .load::<bool>(conn)
        .expect("decision")
        .as_slice()
        == [true]
}

/// Checks that hold for any database the product wrote, however it was stopped:
/// - SQLite: `PRAGMA integrity_check` says ok and no foreign key dangles;
/// - the audit log is gap-free (seq 1..n) and every stored hash matches its event;
/// - every signed checkpoint is by one key and is a prefix of this one history (no fork);
/// - each transfer has exactly one creation event, each decision exactly one event;
/// - balances recomputed here from the stored transfers equal the application's, and no
///   account but a funder is below zero, also counting the money pending approval;
/// - each round has as many ballots as codes that took part, and its ballot counter agrees.
///
/// Returns the number of audit events.
pub fn assert_intact(conn: &mut DbConn, what: &str) -> i64 {
    if let DbConn::Sqlite(c) = conn {
        /// The text column `v` of every row `sql` returns.
        fn texts(c: &mut diesel::SqliteConnection, sql: &str) -> Vec<String> {
            #[derive(QueryableByName)]
            struct Row {
                #[diesel(sql_type = diesel::sql_types::Text)]
                v: String,
            }
            let rows: Vec<Row> = diesel::sql_query(sql).load(c).expect(sql);
            rows.into_iter().map(|r| r.v).collect()
        }
        let verdicts = texts(c, "SELECT integrity_check AS v FROM pragma_integrity_check");
        assert_eq!(verdicts, ["ok"], "{what}: PRAGMA integrity_check");
        let tables = texts(c, "SELECT \"table\" AS v FROM pragma_foreign_key_check");
        assert!(
            tables.is_empty(),
            "{what}: dangling foreign keys in {tables:?}"
        );
    }

    // The audit log: 1..n without gaps, hashes matching the payloads.
    let n = burgerbegroting::db::repo::audit_log::max_seq(conn).expect("max seq");
    let count: i64 = audit_events::table.count().get_result(conn).expect("count");
    assert_eq!(
        count, n,
        "{what}: audit events are numbered 1..{n} without gaps"
    );
    let leaves = audit_log::leaf_hashes(conn, &Principal::resident(), n)
        .expect("leaves")
        .unwrap_or_else(|e| panic!("{what}: audit log broken: {e}"));
    assert_eq!(leaves.len() as i64, n);

    // One signer chain: every checkpoint's root is the root of the first `size` events of
    // this history, all signed by one key under one origin, sizes rising with time.
    let cps = audit_log::checkpoints(conn, &Principal::resident()).expect("checkpoints");
    let keys: HashSet<_> = cps.iter().map(|c| (&c.key_id, &c.origin)).collect();
    assert!(
        keys.len() <= 1,
        "{what}: checkpoints by several keys: {keys:?}"
    );
    let mut by_time = cps.clone();
    by_time.sort_by_key(|c| (c.signed_at, c.size));
    for pair in by_time.windows(2) {
        assert!(
            pair[0].size < pair[1].size,
            "{what}: checkpoint history goes back: {} then {}",
            pair[0].size,
            pair[1].size
        );
    }
    for cp in &cps {
        let size = usize::try_from(cp.size).expect("size");
        assert!(size <= leaves.len(), "{what}: checkpoint beyond the log");
        let root = burgerbegroting::audit::merkle::root(&leaves[..size]);
        assert_eq!(
            hex::encode(root),
            cp.root_hex,
            "{what}: checkpoint of size {} is not a prefix of the stored history",
            cp.size
        );
    }
    assert!(
        audit_log::signing_status(conn, &Principal::resident(), None)
            .map(|s| !s.is_stopped())
            .expect("status"),
        "{what}: signing stopped"
    );

    // Each transfer created once, each decision once.
    let all: Vec<(String, bool, String, String, i64)> = transfers::table
        .select((
            transfers::id,
            transfers::needs_approval,
            transfers::debit_account,
            transfers::credit_account,
            transfers::amount_cents,
        ))
        .load(conn)
        .expect("transfers");
    let decisions: BTreeMap<String, bool> = transfer_decisions::table
        .select((
            transfer_decisions::transfer_id,
            transfer_decisions::approved,
        ))
        .load::<(String, bool)>(conn)
        .expect("decisions")
        .into_iter()
        .collect();
    let created = events_per_entity(conn, &["transfer.proposed", "transfer.posted"]);
    let decided = events_per_entity(conn, &["transfer.approved", "transfer.rejected"]);
    for (id, ..) in &all {
        assert_eq!(
            created.get(id),
            Some(&1),
            "{what}: transfer {id} has one creation event"
        );
        let want = usize::from(decisions.contains_key(id));
        assert_eq!(
            decided.get(id).copied().unwrap_or(0),
            want,
            "{what}: transfer {id} has {want} decision event(s)"
        );
    }
    assert_eq!(
        created.len(),
        all.len(),
        "{what}: no creation event of a transfer that is not stored"
    );

    // Balances: recomputed from the stored transfers, and the application's.
    let mut mine: HashMap<String, i64> = HashMap::new();
    let mut pending: HashMap<String, i64> = HashMap::new();
    for (id, needs, debit, credit, amount) in &all {
        match (*needs, decisions.get(id)) {
            (false, _) | (true, Some(true)) => {
                *mine.entry(debit.clone()).or_insert(0) -= amount;
                *mine.entry(credit.clone()).or_insert(0) += amount;
            }
            (true, None) => *pending.entry(debit.clone()).or_insert(0) += amount,
            (true, Some(false)) => {}
        }
    }
    let theirs = ledger_svc::all_balances(conn, &reader()).expect("balances");
    for account in &theirs {
        let balance = &account.balance_cents;
        assert_eq!(
            mine.get(account.account_id.as_str()).copied().unwrap_or(0),
            *balance,
            "{what}: balance of {} equals the sum of its transfers",
            account.name
        );
        if account.kind != AccountKind::Funder {
            let available = balance
                - pending
                    .get(account.account_id.as_str())
                    .copied()
                    .unwrap_or(0);
            assert!(
                *balance >= 0 && available >= 0,
                "{what}: {} below zero ({balance}, available {available})",
                account.name
            );
        }
    }

    // Ballots: as many as codes that took part, per round, and the counter agrees.
    let per_round: Vec<(String, i64)> = round_ballot_counts::table
        .select((round_ballot_counts::round_id, round_ballot_counts::ballots))
        .load(conn)
        .expect("counts");
    let counted: HashMap<String, i64> = per_round.into_iter().collect();
    let rounds: HashSet<String> = code_participation::table
        .select(code_participation::round_id)
        .load::<String>(conn)
        .expect("participation")
        .into_iter()
        .chain(
            ballots::table
                .select(ballots::round_id)
                .load::<String>(conn)
                .expect("ballots"),
        )
        .collect();
    for round in rounds {
        let took_part: i64 = code_participation::table
            .filter(code_participation::round_id.eq(&round))
            .count()
            .get_result(conn)
            .expect("count");
        let cast: i64 = ballots::table
            .filter(ballots::round_id.eq(&round))
            .count()
            .get_result(conn)
            .expect("count");
        assert_eq!(took_part, cast, "{what}: codes that voted = ballots");
        if let Some(c) = counted.get(&round) {
            assert_eq!(*c, cast, "{what}: the round's ballot counter");
        }
    }
    n
}
