package org.returnsbridge.operations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.returnsbridge.reconciliation.Finding;

/**
 * A stored reconciliation report as the page shows it: when it ran, how many findings of each kind, and the
 * findings themselves up to a bound (the CSV holds them all). The stored report may itself hold fewer findings than
 * it counts (bridge.reconciliation.max-stored-findings): "more" is counted from the counts, not the list. Read from the report's stored JSON, the same
 * document {@code GET /api/reconciliation/{date}} serves, so the page and the API cannot disagree.
 */
public record ReconciliationView(String date, String zone, Instant generatedAt, boolean clean, List<KindCount> counts,
                                 List<Finding> findings, int more, String csvUrl) {

    public record KindCount(String kind, long count) {}

    static ReconciliationView of(String storedJson, ObjectMapper json, int maxFindings) {
        try {
            JsonNode report = json.readTree(storedJson);
            String date = report.path("date").asText();
            List<KindCount> counts = new ArrayList<>();
            long total = 0;
            for (var e : report.path("counts").properties()) {
                total += e.getValue().asLong();
                if (e.getValue().asLong() > 0) {
                    counts.add(new KindCount(e.getKey(), e.getValue().asLong()));
                }
            }
            List<Finding> findings = Arrays.asList(json.treeToValue(report.path("findings"), Finding[].class));
            List<Finding> shown = findings.subList(0, Math.min(maxFindings, findings.size()));
            return new ReconciliationView(date, report.path("zone").asText(), Instant.parse(report.path("generatedAt").asText()),
                    total == 0, counts, shown, (int) Math.min(total - shown.size(), Integer.MAX_VALUE),
                    "/api/reconciliation/" + date + "/csv");
        } catch (IOException e) {
            throw new UncheckedIOException("a stored reconciliation report could not be read", e);
        }
    }
}
