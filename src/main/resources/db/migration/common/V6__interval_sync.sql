-- Interval sync mode: a line to restock is queued (intent recorded, nothing sent) until its warehouse's
-- batch is flushed. queued_at marks the queue; last_post_at (set when the batch is sent) hands the line
-- to the read-back settling if the answer is lost.
ALTER TABLE return_line ADD COLUMN queued_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX return_line_queued ON return_line (queued_at, warehouse_id);
