package org.returnsbridge.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * A backlog waiting in Reveni when the bridge starts, drained by the bridge (interval or immediate mode; the
 * memory run is the same with more lines and a smaller heap). Done when Sitoo holds exactly the expected
 * units per (warehouse, SKU) and the bridge's ledger has every line where it must end: restocked, not
 * restocked, or (not inspected) held.
 */
final class BacklogDrainScenario {

    /** How often the harness looks at Sitoo's stock: the drain's end is taken from Sitoo's own clock, not this. */
    private static final Duration POLL = Duration.ofSeconds(1);
    /** After the drain, how long no new stock-in may arrive before the final audit (late duplicates show here). */
    private static final Duration QUIET = Duration.ofSeconds(3);
    /** The day-memory run's heap-after-GC sampling: a full collection of the bridge each time, so not too often. */
    private static final Duration HEAP_SAMPLE_PERIOD = Duration.ofSeconds(10);

    private final BenchmarkSettings settings;
    private final BenchmarkCatalogue catalogue;
    private final String id;
    private final String title;
    private final String syncMode;
    private final int maxReturns;
    private final int maxLines;
    private final String heap;
    /** The day-memory run: the heap after GC sampled throughout, and the day reconciled once drained. */
    private final boolean reconcileDay;

    private BacklogDrainScenario(BenchmarkSettings settings, BenchmarkCatalogue catalogue, String id, String title,
                                 String syncMode, int maxReturns, int maxLines, String heap, boolean reconcileDay) {
        this.settings = settings;
        this.catalogue = catalogue;
        this.id = id;
        this.title = title;
        this.syncMode = syncMode;
        this.maxReturns = maxReturns;
        this.maxLines = maxLines;
        this.heap = heap;
        this.reconcileDay = reconcileDay;
    }

    static BacklogDrainScenario backlog(BenchmarkSettings settings, BenchmarkCatalogue catalogue, String syncMode) {
        return new BacklogDrainScenario(settings, catalogue, "backlog-" + syncMode,
                "Backlog drain, bridge " + syncMode + " mode", syncMode, settings.returns(), Integer.MAX_VALUE,
                settings.bridgeHeap(), false);
    }

    static BacklogDrainScenario memory(BenchmarkSettings settings, BenchmarkCatalogue catalogue) {
        return new BacklogDrainScenario(settings, catalogue, "memory",
                "Memory: " + settings.memoryLines() + "-line backlog, interval mode, -Xmx" + settings.memoryHeap(),
                "interval", Integer.MAX_VALUE, settings.memoryLines(), settings.memoryHeap(), false);
    }

    /** A whole day's lines at {@code dayHeap}: drained, then reconciled, the heap after GC sampled all along. */
    static BacklogDrainScenario day(BenchmarkSettings settings, BenchmarkCatalogue catalogue) {
        return new BacklogDrainScenario(settings, catalogue, "memory-day",
                "Memory, a day: " + settings.dayLines() + "-line backlog drained and reconciled, interval mode, -Xmx"
                        + settings.dayHeap(), "interval", Integer.MAX_VALUE, settings.dayLines(), settings.dayHeap(), true);
    }

    ScenarioResult run() {
        ScenarioResult result = new ScenarioResult(id, title);
        result.syncMode = syncMode;
        try (ScenarioEnvironment env = new ScenarioEnvironment(settings, catalogue, id)) {
            result.logDir = env.dir().toString();
            BenchmarkSandbox sandbox = env.startSandbox();
            long seedStart = System.nanoTime();
            ExpectedOutcome expected = BacklogSeeder.seed(sandbox, new BacklogGenerator(catalogue, settings.seed()),
                    maxReturns, maxLines, line -> Console.say(id + ": " + line));
            result.seedSeconds = seconds(System.nanoTime() - seedStart);
            describe(result, expected);
            Console.say(id + ": seeded " + expected.returns() + " returns, " + expected.lines() + " lines ("
                    + expected.restockLines() + " to restock, " + expected.restockUnits() + " units) in "
                    + result.seedSeconds + " s; starting the bridge");
            sandbox.resetCalls();
            RunningBridge bridge = env.startBridge(syncMode, heap, Map.of());
            result.settings.putAll(new TreeMap<>(bridge.env()));
            if (!reconcileDay) {
                drain(result, sandbox, bridge, expected, env.sandboxPid());
                return result;
            }
            try (HeapTrend trend = new HeapTrend(bridge::heapAfterFullGcBytes, HEAP_SAMPLE_PERIOD.toSeconds())) {
                drain(result, sandbox, bridge, expected, env.sandboxPid());
                if (result.finished) {
                    reconcile(result, bridge, trend);
                }
                recordTrend(result, trend.samples());
            }
        } catch (Exception e) {
            result.error = e.toString();
            Console.say(id + ": failed: " + e);
        }
        return result;
    }

