DROP TABLE throttle_buckets;
DROP TABLE voter_sessions;
DROP TABLE voting_codes;
DROP TABLE code_batches;
