package org.returnsbridge.monitoring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.returnsbridge.failure.ExceptionCategory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The business gauges that count database state: ledger lines by outcome and warehouse, open exceptions,
 * poll lag and the last complete poll, the webhook inbox's backlog, the interval queue, the latest
 * reconciliation's findings. Several nodes share one database, so each reads
 * the tables (not its own memory) and all report the same numbers; one set of aggregate queries every
 * refresh interval, on a thread of its own, however often Prometheus scrapes.
 */
public class DatabaseGauges implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DatabaseGauges.class);

    private final DatabaseSnapshotReader reader;
    private final Clock clock;
    private final Duration refreshInterval;
    private final MultiGauge lines;
    private final MultiGauge unitsRestocked;
    private final MultiGauge salesRecords;
    private final MultiGauge returns;
    private final MultiGauge returnsOldest;
    private final MultiGauge openExceptions;
    private final MultiGauge pollLag;
    private final MultiGauge reconciliationFindings;
    private volatile DatabaseSnapshot latest = DatabaseSnapshot.empty();
    private volatile boolean failing;
    private ScheduledExecutorService refresher;

    DatabaseGauges(DatabaseSnapshotReader reader, Clock clock, Duration refreshInterval, MeterRegistry meters) {
        this.reader = reader;
        this.clock = clock;
        this.refreshInterval = refreshInterval;
        lines = MultiGauge.builder("bridge.lines")
                .description("Ledger lines by outcome (restocked, not_restocked, held, exception, received, restocking)"
                        + " and Sitoo warehouse (none before one is mapped)")
                .register(meters);
        unitsRestocked = MultiGauge.builder("bridge.units.restocked")
                .description("Units put back into stock, per Sitoo warehouse").register(meters);
        returns = MultiGauge.builder("bridge.returns")
                .description("Returns first seen in the last 30 days, by transition state (as GET /api/returns/{id} shows it)")
                .register(meters);
        returnsOldest = MultiGauge.builder("bridge.returns.oldest.age")
                .description("The longest time one of those returns has been in its transition state")
                .baseUnit("seconds").register(meters);
        salesRecords = MultiGauge.builder("bridge.sales.records")
                .description("Refunds and exchanges by state: recorded (one Sitoo return order), pending, not_recorded,"
                        + " exception (could not be recorded)").register(meters);
        openExceptions = MultiGauge.builder("bridge.exceptions.open")
                .description("Open records in the exception queue, per category").register(meters);
        Gauge.builder("bridge.exceptions.oldest.open.age", this, gauges -> gauges.ageOf(gauges.latest.oldestOpenException()))
                .description("Age of the oldest open exception (0 when none is open)").baseUnit("seconds").register(meters);
        pollLag = MultiGauge.builder("bridge.poll.lag")
                .description("Now minus how far Reveni has been read (the later of the poll checkpoint and the start of"
                        + " the last complete poll), per store (all: one checkpoint for every store)")
                .baseUnit("seconds").register(meters);
        Gauge.builder("bridge.poll.last.success", this, gauges -> epochSeconds(gauges.latest.lastCompletePoll()))
                .description("When the last Reveni poll that read every page finished, on any node (Unix time, 0 never)")
                .baseUnit("seconds").register(meters);
        Gauge.builder("bridge.webhooks.inbox.backlog", this, gauges -> gauges.latest.webhookBacklog())
                .description("Webhook events received and not yet processed").register(meters);
        Gauge.builder("bridge.webhooks.inbox.oldest.age", this, gauges -> gauges.ageOf(gauges.latest.oldestWebhook()))
                .description("Age of the oldest unprocessed webhook event (0 when none waits)").baseUnit("seconds")
                .register(meters);
        Gauge.builder("bridge.interval.queue.depth", this, gauges -> gauges.latest.intervalQueueDepth())
                .description("Lines queued for the next interval-mode batch stock-in").register(meters);
        Gauge.builder("bridge.reconciliation.last.run", this, gauges -> epochSeconds(gauges.latest.lastReconciliation()))
                .description("When the latest reconciliation report was generated, on any node (Unix time, 0 never)")
                .baseUnit("seconds").register(meters);
        reconciliationFindings = MultiGauge.builder("bridge.reconciliation.findings")
                .description("Findings of the latest business day's stored reconciliation report, per kind, on any node")
                .register(meters);
        Gauge.builder("bridge.metrics.refreshed", this, gauges -> epochSeconds(gauges.latest.takenAt()))
                .description("When these database gauges were last read from the database (Unix time, 0 never)")
                .baseUnit("seconds").register(meters);
    }

    /** Reads the tables once and shows the result; on a database error the previous numbers stay. */
    public void refresh() {
        try {
            DatabaseSnapshot snapshot = reader.read();
            show(snapshot);
            latest = snapshot;
            if (failing) {
                log.info("Business gauges read the database again");
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("Business gauges could not read the database; they keep their last values: {}", e.toString());
                failing = true;
            }
        }
    }

    private void show(DatabaseSnapshot snapshot) {
        lines.register(snapshot.lines().stream()
                .map(count -> MultiGauge.Row.of(Tags.of("outcome", count.outcome(), "warehouse", count.warehouse()),
                        count.lines()))
                .toList(), true);
        unitsRestocked.register(snapshot.lines().stream()
                .filter(count -> "restocked".equals(count.outcome()))
                .map(count -> MultiGauge.Row.of(Tags.of("warehouse", count.warehouse()), count.units()))
                .toList(), true);
        returns.register(snapshot.returns().entrySet().stream()
                .map(entry -> MultiGauge.Row.of(Tags.of("state", entry.getKey().name().toLowerCase(java.util.Locale.ROOT)),
                        entry.getValue().returns()))
                .toList(), true);
        returnsOldest.register(snapshot.returns().entrySet().stream()
                .map(entry -> MultiGauge.Row.of(Tags.of("state", entry.getKey().name().toLowerCase(java.util.Locale.ROOT)),
                        entry.getValue().oldestAgeSeconds()))
                .toList(), true);
        salesRecords.register(snapshot.sales().stream()
                .map(count -> MultiGauge.Row.of(Tags.of("kind", count.kind(), "state", count.state()), count.records()))
                .toList(), true);
        List<MultiGauge.Row<?>> open = new ArrayList<>();
        for (ExceptionCategory category : ExceptionCategory.values()) {
            // Every category, zero included: an alert on one category has a series to watch from the start.
            long count = snapshot.openExceptionsByCategory().getOrDefault(category.name(), 0L);
            open.add(MultiGauge.Row.of(Tags.of("category", category.name().toLowerCase(java.util.Locale.ROOT)), count));
        }
        openExceptions.register(open, true);
        pollLag.register(snapshot.checkpoints().stream()
                .map(store -> MultiGauge.Row.of(Tags.of("store", store.store()), ageOf(store.checkpointAt())))
                .toList(), true);
        reconciliationFindings.register(snapshot.latestFindings().entrySet().stream()
                .map(kind -> MultiGauge.Row.of(Tags.of("kind", kind.getKey()), kind.getValue()))
                .toList(), true);
    }

    private double ageOf(Instant since) {
        return since == null ? 0 : Math.max(0, Duration.between(since, clock.instant()).toMillis() / 1000.0);
    }

    private static double epochSeconds(Instant at) {
        return at == null ? 0 : at.toEpochMilli() / 1000.0;
    }

    @Override
    public void start() {
        refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "business-gauges");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(this::refresh, 0, refreshInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        refresher.shutdownNow();
        refresher = null;
    }

    @Override
    public boolean isRunning() {
        return refresher != null;
    }
}
