package org.returnsbridge.health;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * When the bridge's own health indicators say DOWN (docs/operations.md, "Health").
 *
 * @param maxPollLag       BRIDGE_HEALTH_MAX_POLL_LAG: the poll is DOWN once its last complete run started longer
 *                         ago than this; must exceed the poll's own interval (checked against BRIDGE_POLL_CRON)
 * @param vendorDownAfter  BRIDGE_HEALTH_VENDOR_DOWN_AFTER: a vendor is DOWN once its calls have gone unanswered
 *                         for this long ...
 * @param vendorDownCalls  BRIDGE_HEALTH_VENDOR_DOWN_CALLS: ... and at least this many calls in a row, so one
 *                         timed-out call on a quiet night does not mark it down for good
 */
@Validated
@ConfigurationProperties(prefix = "bridge.health")
public record HealthProperties(@NotNull Duration maxPollLag, @NotNull Duration vendorDownAfter,
                               @Min(1) int vendorDownCalls) {

    @AssertTrue(message = "must be positive (BRIDGE_HEALTH_MAX_POLL_LAG)")
    public boolean isMaxPollLagPositive() {
        return maxPollLag == null || !(maxPollLag.isNegative() || maxPollLag.isZero());
    }

    @AssertTrue(message = "must not be negative (BRIDGE_HEALTH_VENDOR_DOWN_AFTER)")
    public boolean isVendorDownAfterNotNegative() {
        return vendorDownAfter == null || !vendorDownAfter.isNegative();
    }
}
