package org.returnsbridge.benchmark;

import java.util.Arrays;

/** Nearest-rank percentiles of a set of measurements: the value at or below which p % of them lie. */
final class Percentiles {

    private final long[] sorted;

    Percentiles(long[] values) {
        this.sorted = values.clone();
        Arrays.sort(this.sorted);
    }

    int count() {
        return sorted.length;
    }

    /** @param p 0 < p ≤ 100; null when there is nothing to measure */
    Long at(double p) {
        if (sorted.length == 0) {
            return null;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(rank, sorted.length) - 1)];
    }

    Long max() {
        return sorted.length == 0 ? null : sorted[sorted.length - 1];
    }
}
