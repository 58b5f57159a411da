-- Back to three phases: a round in review is open again, a counted one still voting
-- (its result is dropped with the calendar; closing counts again).
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE rounds_old (
    id TEXT PRIMARY KEY NOT NULL,
    area_id TEXT NOT NULL REFERENCES areas(id),
    year INTEGER NOT NULL,
    quarter INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    title TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'voting', 'closed')),
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
    UNIQUE (area_id, year, quarter)
);
INSERT INTO rounds_old (id, area_id, year, quarter, title, status, ballot_rule, max_choices,
    count_rule, budget_cents, fingerprint, frozen_rules, result_json, created_by, created_at,
    voting_opened_at, closed_at)
SELECT id, area_id, year, quarter, title,
    CASE status WHEN 'review' THEN 'open' WHEN 'counted' THEN 'voting' ELSE status END,
    ballot_rule, max_choices, count_rule, budget_cents, fingerprint, frozen_rules,
    CASE status WHEN 'counted' THEN NULL ELSE result_json END,
    created_by, created_at, voting_opened_at, closed_at
FROM rounds;
DROP TABLE rounds;
ALTER TABLE rounds_old RENAME TO rounds;
CREATE TRIGGER rounds_rules_frozen BEFORE UPDATE ON rounds
WHEN OLD.status <> 'open' AND (
    NEW.status = 'open'
    OR NEW.area_id IS NOT OLD.area_id
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
COMMIT;
PRAGMA foreign_keys = ON;
