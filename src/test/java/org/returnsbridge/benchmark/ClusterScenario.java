package org.returnsbridge.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

import org.returnsbridge.testsupport.BridgeProcesses;

/**
 * The backlog drained by one, two, three... bridge processes on one shared PostgreSQL, Sitoo's rate limit far
 * above the nodes' reach and its latency low, so the drain is bound by CPU: the bridges' and the database's.
 * Each node count is a run of its own, with a fresh database and a fresh sandbox.
 * <p>
 * The nodes start on an empty Reveni and are left to become ready (start-up costs a JVM tens of CPU seconds,
 * which would swamp a small backlog's per-line cost); then every process's CPU time is read, the backlog is
 * seeded, and the clock runs from the first return seeded to the last stock-in Sitoo records. The nodes poll
 * throughout, as deployed nodes would.
 * <p>
 * Correctness is audited, never assumed: whether Sitoo's stock equals the expectation, how many stock-ins carry
 * an externalid already seen, and how many units the stock-ins carry against the units restocked. Nodes that
 * do not claim work from each other double-post; the audit shows it and the run is then not counted as correct.
 */
final class ClusterScenario {

    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration STARTUP = Duration.ofMinutes(5); // three JVMs starting at once on a busy 2-core machine took about 2 minutes
    /** Stock covers the expectation but the ledger disagrees: the drain is over once Sitoo has been quiet this long. */
    private static final Duration SETTLED = Duration.ofSeconds(20);

    private final BenchmarkSettings settings;
    private final BenchmarkCatalogue catalogue;
    private final BenchmarkSettings.Cluster cluster;

    ClusterScenario(BenchmarkSettings settings, BenchmarkCatalogue catalogue) {
        this.settings = settings.withClusterSitoo();
        this.catalogue = catalogue;
        this.cluster = settings.cluster();
    }

    static String id(int nodes) {
        return "cluster-" + nodes;
    }

    /** One result per node count, in the order asked; a run that fails gets its row with the reason. */
    List<ScenarioResult> run() {
        List<ScenarioResult> results = new ArrayList<>();
        try (ClusterDatabase database = ClusterDatabase.start(settings.outputDir().resolve("cluster-postgresql.log"))) {
            Console.say("cluster: PostgreSQL up, postmaster pid " + database.postmasterPid());
            for (int nodes : cluster.nodes()) {
                results.add(runWith(nodes, database));
            }
        } catch (Exception e) {
            Console.say("cluster: failed: " + e);
            for (int nodes : cluster.nodes().subList(results.size(), cluster.nodes().size())) {
                ScenarioResult failed = newResult(nodes);
                failed.error = "PostgreSQL: " + e;
                results.add(failed);
            }
        }
        return results;
    }

    private ScenarioResult newResult(int nodes) {
        ScenarioResult result = new ScenarioResult(id(nodes), "Backlog drained by " + nodes + " node"
                + (nodes == 1 ? "" : "s") + " on one PostgreSQL, " + cluster.syncMode() + " mode, Sitoo rate limit "
                + cluster.rateLimit() + "/s");
        result.syncMode = cluster.syncMode();
        result.nodes = nodes;
        return result;
    }

    private ScenarioResult runWith(int nodeCount, ClusterDatabase database) {
        String id = id(nodeCount);
        ScenarioResult result = newResult(nodeCount);
        String databaseName = "cluster_" + nodeCount + "_nodes";
        try (ScenarioEnvironment env = new ScenarioEnvironment(settings, catalogue, id)) {
            result.logDir = env.dir().toString();
            BenchmarkSandbox sandbox = env.startSandbox();
            String url = database.createDatabase(databaseName);
            Map<String, String> shared = new LinkedHashMap<>();
            shared.put("SPRING_DATASOURCE_URL", url);
            shared.put("SPRING_DATASOURCE_USERNAME", ClusterDatabase.USER);
            shared.put("SPRING_DATASOURCE_PASSWORD", "");
            List<RunningBridge> nodes = new ArrayList<>();
            for (int i = 1; i <= nodeCount; i++) {
                nodes.add(env.startNode("node-" + i, BridgeProcesses.freePort(), cluster.syncMode(),
                        settings.bridgeHeap(), shared));
            }
            result.settings.putAll(new TreeMap<>(nodes.get(0).env()));
            awaitReady(nodes);
            CpuReading before = CpuReading.take(nodes, database, env.sandboxPid());
            result.nodeStartupCpuSeconds = before.nodeSeconds();
            Console.say(id + ": " + nodeCount + " node(s) ready; seeding the backlog");

            sandbox.resetCalls();
            long seedStartMillis = System.currentTimeMillis();
            long seedStart = System.nanoTime();
            ExpectedOutcome expected = BacklogSeeder.seed(sandbox, new BacklogGenerator(catalogue, settings.seed()),
                    settings.returns(), Integer.MAX_VALUE, line -> Console.say(id + ": " + line));
            result.seedSeconds = BacklogDrainScenario.seconds(System.nanoTime() - seedStart);
            BacklogDrainScenario.describe(result, expected);
            Console.say(id + ": seeded " + expected.returns() + " returns, " + expected.lines() + " lines ("
                    + expected.restockUnits() + " units to restock) in " + result.seedSeconds + " s");

            CpuReading after = drain(result, sandbox, nodes, expected, seedStartMillis, database, env.sandboxPid());
            if (after == null) {
                return result;
            }
            BacklogDrainScenario.awaitQuiet(sandbox);
            nodes.get(0).recordMemory(result);
            TransactionAudit audit = result.checkStock(expected, sandbox, false);
            result.stockInUnits = audit.units();
            if (audit.lastRecordedAt() == null) {
                throw new IllegalStateException("the backlog has nothing to restock: no drain to time");
            }
            result.finished = true;
            measure(result, expected, audit, seedStartMillis, before, after);
            Console.say(id + ": drained in " + result.clusterDrainSeconds + " s (" + result.linesPerSecond
                    + " lines/s), bridge CPU " + result.bridgeCpuMillisPerLine + " ms/line, PostgreSQL "
                    + result.databaseCpuMillisPerLine + " ms/line; stock exact: " + result.stockExact
                    + ", duplicate stock-ins: " + result.duplicateStockIns + ", units " + result.stockInUnits
                    + " of " + result.restockUnits);
        } catch (Exception e) {
            result.error = e.toString();
            Console.say(id + ": failed: " + e);
        } finally {
            // The nodes are stopped (the environment closed first). A run's database left behind is vacuumed and
            // analysed by PostgreSQL's autovacuum during the next run, whose database CPU it would then inflate
            // (seen: the third run of three at 4x the first's PostgreSQL CPU per line).
            database.dropDatabase(databaseName);
        }
        return result;
    }

