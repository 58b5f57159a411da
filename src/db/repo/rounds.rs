//! Rounds, initiatives, ballots and participation. Ballots and participation are written
//! together by the service but never joined: no query here links a code to a ballot.

use diesel::prelude::*;

use crate::db::models::{BallotChoiceRow, BallotRow, InitiativeRow, ParticipationRow, RoundRow};
use crate::db::schema::{
    ballot_choices, ballots, code_participation, initiatives, round_ballot_counts, rounds,
    voting_codes,
};
use crate::db::DbConn;

pub fn insert_round(conn: &mut DbConn, row: &RoundRow) -> QueryResult<()> {
    diesel::insert_into(rounds::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn find_round(conn: &mut DbConn, id: &str) -> QueryResult<Option<RoundRow>> {
    rounds::table.find(id).get_result(conn).optional()
}

pub fn find_round_by_quarter(
    conn: &mut DbConn,
    area_id: &str,
    year: i32,
    quarter: i32,
) -> QueryResult<Option<RoundRow>> {
    rounds::table
        .filter(rounds::area_id.eq(area_id))
        .filter(rounds::year.eq(year))
        .filter(rounds::quarter.eq(quarter))
        .get_result(conn)
        .optional()
}

/// Every round, newest first.
pub fn list_rounds(conn: &mut DbConn) -> QueryResult<Vec<RoundRow>> {
    rounds::table
        .order((
            rounds::year.desc(),
            rounds::quarter.desc(),
            rounds::title.asc(),
        ))
        .load(conn)
}

pub fn rounds_of_area(conn: &mut DbConn, area_id: &str) -> QueryResult<Vec<RoundRow>> {
    rounds::table
        .filter(rounds::area_id.eq(area_id))
        .order((rounds::year.desc(), rounds::quarter.desc()))
        .load(conn)
}

/// Moves a round from `from` to `to` status; 0 rows when it was not in `from` any more
/// (a concurrent request moved it first).
pub fn set_voting(
    conn: &mut DbConn,
    id: &str,
    fingerprint: &str,
    frozen_rules: &str,
    at: chrono::NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(rounds::table.find(id).filter(rounds::status.eq("open")))
        .set((
            rounds::status.eq("voting"),
            rounds::fingerprint.eq(fingerprint),
            rounds::frozen_rules.eq(frozen_rules),
            rounds::voting_opened_at.eq(at),
        ))
        .execute(conn)
}

pub fn set_closed(
    conn: &mut DbConn,
    id: &str,
    result_json: &str,
    at: chrono::NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(rounds::table.find(id).filter(rounds::status.eq("voting")))
        .set((
            rounds::status.eq("closed"),
            rounds::result_json.eq(result_json),
            rounds::closed_at.eq(at),
        ))
        .execute(conn)
}

pub fn insert_initiative(conn: &mut DbConn, row: &InitiativeRow) -> QueryResult<()> {
    diesel::insert_into(initiatives::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn find_initiative(conn: &mut DbConn, id: &str) -> QueryResult<Option<InitiativeRow>> {
    initiatives::table.find(id).get_result(conn).optional()
}

pub fn initiatives_of(conn: &mut DbConn, round_id: &str) -> QueryResult<Vec<InitiativeRow>> {
    initiatives::table
        .filter(initiatives::round_id.eq(round_id))
        .order(initiatives::number.asc())
        .load(conn)
}

pub fn next_initiative_number(conn: &mut DbConn, round_id: &str) -> QueryResult<i32> {
    let max: Option<i32> = initiatives::table
        .filter(initiatives::round_id.eq(round_id))
        .select(diesel::dsl::max(initiatives::number))
        .get_result(conn)?;
    Ok(max.unwrap_or(0) + 1)
}

pub fn set_review(
    conn: &mut DbConn,
    id: &str,
    status: &str,
    reason: Option<&str>,
) -> QueryResult<usize> {
    diesel::update(initiatives::table.find(id))
        .set((
            initiatives::status.eq(status),
            initiatives::review_reason.eq(reason),
        ))
        .execute(conn)
}

/// Records that `handle` took part in `round_id`. Returns false, and writes nothing, when
/// it already had (the primary key decides, so two parallel requests cannot both pass).
pub fn record_participation(conn: &mut DbConn, handle: &str, round_id: &str) -> QueryResult<bool> {
    let exists = code_participation::table
        .find((handle, round_id))
        .count()
        .get_result::<i64>(conn)?
        > 0;
    if exists {
        return Ok(false);
    }
    diesel::insert_into(code_participation::table)
        .values(&ParticipationRow {
            handle: handle.to_string(),
            round_id: round_id.to_string(),
        })
        .execute(conn)?;
    Ok(true)
}

pub fn has_participated(conn: &mut DbConn, handle: &str, round_id: &str) -> QueryResult<bool> {
    Ok(code_participation::table
        .find((handle, round_id))
        .count()
        .get_result::<i64>(conn)?
        > 0)
}

/// Rounds (of the given ids) in which this code took part.
pub fn rounds_voted_by(conn: &mut DbConn, handle: &str) -> QueryResult<Vec<String>> {
    code_participation::table
        .filter(code_participation::handle.eq(handle))
        .select(code_participation::round_id)
        .load(conn)
}

pub fn participation_count(conn: &mut DbConn, round_id: &str) -> QueryResult<i64> {
    code_participation::table
        .filter(code_participation::round_id.eq(round_id))
        .count()
        .get_result(conn)
}

/// (batch id, codes of that batch that took part in at least one round). Counts only.
pub fn used_per_batch(conn: &mut DbConn) -> QueryResult<Vec<(String, i64)>> {
    let rows: Vec<(String, String)> = code_participation::table
        .inner_join(voting_codes::table)
        .select((voting_codes::batch_id, voting_codes::handle))
        .distinct()
        .load(conn)?;
    let mut out: Vec<(String, i64)> = Vec::new();
    for (batch, _) in rows {
        match out.iter_mut().find(|(b, _)| *b == batch) {
            Some((_, n)) => *n += 1,
            None => out.push((batch, 1)),
        }
    }
    Ok(out)
}

pub fn tracker_exists(conn: &mut DbConn, tracker: &str) -> QueryResult<bool> {
    Ok(ballots::table
        .filter(ballots::tracker.eq(tracker))
        .count()
        .get_result::<i64>(conn)?
        > 0)
}

pub fn insert_ballot(conn: &mut DbConn, row: &BallotRow, choices: &[String]) -> QueryResult<()> {
    diesel::insert_into(ballots::table)
        .values(row)
        .execute(conn)?;
    let rows: Vec<BallotChoiceRow> = choices
        .iter()
        .map(|c| BallotChoiceRow {
            ballot_id: row.id.clone(),
            initiative_id: c.clone(),
        })
        .collect();
    for r in &rows {
        diesel::insert_into(ballot_choices::table)
            .values(r)
            .execute(conn)?;
    }
    Ok(())
}

/// The round's number of ballots, from its counter row (one key lookup, however many
/// people voted). A round without a row (made before the counter existed and not migrated,
/// which migration 000009 prevents) is counted.
pub fn ballot_count(conn: &mut DbConn, round_id: &str) -> QueryResult<i64> {
    let kept: Option<i64> = round_ballot_counts::table
        .find(round_id)
        .select(round_ballot_counts::ballots)
        .get_result(conn)
        .optional()?;
    match kept {
        Some(n) => Ok(n),
        None => count_ballots(conn, round_id),
    }
}

/// COUNT(*) of the round's ballots: for the counter's start and for checks, never on a
/// resident's request.
pub fn count_ballots(conn: &mut DbConn, round_id: &str) -> QueryResult<i64> {
    ballots::table
        .filter(ballots::round_id.eq(round_id))
        .count()
        .get_result(conn)
}

/// Start the counter of a new round at zero.
pub fn insert_ballot_counter(conn: &mut DbConn, round_id: &str) -> QueryResult<()> {
    diesel::insert_into(round_ballot_counts::table)
        .values((
            round_ballot_counts::round_id.eq(round_id),
            round_ballot_counts::ballots.eq(0_i64),
        ))
        .execute(conn)
        .map(|_| ())
}

/// One more ballot in the round; in the ballot's transaction, after the ballot is
/// inserted. Under the write lock, so the read-then-insert of a missing row is safe.
pub fn count_one_ballot(conn: &mut DbConn, round_id: &str) -> QueryResult<()> {
    let updated = diesel::update(round_ballot_counts::table.find(round_id))
        .set(round_ballot_counts::ballots.eq(round_ballot_counts::ballots + 1_i64))
        .execute(conn)?;
    if updated == 0 {
        let n = count_ballots(conn, round_id)?;
        diesel::insert_into(round_ballot_counts::table)
            .values((
                round_ballot_counts::round_id.eq(round_id),
                round_ballot_counts::ballots.eq(n),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// The ballots of a round with their choices, ordered by tracker (never by arrival).
pub fn ballots_of(conn: &mut DbConn, round_id: &str) -> QueryResult<Vec<(BallotRow, Vec<String>)>> {
    let rows: Vec<BallotRow> = ballots::table
        .filter(ballots::round_id.eq(round_id))
        .order(ballots::tracker.asc())
        .load(conn)?;
    let choices: Vec<BallotChoiceRow> = ballot_choices::table
        .inner_join(ballots::table)
        .filter(ballots::round_id.eq(round_id))
        .select((ballot_choices::ballot_id, ballot_choices::initiative_id))
        .load(conn)?;
    let mut by_ballot: std::collections::HashMap<String, Vec<String>> =
        std::collections::HashMap::new();
    for c in choices {
        by_ballot
            .entry(c.ballot_id)
            .or_default()
            .push(c.initiative_id);
    }
    Ok(rows
        .into_iter()
        .map(|b| {
            let c = by_ballot.remove(&b.id).unwrap_or_default();
            (b, c)
        })
        .collect())
}
