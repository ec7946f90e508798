package org.returnsbridge.sandbox;

import java.time.Clock;
import java.time.Instant;
import java.util.Random;

/**
 * Decides, per vendor request, whether the fake vendor misbehaves. One instance per vendor so Reveni can be
 * down while Sitoo is fine. All draws come from one seeded Random under one lock, so a single-threaded
 * client sees the same sequence of faults on every run.
 */
final class FaultInjector {

    private final Clock clock;
    private FaultSettings settings = FaultSettings.NONE;
    private Random random = new Random(0);
    private Instant outageEnds = Instant.MIN;

    FaultInjector(Clock clock) {
        this.clock = clock;
    }

    synchronized void configure(FaultSettings newSettings) {
        settings = newSettings;
        random = new Random(newSettings.seed());
        recentRequests.clear();
        // The outage window starts when it is configured, so a test can say "down for the next 3 s".
        outageEnds = clock.instant().plusSeconds(newSettings.outageSeconds());
    }

    synchronized void clear() {
        configure(FaultSettings.NONE);
    }

    synchronized FaultSettings settings() {
        return settings;
    }

    synchronized long outageSecondsLeft() {
        long left = outageEnds.getEpochSecond() - clock.instant().getEpochSecond();
        return Math.max(0, left);
    }

    synchronized RequestFault nextRequestFault() {
        if (clock.instant().isBefore(outageEnds)) {
            return new RequestFault(RequestFault.Kind.OUTAGE, 0, 0, false);
        }
        if (overRateLimit()) {
            return new RequestFault(RequestFault.Kind.TOO_MANY_REQUESTS, 0, 0, false);
        }
        long slow = settings.rateSlow() > 0 && random.nextDouble() < settings.rateSlow() ? settings.slowMillis() : 0;
        boolean dropAfterCommit = settings.rateDropAfterCommit() > 0
                && random.nextDouble() < settings.rateDropAfterCommit();
        // One draw over stacked bands keeps the outcomes mutually exclusive and the rates meaning what they say.
        double draw = random.nextDouble();
        double band = settings.rateDrop();
        RequestFault.Kind kind = RequestFault.Kind.NONE;
        if (draw < band) {
            kind = RequestFault.Kind.DROP;
        } else if (draw < (band += settings.rate429RetryAfter())) {
            kind = RequestFault.Kind.TOO_MANY_REQUESTS_WITH_RETRY_AFTER;
        } else if (draw < (band += settings.rate429())) {
            kind = RequestFault.Kind.TOO_MANY_REQUESTS;
        } else if (draw < band + settings.rate500()) {
            kind = RequestFault.Kind.SERVER_ERROR;
        }
        return new RequestFault(kind, slow, settings.retryAfterSeconds(), dropAfterCommit);
    }

    private final java.util.ArrayDeque<Long> recentRequests = new java.util.ArrayDeque<>();

    /** A sliding one-second window: the request beyond the limit is turned away, as a real rate limit does. */
    private boolean overRateLimit() {
        if (settings.rateLimitPerSecond() <= 0) {
            return false;
        }
        long now = clock.millis();
        while (!recentRequests.isEmpty() && recentRequests.peekFirst() <= now - 1000) {
            recentRequests.pollFirst();
        }
        if (recentRequests.size() >= settings.rateLimitPerSecond()) {
            return true;
        }
        recentRequests.addLast(now);
        return false;
    }

    synchronized long latencyMillis() {
        return settings.latencyMillis();
    }

    synchronized boolean elementFails() {
        return settings.rateElementFailure() > 0 && random.nextDouble() < settings.rateElementFailure();
    }

    synchronized long holdAfterCommitMillis() {
        return settings.holdAfterCommitMillis();
    }
}
