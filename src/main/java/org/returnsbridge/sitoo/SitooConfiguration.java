package org.returnsbridge.sitoo;

import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.ProxyBuilder;
import org.returnsbridge.BridgeProperties;
import org.returnsbridge.support.VendorReachability;
import org.returnsbridge.support.VendorCallMeter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class SitooConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SitooConfiguration.class);
    /** The bean name of Sitoo's {@link VendorReachability}. */
    public static final String REACHABILITY = "sitooReachability";

    /**
     * The circuit the gateway's {@code circuitBreaker} uses, built here rather than from route options so
     * that only {@link SitooUnavailableException} (no usable answer) counts as a failure and every state
     * change is logged. An open circuit fails calls at once; it half-opens by itself after openWait.
     */
    @Bean(SitooGatewayRoutes.CIRCUIT_BREAKER)
    CircuitBreaker sitooCircuitBreaker(BridgeProperties props) {
        var s = props.sitoo();
        CircuitBreaker breaker = CircuitBreaker.of("sitoo", CircuitBreakerConfig.custom()
                .failureRateThreshold(s.failureRatePercent())
                .slidingWindowSize(s.windowSize())
                .minimumNumberOfCalls(Math.min(s.minimumCalls(), s.windowSize()))
                .waitDurationInOpenState(s.openWait())
                .permittedNumberOfCallsInHalfOpenState(2)
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .recordException(e -> e instanceof SitooUnavailableException)
                .build());
        breaker.getEventPublisher().onStateTransition(event ->
                log.warn("Sitoo circuit breaker: {}", event.getStateTransition()));
        return breaker;
    }

    @Bean
    SitooRateLimit sitooRateLimit(BridgeProperties props) {
        return new SitooRateLimit(props.sitoo().rateLimit());
    }

    /** Whether Sitoo answered the calls already made, for the sitoo health indicator. */
    @Bean(REACHABILITY)
    VendorReachability sitooReachability(Clock clock) {
        return new VendorReachability(clock);
    }

    @Bean
    SitooCallSteps sitooCallSteps(SitooConnection connection, BridgeProperties props, ObjectMapper json,
                                  @Qualifier(REACHABILITY) VendorReachability reachability) {
        return new SitooCallSteps(connection, props.limits().maxPageBytes(), json, reachability);
    }

    @Bean
    SitooGatewayRoutes sitooGatewayRoutes(SitooCallSteps steps, SitooRateLimit rateLimit, MeterRegistry meters) {
        return new SitooGatewayRoutes(steps, rateLimit, new VendorCallMeter("sitoo", SitooCallSteps.URL, meters));
    }

    @Bean
    SitooClient sitooClient(CamelContext camel, SitooConnection connection, ObjectMapper json) throws Exception {
        SitooGateway gateway = new SitooGateway(proxy(camel, SitooGatewayRoutes.STOCK_INS),
                proxy(camel, SitooGatewayRoutes.ORDERS), proxy(camel, SitooGatewayRoutes.PRODUCTS),
                proxy(camel, SitooGatewayRoutes.WAREHOUSES));
        return new SitooClient(gateway, connection, json);
    }

    /** Camel's bean proxy: a method call becomes an exchange sent to the gateway route. */
    private static SitooCall proxy(CamelContext camel, String endpoint) throws Exception {
        return new ProxyBuilder(camel).endpoint(endpoint).build(SitooCall.class);
    }

    /**
     * A stock-in waits for its turn at most as long as the request before it can take: its wait under
     * the rate limit and the response timeout.
     */
    @Bean
    StockInGroupCommit stockInGroupCommit(SitooClient client, SitooRateLimit rateLimit,
                                          @Value("${camel.component.http.response-timeout:30000}") long responseTimeoutMillis) {
        return new StockInGroupCommit(client, rateLimit,
                SitooRateLimit.longestCall(java.time.Duration.ofMillis(responseTimeoutMillis)));
    }

    @Bean
    SitooCatalog sitooCatalog(SitooClient client, BridgeProperties props, CatalogueProperties catalogue,
                              MeterRegistry meters) {
        return new SitooCatalog(client, props.skuCache().maxSize(), props.skuCache().ttl(), catalogue, meters);
    }
}
