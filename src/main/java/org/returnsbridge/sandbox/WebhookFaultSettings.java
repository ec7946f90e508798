package org.returnsbridge.sandbox;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * How the sandbox's webhook sending misbehaves, as set through {@code PUT /sandbox/reveni/webhook-faults}.
 * Every field is optional (missing = 0 = off); rates are per event and URL, drawn from a Random seeded with
 * {@code seed}. The contract allows both duplicates and reordering, so a receiver must survive them.
 *
 * @param rateDuplicate send the event twice: same id, same body, same signature
 * @param rateReorder   hold the event back and send it right after the next event for the same URL
 * @param delayMillis   wait this long before sending each event
 */
// Unknown names are refused so a typo never silently means "no fault".
@JsonIgnoreProperties(ignoreUnknown = false)
record WebhookFaultSettings(long seed, double rateDuplicate, double rateReorder, long delayMillis) {

    static final WebhookFaultSettings NONE = new WebhookFaultSettings(0, 0, 0, 0);

    WebhookFaultSettings {
        requireProbability("rateDuplicate", rateDuplicate);
        requireProbability("rateReorder", rateReorder);
        if (delayMillis < 0) {
            throw new IllegalArgumentException("delayMillis must not be negative, was " + delayMillis);
        }
    }

    private static void requireProbability(String name, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(name + " must be a probability between 0.0 and 1.0, was " + value);
        }
    }
}
