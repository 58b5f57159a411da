//! Load test for the residents' paths. Builds a demo database (SQLite file, or a fresh
//! PostgreSQL database), makes voting codes for 't Loo's round in voting, optionally casts
//! `--prefill` ballots straight through the service, starts the real server
//! (`burgerbegroting serve`) as a child process, and then drives residents through the
//! whole flow over HTTP while others read public pages:
//!
//! code (`/stemmen` form + POST) → village page → ballot → check → cast (receipt).
//!
//! It prints ballots per second, latency percentiles per step, errors, and the server's
//! CPU time per voter (from `/proc/<pid>/stat`; on PostgreSQL also the database's own CPU).
//! Afterwards it checks in the database that every receipt it got back is stored exactly
//! once, that the round holds exactly the ballots cast, and that the audit log has no gap.
//!
//! `--wrk SECS` also measures the public page of the counted round and the village page
//! with `wrk` (64 connections); `--bare BIN` runs the same page and cast load against the
//! bare stack (`examples/bare_stack.rs`) in the same run, for the ratios in
//! docs/performance.md.
//!
//! ```text
//! cargo build --release --bin burgerbegroting --example loadtest --example bare_stack
//! target/release/examples/loadtest --voters 2000 --concurrency 64 --wrk 10 \
//!     --bare target/release/examples/bare_stack
//! ```

// Seconds and rates are measurements, not money: floats are fine here.
#![allow(clippy::float_arithmetic)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, Context};
use burgerbegroting::db::schema::{
    areas, audit_events, ballots, code_participation, initiatives, rounds,
};
use burgerbegroting::db::{conn::establish, migrate, tx, DbConn, DbUrl};
use burgerbegroting::domain::round::RoundId;
use burgerbegroting::domain::voting_code::VotingCode;
use burgerbegroting::service::rounds::{self as rounds_svc, Channel};
use burgerbegroting::service::voting_codes as codes_svc;
use burgerbegroting::service::{demo, Principal};
use clap::Parser;
use diesel::connection::SimpleConnection;
use diesel::prelude::*;

#[derive(Parser, Debug, Clone)]
#[command(about = "Load test of the residents' paths (see docs/performance.md)")]
struct Args {
    /// The server binary to start (`serve` subcommand).
    #[arg(long, default_value = "target/release/burgerbegroting")]
    server: PathBuf,
    /// PostgreSQL server URL (e.g. postgres://postgres@127.0.0.1:5432/postgres): a fresh
    /// database is made on it. Without it, a SQLite file in a temporary folder.
    #[arg(long)]
    postgres: Option<String>,
    /// Residents who go through the whole flow (each with their own code).
    #[arg(long, default_value_t = 2000)]
    voters: usize,
    /// Residents in the flow at the same time.
    #[arg(long, default_value_t = 64)]
    concurrency: usize,
    /// Readers of public pages (round page, home page) during the flow.
    #[arg(long, default_value_t = 0)]
    readers: usize,
    /// Ballots cast directly through the service before the test (turnout so far).
    #[arg(long, default_value_t = 0)]
    prefill: usize,
    /// Voting codes made before the test, at least voters + 1 + prefill (the default).
    /// A municipality makes codes for all its residents before a round, so to compare an
    /// empty round with one after N ballots on the same codes, give both runs the same
    /// `--codes`: then only the turnout differs.
    #[arg(long, default_value_t = 0)]
    codes: usize,
    /// Sign all voters in first, then measure the cast step alone.
    #[arg(long)]
    cast_only: bool,
    /// Measure the public round page and the village page with wrk for SECS each.
    #[arg(long)]
    wrk: Option<u64>,
    /// The bare stack binary (examples/bare_stack.rs) to measure in the same run.
    #[arg(long)]
    bare: Option<PathBuf>,
    /// Skip the resident flow (only pages / bare stack).
    #[arg(long)]
    no_flow: bool,
    /// Keep the database (and print where it is).
    #[arg(long)]
    keep: bool,
}

