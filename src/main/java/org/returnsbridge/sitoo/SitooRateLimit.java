package org.returnsbridge.sitoo;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.Exchange;

/**
 * The Sitoo rate limit as the gateway's {@code throttle} applies it, and the bound on waiting for it.
 *
 * <p>Requests are spread evenly, one every 1.05 / rate s, not sent as a burst at the start of each
 * second: two bursts either side of a second's edge would be twice the rate in one sliding second, and
 * Sitoo answers 429. The 5 % of headroom covers the few ms between a permit and the request leaving.
 *
 * <p>Camel's throttle blocks for as long as it takes. So that no call waits unboundedly, at most as many
 * calls may queue for it as get a turn within {@link #LONGEST_WAIT}; one more is turned away unsent
 * (certainly not applied) and takes its turn in the retry budget like a 429 without Retry-After.
 */
public class SitooRateLimit {

    /** The longest a call waits for its turn under the rate limit before it is turned away, unsent. */
    public static final Duration LONGEST_WAIT = Duration.ofSeconds(10);

    private final long spacingMillis;
    private final int maxWaiting;
    private final AtomicInteger waiting = new AtomicInteger();

    public SitooRateLimit(int requestsPerSecond) {
        this.spacingMillis = (1050 + requestsPerSecond - 1) / requestsPerSecond;
        this.maxWaiting = (int) Math.max(1, LONGEST_WAIT.toMillis() / spacingMillis);
    }

    /** One request per this many ms: the throttle's time period, with one request per period. */
    public long spacingMillis() {
        return spacingMillis;
    }

    /** The longest a Sitoo call can take: its wait for a turn, then the HTTP response timeout. */
    public static Duration longestCall(Duration responseTimeout) {
        return LONGEST_WAIT.plus(responseTimeout);
    }

    /** Takes a place in the queue for the throttle, or turns the call away when the queue is full. */
    public void enter(Exchange exchange) {
        if (waiting.incrementAndGet() > maxWaiting) {
            waiting.decrementAndGet();
            SitooRequest request = exchange.getProperty(SitooCallSteps.REQUEST, SitooRequest.class);
            throw new SitooUnavailableException(SitooUnavailableException.Kind.THROTTLED, maxWaiting
                    + " Sitoo calls already wait for the rate limit (BRIDGE_SITOO_RATE_LIMIT); not sent ("
                    + (request == null ? "a call" : request.what()) + ")", OptionalLong.empty(), null);
        }
    }

    /** Leaves the queue: the throttle let the call through (or failed it). */
    public void leave(Exchange exchange) {
        waiting.decrementAndGet();
    }
}
