package org.returnsbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.returnsbridge.support.Sql;
import org.returnsbridge.testsupport.TestDatabase;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The checkpoint is per Reveni store: what a sandbox (or another store) saved never moves this store's poll,
 * and a checkpoint from before the V8 migration, whose store is unknown, can only make a first poll start
 * earlier, never later.
 */
class PollCheckpointTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final Duration LOOKBACK = Duration.ofDays(7);
    private static final String SANDBOX_STORE = "3f9a0c5e7b1d4e2f8a6c0b9d7e5f3a1c";
    private static final String LIVE_STORE = "0b8e1f2a3c4d5e6f7a8b9c0d1e2f3a4b";

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @ParameterizedTest(name = "the sandbox saved {0}")
    @CsvSource({"PT0S", "P1D", "-PT1H", "-P30D"})
    void anotherStoresCheckpointNeverMovesThisStoresPoll(Duration sandboxAheadOfNow) {
        JdbcTemplate jdbc = migrated(null);
        PollCheckpoint sandbox = new PollCheckpoint(jdbc, clock, SANDBOX_STORE, LOOKBACK);
        PollCheckpoint live = new PollCheckpoint(jdbc, clock, LIVE_STORE, LOOKBACK);

        sandbox.advanceTo(NOW.plus(sandboxAheadOfNow));

        assertThat(live.load()).as("the live store has no checkpoint of its own: its first poll looks back").isEmpty();
        live.advanceTo(NOW.minus(Duration.ofHours(2)));
        assertThat(live.load()).contains(NOW.minus(Duration.ofHours(2)));
        assertThat(sandbox.load()).contains(NOW.plus(sandboxAheadOfNow));
    }

    @Test
    void eachStoreOnlyMovesForward() {
        JdbcTemplate jdbc = migrated(null);
        PollCheckpoint live = new PollCheckpoint(jdbc, clock, LIVE_STORE, LOOKBACK);

        live.advanceTo(NOW.minusSeconds(60));
        live.advanceTo(NOW.minusSeconds(600));

        assertThat(live.load()).contains(NOW.minusSeconds(60));
    }

    @Test
    void theLastCompletePollIsKeptApartFromTheCheckpointAndOnlyMovesForward() {
        JdbcTemplate jdbc = migrated(null);
        PollCheckpoint live = new PollCheckpoint(jdbc, clock, LIVE_STORE, LOOKBACK);
        live.advanceTo(NOW.minus(Duration.ofDays(3)));

        assertThat(live.lastPolled()).isEmpty();
        live.polled(NOW.minusSeconds(30));
        live.polled(NOW.minusSeconds(90));

        assertThat(live.lastPolled()).contains(NOW.minusSeconds(30));
        assertThat(live.load()).as("the checkpoint is not moved by a poll that read nothing new")
                .contains(NOW.minus(Duration.ofDays(3)));
        assertThat(new PollCheckpoint(jdbc, clock, SANDBOX_STORE, LOOKBACK).lastPolled()).as("per store").isEmpty();
    }

    /** An un-keyed row from before V8: used only when it starts the first poll earlier than the lookback would. */
    @ParameterizedTest(name = "a pre-upgrade checkpoint {0} from now")
    @CsvSource({"P1D, false", "PT0S, false", "-P6D, false", "-P8D, true", "-P60D, true"})
    void aCheckpointFromBeforeTheUpgradeNeverMakesAPollStartLater(Duration fromNow, boolean used) {
        JdbcTemplate jdbc = migrated(NOW.plus(fromNow));
        PollCheckpoint live = new PollCheckpoint(jdbc, clock, LIVE_STORE, LOOKBACK);

        Optional<Instant> loaded = live.load();

        assertThat(loaded).isEqualTo(used ? Optional.of(NOW.plus(fromNow)) : Optional.empty());
        assertThat(jdbc.queryForObject("SELECT store_id FROM poll_checkpoint", String.class))
                .as("kept, under the unknown store").isEqualTo(PollCheckpoint.UNKNOWN_STORE);
        live.advanceTo(NOW.minusSeconds(5));
        assertThat(live.load()).as("once the store has its own, that is what counts").contains(NOW.minusSeconds(5));
    }

    /** A fresh database migrated to V7; with {@code legacy} an un-keyed checkpoint there; then migrated on. */
    private static JdbcTemplate migrated(Instant legacy) {
        DataSource dataSource = TestDatabase.dataSource("checkpoint-" + System.nanoTime());
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        TestDatabase.flyway(dataSource).target("7").load().migrate();
        if (legacy != null) {
            jdbc.update("INSERT INTO poll_checkpoint (name, checkpoint_at, saved_at) VALUES ('reveni-returns', ?, ?)",
                    Sql.utc(legacy), Sql.utc(NOW));
        }
        TestDatabase.flyway(dataSource).load().migrate();
        return jdbc;
    }
}
