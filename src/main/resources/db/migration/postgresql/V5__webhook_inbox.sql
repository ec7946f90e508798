-- PostgreSQL's copy of h2/V5__webhook_inbox.sql: the same tables, with TEXT where H2 has CLOB (PostgreSQL has no CLOB).
-- Reveni webhook events, stored before the bridge answers 2xx and processed afterwards: a crash between
-- the two loses nothing. The event id is Reveni's; a repeated delivery is acknowledged and ignored.
CREATE TABLE webhook_inbox (
    event_id       VARCHAR(64)   NOT NULL PRIMARY KEY,
    event_type     VARCHAR(64)   NOT NULL,
    return_id      VARCHAR(64),
    payload        TEXT          NOT NULL,
    status         VARCHAR(16)   NOT NULL,
    note           VARCHAR(1000),
    received_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    processed_at   TIMESTAMP WITH TIME ZONE
);
CREATE INDEX webhook_inbox_by_status ON webhook_inbox (status, received_at);

-- The newest Reveni state (updated_at) the bridge has acted on per return, so an event that arrives
-- late, carrying an older state, cannot move anything backwards.
CREATE TABLE return_version (
    return_id   VARCHAR(64) NOT NULL PRIMARY KEY,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
