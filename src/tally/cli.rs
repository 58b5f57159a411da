//! `burgerbegroting tally FILE.pb ...`: count a pabulib file and print the explained result.

use std::path::PathBuf;

use std::io::Write as _;

use anyhow::Context as _;

use super::count::GroupedElection;
use super::explain::render_dutch;
use super::greedy::GreedyScore;
use super::options::{Completion, Rule, TallyOptions};
use super::pb_file::read_text;
use super::tie_break::TieBreak;

/// Arguments of the `tally` subcommand.
#[derive(clap::Args, Debug, Clone)]
pub struct TallyArgs {
    /// The election as a pabulib `.pb` file.
    pub file: PathBuf,
    /// Counting rule.
    #[arg(long, value_enum, default_value_t = Rule::Greedy)]
    pub rule: Rule,
    /// What equal shares does with money it leaves unspent.
    #[arg(long, value_enum, default_value_t = Completion::None)]
    pub completion: Completion,
    /// Tie-break order; `id` reproduces pabutools' default.
    #[arg(long, value_enum, default_value_t = TieBreak::Fair)]
    pub tie_break: TieBreak,
    /// Greedy score (default: points for cumulative/scoring ballots, votes otherwise).
    #[arg(long, value_enum)]
    pub greedy_by: Option<GreedyScore>,
    /// Leave out initiatives under META `min_project_score_threshold` (pabulib
    /// `greedy-threshold`).
    #[arg(long)]
    pub threshold: bool,
    /// Print JSON instead of Dutch text.
    #[arg(long)]
    pub json: bool,
}

/// Runs the subcommand, writing the result to `out`.
pub fn run(args: &TallyArgs, out: &mut dyn std::io::Write) -> anyhow::Result<()> {
    let file = std::fs::File::open(&args.file)
        .with_context(|| format!("cannot open {}", args.file.display()))?;
    // One read of the whole file (no buffering layer), then the borrowed reader.
    let election = read_text(file)
        .and_then(|text| GroupedElection::parse(&text))
        .with_context(|| format!("{} is not a valid .pb file", args.file.display()))?;
    let options = TallyOptions {
        rule: args.rule,
        completion: args.completion,
        tie_break: args.tie_break,
        greedy_by: args.greedy_by,
        apply_threshold: args.threshold,
    };
    let outcome = election.tally(&options)?;
    // Standard output writes every line on its own; the JSON of a large election has
    // thousands of lines, so it is collected first.
    let mut out = std::io::BufWriter::new(out);
    if args.json {
        serde_json::to_writer_pretty(&mut out, &outcome)?;
        writeln!(out)?;
    } else {
        render_dutch(&outcome, &mut out)?;
    }
    out.flush()?;
    // The process ends right after this: freeing the election's groups (and, when it was
    // read the general way, its ballot lists one by one: 5 % of a large count's time) is
    // work the system does anyway when it takes the memory back.
    std::mem::forget(election);
    Ok(())
}
