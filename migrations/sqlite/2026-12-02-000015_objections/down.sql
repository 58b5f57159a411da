DROP TRIGGER objection_decisions_no_delete;
DROP TRIGGER objection_decisions_no_update;
DROP TRIGGER objections_no_delete;
DROP TRIGGER objections_no_update;
DROP TABLE objection_decisions;
DROP TABLE objections;
ALTER TABLE rounds DROP COLUMN annulled_at;
DROP TABLE objection_settings;
