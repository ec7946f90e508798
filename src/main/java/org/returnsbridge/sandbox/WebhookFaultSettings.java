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
 * @param lanes         how many events may be on their way to one URL at once (0 or 1: one at a time, in the
 *                      order of the changes); with more, events of different returns overtake each other, a
 *                      return's own stay in order (a sender that delivers in parallel, as the contract allows)
 */
// Unknown names are refused so a typo never silently means "no fault".
@JsonIgnoreProperties(ignoreUnknown = false)
record WebhookFaultSettings(long seed, double rateDuplicate, double rateReorder, long delayMillis, int lanes) {

    static final WebhookFaultSettings NONE = new WebhookFaultSettings(0, 0, 0, 0, 0);
    /** Enough to keep a receiver busy at any rate a benchmark sends; a bound, so a URL's lanes stay few. */
    static final int MAX_LANES = 64;

    WebhookFaultSettings {
        requireProbability("rateDuplicate", rateDuplicate);
        requireProbability("rateReorder", rateReorder);
        if (delayMillis < 0) {
            throw new IllegalArgumentException("delayMillis must not be negative, was " + delayMillis);
        }
        if (lanes < 0 || lanes > MAX_LANES) {
            throw new IllegalArgumentException("lanes must be 0.." + MAX_LANES + ", was " + lanes);
        }
    }

    private static void requireProbability(String name, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(name + " must be a probability between 0.0 and 1.0, was " + value);
        }
    }
}
