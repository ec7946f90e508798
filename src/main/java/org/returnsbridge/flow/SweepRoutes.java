package org.returnsbridge.flow;

import java.time.Duration;
import java.util.ArrayList;

import org.apache.camel.builder.AggregationStrategies;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.jdbc.JdbcConstants;
import org.returnsbridge.BridgeProperties;
import org.returnsbridge.ledger.LedgerRepository;
import org.returnsbridge.support.LogContext;
import org.returnsbridge.scheduling.Schedules;
import org.springframework.stereotype.Component;

/**
 * The flow's background work on the cluster's schedules: settling stock-ins whose outcome is unknown,
 * replaying due exceptions, and (interval mode) sending the restock batches whose window closed. Each
 * is started by {@link BridgeStartup} once the start-up checks are done.
 */
@Component
public class SweepRoutes extends RouteBuilder {

    public static final String RESTOCK_SWEEP = "restock-sweep";
    public static final String SETTLE_UNCONFIRMED = "direct:settle-unconfirmed";
    public static final String EXCEPTION_SWEEP = "exception-sweep";
    public static final String RESTOCK_BATCHES = "restock-batches";
    /** How often interval mode looks for a batch whose window has closed. */
    private static final Duration BATCH_CHECK_INTERVAL = Duration.ofMillis(250);

    private final RestockSweep restockSweep;
    private final ExceptionSweep exceptionSweep;
    private final RestockBatcher batcher;
    private final BridgeProperties props;

    public SweepRoutes(RestockSweep restockSweep, ExceptionSweep exceptionSweep, RestockBatcher batcher,
                       BridgeProperties props) {
        this.restockSweep = restockSweep;
        this.exceptionSweep = exceptionSweep;
        this.batcher = batcher;
        this.props = props;
    }

    @Override
    public void configure() {
        from(Schedules.every(RESTOCK_SWEEP, props.restock().sweepInterval()))
                .routeId(RESTOCK_SWEEP)
                .autoStartup(false)
                .to(SETTLE_UNCONFIRMED);

        // Also run once at start-up (BridgeStartup). The due lines come straight from the ledger, a bounded
        // batch of them; each is then settled under its own claim (Restocker), so nodes sweeping together
        // never settle one line twice.
        from(SETTLE_UNCONFIRMED)
                .routeId("settle-unconfirmed")
                .setHeader(JdbcConstants.JDBC_PARAMETERS, method(restockSweep, "dueWorkParameters"))
                .setBody(constant(LedgerRepository.UNCONFIRMED_RESTOCKS_DUE))
                .to("jdbc:dataSource?useHeadersAsParameters=true")
                .split(body(), AggregationStrategies.flexible(Boolean.class).accumulateInCollection(ArrayList.class))
                    .setProperty(LogContext.RETURN_ID, simple("${body[returnId]}"))
                    .setProperty(LogContext.ITEM_ID, simple("${body[itemId]}"))
                    .bean(restockSweep, "settle")
                .end()
                .bean(restockSweep, "report");

        from(Schedules.every(EXCEPTION_SWEEP, props.exceptions().sweepInterval()))
                .routeId(EXCEPTION_SWEEP)
                .autoStartup(false)
                .bean(exceptionSweep, "replayDue");

        // Interval mode: queued restocks go out per warehouse when the window closes or the batch fills.
        from(Schedules.every(RESTOCK_BATCHES, BATCH_CHECK_INTERVAL))
                .routeId(RESTOCK_BATCHES)
                .autoStartup(false)
                .bean(batcher, "flushDue");
    }
}
