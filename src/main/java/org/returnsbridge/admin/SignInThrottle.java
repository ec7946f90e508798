package org.returnsbridge.admin;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Failed sign-ins per remote address, in a sliding window: the last {@code maxFailures} failure times of
 * each address. An address with {@code maxFailures} failures inside the window is blocked until the oldest
 * of them leaves it. Addresses are forgotten a window after their last failure, and at most
 * {@code trackedAddresses} are kept (beyond that Caffeine's size eviction picks which to forget), so a flood
 * of addresses cannot exhaust memory.
 */
final class SignInThrottle {

    /** What one more failure did: how many count now, and whether the address is blocked from now on. */
    record Failure(int count, boolean blocked, Duration blockedFor) {}

    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final Cache<String, Deque<Long>> failures;

    SignInThrottle(SignInProperties properties, Clock clock) {
        this.maxFailures = properties.maxFailures();
        this.window = properties.window();
        this.clock = clock;
        this.failures = Caffeine.newBuilder()
                .maximumSize(properties.trackedAddresses())
                .expireAfterWrite(window)
                .build();
    }

    Failure recordFailure(String address) {
        long now = clock.millis();
        Deque<Long> times = failures.asMap().compute(address, (key, existing) -> {
            Deque<Long> kept = existing == null ? new ArrayDeque<>() : existing;
            synchronized (kept) {
                dropExpired(kept, now);
                kept.addLast(now);
                while (kept.size() > maxFailures) {
                    kept.removeFirst();
                }
            }
            return kept;
        });
        synchronized (times) {
            Duration left = blockedFor(times, now);
            return new Failure(times.size(), !left.isZero(), left);
        }
    }

    /** How long this address stays blocked, if it is. */
    Optional<Duration> blocked(String address) {
        Deque<Long> times = failures.getIfPresent(address);
        if (times == null) {
            return Optional.empty();
        }
        synchronized (times) {
            Duration left = blockedFor(times, clock.millis());
            return left.isZero() ? Optional.empty() : Optional.of(left);
        }
    }

    /** For tests: how many addresses are remembered, after {@link #cleanUp()}. */
    long trackedAddresses() {
        return failures.estimatedSize();
    }

    void cleanUp() {
        failures.cleanUp();
    }

    private Duration blockedFor(Deque<Long> times, long now) {
        if (times.size() < maxFailures) {
            return Duration.ZERO;
        }
        long until = times.peekFirst() + window.toMillis();
        return until > now ? Duration.ofMillis(until - now) : Duration.ZERO;
    }

    private void dropExpired(Deque<Long> times, long now) {
        while (!times.isEmpty() && times.peekFirst() + window.toMillis() <= now) {
            times.removeFirst();
        }
    }
}
