package org.returnsbridge.benchmark;

import java.util.LinkedHashMap;
import java.util.Map;

import org.returnsbridge.testsupport.BridgeProcesses;

/**
 * The same backlog (or its first {@code naiveReturns} returns) restocked by {@link NaiveRestockClient}, against
 * the same sandbox settings. With a sample, the full backlog's time is extrapolated from the sample's rate
 * per restocked line (the naive client's cost is two Sitoo calls per such line) and labelled as such.
 */
final class NaiveBaselineScenario {

    static final String ID = "naive";

    private final BenchmarkSettings settings;
    private final BenchmarkCatalogue catalogue;

    NaiveBaselineScenario(BenchmarkSettings settings, BenchmarkCatalogue catalogue) {
        this.settings = settings;
        this.catalogue = catalogue;
    }

    ScenarioResult run() {
        boolean sample = settings.naiveIsSample();
        ScenarioResult result = new ScenarioResult(ID, "Naive baseline (lookup + one post per line)"
                + (sample ? ", sample of " + settings.naiveReturns() + " returns" : ""));
        result.syncMode = "n/a (no bridge)";
        result.sample = sample;
        try (ScenarioEnvironment env = new ScenarioEnvironment(settings, catalogue, ID)) {
            result.logDir = env.dir().toString();
            BenchmarkSandbox sandbox = env.startSandbox();
            long seedStart = System.nanoTime();
            ExpectedOutcome expected = BacklogSeeder.seed(sandbox, new BacklogGenerator(catalogue, settings.seed()),
                    settings.naiveReturns(), Integer.MAX_VALUE, line -> Console.say(ID + ": " + line));
            result.seedSeconds = BacklogDrainScenario.seconds(System.nanoTime() - seedStart);
            BacklogDrainScenario.describe(result, expected);
            sandbox.resetCalls();
            Console.say(ID + ": seeded " + expected.returns() + " returns, " + expected.lines()
                    + " lines; the naive client starts (sequential, one lookup and one post per sellable line)");

            Map<String, Integer> warehouses = new LinkedHashMap<>();
            catalogue.locations().forEach(l -> warehouses.put(l.id(), l.warehouseId()));
            String root = sandbox.rootUrl();
            NaiveRestockClient client = new NaiveRestockClient(root + "/reveni/merchants/v0", BridgeProcesses.REVENI_KEY,
                    BridgeProcesses.REVENI_STORE, root + "/sitoo/v2/accounts/" + BridgeProcesses.SITOO_ACCOUNT,
                    BridgeProcesses.SITOO_ACCOUNT + "-1", "sandbox-sitoo-password", 1, warehouses);
            long start = System.currentTimeMillis();
            int restocked = runWithTimeout(client);
            Map<String, Long> sitooCalls = sandbox.calls("sitoo");
            result.sitooCallsByKind = sitooCalls;
            result.sitooCalls = sitooCalls.values().stream().mapToLong(Long::longValue).sum();
            result.sitoo429s = sandbox.answered("sitoo", "429");
            result.reveniCalls = sandbox.calls("reveni").values().stream().mapToLong(Long::longValue).sum();

            TransactionAudit audit = result.checkStock(expected, sandbox, false);
            result.finished = restocked == expected.restockLines();
            if (!result.finished) {
                result.error = "the naive client restocked " + restocked + " lines, expected " + expected.restockLines();
                return result;
            }
            long end = audit.lastRecordedAt();
            result.drainSeconds = BacklogDrainScenario.seconds((end - start) * 1_000_000L);
            result.drainSecondsFromFirstStockIn = BacklogDrainScenario.seconds((end - audit.firstRecordedAt()) * 1_000_000L);
            result.linesPerSecond = BacklogDrainScenario.round(expected.lines() / result.drainSeconds);
            result.sitooCallsPerRestockedUnit = Math.round(result.sitooCalls * 10_000.0 / expected.restockUnits()) / 10_000.0;
            fullBacklog(result, expected);
            Console.say(ID + ": " + expected.lines() + " lines in " + result.drainSeconds + " s ("
                    + result.linesPerSecond + " lines/s), " + result.sitooCalls + " Sitoo calls, " + result.sitoo429s
                    + " answered 429" + (sample ? "; full backlog extrapolated to " + result.fullBacklogDrainSeconds + " s" : ""));
        } catch (Exception e) {
            result.error = e.toString();
            Console.say(ID + ": failed: " + e);
        }
        return result;
    }

    private int runWithTimeout(NaiveRestockClient client) throws Exception {
        var executor = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            var running = executor.submit(client::run);
            return running.get(settings.timeoutMinutes(), java.util.concurrent.TimeUnit.MINUTES);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the naive client did not finish within " + settings.timeoutMinutes() + " minutes");
        } finally {
            executor.shutdownNow();
        }
    }

    /** The full backlog's figures: measured when the sample is the backlog, else extrapolated per restock line. */
    private void fullBacklog(ScenarioResult result, ExpectedOutcome sample) {
        if (!settings.naiveIsSample()) {
            result.fullBacklogReturns = sample.returns();
            result.fullBacklogLines = sample.lines();
            result.fullBacklogDrainSeconds = result.drainSeconds;
            result.fullBacklogExtrapolated = false;
            return;
        }
        // Counting the full backlog needs no sandbox: the same seed generates the same returns.
        BacklogGenerator generator = new BacklogGenerator(catalogue, settings.seed());
        ExpectedOutcome full = new ExpectedOutcome();
        for (int i = 0; i < settings.returns(); i++) {
            PlannedReturn ret = generator.next(Integer.MAX_VALUE);
            full.addInspected(ret);
        }
        result.fullBacklogReturns = full.returns();
        result.fullBacklogLines = full.lines();
        result.fullBacklogDrainSeconds = BacklogDrainScenario.round(
                result.drainSeconds * full.restockLines() / sample.restockLines());
        result.fullBacklogExtrapolated = true;
        result.note("Sample of " + sample.returns() + " returns (" + sample.lines() + " lines, " + sample.restockLines()
                + " to restock); the full backlog's " + full.lines() + " lines (" + full.restockLines()
                + " to restock) are extrapolated at the sample's time per restocked line: "
                + result.fullBacklogDrainSeconds + " s");
    }
}
