package org.returnsbridge.reconciliation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a run's findings go as they are found, so a day with a million of them never sits in the heap: every
 * finding is written to the CSV at once and counted per kind; only the first {@code keep} are held, for the stored
 * JSON report and the operations page (the CSV has them all).
 */
class FindingSink {

    private final Writer csv;
    private final int keep;
    private final List<Finding> kept = new ArrayList<>();
    private final Map<String, Long> counts = new TreeMap<>();

    FindingSink(Writer csv, int keep) {
        this.csv = csv;
        this.keep = keep;
        Finding.KINDS.forEach(kind -> counts.put(kind, 0L));
        write(FindingsCsv.header());
    }

    void add(Finding finding) {
        counts.merge(finding.kind(), 1L, Long::sum);
        if (kept.size() < keep) {
            kept.add(finding);
        }
        write(FindingsCsv.row(finding));
    }

    List<Finding> kept() {
        return List.copyOf(kept);
    }

    Map<String, Long> counts() {
        return Map.copyOf(counts);
    }

    private void write(String row) {
        try {
            csv.write(row);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the reconciliation CSV", e);
        }
    }
}
