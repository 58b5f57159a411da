DROP TABLE round_ballot_counts;
