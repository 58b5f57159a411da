-- Back to three phases: a round in review is open again, a counted one still voting (its
-- result is dropped; closing counts again).
CREATE OR REPLACE FUNCTION rounds_rules_frozen() RETURNS trigger AS $$
BEGIN
    IF OLD.status <> 'open' AND (
        NEW.status = 'open'
        OR NEW.area_id IS DISTINCT FROM OLD.area_id
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
ALTER TABLE rounds DISABLE TRIGGER rounds_rules_frozen;
UPDATE rounds SET status = 'open' WHERE status = 'review';
UPDATE rounds SET status = 'voting', result_json = NULL WHERE status = 'counted';
ALTER TABLE rounds ENABLE TRIGGER rounds_rules_frozen;
DROP INDEX rounds_status;
ALTER TABLE rounds DROP CONSTRAINT rounds_calendar_check;
ALTER TABLE rounds
    DROP COLUMN plans_from,
    DROP COLUMN plans_until,
    DROP COLUMN review_until,
    DROP COLUMN voting_from,
    DROP COLUMN voting_until,
    DROP COLUMN review_started_at,
    DROP COLUMN counted_at;
ALTER TABLE rounds DROP CONSTRAINT rounds_status_check;
ALTER TABLE rounds ADD CONSTRAINT rounds_status_check
    CHECK (status IN ('open', 'voting', 'closed'));
