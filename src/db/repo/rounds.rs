//! Rounds, initiatives, ballots and participation. Ballots and participation are written
//! together by the service but never joined: no query here links a code to a ballot.

use diesel::prelude::*;

use crate::db::models::{BallotChoiceRow, BallotRow, InitiativeRow, RoundRow};
use crate::db::schema::{
    ballot_choices, ballots, code_participation, initiatives, round_ballot_counts, rounds,
    voting_codes,
};
use crate::db::DbConn;
use crate::domain::ids::AreaId;
use crate::domain::round::{
    BallotRule, Calendar, CountRule, Plan, PlanId, PlanStatus, Round, RoundId, RoundResult,
    RoundStatus,
};

// ---------------------------------------------------------------------------------------
// Rows to domain types and back. A value the domain does not know is an error, never a
// default: a row that does not read is a damaged database, not an empty result.
// ---------------------------------------------------------------------------------------

fn unreadable(what: &str, value: &str) -> diesel::result::Error {
    diesel::result::Error::DeserializationError(
        format!("unknown {what} {value:?} in the database").into(),
    )
}

fn round_of(r: RoundRow) -> QueryResult<Round> {
    let status = match (
        RoundStatus::parse(&r.status).ok_or_else(|| unreadable("round status", &r.status))?,
        r.annulled_at,
    ) {
        // An annulled round is stored closed, with the moment of its annulment.
        (RoundStatus::Closed, Some(_)) => RoundStatus::Annulled,
        (RoundStatus::Annulled, _) => return Err(unreadable("round status", &r.status)),
        (s, None) => s,
        (_, Some(_)) => return Err(unreadable("annulled round status", &r.status)),
    };
    let max_choices = match r.max_choices {
        None => None,
        Some(m) => Some(u32::try_from(m).map_err(|_| unreadable("max_choices", &m.to_string()))?),
    };
    let ballot_rule = match r.ballot_rule.as_str() {
        "approval" => BallotRule::Approval { max_choices },
        "knapsack" if max_choices.is_none() => BallotRule::Knapsack,
        other => return Err(unreadable("ballot rule", other)),
    };
    let count_rule =
        CountRule::parse(&r.count_rule).ok_or_else(|| unreadable("count rule", &r.count_rule))?;
    let result = match &r.result_json {
        None => None,
        Some(text) => Some(RoundResult::parse(text).map_err(|e| {
            diesel::result::Error::DeserializationError(
                format!("unreadable result of round {}: {e}", r.id).into(),
            )
        })?),
    };
    let calendar = match (
        r.plans_from,
        r.plans_until,
        r.review_until,
        r.voting_from,
        r.voting_until,
    ) {
        (None, None, None, None, None) => None,
        (Some(a), Some(b), Some(c), Some(d), Some(e)) => Some(
            Calendar::new(a, b, c, d, e)
                .map_err(|e| unreadable("round calendar", &format!("{} ({e})", r.id)))?,
        ),
        _ => return Err(unreadable("round calendar", &r.id)),
    };
    Ok(Round {
        id: RoundId(r.id),
        area_id: AreaId(r.area_id),
        year: r.year,
        quarter: r.quarter,
        title: r.title,
        status,
        ballot_rule,
        count_rule,
        budget_cents: r.budget_cents,
        fingerprint: r.fingerprint,
        frozen_rules: r.frozen_rules,
        result,
        created_by: r.created_by,
        created_at: r.created_at,
        voting_opened_at: r.voting_opened_at,
        closed_at: r.closed_at,
        calendar,
        review_started_at: r.review_started_at,
        counted_at: r.counted_at,
    })
}

