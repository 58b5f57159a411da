DROP TRIGGER objection_decisions_append_only ON objection_decisions;
DROP TRIGGER objections_append_only ON objections;
DROP FUNCTION objections_append_only();
DROP TABLE objection_decisions;
DROP TABLE objections;
ALTER TABLE rounds DROP COLUMN annulled_at;
DROP TABLE objection_settings;
