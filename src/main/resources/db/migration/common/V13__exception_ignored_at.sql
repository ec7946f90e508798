-- When a person ignored the record, so a return's timeline on the operations page can place it. NULL for
-- records never ignored, and for those ignored before this column existed (that time was not recorded).
ALTER TABLE exception_record ADD COLUMN ignored_at TIMESTAMP WITH TIME ZONE;

-- A return's timeline lists the exception records filed for it, by return id.
CREATE INDEX exception_record_by_return ON exception_record (return_id);
