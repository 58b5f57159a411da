-- The money after the vote (docs/ledger.md "Payments and what a finished plan returns",
-- docs/rounds.md "After the vote").
-- A payment IS a ledger transfer (kind 'payment': the plan's account -> the plan's
-- 'paid_out' account); this row only adds what finance needs to find it again.
CREATE TABLE payments (
    transfer_id TEXT PRIMARY KEY NOT NULL REFERENCES transfers(id),
    initiative_id TEXT NOT NULL REFERENCES initiatives(id),
    paid_on TEXT NOT NULL,
    reference TEXT NOT NULL,
    note TEXT NOT NULL
);
CREATE INDEX payments_initiative ON payments(initiative_id);

-- Public progress of a funded plan. The photo is stored re-encoded (no metadata).
-- return_transfer_id: the transfer that gave the unused money back to the pool, made in
-- the same transaction as the 'done' post.
CREATE TABLE progress_posts (
    id TEXT PRIMARY KEY NOT NULL,
    initiative_id TEXT NOT NULL REFERENCES initiatives(id),
    stage TEXT NOT NULL CHECK (stage IN ('planned', 'in_progress', 'done')),
    body TEXT NOT NULL,
    photo BYTEA,
    photo_type TEXT CHECK (photo_type IS NULL OR photo_type IN ('image/jpeg', 'image/png')),
    photo_alt TEXT,
    return_transfer_id TEXT REFERENCES transfers(id),
    posted_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    CHECK ((photo IS NULL) = (photo_type IS NULL))
);
CREATE INDEX progress_posts_initiative ON progress_posts(initiative_id);
-- A plan is finished once: a second 'done' cannot return money twice.
CREATE UNIQUE INDEX progress_posts_one_done ON progress_posts(initiative_id) WHERE stage = 'done';

CREATE TRIGGER payments_append_only BEFORE UPDATE OR DELETE ON payments
    FOR EACH ROW EXECUTE FUNCTION forbid_change();
CREATE TRIGGER progress_posts_append_only BEFORE UPDATE OR DELETE ON progress_posts
    FOR EACH ROW EXECUTE FUNCTION forbid_change();
