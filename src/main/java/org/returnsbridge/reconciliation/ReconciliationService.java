package org.returnsbridge.reconciliation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.returnsbridge.support.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Runs a reconciliation and makes it visible two ways: stored (served as JSON, and read by the findings gauge on
 * every node), and written as a CSV file for finance into the reports directory.
 */
public class ReconciliationService {

    private static final Logger log = LoggerFactory.getLogger(ReconciliationService.class);
    /** Sitoo rows parked per database round trip. */
    private static final int SCRATCH_BATCH = 500;
    /** Scratch rows older than this belong to a run that died: every run deletes its own when it ends. */
    private static final java.time.Duration ABANDONED_AFTER = java.time.Duration.ofDays(1);

    private final Reconciler reconciler;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Path reportsDir;
    private final Clock clock;
    private final int maxStoredFindings;

    public ReconciliationService(Reconciler reconciler, JdbcTemplate jdbc, ObjectMapper json, Path reportsDir,
                                 Clock clock, int maxStoredFindings) {
        this.reconciler = reconciler;
        this.jdbc = jdbc;
        this.json = json;
        this.reportsDir = reportsDir;
        this.clock = clock;
        this.maxStoredFindings = maxStoredFindings;
    }

    /** The business day before today, in the reconciliation's time zone: what the daily run covers. */
    public LocalDate yesterday() {
        return LocalDate.now(clock.withZone(reconciler.zone())).minusDays(1);
    }

    public ReconciliationReport runYesterday() {
        return run(yesterday());
    }

    /**
     * Reconciles {@code day}: the CSV is written a finding at a time to a temporary file, moved into place once the
     * run is complete (finance never opens a half-written report), then the report is stored.
     */
    public ReconciliationReport run(LocalDate day) {
        Path target = csvFile(day);
        Path temp = null;
        ReconciliationScratch.deleteAbandoned(jdbc, clock.instant().minus(ABANDONED_AFTER));
        try {
            Files.createDirectories(reportsDir);
            temp = Files.createTempFile(reportsDir, ".reconciliation-", ".csv");
            ReconciliationReport report;
            try (Writer csv = Files.newBufferedWriter(temp, StandardCharsets.UTF_8);
                 ReconciliationScratch scratch = new ReconciliationScratch(jdbc, clock, SCRATCH_BATCH)) {
                FindingSink sink = new FindingSink(csv, maxStoredFindings);
                reconciler.run(day, sink, scratch);
                report = new ReconciliationReport(day, reconciler.zone().getId(), clock.instant(), sink.kept(),
                        sink.counts());
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            store(report);
            log.info("Reconciliation of {} ({}): {} findings {} — {}", day, report.zone(), report.findingsCount(),
                    report.counts(), target.toAbsolutePath());
            return report;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the reconciliation report to " + target, e);
        } finally {
            deleteQuietly(temp);
        }
    }

    public Optional<String> storedJson(LocalDate day) {
        return jdbc.queryForList("SELECT report_json FROM reconciliation_report WHERE report_date = ?", String.class, day)
                .stream().findFirst();
    }

    /** The day of the newest stored report (the operations page opens on it); empty before the first run. */
    public Optional<LocalDate> latestDate() {
        return jdbc.queryForList("SELECT MAX(report_date) FROM reconciliation_report", LocalDate.class).stream()
                .filter(java.util.Objects::nonNull).findFirst();
    }

    public Path csvFile(LocalDate day) {
        return reportsDir.resolve("reconciliation-" + day + ".csv");
    }

    private void store(ReconciliationReport report) {
        String body;
        try {
            Map<String, Object> stored = new LinkedHashMap<>();
            stored.put("date", report.date().toString());
            stored.put("zone", report.zone());
            stored.put("generatedAt", report.generatedAt().toString());
            stored.put("clean", report.isClean());
            stored.put("counts", report.counts());
            stored.put("findingsCount", report.findingsCount());
            // Bounded (max-stored-findings): the CSV has every finding; "truncated" says when this list has not.
            stored.put("truncated", report.isTruncated());
            stored.put("findings", report.findings());
            body = json.writeValueAsString(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        OffsetDateTime generated = Sql.utc(report.generatedAt());
        int updated = jdbc.update("UPDATE reconciliation_report SET zone = ?, generated_at = ?, findings_count = ?,"
                + " report_json = ? WHERE report_date = ?", report.zone(), generated, (int) Math.min(report.findingsCount(), Integer.MAX_VALUE), body,
                report.date());
        if (updated == 0) {
            jdbc.update("INSERT INTO reconciliation_report (report_date, zone, generated_at, findings_count, report_json)"
                    + " VALUES (?, ?, ?, ?, ?)", report.date(), report.zone(), generated, (int) Math.min(report.findingsCount(), Integer.MAX_VALUE), body);
        }
    }

    private static void deleteQuietly(Path temp) {
        try {
            if (temp != null) {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            log.warn("Could not delete the temporary report {}: {}", temp, e.getMessage());
        }
    }
}
