package org.returnsbridge.ledger;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

@Configuration(proxyBeanMethods = false)
public class LedgerConfiguration {

    @Bean
    ReturnVersions returnVersions(JdbcTemplate jdbc) {
        return new ReturnVersions(jdbc);
    }

    @Bean
    LedgerRepository ledgerRepository(JdbcTemplate jdbc, Clock clock) {
        return new LedgerRepository(jdbc, clock);
    }
}
