package org.returnsbridge.sandbox;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The most recent webhook deliveries, oldest first; bounded so a long benchmark cannot exhaust memory. */
final class WebhookDeliveryLog {

    static final int CAPACITY = 1000;

    private final Deque<WebhookDelivery> deliveries = new ArrayDeque<>();

    synchronized void add(WebhookDelivery delivery) {
        if (deliveries.size() == CAPACITY) {
            deliveries.removeFirst();
        }
        deliveries.addLast(delivery);
    }

    synchronized List<WebhookDelivery> all() {
        return List.copyOf(deliveries);
    }

    synchronized void clear() {
        deliveries.clear();
    }
}
