-- Accounts: second factor for staff, pending logins between password and code, and the
-- per-area settings a coordinator manages.
ALTER TABLE users ADD COLUMN totp_secret TEXT;
ALTER TABLE users ADD COLUMN totp_enabled BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE login_tickets (
    token_hash TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);

ALTER TABLE areas ADD COLUMN description TEXT NOT NULL DEFAULT '';
ALTER TABLE areas ADD COLUMN max_initiative_cents BIGINT;
