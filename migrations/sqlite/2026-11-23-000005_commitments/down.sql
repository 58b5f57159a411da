DROP INDEX accounts_initiative;
ALTER TABLE accounts DROP COLUMN initiative_id;
