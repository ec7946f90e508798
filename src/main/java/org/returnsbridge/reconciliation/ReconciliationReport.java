package org.returnsbridge.reconciliation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The reconciliation of one business day: how many findings of each kind (every kind, 0 included), and the
 * findings themselves up to the run's bound ({@code bridge.reconciliation.max-stored-findings}); the day's CSV
 * holds every finding.
 */
public record ReconciliationReport(LocalDate date, String zone, Instant generatedAt, List<Finding> findings,
                                   Map<String, Long> counts) {

    public ReconciliationReport {
        findings = List.copyOf(findings);
        counts = new TreeMap<>(counts);
    }

    /** Every finding of the day, those left out of {@link #findings()} included. */
    public long findingsCount() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Whether {@link #findings()} holds fewer than all: the rest are in the CSV only. */
    public boolean isTruncated() {
        return findings.size() < findingsCount();
    }

    public boolean isClean() {
        return findingsCount() == 0;
    }
}
