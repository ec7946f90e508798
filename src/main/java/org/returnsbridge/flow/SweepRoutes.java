package org.returnsbridge.flow;

import java.time.Duration;

import org.apache.camel.builder.RouteBuilder;
import org.returnsbridge.BridgeProperties;
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
                .bean(restockSweep, "settleUnconfirmed");

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
