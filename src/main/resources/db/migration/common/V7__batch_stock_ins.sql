-- Interval mode sends one Sitoo stock-in per warehouse batch: every line of the batch carries the
-- batch's externalid, and a read-back that finds it settles all of them at once.
CREATE INDEX return_line_by_external_id ON return_line (external_id);
