-- The reconciliation reads its scratch stock-ins a page of external ids at a time (external_id IN (...) AND run_id
-- = ?). On the index (run_id, external_id) H2 used run_id alone and read every stock-in line of the run for each
-- page: a million-line day's reconciliation spent hours there. With external_id first, each id is one index lookup.
-- The run's own rows are deleted by run_id once at its end, which may scan: once a run.
DROP INDEX reconciliation_stock_in_by_external_id;
CREATE INDEX reconciliation_stock_in_by_external_id ON reconciliation_stock_in (external_id, run_id);
