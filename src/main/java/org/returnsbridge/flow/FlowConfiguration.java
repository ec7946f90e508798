package org.returnsbridge.flow;

import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.ProxyBuilder;
import org.returnsbridge.BridgeProperties;
import org.returnsbridge.connections.BridgeMode;
import org.returnsbridge.exceptions.ExceptionQueue;
import org.returnsbridge.failure.RetryDelay;
import org.returnsbridge.ledger.LedgerRepository;
import org.returnsbridge.mapping.MappingRegistry;
import org.returnsbridge.reveni.ReturnParser;
import org.returnsbridge.reveni.ReveniClient;
import org.returnsbridge.sitoo.SitooCatalog;
import org.returnsbridge.sitoo.SitooClient;
import org.returnsbridge.sitoo.StockInGroupCommit;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

@Configuration(proxyBeanMethods = false)
public class FlowConfiguration {

    @Bean
    RetryDelay retryDelay(BridgeProperties props, io.micrometer.core.instrument.MeterRegistry meters) {
        return new RetryDelay(props.redelivery().initialDelay(), props.redelivery().maxDelay(), meters);
    }

    @Bean
    PollSchedule pollSchedule(BridgeProperties props, BridgeMode mode) {
        return PollSchedule.of(props.poll(), mode);
    }

    @Bean
    PollCheckpoint pollCheckpoint(JdbcTemplate jdbc, Clock clock, org.returnsbridge.reveni.ReveniConnection reveni,
                                  BridgeProperties props) {
        return new PollCheckpoint(jdbc, clock, reveni.storeId(), props.poll().initialLookback());
    }

    @Bean
    ReturnsPoller returnsPoller(ReveniClient reveni, ReturnParser parser, PollCheckpoint checkpoint,
                                ExceptionQueue exceptions, Clock clock, BridgeProperties props,
                                org.returnsbridge.ledger.ReturnVersions versions, LedgerRepository ledger) {
        return new ReturnsPoller(reveni, parser, checkpoint, exceptions, clock, props.poll().overlap(),
                props.poll().initialLookback(), versions, ledger);
    }

    @Bean
    Restocker restocker(SitooClient sitoo, StockInGroupCommit stockIns, LedgerRepository ledger, ExceptionQueue exceptions,
                        Clock clock, BridgeProperties props, org.returnsbridge.claims.Claims claims) {
        return new Restocker(sitoo, stockIns, ledger, exceptions, clock, props.restock().settleTime(), claims);
    }

    @Bean
    RestockBatcher restockBatcher(LedgerRepository ledger, Restocker restocker, SitooClient sitoo,
                                  ExceptionQueue exceptions, FailureRecorder failures, Clock clock, BridgeProperties props,
                                  org.returnsbridge.claims.Claims claims) {
        return new RestockBatcher(ledger, restocker, sitoo, exceptions, failures, clock, props.sync().window(),
                props.sync().batchSize(), props.restock().settleTime(), claims);
    }

    @Bean
    LineSteps lineSteps(LedgerRepository ledger, ExceptionQueue exceptions, MappingRegistry mappings,
                        Restocker restocker, RestockBatcher batcher, BridgeProperties props) {
        return new LineSteps(ledger, exceptions, new LineDecider(mappings), restocker, batcher, props.sync().mode());
    }

    @Bean
    LinePlacement linePlacement(MappingRegistry mappings, SitooCatalog catalog) {
        return new LinePlacement(mappings, catalog);
    }

    @Bean
    FailureRecorder failureRecorder(ExceptionQueue exceptions, LedgerRepository ledger, ObjectMapper json,
                                    org.returnsbridge.sales.SalesLedger salesLedger) {
        return new FailureRecorder(exceptions, ledger, json, salesLedger);
    }

    @Bean
    LineReplayer lineReplayer(ReveniClient reveni, ReturnParser parser, PollFlow poll, ReturnFlow returns,
                              LineFlow lines, org.returnsbridge.sales.SalesFlow sales, ExceptionQueue exceptions) {
        return new LineReplayer(reveni, parser, poll, returns, lines, sales, exceptions);
    }

    // The flow's entry points for Java code outside a route: Camel's bean proxy turns a call into an
    // exchange sent to the route, as the gateways do for the vendor calls.

    @Bean
    PollFlow pollFlow(CamelContext camel) throws Exception {
        return new ProxyBuilder(camel).endpoint(PollRoutes.POLL).build(PollFlow.class);
    }

    @Bean
    ReturnFlow returnFlow(CamelContext camel) throws Exception {
        return new ProxyBuilder(camel).endpoint(ReturnRoutes.RETURN).build(ReturnFlow.class);
    }

    @Bean
    LineFlow lineFlow(CamelContext camel) throws Exception {
        return new ProxyBuilder(camel).endpoint(ReturnRoutes.RETURN_LINE).build(LineFlow.class);
    }

    @Bean
    UnconfirmedRestocks unconfirmedRestocks(CamelContext camel) throws Exception {
        return new ProxyBuilder(camel).endpoint(SweepRoutes.SETTLE_UNCONFIRMED).build(UnconfirmedRestocks.class);
    }

    @Bean
    ExceptionSweep exceptionSweep(ExceptionQueue queue, org.returnsbridge.exceptions.ExceptionOperations operations,
                                  BridgeProperties props, Clock clock) {
        return new ExceptionSweep(queue, operations, props.exceptions().sweepBatch(), clock);
    }

    @Bean
    RestockSweep restockSweep(LedgerRepository ledger, Restocker restocker, FailureRecorder failures, Clock clock) {
        return new RestockSweep(ledger, restocker, failures, clock);
    }
}
