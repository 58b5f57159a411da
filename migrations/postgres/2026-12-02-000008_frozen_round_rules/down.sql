DROP TRIGGER rounds_rules_frozen ON rounds;
DROP FUNCTION rounds_rules_frozen();
