package org.returnsbridge.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.returnsbridge.support.VendorReachability;
import org.springframework.boot.actuate.health.Health;

/**
 * A vendor's health from the calls the bridge already made (never a call of its own): DOWN once at least
 * {@code downCalls} calls in a row got no usable answer over at least {@code downAfter}; UP otherwise,
 * including before any call. The next answered call brings it back UP.
 */
final class Reachability {

    private final VendorReachability calls;
    private final Duration downAfter;
    private final int downCalls;
    private final Clock clock;

    Reachability(VendorReachability calls, HealthProperties props, Clock clock) {
        this.calls = calls;
        this.downAfter = props.vendorDownAfter();
        this.downCalls = props.vendorDownCalls();
        this.clock = clock;
    }

    /** The status by reachability, with the calls as details (what, when, why: no URL, no credential). */
    Health.Builder health() {
        VendorReachability.Snapshot now = calls.snapshot();
        boolean unreachable = now.unansweredInARow() >= downCalls && now.unansweredSince()
                .map(since -> !since.plus(downAfter).isAfter(clock.instant())).orElse(false);
        Health.Builder health = unreachable ? Health.down() : Health.up();
        now.lastAnswered().ifPresent(call -> health
                .withDetail("lastAnsweredAt", call.at().toString())
                .withDetail("lastAnsweredCall", call.what()));
        now.lastUnanswered().ifPresent(call -> health
                .withDetail("lastUnansweredAt", call.at().toString())
                .withDetail("lastUnansweredCall", call.what())
                .withDetail("lastUnansweredReason", call.reason()));
        health.withDetail("unansweredInARow", now.unansweredInARow());
        now.unansweredSince().map(Instant::toString).ifPresent(since -> health.withDetail("unansweredSince", since));
        if (unreachable) {
            health.withDetail("reason", now.unansweredInARow() + " calls in a row unanswered since "
                    + now.unansweredSince().orElseThrow() + " (BRIDGE_HEALTH_VENDOR_DOWN_CALLS, BRIDGE_HEALTH_VENDOR_DOWN_AFTER)");
        }
        return health;
    }
}