/// What the setup made.
#[derive(Clone)]
struct World {
    url: String,
    pg_drop: Option<(String, String)>,
    area: String,
    round: String,
    counted_round: String,
    plan: String,
    codes: Arc<Vec<VotingCode>>,
    /// Ballots in the round before the residents start (demo + prefill).
    before: usize,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let dir = tempfile::tempdir()?;
    let started = Instant::now();
    let world = setup(&args, dir.path())?;
    println!(
        "setup: {} codes, {} ballots prefilled, {:.1} s",
        world.codes.len(),
        args.prefill,
        started.elapsed().as_secs_f64()
    );
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let result = rt.block_on(run(&args, &world, dir.path()));
    if args.keep {
        println!("database kept: {}", world.url);
        std::mem::forget(dir);
    } else if let Some((base, name)) = &world.pg_drop {
        let mut c = establish(&DbUrl::parse(base)?)?;
        c.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))?;
    }
    result
}

fn setup(args: &Args, dir: &Path) -> anyhow::Result<World> {
    let (url, pg_drop) = match &args.postgres {
        Some(base) => {
            let name = format!("bb_load_{}", uuid::Uuid::new_v4().simple());
            let (prefix, _) = base
                .rsplit_once('/')
                .ok_or_else(|| anyhow!("--postgres needs a database path"))?;
            let mut admin = establish(&DbUrl::parse(base)?)?;
            admin.batch_execute(&format!("CREATE DATABASE {name}"))?;
            (format!("{prefix}/{name}"), Some((base.clone(), name)))
        }
        None => (
            format!("sqlite://{}", dir.join("loadtest.db").display()),
            None,
        ),
    };
    let mut c = establish(&DbUrl::parse(&url)?)?;
    migrate::run_pending(&mut c)?;
    demo::seed(&mut c)?.ok_or_else(|| anyhow!("the demo database was not empty"))?;

    let all: Vec<(String, String, i32, String)> = rounds::table
        .inner_join(areas::table)
        .select((rounds::id, rounds::status, rounds::year, areas::slug))
        .load(&mut c)?;
    let (round, year, area) = all
        .iter()
        .find(|r| r.1 == "voting")
        .map(|r| (r.0.clone(), r.2, r.3.clone()))
        .ok_or_else(|| anyhow!("the demo has no round in voting"))?;
    let counted_round = all
        .iter()
        .find(|r| r.1 == "closed")
        .map(|r| r.0.clone())
        .ok_or_else(|| anyhow!("the demo has no counted round"))?;
    // The cheapest nominated plan fits every ballot rule.
    let plan: String = initiatives::table
        .filter(initiatives::round_id.eq(&round))
        .filter(initiatives::status.eq("nominated"))
        .order(initiatives::amount_cents)
        .select(initiatives::id)
        .first(&mut c)?;

    let wanted = (args.voters + 1 + args.prefill).max(args.codes);
    let mut codes = Vec::with_capacity(wanted);
    while codes.len() < wanted {
        let n = (wanted - codes.len()).min(codes_svc::MAX_BATCH as usize) as i32;
        let batch = codes_svc::generate_batch(&mut c, &Principal::cli(), &area, year, n)
            .map_err(|e| anyhow!("codes: {e}"))?;
        codes.extend(batch.codes);
    }

    if args.prefill > 0 {
        // Only the turnout matters here, not the durability of these writes.
        match args.postgres {
            Some(_) => c.batch_execute("SET synchronous_commit = off")?,
            None => c.batch_execute("PRAGMA synchronous = OFF")?,
        }
        let t = Instant::now();
        let choice = vec![plan.clone()];
        let round_id = RoundId(round.clone());
        // Every ballot goes through the service (its checks, the kept count, its audit
        // event in the chain), 1,000 of them in one outer transaction: each cast is then a
        // savepoint, not a commit of its own.
        let prefill = &codes[args.voters + 1..args.voters + 1 + args.prefill];
        for (n, chunk) in prefill.chunks(1_000).enumerate() {
            tx::write(&mut c, |c| -> anyhow::Result<()> {
                for (i, code) in chunk.iter().enumerate() {
                    rounds_svc::cast(
                        c,
                        &Principal::resident(),
                        &round_id,
                        Channel::Online {
                            handle: code.handle(),
                        },
                        &choice,
                    )
                    .map_err(|e| anyhow!("prefill ballot {}: {e:?}", n * 1_000 + i))?;
                }
                Ok(())
            })?;
            let done = n * 1_000 + chunk.len();
            if done % 20_000 == 0 {
                println!(
                    "  prefill: {done} ballots, {:.0} s",
                    t.elapsed().as_secs_f64()
                );
            }
        }
    }
    let before: i64 = ballots::table
        .filter(ballots::round_id.eq(&round))
        .count()
        .get_result(&mut c)?;
    Ok(World {
        url,
        pg_drop,
        area,
        round,
        counted_round,
        plan,
        codes: Arc::new(codes),
        before: before as usize,
    })
}

