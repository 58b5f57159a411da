-- Smederij rounds, initiatives and ballots. See docs/rounds.md.
-- Ballots carry no voter identity: code_participation says THAT a code took part in a
-- round (one row per code per round, the primary key makes a second ballot impossible),
-- ballots say WHAT was chosen, and nothing links the two. Neither table has a time
-- column, and ballots are listed by tracker, never in insertion order.

CREATE TABLE rounds (
    id TEXT PRIMARY KEY NOT NULL,
    area_id TEXT NOT NULL REFERENCES areas(id),
    year INTEGER NOT NULL,
    quarter INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    title TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'voting', 'closed')),
    ballot_rule TEXT NOT NULL CHECK (ballot_rule IN ('approval', 'knapsack')),
    max_choices INTEGER CHECK (max_choices IS NULL OR max_choices > 0),
    count_rule TEXT NOT NULL CHECK (count_rule IN ('greedy', 'mes')),
    budget_cents BIGINT NOT NULL CHECK (budget_cents > 0),
    fingerprint TEXT,
    frozen_rules TEXT,
    result_json TEXT,
    created_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    voting_opened_at TIMESTAMP,
    closed_at TIMESTAMP,
    UNIQUE (area_id, year, quarter)
);

CREATE TABLE initiatives (
    id TEXT PRIMARY KEY NOT NULL,
    round_id TEXT NOT NULL REFERENCES rounds(id),
    number INTEGER NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    amount_cents BIGINT NOT NULL CHECK (amount_cents > 0),
    taakveld TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('submitted', 'nominated', 'rejected')),
    review_reason TEXT,
    submitted_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (round_id, number)
);
CREATE INDEX initiatives_round ON initiatives(round_id);

CREATE TABLE code_participation (
    handle TEXT NOT NULL REFERENCES voting_codes(handle),
    round_id TEXT NOT NULL REFERENCES rounds(id),
    PRIMARY KEY (handle, round_id)
);
CREATE INDEX code_participation_round ON code_participation(round_id);

-- entered_by: the staff member who typed in a paper ballot (NULL when cast online).
CREATE TABLE ballots (
    id TEXT PRIMARY KEY NOT NULL,
    round_id TEXT NOT NULL REFERENCES rounds(id),
    tracker TEXT NOT NULL UNIQUE,
    channel TEXT NOT NULL CHECK (channel IN ('online', 'paper')),
    assisted BOOLEAN NOT NULL,
    entered_by TEXT
);
CREATE INDEX ballots_round ON ballots(round_id);

CREATE TABLE ballot_choices (
    ballot_id TEXT NOT NULL REFERENCES ballots(id),
    initiative_id TEXT NOT NULL REFERENCES initiatives(id),
    PRIMARY KEY (ballot_id, initiative_id)
);

CREATE TRIGGER ballots_append_only BEFORE UPDATE OR DELETE ON ballots
    FOR EACH ROW EXECUTE FUNCTION forbid_change();
CREATE TRIGGER ballot_choices_append_only BEFORE UPDATE OR DELETE ON ballot_choices
    FOR EACH ROW EXECUTE FUNCTION forbid_change();
CREATE TRIGGER code_participation_no_update BEFORE UPDATE ON code_participation
    FOR EACH ROW EXECUTE FUNCTION forbid_change();
