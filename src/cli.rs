//! Command line: thin; every command calls the library.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "burgerbegroting",
    version,
    about = "Burgerbegroting: participatory citizens' budget platform"
)]
pub struct Cli {
    /// TOML settings file (default: ./burgerbegroting.toml when present).
    #[arg(long, global = true, env = "BB_CONFIG")]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args, Clone, Default)]
pub struct ServeArgs {
    /// Address to listen on (default 127.0.0.1:8080; port 0 picks a free port).
    #[arg(long)]
    pub bind: Option<String>,
    /// Database URL: sqlite://FILE or postgres://USER@HOST/DB.
    #[arg(long)]
    pub database: Option<String>,
}

#[derive(Debug, Args, Clone, Default)]
pub struct DbArgs {
    /// Database URL: sqlite://FILE or postgres://USER@HOST/DB.
    #[arg(long)]
    pub database: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the web application.
    Serve(ServeArgs),
    /// Apply pending database migrations and exit.
    Migrate(DbArgs),
    /// Create a demo municipality (first run), print the staff logins and serve.
    Demo(ServeArgs),
    /// Staff accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// The municipal ledger.
    #[command(subcommand)]
    Ledger(LedgerCommand),
    /// Count a participatory budgeting election in pabulib .pb format.
    Tally(crate::tally::cli::TallyArgs),
    /// Voting codes for the residents' letters.
    #[command(subcommand)]
    Codes(CodesCommand),
    /// Smederij rounds: schedule a year at once.
    #[command(subcommand)]
    Rounds(RoundsCommand),
    /// Key files kept outside the database (audit signing, second-factor secrets).
    #[command(subcommand)]
    Keys(KeysCommand),
    /// The signed audit log: checkpoints, the council's export bundle and its verifier.
    #[command(subcommand)]
    Audit(AuditCommand),
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Sign a checkpoint now if the log grew (the server does this by itself every 30 s).
    Sign {
        #[command(flatten)]
        db: DbArgs,
    },
    /// After signing stopped because the stored history no longer matched the last
    /// checkpoint: check again and continue only if it matches now (e.g. after restoring
    /// the events from a backup).
    Resume {
        #[command(flatten)]
        db: DbArgs,
    },
    /// Write the council's export bundle (docs/audit-export.md) into a new folder.
    Export {
        /// Folder to write; must not exist yet or be empty.
        #[arg(long)]
        out: PathBuf,
        /// An earlier bundle: its checkpoint and a consistency proof from it are added.
        #[arg(long)]
        previous: Option<PathBuf>,
        /// First day of the period (YYYY-MM-DD, inclusive).
        #[arg(long)]
        from: Option<chrono::NaiveDate>,
        /// Last day of the period (YYYY-MM-DD, inclusive).
        #[arg(long)]
        to: Option<chrono::NaiveDate>,
        /// Also write OUT.zip.
        #[arg(long)]
        zip: bool,
        #[command(flatten)]
        db: DbArgs,
    },
    /// Check a bundle offline (no database, no network). Exit code 0 only when all holds.
    Verify {
        /// The bundle's folder.
        dir: PathBuf,
        /// An earlier bundle you trust: this one must extend its history.
        #[arg(long)]
        previous: Option<PathBuf>,
        /// The public key you trust (key.pub form); default: the bundle's own key.pub.
        #[arg(long)]
        key: Option<PathBuf>,
        /// Print the verdict as JSON.
        #[arg(long)]
        json: bool,
        /// Language of the messages: nl or en.
        #[arg(long, default_value = "nl", value_parser = ["nl", "en"])]
        lang: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// Make a new private key file (readable by its owner only; never overwrites a file).
    /// Prints the public verifier key.
    Generate {
        /// File to write; must not exist yet.
        #[arg(long)]
        out: PathBuf,
        /// Key name: for the audit log, its origin (e.g. oldebroek.burgerbegroting.nl/audit).
        #[arg(long, default_value = "burgerbegroting")]
        name: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum CodesCommand {
    /// Make a batch of voting codes for one area and write the mail house's CSV
    /// (handle;code;area, UTF-8 with BOM). The codes are not stored: keep the file safe.
    Generate {
        /// The area's slug, e.g. oosterwolde.
        #[arg(long)]
        area: String,
        /// The year of the rounds the codes are for.
        #[arg(long)]
        year: i32,
        /// Number of codes (one per eligible resident).
        #[arg(long)]
        count: i32,
        /// CSV file to write; must not exist yet.
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        db: DbArgs,
    },
}

#[derive(Debug, Subcommand)]
pub enum RoundsCommand {
    /// One round per chosen quarter for every chosen area, with the same rules, budget and
    /// (per quarter) the same dates; all or nothing (docs/rounds.md). The dates: plans from
    /// the first day of the quarter for --plan-weeks, then --review-weeks of review, then
    /// --voting-weeks of voting.
    Schedule {
        #[arg(long)]
        year: i32,
        /// Quarters, e.g. 1,2,3,4.
        #[arg(long, value_delimiter = ',', required = true)]
        quarters: Vec<i32>,
        /// `all` (every area) or area slugs separated by commas, e.g. t-loo,wezep.
        #[arg(long)]
        areas: String,
        /// The budget of each round in euros, e.g. 10000 or 10.000,00.
        #[arg(long)]
        budget: String,
        /// The name before "2027 kwartaal 2".
        #[arg(long, default_value = "Smederij")]
        title: String,
        /// approval (tick the plans you support) or knapsack (choose within the budget).
        #[arg(long, default_value = "approval", value_parser = ["approval", "knapsack"])]
        ballot_rule: String,
        /// With approval: at most this many plans per ballot.
        #[arg(long)]
        max_choices: Option<u32>,
        /// greedy (most votes first) or mes (Method of Equal Shares).
        #[arg(long, default_value = "greedy", value_parser = ["greedy", "mes"])]
        count_rule: String,
        #[arg(long, default_value_t = 6)]
        plan_weeks: u32,
        #[arg(long, default_value_t = 2)]
        review_weeks: u32,
        #[arg(long, default_value_t = 2)]
        voting_weeks: u32,
        #[command(flatten)]
        db: DbArgs,
    },
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a staff account; the password is read from standard input.
    Add {
        #[arg(long)]
        email: String,
        /// finance_clerk, finance_approver or admin.
        #[arg(long)]
        role: String,
        /// Name shown in the application (default: the e-mail address).
        #[arg(long, default_value = "")]
        name: String,
        #[command(flatten)]
        db: DbArgs,
    },
}

#[derive(Debug, Subcommand)]
pub enum LedgerCommand {
    /// Import budget lines (Dutch spreadsheet export, plain CSV or CBS Iv3 extract).
    Import {
        file: PathBuf,
        /// For a CBS file with several municipalities: which one.
        #[arg(long)]
        gemeente: Option<String>,
        #[command(flatten)]
        db: DbArgs,
    },
    /// List budget lines with amount and balance in cents.
    List {
        #[arg(long)]
        year: Option<i32>,
        /// Print JSON (for scripts).
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        db: DbArgs,
    },
}