    /**
     * Waits until Sitoo holds at least the expected units everywhere and the ledger has every line where it
     * must end (or, with more stock than expected, the ledger disagreeing, until Sitoo has been quiet for
     * {@link #SETTLED}); answers the CPU reading taken at that moment, or null when the run failed.
     */
    private CpuReading drain(ScenarioResult result, BenchmarkSandbox sandbox, List<RunningBridge> nodes,
                             ExpectedOutcome expected, long seedStartMillis, ClusterDatabase database, long sandboxPid)
            throws InterruptedException {
        Instant ledgerFrom = Instant.ofEpochMilli(seedStartMillis).minus(Duration.ofHours(1));
        long deadline = System.nanoTime() + Duration.ofMinutes(settings.timeoutMinutes()).toNanos();
        Map<ExpectedOutcome.StockKey, Long> wanted = expected.units();
        int lastCount = -1;
        long coveredQuietSince = 0;
        long lastReport = System.nanoTime();
        while (true) {
            for (RunningBridge node : nodes) {
                if (!node.alive()) {
                    result.error = node.exitDescription();
                    result.outOfMemory = node.sawOutOfMemory();
                    return null;
                }
            }
            nodes.forEach(RunningBridge::sampleHeap);
            Map<ExpectedOutcome.StockKey, Long> stock = sandbox.stock();
            if (covers(stock, wanted)) {
                CpuReading reading = CpuReading.take(nodes, database, sandboxPid);
                Map<String, Long> sitooCalls = sandbox.calls("sitoo");
                long sitoo429s = sandbox.answered("sitoo", "429");
                Map<String, Integer> ledger = nodes.get(0).client().ledgerLineStates(ledgerFrom);
                boolean ledgerDone = BacklogDrainScenario.ledgerMatches(ledger, expected);
                int count = sandbox.transactionCount();
                if (count != lastCount) {
                    lastCount = count;
                    coveredQuietSince = System.nanoTime();
                }
                if (ledgerDone || System.nanoTime() - coveredQuietSince > SETTLED.toNanos()) {
                    result.sitooCallsByKind = sitooCalls;
                    result.sitooCalls = sitooCalls.values().stream().mapToLong(Long::longValue).sum();
                    result.sitoo429s = sitoo429s;
                    result.reveniCalls = sandbox.calls("reveni").values().stream().mapToLong(Long::longValue).sum();
                    result.ledgerLineStates = ledger;
                    result.ledgerAsExpected = ledgerDone;
                    if (!ledgerDone) {
                        result.note("the ledger never matched the generated outcome: " + ledger);
                    }
                    return reading;
                }
            }
            if (System.nanoTime() > deadline) {
                result.error = "not drained within " + settings.timeoutMinutes() + " minutes";
                result.checkStock(expected, sandbox, false);
                return null;
            }
            if (System.nanoTime() - lastReport > Duration.ofSeconds(30).toNanos()) {
                lastReport = System.nanoTime();
                long units = stock.values().stream().mapToLong(Long::longValue).sum();
                Console.say(id(nodes.size()) + ": " + units + " of " + expected.restockUnits() + " units in Sitoo after "
                        + (System.currentTimeMillis() - seedStartMillis) / 1000 + " s");
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private void measure(ScenarioResult result, ExpectedOutcome expected, TransactionAudit audit, long seedStartMillis,
                         CpuReading before, CpuReading after) {
        result.clusterDrainSeconds = BacklogDrainScenario.seconds((audit.lastRecordedAt() - seedStartMillis) * 1_000_000L);
        result.drainSeconds = result.clusterDrainSeconds;
        result.drainSecondsFromFirstStockIn = BacklogDrainScenario.seconds(
                (audit.lastRecordedAt() - audit.firstRecordedAt()) * 1_000_000L);
        result.linesPerSecond = BacklogDrainScenario.round(expected.lines() / result.clusterDrainSeconds);
        result.sitooCallsPerRestockedUnit = expected.restockUnits() == 0 ? null
                : Math.round(result.sitooCalls * 10_000.0 / expected.restockUnits()) / 10_000.0;

        List<Double> nodeSeconds = new ArrayList<>();
        long bridgeNanos = 0;
        for (int i = 0; i < after.nodeNanos().size(); i++) {
            long spent = after.nodeNanos().get(i) - before.nodeNanos().get(i);
            bridgeNanos += spent;
            nodeSeconds.add(cpuSeconds(spent));
        }
        result.nodeCpuSeconds = nodeSeconds;
        double lines = expected.lines();
        result.bridgeCpuMillisPerLine = perLine(bridgeNanos, lines);
        long used = bridgeNanos;
        if (before.databaseNanos().isPresent() && after.databaseNanos().isPresent()) {
            long db = after.databaseNanos().getAsLong() - before.databaseNanos().getAsLong();
            result.databaseCpuSeconds = cpuSeconds(db);
            result.databaseCpuMillisPerLine = perLine(db, lines);
            result.databaseSharePercent = bridgeNanos + db == 0 ? null
                    : Math.round(db * 1000.0 / (bridgeNanos + db)) / 10.0;
            used += db;
        } else {
            result.note("PostgreSQL's CPU time could not be read from /proc");
        }
        if (before.sandboxNanos().isPresent() && after.sandboxNanos().isPresent()) {
            long sandbox = after.sandboxNanos().getAsLong() - before.sandboxNanos().getAsLong();
            result.sandboxCpuSeconds = cpuSeconds(sandbox);
            used += sandbox;
        }
        // The CPU readings end when the harness saw the drain done, up to a second after the last stock-in.
        if (before.machineNanos().isPresent() && after.machineNanos().isPresent()) {
            long machine = after.machineNanos().getAsLong() - before.machineNanos().getAsLong();
            double windowSeconds = (after.atMillis() - before.atMillis()) / 1000.0;
            int cores = Runtime.getRuntime().availableProcessors();
            result.machineBusyPercent = Math.round(machine / 1e9 / (windowSeconds * cores) * 1000) / 10.0;
            result.otherCpuSeconds = cpuSeconds(Math.max(0, machine - used));
        }
        if (audit.units() != expected.restockUnits()) {
            result.note("stock-ins carry " + audit.units() + " units, expected " + expected.restockUnits()
                    + " (" + (audit.units() - expected.restockUnits()) + " counted more than once)");
        }
    }

    /** At least the expected units in every expected (warehouse, SKU): the drain has reached everything. */
    static boolean covers(Map<ExpectedOutcome.StockKey, Long> stock, Map<ExpectedOutcome.StockKey, Long> wanted) {
        return wanted.entrySet().stream().allMatch(e -> stock.getOrDefault(e.getKey(), 0L) >= e.getValue());
    }

    private void awaitReady(List<RunningBridge> nodes) throws InterruptedException {
        long limit = System.nanoTime() + STARTUP.toNanos();
        for (RunningBridge node : nodes) {
            while (!node.client().ready()) {
                if (!node.alive()) {
                    throw new IllegalStateException(node.exitDescription());
                }
                if (System.nanoTime() > limit) {
                    throw new IllegalStateException("a node was not ready within " + STARTUP.toMinutes() + " minutes");
                }
                Thread.sleep(250);
            }
        }
    }

    private static double cpuSeconds(long nanos) {
        return Math.round(nanos / 1e7) / 100.0;
    }

    private static double perLine(long nanos, double lines) {
        return Math.round(nanos / 1e6 / lines * 1000) / 1000.0;
    }

    /** Every process's CPU time at one moment (harness clock). */
    record CpuReading(long atMillis, List<Long> nodeNanos, OptionalLong databaseNanos, OptionalLong sandboxNanos,
                      OptionalLong machineNanos) {

        static CpuReading take(List<RunningBridge> nodes, ClusterDatabase database, long sandboxPid) {
            List<Long> perNode = nodes.stream()
                    .map(n -> ProcessCpu.ownNanos(n.pid()).orElseThrow(
                            () -> new IllegalStateException("no CPU time for node pid " + n.pid() + " (needs Linux /proc)")))
                    .toList();
            return new CpuReading(System.currentTimeMillis(), perNode, database.cpuNanos(),
                    sandboxPid > 0 ? ProcessCpu.ownNanos(sandboxPid) : OptionalLong.empty(), ProcessCpu.machineBusyNanos());
        }

        List<Double> nodeSeconds() {
            return nodeNanos.stream().map(ClusterScenario::cpuSeconds).toList();
        }
    }
}
