DROP TABLE ballot_choices;
DROP TABLE ballots;
DROP TABLE code_participation;
DROP TABLE initiatives;
DROP TABLE rounds;