// ---------------------------------------------------------------- processes and CPU

/// A child server, killed when dropped.
struct Server {
    child: Child,
    base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> anyhow::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

async fn start(mut cmd: Command, port: u16) -> anyhow::Result<Server> {
    let child = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .with_context(|| format!("starting {cmd:?}"))?;
    let server = Server {
        child,
        base: format!("http://127.0.0.1:{port}"),
    };
    let client = reqwest::Client::new();
    for _ in 0..300 {
        if let Ok(r) = client.get(format!("{}/health", server.base)).send().await {
            if r.status().is_success() {
                return Ok(server);
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    bail!("server did not answer on {}", server.base)
}

/// user + system CPU seconds of one process.
fn cpu_of(pid: u32) -> f64 {
    let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return 0.0;
    };
    // Fields after "(comm) ": state is field 3, utime 14, stime 15.
    let Some((_, rest)) = stat.rsplit_once(") ") else {
        return 0.0;
    };
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    // Linux reports in USER_HZ, 100 per second on every common platform.
    (ticks(11) + ticks(12)) / 100.0
}

/// CPU seconds of every `postgres` process (the database server's own work).
fn postgres_cpu() -> f64 {
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return 0.0;
    };
    dir.filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            std::fs::read_to_string(format!("/proc/{pid}/comm"))
                .map(|c| c.trim() == "postgres")
                .unwrap_or(false)
        })
        .map(cpu_of)
        .sum()
}

/// CPU used by the server (and PostgreSQL) between `begin` and now.
struct CpuMeter {
    pid: u32,
    server: f64,
    pg: f64,
    with_pg: bool,
}

impl CpuMeter {
    fn begin(pid: u32, with_pg: bool) -> Self {
        CpuMeter {
            pid,
            server: cpu_of(pid),
            pg: if with_pg { postgres_cpu() } else { 0.0 },
            with_pg,
        }
    }
    fn end(&self) -> (f64, f64) {
        let pg = if self.with_pg {
            postgres_cpu() - self.pg
        } else {
            0.0
        };
        (cpu_of(self.pid) - self.server, pg)
    }
}

// ---------------------------------------------------------------- statistics

#[derive(Default)]
struct Samples {
    by_step: Mutex<HashMap<&'static str, Vec<Duration>>>,
    errors: Mutex<Vec<String>>,
}

