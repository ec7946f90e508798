package org.returnsbridge.sandbox;

/**
 * The outcome of sending one event to one URL, after all its attempts: {@code status} is the last HTTP
 * status received (null if none), {@code error} says why it failed (null when a 2xx was received).
 */
record WebhookDelivery(String eventId, String event, String returnId, String url, Integer status, String error,
        int attempts, String sentAt) {
}
