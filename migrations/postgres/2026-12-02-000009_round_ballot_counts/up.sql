-- The number of ballots of each round, kept in the ballot's own transaction (service
-- rounds::cast) so that no page has to count a round's ballots: a resident's request must
-- not cost more as more people vote (docs/performance.md, "Resident paths"). Ballots are
-- append-only, so the number only grows; it always equals COUNT(*) of the round's ballots
-- (tests/it/rounds_service.rs checks this on both backends).
CREATE TABLE round_ballot_counts (
    round_id TEXT PRIMARY KEY NOT NULL REFERENCES rounds(id),
    ballots BIGINT NOT NULL CHECK (ballots >= 0)
);
INSERT INTO round_ballot_counts (round_id, ballots)
SELECT r.id, (SELECT COUNT(*) FROM ballots b WHERE b.round_id = r.id) FROM rounds r;
