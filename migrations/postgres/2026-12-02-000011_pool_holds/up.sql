-- Money held back in an area's pool without moving it (docs/ledger.md, "Reservations and
-- earmarks"): a round's budget from the moment its voting opens (kind 'reservation', one
-- per round), or an amount the coordinator puts apart with a reason (kind 'earmark').
-- A hold counts against what the pool can still give (service/ledger/transfers.rs
-- `available`) until it is released; a release is a row of its own. Both tables are
-- append-only, like the ledger: nothing is edited or deleted.
CREATE TABLE pool_holds (
    id TEXT PRIMARY KEY NOT NULL,
    area_id TEXT NOT NULL REFERENCES areas(id),
    kind TEXT NOT NULL CHECK (kind IN ('reservation', 'earmark')),
    round_id TEXT REFERENCES rounds(id),
    amount_cents BIGINT NOT NULL CHECK (amount_cents > 0),
    reason TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    CHECK ((kind = 'reservation') = (round_id IS NOT NULL))
);
CREATE UNIQUE INDEX pool_holds_one_per_round ON pool_holds(round_id) WHERE round_id IS NOT NULL;
CREATE INDEX pool_holds_area ON pool_holds(area_id);

CREATE TABLE pool_hold_releases (
    hold_id TEXT PRIMARY KEY NOT NULL REFERENCES pool_holds(id),
    reason TEXT NOT NULL,
    released_by TEXT NOT NULL,
    released_at TIMESTAMP NOT NULL
);

CREATE FUNCTION pool_holds_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'pool holds are append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER pool_holds_append_only BEFORE UPDATE OR DELETE ON pool_holds
    FOR EACH ROW EXECUTE FUNCTION pool_holds_append_only();
CREATE TRIGGER pool_hold_releases_append_only BEFORE UPDATE OR DELETE ON pool_hold_releases
    FOR EACH ROW EXECUTE FUNCTION pool_holds_append_only();
