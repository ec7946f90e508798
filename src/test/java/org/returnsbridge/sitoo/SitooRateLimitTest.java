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

    /** The group commit's turn, taken before it knows what it will send: it counts in the window like any other. */
    @Test
    void aTurnTakenAheadCountsInTheWindow() throws Exception {
        for (int i = 0; i < 9; i++) {
            tenASecond.awaitTurn();
            now += 10 * MS;
        }
        SitooRateLimit.Turn ahead = tenASecond.takeTurn();

        assertThat(ahead.waitedNanos()).isZero();
        assertThat(tenASecond.awaitTurn()).as("the window is full with the turn taken ahead")
                .isEqualTo(SitooRateLimit.WINDOW.toNanos() - 90 * MS);
    }

    /** The gateway spends a turn taken ahead once, and only its own limiter's: nothing slips past the limit. */
    @Test
    void theGatewaySpendsATurnTakenAheadOnceAndOnlyItsOwn() throws Exception {
        SitooRateLimit.Turn ahead = tenASecond.takeTurn();
        now += SitooRateLimit.WINDOW.toNanos() / 2;
        for (int i = 0; i < 9; i++) {
            tenASecond.awaitTurn(); // the window is now full, the turn taken ahead among its ten
        }
        org.apache.camel.Exchange onTurn = exchangeFor(ahead);

        tenASecond.awaitTurn(onTurn);
        assertThat(sleeps).as("the call went on the turn taken ahead").isEmpty();
        assertThat(onTurn.getProperty(org.returnsbridge.support.VendorCallMeter.WAITED_AHEAD_NANOS)).isEqualTo(0L);

        tenASecond.awaitTurn(exchangeFor(ahead));
        assertThat(sleeps).as("a turn spent once is spent: the second call waited for one of its own").hasSize(1);
        tenASecond.awaitTurn(exchangeFor(new SitooRateLimit(10).takeTurn()));
        assertThat(sleeps).as("another limiter's turn counts for nothing here").hasSize(2);
    }

    private static org.apache.camel.Exchange exchangeFor(SitooRateLimit.Turn turn) {
        org.apache.camel.Exchange exchange = new org.apache.camel.support.DefaultExchange(
                new org.apache.camel.impl.DefaultCamelContext());
        exchange.setProperty(SitooCallSteps.REQUEST, SitooRequest.post("http://sitoo.invalid/warehousetransactions.json",
                "[]", "a test stock-in").onTurn(turn));
        return exchange;
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