fn round_row(r: &Round) -> RoundRow {
    RoundRow {
        id: r.id.0.clone(),
        area_id: r.area_id.0.clone(),
        year: r.year,
        quarter: r.quarter,
        title: r.title.clone(),
        status: match r.status {
            RoundStatus::Annulled => RoundStatus::Closed.as_str().into(),
            s => s.as_str().into(),
        },
        ballot_rule: r.ballot_rule.as_str().into(),
        max_choices: r
            .ballot_rule
            .max_choices()
            .map(|m| i32::try_from(m).unwrap_or(i32::MAX)),
        count_rule: r.count_rule.as_str().into(),
        budget_cents: r.budget_cents,
        fingerprint: r.fingerprint.clone(),
        frozen_rules: r.frozen_rules.clone(),
        result_json: r.result.as_ref().map(RoundResult::to_json),
        created_by: r.created_by.clone(),
        created_at: r.created_at,
        voting_opened_at: r.voting_opened_at,
        closed_at: r.closed_at,
        plans_from: r.calendar.map(|c| c.plans_from),
        plans_until: r.calendar.map(|c| c.plans_until),
        review_until: r.calendar.map(|c| c.review_until),
        voting_from: r.calendar.map(|c| c.voting_from),
        voting_until: r.calendar.map(|c| c.voting_until),
        review_started_at: r.review_started_at,
        counted_at: r.counted_at,
        annulled_at: (r.status == RoundStatus::Annulled)
            .then_some(r.closed_at)
            .flatten(),
    }
}

fn plan_of(r: InitiativeRow) -> QueryResult<Plan> {
    let status =
        PlanStatus::parse(&r.status).ok_or_else(|| unreadable("plan status", &r.status))?;
    Ok(Plan {
        id: PlanId(r.id),
        round_id: RoundId(r.round_id),
        number: r.number,
        title: r.title,
        summary: r.summary,
        amount_cents: r.amount_cents,
        taakveld: r.taakveld,
        status,
        review_reason: r.review_reason,
        submitted_by: r.submitted_by,
        created_at: r.created_at,
    })
}

/// The row of a plan, for the ledger's commitment of a funded plan.
pub fn plan_row(p: &Plan) -> InitiativeRow {
    InitiativeRow {
        id: p.id.0.clone(),
        round_id: p.round_id.0.clone(),
        number: p.number,
        title: p.title.clone(),
        summary: p.summary.clone(),
        amount_cents: p.amount_cents,
        taakveld: p.taakveld.clone(),
        status: p.status.as_str().into(),
        review_reason: p.review_reason.clone(),
        submitted_by: p.submitted_by.clone(),
        created_at: p.created_at,
    }
}

pub(super) fn rounds_of(rows: Vec<RoundRow>) -> QueryResult<Vec<Round>> {
    rows.into_iter().map(round_of).collect()
}

pub fn insert_round(conn: &mut DbConn, round: &Round) -> QueryResult<()> {
    diesel::insert_into(rounds::table)
        .values(&round_row(round))
        .execute(conn)
        .map(|_| ())
}

pub fn find_round(conn: &mut DbConn, id: &RoundId) -> QueryResult<Option<Round>> {
    rounds::table
        .find(id.as_str())
        .get_result::<RoundRow>(conn)
        .optional()?
        .map(round_of)
        .transpose()
}

pub fn find_round_by_quarter(
    conn: &mut DbConn,
    area_id: &str,
    year: i32,
    quarter: i32,
) -> QueryResult<Option<Round>> {
    rounds::table
        .filter(rounds::area_id.eq(area_id))
        .filter(rounds::year.eq(year))
        .filter(rounds::quarter.eq(quarter))
        .get_result::<RoundRow>(conn)
        .optional()?
        .map(round_of)
        .transpose()
}

/// Every round, newest first.
pub fn list_rounds(conn: &mut DbConn) -> QueryResult<Vec<Round>> {
    rounds_of(
        rounds::table
            .order((
                rounds::year.desc(),
                rounds::quarter.desc(),
                rounds::title.asc(),
            ))
            .load(conn)?,
    )
}

