-- Reviewing plans (docs/rounds.md "Reviewing plans: checklist, costs, corrections, who may
-- hand in"). Every change to these tables is an audit event in the same transaction.

-- An area's review checklist, in order. An area without rows uses the default list
-- (domain::review::DEFAULT_CRITERIA).
CREATE TABLE review_criteria (
    area_id TEXT NOT NULL REFERENCES areas(id),
    position INTEGER NOT NULL CHECK (position >= 1),
    label TEXT NOT NULL,
    PRIMARY KEY (area_id, position)
);

-- An area's rules for who may hand in a plan (domain::eligibility). No row: no rules.
CREATE TABLE area_eligibility (
    area_id TEXT PRIMARY KEY NOT NULL REFERENCES areas(id),
    funded_wait_months INTEGER NOT NULL CHECK (funded_wait_months BETWEEN 0 AND 60)
);

-- The coordinator's verdict per criterion on a plan, with the criterion's text as it was
-- judged. Replaced as a whole by each saved review (each save is audited); a criterion
-- not yet judged has no row.
CREATE TABLE plan_verdicts (
    initiative_id TEXT NOT NULL REFERENCES initiatives(id),
    position INTEGER NOT NULL CHECK (position >= 1),
    criterion TEXT NOT NULL,
    verdict TEXT NOT NULL CHECK (verdict IN ('meets', 'fails')),
    note TEXT NOT NULL,
    PRIMARY KEY (initiative_id, position)
);

-- A plan's cost breakdown as handed in (adds up to the requested amount).
CREATE TABLE plan_cost_lines (
    initiative_id TEXT NOT NULL REFERENCES initiatives(id),
    position INTEGER NOT NULL CHECK (position >= 1),
    description TEXT NOT NULL,
    amount_cents BIGINT NOT NULL CHECK (amount_cents > 0),
    PRIMARY KEY (initiative_id, position)
);

-- Amount corrections by the coordinator during review, with the public explanation.
CREATE TABLE plan_amount_corrections (
    id TEXT PRIMARY KEY NOT NULL,
    initiative_id TEXT NOT NULL REFERENCES initiatives(id),
    old_cents BIGINT NOT NULL,
    new_cents BIGINT NOT NULL CHECK (new_cents > 0),
    explanation TEXT NOT NULL,
    corrected_by TEXT NOT NULL,
    corrected_at TIMESTAMP NOT NULL
);
CREATE INDEX plan_amount_corrections_initiative ON plan_amount_corrections(initiative_id);
CREATE TRIGGER plan_amount_corrections_no_update BEFORE UPDATE ON plan_amount_corrections
BEGIN SELECT RAISE(ABORT, 'amount corrections are append-only'); END;
CREATE TRIGGER plan_amount_corrections_no_delete BEFORE DELETE ON plan_amount_corrections
BEGIN SELECT RAISE(ABORT, 'amount corrections are append-only'); END;
