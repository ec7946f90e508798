package org.returnsbridge.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Sitoo's stock against the expectation, per (warehouse, SKU), in units: equal, or where not. */
record StockComparison(int mismatches, List<String> examples) {

    static StockComparison of(Map<ExpectedOutcome.StockKey, Long> expected, Map<ExpectedOutcome.StockKey, Long> actual) {
        TreeSet<ExpectedOutcome.StockKey> keys = new TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        int mismatches = 0;
        List<String> examples = new ArrayList<>();
        for (ExpectedOutcome.StockKey key : keys) {
            long want = expected.getOrDefault(key, 0L);
            long have = actual.getOrDefault(key, 0L);
            if (want != have) {
                mismatches++;
                if (examples.size() < 10) {
                    examples.add("warehouse " + key.warehouseId() + " " + key.sku() + ": expected " + want + ", Sitoo has " + have);
                }
            }
        }
        return new StockComparison(mismatches, List.copyOf(examples));
    }

    boolean exact() {
        return mismatches == 0;
    }
}