impl Samples {
    fn add(&self, step: &'static str, d: Duration) {
        if let Ok(mut m) = self.by_step.lock() {
            m.entry(step).or_default().push(d);
        }
    }
    fn error(&self, e: String) {
        if let Ok(mut v) = self.errors.lock() {
            v.push(e);
        }
    }
    /// A resident's vote: its receipt's tracker into `receipts`, or its error.
    fn record(&self, receipts: &Mutex<Vec<String>>, outcome: Result<String, String>) {
        match outcome {
            Ok(tracker) => {
                if let Ok(mut g) = receipts.lock() {
                    g.push(tracker);
                }
            }
            Err(e) => self.error(e),
        }
    }
    fn print(&self, steps: &[&'static str]) {
        let Ok(mut m) = self.by_step.lock() else {
            return;
        };
        println!(
            "  {:<10} {:>7} {:>9} {:>9} {:>9} {:>9}",
            "step", "n", "p50 ms", "p90 ms", "p99 ms", "max ms"
        );
        for s in steps {
            let Some(v) = m.get_mut(s) else { continue };
            v.sort();
            let p = |q: f64| {
                let i = ((v.len() as f64 - 1.0) * q).round() as usize;
                v[i].as_secs_f64() * 1000.0
            };
            println!(
                "  {:<10} {:>7} {:>9.2} {:>9.2} {:>9.2} {:>9.2}",
                s,
                v.len(),
                p(0.5),
                p(0.9),
                p(0.99),
                p(1.0)
            );
        }
        if let Ok(e) = self.errors.lock() {
            println!("  errors: {}", e.len());
            let mut kinds: HashMap<&str, usize> = HashMap::new();
            for x in e.iter() {
                *kinds.entry(x.as_str()).or_default() += 1;
            }
            for (k, n) in kinds.iter().take(10) {
                println!("    {n} × {k}");
            }
        }
    }
}

// ---------------------------------------------------------------- the resident

// The same page reading as the integration tests.
#[path = "../tests/it/page_parts.rs"]
mod page_parts;
use page_parts::{csrf_field as csrf_token, tracker as tracker_of};

struct Resident {
    client: reqwest::Client,
    token: String,
}

fn new_client() -> anyhow::Result<reqwest::Client> {
    Ok(reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()?)
}

async fn expect(
    r: Result<reqwest::Response, reqwest::Error>,
    step: &str,
    status: u16,
) -> Result<String, String> {
    let r = r.map_err(|e| format!("{step}: {}", e.without_url()))?;
    let got = r.status().as_u16();
    let body = r.text().await.map_err(|e| format!("{step}: body {e}"))?;
    if got != status {
        return Err(format!("{step}: status {got}"));
    }
    Ok(body)
}

/// The code form's POST: `code` entered for the area of `w`, with the form's `token`.
fn code_entry(
    client: &reqwest::Client,
    base: &str,
    w: &World,
    token: &str,
    code: &VotingCode,
) -> reqwest::RequestBuilder {
    client.post(format!("{base}/stemmen")).form(&[
        ("csrf_token", token),
        ("code", code.formatted().as_str()),
        ("gebied", w.area.as_str()),
    ])
}

/// Code form and code entry; then the village page and the ballot.
async fn sign_in(
    base: &str,
    w: &World,
    code: &VotingCode,
    s: &Samples,
) -> Result<Resident, String> {
    let client = new_client().map_err(|e| e.to_string())?;
    let t = Instant::now();
    let page = expect(
        client
            .get(format!("{base}/stemmen?gebied={}", w.area))
            .send()
            .await,
        "code form",
        200,
    )
    .await?;
    let token = csrf_token(&page).ok_or("code form: no csrf token")?;
    expect(
        code_entry(&client, base, w, &token, code).send().await,
        "code",
        303,
    )
    .await?;
    s.add("code", t.elapsed());
    Ok(Resident { client, token })
}

impl Resident {
    /// GETs `url`, which must answer 200; `step` names it in an error.
    async fn page(&self, url: String, step: &str) -> Result<String, String> {
        expect(self.client.get(url).send().await, step, 200).await
    }

