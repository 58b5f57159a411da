//! Reviewing plans: an area's checklist and eligibility rules, a plan's verdicts, its cost
//! breakdown, its amount corrections and the review fields on the plan itself (taakveld,
//! amount). Migration 000012.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{
    area_eligibility, initiatives, plan_amount_corrections, plan_cost_lines, plan_verdicts,
    review_criteria,
};
use crate::db::DbConn;
use crate::domain::review::{CostLine, CriterionVerdict, Verdict};

/// The area's own checklist, in order (empty: the area uses the default list).
pub fn criteria_of(conn: &mut DbConn, area_id: &str) -> QueryResult<Vec<String>> {
    review_criteria::table
        .filter(review_criteria::area_id.eq(area_id))
        .order(review_criteria::position.asc())
        .select(review_criteria::label)
        .load(conn)
}

/// Replaces the area's checklist.
pub fn set_criteria(conn: &mut DbConn, area_id: &str, criteria: &[String]) -> QueryResult<()> {
    diesel::delete(review_criteria::table.filter(review_criteria::area_id.eq(area_id)))
        .execute(conn)?;
    for (i, label) in criteria.iter().enumerate() {
        diesel::insert_into(review_criteria::table)
            .values((
                review_criteria::area_id.eq(area_id),
                review_criteria::position.eq(i as i32 + 1),
                review_criteria::label.eq(label),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Months a funded initiator waits in this area (0 when the area set nothing).
pub fn funded_wait_months(conn: &mut DbConn, area_id: &str) -> QueryResult<i32> {
    Ok(area_eligibility::table
        .find(area_id)
        .select(area_eligibility::funded_wait_months)
        .first(conn)
        .optional()?
        .unwrap_or(0))
}

pub fn set_funded_wait_months(conn: &mut DbConn, area_id: &str, months: i32) -> QueryResult<()> {
    diesel::delete(area_eligibility::table.find(area_id)).execute(conn)?;
    diesel::insert_into(area_eligibility::table)
        .values((
            area_eligibility::area_id.eq(area_id),
            area_eligibility::funded_wait_months.eq(months),
        ))
        .execute(conn)
        .map(|_| ())
}

/// The plan's verdicts, by criterion position. An unknown stored verdict is an error.
pub fn verdicts_of(conn: &mut DbConn, initiative_id: &str) -> QueryResult<Vec<CriterionVerdict>> {
    let rows: Vec<(i32, String, String, String)> = plan_verdicts::table
        .filter(plan_verdicts::initiative_id.eq(initiative_id))
        .order(plan_verdicts::position.asc())
        .select((
            plan_verdicts::position,
            plan_verdicts::criterion,
            plan_verdicts::verdict,
            plan_verdicts::note,
        ))
        .load(conn)?;
    rows.into_iter()
        .map(|(position, criterion, verdict, note)| {
            let verdict: Verdict = verdict
                .parse()
                .map_err(|e: String| diesel::result::Error::DeserializationError(e.into()))?;
            Ok(CriterionVerdict {
                position,
                criterion,
                verdict,
                note,
            })
        })
        .collect()
}

/// Replaces the plan's verdicts with these.
pub fn set_verdicts(
    conn: &mut DbConn,
    initiative_id: &str,
    verdicts: &[CriterionVerdict],
) -> QueryResult<()> {
    diesel::delete(plan_verdicts::table.filter(plan_verdicts::initiative_id.eq(initiative_id)))
        .execute(conn)?;
    for v in verdicts {
        diesel::insert_into(plan_verdicts::table)
            .values((
                plan_verdicts::initiative_id.eq(initiative_id),
                plan_verdicts::position.eq(v.position),
                plan_verdicts::criterion.eq(&v.criterion),
                plan_verdicts::verdict.eq(v.verdict.as_str()),
                plan_verdicts::note.eq(&v.note),
            ))
            .execute(conn)?;
    }
    Ok(())
}

pub fn insert_cost_lines(
    conn: &mut DbConn,
    initiative_id: &str,
    lines: &[CostLine],
) -> QueryResult<()> {
    for (i, l) in lines.iter().enumerate() {
        diesel::insert_into(plan_cost_lines::table)
            .values((
                plan_cost_lines::initiative_id.eq(initiative_id),
                plan_cost_lines::position.eq(i as i32 + 1),
                plan_cost_lines::description.eq(&l.description),
                plan_cost_lines::amount_cents.eq(l.amount_cents),
            ))
            .execute(conn)?;
    }
    Ok(())
}

pub fn cost_lines_of(conn: &mut DbConn, initiative_id: &str) -> QueryResult<Vec<CostLine>> {
    let rows: Vec<(String, i64)> = plan_cost_lines::table
        .filter(plan_cost_lines::initiative_id.eq(initiative_id))
        .order(plan_cost_lines::position.asc())
        .select((plan_cost_lines::description, plan_cost_lines::amount_cents))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(description, amount_cents)| CostLine {
            description,
            amount_cents,
        })
        .collect())
}

/// One correction of a plan's amount.
#[derive(Debug, Clone, Queryable, Insertable, serde::Serialize)]
#[diesel(table_name = plan_amount_corrections)]
pub struct CorrectionRow {
    pub id: String,
    pub initiative_id: String,
    pub old_cents: i64,
    pub new_cents: i64,
    pub explanation: String,
    pub corrected_by: String,
    pub corrected_at: NaiveDateTime,
}

pub fn insert_correction(conn: &mut DbConn, row: &CorrectionRow) -> QueryResult<()> {
    diesel::insert_into(plan_amount_corrections::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

/// The plan's corrections, oldest first.
pub fn corrections_of(conn: &mut DbConn, initiative_id: &str) -> QueryResult<Vec<CorrectionRow>> {
    plan_amount_corrections::table
        .filter(plan_amount_corrections::initiative_id.eq(initiative_id))
        .order(plan_amount_corrections::corrected_at.asc())
        .load(conn)
}

/// Sets the plan's amount (a correction during review).
pub fn set_amount(conn: &mut DbConn, initiative_id: &str, cents: i64) -> QueryResult<usize> {
    diesel::update(initiatives::table.find(initiative_id))
        .set(initiatives::amount_cents.eq(cents))
        .execute(conn)
}

/// Sets the plan's taakveld (assigned at review).
pub fn set_taakveld(conn: &mut DbConn, initiative_id: &str, code: &str) -> QueryResult<usize> {
    diesel::update(initiatives::table.find(initiative_id))
        .set(initiatives::taakveld.eq(code))
        .execute(conn)
}
