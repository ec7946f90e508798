package org.returnsbridge.sandbox;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the vendor API requests received, keyed like {@code "sitoo POST warehousetransactions"}, so a test
 * can prove that a vendor was not called at all. Admin calls are not counted.
 */
final class CallCounter {

    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    void record(String key) {
        counts.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    }

    Map<String, Long> snapshot() {
        Map<String, Long> sorted = new TreeMap<>();
        counts.forEach((key, count) -> sorted.put(key, count.get()));
        return sorted;
    }

    void reset() {
        counts.clear();
    }
}
