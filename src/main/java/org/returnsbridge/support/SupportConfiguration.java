package org.returnsbridge.support;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class SupportConfiguration {

    /** The one clock: injectable, so tests control time. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Error bodies outside the controllers are {"detail": ...} too. */
    @Bean
    ErrorBodies errorBodies() {
        return new ErrorBodies();
    }
}
