-- Several bridge nodes may share one database (issue 10). Work that must happen once is claimed here with a
-- compare-and-set only one node can win, instead of an in-JVM lock: the claim names its holder (node id plus
-- a random part, one per attempt) and expires, so a node killed mid-work never strands anything. Expired
-- claims are simply taken over; what the dead holder may have sent is settled by read-back, as after a crash.

-- A line's claim: only its holder posts (or reads back, requeues, settles) the line's stock-in.
ALTER TABLE return_line ADD COLUMN claim_token VARCHAR(100);
ALTER TABLE return_line ADD COLUMN claim_expires_at TIMESTAMP WITH TIME ZONE;

-- A refund's or exchange's claim: only its holder posts the Sitoo order.
ALTER TABLE sales_record ADD COLUMN claim_token VARCHAR(100);
ALTER TABLE sales_record ADD COLUMN claim_expires_at TIMESTAMP WITH TIME ZONE;

-- A replay in progress (status REPLAYING): who runs it and until when it counts as alive.
ALTER TABLE exception_record ADD COLUMN replay_token VARCHAR(100);
ALTER TABLE exception_record ADD COLUMN replay_expires_at TIMESTAMP WITH TIME ZONE;

-- The webhook inbox: one node at a time processes one return's events, oldest first. The key is the return id
-- ('event:' and the event id for an event that names no return).
CREATE TABLE return_claim (
    claim_key   VARCHAR(80)  NOT NULL PRIMARY KEY,
    claim_token VARCHAR(100) NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
-- The holder of a return's claim takes its waiting events, oldest first.
CREATE INDEX webhook_inbox_by_return ON webhook_inbox (return_id, status);