    /// Posts the choice for `w.plan` to the ballot's `action` (`controleren` or
    /// `uitbrengen`), which must answer 200; `step` names it in an error.
    async fn send_choice(
        &self,
        base: &str,
        w: &World,
        action: &str,
        step: &str,
    ) -> Result<String, String> {
        let url = format!("{base}/stemmen/{}/rondes/{}/{action}", w.area, w.round);
        let form = [
            ("csrf_token", self.token.as_str()),
            ("keuze", w.plan.as_str()),
        ];
        expect(self.client.post(url).form(&form).send().await, step, 200).await
    }
}

/// Times one step of the resident from the request until the answer is read: the answer
/// must hold `needle`, else the step fails with `missing` (and is not counted as a sample).
async fn timed_step(
    s: &Samples,
    step: &'static str,
    answer: impl std::future::Future<Output = Result<String, String>>,
    needle: &str,
    missing: &str,
) -> Result<String, String> {
    let t = Instant::now();
    let body = answer.await?;
    if !body.contains(needle) {
        return Err(missing.into());
    }
    s.add(step, t.elapsed());
    Ok(body)
}

async fn pages(base: &str, w: &World, r: &Resident, s: &Samples) -> Result<(), String> {
    let village = r.page(format!("{base}/stemmen/{}", w.area), "village");
    timed_step(s, "village", village, &w.round, "village: round not listed").await?;
    let url = format!("{base}/stemmen/{}/rondes/{}", w.area, w.round);
    let ballot = r.page(url, "ballot");
    timed_step(
        s,
        "ballot",
        ballot,
        &w.plan,
        "ballot: plan not on the ballot",
    )
    .await?;
    let review = r.send_choice(base, w, "controleren", "check");
    timed_step(s, "check", review, "/uitbrengen", "check: no cast form").await?;
    Ok(())
}

async fn cast(base: &str, w: &World, r: &Resident, s: &Samples) -> Result<String, String> {
    let t = Instant::now();
    let receipt = r.send_choice(base, w, "uitbrengen", "cast").await?;
    let tracker = tracker_of(&receipt).ok_or("cast: no tracker on the receipt")?;
    s.add("cast", t.elapsed());
    Ok(tracker)
}

/// Run `f(i)` for i in 0..n with `concurrency` at once.
async fn fan_out<F, Fut>(n: usize, concurrency: usize, f: F)
where
    F: Fn(usize) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = ()> + Send,
{
    let next = Arc::new(AtomicUsize::new(0));
    let f = Arc::new(f);
    let mut tasks = Vec::new();
    for _ in 0..concurrency.max(1) {
        let (next, f) = (next.clone(), f.clone());
        tasks.push(tokio::spawn(async move {
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= n {
                    break;
                }
                f(i).await;
            }
        }));
    }
    for t in tasks {
        let _ = t.await;
    }
}

// ---------------------------------------------------------------- wrk

struct WrkResult {
    rps: f64,
    p99_ms: f64,
    requests: f64,
    non_2xx: u64,
}

fn wrk(url: &str, secs: u64, cookie: Option<&str>) -> anyhow::Result<WrkResult> {
    let mut cmd = Command::new("wrk");
    cmd.args(["-t2", "-c64", &format!("-d{secs}s"), "--latency"]);
    if let Some(c) = cookie {
        cmd.args(["-H", &format!("Cookie: {c}")]);
    }
    let out = cmd
        .arg(url)
        .output()
        .context("running wrk (apt-get install wrk)")?;
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let ms = |v: &str| -> f64 {
        let (num, unit) = v.split_at(v.find(|c: char| c.is_alphabetic()).unwrap_or(v.len()));
        let n: f64 = num.parse().unwrap_or(f64::NAN);
        match unit {
            "us" => n / 1000.0,
            "ms" => n,
            "s" => n * 1000.0,
            "m" => n * 60_000.0,
            _ => f64::NAN,
        }
    };
    let mut r = WrkResult {
        rps: f64::NAN,
        p99_ms: f64::NAN,
        requests: f64::NAN,
        non_2xx: 0,
    };
    for line in text.lines() {
        let l = line.trim();
        if let Some(v) = l.strip_prefix("Requests/sec:") {
            r.rps = v.trim().parse().unwrap_or(f64::NAN);
        } else if let Some(v) = l.strip_prefix("99%") {
            r.p99_ms = ms(v.trim());
        } else if l.contains("requests in") {
            r.requests = l
                .split_whitespace()
                .next()
                .and_then(|v| v.parse().ok())
                .unwrap_or(f64::NAN);
        } else if let Some(v) = l.strip_prefix("Non-2xx or 3xx responses:") {
            r.non_2xx = v.trim().parse().unwrap_or(0);
        }
    }
    if r.rps.is_nan() {
        bail!("wrk printed no rate:\n{text}");
    }
    Ok(r)
}

