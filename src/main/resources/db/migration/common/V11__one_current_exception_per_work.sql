-- One current exception record per unit of work, even with several nodes (issue 10). Two nodes failing the same
-- line at the same instant each found no record and each inserted one: an operator then saw (and replayed) the
-- line twice. current_key holds the line_key while the record is current (OPEN, REPLAYING, IGNORED) and NULL once
-- it is resolved; a unique index on it lets only one insert win, and the loser updates the winner's record.
-- NULLs never collide, so any number of resolved records may share a line_key.
ALTER TABLE exception_record ADD COLUMN current_key VARCHAR(200);

-- Existing data: the newest current record of each unit of work takes the key. An older duplicate (possible only
-- from two workers racing before this migration) keeps NULL; it stays listed and is resolved with the line.
UPDATE exception_record SET current_key = line_key
 WHERE id IN (SELECT MAX(id) FROM exception_record WHERE status IN ('OPEN', 'REPLAYING', 'IGNORED') GROUP BY line_key);

CREATE UNIQUE INDEX exception_record_one_current ON exception_record (current_key);
