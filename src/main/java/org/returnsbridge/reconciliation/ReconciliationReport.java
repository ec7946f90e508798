package org.returnsbridge.reconciliation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The reconciliation of one business day: every finding, and how many of each kind. */
public record ReconciliationReport(LocalDate date, String zone, Instant generatedAt, List<Finding> findings) {

    public Map<String, Long> counts() {
        Map<String, Long> counts = new TreeMap<>();
        Finding.KINDS.forEach(kind -> counts.put(kind, 0L));
        findings.forEach(f -> counts.merge(f.kind(), 1L, Long::sum));
        return counts;
    }

    public boolean isClean() {
        return findings.isEmpty();
    }
}