fn print_wrk(name: &str, r: &WrkResult, cpu: f64) {
    println!(
        "  {name:<28} {:>9.0} req/s  p99 {:>7.2} ms  {:>7.1} µs CPU/req  non-2xx {}",
        r.rps,
        r.p99_ms,
        cpu / r.requests * 1e6,
        r.non_2xx
    );
}

// ---------------------------------------------------------------- the run

async fn run(args: &Args, w: &World, dir: &Path) -> anyhow::Result<()> {
    let port = free_port()?;
    let mut cmd = Command::new(&args.server);
    cmd.args([
        "serve",
        "--database",
        &w.url,
        "--bind",
        &format!("127.0.0.1:{port}"),
    ])
    .env("RUST_LOG", "warn");
    if args.postgres.is_some() {
        // With PostgreSQL the server needs a secrets key file (no default beside a file).
        let key = dir.join("secrets.key");
        burgerbegroting::keys::KeyFile::generate("loadtest.burgerbegroting/secrets")?
            .write_new(&key)?;
        cmd.env("BB_SECRETS_KEY_FILE", &key);
    }
    let server = start(cmd, port).await?;
    let pid = server.child.id();
    let base = server.base.clone();
    let with_pg = args.postgres.is_some();
    println!(
        "server: {} (pid {pid}), database {}",
        args.server.display(),
        if with_pg { "PostgreSQL" } else { "SQLite" }
    );

    if let Some(secs) = args.wrk {
        println!("pages (wrk, 64 connections, {secs} s each):");
        let meter = CpuMeter::begin(pid, false);
        let r = wrk(&format!("{base}/rondes/{}", w.counted_round), secs, None)?;
        print_wrk("public round page (counted)", &r, meter.end().0);
        // A signed-in resident for the village page (the spare code after the voters').
        let voter_cookie = voter_cookie_of(&base, w, &w.codes[args.voters]).await;
        let meter = CpuMeter::begin(pid, false);
        let r = wrk(
            &format!("{base}/stemmen/{}", w.area),
            secs,
            voter_cookie.as_deref(),
        )?;
        print_wrk("village page (signed in)", &r, meter.end().0);
        let meter = CpuMeter::begin(pid, false);
        let r = wrk(&format!("{base}/"), secs, None)?;
        print_wrk("home page", &r, meter.end().0);
    }

    let mut receipts: Vec<String> = Vec::new();
    if !args.no_flow {
        let samples = Arc::new(Samples::default());
        let got = Arc::new(Mutex::new(Vec::<String>::new()));
        let done = Arc::new(std::sync::atomic::AtomicBool::new(false));
        // Readers of public pages, for as long as the residents vote.
        let mut readers = Vec::new();
        for i in 0..args.readers {
            let (base, s, done) = (base.clone(), samples.clone(), done.clone());
            let url = if i % 2 == 0 {
                format!("{base}/rondes/{}", w.counted_round)
            } else {
                format!("{base}/")
            };
            readers.push(tokio::spawn(async move {
                let client = reqwest::Client::new();
                while !done.load(Ordering::Relaxed) {
                    let t = Instant::now();
                    match expect(client.get(&url).send().await, "read", 200).await {
                        Ok(_) => s.add("read", t.elapsed()),
                        Err(e) => s.error(e),
                    }
                }
            }));
        }
        let world = Arc::new(w.clone());
        let (elapsed, cpu) = if args.cast_only {
            // Sign everybody in first; measure the casts alone.
            let prepared: Arc<Mutex<Vec<Option<Resident>>>> =
                Arc::new(Mutex::new((0..args.voters).map(|_| None).collect()));
            {
                let (world, s, prepared, base) = (
                    world.clone(),
                    samples.clone(),
                    prepared.clone(),
                    base.clone(),
                );
                fan_out(args.voters, args.concurrency, move |i| {
                    let (world, s, prepared, base) =
                        (world.clone(), s.clone(), prepared.clone(), base.clone());
                    async move {
                        let w = &*world;
                        match sign_in(&base, w, &w.codes[i], &s).await {
                            Ok(r) => {
                                if let Ok(mut p) = prepared.lock() {
                                    p[i] = Some(r);
                                }
                            }
                            Err(e) => s.error(e),
                        }
                    }
                })
                .await;
            }
            let meter = CpuMeter::begin(pid, with_pg);
            let t = Instant::now();
            {
                let (world, s, prepared, base, got) = (
                    world.clone(),
                    samples.clone(),
                    prepared.clone(),
                    base.clone(),
                    got.clone(),
                );
                fan_out(args.voters, args.concurrency, move |i| {
                    let (world, s, prepared, base, got) = (
                        world.clone(),
                        s.clone(),
                        prepared.clone(),
                        base.clone(),
                        got.clone(),
                    );
                    async move {
                        let r = prepared.lock().ok().and_then(|mut p| p[i].take());
                        let Some(r) = r else { return };
                        s.record(&got, cast(&base, &world, &r, &s).await);
                    }
                })
                .await;
            }
            (t.elapsed(), meter.end())
        } else {
            let meter = CpuMeter::begin(pid, with_pg);
            let t = Instant::now();
            {
                let (world, s, base, got) =
                    (world.clone(), samples.clone(), base.clone(), got.clone());
                fan_out(args.voters, args.concurrency, move |i| {
                    let (world, s, base, got) =
                        (world.clone(), s.clone(), base.clone(), got.clone());
                    async move {
                        let w = &*world;
                        let outcome = async {
                            let r = sign_in(&base, w, &w.codes[i], &s).await?;
                            pages(&base, w, &r, &s).await?;
                            cast(&base, w, &r, &s).await
                        }
                        .await;
                        s.record(&got, outcome);
                    }
                })
                .await;
            }
            (t.elapsed(), meter.end())
        };
        done.store(true, Ordering::Relaxed);
        for r in readers {
            let _ = r.await;
        }
        receipts = got.lock().map(|g| g.clone()).unwrap_or_default();
        let n = receipts.len().max(1) as f64;
        println!(
            "{} ({} voters, {} at once, {} readers, {} ballots before):",
            if args.cast_only {
                "cast step alone"
            } else {
                "whole resident flow"
            },
            args.voters,
            args.concurrency,
            args.readers,
            args.prefill
        );
        println!(
            "  {} ballots in {:.2} s = {:.1} ballots/s; server CPU {:.2} ms per voter{}",
            receipts.len(),
            elapsed.as_secs_f64(),
            receipts.len() as f64 / elapsed.as_secs_f64(),
            cpu.0 / n * 1000.0,
            if with_pg {
                format!("; PostgreSQL CPU {:.2} ms per voter", cpu.1 / n * 1000.0)
            } else {
                String::new()
            }
        );
        samples.print(&["code", "village", "ballot", "check", "cast", "read"]);
    }
    drop(server);

    if let Some(bare) = &args.bare {
        bare_stack(args, bare, dir).await?;
    }

    if !args.no_flow {
        verify(w, &receipts)?;
    }
    Ok(())
}