    private void drain(ScenarioResult result, BenchmarkSandbox sandbox, RunningBridge bridge, ExpectedOutcome expected,
                       long sandboxPid) throws InterruptedException {
        Instant ledgerFrom = Instant.ofEpochMilli(bridge.startMillis()).minus(Duration.ofHours(1));
        long deadline = System.nanoTime() + Duration.ofMinutes(settings.timeoutMinutes()).toNanos();
        Map<ExpectedOutcome.StockKey, Long> wanted = expected.units();
        long lastReport = System.nanoTime();
        // The bridge's CPU from its first Reveni poll (start-up done) to the drain: its own cost per line.
        OptionalLong cpuAtFirstPoll = OptionalLong.empty();
        OptionalLong cpuAtDrain = OptionalLong.empty();
        // The sandbox shares the machine's cores: its CPU over the same window is part of what bounds the drain.
        OptionalLong sandboxCpuAtFirstPoll = OptionalLong.empty();
        OptionalLong sandboxCpuAtDrain = OptionalLong.empty();
        long firstPollSeenMillis = 0;
        while (true) {
            if (!bridge.alive()) {
                result.error = bridge.exitDescription();
                result.outOfMemory = bridge.sawOutOfMemory();
                return;
            }
            bridge.sampleHeap(); // one small Jolokia read a second: cheap next to the drain it measures
            if (cpuAtFirstPoll.isEmpty() && sandbox.calls("reveni").values().stream().mapToLong(Long::longValue).sum() > 0) {
                cpuAtFirstPoll = ProcessCpu.ownNanos(bridge.pid());
                sandboxCpuAtFirstPoll = sandboxPid > 0 ? ProcessCpu.ownNanos(sandboxPid) : OptionalLong.empty();
                firstPollSeenMillis = System.currentTimeMillis();
            }
            Map<ExpectedOutcome.StockKey, Long> stock = sandbox.stock();
            if (StockComparison.of(wanted, stock).exact()) {
                cpuAtDrain = ProcessCpu.ownNanos(bridge.pid());
                sandboxCpuAtDrain = sandboxPid > 0 ? ProcessCpu.ownNanos(sandboxPid) : OptionalLong.empty();
                // Counted now, before anything the bridge does after the drain (polls, checks) adds to them.
                Map<String, Long> sitooCalls = sandbox.calls("sitoo");
                long sitoo429s = sandbox.answered("sitoo", "429");
                long reveniCalls = sandbox.calls("reveni").values().stream().mapToLong(Long::longValue).sum();
                Map<String, Integer> ledger = bridge.client().ledgerLineStates(ledgerFrom);
                if (ledgerMatches(ledger, expected)) {
                    result.sitooCallsByKind = sitooCalls;
                    result.sitooCalls = sitooCalls.values().stream().mapToLong(Long::longValue).sum();
                    result.sitoo429s = sitoo429s;
                    result.reveniCalls = reveniCalls;
                    result.ledgerLineStates = ledger;
                    result.ledgerAsExpected = true;
                    break;
                }
            }
            if (System.nanoTime() > deadline) {
                result.error = "not drained within " + settings.timeoutMinutes() + " minutes";
                result.ledgerLineStates = safeLedger(bridge, ledgerFrom);
                finalAudit(result, sandbox, bridge, expected);
                return;
            }
            if (System.nanoTime() - lastReport > Duration.ofSeconds(30).toNanos()) {
                lastReport = System.nanoTime();
                long units = stock.values().stream().mapToLong(Long::longValue).sum();
                Console.say(id + ": " + units + " of " + expected.restockUnits() + " units in Sitoo after "
                        + (System.currentTimeMillis() - bridge.startMillis()) / 1000 + " s");
            }
            Thread.sleep(POLL.toMillis());
        }
        awaitQuiet(sandbox);
        TransactionAudit audit = finalAudit(result, sandbox, bridge, expected);
        result.finished = true;
        if (audit.lastRecordedAt() == null) {
            throw new IllegalStateException("the backlog has nothing to restock: no drain to time");
        }
        // The end is Sitoo's record of the last unit, not when the harness happened to look.
        result.drainSeconds = seconds((audit.lastRecordedAt() - bridge.startMillis()) * 1_000_000L);
        result.drainSecondsFromFirstStockIn = seconds((audit.lastRecordedAt() - audit.firstRecordedAt()) * 1_000_000L);
        result.linesPerSecond = round(expected.lines() / result.drainSeconds);
        result.sitooCallsPerRestockedUnit = expected.restockUnits() == 0 ? null
                : Math.round(result.sitooCalls * 10_000.0 / expected.restockUnits()) / 10_000.0;
        if (cpuAtFirstPoll.isPresent() && cpuAtDrain.isPresent()) {
            long drainCpu = cpuAtDrain.getAsLong() - cpuAtFirstPoll.getAsLong();
            result.nodeStartupCpuSeconds = List.of(seconds(cpuAtFirstPoll.getAsLong()));
            result.nodeCpuSeconds = List.of(seconds(drainCpu));
            result.bridgeCpuMillisPerLine = Math.round(drainCpu / 1e4 / expected.lines()) / 100.0;
            result.note("bridge CPU " + result.nodeCpuSeconds.get(0) + " s from its first Reveni poll to the drain ("
                    + result.bridgeCpuMillisPerLine + " ms per line; start-up before it " + result.nodeStartupCpuSeconds.get(0)
                    + " s); sampled about every second, so the window is that coarse");
        }
        if (firstPollSeenMillis > 0) {
            // Where the drain's time went, so a gap to a goal can be read against what bounds each part.
            result.firstPollSeconds = seconds((firstPollSeenMillis - bridge.startMillis()) * 1_000_000L);
            result.note("the drain's parts: bridge start-up to its first Reveni poll " + result.firstPollSeconds
                    + " s (seen by the harness, to about 1 s), first poll to first stock-in "
                    + seconds((audit.firstRecordedAt() - firstPollSeenMillis) * 1_000_000L) + " s, first to last stock-in "
                    + result.drainSecondsFromFirstStockIn + " s");
        }
        if (sandboxCpuAtFirstPoll.isPresent() && sandboxCpuAtDrain.isPresent()) {
            long sandboxCpu = sandboxCpuAtDrain.getAsLong() - sandboxCpuAtFirstPoll.getAsLong();
            result.sandboxCpuSeconds = seconds(sandboxCpu);
            result.note("the sandbox (Reveni pages, Sitoo, the harness's reads) used " + result.sandboxCpuSeconds
                    + " s of CPU over the same window (" + Math.round(sandboxCpu / 1e4 / expected.lines()) / 100.0
                    + " ms per line), on the same cores");
        }
        Console.say(id + ": drained in " + result.drainSeconds + " s (" + result.linesPerSecond + " lines/s), "
                + result.sitooCalls + " Sitoo calls, " + result.sitoo429s + " answered 429, stock exact: " + result.stockExact);
    }

