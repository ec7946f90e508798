package org.returnsbridge.sitoo;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The catalogue warm-up (docs/configuration.md): on a cold product cache, the bridge pages through Sitoo's
 * products instead of asking for one SKU at a time.
 *
 * @param warmupMax     at most this many products are read (BRIDGE_SITOO_CATALOGUE_WARMUP_MAX); 0 = no warm-up.
 *                      The product cache's size bound caps it too: a warm-up never evicts what it just read
 * @param pageSize      products per request (BRIDGE_SITOO_CATALOGUE_PAGE_SIZE). The contract documents
 *                      {@code num}'s default (10) but no maximum, so the default stays at 100, which every
 *                      list of the bridge already asks for; a Sitoo that answers fewer is paged on all the same
 * @param warmupWait    the longest a line waits for the warm-up to reach its SKU before asking Sitoo for that
 *                      SKU alone (BRIDGE_SITOO_CATALOGUE_WARMUP_WAIT); bounds the delay a warm-up adds to a line
 */
@Validated
@ConfigurationProperties(prefix = "bridge.sitoo.catalogue")
public record CatalogueProperties(
        @Min(value = 0, message = WARMUP_MAX_RANGE) @Max(value = 10_000_000, message = WARMUP_MAX_RANGE) long warmupMax,
        @Min(value = 1, message = PAGE_SIZE_RANGE) @Max(value = 1000, message = PAGE_SIZE_RANGE) int pageSize,
        @NotNull Duration warmupWait) {

    static final String WARMUP_MAX_RANGE = "must be between 0 (no warm-up) and 10000000 products"
            + " (BRIDGE_SITOO_CATALOGUE_WARMUP_MAX)";
    static final String PAGE_SIZE_RANGE = "must be between 1 and 1000 products per request"
            + " (BRIDGE_SITOO_CATALOGUE_PAGE_SIZE)";

    static final Duration MAX_WAIT = Duration.ofMinutes(5);

    @AssertTrue(message = "must be between 0 s and 5 min: a line holds its place while it waits"
            + " (BRIDGE_SITOO_CATALOGUE_WARMUP_WAIT)")
    public boolean isWarmupWaitInRange() {
        return warmupWait == null || !warmupWait.isNegative() && warmupWait.compareTo(MAX_WAIT) <= 0;
    }

    public boolean warmupEnabled() {
        return warmupMax > 0;
    }
}