pub fn rounds_of_area(conn: &mut DbConn, area_id: &str) -> QueryResult<Vec<Round>> {
    rounds_of(
        rounds::table
            .filter(rounds::area_id.eq(area_id))
            .order((rounds::year.desc(), rounds::quarter.desc()))
            .load(conn)?,
    )
}

/// Rounds with a calendar that the calendar may still move (open, review or voting),
/// oldest first.
pub fn rounds_on_the_calendar(conn: &mut DbConn) -> QueryResult<Vec<Round>> {
    rounds_of(
        rounds::table
            .filter(rounds::voting_until.is_not_null())
            .filter(rounds::status.eq_any([
                RoundStatus::Open.as_str(),
                RoundStatus::Review.as_str(),
                RoundStatus::Voting.as_str(),
            ]))
            .order((rounds::year.asc(), rounds::quarter.asc(), rounds::id.asc()))
            .load(conn)?,
    )
}

// Each move below is a conditional UPDATE: it changes the round only while it is still in
// the phase the caller saw, and returns 0 rows when a concurrent request (another server's
// calendar, a coordinator) moved it first. The caller writes its audit event only on 1.

type InPhase<'a> = diesel::dsl::Filter<
    diesel::dsl::Find<rounds::table, &'a str>,
    diesel::dsl::Eq<rounds::status, &'static str>,
>;

/// The round `id` while it is still in phase `from`: what every move below updates.
fn in_phase(id: &RoundId, from: RoundStatus) -> InPhase<'_> {
    rounds::table
        .find(id.as_str())
        .filter(rounds::status.eq(from.as_str()))
}

/// Open → review: no new plans.
pub fn start_review(
    conn: &mut DbConn,
    id: &RoundId,
    at: chrono::NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(in_phase(id, RoundStatus::Open))
        .set((
            rounds::status.eq(RoundStatus::Review.as_str()),
            rounds::review_started_at.eq(at),
        ))
        .execute(conn)
}

/// `from` (open or review) → voting, with the frozen rules.
pub fn set_voting(
    conn: &mut DbConn,
    id: &RoundId,
    from: RoundStatus,
    fingerprint: &str,
    frozen_rules: &str,
    at: chrono::NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(in_phase(id, from))
        .set((
            rounds::status.eq(RoundStatus::Voting.as_str()),
            rounds::fingerprint.eq(fingerprint),
            rounds::frozen_rules.eq(frozen_rules),
            rounds::voting_opened_at.eq(at),
        ))
        .execute(conn)
}

/// Voting → counted, with the result (nothing committed yet).
pub fn set_counted(
    conn: &mut DbConn,
    id: &RoundId,
    result: &RoundResult,
    at: chrono::NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(in_phase(id, RoundStatus::Voting))
        .set((
            rounds::status.eq(RoundStatus::Counted.as_str()),
            rounds::result_json.eq(result.to_json()),
            rounds::counted_at.eq(at),
        ))
        .execute(conn)
}

/// Counted → closed, with the result now listing the commitments.
pub fn set_closed(
    conn: &mut DbConn,
    id: &RoundId,
    result: &RoundResult,
    at: chrono::NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(in_phase(id, RoundStatus::Counted))
        .set((
            rounds::status.eq(RoundStatus::Closed.as_str()),
            rounds::result_json.eq(result.to_json()),
            rounds::closed_at.eq(at),
        ))
        .execute(conn)
}

pub fn insert_initiative(conn: &mut DbConn, plan: &Plan) -> QueryResult<()> {
    diesel::insert_into(initiatives::table)
        .values(&plan_row(plan))
        .execute(conn)
        .map(|_| ())
}

pub fn find_initiative(conn: &mut DbConn, id: &PlanId) -> QueryResult<Option<Plan>> {
    initiatives::table
        .find(id.as_str())
        .get_result::<InitiativeRow>(conn)
        .optional()?
        .map(plan_of)
        .transpose()
}

