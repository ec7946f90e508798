package org.returnsbridge.sandbox;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The misbehaviour one fake vendor shows, as set through {@code PUT /sandbox/faults/{vendor}}. Every field
 * is optional (missing = 0 = off). Rates are probabilities per API request, drawn from a Random seeded
 * with {@code seed} so a failing test run can be repeated.
 *
 * @param rate429RetryAfter     429 with a {@code Retry-After: retryAfterSeconds} header
 * @param rate429               429 without any header (Sitoo publishes none: the client must back off anyway)
 * @param rate500               500 with the vendor's error body
 * @param rateSlow              sleep {@code slowMillis}, then answer normally (combines with the others)
 * @param rateDrop              close the connection without answering, before the request is applied
 * @param rateDropAfterCommit   (sandbox extension) apply a write, then close the connection without
 *                              answering: the nastiest case for exactly-once
 * @param rateElementFailure    per element of a multi-element warehousetransactions POST: a 400 envelope, not applied
 * @param outageSeconds         from now on every request answers 503 until that many seconds have passed
 * @param holdAfterCommitMillis a write (warehousetransactions, orders) is applied first, then its answer waits
 * @param latencyMillis         every request takes at least this long (a real API is not on localhost)
 * @param rateLimitPerSecond    more requests than this within one second are answered 429 without
 *                              Retry-After, as Sitoo does (0 = no limit)
 */
// Unknown names are refused so a typo never silently means "no fault"; the one extra field that
// GET /sandbox/faults/{vendor} reports is accepted, so a GET answer can be PUT back as it is.
@JsonIgnoreProperties(value = "outageSecondsLeft", ignoreUnknown = false)
record FaultSettings(long seed, double rate429RetryAfter, int retryAfterSeconds, double rate429, double rate500,
        double rateSlow, long slowMillis, double rateDrop, double rateDropAfterCommit, double rateElementFailure,
        long outageSeconds, long holdAfterCommitMillis, long latencyMillis, int rateLimitPerSecond) {

    static final FaultSettings NONE = new FaultSettings(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    FaultSettings {
        requireProbability("rate429RetryAfter", rate429RetryAfter);
        requireProbability("rate429", rate429);
        requireProbability("rate500", rate500);
        requireProbability("rateSlow", rateSlow);
        requireProbability("rateDrop", rateDrop);
        requireProbability("rateDropAfterCommit", rateDropAfterCommit);
        requireProbability("rateElementFailure", rateElementFailure);
        requireNotNegative("retryAfterSeconds", retryAfterSeconds);
        requireNotNegative("slowMillis", slowMillis);
        requireNotNegative("outageSeconds", outageSeconds);
        requireNotNegative("holdAfterCommitMillis", holdAfterCommitMillis);
        requireNotNegative("latencyMillis", latencyMillis);
        requireNotNegative("rateLimitPerSecond", rateLimitPerSecond);
    }

    private static void requireProbability(String name, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(name + " must be a probability between 0.0 and 1.0, was " + value);
        }
    }

    private static void requireNotNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
    }
}
