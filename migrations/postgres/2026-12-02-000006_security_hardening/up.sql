-- Security hardening (issue 12).
-- The last authenticator time step (unix time / 30) accepted for an account: that step and
-- every earlier one are refused afterwards, so a code works once only.
ALTER TABLE users ADD COLUMN totp_last_step BIGINT;

-- Mail the product would send, kept in the database until a mailer delivers it (the
-- product has no SMTP client yet; operators read or forward this table).
CREATE TABLE mail_outbox (
    id TEXT PRIMARY KEY NOT NULL,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP
);
CREATE INDEX mail_outbox_unsent ON mail_outbox (sent_at, created_at);
