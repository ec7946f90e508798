package org.returnsbridge.webhooks;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** Stored webhook events are processed one at a time, in arrival order, off the HTTP thread. */
@Component
public class WebhookRoutes extends RouteBuilder {

    public static final String EVENTS = "seda:reveni-webhook-events?size=10000&blockWhenFull=false";
    public static final String INBOX_SWEEP = "webhook-inbox-sweep";

    private final WebhookProcessor processor;

    public WebhookRoutes(WebhookProcessor processor) {
        this.processor = processor;
    }

    @Override
    public void configure() {
        from(EVENTS)
                .routeId("webhook-event")
                .bean(processor, "process");

        from("timer:webhook-inbox-sweep?delay=5000&period=5000")
                .routeId(INBOX_SWEEP)
                .autoStartup(false) // started by BridgeStartup, after the mappings are checked
                .bean(processor, "processLeftovers");
    }
}
