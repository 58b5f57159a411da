//! The claim rows of scheduled work (`scheduled_jobs`): one row per job. The service
//! (`service::maintenance::run_once_per_period`) reads and moves them inside `tx::write`.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::scheduled_jobs;
use crate::db::DbConn;

/// The last run of a job.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Insertable, serde::Serialize)]
#[diesel(table_name = scheduled_jobs)]
pub struct ScheduledJobRow {
    pub job: String,
    /// Start of the period the job last ran for.
    pub period_start: NaiveDateTime,
    pub ran_at: NaiveDateTime,
    /// Which server ran it (host name and process id).
    pub ran_by: String,
    /// How many periods the job has run for in all (a count, for operators and tests).
    pub runs: i64,
}

pub fn find(conn: &mut DbConn, job: &str) -> QueryResult<Option<ScheduledJobRow>> {
    scheduled_jobs::table.find(job).get_result(conn).optional()
}

pub fn all(conn: &mut DbConn) -> QueryResult<Vec<ScheduledJobRow>> {
    scheduled_jobs::table
        .order(scheduled_jobs::job.asc())
        .load(conn)
}

/// Insert or replace the row of `row.job`. The caller holds the write lock, so nobody
/// sees the moment between delete and insert (ON CONFLICT is outside the common subset of
/// the two backends).
pub fn save(conn: &mut DbConn, row: &ScheduledJobRow) -> QueryResult<()> {
    diesel::delete(scheduled_jobs::table.find(&row.job)).execute(conn)?;
    diesel::insert_into(scheduled_jobs::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}
