-- What one reconciliation run read back from Sitoo for its day, kept here instead of in the heap so that a day of
-- a million lines is compared in bounded memory: the run writes Sitoo's pages here as it reads them, then joins
-- them with the ledger a page of external ids at a time. Rows live only for their run (deleted when it ends).

-- One row per SKU of one of the bridge's stock-ins (external id rv-* / rvb-*), with the units Sitoo holds for it.
CREATE TABLE reconciliation_stock_in (
    run_id          VARCHAR(36)    NOT NULL,
    transaction_id  BIGINT         NOT NULL,
    external_id     VARCHAR(255)   NOT NULL,
    warehouse_id    INTEGER        NOT NULL,
    sku             VARCHAR(255),
    quantity        DECIMAL(19, 3),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX reconciliation_stock_in_by_external_id ON reconciliation_stock_in (run_id, external_id);

-- The orders of the day that carry a Reveni refund id, to find a refund recorded more than once.
CREATE TABLE reconciliation_order (
    run_id      VARCHAR(36)   NOT NULL,
    refund_id   VARCHAR(255)  NOT NULL,
    order_id    VARCHAR(64)   NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX reconciliation_order_by_refund ON reconciliation_order (run_id, refund_id);

-- The reconciliation reads the day's restocked lines a page at a time, in (restocked_at, item_id) order.
CREATE INDEX return_line_by_restocked_at ON return_line (restocked_at, item_id);
