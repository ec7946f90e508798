package org.returnsbridge.sitoo;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every Sitoo call passes here: a rate limit, so a backlog never floods Sitoo, and a circuit breaker,
 * so an outage stops the bridge from burning its retries against a dead API. Only "no usable answer"
 * (timeouts, 5xx, 429) counts as a failure; a 4xx is Sitoo answering, and says nothing about its health.
 * An open circuit fails calls at once; it half-opens by itself after {@code openWait} and closes again
 * when Sitoo answers.
 */
public class SitooGuard {

    private static final Logger log = LoggerFactory.getLogger(SitooGuard.class);
    /** How long a call waits for a rate-limit permit before it gives up, unsent. */
    public static final Duration PERMIT_WAIT = Duration.ofMinutes(1);

    private final RateLimiter rateLimiter;
    private final CircuitBreaker breaker;

    public SitooGuard(int requestsPerSecond, int failureRatePercent, int windowSize, int minimumCalls, Duration openWait) {
        // Spread evenly (one permit every 1/rate s), not as a burst at the start of each second: two bursts
        // either side of a second's edge would be twice the rate in one sliding second, and Sitoo answers 429.
        // 5 % of headroom: a request leaves a few ms after its permit, and at exactly the rate that jitter
        // alone would put rate + 1 requests into some sliding second.
        this.rateLimiter = RateLimiter.of("sitoo", RateLimiterConfig.custom()
                .limitForPeriod(1)
                .limitRefreshPeriod(Duration.ofNanos(1_050_000_000L / requestsPerSecond))
                .timeoutDuration(PERMIT_WAIT)
                .build());
        this.breaker = CircuitBreaker.of("sitoo", CircuitBreakerConfig.custom()
                .failureRateThreshold(failureRatePercent)
                .slidingWindowSize(windowSize)
                .minimumNumberOfCalls(Math.min(minimumCalls, windowSize))
                .waitDurationInOpenState(openWait)
                .permittedNumberOfCallsInHalfOpenState(2)
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .recordException(e -> e instanceof SitooUnavailableException)
                .build());
        breaker.getEventPublisher().onStateTransition(event ->
                log.warn("Sitoo circuit breaker: {}", event.getStateTransition()));
    }

    /** How often a request Sitoo throttled may be sent again at once, before the caller's own retry takes over. */
    static final int THROTTLED_RESENDS = 3;
    private static final Duration THROTTLED_PAUSE = Duration.ofMillis(250);
    private static final Duration LONGEST_PAUSE_IN_PLACE = Duration.ofSeconds(5);

    /**
     * A 429 applied nothing, so the very same request may be sent again after a short pause: its
     * Retry-After, or a quarter second. Empty when it is no 429, or Sitoo asks for a long wait (the
     * caller's own retry, with its back-off, is the right tool then).
     */
    static Optional<Duration> briefThrottlePause(SitooUnavailableException e) {
        if (e.kind() != SitooUnavailableException.Kind.THROTTLED || e.getCause() instanceof RequestNotPermitted) {
            return Optional.empty();
        }
        Duration pause = e.retryAfterSeconds().isPresent() ? Duration.ofSeconds(e.retryAfterSeconds().getAsLong())
                : THROTTLED_PAUSE;
        return pause.compareTo(LONGEST_PAUSE_IN_PLACE) <= 0 ? Optional.of(pause) : Optional.empty();
    }

    public <T> T call(Supplier<T> sitooCall) {
        try {
            return breaker.executeSupplier(() -> {
                rateLimiter.acquirePermission();
                return sitooCall.get();
            });
        } catch (CallNotPermittedException open) {
            throw SitooUnavailableException.circuitOpen("Sitoo circuit is open after repeated failures; not calling"
                    + " Sitoo for now (it is tried again by itself)");
        } catch (RequestNotPermitted throttled) {
            // Our own limit turned it away before anything was sent: certainly not applied.
            throw new SitooUnavailableException(SitooUnavailableException.Kind.THROTTLED,
                    "waited too long for a Sitoo rate-limit permit; not sent", OptionalLong.empty(), throttled);
        }
    }

    public CircuitBreaker.State circuitState() {
        return breaker.getState();
    }

    /** Closes the circuit now (an operator who knows Sitoo is back need not wait for openWait). */
    public void reset() {
        breaker.reset();
    }
}
