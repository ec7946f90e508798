package org.returnsbridge.failure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.OptionalLong;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.returnsbridge.sitoo.SitooUnavailableException;

class RetryDelayTest {

    private final RetryDelay delay = new RetryDelay(Duration.ofMillis(500), Duration.ofSeconds(10), new SimpleMeterRegistry());

    @RepeatedTest(20)
    void backOffDoublesWithJitterUpToTheCap() {
        Throwable timeout = new SitooUnavailableException("timeout", OptionalLong.empty(), new IOException());

        assertThat(delay.delayMillis(1, timeout)).isBetween(375L, 625L);
        assertThat(delay.delayMillis(2, timeout)).isBetween(750L, 1250L);
        assertThat(delay.delayMillis(3, timeout)).isBetween(1500L, 2500L);
        assertThat(delay.delayMillis(10, timeout)).isBetween(7500L, 12500L); // capped at 10 s, then jittered
    }

    @Test
    void retryAfterIsAFloorNeverACeiling() {
        Throwable throttled = new SitooUnavailableException(SitooUnavailableException.Kind.THROTTLED, "429",
                OptionalLong.of(7), null);

        assertThat(delay.delayMillis(1, throttled)).isEqualTo(7000L);
        assertThat(delay.delayMillis(20, throttled)).isGreaterThanOrEqualTo(7500L);
    }

    @Test
    void a429WithoutRetryAfterStillBacksOff() {
        Throwable throttled = new SitooUnavailableException(SitooUnavailableException.Kind.THROTTLED, "429",
                OptionalLong.empty(), null);

        assertThat(delay.delayMillis(1, throttled)).isPositive();
        assertThat(delay.delayMillis(4, throttled)).isGreaterThanOrEqualTo(3000L);
    }

    @Test
    void aRetryAfterBeyondTheCapIsNotWaitedInFlightButBindsTheSweep() {
        var shortWait = new SitooUnavailableException(SitooUnavailableException.Kind.THROTTLED, "429", OptionalLong.of(10), null);
        var longWait = new SitooUnavailableException(SitooUnavailableException.Kind.THROTTLED, "429", OptionalLong.of(11), null);
        var none = new SitooUnavailableException(SitooUnavailableException.Kind.THROTTLED, "429", OptionalLong.empty(), null);

        assertThat(RetryDelay.asksForMoreThan(shortWait, Duration.ofSeconds(10))).isFalse();
        assertThat(RetryDelay.asksForMoreThan(longWait, Duration.ofSeconds(10))).isTrue();
        assertThat(RetryDelay.asksForMoreThan(none, Duration.ofSeconds(10))).isFalse();
        assertThat(RetryDelay.notBefore(longWait)).isEqualTo(Duration.ofSeconds(11));
        assertThat(RetryDelay.notBefore(none)).isZero();
        assertThat(RetryDelay.notBefore(new IllegalStateException())).isZero();
    }
}