async fn voter_cookie_of(base: &str, w: &World, code: &VotingCode) -> Option<String> {
    let client = new_client().ok()?;
    let page = client
        .get(format!("{base}/stemmen?gebied={}", w.area))
        .send()
        .await
        .ok()?;
    let pre: Vec<String> = page
        .cookies()
        .map(|c| format!("{}={}", c.name(), c.value()))
        .collect();
    let token = csrf_token(&page.text().await.ok()?)?;
    let r = code_entry(&client, base, w, &token, code)
        .send()
        .await
        .ok()?;
    let mut all = pre;
    all.extend(r.cookies().map(|c| format!("{}={}", c.name(), c.value())));
    Some(all.join("; "))
}

async fn bare_stack(args: &Args, bin: &Path, dir: &Path) -> anyhow::Result<()> {
    let port = free_port()?;
    let mut cmd = Command::new(bin);
    cmd.args([
        "--db",
        &dir.join("bare.db").display().to_string(),
        "--bind",
        &format!("127.0.0.1:{port}"),
    ]);
    let server = start(cmd, port).await?;
    let pid = server.child.id();
    println!("bare stack: {} (pid {pid})", bin.display());
    if let Some(secs) = args.wrk {
        let meter = CpuMeter::begin(pid, false);
        let r = wrk(&format!("{}/round", server.base), secs, None)?;
        print_wrk("bare page", &r, meter.end().0);
    }
    let samples = Arc::new(Samples::default());
    let ok = Arc::new(AtomicUsize::new(0));
    let meter = CpuMeter::begin(pid, false);
    let t = Instant::now();
    {
        let clients: Arc<Vec<reqwest::Client>> = Arc::new(
            (0..args.concurrency.max(1))
                .map(|_| new_client())
                .collect::<anyhow::Result<_>>()?,
        );
        let (s, ok, base) = (samples.clone(), ok.clone(), server.base.clone());
        fan_out(args.voters, args.concurrency, move |i| {
            let (s, ok, base, clients) = (s.clone(), ok.clone(), base.clone(), clients.clone());
            async move {
                let client = &clients[i % clients.len()];
                let t = Instant::now();
                match expect(
                    client
                        .post(format!("{base}/cast"))
                        .form(&[("keuze", "1")])
                        .send()
                        .await,
                    "bare cast",
                    200,
                )
                .await
                {
                    Ok(_) => {
                        s.add("cast", t.elapsed());
                        ok.fetch_add(1, Ordering::Relaxed);
                    }
                    Err(e) => s.error(e),
                }
            }
        })
        .await;
    }
    let elapsed = t.elapsed();
    let (cpu, _) = meter.end();
    let n = ok.load(Ordering::Relaxed);
    println!(
        "bare stack casts ({} at once): {} in {:.2} s = {:.1} ballots/s; server CPU {:.2} ms per ballot",
        args.concurrency,
        n,
        elapsed.as_secs_f64(),
        n as f64 / elapsed.as_secs_f64(),
        cpu / n.max(1) as f64 * 1000.0
    );
    samples.print(&["cast"]);
    Ok(())
}

