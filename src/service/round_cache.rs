//! Kept copies of what residents' pages show of a round: the round, its area, its plans
//! and their authors. Why: every page of a resident's vote (the village page, the ballot,
//! the check, the cast) showed the round, and reading it again each time was five
//! statements per page (issue 13, docs/performance.md).
//!
//! A copy is valid for one value of `write_lock.content_generation`, which every write
//! raises except the residents' own (`db::tx::write_votes`: ballots, voter sessions,
//! throttle steps), so residents voting do not throw the copies away. Each request reads
//! the counter first (with the voter, in the same statement) and uses a copy only when it
//! was made at that same value; a write by another server process on the same database is therefore seen
//! on the next request. What changes with every ballot (the ballot count) and what
//! depends on the caller (what they may do) is never kept; the ballot count is not even
//! read, as residents' pages do not show it.

use std::collections::HashMap;
use std::sync::Arc;

use parking_lot::Mutex;

use super::rounds::{capabilities_for, load_round, RoundParts, RoundView};
use super::voting_codes::Voter;
use super::{Principal, ServiceError};
use crate::db::repo::rounds as q;
use crate::db::DbConn;
use crate::domain::ids::AreaId;
use crate::domain::round::{Round, RoundId};

/// More rounds than any municipality has in a year; past it the copies are dropped
/// and made again, so memory stays bounded whatever ids are asked for.
const MAX_KEPT: usize = 4096;

/// The kept copies of one server (one per application, in `AppState`).
#[derive(Debug, Default)]
pub struct RoundCache {
    kept: Mutex<Kept>,
}

#[derive(Debug, Default)]
struct Kept {
    /// The `content_generation` all copies below were made at.
    generation: i64,
    rounds: HashMap<RoundId, Arc<RoundParts>>,
    /// The rounds of an area, as `rounds_of_area` lists them.
    areas: HashMap<AreaId, Arc<Vec<Round>>>,
}

impl Kept {
    /// Ready to take copies made at `generation`: false when they are older than what is
    /// kept (a request that read the counter before a later one refreshed the copies).
    fn at(&mut self, generation: i64) -> bool {
        if generation > self.generation || self.rounds.len() + self.areas.len() >= MAX_KEPT {
            self.rounds.clear();
            self.areas.clear();
            self.generation = self.generation.max(generation);
        }
        generation == self.generation
    }
}

impl RoundCache {
    /// One round for a resident's page, the same as `rounds::round` but without the ballot
    /// count (residents' pages do not show it), at `generation`: the
    /// value of `content_generation` the caller read before anything else of the round (the
    /// voter lookup reads it in the same statement, `Voter::round_data_version`).
    pub fn round_at(
        &self,
        conn: &mut DbConn,
        who: &Principal,
        id: &RoundId,
        generation: i64,
    ) -> Result<RoundView, ServiceError> {
        let parts = self.parts(conn, generation, id, None)?;
        Ok(RoundParts::clone(&parts).view_uncounted(who))
    }

    /// The rounds the resident `voter` can vote in, each with whether their code already
    /// voted in it: the same as `rounds::voter_rounds` but without ballot counts, at the
    /// version of the round data read with the voter.
    pub fn voter_rounds(
        &self,
        conn: &mut DbConn,
        who: &Principal,
        voter: &Voter,
    ) -> Result<Vec<(RoundView, bool)>, ServiceError> {
        let (area_id, year) = (&voter.area_id, voter.year);
        let generation = voter.round_data_version;
        // Read with the voter, in the same statement.
        let voted = &voter.voted_in;
        let cached = {
            let mut kept = self.kept.lock();
            if kept.at(generation) {
                kept.areas.get(area_id).cloned()
            } else {
                None
            }
        };
        let all = match cached {
            Some(all) => all,
            None => {
                let all = Arc::new(q::rounds_of_area(conn, area_id)?);
                let mut kept = self.kept.lock();
                if kept.at(generation) {
                    kept.areas.insert(area_id.clone(), all.clone());
                }
                all
            }
        };
        all.iter()
            .filter(|r| r.year == year && capabilities_for(who, r).may_vote_online)
            .map(|r| {
                let parts = self.parts(conn, generation, &r.id, Some(r))?;
                let done = voted.contains(&r.id);
                Ok((RoundParts::clone(&parts).view_uncounted(who), done))
            })
            .collect()
    }

    /// The kept parts of a round, made (from `row` when the caller has it) and kept
    /// when missing.
    fn parts(
        &self,
        conn: &mut DbConn,
        generation: i64,
        id: &RoundId,
        row: Option<&Round>,
    ) -> Result<Arc<RoundParts>, ServiceError> {
        {
            let mut kept = self.kept.lock();
            if kept.at(generation) {
                if let Some(parts) = kept.rounds.get(id) {
                    return Ok(parts.clone());
                }
            }
        }
        let round = match row {
            Some(r) => r.clone(),
            None => load_round(conn, id)?,
        };
        let parts = Arc::new(RoundParts::load(conn, round)?);
        let mut kept = self.kept.lock();
        if kept.at(generation) {
            kept.rounds.insert(id.clone(), parts.clone());
        }
        Ok(parts)
    }
}