pub fn initiatives_of(conn: &mut DbConn, round_id: &RoundId) -> QueryResult<Vec<Plan>> {
    initiatives::table
        .filter(initiatives::round_id.eq(round_id.as_str()))
        .order(initiatives::number.asc())
        .load::<InitiativeRow>(conn)?
        .into_iter()
        .map(plan_of)
        .collect()
}

pub fn next_initiative_number(conn: &mut DbConn, round_id: &RoundId) -> QueryResult<i32> {
    let max: Option<i32> = initiatives::table
        .filter(initiatives::round_id.eq(round_id.as_str()))
        .select(diesel::dsl::max(initiatives::number))
        .get_result(conn)?;
    Ok(max.unwrap_or(0) + 1)
}

pub fn set_review(
    conn: &mut DbConn,
    id: &PlanId,
    status: PlanStatus,
    reason: Option<&str>,
) -> QueryResult<usize> {
    diesel::update(initiatives::table.find(id.as_str()))
        .set((
            initiatives::status.eq(status.as_str()),
            initiatives::review_reason.eq(reason),
        ))
        .execute(conn)
}

/// Records that `handle` took part in `round_id`. Returns false, and writes nothing, when
/// it already had (the primary key decides, so two parallel requests cannot both pass).
/// Records that the code took part in the round: false (and nothing written) when it
/// already had. One statement (`INSERT … ON CONFLICT DO NOTHING`, the same on both
/// backends), on the concrete connection because diesel's MultiConnection has no upsert;
/// a plain insert that fails on the key would abort the whole transaction on PostgreSQL.
pub fn record_participation(
    conn: &mut DbConn,
    handle: &str,
    round_id: &RoundId,
) -> QueryResult<bool> {
    let insert = diesel::insert_into(code_participation::table)
        .values((
            code_participation::handle.eq(handle),
            code_participation::round_id.eq(round_id.as_str()),
        ))
        .on_conflict_do_nothing();
    let inserted = match conn {
        DbConn::Sqlite(c) => insert.execute(c)?,
        DbConn::Postgres(c) => insert.execute(c)?,
    };
    Ok(inserted == 1)
}

pub fn has_participated(conn: &mut DbConn, handle: &str, round_id: &RoundId) -> QueryResult<bool> {
    let query = code_participation::table
        .find((handle, round_id.as_str()))
        .count();
    Ok(crate::on_backend!(conn, |c| query.get_result::<i64>(c))? > 0)
}

/// Rounds (of the given ids) in which this code took part.
pub fn rounds_voted_by(conn: &mut DbConn, handle: &str) -> QueryResult<Vec<RoundId>> {
    let query = code_participation::table
        .filter(code_participation::handle.eq(handle))
        .select(code_participation::round_id);
    let ids: Vec<String> = crate::on_backend!(conn, |c| query.load(c))?;
    Ok(ids.into_iter().map(RoundId).collect())
}

