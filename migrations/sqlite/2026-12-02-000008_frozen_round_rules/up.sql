-- Once voting opened, a round's rules are frozen (docs/rounds.md): its area, year,
-- quarter, budget, ballot rule, maximum choices and count rule, the frozen rules text and
-- its fingerprint no longer change, and the round never goes back to 'open'. The service
-- casts and counts from the frozen text and checks its fingerprint; this trigger keeps a
-- direct UPDATE from bending the live columns too.
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
