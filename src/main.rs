use std::io::{BufRead, Write};
use std::process::ExitCode;

use clap::Parser;

use burgerbegroting::cli::{
    AuditCommand, Cli, Command, DbArgs, LedgerCommand, ServeArgs, UserCommand,
};
use burgerbegroting::config::Settings;
use burgerbegroting::domain::ledger_import::ImportOptions;
use burgerbegroting::domain::money::format_eur;
use burgerbegroting::domain::role::Role;
use burgerbegroting::domain::wording::count_of;
use burgerbegroting::service::{self, Principal, ServiceError};
use burgerbegroting::startup::{prepare_database, Application};

/// mimalloc (MIT) instead of the system allocator, for the binary (the web server and the
/// command line; a library does not choose the allocator of those who link it). Why:
/// counting Warsaw 2026 from the command line spent a third of its CPU time in the kernel,
/// most of it providing fresh 4 KB pages one fault at a time for the file, the groups and
/// equal shares' lists (2,400–3,400 minor page faults a count). mimalloc takes its memory in
/// large segments: about 600 faults a count, and the system time halved (greedy 12.5 → 6.3
/// ms, equal shares 13.5–15.2 → 7.5–7.9 ms; docs/performance.md, "Warsaw equal shares"). In
/// the server glibc's malloc and free were about a tenth of the CPU of a ballot (perf, same
/// document, "A ballot from what its page read"). The cost: a larger resident size for
/// short runs (31–46 MB instead of 19 MB for a Warsaw count).
///
/// With transparent huge pages (mimalloc asks for them): built with its `no_thp` the
/// server zeroed fewer 2 MB pages under residents' load, but a Warsaw count spent twice
/// the system time (docs/performance.md, tenth session), so it stays as it was.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("fout: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn settings(
    cli_config: Option<&std::path::Path>,
    bind: Option<&str>,
    db: Option<&str>,
) -> anyhow::Result<Settings> {
    let mut s = Settings::load(cli_config)?;
    if let Some(b) = bind {
        s.bind = b.to_string();
    }
    if let Some(d) = db {
        s.database_url = d.to_string();
    }
    Ok(s)
}

