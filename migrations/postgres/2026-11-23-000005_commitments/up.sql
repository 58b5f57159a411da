-- Funded plans get an account of their own; closing a round commits the winning amounts
-- from the area's pool to these accounts (transfer kind 'commitment'). See docs/rounds.md.
ALTER TABLE accounts ADD COLUMN initiative_id TEXT REFERENCES initiatives(id);
CREATE INDEX accounts_initiative ON accounts(initiative_id);
