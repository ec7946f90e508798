package org.returnsbridge.scheduling;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The clustered scheduler (BRIDGE_SCHEDULER_CHECKIN_INTERVAL). Every node writes a check-in row this often; a node
 * whose check-in is older than one interval plus Quartz's 7.5 s grace is taken for dead and another node takes its
 * schedules over. The survivor notices on its own next check-in, so failover takes at most about two intervals plus
 * 7.5 s: the 10 s ceiling keeps that under the 30 s the cluster promises. Shorter intervals mean faster failover for
 * a little more database traffic (one small UPDATE per node per interval).
 */
@Validated
@ConfigurationProperties(prefix = "bridge.scheduler")
public record SchedulerProperties(@NotNull Duration checkinInterval) {

    static final Duration MIN_CHECKIN = Duration.ofSeconds(1);
    static final Duration MAX_CHECKIN = Duration.ofSeconds(10);

    @AssertTrue(message = "must be between 1 s and 10 s, so that another node takes a dead node's schedules over"
            + " within 30 s (BRIDGE_SCHEDULER_CHECKIN_INTERVAL)")
    public boolean isCheckinIntervalInRange() {
        return checkinInterval == null
                || checkinInterval.compareTo(MIN_CHECKIN) >= 0 && checkinInterval.compareTo(MAX_CHECKIN) <= 0;
    }
}