fn run(cli: Cli) -> anyhow::Result<()> {
    let config = cli.config.as_deref();
    match cli.command {
        Command::Serve(ServeArgs { bind, database }) => {
            let s = settings(config, bind.as_deref(), database.as_deref())?;
            serve(s)
        }
        Command::Demo(ServeArgs { bind, database }) => {
            let mut s = settings(config, bind.as_deref(), database.as_deref())?;
            // The demo's printed logins should work at once; production requires the
            // authenticator app for staff (require_staff_second_factor = true).
            s.require_staff_second_factor = false;
            s.demo_theme = true;
            let pool = prepare_database(&s)?;
            let mut conn = pool.get()?;
            match service::demo::seed(&mut conn)? {
                Some(seed) => {
                    println!("Demo-gemeente Oldebroek aangemaakt in {}.", s.database_url);
                    println!(
                        "Inloggen (bewaar deze wachtwoorden, ze worden niet opnieuw getoond):"
                    );
                    for l in seed.logins {
                        println!("  {:<32} {:<18} {}", l.email, l.role.as_str(), l.password);
                    }
                    println!("Stemcodes om mee te stemmen op /stemmen (ongebruikt):");
                    for (area, code) in seed.voting_codes {
                        println!("  {code}  ({area})");
                    }
                }
                None => println!(
                    "Database {} bevat al gegevens; de demo draait met de bestaande accounts.",
                    s.database_url
                ),
            }
            println!("Let op: in de demo is de tweede stap (app met inlogcodes) voor medewerkers niet verplicht; instellen kan via /account/tweede-stap.");
            // The demo signs its audit log with a key file beside the database (made on the
            // first run, owner-only), unless the settings name one.
            let key_path = s
                .signing_key_file
                .clone()
                .unwrap_or_else(|| demo_key_path(&s.database_url));
            let key = burgerbegroting::keys::KeyFile::load_or_create(
                &key_path,
                "oldebroek.burgerbegroting.demo/audit",
            )?;
            s.signing_key_file = Some(key_path.clone());
            let signed = service::audit_log::sign_pending(&mut conn, &key).map_err(explain)?;
            println!(
                "Het auditlogboek wordt ondertekend met {} (publieke sleutel {}).",
                key_path.display(),
                key.verifier_text()
            );
            if let service::audit_log::SignOutcome::Stopped(reason) = signed {
                println!("LET OP: het ondertekenen is gestopt: {reason}");
            }
            drop(conn);
            serve_with_pool(s, pool)
        }
        Command::Migrate(DbArgs { database }) => {
            let s = settings(config, None, database.as_deref())?;
            let url = burgerbegroting::db::DbUrl::parse(&s.database_url)?;
            let mut conn = burgerbegroting::db::conn::establish(&url)?;
            let applied = burgerbegroting::db::migrate::run_pending(&mut conn)?;
            println!(
                "{} applied",
                count_of(applied.len(), "migration", "migrations")
            );
            for m in applied {
                println!("  {m}");
            }
            Ok(())
        }
        Command::User(UserCommand::Add {
            email,
            role,
            name,
            db,
        }) => {
            let s = settings(config, None, db.database.as_deref())?;
            let role = Role::parse(&role).ok_or_else(|| {
                anyhow::anyhow!(
                    "unknown role '{role}': use finance_clerk, finance_approver or admin"
                )
            })?;
            let mut password = String::new();
            std::io::stdin().lock().read_line(&mut password)?;
            let password = password.trim_end_matches(['\r', '\n']);
            let mut conn = connect(&s)?;
            let user = service::auth::add_user(
                &mut conn,
                &Principal::cli(),
                &email,
                &name,
                role,
                password,
            )
            .map_err(explain)?;
            println!("account {} ({}) aangemaakt", user.email, role.as_str());
            Ok(())
        }
        Command::Ledger(LedgerCommand::Import { file, gemeente, db }) => {
            let s = settings(config, None, db.database.as_deref())?;
            let bytes = std::fs::read(&file)?;
            let mut conn = connect(&s)?;
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            let outcome = service::ledger::import_ledger(
                &mut conn,
                &Principal::cli(),
                &name,
                &bytes,
                &ImportOptions {
                    municipality: gemeente,
                },
            )
            .map_err(explain)?;
            println!(
                "{}: {} toegevoegd, {} al aanwezig en ongewijzigd ({})",
                name,
                count_of(outcome.lines_added, "begrotingspost", "begrotingsposten"),
                outcome.lines_unchanged,
                outcome.format
            );
            for n in outcome.notes {
                println!("  let op: {n}");
            }
            Ok(())
        }
        Command::Ledger(LedgerCommand::List { year, json, db }) => {
            let s = settings(config, None, db.database.as_deref())?;
            let mut conn = connect(&s)?;
            let lines =
                service::ledger::list_budget_lines(&mut conn, &service::Principal::cli(), year)
                    .map_err(explain)?;
            let mut out = std::io::stdout().lock();
            if json {
                serde_json::to_writer_pretty(&mut out, &lines)?;
                writeln!(out)?;
            } else {
                for l in lines {
                    writeln!(
                        out,
                        "{} {:<12} {:<6} {:<50} {:>20} {:>20}",
                        l.fiscal_year,
                        l.code,
                        l.taakveld,
                        l.name,
                        format_eur(l.amount_cents),
                        format_eur(l.balance_cents)
                    )?;
                }
            }
            Ok(())
        }
        Command::Keys(burgerbegroting::cli::KeysCommand::Generate { out, name }) => {
            let key = burgerbegroting::keys::KeyFile::generate(&name)?;
            key.write_new(&out)?;
            println!(
                "Sleutel geschreven naar {} (alleen leesbaar voor de eigenaar).",
                out.display()
            );
            println!("Publieke sleutel: {}", key.verifier_text());
            Ok(())
        }
        Command::Audit(AuditCommand::Resume { db }) => {
            let s = settings(config, None, db.database.as_deref())?;
            let mut conn = connect(&s)?;
            service::audit_log::resume(&mut conn, &Principal::cli()).map_err(explain)?;
            println!("De geschiedenis klopt weer met het laatste controlepunt; het ondertekenen gaat verder.");
            Ok(())
        }
        Command::Audit(AuditCommand::Export {
            out,
            previous,
            from,
            to,
            zip,
            db,
        }) => {
            let s = settings(config, None, db.database.as_deref())?;
            let key = service::audit_log::load_signing_key(&s)?.ok_or_else(|| {
                anyhow::anyhow!("er is geen ondertekeningssleutel ingesteld (signing_key_file)")
            })?;
            let mut conn = connect(&s)?;
            let opts = burgerbegroting::audit_export::ExportOptions {
                from,
                to,
                previous,
                zip,
            };
            let sum = burgerbegroting::audit_export::export_bundle(&mut conn, &key, &out, &opts)?;
            println!(
                "Bundel geschreven naar {} ({}, {}, wortel {}, {}, {}).",
                sum.dir.display(),
                count_of(sum.files, "bestand", "bestanden"),
                count_of(sum.size, "gebeurtenis", "gebeurtenissen"),
                sum.root_hex,
                count_of(sum.transfers, "overboeking", "overboekingen"),
                count_of(sum.rounds, "ronde", "rondes")
            );
            if let Some(z) = sum.zip {
                println!("Zip: {}", z.display());
            }
            Ok(())
        }
        Command::Audit(AuditCommand::Verify {
            dir,
            previous,
            key,
            json,
            lang,
        }) => {
            let v = burgerbegroting::audit::verify::verify_bundle(
                &dir,
                previous.as_deref(),
                key.as_deref(),
            );
            if json {
                println!("{}", serde_json::to_string_pretty(&v)?);
            } else {
                println!(
                    "{}",
                    burgerbegroting::audit::verify::describe(&v, lang == "en")
                );
            }
            if v.ok {
                Ok(())
            } else if lang == "en" {
                anyhow::bail!("the bundle does not hold")
            } else {
                anyhow::bail!("de bundel klopt niet")
            }
        }
        Command::Audit(AuditCommand::Sign { db }) => {
            let s = settings(config, None, db.database.as_deref())?;
            let key = service::audit_log::load_signing_key(&s)?.ok_or_else(|| {
                anyhow::anyhow!("er is geen ondertekeningssleutel ingesteld (signing_key_file)")
            })?;
            let mut conn = connect(&s)?;
            match service::audit_log::sign_pending(&mut conn, &key).map_err(explain)? {
                service::audit_log::SignOutcome::Signed(c) => print!("{}", c.text),
                service::audit_log::SignOutcome::Unchanged => {
                    println!("Het logboek is niet gegroeid sinds het laatste controlepunt.")
                }
                service::audit_log::SignOutcome::Stopped(reason) => {
                    anyhow::bail!("het ondertekenen is gestopt: {reason}")
                }
            }
            Ok(())
        }
        Command::Tally(args) => burgerbegroting::tally::cli::run(&args, &mut std::io::stdout()),
        Command::Rounds(burgerbegroting::cli::RoundsCommand::Schedule {
            year,
            quarters,
            areas,
            budget,
            title,
            ballot_rule,
            max_choices,
            count_rule,
            plan_weeks,
            review_weeks,
            voting_weeks,
            db,
        }) => {
            use burgerbegroting::domain::round::{BallotRule, CountRule};
            use burgerbegroting::service::rounds::{schedule_year, AreaChoice, ScheduleInput};
            let budget_cents = burgerbegroting::domain::money::parse_eur_nl(&budget)
                .map_err(|e| anyhow::anyhow!("--budget: {e}"))?;
            // Rules as typed: an unknown one is an error, never a default.
            let ballot_rule = match ballot_rule.as_str() {
                "knapsack" if max_choices.is_some() => {
                    anyhow::bail!("--max-choices past alleen bij --ballot-rule approval")
                }
                "knapsack" => BallotRule::Knapsack,
                "approval" => BallotRule::Approval { max_choices },
                other => anyhow::bail!("--ballot-rule: onbekende regel {other:?}"),
            };
            let count_rule = CountRule::parse(&count_rule)
                .ok_or_else(|| anyhow::anyhow!("--count-rule: onbekende regel {count_rule:?}"))?;
            let s = settings(config, None, db.database.as_deref())?;
            let mut conn = connect(&s)?;
            let made = schedule_year(
                &mut conn,
                &Principal::cli(),
                &ScheduleInput {
                    year,
                    quarters,
                    areas: AreaChoice::parse(&areas),
                    title,
                    budget_cents,
                    ballot_rule,
                    count_rule,
                    plan_weeks,
                    review_weeks,
                    voting_weeks,
                },
            )
            .map_err(explain)?;
            println!("{} gepland:", count_of(made.len(), "ronde", "rondes"));
            for v in made {
                let dates = v.round.calendar.map(|c| {
                    format!(
                        "plannen {} t/m {}, beoordelen t/m {}, stemmen {} t/m {}",
                        c.plans_from, c.plans_until, c.review_until, c.voting_from, c.voting_until
                    )
                });
                println!(
                    "  {}  {}  kwartaal {}  {}  {}",
                    v.round.id,
                    v.area.slug,
                    v.round.quarter,
                    format_eur(v.round.budget_cents),
                    dates.unwrap_or_default()
                );
            }
            Ok(())
        }
        Command::Codes(burgerbegroting::cli::CodesCommand::Generate {
            area,
            year,
            count,
            out,
            db,
        }) => {
            let s = settings(config, None, db.database.as_deref())?;
            let mut conn = connect(&s)?;
            let g = service::voting_codes::generate_to_file(
                &mut conn,
                &Principal::cli(),
                &area,
                year,
                count,
                &out,
            )
            .map_err(explain)?;
            println!(
                "{} stemcodes voor {} ({}) geschreven naar {} (reeks {}). \
                 De codes staan alleen in dit bestand: bewaar het veilig en verwijder het na het drukken.",
                g.codes.len(),
                g.area.name,
                g.batch.year,
                out.display(),
                g.batch.id
            );
            Ok(())
        }
    }
}

