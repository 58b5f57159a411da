-- Voting codes (the letter in every resident's mailbox). See docs/voting-codes.md.
-- No names, addresses or BSNs anywhere: the mail house holds the handle <-> address link,
-- and the plain codes exist only in the CSV written once at generation.

CREATE TABLE code_batches (
    id TEXT PRIMARY KEY NOT NULL,
    area_id TEXT NOT NULL REFERENCES areas(id),
    year INTEGER NOT NULL,
    count INTEGER NOT NULL CHECK (count > 0),
    created_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX code_batches_area_year ON code_batches(area_id, year);

-- handle: public lookup key (the first group of the typed code). secret_hash: salted
-- SHA-256 of the secret part, never the secret itself. A later ballots_cast(handle,
-- round_id) table with a UNIQUE (handle, round_id) enforces one ballot per round.
CREATE TABLE voting_codes (
    handle TEXT PRIMARY KEY NOT NULL,
    batch_id TEXT NOT NULL REFERENCES code_batches(id),
    area_id TEXT NOT NULL REFERENCES areas(id),
    year INTEGER NOT NULL,
    secret_hash TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('active', 'revoked')),
    replaced_by TEXT REFERENCES voting_codes(handle),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX voting_codes_batch ON voting_codes(batch_id);
CREATE INDEX voting_codes_area_year ON voting_codes(area_id, year);

-- A resident who entered a valid code: the cookie holds the token, this row its hash.
CREATE TABLE voter_sessions (
    token_hash TEXT PRIMARY KEY NOT NULL,
    handle TEXT NOT NULL REFERENCES voting_codes(handle),
    area_id TEXT NOT NULL REFERENCES areas(id),
    year INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX voter_sessions_handle ON voter_sessions(handle);
CREATE INDEX voter_sessions_expires ON voter_sessions(expires_at);

-- Failed-attempt counters (voting codes now, staff login later). Stored so that a
-- restart does not reset them; rows are pruned once their window and block have ended.
CREATE TABLE throttle_buckets (
    key TEXT PRIMARY KEY NOT NULL,
    window_start TIMESTAMP NOT NULL,
    attempts INTEGER NOT NULL,
    blocked_until TIMESTAMP
);
