package org.returnsbridge.monitoring;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The database-backed gauges (BRIDGE_METRICS_REFRESH_INTERVAL): every node re-reads the shared tables this
 * often, one set of aggregate queries, so every node reports the same truth however often it is scraped.
 */
@Validated
@ConfigurationProperties(prefix = "bridge.metrics")
public record MonitoringProperties(@NotNull Duration refreshInterval) {

    static final Duration MIN_REFRESH = Duration.ofSeconds(1);
    static final Duration MAX_REFRESH = Duration.ofMinutes(5);

    @AssertTrue(message = "must be between 1 s and 5 min: shorter loads the database, longer hides what is"
            + " happening (BRIDGE_METRICS_REFRESH_INTERVAL)")
    public boolean isRefreshIntervalInRange() {
        return refreshInterval == null
                || refreshInterval.compareTo(MIN_REFRESH) >= 0 && refreshInterval.compareTo(MAX_REFRESH) <= 0;
    }
}
