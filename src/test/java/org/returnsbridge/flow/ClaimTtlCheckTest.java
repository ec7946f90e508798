package org.returnsbridge.flow;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The claim TTL must outlast the longest Sitoo call. */
class ClaimTtlCheckTest {

    @Test
    void aClaimTtlShorterThanOneSitooCallIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> ClaimTtlCheck.requireOutlastsOneSitooCall(Duration.ofSeconds(45),
                Duration.ofSeconds(30)))
                .hasMessageStartingWith("BRIDGE_CLAIM_TTL (PT45S) must exceed")
                .hasMessageContaining("BRIDGE_HTTP_RESPONSE_TIMEOUT_MS (30000 ms)");
        ClaimTtlCheck.requireOutlastsOneSitooCall(Duration.ofMinutes(2), Duration.ofSeconds(30));
    }

    /** On a cold cache a line waits for the catalogue warm-up before its call: the claim must outlast both. */
    @Test
    void aClaimTtlShorterThanTheWarmupWaitAndOneSitooCallIsRefusedNamingBothSettings() {
        assertThatThrownBy(() -> ClaimTtlCheck.requireOutlastsTheWarmupWait(Duration.ofSeconds(70),
                Duration.ofSeconds(30), Duration.ofSeconds(30)))
                .hasMessageStartingWith("BRIDGE_CLAIM_TTL (PT1M10S) must exceed BRIDGE_SITOO_CATALOGUE_WARMUP_WAIT (PT30S)")
                .hasMessageContaining("BRIDGE_HTTP_RESPONSE_TIMEOUT_MS (30000 ms)");
        // The defaults: a 2-minute claim, a 20-second wait, a 30-second response timeout.
        ClaimTtlCheck.requireOutlastsTheWarmupWait(Duration.ofMinutes(2), Duration.ofSeconds(20), Duration.ofSeconds(30));
    }
}
