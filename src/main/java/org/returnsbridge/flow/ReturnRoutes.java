package org.returnsbridge.flow;

import static org.returnsbridge.flow.ReturnsPoller.NEXT_PAGE;

import java.time.Duration;
import java.util.concurrent.ExecutorService;

import org.apache.camel.builder.PredicateBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.returnsbridge.BridgeProperties;
import org.returnsbridge.failure.BridgeErrorPolicy;
import org.returnsbridge.mapping.MappingRegistry;
import org.returnsbridge.sales.SalesRoutes;
import org.returnsbridge.scheduling.ScheduledWork;
import org.returnsbridge.scheduling.Schedules;
import org.springframework.stereotype.Component;

/**
 * The return flow, Java half: poll Reveni → split pages into returns → split returns into lines →
 * check, decide, enrich → hand the line to {@code direct:line-by-condition} (routes/line-by-condition.yaml,
 * the integrators' half), which sends it to restock, hold or record-not-restocked below.
 */
@Component
public class ReturnRoutes extends RouteBuilder {

    public static final String POLL_SCHEDULE = "reveni-poll-schedule";
    public static final String RESTOCK_SWEEP = "restock-sweep";
    public static final String EXCEPTION_SWEEP = "exception-sweep";
    public static final String MAPPING_WATCH = "mapping-watch";
    public static final String RESTOCK_BATCHES = "restock-batches";
    /** Lines in flight across all returns being processed (poll workers and webhook workers together). */
    private static final int LINE_WORKERS = 16;
    /** How often interval mode looks for a batch whose window has closed. */
    private static final Duration BATCH_CHECK_INTERVAL = Duration.ofMillis(250);

    private final ReturnsPoller poller;
    private final LineSteps lines;
    private final RestockSweep sweep;
    private final FailureRecorder failures;
    private final ExceptionSweep exceptionSweep;
    private final MappingRegistry mappings;
    private final RestockBatcher batcher;
    private final BridgeProperties props;
    private final PollSchedule schedule;
    private final ScheduledWork scheduledWork;

    public ReturnRoutes(ReturnsPoller poller, LineSteps lines, RestockSweep sweep,
                        FailureRecorder failures, ExceptionSweep exceptionSweep, MappingRegistry mappings,
                        RestockBatcher batcher,
                        BridgeProperties props, PollSchedule schedule, ScheduledWork scheduledWork) {
        this.poller = poller;
        this.lines = lines;
        this.sweep = sweep;
        this.failures = failures;
        this.exceptionSweep = exceptionSweep;
        this.mappings = mappings;
        this.batcher = batcher;
        this.props = props;
        this.schedule = schedule;
        this.scheduledWork = scheduledWork;
    }

    private ExecutorService pollWorkers() {
        return getCamelContext().getExecutorServiceManager()
                .newFixedThreadPool(this, "reveni-poll-worker", props.poll().workers());
    }

    private ExecutorService lineWorkers() {
        return getCamelContext().getExecutorServiceManager().newFixedThreadPool(this, "return-line-worker", LINE_WORKERS);
    }

