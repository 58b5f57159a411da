CREATE INDEX code_participation_round ON code_participation(round_id);
CREATE INDEX ballots_round ON ballots(round_id);
