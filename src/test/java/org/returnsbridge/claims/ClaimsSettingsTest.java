package org.returnsbridge.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The claim TTL must outlast the longest Sitoo call; node ids and tokens are what other nodes can read. */
class ClaimsSettingsTest {

    @Test
    void aClaimTtlShorterThanOneSitooCallIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> ClaimsConfiguration.requireOutlastsOneSitooCall(Duration.ofSeconds(45),
                Duration.ofSeconds(30)))
                .hasMessageStartingWith("BRIDGE_CLAIM_TTL (PT45S) must exceed")
                .hasMessageContaining("BRIDGE_HTTP_RESPONSE_TIMEOUT_MS (30000 ms)");
        ClaimsConfiguration.requireOutlastsOneSitooCall(Duration.ofMinutes(2), Duration.ofSeconds(30));
    }

    @Test
    void aGeneratedNodeIdIsUniquePerProcessStartAndAConfiguredOneIsKept() {
        String generated = NodeIdentity.resolve("");
        assertThat(generated).matches("[A-Za-z0-9.-]{1,40}-" + ProcessHandle.current().pid() + "-[0-9a-f]{4}");
        assertThat(NodeIdentity.resolve("bridge-1")).isEqualTo("bridge-1");
    }

    @Test
    void aTokenNamesItsNodeAndIsNewForEveryAttempt() {
        Claims claims = new Claims("bridge-1", Duration.ofMinutes(2), Clock.systemUTC());
        String first = claims.newToken();
        assertThat(first).startsWith("bridge-1#").isNotEqualTo(claims.newToken());
        assertThat(Claims.nodeOf(first)).isEqualTo("bridge-1");
    }
}
