package org.returnsbridge.ledger;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
public class LedgerConfiguration {

    @Bean
    ReturnVersions returnVersions(JdbcTemplate jdbc) {
        return new ReturnVersions(jdbc);
    }

    @Bean
    LedgerRepository ledgerRepository(JdbcTemplate jdbc, TransactionTemplate tx, Clock clock) {
        return new LedgerRepository(jdbc, tx, clock);
    }
}
