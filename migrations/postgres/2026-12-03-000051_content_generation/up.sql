-- A second write counter that every write raises except the residents' own writes (a
-- ballot, a voter session, a throttle step: `db::tx::write_votes`). What residents' pages
-- show of a round (the round, its area, its plans and their authors) changes only with a
-- write that raises it, so a kept copy of that data stays valid while it is unchanged
-- (service::round_cache). Why: a resident's page must not re-read the whole round on
-- every request (issue 13, docs/performance.md).
ALTER TABLE write_lock ADD COLUMN content_generation BIGINT NOT NULL DEFAULT 0;
