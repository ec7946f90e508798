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
}
