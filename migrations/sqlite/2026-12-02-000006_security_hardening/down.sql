DROP INDEX mail_outbox_unsent;
DROP TABLE mail_outbox;
ALTER TABLE users DROP COLUMN totp_last_step;
