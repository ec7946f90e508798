-- What kind of work an exception record holds (issue 11): POLL (a poll of Reveni), RETURN (a whole return, read
-- again on replay), LINE (one return line, by its item id) or SALES (a refund or an exchange). Replay dispatches on
-- it; until now replay read it from prefixes of line_key. line_key stays the identity of the unit of work.
ALTER TABLE exception_record ADD COLUMN kind VARCHAR(16);

-- Existing records: the kind each one was replayed as, by the rules replay used before this migration, in order.
-- A record without a return id (other than a poll) could not be replayed and still cannot: RETURN without an id.
UPDATE exception_record SET kind = CASE
    WHEN line_key LIKE 'poll:%' THEN 'POLL'
    WHEN return_id IS NULL THEN 'RETURN'
    WHEN line_key LIKE 'refund:%' OR line_key LIKE 'exchange:%' THEN 'SALES'
    WHEN item_id IS NULL THEN 'RETURN'
    ELSE 'LINE'
END;

ALTER TABLE exception_record ALTER COLUMN kind SET NOT NULL;
