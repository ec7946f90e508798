package org.returnsbridge.flow;

import java.nio.file.Path;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.Route;
import org.returnsbridge.BridgeProperties;
import org.returnsbridge.SyncMode;
import org.returnsbridge.exceptions.ExceptionQueue;
import org.returnsbridge.mapping.MappingRegistry;
import org.returnsbridge.scheduling.ScheduledWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The start-up sequence, in the order that keeps it safe: check the mappings against Sitoo and the
 * integrators' routes against what the flow needs (either failing stops the application with a
 * message naming the file), settle stock-ins a crash left unconfirmed, start the scheduled routes, and
 * only then let this node take its share of the cluster's scheduled work ({@link ScheduledWork}).
 *
 * <p>It runs as a Camel startup listener, once every route is up, because the Sitoo check goes over
 * Camel's HTTP endpoint; an exception here fails Camel's start, and with it the application's.
 */
@Component
public class BridgeStartup implements ExtendedStartupListener {

    private static final Logger log = LoggerFactory.getLogger(BridgeStartup.class);
    /** The endpoints the Java routes hand lines to; routes/ must provide them. */
    private static final List<String> REQUIRED_INTEGRATOR_ROUTES = List.of("direct://line-by-condition");
    /**
     * A route property ({@code .routeProperty(AFTER_START_UP_CHECKS, "true")}) for a route that does not start
     * with Camel but here, once the checks are done: how a package above the flow (webhooks, whose inbox
     * sweep hands events to the flow) has its scheduled route started without the flow depending on it. A
     * property rather than a route group: Hawtio would fold every route of the context into group folders.
     */
    public static final String AFTER_START_UP_CHECKS = "startedAfterStartUpChecks";

    private final MappingRegistry mappings;
    private final org.returnsbridge.reveni.ReveniClient reveni;
    private final ExceptionQueue exceptions;
    private final CamelContext camel;
    private final BridgeProperties props;
    private final PollSchedule schedule;
    private final ScheduledWork scheduledWork;
    private final UnconfirmedRestocks unconfirmed;

    public BridgeStartup(MappingRegistry mappings, org.returnsbridge.reveni.ReveniClient reveni,
                         ExceptionQueue exceptions, CamelContext camel, BridgeProperties props,
                         PollSchedule schedule, ScheduledWork scheduledWork, UnconfirmedRestocks unconfirmed) {
        this.mappings = mappings;
        this.reveni = reveni;
        this.exceptions = exceptions;
        this.camel = camel;
        this.props = props;
        this.schedule = schedule;
        this.scheduledWork = scheduledWork;
        this.unconfirmed = unconfirmed;
        try {
            camel.addStartupListener(this);
        } catch (Exception e) {
            throw new IllegalStateException("cannot register the start-up sequence with Camel", e);
        }
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // Too early: routes are not running yet. The work happens in onCamelContextFullyStarted.
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) throws Exception {
        mappings.reload();
        checkIntegratorRoutes();
        exceptions.reopenInterruptedReplays();
        // Through the sweep's own route, as on its schedule: the database step and each line's ids show there too.
        unconfirmed.settle();
        camel.getRouteController().startRoute(SweepRoutes.RESTOCK_SWEEP);
        camel.getRouteController().startRoute(SweepRoutes.EXCEPTION_SWEEP);
        camel.getRouteController().startRoute(MappingWatchRoutes.MAPPING_WATCH);
        startRoutesMarkedToStartAfterTheChecks();
        registerWebhook();
        // In immediate mode too: lines queued before a switch from interval mode still go out.
        camel.getRouteController().startRoute(SweepRoutes.RESTOCK_BATCHES);
        if (props.sync().mode() == SyncMode.INTERVAL) {
            log.info("Sync mode INTERVAL: restocks are sent per warehouse every {} or {} lines", props.sync().window(),
                    props.sync().batchSize());
        }
        if (props.poll().enabled()) {
            camel.getRouteController().startRoute(PollRoutes.POLL_SCHEDULE);
            log.info("Polling Reveni on cron '{}'", schedule.cron());
        } else {
            log.warn("Polling is disabled (BRIDGE_POLL_ENABLED=false)");
        }
        // Last: the cluster's triggers may fire here only once every scheduled route above is running.
        scheduledWork.open();
    }

    private void startRoutesMarkedToStartAfterTheChecks() throws Exception {
        for (Route route : camel.getRoutes()) {
            if ("true".equals(String.valueOf(route.getProperties().get(AFTER_START_UP_CHECKS)))) {
                camel.getRouteController().startRoute(route.getRouteId());
            }
        }
    }

    /** Asked for with BRIDGE_WEBHOOK_REGISTER_URL: Reveni is told where to send return events. */
    private void registerWebhook() {
        String url = props.webhooks().registerUrl();
        if (url != null && !url.isBlank()) {
            reveni.registerWebhook(url.trim());
            log.info("Registered {} with Reveni for return.created and return.updated", url.trim());
        }
    }

    private void checkIntegratorRoutes() {
        for (String endpoint : REQUIRED_INTEGRATOR_ROUTES) {
            boolean consumed = camel.getRoutes().stream()
                    .anyMatch(route -> route.getEndpoint().getEndpointUri().equals(endpoint));
            if (!consumed) {
                String pattern = camel.getPropertiesComponent().resolveProperty("camel.main.routes-include-pattern")
                        .orElse("?");
                throw new IllegalStateException("No route consumes " + endpoint + ": the YAML routes BRIDGE_ROUTES '"
                        + pattern + "' (working directory " + Path.of("").toAbsolutePath()
                        + ") must define it; see routes/line-by-condition.yaml, or unset BRIDGE_ROUTES to use the"
                        + " routes packaged in the jar");
            }
        }
    }
}
