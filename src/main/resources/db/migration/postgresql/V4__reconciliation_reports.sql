-- PostgreSQL's copy of h2/V4__reconciliation_reports.sql: the same tables, with TEXT where H2 has CLOB (PostgreSQL has no CLOB).
-- The latest reconciliation report per business day, as served by GET /api/reconciliation/{date}.
CREATE TABLE reconciliation_report (
    report_date    DATE          NOT NULL PRIMARY KEY,
    zone           VARCHAR(64)   NOT NULL,
    generated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    findings_count INT           NOT NULL,
    report_json    TEXT          NOT NULL
);
