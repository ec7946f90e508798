package org.returnsbridge.benchmark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Everything one scenario measured, written as one object of the JSON result and one row of the Markdown
 * table. A field left null was not measured in that scenario (n/a in the table), never a zero in disguise.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class ScenarioResult {

    public final String scenario;
    public final String title;
    public String syncMode;
    /** True once the scenario reached its end condition; false with {@code error} otherwise. */
    public boolean finished;
    public String error;

    // The workload
    public Integer returns;
    public Integer lines;
    public Integer restockLines;
    public Long restockUnits;
    public String bridgeHeapLimit;

    // Time and throughput
    public Double seedSeconds;
    /** From the bridge process being started (or the naive client starting) to the last unit in Sitoo. */
    public Double drainSeconds;
    /** From the first stock-in recorded by Sitoo to the last one. */
    public Double drainSecondsFromFirstStockIn;
    /** Backlog runs: from starting the bridge process to the harness seeing its first Reveni call (about 1 s coarse). */
    public Double firstPollSeconds;
    /** Every line of the backlog (restocked, not restocked, held) over {@code drainSeconds}. */
    public Double linesPerSecond;

    // Sitoo calls (every request Sitoo received, including those it answered 429)
    public Long sitooCalls;
    public Map<String, Long> sitooCallsByKind;
    public Long sitoo429s;
    public Double sitooCallsPerRestockedUnit;
    public Long reveniCalls;

    // Memory of the bridge process
    /** The largest heap-in-use value sampled about every second during the run (Jolokia). */
    public Double heapPeakSampledMb;
    /** Sum of the heap pools' own peak usage since JVM start (Jolokia, read at the end): an upper bound. */
    public Double heapPoolsPeakSumMb;
    /** Day-memory run: the heap after a full GC (jcmd GC.run), sampled over the drain and the reconciliation (HeapTrend). */
    public List<HeapTrend.Sample> heapAfterGcSamples;
    /** Least-squares slope of {@link #heapAfterGcSamples}, MB per minute: about 0 when the heap stays flat. */
    public Double heapAfterGcSlopeMbPerMinute;
    /** Mean heap after GC over the first and the last third of the samples (MB). */
    public Double heapAfterGcFirstThirdMb;
    public Double heapAfterGcLastThirdMb;
    /** Largest heap-after-GC sample, during the drain and during the reconciliation (MB). */
    public Double heapAfterGcMaxDrainMb;
    public Double heapAfterGcMaxReconciliationMb;
    /** Day-memory run: how long the day's reconciliation took, and how many findings it counted (0 on a clean day). */
    public Double reconciliationSeconds;
    public Long reconciliationFindings;
    /** VmHWM of the bridge process: the kernel's resident-memory high-water mark. */
    public Double peakRssMb;
    public Boolean outOfMemory;
    /**
     * Whether the heap stayed flat over a long drain (no upward trend of the heap left after collections), when
     * the scenario judged it; null when not measured. {@code heapFlatHow} says how it was judged.
     */
    public Boolean heapFlat;
    public String heapFlatHow;

    // Correctness
    /** Every (warehouse, SKU) in Sitoo holds exactly the expected units, and nothing else holds any. */
    public Boolean stockExact;
    public Integer stockMismatches;
    public List<String> stockMismatchExamples;
    /** Stock-in transactions whose line externalid was already in Sitoo: each a unit counted twice. */
    public Integer duplicateStockIns;
    public Integer stockInTransactions;
    public Map<String, Integer> ledgerLineStates;
    public Boolean ledgerAsExpected;

    // Naive baseline
    public Boolean sample;
    public Integer fullBacklogReturns;
    public Integer fullBacklogLines;
    /** The full backlog's drain time: measured, or (when {@code sample}) sample rate × full backlog. */
    public Double fullBacklogDrainSeconds;
    public Boolean fullBacklogExtrapolated;

    // Steady state
    /** The return changes per second this run was asked to send. */
    public Integer steadyRate;
    /** "warm" or "cold": the bridge's product cache when the measured window started. */
    public String cacheAtStart;
    public Integer eventsSent;
    public Double eventsPerSecondSent;
    public Integer measuredStockIns;
    public Integer missingStockIns;
    public Integer unmatchedDeliveries;
    public Long latencyP50Millis;
    public Long latencyP95Millis;
    public Long latencyP99Millis;
    public Long latencyMaxMillis;
    /** Same, measured from the return changing in Reveni instead of from the webhook being sent. */
    public Long changeToStockInP99Millis;
    public Long productLookupsWhileMeasured;
    /** The bridge's answer to a webhook (sandbox: first attempt sent → answered), over the window's deliveries. */
    public Long webhookAnswerP50Millis;
    public Long webhookAnswerP99Millis;
    /** A change's wait in the sandbox's one-at-a-time lane before its webhook left (queued → first attempt sent). */
    public Long webhookQueuedP50Millis;
    public Long webhookQueuedP99Millis;
    /** Webhooks whose first attempt left during the measured window, per second: below the changes' rate, a lane falling behind. */
    public Double webhooksSentPerSecond;
    /** The bridge's mean wait of a Sitoo call for its turn under the rate limit, from the window to the catch-up. */
    public Double sitooRateLimitWaitMeanMillis;
    /** Every Sitoo request in the measured window (look-ups, catalogue pages, stock-ins, 429s included). */
    public Long sitooCallsWhileMeasured;
    /** Returns sent before the clock starts, one sellable line per SKU, so the product cache is warm. */
    public Integer primingReturns;

    // Cluster (several nodes on one PostgreSQL); CPU times over the drain window, from /proc
    public Integer nodes;
    /** From the first return seeded (every node already up and idle) to the last stock-in Sitoo recorded. */
    public Double clusterDrainSeconds;
    /** Each node's CPU time over the drain window, seconds. */
    public List<Double> nodeCpuSeconds;
    /** Each node's CPU time from its start until it was ready (JVM, Spring, Flyway): not part of the per-line cost. */
    public List<Double> nodeStartupCpuSeconds;
    /** PostgreSQL's CPU time over the drain window (postmaster and every child), seconds. */
    public Double databaseCpuSeconds;
    /** The standalone sandbox's CPU time over the drain window: the simulated vendors, competing for the same cores. */
    public Double sandboxCpuSeconds;
    public Double bridgeCpuMillisPerLine;
    public Double databaseCpuMillisPerLine;
    /** The database's share of the bridge-plus-database CPU time, percent. */
    public Double databaseSharePercent;
    /** The whole machine's busy CPU time (/proc/stat) over the window × cores: how busy the machine was. */
    public Double machineBusyPercent;
    /**
     * The machine's busy CPU time over the window minus the nodes', the database's and the sandbox's: the
     * harness itself (seeding, watching) and whatever else ran on the machine. Large means a disturbed run.
     */
    public Double otherCpuSeconds;
    /** Units the bridge's stock-ins carried, against {@code restockUnits}: more is stock counted twice. */
    public Long stockInUnits;

    public final Map<String, Object> settings = new LinkedHashMap<>();
    public final List<String> notes = new ArrayList<>();
    public String logDir;

    public ScenarioResult(String scenario, String title) {
        this.scenario = scenario;
        this.title = title;
    }

    void note(String note) {
        notes.add(note);
    }

    /**
     * Sitoo's stock against the expectation, per (warehouse, SKU), and its stock-ins audited for an
     * externalid carried twice; answers the audit for the scenario's own further checks.
     */
    TransactionAudit checkStock(ExpectedOutcome expected, BenchmarkSandbox sandbox, boolean keepTimes) {
        StockComparison comparison = StockComparison.of(expected.units(), sandbox.stock());
        stockExact = comparison.exact();
        stockMismatches = comparison.mismatches();
        if (!comparison.exact()) {
            stockMismatchExamples = comparison.examples();
        }
        TransactionAudit audit = sandbox.auditTransactions(keepTimes);
        duplicateStockIns = audit.duplicates();
        stockInTransactions = audit.stockIns();
        return audit;
    }

    /** Correct means: finished, stock exact, nothing doubled. Timings never decide this. */
    boolean correct() {
        return finished && Boolean.TRUE.equals(stockExact) && (duplicateStockIns == null || duplicateStockIns == 0);
    }
}
