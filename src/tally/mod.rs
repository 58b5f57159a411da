//! The counting engine: reads and writes pabulib `.pb` files and counts elections with greedy
//! or the Method of Equal Shares, exactly (integers and rationals, never floats) and with an
//! explanation per initiative.
//!
//! This module is pure: it does no I/O except reading/writing `.pb` text through `&str`,
//! `Read` and `Write` (and the CLI entry in [`cli`]), and it uses nothing else from the crate.
//! See `docs/counting.md` for the rules in plain language.
//!
//! ```
//! use burgerbegroting::tally::{tally, Election, TallyOptions, Rule, Completion, TieBreak};
//! let pb = "META\nkey;value\nbudget;100\nvote_type;approval\nnum_projects;2\nnum_votes;2\n\
//!           PROJECTS\nproject_id;cost\nA;60\nB;50\nVOTES\nvoter_id;vote\n1;A\n2;A,B\n";
//! let election = Election::parse(pb)?;
//! let outcome = tally(&election, &TallyOptions::new(Rule::Greedy, Completion::None, TieBreak::Id))?;
//! assert_eq!(outcome.selected, vec!["A".to_string()]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(clippy::float_arithmetic)]

pub mod cli;
pub mod count;
pub mod election;
pub mod error;
pub mod explain;
pub mod greedy;
pub mod mes;
pub mod number;
pub mod options;
pub mod outcome;
pub mod pb_csv;
pub mod pb_file;
#[cfg(test)]
mod pb_reference;
pub mod pb_view;
pub mod profile;
mod raise;
pub mod tie_break;

pub use count::{tally, tally_profile, GroupedElection, TallyError};
pub use election::{Ballot, Election, Project, VoteType};
pub use error::PbError;
pub use greedy::GreedyScore;
pub use mes::Utility;
pub use options::{Completion, Rule, TallyOptions};
pub use outcome::{canonical_ids, Explanation, Outcome, Reason};
pub use pb_file::PbFile;
pub use profile::Profile;
pub use tie_break::TieBreak;
