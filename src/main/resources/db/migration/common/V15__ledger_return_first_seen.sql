-- One row per return in the ledger, with the instant its first line was recorded (MIN(return_line.created_at)).
-- The return lists (GET /api/returns, the operations page, the stuck-returns check, the returns gauge) pick a page
-- of returns from here by the index below, instead of grouping the whole of return_line on every call: at a
-- million lines that grouping took seconds a page. LedgerRepository writes the row when a return's line is first
-- inserted, and lowers first_seen when a line with an earlier created_at comes in later.
CREATE TABLE ledger_return (
    return_id   VARCHAR(64)               NOT NULL PRIMARY KEY,
    first_seen  TIMESTAMP WITH TIME ZONE  NOT NULL
);
CREATE INDEX ledger_return_by_first_seen ON ledger_return (first_seen, return_id);

-- Every return already in the ledger.
INSERT INTO ledger_return (return_id, first_seen)
SELECT return_id, MIN(created_at) FROM return_line GROUP BY return_id;