    /**
     * Reconciles the day just drained (today, in the bridge's default zone UTC) and times it; the heap samples go on,
     * labelled "reconciliation", so the report shows what the reconciliation of the whole day holds.
     */
    private void reconcile(ScenarioResult result, RunningBridge bridge, HeapTrend trend) {
        trend.phase("reconciliation");
        long start = System.nanoTime();
        com.fasterxml.jackson.databind.JsonNode report = bridge.client().reconcile(java.time.LocalDate.now(
                java.time.ZoneOffset.UTC), Duration.ofMinutes(settings.timeoutMinutes()));
        result.reconciliationSeconds = seconds(System.nanoTime() - start);
        long findings = 0;
        for (var count : report.path("counts").properties()) {
            findings += count.getValue().asLong();
        }
        result.reconciliationFindings = findings;
        trend.phase("after");
        Console.say(id + ": reconciled the day in " + result.reconciliationSeconds + " s, " + findings + " findings");
        try {
            Thread.sleep(HEAP_SAMPLE_PERIOD.toMillis() + 500); // one sample after it, to see what it left behind
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void recordTrend(ScenarioResult result, List<HeapTrend.Sample> samples) {
        result.heapAfterGcSamples = samples;
        result.heapAfterGcSlopeMbPerMinute = HeapTrend.slopeMbPerMinute(samples);
        double[] thirds = HeapTrend.firstAndLastThird(samples);
        if (thirds != null) {
            result.heapAfterGcFirstThirdMb = thirds[0];
            result.heapAfterGcLastThirdMb = thirds[1];
        }
        result.heapFlat = HeapTrend.flat(thirds);
        result.heapFlatHow = HeapTrend.flatHow(samples, thirds, result.heapAfterGcSlopeMbPerMinute);
        result.heapAfterGcMaxDrainMb = samples.stream().filter(s -> s.phase().equals("drain"))
                .map(HeapTrend.Sample::heapMb).max(Double::compare).orElse(null);
        result.heapAfterGcMaxReconciliationMb = samples.stream().filter(s -> s.phase().equals("reconciliation"))
                .map(HeapTrend.Sample::heapMb).max(Double::compare).orElse(null);
        Console.say(result.scenario + ": heap after GC " + samples.size() + " samples, slope "
                + result.heapAfterGcSlopeMbPerMinute + " MB/min, first third " + result.heapAfterGcFirstThirdMb
                + " MB, last third " + result.heapAfterGcLastThirdMb + " MB");
    }

    /** Sitoo's stock matched; now every other figure is read, memory first while the bridge is surely alive. */
    private TransactionAudit finalAudit(ScenarioResult result, BenchmarkSandbox sandbox, RunningBridge bridge,
                                        ExpectedOutcome expected) {
        bridge.recordMemory(result);
        TransactionAudit audit = result.checkStock(expected, sandbox, false);
        if (audit.units() != expected.restockUnits() && Boolean.TRUE.equals(result.stockExact)) {
            result.note("stock-ins carry " + audit.units() + " units, expected " + expected.restockUnits());
        }
        return audit;
    }

    /** Waits (bounded) until Sitoo has seen no new transaction for {@link #QUIET}. */
    static void awaitQuiet(BenchmarkSandbox sandbox) throws InterruptedException {
        long limit = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int count = sandbox.transactionCount();
        long quietSince = System.nanoTime();
        while (System.nanoTime() - quietSince < QUIET.toNanos() && System.nanoTime() < limit) {
            Thread.sleep(250);
            int now = sandbox.transactionCount();
            if (now != count) {
                count = now;
                quietSince = System.nanoTime();
            }
        }
    }

    static boolean ledgerMatches(Map<String, Integer> ledger, ExpectedOutcome expected) {
        return ledger.getOrDefault("RESTOCKED", 0) == expected.restockLines()
                && ledger.getOrDefault("NOT_RESTOCKED", 0) == expected.notRestockedLines()
                && ledger.getOrDefault("HELD", 0) == expected.heldLines()
                && ledger.values().stream().mapToInt(Integer::intValue).sum() == expected.lines();
    }

    private static Map<String, Integer> safeLedger(RunningBridge bridge, Instant from) {
        try {
            return bridge.client().ledgerLineStates(from);
        } catch (RuntimeException e) {
            return null;
        }
    }

    static void describe(ScenarioResult result, ExpectedOutcome expected) {
        result.returns = expected.returns();
        result.lines = expected.lines();
        result.restockLines = expected.restockLines();
        result.restockUnits = expected.restockUnits();
    }

    static double seconds(long nanos) {
        return Math.round(nanos / 1e8) / 10.0;
    }

    static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
