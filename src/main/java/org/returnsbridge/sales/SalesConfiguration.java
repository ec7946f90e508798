package org.returnsbridge.sales;

import java.time.Clock;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.ProxyBuilder;
import org.returnsbridge.exceptions.ExceptionQueue;
import org.returnsbridge.mapping.MappingRegistry;
import org.returnsbridge.sitoo.SitooCatalog;
import org.returnsbridge.sitoo.SitooClient;
import org.returnsbridge.sitoo.SitooRateLimit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

@Configuration(proxyBeanMethods = false)
public class SalesConfiguration {

    @Bean
    SalesLedger salesLedger(JdbcTemplate jdbc, Clock clock) {
        return new SalesLedger(jdbc, clock);
    }

    /** The sales route for Java code outside a route (a replay): Camel's bean proxy. */
    @Bean
    SalesFlow salesFlow(CamelContext camel) throws Exception {
        return new ProxyBuilder(camel).endpoint(SalesRoutes.RETURN_SALES).build(SalesFlow.class);
    }

    @Bean
    SalesRecorder salesRecorder(SitooClient sitoo, SitooCatalog catalog, SalesLedger ledger, ExceptionQueue exceptions,
                                MappingRegistry mappings, ObjectMapper json, org.returnsbridge.claims.Claims claims,
                                @Value("${camel.component.http.response-timeout:30000}") long responseTimeoutMillis) {
        return new SalesRecorder(sitoo, catalog, ledger, exceptions, mappings, new SalesOrders(json), claims,
                SitooRateLimit.longestCall(Duration.ofMillis(responseTimeoutMillis)));
    }
}
