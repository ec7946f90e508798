-- The digest of the return's state the bridge last acted on at return_version.updated_at. The same state seen
-- again (the poll's overlap re-reads every return changed in its last minutes; Reveni may deliver an event twice)
-- is then not acted on again, unless something of the return is open (a line without an outcome or in EXCEPTION,
-- an open exception record). updated_at alone cannot say so: it has whole seconds, and two states of one return can
-- share one. NULL (every row before this migration, or a pass with a failure it could not record) means: act again.
ALTER TABLE return_version ADD COLUMN state_digest VARCHAR(64);
