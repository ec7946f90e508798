package org.returnsbridge.sales;

import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.returnsbridge.exceptions.ExceptionQueue;
import org.returnsbridge.mapping.MappingRegistry;
import org.returnsbridge.sitoo.SitooCatalog;
import org.returnsbridge.sitoo.SitooClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

@Configuration(proxyBeanMethods = false)
public class SalesConfiguration {

    @Bean
    SalesLedger salesLedger(JdbcTemplate jdbc, Clock clock) {
        return new SalesLedger(jdbc, clock);
    }

    @Bean
    SalesRecorder salesRecorder(SitooClient sitoo, SitooCatalog catalog, SalesLedger ledger, ExceptionQueue exceptions,
                                MappingRegistry mappings, ObjectMapper json, org.returnsbridge.claims.Claims claims) {
        return new SalesRecorder(sitoo, catalog, ledger, exceptions, mappings, new SalesOrders(json), claims);
    }
}
