package org.returnsbridge.flow;

import static org.returnsbridge.flow.ReturnsPoller.NEXT_PAGE;

import org.apache.camel.builder.PredicateBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.returnsbridge.BridgeProperties;
import org.returnsbridge.scheduling.ScheduledWork;
import org.returnsbridge.scheduling.Schedules;
import org.springframework.stereotype.Component;

/**
 * Polling Reveni: on the cluster's schedule, page by page from the checkpoint, each page's returns in
 * parallel into {@code direct:return} ({@link ReturnRoutes}), the checkpoint saved after every page.
 */
@Component
public class PollRoutes extends RouteBuilder {

    public static final String POLL_SCHEDULE = "reveni-poll-schedule";
    public static final String POLL = "direct:reveni-poll";
    /** The route id of {@link #POLL}. */
    public static final String POLL_ROUTE_ID = "reveni-poll";

    private final ReturnsPoller poller;
    private final BridgeProperties props;
    private final PollSchedule schedule;
    private final ScheduledWork scheduledWork;

    public PollRoutes(ReturnsPoller poller, BridgeProperties props, PollSchedule schedule, ScheduledWork scheduledWork) {
        this.poller = poller;
        this.props = props;
        this.schedule = schedule;
        this.scheduledWork = scheduledWork;
    }

    @Override
    public void configure() {
        // Scheduled routes run on one node of the cluster at a time, one run at a time (scheduling.Schedules).
        from(Schedules.cron("reveni-poll", schedule.cron()))
                .routeId(POLL_SCHEDULE)
                .autoStartup(false) // started by BridgeStartup once mappings are checked
                .to(POLL).id("poll-now");

        from(POLL)
                .routeId(POLL_ROUTE_ID)
                .onException(Exception.class)
                    .handled(true)
                    .logHandled(false)
                    .bean(poller, "pollFailed").id("poll-failed")
                .end()
                // Quartz's message would put the trigger's headers back into every copy made of it (see the method).
                .bean(poller, "detachFromTrigger").id("drop-trigger-headers")
                .bean(poller, "begin").id("begin-poll")
                // A node shutting down finishes the page in hand and stops: the checkpoint is saved, and the next
                // poll (on another node) goes on from there. The first page is always read, so a poll that ran
                // (a replay of a failed poll, say) has polled.
                .loopDoWhile(PredicateBuilder.and(exchangeProperty(NEXT_PAGE).isNotNull(),
                        exchange -> scheduledWork.isOpen()
                                || !exchange.getProperty(ReturnsPoller.PROGRESS, PollProgress.class).anyPage()))
                        .id("page-by-page")
                    .bean(poller, "fetchNextPage").id("fetch-page")
                    // The returns of a page in parallel (each return's lines in order); the checkpoint is
                    // saved only once the whole page is done. In immediate mode, lines restocked at the
                    // same moment share Sitoo requests, so a polled backlog is not one request per line.
                    .split(body()).streaming().parallelProcessing()
                            .executorService(getCamelContext().getExecutorServiceManager()
                                    .newFixedThreadPool(this, "reveni-poll-worker", props.poll().workers()))
                            .id("split-returns")
                        .to(ReturnRoutes.RETURN).id("each-return")
                    .end()
                    .bean(poller, "saveCheckpoint").id("save-checkpoint")
                .end()
                .bean(poller, "finish").id("finish-poll");
    }
}
