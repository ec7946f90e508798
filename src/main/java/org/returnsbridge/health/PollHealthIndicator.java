package org.returnsbridge.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.returnsbridge.flow.PollCheckpoint;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * {@code poll}: how long ago the last complete poll (every page read, by any node of the cluster) started.
 * DOWN beyond BRIDGE_HEALTH_MAX_POLL_LAG. Before the first complete poll the lag counts from this node's start,
 * so a node is not DOWN merely for being new. Not in readiness: the poll runs on one node for the whole cluster,
 * so a stalled poll (usually Reveni away) would take every replica out at once and refuse webhooks too.
 */
class PollHealthIndicator extends AbstractHealthIndicator {

    private final PollCheckpoint checkpoint;
    private final boolean enabled;
    private final String cron;
    private final Duration maxLag;
    private final Clock clock;
    private final Instant nodeStarted;

    PollHealthIndicator(PollCheckpoint checkpoint, boolean enabled, String cron, Duration maxLag, Clock clock) {
        super("The poll's last run could not be read");
        this.checkpoint = checkpoint;
        this.enabled = enabled;
        this.cron = cron;
        this.maxLag = maxLag;
        this.clock = clock;
        this.nodeStarted = clock.instant();
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        if (!enabled) {
            builder.up().withDetail("enabled", false);
            return;
        }
        Instant now = clock.instant();
        var lastPolled = checkpoint.lastPolled();
        Duration lag = Duration.between(lastPolled.orElse(nodeStarted), now);
        builder.status(lag.compareTo(maxLag) > 0 ? org.springframework.boot.actuate.health.Status.DOWN
                        : org.springframework.boot.actuate.health.Status.UP)
                .withDetail("lastCompletePollStarted", lastPolled.map(Instant::toString).orElse("none yet"))
                .withDetail("lag", lag.withNanos(0).toString())
                .withDetail("maxLag", maxLag.toString())
                .withDetail("cron", cron);
    }
}
