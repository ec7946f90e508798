package org.returnsbridge.flow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.returnsbridge.support.Sql;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The poll's durable checkpoint: every return updated before it has been fully processed. One per Reveni
 * store, so a database that served another store (or a sandbox run) never makes this store's poll skip a
 * return.
 */
public class PollCheckpoint {

    /** The checkpoint's row name in {@code poll_checkpoint}. */
    public static final String NAME = "reveni-returns";
    /**
     * A second named row beside the checkpoint: the start of the last poll that read every page. The checkpoint
     * itself only moves when returns change, so on a quiet store it says nothing about whether the poll runs;
     * this row does, for every node sharing the database (the poll health indicator and the poll metrics read it).
     */
    public static final String POLLED = "reveni-returns-polled";
    /** The store of a checkpoint written before checkpoints had one (V8 migration): unknown. */
    static final String UNKNOWN_STORE = "";

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final String storeId;
    private final Duration initialLookback;

    public PollCheckpoint(JdbcTemplate jdbc, Clock clock, String storeId, Duration initialLookback) {
        if (storeId == null || storeId.isBlank()) {
            throw new IllegalArgumentException("a poll checkpoint needs the Reveni store id");
        }
        this.jdbc = jdbc;
        this.clock = clock;
        this.storeId = storeId;
        this.initialLookback = initialLookback;
    }

    /**
     * This store's checkpoint. Without one, a checkpoint of unknown store (from before the upgrade) is only
     * ever used to start earlier than a first poll would, never later: it may have been a sandbox's.
     */
    public Optional<Instant> load() {
        Optional<Instant> own = find(storeId);
        if (own.isPresent()) {
            return own;
        }
        Instant firstPoll = clock.instant().minus(initialLookback);
        return find(UNKNOWN_STORE).filter(unknown -> unknown.isBefore(firstPoll));
    }

    /** Only ever moves forward. */
    public void advanceTo(Instant checkpoint) {
        OffsetDateTime at = Sql.utc(checkpoint);
        OffsetDateTime now = Sql.utc(clock.instant());
        int updated = jdbc.update("UPDATE poll_checkpoint SET checkpoint_at = ?, saved_at = ?"
                        + " WHERE name = ? AND store_id = ? AND checkpoint_at < ?", at, now, NAME, storeId, at);
        if (updated == 0 && find(storeId).isEmpty()) {
            jdbc.update("INSERT INTO poll_checkpoint (name, store_id, checkpoint_at, saved_at) VALUES (?, ?, ?, ?)",
                    NAME, storeId, at, now);
        }
    }

    /**
     * The one move backwards: this store's checkpoint later than {@code latest} (a vendor clock error) is pulled
     * back to it. A checkpoint of unknown store is never used when later than a first poll would start.
     */
    public void pullBackTo(Instant latest) {
        jdbc.update("UPDATE poll_checkpoint SET checkpoint_at = ?, saved_at = ? WHERE name = ? AND store_id = ? AND checkpoint_at > ?",
                Sql.utc(latest), Sql.utc(clock.instant()), NAME, storeId, Sql.utc(latest));
    }

    /** A poll that started at {@code startedAt} read every page. Only ever moves forward. */
    public void polled(Instant startedAt) {
        OffsetDateTime at = Sql.utc(startedAt);
        OffsetDateTime now = Sql.utc(clock.instant());
        int updated = jdbc.update("UPDATE poll_checkpoint SET checkpoint_at = ?, saved_at = ?"
                + " WHERE name = ? AND store_id = ? AND checkpoint_at < ?", at, now, POLLED, storeId, at);
        if (updated == 0 && find(POLLED, storeId).isEmpty()) {
            jdbc.update("INSERT INTO poll_checkpoint (name, store_id, checkpoint_at, saved_at) VALUES (?, ?, ?, ?)",
                    POLLED, storeId, at, now);
        }
    }

    /** The start of the last poll of this store that read every page, by any node; empty before the first. */
    public Optional<Instant> lastPolled() {
        return find(POLLED, storeId);
    }

    private Optional<Instant> find(String store) {
        return find(NAME, store);
    }

    private Optional<Instant> find(String name, String store) {
        return jdbc.queryForList("SELECT checkpoint_at FROM poll_checkpoint WHERE name = ? AND store_id = ?",
                        OffsetDateTime.class, name, store)
                .stream().findFirst().map(OffsetDateTime::toInstant);
    }
}
