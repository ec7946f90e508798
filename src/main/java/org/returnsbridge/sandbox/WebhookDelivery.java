package org.returnsbridge.sandbox;

/**
 * The outcome of sending one event to one URL, after all its attempts: {@code status} is the last HTTP
 * status received (null if none), {@code error} says why it failed (null when a 2xx was received).
 *
 * <p>The millisecond fields (sandbox clock, epoch milliseconds) are for timing a bridge against: when the
 * change was queued for this URL, when the first attempt left, and when the last attempt was answered.
 * {@code sequence} orders the events queued by this sandbox (a retry or an injected duplicate keeps its
 * event's number), so a reader can tell which of a return's changes a delivery carried.
 */
record WebhookDelivery(String eventId, String event, String returnId, String url, Integer status, String error,
        int attempts, String sentAt, long sequence, long queuedAtMillis, long firstSentAtMillis,
        long answeredAtMillis) {
}
