package org.returnsbridge.failure;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Decides how long the next in-flight retry waits: exponential (initialDelay × 2^(attempt−1), capped
 * at maxDelay) with ±25 % jitter so many lines failing together do not retry together, and never less
 * than a 429's Retry-After. Camel reads the result from the {@value Exchange#REDELIVERY_DELAY} header;
 * the wait itself is scheduled asynchronously, not slept on a consumer thread. A Retry-After longer than
 * maxDelay is not waited for in flight: the error policy queues the line ({@link #asksForMoreThan}) and the
 * exception sweep replays it no sooner ({@link #notBefore}).
 */
public class RetryDelay implements Processor {

    private final Duration initialDelay;
    private final Duration maxDelay;
    private final MeterRegistry meters;

    public RetryDelay(Duration initialDelay, Duration maxDelay, MeterRegistry meters) {
        this.initialDelay = initialDelay;
        this.maxDelay = maxDelay;
        this.meters = meters;
    }

    @Override
    public void process(Exchange exchange) {
        // When this runs, Camel has already counted the coming redelivery: the counter is its number (1 for the first).
        int attempt = Math.max(1, exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class));
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        exchange.getIn().setHeader(Exchange.REDELIVERY_DELAY, delayMillis(attempt, failure));
        meters.counter("bridge.redelivery.attempts", "exception",
                failure == null ? "unknown" : failure.getClass().getSimpleName()).increment();
    }

    long delayMillis(int attempt, Throwable failure) {
        long exponential = initialDelay.toMillis() << Math.min(Math.max(attempt - 1, 0), 20);
        long capped = Math.min(exponential, maxDelay.toMillis());
        long jittered = Math.round(capped * (0.75 + ThreadLocalRandom.current().nextDouble() * 0.5));
        if (failure instanceof VendorUnavailableException unavailable && unavailable.retryAfterSeconds().isPresent()) {
            return Math.max(jittered, unavailable.retryAfterSeconds().getAsLong() * 1000);
        }
        return jittered;
    }

    /**
     * The vendor asked to wait longer than one redelivery may (maxDelay): the error policy queues the line
     * at once instead of holding it in flight.
     */
    static boolean asksForMoreThan(VendorUnavailableException failure, Duration maxDelay) {
        return failure.retryAfterSeconds().isPresent()
                && Duration.ofSeconds(failure.retryAfterSeconds().getAsLong()).compareTo(maxDelay) > 0;
    }

    /** How long the exception queue's sweep must wait at least: the vendor's Retry-After, if it gave one. */
    public static Duration notBefore(Throwable failure) {
        return failure instanceof VendorUnavailableException unavailable && unavailable.retryAfterSeconds().isPresent()
                ? Duration.ofSeconds(unavailable.retryAfterSeconds().getAsLong()) : Duration.ZERO;
    }
}
