package org.returnsbridge.support;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a vendor answered the calls the bridge already makes: the last call it answered, the last it gave no
 * usable answer to, and how many unanswered calls in a row since when. The health indicators read it, so a
 * probe never calls the vendor itself. "What" is the call's own short description (never a URL, a query or a
 * credential); the reason is an HTTP status or the name of the failure, never its message (which may carry a host).
 */
public class VendorReachability {

    /** One call: when, and what it was. {@code reason} is null for an answered call. */
    public record Call(Instant at, String what, String reason) {}

    /** A consistent view: the last answered call, the last unanswered call, the unanswered run so far. */
    public record Snapshot(Optional<Call> lastAnswered, Optional<Call> lastUnanswered,
                           int unansweredInARow, Optional<Instant> unansweredSince) {}

    private final Clock clock;
    private Call lastAnswered;
    private Call lastUnanswered;
    private int unansweredInARow;
    private Instant unansweredSince;

    public VendorReachability(Clock clock) {
        this.clock = clock;
    }

    /** The vendor answered (any status that is its considered answer, a refusal included). Ends an unanswered run. */
    public synchronized void answered(String what) {
        lastAnswered = new Call(clock.instant(), what, null);
        unansweredInARow = 0;
        unansweredSince = null;
    }

    /** No usable answer: none at all, a timeout, a 5xx, an unreadable body. */
    public synchronized void unanswered(String what, String reason) {
        Instant now = clock.instant();
        lastUnanswered = new Call(now, what, reason);
        if (unansweredInARow++ == 0) {
            unansweredSince = now;
        }
    }

    /** The failure's type, the one thing about it that is safe to show: its message may name a host or a path. */
    public static String reasonOf(Throwable failure) {
        return failure == null ? "no reason given" : failure.getClass().getSimpleName();
    }

    /** Forgets every call, as at start-up (for a test that starts from a clean state). */
    public synchronized void forget() {
        lastAnswered = null;
        lastUnanswered = null;
        unansweredInARow = 0;
        unansweredSince = null;
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(Optional.ofNullable(lastAnswered), Optional.ofNullable(lastUnanswered),
                unansweredInARow, Optional.ofNullable(unansweredSince));
    }
}
