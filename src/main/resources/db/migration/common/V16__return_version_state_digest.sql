-- The digest of the return's state the bridge last acted on at return_version.updated_at, kept only when that pass
-- left nothing open (no line still RECEIVED or in EXCEPTION, no open exception record of the return). The same
-- state seen again (the poll's overlap re-reads every return changed in its last minutes; Reveni may deliver an
-- event twice) is then not acted on again. updated_at alone cannot say so: it has whole seconds, and two states
-- of one return can share one. NULL (every row before this migration) means: act on it again, as before.
ALTER TABLE return_version ADD COLUMN state_digest VARCHAR(64);
