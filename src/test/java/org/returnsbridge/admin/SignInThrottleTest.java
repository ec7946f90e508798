package org.returnsbridge.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The sliding window of failed sign-ins per address, on a clock the test moves. */
class SignInThrottleTest {

    private final MovableClock clock = new MovableClock();

    @ParameterizedTest(name = "{0} failures in {1}")
    @CsvSource({"1, PT1M", "3, PT5M", "10, PT5M", "50, PT1H"})
    void blocksAtTheLimitUntilTheOldestFailureLeavesTheWindow(int maxFailures, Duration window) {
        SignInThrottle throttle = throttle(maxFailures, window);
        Duration step = Duration.ofSeconds(1);
        for (int i = 1; i < maxFailures; i++) {
            assertThat(throttle.recordFailure("10.0.0.1").blocked()).isFalse();
            clock.move(step);
        }
        SignInThrottle.Failure last = throttle.recordFailure("10.0.0.1");

        assertThat(last.blocked()).isTrue();
        assertThat(last.count()).isEqualTo(maxFailures);
        Duration expected = window.minus(step.multipliedBy(maxFailures - 1));
        assertThat(last.blockedFor()).isEqualTo(expected);
        assertThat(throttle.blocked("10.0.0.1")).contains(expected);
        assertThat(throttle.blocked("10.0.0.2")).isEmpty();

        clock.move(expected.minusMillis(1));
        assertThat(throttle.blocked("10.0.0.1")).contains(Duration.ofMillis(1));
        clock.move(Duration.ofMillis(1));
        assertThat(throttle.blocked("10.0.0.1")).isEmpty();
    }

    @Test
    void failuresSpreadWiderThanTheWindowNeverBlock() {
        SignInThrottle throttle = throttle(3, Duration.ofMinutes(5));
        for (int i = 0; i < 20; i++) {
            assertThat(throttle.recordFailure("10.0.0.1").blocked()).isFalse();
            clock.move(Duration.ofMinutes(3));
        }
    }

    @Test
    void oldFailuresDropOutOfTheCount() {
        SignInThrottle throttle = throttle(3, Duration.ofMinutes(5));
        throttle.recordFailure("10.0.0.1");
        clock.move(Duration.ofMinutes(4));
        throttle.recordFailure("10.0.0.1");
        clock.move(Duration.ofMinutes(2)); // the first one is now 6 minutes old

        SignInThrottle.Failure third = throttle.recordFailure("10.0.0.1");

        assertThat(third.count()).isEqualTo(2);
        assertThat(third.blocked()).isFalse();
    }

    @Test
    void memoryIsBoundedByTheNumberOfTrackedAddresses() {
        SignInThrottle throttle = new SignInThrottle(new SignInProperties(1, Duration.ofHours(1), 100), clock);
        for (int i = 0; i < 5_000; i++) {
            throttle.recordFailure("10.1." + (i / 250) + "." + (i % 250));
        }
        throttle.cleanUp();

        assertThat(throttle.trackedAddresses()).isLessThanOrEqualTo(100);
    }

    private SignInThrottle throttle(int maxFailures, Duration window) {
        return new SignInThrottle(new SignInProperties(maxFailures, window, 1000), clock);
    }

    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-11-29T12:00:00Z");

        void move(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
