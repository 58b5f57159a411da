-- Objections (bezwaren) to the steering group (docs/rounds.md, "Objections"): an initiator
-- objects to the rejection of their plan, a resident with a code of the area (or an
-- initiator of the round) to a counted result. The steering group decides each one once,
-- with a public reason. Objections and decisions are append-only, like the ledger.

-- How many days after a rejection or a count an objection may be made, per area. An area
-- without a row uses the default of 7 days (domain::objection::DEFAULT_DAYS).
CREATE TABLE objection_settings (
    area_id TEXT PRIMARY KEY NOT NULL REFERENCES areas(id),
    days INTEGER NOT NULL CHECK (days BETWEEN 0 AND 60),
    updated_by TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

-- A round annulled by the steering group stays 'closed' (the phase order is unchanged:
-- nothing comes after it) and commits nothing; this moment says it was annulled.
ALTER TABLE rounds ADD COLUMN annulled_at TIMESTAMP
    CHECK (annulled_at IS NULL OR status = 'closed');

CREATE TABLE objections (
    id TEXT PRIMARY KEY NOT NULL,
    round_id TEXT NOT NULL REFERENCES rounds(id),
    kind TEXT NOT NULL CHECK (kind IN ('rejection', 'result')),
    initiative_id TEXT REFERENCES initiatives(id),
    reason TEXT NOT NULL,
    -- The account (actor key) or, for a resident, 'resident'; the code's handle only to
    -- keep one objection per code and round (never shown, never linked to a ballot).
    filed_by TEXT NOT NULL,
    voter_handle TEXT,
    filed_at TIMESTAMP NOT NULL,
    CHECK ((kind = 'rejection') = (initiative_id IS NOT NULL))
);
-- One objection per rejected plan; one per code (and per account) per round's result.
CREATE UNIQUE INDEX objections_one_per_plan ON objections(initiative_id)
    WHERE initiative_id IS NOT NULL;
CREATE UNIQUE INDEX objections_one_per_code ON objections(round_id, voter_handle)
    WHERE voter_handle IS NOT NULL;
CREATE UNIQUE INDEX objections_one_per_account ON objections(round_id, kind, filed_by)
    WHERE voter_handle IS NULL;
CREATE INDEX objections_round ON objections(round_id);

-- The decision: one row per objection (the primary key makes a second one impossible).
CREATE TABLE objection_decisions (
    objection_id TEXT PRIMARY KEY NOT NULL REFERENCES objections(id),
    verdict TEXT NOT NULL CHECK (verdict IN ('rejected', 'nominate', 'recount', 'annul')),
    reason TEXT NOT NULL,
    decided_by TEXT NOT NULL,
    decided_at TIMESTAMP NOT NULL
);

CREATE TRIGGER objections_no_update BEFORE UPDATE ON objections
BEGIN SELECT RAISE(ABORT, 'objections are append-only'); END;
CREATE TRIGGER objections_no_delete BEFORE DELETE ON objections
BEGIN SELECT RAISE(ABORT, 'objections are append-only'); END;
CREATE TRIGGER objection_decisions_no_update BEFORE UPDATE ON objection_decisions
BEGIN SELECT RAISE(ABORT, 'objection decisions are final'); END;
CREATE TRIGGER objection_decisions_no_delete BEFORE DELETE ON objection_decisions
BEGIN SELECT RAISE(ABORT, 'objection decisions are final'); END;
