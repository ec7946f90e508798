package org.returnsbridge.claims;

import java.time.Clock;
import java.time.Duration;

import org.returnsbridge.sitoo.SitooRateLimit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

@Configuration(proxyBeanMethods = false)
public class ClaimsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ClaimsConfiguration.class);

    @Bean
    Claims claims(ClusterProperties cluster, Clock clock,
                  @Value("${camel.component.http.response-timeout:30000}") long responseTimeoutMillis) {
        requireOutlastsOneSitooCall(cluster.claimTtl(), Duration.ofMillis(responseTimeoutMillis));
        String nodeId = NodeIdentity.resolve(cluster.nodeId());
        log.info("Node {}: claims hold {} s", nodeId, cluster.claimTtl().toSeconds());
        return new Claims(nodeId, cluster.claimTtl(), clock);
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

    @Bean
    ReturnClaims returnClaims(JdbcTemplate jdbc, Claims claims) {
        return new ReturnClaims(jdbc, claims);
    }

    @Bean
    ClaimRelease claimRelease(JdbcTemplate jdbc, Claims claims) {
        return new ClaimRelease(jdbc, claims);
    }
}
