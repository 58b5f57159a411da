DROP TABLE login_tickets;
ALTER TABLE areas DROP COLUMN max_initiative_cents;
ALTER TABLE areas DROP COLUMN description;
ALTER TABLE users DROP COLUMN totp_enabled;
ALTER TABLE users DROP COLUMN totp_secret;
