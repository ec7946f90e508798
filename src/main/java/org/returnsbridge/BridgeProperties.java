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
 * each (listed in docs/configuration.md). Validated at start-up: a bad value stops the bridge with its name.
 */
@Validated
@ConfigurationProperties(prefix = "bridge")
public record BridgeProperties(
        @Valid @NotNull Poll poll,
        @Valid @NotNull MappingFiles mappings,
        @Valid @NotNull Limits limits,
        @Valid @NotNull SkuCache skuCache,
        @Valid @NotNull Restock restock,
        @Valid @NotNull Redelivery redelivery,
        @Valid @NotNull Sitoo sitoo,
        @Valid @NotNull Exceptions exceptions,
        @Valid @NotNull Reconciliation reconciliation,
        @Valid @NotNull Webhooks webhooks,
        @Valid @NotNull Sync sync) {

    /**
     * The Reveni poll: a Quartz cron (blank = every minute, or every 10 s in sandbox mode so the demo
     * moves), how far it overlaps the checkpoint, where a first start begins.
     */
    public record Poll(String cron, boolean enabled, @NotNull Duration overlap,
                       @NotNull Duration initialLookback, @Min(1) @Max(100) int pageSize,
                       @Min(1) @Max(32) int workers) {}

    /** Where the mapping files are, and how often they are checked for edits. */
    public record MappingFiles(@NotBlank String dir, @NotNull Duration watchInterval) {}

    /**
     * Guards against absurd input: a line asking to restock more than maxLineQuantity units is an
     * INVALID_RETURN; a returns page larger than maxPageBytes is refused unread.
     */
    public record Limits(@Min(1) int maxLineQuantity, @Min(1024) long maxPageBytes) {}

    public record SkuCache(@Min(1) long maxSize, @NotNull Duration ttl) {}

    /**
     * settleTime: how long an unconfirmed stock-in may still be in flight before a missing read-back
     * means "it never landed". sweepInterval: how often unconfirmed stock-ins are settled.
     */
    public record Restock(@NotNull Duration settleTime, @NotNull Duration sweepInterval) {}

    /**
     * In-flight retries of a transient failure (timeouts, resets, 5xx, 429): up to maxRedeliveries more
     * attempts, the delay doubling from initialDelay up to maxDelay, with jitter; a 429's Retry-After is
     * honoured as a minimum. After that the line goes to the exception queue.
     */
    public record Redelivery(@Min(0) @Max(20) int maxRedeliveries, @NotNull Duration initialDelay,
                             @NotNull Duration maxDelay) {}

    /**
     * Protecting Sitoo: at most rateLimit requests per second; the circuit opens when failureRatePercent
     * of the last windowSize calls failed (at least minimumCalls), and half-opens after openWait.
     */
    public record Sitoo(@Min(1) int rateLimit, @Min(1) @Max(100) int failureRatePercent, @Min(1) int windowSize,
                        @Min(1) int minimumCalls, @NotNull Duration openWait) {}

    /**
     * The exception queue's automatic sweep: every sweepInterval it replays due records of transient
     * categories, waiting retryFirst after the first failure, doubling up to retryCap.
     */
    /**
     * The daily reconciliation: a Quartz cron in {@code zone} (which also defines the business day), where
     * the CSV reports go, how long a sellable line may wait for its stock-in, and when a return counts as stuck;
     * how many findings the stored report (JSON, operations page) keeps (the CSV has all), and how many ledger
     * rows one step of the run reads (its memory does not grow with the day).
     */
    public record Reconciliation(boolean enabled, @NotBlank String cron, @NotBlank String zone,
                                 @NotBlank String reportsDir, @NotNull Duration stockInSla, @NotNull Duration stuckAfter,
                                 @Min(1) @Max(100_000) int maxStoredFindings, @Min(10) @Max(1000) int pageSize) {}

    /**
     * How restocks reach Sitoo: IMMEDIATE (one stock-in per line, at once; lines posting at the same moment
     * share a request) or INTERVAL (queued per warehouse, one transaction per warehouse when the window
     * closes or batchSize lines wait; at most 1000, the contract's limit per request).
     */
    public record Sync(@NotNull SyncMode mode, @NotNull Duration window,
                       @Min(1) @Max(1000) int batchSize) {}

    /**
     * Reveni webhooks: how far a signature's timestamp may be from now, the (optional) public URL of this
     * bridge's /webhooks/reveni to register with Reveni at start-up, and how many events are processed at
     * once (events of the same return always one after the other). Hostile senders: one event's body may be
     * at most maxBodyBytes; the bodies of all requests being read at once at most maxInflightBytes (beyond
     * it 503 with Retry-After); reading one body may take at most readTimeout.
     */
    public record Webhooks(@NotNull Duration tolerance, String registerUrl, @Min(1) @Max(64) int workers,
                           @Min(1024) @Max(Integer.MAX_VALUE) long maxBodyBytes,
                           @Min(1024) @Max(Integer.MAX_VALUE) long maxInflightBytes, @NotNull Duration readTimeout) {

        @jakarta.validation.constraints.AssertTrue(message = "bridge.webhooks.max-inflight-bytes must be at least"
                + " bridge.webhooks.max-body-bytes, or an event of the largest size could never be read")
        public boolean isBudgetHoldsOneEvent() {
            return maxInflightBytes >= maxBodyBytes;
        }
    }

    public record Exceptions(@NotNull Duration sweepInterval, @NotNull Duration retryFirst,
                             @NotNull Duration retryCap, @Min(1) int sweepBatch) {}
}
