package org.returnsbridge.sitoo;

import java.time.Duration;
import java.util.Arrays;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

import org.apache.camel.Exchange;
import org.returnsbridge.support.VendorCallMeter;

/**
 * The Sitoo rate limit as the gateway applies it, and the bound on waiting for it.
 *
 * <p>A sliding window, the shape of the limit itself: a call goes at once while the last {@link #WINDOW} holds
 * fewer than {@code rate} calls, else it waits until the oldest of them leaves the window. So a quiet bridge's
 * call never waits (an evenly spaced throttle made a stock-in that came within one spacing of the previous
 * call wait up to 1.05 / rate s, a quarter of a webhook's latency at 20 changes a second), and a busy one still
 * never puts more than {@code rate} calls in any second Sitoo can count. The window is 5 % longer than Sitoo's
 * second: the headroom covers the few ms between a turn and the request reaching Sitoo.
 *
 * <p>Turns are handed out in the order calls asked (a fair lock). So that no call waits unboundedly, at most as
 * many calls may queue as get a turn within {@link #LONGEST_WAIT}; one more is turned away unsent (certainly not
 * applied) and takes its turn in the retry budget like a 429 without Retry-After.
 */
public class SitooRateLimit {

    /** The longest a call waits for its turn under the rate limit before it is turned away, unsent. */
    public static final Duration LONGEST_WAIT = Duration.ofSeconds(10);
    /** The window the rate is kept in: Sitoo's second and 5 % headroom. */
    public static final Duration WINDOW = Duration.ofMillis(1050);

    /** How the limiter sleeps: a seam for tests, which count time instead of spending it. */
    interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private final int rate;
    private final int maxWaiting;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;
    private final AtomicInteger waiting = new AtomicInteger();
    private final ReentrantLock turns = new ReentrantLock(true);
    /** The last {@code rate} turns' times (guarded by {@link #turns}), a ring: {@code next} is the oldest. */
    private final long[] lastTurns;
    private int next;

    public SitooRateLimit(int requestsPerSecond) {
        this(requestsPerSecond, System::nanoTime, TimeUnit.NANOSECONDS::sleep);
    }

    SitooRateLimit(int requestsPerSecond, LongSupplier nanoClock, Sleeper sleeper) {
        if (requestsPerSecond < 1) {
            throw new IllegalArgumentException("requests per second must be at least 1, got " + requestsPerSecond);
        }
        this.rate = requestsPerSecond;
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
        this.maxWaiting = (int) Math.max(1, LONGEST_WAIT.toMillis() * requestsPerSecond / WINDOW.toMillis());
        this.lastTurns = new long[requestsPerSecond];
        Arrays.fill(lastTurns, nanoClock.getAsLong() - WINDOW.toNanos()); // as if the last turns were long ago
    }

    /** The longest a Sitoo call can take: its wait for a turn, then the HTTP response timeout. */
    public static Duration longestCall(Duration responseTimeout) {
        return LONGEST_WAIT.plus(responseTimeout);
    }

    /** Takes a place in the queue for a turn, or turns the call away when the queue is full. */
    public void enter(Exchange exchange) {
        if (carriesTurn(exchange)) {
            return; // waited in line already, when its caller took the turn
        }
        if (waiting.incrementAndGet() > maxWaiting) {
            waiting.decrementAndGet();
            SitooRequest request = exchange.getProperty(SitooCallSteps.REQUEST, SitooRequest.class);
            throw new SitooUnavailableException(SitooUnavailableException.Kind.THROTTLED, maxWaiting
                    + " Sitoo calls already wait for the rate limit (BRIDGE_SITOO_RATE_LIMIT); not sent ("
                    + (request == null ? "a call" : request.what()) + ")", OptionalLong.empty(), null);
        }
    }

    /**
     * The gateway's step: waits for the call's turn, or spends the one its caller took ahead (its wait is then
     * handed to the metrics). A turn that is not this limiter's, or already spent, counts for nothing: the call
     * waits for a turn of its own, so no call can slip past the limit.
     */
    public void awaitTurn(Exchange exchange) throws InterruptedException {
        Turn taken = turnOf(exchange);
        if (taken != null && taken.spendOn(this)) {
            exchange.setProperty(VendorCallMeter.WAITED_AHEAD_NANOS, taken.waitedNanos());
            return;
        }
        awaitTurn();
    }

    /**
     * Waits until the window holds fewer than {@code rate} turns, then takes one; answers how long it waited (ns).
     * The lock is held while waiting on purpose: the calls behind it could not go sooner anyway, and holding it
     * keeps the turns in the order they were asked for.
     */
    long awaitTurn() throws InterruptedException {
        turns.lockInterruptibly();
        try {
            long now = nanoClock.getAsLong();
            long free = lastTurns[next] + WINDOW.toNanos(); // when the oldest of the last `rate` turns leaves
            long waited = 0;
            if (free - now > 0) {
                sleeper.sleep(free - now);
                waited = free - now;
                now = Math.max(nanoClock.getAsLong(), free);
            }
            lastTurns[next] = now;
            next = (next + 1) % rate;
            return waited;
        } finally {
            turns.unlock();
        }
    }

    /**
     * Takes a turn ahead of the call, for a caller that decides what to send only once it may go: the stock-in
     * group commit takes its turn first and then gathers every line waiting, so a burst beyond the limit shares
     * each turn instead of spending one on whichever lines came first. The call then carries the turn
     * ({@link SitooRequest#onTurn}) and the gateway spends it instead of taking another. The wait is the
     * gateway's own: in the same fair line as every other call.
     */
    public Turn takeTurn() throws InterruptedException {
        return new Turn(this, awaitTurn());
    }

    /** A turn taken ahead of its call: spent once, by the gateway of the limiter that gave it. */
    public static final class Turn {
        private final SitooRateLimit limiter;
        private final long waitedNanos;
        private final AtomicBoolean spent = new AtomicBoolean();

        private Turn(SitooRateLimit limiter, long waitedNanos) {
            this.limiter = limiter;
            this.waitedNanos = waitedNanos;
        }

        /** How long the caller waited for it. */
        public long waitedNanos() {
            return waitedNanos;
        }

        boolean spendOn(SitooRateLimit gateway) {
            return limiter == gateway && spent.compareAndSet(false, true);
        }
    }

    /** Leaves the queue: the call had its turn (or failed waiting for it). */
    public void leave(Exchange exchange) {
        if (!carriesTurn(exchange)) {
            waiting.decrementAndGet();
        }
    }

    private static boolean carriesTurn(Exchange exchange) {
        return turnOf(exchange) != null;
    }

    private static Turn turnOf(Exchange exchange) {
        SitooRequest request = exchange.getProperty(SitooCallSteps.REQUEST, SitooRequest.class);
        return request == null ? null : request.turn();
    }

    /** At most this many calls queue for a turn at once. */
    int maxWaiting() {
        return maxWaiting;
    }
}
