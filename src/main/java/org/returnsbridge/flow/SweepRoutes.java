package org.returnsbridge.flow;

import java.time.Duration;
import java.util.ArrayList;

import org.apache.camel.builder.AggregationStrategies;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.jdbc.JdbcConstants;
import org.returnsbridge.BridgeProperties;
import org.returnsbridge.exceptions.ExceptionQueue;
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
    public static final String REPLAY_DUE = "direct:replay-due";
    public static final String RESTOCK_BATCHES = "restock-batches";
    /** The log context of one line a sweep picked, not the sweep's own (a pattern of exchange properties). */
    private static final String ONE_LINES_IDS = LogContext.RETURN_ID + "|" + LogContext.ITEM_ID;
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
                .to(SETTLE_UNCONFIRMED).id("settle-now");

        // Also run once at start-up (BridgeStartup). The due lines come straight from the ledger, a bounded
        // batch of them; each is then settled under its own claim (Restocker), so nodes sweeping together
        // never settle one line twice.
        from(SETTLE_UNCONFIRMED)
                .routeId("settle-unconfirmed")
                .setHeader(JdbcConstants.JDBC_PARAMETERS, method(restockSweep, "dueWorkParameters")).id("settle-parameters")
                .setBody(constant(LedgerRepository.UNCONFIRMED_RESTOCKS_DUE)).id("unconfirmed-due-query")
                .to("jdbc:dataSource?useHeadersAsParameters=true").id("select-unconfirmed-due")
                .split(body(), AggregationStrategies.flexible(Boolean.class).accumulateInCollection(ArrayList.class))
                        .id("each-unconfirmed")
                    .setProperty(LogContext.RETURN_ID, simple("${body[returnId]}")).id("settle-log-return-id")
                    .setProperty(LogContext.ITEM_ID, simple("${body[itemId]}")).id("settle-log-item-id")
                    .bean(restockSweep, "settle").id("settle-line")
                .end()
                // the split's result brings the last line's ids back
                .removeProperties(ONE_LINES_IDS).id("settle-clear-line-ids")
                .bean(restockSweep, "report").id("settle-report");

        from(Schedules.every(EXCEPTION_SWEEP, props.exceptions().sweepInterval()))
                .routeId(EXCEPTION_SWEEP)
                .autoStartup(false)
                .to(REPLAY_DUE).id("replay-now");

        // Replays whose node stopped go back in the queue first, so they are due again like any other record.
        from(REPLAY_DUE)
                .routeId("replay-due")
                .bean(exceptionSweep, "reopenInterruptedReplays").id("reopen-interrupted")
                .setHeader(JdbcConstants.JDBC_PARAMETERS, method(exceptionSweep, "dueWorkParameters")).id("replay-parameters")
                .setBody(constant(ExceptionQueue.DUE_FOR_RETRY)).id("exceptions-due-query")
                .to("jdbc:dataSource?useHeadersAsParameters=true").id("select-exceptions-due")
                .split(body(), AggregationStrategies.flexible(Boolean.class).accumulateInCollection(ArrayList.class))
                        .id("each-exception")
                    .setProperty(LogContext.RETURN_ID, simple("${body[returnId]}")).id("replay-log-return-id")
                    .setProperty(LogContext.ITEM_ID, simple("${body[itemId]}")).id("replay-log-item-id")
                    .bean(exceptionSweep, "replay").id("replay-exception")
                .end()
                .removeProperties(ONE_LINES_IDS).id("replay-clear-line-ids")
                .bean(exceptionSweep, "report").id("replay-report");

        // Interval mode: queued restocks go out per warehouse when the window closes or the batch fills.
        from(Schedules.every(RESTOCK_BATCHES, BATCH_CHECK_INTERVAL))
                .routeId(RESTOCK_BATCHES)
                .autoStartup(false)
                .bean(batcher, "flushDue").id("flush-due-batches");
    }
}
