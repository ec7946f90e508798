package org.returnsbridge.reconciliation;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.builder.RouteBuilder;
import org.returnsbridge.BridgeProperties;
import org.returnsbridge.ledger.LedgerRepository;
import org.returnsbridge.mapping.MappingRegistry;
import org.returnsbridge.sales.SalesLedger;
import org.returnsbridge.scheduling.Schedules;
import org.returnsbridge.sitoo.SitooClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

@Configuration(proxyBeanMethods = false)
public class ReconciliationConfiguration {

    @Bean
    ReconciliationService reconciliationService(SitooClient sitoo, LedgerRepository ledger, SalesLedger sales,
                                                MappingRegistry mappings, Clock clock, JdbcTemplate jdbc,
                                                ObjectMapper json, BridgeProperties props) {
        var r = props.reconciliation();
        ZoneId zone = ZoneId.of(r.zone());
        Reconciler reconciler = new Reconciler(sitoo, ledger, sales, mappings, clock, zone, r.stockInSla(), r.stuckAfter(),
                r.pageSize());
        return new ReconciliationService(reconciler, jdbc, json, Path.of(r.reportsDir()), clock, r.maxStoredFindings());
    }

    /** The daily run, on a Quartz cron in the business's time zone; it reconciles the day before. */
    @Bean
    RouteBuilder reconciliationSchedule(ReconciliationService service, BridgeProperties props) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                var r = props.reconciliation();
                from(Schedules.cron("reconciliation", r.cron(), r.zone()))
                        .routeId("reconciliation-daily")
                        .autoStartup(r.enabled())
                        .bean(service, "runYesterday");
            }
        };
    }
}