    @Override
    public void configure() {
        // Each route that begins a unit of work names it first, for the exception route to file a failure against.
        UnitsOfWork units = new UnitsOfWork(mappings);

        // Scheduled routes run on one node of the cluster at a time, one run at a time (scheduling.Schedules).
        from(Schedules.cron("reveni-poll", schedule.cron()))
                .routeId(POLL_SCHEDULE)
                .autoStartup(false) // started by BridgeStartup once mappings are checked
                .to("direct:reveni-poll");

        from("direct:reveni-poll")
                .routeId("reveni-poll")
                .onException(Exception.class)
                    .handled(true)
                    .logHandled(false)
                    .process(poller::pollFailed)
                .end()
                .process(poller::begin)
                // A node shutting down finishes the page in hand and stops: the checkpoint is saved, and the next
                // poll (on another node) goes on from there. The first page is always read, so a poll that ran
                // (a replay of a failed poll, say) has polled.
                .loopDoWhile(PredicateBuilder.and(exchangeProperty(NEXT_PAGE).isNotNull(),
                        exchange -> scheduledWork.isOpen()
                                || !exchange.getProperty(ReturnsPoller.PROGRESS, PollProgress.class).anyPage()))
                    .process(poller::fetchNextPage)
                    // The returns of a page in parallel (each return's lines in order); the checkpoint is
                    // saved only once the whole page is done. In immediate mode, lines restocked at the
                    // same moment share Sitoo requests, so a polled backlog is not one request per line.
                    .split(body()).streaming().parallelProcessing().executorService(pollWorkers())
                        .to("direct:return")
                    .end()
                    .process(poller::saveCheckpoint)
                .end()
                .process(poller::finish);

        from("direct:return")
                .routeId("return")
                .routeConfigurationId(BridgeErrorPolicy.ID)
                .process(units::beginReturn)
                .bean(poller, "parse")
                // A return's lines at once: each is independent in the ledger, and in immediate mode their
                // stock-ins then share one Sitoo request instead of waiting for a request each in turn.
                .split(method(ReturnLines.class, "of")).parallelProcessing().executorService(lineWorkers())
                    .to("direct:return-line")
                .end()
                .to(SalesRoutes.RETURN_SALES) // refunds and exchanges into Sitoo's sales ledger
                .process(poller::returnDone);

        from("direct:return-line")
                .routeId("return-line")
                .routeConfigurationId(BridgeErrorPolicy.ID)
                .process(units::beginLine)
                .process(lines::open)
                .filter(method(lines, "isStillOpen"))
                    .process(lines::decide)
                    .process(lines::placeLocation)
                    .process(lines::resolveSku)
                    .to("direct:line-by-condition")
                .end()
                .process(lines::close);

        // The three outcomes the YAML route chooses between. Each carries the error policy itself: a
        // failure handled by a sub-route's default handler would reach the caller as "exhausted" and
        // bypass the caller's policy, escaping the line.
        from("direct:restock").routeId("restock").routeConfigurationId(BridgeErrorPolicy.ID)
                .process(lines::restock);
        from("direct:hold").routeId("hold").routeConfigurationId(BridgeErrorPolicy.ID)
                .process(lines::hold);
        from("direct:record-not-restocked").routeId("record-not-restocked").routeConfigurationId(BridgeErrorPolicy.ID)
                .process(lines::recordNotRestocked);

        // The dead-letter channel of the error policy ends here: the unit of work goes into the exception queue.
        from(BridgeErrorPolicy.EXCEPTION_ROUTE)
                .routeId("line-failed")
                .process(failures::record);

        from(Schedules.every(RESTOCK_SWEEP, props.restock().sweepInterval()))
                .routeId(RESTOCK_SWEEP)
                .autoStartup(false) // started by BridgeStartup
                .bean(sweep, "settleUnconfirmed");

        from(Schedules.every(EXCEPTION_SWEEP, props.exceptions().sweepInterval()))
                .routeId(EXCEPTION_SWEEP)
                .autoStartup(false) // started by BridgeStartup
                .bean(exceptionSweep, "replayDue");

        // Interval mode: queued restocks go out per warehouse when the window closes or the batch fills.
        from(Schedules.every(RESTOCK_BATCHES, BATCH_CHECK_INTERVAL))
                .routeId(RESTOCK_BATCHES)
                .autoStartup(false) // started by BridgeStartup, after the start-up checks
                .bean(batcher, "flushDue");

        // Integrators edit mapping files in place: a valid edit applies within the interval, a bad one
        // is refused (logged with file and line) and the mappings in force stay. A per-node timer, not a cluster
        // schedule: each node reads its own copy of the files, so each node must watch them.
        from("timer:mapping-watch?delay=" + props.mappings().watchInterval().toMillis()
                + "&period=" + props.mappings().watchInterval().toMillis())
                .routeId(MAPPING_WATCH)
                .autoStartup(false) // started by BridgeStartup
                .bean(mappings, "reloadIfChanged");
    }
}
