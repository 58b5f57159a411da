-- Once voting opened, a round's rules are frozen (docs/rounds.md): its area, year,
-- quarter, budget, ballot rule, maximum choices and count rule, the frozen rules text and
-- its fingerprint no longer change, and the round never goes back to 'open'. The service
-- casts and counts from the frozen text and checks its fingerprint; this trigger keeps a
-- direct UPDATE from bending the live columns too.
CREATE FUNCTION rounds_rules_frozen() RETURNS trigger AS $$
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

CREATE TRIGGER rounds_rules_frozen BEFORE UPDATE ON rounds
    FOR EACH ROW EXECUTE FUNCTION rounds_rules_frozen();
