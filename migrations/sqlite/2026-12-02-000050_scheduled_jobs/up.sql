-- Scheduled work (housekeeping, audit signing, later the round calendar) that must happen
-- once per period however many servers share the database. One row per job: the start of
-- the last period it ran for, when and by which server. A server claims a period by
-- moving period_start forward inside the write lock, in the same transaction as the work
-- itself, so a crash undoes the claim together with the work. See
-- src/service/maintenance.rs (run_once_per_period) and docs/deployment.md.
CREATE TABLE scheduled_jobs (
    job TEXT PRIMARY KEY,
    period_start TIMESTAMP NOT NULL,
    ran_at TIMESTAMP NOT NULL,
    ran_by TEXT NOT NULL,
    runs BIGINT NOT NULL
);
