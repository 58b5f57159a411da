-- The round calendar (docs/rounds.md): five phases instead of three, and the dates at which
-- `serve` moves a round on. 'closed' keeps its meaning (counted and the money committed);
-- 'review' sits between 'open' and 'voting', 'counted' between 'voting' and 'closed'.
ALTER TABLE rounds DROP CONSTRAINT rounds_status_check;
ALTER TABLE rounds ADD CONSTRAINT rounds_status_check
    CHECK (status IN ('open', 'review', 'voting', 'counted', 'closed'));
ALTER TABLE rounds
    ADD COLUMN plans_from DATE,
    ADD COLUMN plans_until DATE,
    ADD COLUMN review_until DATE,
    ADD COLUMN voting_from DATE,
    ADD COLUMN voting_until DATE,
    ADD COLUMN review_started_at TIMESTAMP,
    ADD COLUMN counted_at TIMESTAMP;
-- A calendar is all five dates or none (rounds made before the calendar have none and are
-- moved by hand), in order.
ALTER TABLE rounds ADD CONSTRAINT rounds_calendar_check CHECK (
    (plans_from IS NULL AND plans_until IS NULL AND review_until IS NULL
        AND voting_from IS NULL AND voting_until IS NULL)
    OR (plans_from <= plans_until AND plans_until <= review_until
        AND review_until <= voting_from AND voting_from <= voting_until)
);
-- A closed round was counted when it closed.
UPDATE rounds SET counted_at = closed_at WHERE status = 'closed';
CREATE INDEX rounds_status ON rounds(status);

-- Rules frozen once voting opened (as migration 000008), and a round never goes back a
-- phase.
CREATE OR REPLACE FUNCTION rounds_rules_frozen() RETURNS trigger AS $$
DECLARE
    rank_old INTEGER := array_position(ARRAY['open', 'review', 'voting', 'counted', 'closed'], OLD.status::text);
    rank_new INTEGER := array_position(ARRAY['open', 'review', 'voting', 'counted', 'closed'], NEW.status::text);
BEGIN
    IF rank_new < rank_old THEN
        RAISE EXCEPTION 'a round never goes back a phase';
    END IF;
    IF OLD.status IN ('voting', 'counted', 'closed') AND (
        NEW.area_id IS DISTINCT FROM OLD.area_id
        OR NEW.year IS DISTINCT FROM OLD.year
        OR NEW.quarter IS DISTINCT FROM OLD.quarter
        OR NEW.budget_cents IS DISTINCT FROM OLD.budget_cents
        OR NEW.ballot_rule IS DISTINCT FROM OLD.ballot_rule
        OR NEW.max_choices IS DISTINCT FROM OLD.max_choices
        OR NEW.count_rule IS DISTINCT FROM OLD.count_rule
        OR NEW.fingerprint IS DISTINCT FROM OLD.fingerprint
        OR NEW.frozen_rules IS DISTINCT FROM OLD.frozen_rules
    ) THEN
        RAISE EXCEPTION 'the rules of a round are frozen once voting opened';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
