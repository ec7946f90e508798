package org.returnsbridge.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Told about every stored change to a Reveni return, whoever made it (admin API or trickle). This is the
 * hook for sending webhooks: {@link WebhookSender} subscribes here, looks up the {@link WebhookRegistration}s
 * and POSTs {@code return.created} / {@code return.updated} events. Called on the changing thread: a
 * listener must return quickly and never throw.
 */
@FunctionalInterface
interface ReturnChangeListener {

    /** @param eventType {@code "return.created"} or {@code "return.updated"}; {@code snapshot} is a private copy */
    void returnChanged(String eventType, ObjectNode snapshot);
}
