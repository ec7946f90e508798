package org.returnsbridge.sitoo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sliding window on a counted clock: what waits, how long, and what never does. */
class SitooRateLimitTest {

    private static final long MS = 1_000_000L;

    /** A clock that only moves when told to or when the limiter sleeps. */
    private long now = 5_000 * MS;
    private final List<Long> sleeps = new ArrayList<>();
    private final SitooRateLimit tenASecond = new SitooRateLimit(10, () -> now, nanos -> {
        sleeps.add(nanos);
        now += nanos;
    });

    @Test
    void aBurstUpToTheLimitGoesAtOnce() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(tenASecond.awaitTurn()).as("call %d", i).isZero();
        }
        assertThat(sleeps).isEmpty();
    }

    @Test
    void theCallBeyondTheLimitWaitsUntilTheOldestTurnLeavesTheWindow() throws Exception {
        for (int i = 0; i < 10; i++) {
            tenASecond.awaitTurn();
            now += 10 * MS; // ten calls over 100 ms
        }

        // The first turn was 100 ms ago: the 11th waits the rest of the window, the 12th 10 ms more.
        assertThat(tenASecond.awaitTurn()).isEqualTo(SitooRateLimit.WINDOW.toNanos() - 100 * MS);
        assertThat(tenASecond.awaitTurn()).isEqualTo(10 * MS);
    }

    /** The group commit's wait: until a turn is free, taking none, so the gateway's call right after goes at once. */
    @Test
    void waitingForAFreeTurnTakesNone() throws Exception {
        tenASecond.awaitFreeTurn();
        assertThat(sleeps).as("a turn is free at once").isEmpty();
        for (int i = 0; i < 10; i++) {
            tenASecond.awaitTurn();
            now += 10 * MS;
        }

        tenASecond.awaitFreeTurn();
        assertThat(sleeps).as("until the oldest turn leaves the window").containsExactly(SitooRateLimit.WINDOW.toNanos() - 100 * MS);
        assertThat(tenASecond.awaitTurn()).as("the free turn is still there for the call that takes it").isZero();
        assertThat(tenASecond.awaitTurn()).as("and the window is full again after it").isEqualTo(10 * MS);
    }

    @Test
    void callsBelowTheRateNeverWait() throws Exception {
        for (int i = 0; i < 100; i++) {
            assertThat(tenASecond.awaitTurn()).as("call %d", i).isZero();
            now += 106 * MS; // just under ten in any 1.05 s
        }
        assertThat(sleeps).isEmpty();
    }

    /** The property Sitoo cares about, under a busy, irregular caller: no window ever holds more than the limit. */
    @Test
    void noWindowEverHoldsMoreThanTheLimit() throws Exception {
        java.util.Random random = new java.util.Random(42);
        List<Long> turns = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            now += random.nextInt(3) == 0 ? random.nextInt(300) * MS : 0; // bursts and gaps
            tenASecond.awaitTurn();
            turns.add(now);
        }
        for (int i = 0; i + 10 < turns.size(); i++) {
            assertThat(Duration.ofNanos(turns.get(i + 10) - turns.get(i))).as("turns %d to %d", i, i + 10)
                    .isGreaterThanOrEqualTo(SitooRateLimit.WINDOW);
        }
    }

    @Test
    void atMostTenSecondsOfCallsMayQueue() {
        assertThat(tenASecond.maxWaiting()).isEqualTo(95);
        assertThat(new SitooRateLimit(1).maxWaiting()).isEqualTo(9);
    }
}
