DROP TABLE audit_signer;
DROP TABLE audit_checkpoints;
