package org.returnsbridge.flow;

import java.time.Duration;

import org.returnsbridge.claims.ClusterProperties;
import org.returnsbridge.sitoo.CatalogueProperties;
import org.returnsbridge.sitoo.SitooRateLimit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Refuses a start-up whose claim TTL could lapse during one Sitoo call. It lives with the flow, which uses
 * both claims and Sitoo, so that neither of those packages needs to know the other.
 */
@Component
class ClaimTtlCheck {

    ClaimTtlCheck(ClusterProperties cluster, CatalogueProperties catalogue,
                  @Value("${camel.component.http.response-timeout:30000}") long responseTimeoutMillis) {
        requireOutlastsOneSitooCall(cluster.claimTtl(), Duration.ofMillis(responseTimeoutMillis));
        requireOutlastsTheWarmupWait(cluster.claimTtl(), catalogue.warmupWait(), Duration.ofMillis(responseTimeoutMillis));
    }

    /**
     * On a cold cache a line may first wait for the catalogue warm-up, then make its Sitoo call: the claim
     * must outlast both, or the wait alone could hand the line to another node.
     */
    static void requireOutlastsTheWarmupWait(Duration ttl, Duration warmupWait, Duration responseTimeout) {
        Duration longest = warmupWait.plus(SitooRateLimit.longestCall(responseTimeout));
        if (ttl.compareTo(longest.plusSeconds(10)) < 0) {
            throw new IllegalStateException("BRIDGE_CLAIM_TTL (" + ttl + ") must exceed BRIDGE_SITOO_CATALOGUE_WARMUP_WAIT ("
                    + warmupWait + ") plus the longest Sitoo call by 10 s: " + SitooRateLimit.LONGEST_WAIT.toSeconds()
                    + " s waiting for a turn under the rate limit plus BRIDGE_HTTP_RESPONSE_TIMEOUT_MS ("
                    + responseTimeout.toMillis() + " ms)");
        }
    }

    /**
     * A holder's claim must not lapse while its Sitoo call is still running, or a second node could take the
     * line while the first post is in flight (the settle time would still stop a second post, but the
     * claim is meant to). The longest call: waiting for its turn under the rate limit, then the response timeout.
     */
    static void requireOutlastsOneSitooCall(Duration ttl, Duration responseTimeout) {
        Duration longestCall = SitooRateLimit.longestCall(responseTimeout);
        if (ttl.compareTo(longestCall.plusSeconds(10)) < 0) {
            throw new IllegalStateException("BRIDGE_CLAIM_TTL (" + ttl + ") must exceed the longest Sitoo call by 10 s: "
                    + SitooRateLimit.LONGEST_WAIT.toSeconds() + " s waiting for a turn under the rate limit plus"
                    + " BRIDGE_HTTP_RESPONSE_TIMEOUT_MS (" + responseTimeout.toMillis() + " ms)");
        }
    }
}
