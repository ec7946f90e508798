package org.returnsbridge.webhooks;

import org.apache.camel.InOnly;

/**
 * The queue of stored events waiting for a webhook worker ({@link WebhookRoutes#EVENTS}), as the controller
 * sees it (Camel's bean proxy). Handing an event over does not wait for it to be processed; a full queue
 * throws, and the inbox sweep takes the event later.
 */
public interface WebhookEvents {

    @InOnly
    void queue(String eventId);
}
