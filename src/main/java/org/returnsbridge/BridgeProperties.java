package org.returnsbridge;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Everything a deployment tunes, with defaults in application.yml and an environment variable for
 * each (listed in the README). Validated at start-up: a bad value stops the bridge with its name.
 */
@Validated
@ConfigurationProperties(prefix = "bridge")
public record BridgeProperties(
        @Valid @NotNull Poll poll,
        @Valid @NotNull MappingFiles mappings,
        @Valid @NotNull Limits limits,
        @Valid @NotNull SkuCache skuCache,
        @Valid @NotNull Restock restock) {

    /**
     * The Reveni poll: a Quartz cron (blank = every minute, or every 10 s in sandbox mode so the demo
     * moves), how far it overlaps the checkpoint, where a first start begins.
     */
    public record Poll(String cron, boolean enabled, @NotNull Duration overlap,
                       @NotNull Duration initialLookback, @Min(1) @Max(100) int pageSize) {}

    public record MappingFiles(@NotBlank String dir) {}

    /** Guards against absurd input: a line asking to restock more than this is an INVALID_RETURN. */
    public record Limits(@Min(1) int maxLineQuantity) {}

    public record SkuCache(@Min(1) long maxSize, @NotNull Duration ttl) {}

    /**
     * settleTime: how long an unconfirmed stock-in may still be in flight before a missing read-back
     * means "it never landed". sweepInterval: how often unconfirmed stock-ins are settled.
     */
    public record Restock(@NotNull Duration settleTime, @NotNull Duration sweepInterval) {}
}
