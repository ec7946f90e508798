package org.returnsbridge.monitoring;

import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import org.returnsbridge.ledger.LedgerRepository;
import org.returnsbridge.sales.SalesLedger;
import org.returnsbridge.sitoo.SitooCatalog;
import org.returnsbridge.sitoo.SitooGatewayRoutes;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The bridge's metrics: Prometheus-clean names and help texts for every meter, and the business gauges. */
@Configuration(proxyBeanMethods = false)
public class MonitoringConfiguration {

    /** Spring Boot applies every MeterFilter bean to the registries before the first meter is registered. */
    @Bean
    MeterFilter prometheusNaming() {
        return new PrometheusNaming();
    }

    /** A MeterBinder: Spring Boot binds it to the registries; the sitoo package stays free of metrics plumbing. */
    @Bean
    CircuitBreakerGauge sitooCircuitStateGauge(@Qualifier(SitooGatewayRoutes.CIRCUIT_BREAKER) CircuitBreaker breaker) {
        return new CircuitBreakerGauge("sitoo", breaker);
    }

    /** Hits and misses of the SKU lookup's cache: cache_gets_total{cache="sitoo_products",result="hit"|"miss"}. */
    @Bean
    MeterBinder sitooProductCacheMetrics(SitooCatalog catalog) {
        return new CaffeineCacheMetrics<>(catalog.cacheForMetrics(), "sitoo_products", Tags.empty());
    }

    @Bean
    DatabaseGauges databaseGauges(JdbcTemplate jdbc, LedgerRepository ledger, SalesLedger sales, Clock clock,
                                  ObjectMapper json, MonitoringProperties props, MeterRegistry meters) {
        DatabaseSnapshotReader reader = new DatabaseSnapshotReader(jdbc, new ReturnStateCounter(ledger, sales, clock), clock, json);
        return new DatabaseGauges(reader, clock, props.refreshInterval(), meters);
    }
}
