package org.returnsbridge.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.returnsbridge.support.VendorReachability;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/** A vendor is DOWN only after enough unanswered calls in a row over long enough; one answer brings it back. */
class ReachabilityTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final VendorReachability calls = new VendorReachability(clock);
    private final Reachability reachability = new Reachability(calls,
            new HealthProperties(Duration.ofMinutes(15), Duration.ofMinutes(1), 3), clock);

    @Test
    void upBeforeAnyCall() {
        assertThat(reachability.health().build().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void downOnlyWithEnoughUnansweredCallsOverLongEnough() {
        calls.unanswered("list warehouses", "HTTP 503");
        calls.unanswered("list warehouses", "SocketTimeoutException");
        clock.advance(Duration.ofMinutes(2));
        assertThat(reachability.health().build().getStatus()).as("two calls, however long ago").isEqualTo(Status.UP);

        calls.unanswered("post stock-in", "ConnectException");
        Health down = reachability.health().build();
        assertThat(down.getStatus()).isEqualTo(Status.DOWN);
        assertThat(down.getDetails()).containsEntry("unansweredInARow", 3)
                .containsEntry("lastUnansweredCall", "post stock-in")
                .containsEntry("lastUnansweredReason", "ConnectException")
                .containsEntry("unansweredSince", "2026-01-01T10:00:00Z");
    }

    @Test
    void threeQuickFailuresAreNotYetDown() {
        calls.unanswered("a", "HTTP 500");
        calls.unanswered("b", "HTTP 500");
        calls.unanswered("c", "HTTP 500");
        clock.advance(Duration.ofSeconds(59));
        assertThat(reachability.health().build().getStatus()).isEqualTo(Status.UP);
        clock.advance(Duration.ofSeconds(1));
        assertThat(reachability.health().build().getStatus()).isEqualTo(Status.DOWN);
    }

    @Test
    void oneAnswerEndsTheRun() {
        calls.unanswered("a", "HTTP 500");
        calls.unanswered("b", "HTTP 500");
        calls.unanswered("c", "HTTP 500");
        clock.advance(Duration.ofMinutes(5));
        calls.answered("list warehouses");

        Health up = reachability.health().build();
        assertThat(up.getStatus()).isEqualTo(Status.UP);
        assertThat(up.getDetails()).containsEntry("unansweredInARow", 0)
                .containsEntry("lastAnsweredCall", "list warehouses")
                .containsEntry("lastUnansweredCall", "c")
                .doesNotContainKey("unansweredSince");
    }

    @Test
    void theReasonOfAFailureIsItsTypeNeverItsMessage() {
        assertThat(VendorReachability.reasonOf(new java.net.ConnectException("Connect to https://user:pw@host failed")))
                .isEqualTo("ConnectException");
    }

    @Test
    void maxPollLagMustExceedThePollsLongestGap() {
        assertThat(HealthConfiguration.longestGap("0 * * * * ?")).isEqualTo(Duration.ofMinutes(1));
        assertThat(HealthConfiguration.longestGap("0/10 * * * * ?")).isEqualTo(Duration.ofSeconds(10));
        assertThat(HealthConfiguration.longestGap("0 0 8,20 * * ?")).isEqualTo(Duration.ofHours(12));
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
