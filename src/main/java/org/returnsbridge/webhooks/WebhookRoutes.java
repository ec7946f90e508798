package org.returnsbridge.webhooks;

import java.time.Duration;

import org.apache.camel.builder.RouteBuilder;
import org.returnsbridge.BridgeProperties;
import org.returnsbridge.flow.BridgeStartup;
import org.returnsbridge.scheduling.Schedules;
import org.springframework.stereotype.Component;

/**
 * Stored webhook events are processed off the HTTP thread by several workers (events of the same return
 * one after the other): in immediate mode, lines restocked at the same moment then share Sitoo requests,
 * which keeps a webhook peak within Sitoo's rate limit without making each line wait its turn.
 */
@Component
public class WebhookRoutes extends RouteBuilder {

    public static final String EVENTS = "seda:reveni-webhook-events?size=10000&blockWhenFull=false";
    public static final String INBOX_SWEEP = "webhook-inbox-sweep";
    private static final Duration INBOX_SWEEP_INTERVAL = Duration.ofSeconds(5);

    private final WebhookProcessor processor;
    private final int workers;

    public WebhookRoutes(WebhookProcessor processor, BridgeProperties props) {
        this.processor = processor;
        this.workers = props.webhooks().workers();
    }

    @Override
    public void configure() {
        from(EVENTS + "&concurrentConsumers=" + workers)
                .routeId("webhook-event")
                .bean(processor, "process");

        // Stored events still unprocessed after a while (their node stopped or died first, or the queue was full).
        from(Schedules.every(INBOX_SWEEP, INBOX_SWEEP_INTERVAL))
                .routeId(INBOX_SWEEP)
                .autoStartup(false)
                .routeProperty(BridgeStartup.AFTER_START_UP_CHECKS, "true") // started once the mappings are checked
                .bean(processor, "processLeftovers");
    }
}
