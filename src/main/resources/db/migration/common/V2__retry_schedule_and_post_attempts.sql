-- When the automatic sweep next replays an open record of a transient category (NULL: never
-- automatically, a person must act).
ALTER TABLE exception_record ADD COLUMN next_attempt_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX exception_record_due ON exception_record (status, next_attempt_at);

-- When the latest stock-in for a line was sent. restock_intent_at stays the first one (where the
-- read-back starts); this one decides whether an unanswered post may still be in flight.
ALTER TABLE return_line ADD COLUMN last_post_at TIMESTAMP WITH TIME ZONE;
