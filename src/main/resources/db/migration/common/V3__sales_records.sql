-- The sales side: one row per Reveni refund (and per exchanged item) and the Sitoo order that records it.
-- Sitoo keeps order externalids unique, so the order itself is the idempotency key; this table is what
-- finance reads, and what tells a pending or failed refund from a recorded one.
CREATE TABLE sales_record (
    record_key      VARCHAR(80)   NOT NULL PRIMARY KEY,
    kind            VARCHAR(16)   NOT NULL,
    return_id       VARCHAR(64)   NOT NULL,
    refund_id       VARCHAR(64),
    item_id         VARCHAR(64),
    reveni_status   VARCHAR(32),
    amount          DECIMAL(19, 4),
    currency        VARCHAR(3),
    state           VARCHAR(16)   NOT NULL,
    state_reason    VARCHAR(1000),
    external_id     VARCHAR(40),
    sitoo_order_id  BIGINT,
    exception_id    BIGINT,
    recorded_at     TIMESTAMP WITH TIME ZONE,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX sales_record_by_return ON sales_record (return_id);
CREATE INDEX sales_record_by_state ON sales_record (state);

-- Which return items a sales record covers (comma-separated Reveni item ids): a line is refunded when a
-- recorded refund or exchange covers it.
ALTER TABLE sales_record ADD COLUMN item_ids VARCHAR(4000);

-- When a line's state last changed (updated_at moves on every poll that sees it): the age finance sees.
ALTER TABLE return_line ADD COLUMN state_changed_at TIMESTAMP WITH TIME ZONE;
UPDATE return_line SET state_changed_at = updated_at;
