-- Two indexes that every ballot paid for and no resident's request reads (issue 13, "flat
-- with turnout"). Ballot ids and participation handles are random on purpose (ADR 0005), so
-- these indexes, keyed (round, random id), put each new ballot on another page once a round
-- has many ballots: more pages read and written per ballot as turnout grows. What used them
-- reads a whole round at once (counting, the audit export, the report, checks), a few times
-- per round, and now reads the table instead; the numbers pages show are kept
-- (round_ballot_counts).
DROP INDEX code_participation_round;
DROP INDEX ballots_round;
