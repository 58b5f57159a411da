//! The bare stack: the smallest actix-web + diesel + SQLite + maud server that does what a
//! resident's request needs, built from the same crate versions as burgerbegroting (it is
//! an example of this crate, so Cargo.lock pins both). `docs/performance.md` compares our
//! pages and ballots with this server, in the same run on the same machine.
//!
//! - `GET /round`: one read (the round's plans) and a maud page of about 8 KB, like the
//!   public page of a counted round.
//! - `POST /cast` (`keuze=<plan id>`): exactly one ballot transaction with the same
//!   durability as ours (WAL, `synchronous=FULL`, one fsync per commit): the ballot, its
//!   choice and an audit row, written by one writer connection behind a mutex.
//!
//! ```text
//! cargo run --release --example bare_stack -- --db /tmp/bare.db --bind 127.0.0.1:8090
//! ```
//!
//! No CSRF, sessions or voting codes: it is the floor, not a competitor.

use std::sync::{Arc, Mutex};

use actix_web::{web, App, HttpResponse, HttpServer};
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::r2d2::{ConnectionManager, CustomizeConnection, Pool};
use maud::{html, Markup, DOCTYPE};

mod schema {
    diesel::table! {
        plans (id) {
            id -> Integer,
            title -> Text,
            summary -> Text,
            amount_cents -> BigInt,
        }
    }
    diesel::table! {
        ballots (id) {
            id -> Integer,
            tracker -> Text,
            choice -> Integer,
        }
    }
    diesel::table! {
        audit (seq) {
            seq -> Integer,
            payload -> Text,
        }
    }
}
use schema::{audit, ballots, plans};

#[derive(Queryable)]
struct Plan {
    id: i32,
    title: String,
    summary: String,
    amount_cents: i64,
}

const PRAGMAS: &str = "PRAGMA busy_timeout = 30000; PRAGMA journal_mode = WAL; \
                       PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;";

#[derive(Debug)]
struct Pragmas;

impl CustomizeConnection<SqliteConnection, diesel::r2d2::Error> for Pragmas {
    fn on_acquire(&self, conn: &mut SqliteConnection) -> Result<(), diesel::r2d2::Error> {
        conn.batch_execute(PRAGMAS)
            .map_err(diesel::r2d2::Error::QueryError)
    }
}

struct State {
    readers: Pool<ConnectionManager<SqliteConnection>>,
    writer: Mutex<SqliteConnection>,
}

fn setup(conn: &mut SqliteConnection) -> QueryResult<()> {
    conn.batch_execute(
        "CREATE TABLE IF NOT EXISTS plans (id INTEGER PRIMARY KEY, title TEXT NOT NULL, \
           summary TEXT NOT NULL, amount_cents BIGINT NOT NULL);
         CREATE TABLE IF NOT EXISTS ballots (id INTEGER PRIMARY KEY, tracker TEXT NOT NULL UNIQUE, \
           choice INTEGER NOT NULL REFERENCES plans(id));
         CREATE TABLE IF NOT EXISTS audit (seq INTEGER PRIMARY KEY, payload TEXT NOT NULL);",
    )?;
    let n: i64 = plans::table.count().get_result(conn)?;
    if n == 0 {
        for i in 1..=12 {
            diesel::insert_into(plans::table)
                .values((
                    plans::id.eq(i),
                    plans::title.eq(format!(
                        "Plan {i}: bankjes en bloembakken in de dorpsstraat"
                    )),
                    plans::summary.eq("Samenvatting van het plan: wat het dorp ermee wint, wie \
                        het uitvoert en waar het geld naartoe gaat. "
                        .repeat(4)),
                    plans::amount_cents.eq(250_000 + i64::from(i) * 1_000),
                ))
                .execute(conn)?;
        }
    }
    Ok(())
}

fn layout(title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="nl" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " - bare stack" }
            }
            body { main { (body) } }
        }
    }
}

fn euros(cents: i64) -> String {
    format!("€ {},{:02}", cents / 100, cents % 100)
}

async fn round(state: web::Data<Arc<State>>) -> actix_web::Result<HttpResponse> {
    let st = state.clone();
    let rows = web::block(move || -> Result<Vec<Plan>, String> {
        let mut c = st.readers.get().map_err(|e| e.to_string())?;
        plans::table
            .order(plans::id)
            .load::<Plan>(&mut c)
            .map_err(|e| e.to_string())
    })
    .await?
    .map_err(actix_web::error::ErrorInternalServerError)?;
    let page = layout(
        "Ronde",
        html! {
            h1 { "Groen in het dorp" }
            p { "Uitslag van de ronde. Deze plannen stonden op het stembiljet." }
            table {
                thead { tr { th { "Plan" } th { "Bedrag" } th { "Samenvatting" } } }
                tbody {
                    @for p in &rows {
                        tr id={ "plan-" (p.id) } {
                            td { (p.title) }
                            td { (euros(p.amount_cents)) }
                            td { (p.summary) }
                        }
                    }
                }
            }
        },
    );
    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(page.into_string()))
}

#[derive(serde::Deserialize)]
struct CastForm {
    keuze: i32,
}

fn tracker() -> String {
    use rand::RngCore;
    let mut b = [0u8; 8];
    rand::rngs::OsRng.fill_bytes(&mut b);
    hex::encode(b)
}

async fn cast(
    state: web::Data<Arc<State>>,
    form: web::Form<CastForm>,
) -> actix_web::Result<HttpResponse> {
    let st = state.clone();
    let choice = form.keuze;
    let t = web::block(move || -> Result<String, String> {
        let mut w = st.writer.lock().map_err(|e| e.to_string())?;
        let t = tracker();
        w.immediate_transaction(|c| {
            diesel::insert_into(ballots::table)
                .values((ballots::tracker.eq(&t), ballots::choice.eq(choice)))
                .execute(c)?;
            diesel::insert_into(audit::table)
                .values(audit::payload.eq(format!(
                    "{{\"action\":\"ballot.cast\",\"tracker\":\"{t}\",\"choice\":{choice}}}"
                )))
                .execute(c)?;
            Ok::<_, diesel::result::Error>(())
        })
        .map_err(|e| e.to_string())?;
        Ok(t)
    })
    .await?
    .map_err(actix_web::error::ErrorConflict)?;
    let page = layout(
        "Uw stem is uitgebracht",
        html! {
            h1 { "Uw stem is uitgebracht" }
            p class="tracker" { (t) }
        },
    );
    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(page.into_string()))
}

fn arg(name: &str, default: &str) -> String {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
        .unwrap_or_else(|| default.to_string())
}

#[actix_web::main]
async fn main() -> anyhow::Result<()> {
    let db = arg("--db", "bare_stack.db");
    let bind = arg("--bind", "127.0.0.1:8090");
    let mut writer = SqliteConnection::establish(&db)?;
    writer.batch_execute(PRAGMAS)?;
    setup(&mut writer)?;
    let readers = Pool::builder()
        .max_size(8)
        .connection_customizer(Box::new(Pragmas))
        .build(ConnectionManager::<SqliteConnection>::new(&db))?;
    let state = Arc::new(State {
        readers,
        writer: Mutex::new(writer),
    });
    println!("bare stack on http://{bind} (GET /round, POST /cast keuze=1)");
    HttpServer::new(move || {
        App::new()
            .app_data(web::Data::new(state.clone()))
            .route("/round", web::get().to(round))
            .route("/cast", web::post().to(cast))
            .route(
                "/health",
                web::get().to(|| async { HttpResponse::Ok().body("ok") }),
            )
    })
    .bind(&bind)?
    .run()
    .await?;
    Ok(())
}
