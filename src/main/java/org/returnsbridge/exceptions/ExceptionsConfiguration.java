package org.returnsbridge.exceptions;

import java.time.Clock;

import org.returnsbridge.BridgeProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
public class ExceptionsConfiguration {

    @Bean
    ExceptionQueue exceptionQueue(JdbcTemplate jdbc, TransactionTemplate tx, Clock clock, BridgeProperties props) {
        return new ExceptionQueue(jdbc, tx, clock,
                new RetrySchedule(props.exceptions().retryFirst(), props.exceptions().retryCap()));
    }

    /** The replayer is the return flow's (flow.LineReplayer): a replay takes exactly the normal path. */
    @Bean
    ExceptionOperations exceptionOperations(ExceptionQueue queue, Replayer replayer,
                                            org.returnsbridge.claims.Claims claims) {
        return new ExceptionOperations(queue, replayer, claims);
    }
}
