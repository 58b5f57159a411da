DROP TRIGGER rounds_rules_frozen;
