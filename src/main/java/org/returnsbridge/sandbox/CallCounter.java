package org.returnsbridge.sandbox;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the vendor API requests received, keyed like {@code "sitoo POST warehousetransactions"}, so a test
 * can prove that a vendor was not called at all. Admin calls are not counted.
 *
 * <p>Beside it, the same calls by the status they were answered with ({@code "429"}, {@code "200"}, or
 * {@code "dropped"} when the connection was closed unanswered), so a benchmark can report how many requests
 * a rate limit turned away without the counts above changing shape.
 */
final class CallCounter {

    /** What {@link #recordAnswer} records for a request whose connection was closed without an answer. */
    static final String DROPPED = "dropped";

    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final Map<String, Map<String, AtomicLong>> answers = new ConcurrentHashMap<>();

    void record(String key) {
        counts.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    }

    /** @param status the HTTP status sent, or {@link #DROPPED} */
    void recordAnswer(String key, String status) {
        answers.computeIfAbsent(key, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
    }

    Map<String, Long> snapshot() {
        Map<String, Long> sorted = new TreeMap<>();
        counts.forEach((key, count) -> sorted.put(key, count.get()));
        return sorted;
    }

    /** Call key → answered status → count, e.g. {@code {"sitoo GET products": {"200": 300, "429": 4}}}. */
    Map<String, Map<String, Long>> statusSnapshot() {
        Map<String, Map<String, Long>> sorted = new TreeMap<>();
        answers.forEach((key, byStatus) -> {
            Map<String, Long> statuses = new TreeMap<>();
            byStatus.forEach((status, count) -> statuses.put(status, count.get()));
            sorted.put(key, statuses);
        });
        return sorted;
    }

    void reset() {
        counts.clear();
        answers.clear();
    }
}
