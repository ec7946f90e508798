package org.returnsbridge.monitoring;

import io.micrometer.core.instrument.config.MeterFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The bridge's metrics: Prometheus-clean names and help texts for every meter. */
@Configuration(proxyBeanMethods = false)
public class MonitoringConfiguration {

    /** Spring Boot applies every MeterFilter bean to the registries before the first meter is registered. */
    @Bean
    MeterFilter prometheusNaming() {
        return new PrometheusNaming();
    }
}