pub fn participation_count(conn: &mut DbConn, round_id: &RoundId) -> QueryResult<i64> {
    code_participation::table
        .filter(code_participation::round_id.eq(round_id.as_str()))
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

/// Stores a ballot with its choices, unless its tracker (or id) is taken already: false
/// then, and nothing is written, so the caller draws a new tracker. The ballot is one
/// `INSERT … ON CONFLICT DO NOTHING` (no lookup first), on the concrete connection:
/// MultiConnection has neither upserts nor inserts of several rows.
pub fn insert_ballot_unless_taken(
    conn: &mut DbConn,
    row: &BallotRow,
    choices: &[PlanId],
) -> QueryResult<bool> {
    let ballot = diesel::insert_into(ballots::table)
        .values(row)
        .on_conflict_do_nothing();
    let rows: Vec<BallotChoiceRow> = choices
        .iter()
        .map(|c| BallotChoiceRow {
            ballot_id: row.id.clone(),
            initiative_id: c.0.clone(),
        })
        .collect();
    let inserted = match conn {
        DbConn::Sqlite(c) => ballot.execute(c)?,
        DbConn::Postgres(c) => ballot.execute(c)?,
    };
    if inserted == 0 {
        return Ok(false);
    }
    match conn {
        // In-process calls, one per choice: diesel would wrap several rows for SQLite in
        // a savepoint of their own, two statements more.
        DbConn::Sqlite(c) => {
            for r in &rows {
                diesel::insert_into(ballot_choices::table)
                    .values(r)
                    .execute(c)?;
            }
        }
        // A round trip each on PostgreSQL: all rows in one statement.
        DbConn::Postgres(c) if !rows.is_empty() => {
            diesel::insert_into(ballot_choices::table)
                .values(&rows)
                .execute(c)?;
        }
        DbConn::Postgres(_) => {}
    }
    Ok(true)
}

/// The round's number of ballots, from its counter row (one key lookup, however many
/// people voted). A round without a row (made before the counter existed and not migrated,
/// which migration 000009 prevents) is counted.
pub fn ballot_count(conn: &mut DbConn, round_id: &RoundId) -> QueryResult<i64> {
    let kept: Option<i64> = round_ballot_counts::table
        .find(round_id.as_str())
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
pub fn count_ballots(conn: &mut DbConn, round_id: &RoundId) -> QueryResult<i64> {
    ballots::table
        .filter(ballots::round_id.eq(round_id.as_str()))
        .count()
        .get_result(conn)
}

/// Start the counter of a new round at zero.
pub fn insert_ballot_counter(conn: &mut DbConn, round_id: &RoundId) -> QueryResult<()> {
    diesel::insert_into(round_ballot_counts::table)
        .values((
            round_ballot_counts::round_id.eq(round_id.as_str()),
            round_ballot_counts::ballots.eq(0_i64),
        ))
        .execute(conn)
        .map(|_| ())
}

/// One more ballot in the round; in the ballot's transaction, after the ballot is
/// inserted. Under the write lock, so the read-then-insert of a missing row is safe.
pub fn count_one_ballot(conn: &mut DbConn, round_id: &RoundId) -> QueryResult<()> {
    let update = diesel::update(round_ballot_counts::table.find(round_id.as_str()))
        .set(round_ballot_counts::ballots.eq(round_ballot_counts::ballots + 1_i64));
    let updated = crate::on_backend!(conn, |c| update.execute(c))?;
    if updated == 0 {
        let n = count_ballots(conn, round_id)?;
        diesel::insert_into(round_ballot_counts::table)
            .values((
                round_ballot_counts::round_id.eq(round_id.as_str()),
                round_ballot_counts::ballots.eq(n),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// The ballots of a round with their choices, ordered by tracker (never by arrival).
pub fn ballots_of(
    conn: &mut DbConn,
    round_id: &RoundId,
) -> QueryResult<Vec<(BallotRow, Vec<PlanId>)>> {
    let round_id = round_id.as_str();
    let rows: Vec<BallotRow> = ballots::table
        .filter(ballots::round_id.eq(round_id))
        .order(ballots::tracker.asc())
        .load(conn)?;
    let choices: Vec<BallotChoiceRow> = ballot_choices::table
        .inner_join(ballots::table)
        .filter(ballots::round_id.eq(round_id))
        .select((ballot_choices::ballot_id, ballot_choices::initiative_id))
        .load(conn)?;
    let mut by_ballot: std::collections::HashMap<String, Vec<PlanId>> =
        std::collections::HashMap::new();
    for c in choices {
        by_ballot
            .entry(c.ballot_id)
            .or_default()
            .push(PlanId(c.initiative_id));
    }
    Ok(rows
        .into_iter()
        .map(|b| {
            let c = by_ballot.remove(&b.id).unwrap_or_default();
            (b, c)
        })
        .collect())
}