/// Every receipt stored exactly once; the round holds exactly the ballots cast (demo,
/// prefill, this run); participations match ballots; the audit sequence has no gap.
fn verify(w: &World, receipts: &[String]) -> anyhow::Result<()> {
    let mut c: DbConn = establish(&DbUrl::parse(&w.url)?)?;
    let stored: Vec<String> = ballots::table
        .filter(ballots::round_id.eq(&w.round))
        .select(ballots::tracker)
        .load(&mut c)?;
    let mut count: HashMap<&str, usize> = HashMap::new();
    for t in &stored {
        *count.entry(t.as_str()).or_default() += 1;
    }
    let not_once = receipts
        .iter()
        .filter(|t| count.get(t.as_str()).copied() != Some(1))
        .count();
    let participations: i64 = code_participation::table
        .filter(code_participation::round_id.eq(&w.round))
        .count()
        .get_result(&mut c)?;
    let seqs: Vec<i64> = audit_events::table
        .select(audit_events::seq)
        .order(audit_events::seq)
        .load(&mut c)?;
    let gaps = seqs
        .iter()
        .enumerate()
        .filter(|(i, s)| **s != *i as i64 + 1)
        .count();
    let expected = w.before + receipts.len();
    println!(
        "check: {} receipts, {} not stored exactly once; round holds {} ballots ({} expected \
         from before + receipts, {} participations); audit log {} events, {} out of sequence",
        receipts.len(),
        not_once,
        stored.len(),
        expected,
        participations,
        seqs.len(),
        gaps
    );
    if not_once > 0 || stored.len() != expected || participations as usize != expected || gaps > 0 {
        bail!("the database does not match what the residents were told");
    }
    println!("check: OK");
    Ok(())
}
