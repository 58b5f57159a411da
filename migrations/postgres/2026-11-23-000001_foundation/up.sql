-- Foundation: staff, sessions, areas, funders, accounts, ledger, audit log.
-- Portable types only (TEXT ids, BIGINT cents, TIMESTAMP in UTC, BOOLEAN) so the
-- same diesel schema works on SQLite and PostgreSQL.

CREATE TABLE users (
    id TEXT PRIMARY KEY NOT NULL,
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    disabled BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE user_roles (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users(id),
    role TEXT NOT NULL,
    area_id TEXT,
    created_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX user_roles_unique ON user_roles(user_id, role, COALESCE(area_id, ''));

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users(id),
    csrf_token TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    revoked BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE areas (
    id TEXT PRIMARY KEY NOT NULL,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE funders (
    id TEXT PRIMARY KEY NOT NULL,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE budget_lines (
    id TEXT PRIMARY KEY NOT NULL,
    fiscal_year INTEGER NOT NULL,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    taakveld TEXT NOT NULL,
    funder_id TEXT NOT NULL REFERENCES funders(id),
    amount_cents BIGINT NOT NULL CHECK (amount_cents > 0),
    import_id TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (fiscal_year, code)
);

-- One account per budget line, per area pool and per funder.
CREATE TABLE accounts (
    id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    budget_line_id TEXT REFERENCES budget_lines(id),
    area_id TEXT REFERENCES areas(id),
    funder_id TEXT REFERENCES funders(id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX accounts_area ON accounts(area_id);
CREATE INDEX accounts_budget_line ON accounts(budget_line_id);

CREATE TABLE ledger_imports (
    id TEXT PRIMARY KEY NOT NULL,
    content_sha256 TEXT NOT NULL,
    file_name TEXT NOT NULL,
    format TEXT NOT NULL,
    lines_added INTEGER NOT NULL,
    lines_unchanged INTEGER NOT NULL,
    imported_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

-- Append-only. A transfer moves amount_cents from debit_account to credit_account.
CREATE TABLE transfers (
    id TEXT PRIMARY KEY NOT NULL,
    seq BIGINT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    debit_account TEXT NOT NULL REFERENCES accounts(id),
    credit_account TEXT NOT NULL REFERENCES accounts(id),
    amount_cents BIGINT NOT NULL CHECK (amount_cents > 0),
    memo TEXT NOT NULL,
    decision_ref TEXT,
    correction_of TEXT REFERENCES transfers(id),
    needs_approval BOOLEAN NOT NULL,
    content_hash TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    CHECK (debit_account <> credit_account)
);
CREATE INDEX transfers_debit ON transfers(debit_account);
CREATE INDEX transfers_credit ON transfers(credit_account);

-- Append-only: the second pair of eyes. At most one decision per transfer.
CREATE TABLE transfer_decisions (
    transfer_id TEXT PRIMARY KEY NOT NULL REFERENCES transfers(id),
    approved BOOLEAN NOT NULL,
    reason TEXT NOT NULL,
    decided_by TEXT NOT NULL,
    decided_at TIMESTAMP NOT NULL
);

-- Append-only audit log; seq is gap-free and becomes the Merkle leaf index.
CREATE TABLE audit_events (
    seq BIGINT PRIMARY KEY NOT NULL,
    occurred_at TIMESTAMP NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    entity_type TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    payload TEXT NOT NULL,
    leaf_hash TEXT NOT NULL
);

-- One row. Every writing transaction updates it first, which serialises writers on both
-- backends (see docs/adr/0002-serialised-writes.md).
CREATE TABLE write_lock (
    id INTEGER PRIMARY KEY NOT NULL,
    generation BIGINT NOT NULL
);
INSERT INTO write_lock (id, generation) VALUES (1, 0);

CREATE FUNCTION forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER transfers_append_only BEFORE UPDATE OR DELETE ON transfers
    FOR EACH ROW EXECUTE FUNCTION forbid_change();
CREATE TRIGGER transfer_decisions_append_only BEFORE UPDATE OR DELETE ON transfer_decisions
    FOR EACH ROW EXECUTE FUNCTION forbid_change();
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION forbid_change();
CREATE TRIGGER budget_lines_append_only BEFORE UPDATE OR DELETE ON budget_lines
    FOR EACH ROW EXECUTE FUNCTION forbid_change();
