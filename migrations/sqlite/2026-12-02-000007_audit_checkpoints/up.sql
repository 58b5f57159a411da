-- Signed checkpoints of the audit log (C2SP tlog-checkpoint in a signed note). Every
-- checkpoint the server signed is kept; the primary key on tree_size means two servers can
-- never store two checkpoints for one size. See docs/audit-export.md.
CREATE TABLE audit_checkpoints (
    tree_size BIGINT PRIMARY KEY,
    root_hex TEXT NOT NULL,
    origin TEXT NOT NULL,
    key_id TEXT NOT NULL,
    note TEXT NOT NULL,
    signed_at TIMESTAMP NOT NULL
);

-- The signer's state: one row. stopped_at is set when the stored history no longer matches
-- the last signed checkpoint; then nothing is signed until 'burgerbegroting audit resume'
-- finds the history consistent again (docs/audit-export.md, "When signing stops").
CREATE TABLE audit_signer (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    stopped_at TIMESTAMP,
    stop_reason TEXT,
    resumed_at TIMESTAMP
);
INSERT INTO audit_signer (id) VALUES (1);
