-- The round calendar (docs/rounds.md): five phases instead of three, and the dates at which
-- `serve` moves a round on. 'closed' keeps its meaning (counted and the money committed);
-- 'review' sits between 'open' and 'voting', 'counted' between 'voting' and 'closed'.
-- SQLite cannot widen the status CHECK in place, so the table is rebuilt (the documented
-- twelve-step procedure, https://www.sqlite.org/lang_altertable.html#otheralter): foreign
-- keys off, copy, drop, rename, triggers back, foreign keys checked, on again.
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE rounds_new (
    id TEXT PRIMARY KEY NOT NULL,
    area_id TEXT NOT NULL REFERENCES areas(id),
    year INTEGER NOT NULL,
    quarter INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    title TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'review', 'voting', 'counted', 'closed')),
    ballot_rule TEXT NOT NULL CHECK (ballot_rule IN ('approval', 'knapsack')),
    max_choices INTEGER CHECK (max_choices IS NULL OR max_choices > 0),
    count_rule TEXT NOT NULL CHECK (count_rule IN ('greedy', 'mes')),
    budget_cents BIGINT NOT NULL CHECK (budget_cents > 0),
    fingerprint TEXT,
    frozen_rules TEXT,
    result_json TEXT,
    created_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    voting_opened_at TIMESTAMP,
    closed_at TIMESTAMP,
    plans_from DATE,
    plans_until DATE,
    review_until DATE,
    voting_from DATE,
    voting_until DATE,
    review_started_at TIMESTAMP,
    counted_at TIMESTAMP,
    UNIQUE (area_id, year, quarter),
    -- A calendar is all five dates or none (rounds made before the calendar have none and
    -- are moved by hand), in order.
    CHECK (
        (plans_from IS NULL AND plans_until IS NULL AND review_until IS NULL
            AND voting_from IS NULL AND voting_until IS NULL)
        OR (plans_from <= plans_until AND plans_until <= review_until
            AND review_until <= voting_from AND voting_from <= voting_until)
    )
);
INSERT INTO rounds_new (id, area_id, year, quarter, title, status, ballot_rule, max_choices,
    count_rule, budget_cents, fingerprint, frozen_rules, result_json, created_by, created_at,
    voting_opened_at, closed_at)
SELECT id, area_id, year, quarter, title, status, ballot_rule, max_choices,
    count_rule, budget_cents, fingerprint, frozen_rules, result_json, created_by, created_at,
    voting_opened_at, closed_at
FROM rounds;
-- A closed round was counted when it closed.
UPDATE rounds_new SET counted_at = closed_at WHERE status = 'closed';
DROP TABLE rounds;
ALTER TABLE rounds_new RENAME TO rounds;
-- Rules frozen once voting opened (as migration 000008), and a round never goes back a
-- phase.
CREATE TRIGGER rounds_rules_frozen BEFORE UPDATE ON rounds
WHEN OLD.status IN ('voting', 'counted', 'closed') AND (
    NEW.area_id IS NOT OLD.area_id
    OR NEW.year IS NOT OLD.year
    OR NEW.quarter IS NOT OLD.quarter
    OR NEW.budget_cents IS NOT OLD.budget_cents
    OR NEW.ballot_rule IS NOT OLD.ballot_rule
    OR NEW.max_choices IS NOT OLD.max_choices
    OR NEW.count_rule IS NOT OLD.count_rule
    OR NEW.fingerprint IS NOT OLD.fingerprint
    OR NEW.frozen_rules IS NOT OLD.frozen_rules
)
BEGIN SELECT RAISE(ABORT, 'the rules of a round are frozen once voting opened'); END;
CREATE TRIGGER rounds_phase_forward BEFORE UPDATE OF status ON rounds
WHEN (CASE NEW.status WHEN 'open' THEN 1 WHEN 'review' THEN 2 WHEN 'voting' THEN 3
        WHEN 'counted' THEN 4 ELSE 5 END)
   < (CASE OLD.status WHEN 'open' THEN 1 WHEN 'review' THEN 2 WHEN 'voting' THEN 3
        WHEN 'counted' THEN 4 ELSE 5 END)
BEGIN SELECT RAISE(ABORT, 'a round never goes back a phase'); END;
CREATE INDEX rounds_status ON rounds(status);
COMMIT;
PRAGMA foreign_keys = ON;