/// `burgerbegroting-signing.key` in the directory of the demo's SQLite file (the working
/// directory for PostgreSQL).
fn demo_key_path(database_url: &str) -> std::path::PathBuf {
    let name = "burgerbegroting-signing.key";
    match burgerbegroting::db::DbUrl::parse(database_url) {
        Ok(burgerbegroting::db::DbUrl::Sqlite(path)) => std::path::Path::new(&path)
            .parent()
            .map(|d| d.join(name))
            .unwrap_or_else(|| name.into()),
        _ => name.into(),
    }
}

/// Turn a service error into a readable message for the terminal.
fn explain(e: ServiceError) -> anyhow::Error {
    match e {
        ServiceError::Import(problems) => {
            let mut msg = format!(
                "het bestand is niet ingelezen ({}):",
                count_of(problems.len(), "probleem", "problemen")
            );
            for p in problems {
                msg.push_str(&format!(
                    "\n  regel {}, kolom {}: {} (waarde: '{}')",
                    p.line_no, p.column, p.message, p.value
                ));
            }
            anyhow::anyhow!(msg)
        }
        other => anyhow::anyhow!(other.to_string()),
    }
}

fn serve(s: Settings) -> anyhow::Result<()> {
    // A bad theme stops the start before the database is touched.
    burgerbegroting::startup::load_theme(&s)?;
    let pool = prepare_database(&s)?;
    serve_with_pool(s, pool)
}

/// A connection for a command, to the database of `s` brought up to date first.
fn connect(
    s: &Settings,
) -> anyhow::Result<diesel::r2d2::PooledConnection<burgerbegroting::db::conn::Manager>> {
    Ok(prepare_database(s)?.get()?)
}

fn serve_with_pool(s: Settings, pool: burgerbegroting::db::DbPool) -> anyhow::Result<()> {
    actix_web::rt::System::new().block_on(async move {
        let app = Application::build_with_pool(s.clone(), pool)?;
        let host = s
            .bind
            .rsplit_once(':')
            .map(|(h, _)| h)
            .unwrap_or("127.0.0.1");
        println!(
            "burgerbegroting luistert op http://{}:{}/",
            host,
            app.port()
        );
        std::io::stdout().flush()?;
        app.run_until_stopped().await?;
        Ok(())
    })
}
