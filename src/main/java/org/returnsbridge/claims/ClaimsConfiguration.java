package org.returnsbridge.claims;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

@Configuration(proxyBeanMethods = false)
public class ClaimsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ClaimsConfiguration.class);

    @Bean
    Claims claims(ClusterProperties cluster, Clock clock) {
        String nodeId = NodeIdentity.resolve(cluster.nodeId());
        log.info("Node {}: claims hold {} s", nodeId, cluster.claimTtl().toSeconds());
        return new Claims(nodeId, cluster.claimTtl(), clock);
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
