package org.returnsbridge.exceptions;

import java.time.Duration;

/**
 * How long the automatic sweep waits before replaying a transient failure again: doubling from
 * {@code first} after each attempt, never more than {@code cap}.
 */
public record RetrySchedule(Duration first, Duration cap) {

    public Duration delayAfter(int attempts) {
        long factor = 1L << Math.min(Math.max(attempts - 1, 0), 20);
        Duration delay = first.multipliedBy(factor);
        return delay.compareTo(cap) > 0 ? cap : delay;
    }
}
