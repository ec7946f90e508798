package org.returnsbridge.reconciliation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.returnsbridge.support.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Runs a reconciliation and makes it visible three ways: stored (served as JSON), written as a CSV file
 * for finance into the reports directory, and counted in Micrometer gauges per kind of finding.
 */
public class ReconciliationService {

    private static final Logger log = LoggerFactory.getLogger(ReconciliationService.class);

    private final Reconciler reconciler;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Path reportsDir;
    private final Clock clock;
    private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();

    public ReconciliationService(Reconciler reconciler, JdbcTemplate jdbc, ObjectMapper json, Path reportsDir,
                                 Clock clock, MeterRegistry meters) {
        this.reconciler = reconciler;
        this.jdbc = jdbc;
        this.json = json;
        this.reportsDir = reportsDir;
        this.clock = clock;
        for (String kind : Finding.KINDS) {
            AtomicLong value = new AtomicLong();
            gauges.put(kind, value);
            Gauge.builder("bridge.reconciliation.findings", value, AtomicLong::get)
                    .description("findings of the latest reconciliation run, per kind").tag("kind", kind).register(meters);
        }
    }

    /** The business day before today, in the reconciliation's time zone: what the daily run covers. */
    public LocalDate yesterday() {
        return LocalDate.now(clock.withZone(reconciler.zone())).minusDays(1);
    }

    public ReconciliationReport runYesterday() {
        return run(yesterday());
    }

    public ReconciliationReport run(LocalDate day) {
        ReconciliationReport report = reconciler.run(day);
        store(report);
        Path csv = writeCsv(report);
        report.counts().forEach((kind, count) -> gauges.get(kind).set(count));
        log.info("Reconciliation of {} ({}): {} findings {} — {}", day, report.zone(), report.findings().size(),
                report.counts(), csv.toAbsolutePath());
        return report;
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
            body = json.writeValueAsString(Map.of("date", report.date().toString(), "zone", report.zone(),
                    "generatedAt", report.generatedAt().toString(), "clean", report.isClean(), "counts", report.counts(),
                    "findings", report.findings()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        OffsetDateTime generated = Sql.utc(report.generatedAt());
        int updated = jdbc.update("UPDATE reconciliation_report SET zone = ?, generated_at = ?, findings_count = ?,"
                + " report_json = ? WHERE report_date = ?", report.zone(), generated, report.findings().size(), body,
                report.date());
        if (updated == 0) {
            jdbc.update("INSERT INTO reconciliation_report (report_date, zone, generated_at, findings_count, report_json)"
                    + " VALUES (?, ?, ?, ?, ?)", report.date(), report.zone(), generated, report.findings().size(), body);
        }
    }

    /** Written to a temporary file and moved into place, so finance never opens a half-written report. */
    private Path writeCsv(ReconciliationReport report) {
        Path target = csvFile(report.date());
        try {
            Files.createDirectories(reportsDir);
            Path temp = Files.createTempFile(reportsDir, ".reconciliation-", ".csv");
            Files.writeString(temp, FindingsCsv.write(report.findings()), StandardCharsets.UTF_8);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the reconciliation report to " + target, e);
        }
    }
}
