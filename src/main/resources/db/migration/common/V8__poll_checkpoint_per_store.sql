-- The poll checkpoint belongs to one Reveni store (REVENI_STORE_ID): a database that served another store,
-- or a sandbox run (the sandbox's own store), must never make this store's poll start late and skip returns.
--
-- A row from before this migration has no store. It may be this live account's checkpoint, or one a sandbox
-- run wrote into the same database (before BRIDGE_MODE existed, a deployment without vendor secrets quietly
-- ran the sandbox here), and nothing in the row says which. It is kept under store_id '' and never taken as
-- a store's own: a store without its own row starts its first poll at the EARLIER of that old checkpoint and
-- now - BRIDGE_POLL_INITIAL_LOOKBACK (flow.PollCheckpoint). A genuine live checkpoint therefore loses
-- nothing (re-reading returns is harmless: the ledger acts on each line once), and a sandbox's cannot push
-- the live poll past a return.
CREATE TABLE poll_checkpoint_per_store (
    name           VARCHAR(64) NOT NULL,
    store_id       VARCHAR(64) NOT NULL,
    checkpoint_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    saved_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (name, store_id)
);
INSERT INTO poll_checkpoint_per_store (name, store_id, checkpoint_at, saved_at)
    SELECT name, '', checkpoint_at, saved_at FROM poll_checkpoint;
DROP TABLE poll_checkpoint;
ALTER TABLE poll_checkpoint_per_store RENAME TO poll_checkpoint;
