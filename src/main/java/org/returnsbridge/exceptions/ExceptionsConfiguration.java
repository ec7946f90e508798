package org.returnsbridge.exceptions;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
public class ExceptionsConfiguration {

    @Bean
    ExceptionQueue exceptionQueue(JdbcTemplate jdbc, TransactionTemplate tx, Clock clock) {
        return new ExceptionQueue(jdbc, tx, clock);
    }
}
