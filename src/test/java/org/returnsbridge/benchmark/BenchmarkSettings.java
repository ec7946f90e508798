package org.returnsbridge.benchmark;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * Every knob of the benchmark, read from {@code benchmark.*} system properties ({@code mvn verify -Pbenchmark
 * -Dbenchmark.returns=1000}) with the defaults the issue asks for. One object, written into the result, so a
 * figure can always be traced back to the settings that produced it.
 *
 * @param seed                  the generator's seed: the same seed gives the same returns, lines and expected stock
 * @param returns               returns in the backlog (about 2.5 lines each)
 * @param naiveReturns          the first this-many returns of the same backlog run through the naive baseline;
 *                              fewer than {@code returns} makes its figures a sample, extrapolated and labelled so
 * @param memoryLines           lines in the memory run's backlog
 * @param memoryHeap            the bridge's {@code -Xmx} in the memory run
 * @param dayLines              lines in the day-memory run's backlog (drained, then that day reconciled)
 * @param dayHeap               the bridge's {@code -Xmx} in the day-memory run
 * @param bridgeHeap            the bridge's {@code -Xmx} in the other runs
 * @param sandboxHeap           the standalone sandbox's {@code -Xmx} (it holds the whole backlog)
 * @param latencyMillis         every Sitoo call takes at least this long
 * @param rateLimit             Sitoo answers 429 beyond this many requests in a sliding second
 * @param skus                  distinct SKUs (Sitoo products), picked with a skewed, Zipf-like popularity
 * @param locations             Reveni return locations, each mapped to its own Sitoo warehouse
 * @param steadyRates           webhook events per second of the steady-state runs, one run (or two, see
 *                              {@code steadyCaches}) per rate
 * @param steadyCaches          per rate, a run with the product cache warm and/or one with it cold (a fresh bridge)
 *                              when the measured window starts
 * @param steadySeconds         how long the measured part of the steady state lasts
 * @param steadyWarmupSeconds   events sent before the measured part (JIT, connection pools, SKU cache), not counted
 * @param webhookLanes          how many webhooks the sandbox's Reveni may have on their way to the bridge at once in
 *                              the steady runs, a return's own in order (1: one at a time, which holds a fast change
 *                              rate to the bridge's answer time)
 * @param pollCron              the bridge's poll schedule in the backlog runs
 * @param timeoutMinutes        a scenario that has not finished by then is reported as not finished
 * @param scenarios             which scenarios to run, in this order
 * @param outputDir             where the result files and each scenario's process logs go
 * @param bridgeEnv             extra environment for every bridge started ({@code -Dbenchmark.env.NAME=value})
 * @param bridgeJvmArgs         extra JVM options for every bridge started, e.g. a flight recording
 *                              ({@code -Dbenchmark.jvmArgs="-XX:StartFlightRecording=filename=x.jfr,settings=profile"},
 *                              separated by spaces); with any, a bridge is stopped gracefully so a recording is written
 * @param database              the bridges' database outside the cluster scenario: {@code h2} (the embedded default, a
 *                              file per bridge) or {@code postgresql} (an embedded PostgreSQL per scenario, a fresh
 *                              database per bridge: what production runs on)
 * @param cluster               the cluster scenario's node counts and its Sitoo (see {@link Cluster})
 */
public record BenchmarkSettings(long seed, int returns, int naiveReturns, int memoryLines, String memoryHeap,
        int dayLines, String dayHeap, String bridgeHeap, String sandboxHeap, int latencyMillis, int rateLimit, int skus,
        int locations, List<Integer> steadyRates, List<SteadyCache> steadyCaches, int steadySeconds, int steadyWarmupSeconds,
        int webhookLanes, String pollCron, int timeoutMinutes,
        List<Scenario> scenarios,
        @com.fasterxml.jackson.databind.annotation.JsonSerialize(using = com.fasterxml.jackson.databind.ser.std.ToStringSerializer.class)
        Path outputDir,
        Map<String, String> bridgeEnv,
        List<String> bridgeJvmArgs,
        String database,
        Cluster cluster) {

    /**
     * The cluster scenario: the backlog drained by each of {@code nodes} bridge processes in turn, all on one
     * PostgreSQL, against a Sitoo whose rate limit is far above what the nodes can reach and whose latency is
     * low, so that CPU (the bridges', the database's) is what bounds the drain.
     *
     * @param nodes          node counts, one run each, in this order ({@code -Dbenchmark.clusterNodes=1,2,3})
     * @param rateLimit      the sandbox's Sitoo rate limit and every node's {@code BRIDGE_SITOO_RATE_LIMIT}
     * @param latencyMillis  every Sitoo call takes at least this long
     * @param syncMode       the nodes' {@code BRIDGE_SYNC_MODE}
     */
    public record Cluster(List<Integer> nodes, int rateLimit, int latencyMillis, String syncMode) {

        public static final Cluster DEFAULT = new Cluster(List.of(1, 2, 3), 10_000, 2, "immediate");

        public Cluster {
            nodes = List.copyOf(nodes);
            if (nodes.isEmpty() || nodes.stream().anyMatch(n -> n < 1)) {
                throw new IllegalArgumentException("benchmark.clusterNodes must list node counts of at least 1, was " + nodes);
            }
            requirePositive("clusterRateLimit", rateLimit);
            if (latencyMillis < 0) {
                throw new IllegalArgumentException("benchmark.clusterLatencyMillis must not be negative, was " + latencyMillis);
            }
            if (!List.of("immediate", "interval").contains(syncMode)) {
                throw new IllegalArgumentException("benchmark.clusterSyncMode must be immediate or interval, was '" + syncMode + "'");
            }
        }
    }

    /** The product cache of the steady state's bridge when its measured window starts. */
    public enum SteadyCache {
        /** A bridge that has run a while: every SKU went through before the window, and a warm-up precedes it. */
        WARM,
        /** A fresh bridge: its product cache empty (and its JIT cold) when the first change of the window is sent. */
        COLD;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        static SteadyCache of(String id) {
            return Arrays.stream(values()).filter(c -> c.id().equals(id.trim().toLowerCase(Locale.ROOT))).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("benchmark.steadyCaches must list warm and/or cold, was '"
                            + id + "'"));
        }
    }

    /** The scenarios, by the name used in {@code -Dbenchmark.scenarios=interval,steady,memory,naive}. */
    public enum Scenario {
        /** The backlog drained by the bridge in {@code BRIDGE_SYNC_MODE=interval}. */
        INTERVAL("interval"),
        /** The same backlog drained by the bridge in {@code immediate} mode (not in the default list). */
        IMMEDIATE("immediate"),
        /** The same backlog drained by a naive client: a lookup and a post per line. */
        NAIVE("naive"),
        /** Webhooks at a steady rate, bridge in immediate mode: webhook → stock-in latency. */
        STEADY("steady"),
        /** The backlog at {@code memoryLines} lines with the bridge's heap at {@code memoryHeap}. */
        MEMORY("memory"),
        /**
         * A day of {@code dayLines} lines with the bridge's heap at {@code dayHeap}: drained, then the day reconciled,
         * the heap after GC sampled throughout (is it flat?).
         */
        DAY("memory-day"),
        /** The backlog drained by 1, 2, 3 nodes on one PostgreSQL, Sitoo's rate limit raised (not in the default list). */
        CLUSTER("cluster");

        private final String id;

        Scenario(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        static Scenario of(String id) {
            return Arrays.stream(values()).filter(s -> s.id.equals(id.trim().toLowerCase(Locale.ROOT))).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown scenario '" + id + "': one of "
                            + Arrays.stream(values()).map(Scenario::id).toList()));
        }
    }

    public static final String PREFIX = "benchmark.";

    public BenchmarkSettings {
        requirePositive("returns", returns);
        requirePositive("naiveReturns", naiveReturns);
        requirePositive("memoryLines", memoryLines);
        requirePositive("dayLines", dayLines);
        requirePositive("rateLimit", rateLimit);
        requirePositive("skus", skus);
        requirePositive("locations", locations);
        steadyRates = List.copyOf(steadyRates);
        steadyCaches = List.copyOf(steadyCaches);
        if (steadyRates.isEmpty() || steadyRates.stream().anyMatch(r -> r < 1)) {
            throw new IllegalArgumentException("benchmark.steadyRates must list rates of at least 1 event/s, was " + steadyRates);
        }
        if (steadyCaches.isEmpty()) {
            throw new IllegalArgumentException("benchmark.steadyCaches must list warm and/or cold");
        }
        requirePositive("steadySeconds", steadySeconds);
        if (webhookLanes < 1 || webhookLanes > 64) {
            throw new IllegalArgumentException("benchmark.webhookLanes must be 1..64, was " + webhookLanes);
        }
        requirePositive("timeoutMinutes", timeoutMinutes);
        if (latencyMillis < 0 || steadyWarmupSeconds < 0) {
            throw new IllegalArgumentException("latencyMillis and steadyWarmupSeconds must not be negative");
        }
        if (naiveReturns > returns) {
            throw new IllegalArgumentException("naiveReturns (" + naiveReturns + ") cannot exceed returns (" + returns + ")");
        }
        scenarios = List.copyOf(scenarios);
        bridgeEnv = Map.copyOf(bridgeEnv);
        bridgeJvmArgs = bridgeJvmArgs == null ? List.of() : List.copyOf(bridgeJvmArgs);
        cluster = cluster == null ? Cluster.DEFAULT : cluster;
        database = database == null ? "h2" : database;
        if (!database.equals("h2") && !database.equals("postgresql")) {
            throw new IllegalArgumentException("benchmark.database must be h2 or postgresql, was " + database);
        }
    }

    public boolean onPostgresql() {
        return database.equals("postgresql");
    }

    /** The defaults, each overridable by {@code -Dbenchmark.<name>=...}. */
    public static BenchmarkSettings fromSystemProperties() {
        return from(System.getProperties());
    }

    static BenchmarkSettings from(Properties properties) {
        Function<String, String> get = name -> {
            String value = properties.getProperty(PREFIX + name);
            return value == null || value.isBlank() ? null : value.trim();
        };
        int returns = intOr(get, "returns", 10_000);
        Map<String, String> env = new LinkedHashMap<>();
        properties.stringPropertyNames().stream().filter(n -> n.startsWith(PREFIX + "env.")).sorted()
                .forEach(n -> env.put(n.substring((PREFIX + "env.").length()), properties.getProperty(n)));
        String scenarios = get.apply("scenarios");
        String jvmArgs = get.apply("jvmArgs");
        return new BenchmarkSettings(
                longOr(get, "seed", 20_261_127L),
                returns,
                intOr(get, "naiveReturns", returns),
                intOr(get, "memoryLines", 100_000),
                stringOr(get, "memoryHeap", "256m"),
                intOr(get, "dayLines", 1_000_000),
                stringOr(get, "dayHeap", "512m"),
                stringOr(get, "bridgeHeap", "384m"),
                stringOr(get, "sandboxHeap", "2g"),
                intOr(get, "latencyMillis", 20),
                intOr(get, "rateLimit", 10),
                intOr(get, "skus", 300),
                intOr(get, "locations", 6),
                steadyRates(get),
                steadyCaches(get),
                intOr(get, "steadySeconds", 60),
                intOr(get, "steadyWarmupSeconds", 10),
                intOr(get, "webhookLanes", 16),
                stringOr(get, "pollCron", "0/5 * * * * ?"),
                intOr(get, "timeoutMinutes", 90),
                scenarios == null ? List.of(Scenario.INTERVAL, Scenario.STEADY, Scenario.MEMORY, Scenario.DAY, Scenario.NAIVE)
                        : Arrays.stream(scenarios.split(",")).filter(s -> !s.isBlank()).map(Scenario::of).toList(),
                Path.of(stringOr(get, "outputDir", "target/benchmark")),
                env,
                jvmArgs == null ? List.of() : Arrays.stream(jvmArgs.split("\\s+")).filter(a -> !a.isBlank()).toList(),
                stringOr(get, "database", "h2"),
                new Cluster(nodesOr(get, "clusterNodes", Cluster.DEFAULT.nodes()),
                        intOr(get, "clusterRateLimit", Cluster.DEFAULT.rateLimit()),
                        intOr(get, "clusterLatencyMillis", Cluster.DEFAULT.latencyMillis()),
                        stringOr(get, "clusterSyncMode", Cluster.DEFAULT.syncMode())));
    }

    public boolean naiveIsSample() {
        return naiveReturns < returns;
    }

    public BenchmarkSettings withOutputDir(Path dir) {
        return new BenchmarkSettings(seed, returns, naiveReturns, memoryLines, memoryHeap, dayLines, dayHeap, bridgeHeap,
                sandboxHeap, latencyMillis, rateLimit, skus, locations, steadyRates, steadyCaches, steadySeconds, steadyWarmupSeconds,
                webhookLanes, pollCron, timeoutMinutes, scenarios, dir, bridgeEnv, bridgeJvmArgs, database, cluster);
    }

    /** The same settings with the cluster's Sitoo (latency, rate limit), for the cluster scenario's environment. */
    public BenchmarkSettings withClusterSitoo() {
        return new BenchmarkSettings(seed, returns, naiveReturns, memoryLines, memoryHeap, dayLines, dayHeap, bridgeHeap,
                sandboxHeap, cluster.latencyMillis(), cluster.rateLimit(), skus, locations, steadyRates, steadyCaches, steadySeconds,
                steadyWarmupSeconds, webhookLanes, pollCron, timeoutMinutes, scenarios, outputDir, bridgeEnv, bridgeJvmArgs, database,
                cluster);
    }

    /** The Sitoo faults every scenario runs under: the latency and rate limit, nothing random. */
    public String sitooFaultsJson() {
        return "{\"latencyMillis\": " + latencyMillis + ", \"rateLimitPerSecond\": " + rateLimit + "}";
    }

    private static void requirePositive(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException("benchmark." + name + " must be at least 1, was " + value);
        }
    }

    private static int intOr(Function<String, String> get, String name, int fallback) {
        String value = get.apply(name);
        try {
            return value == null ? fallback : Integer.parseInt(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("benchmark." + name + " must be a whole number, was '" + value + "'");
        }
    }

    private static List<Integer> nodesOr(Function<String, String> get, String name, List<Integer> fallback) {
        String value = get.apply(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Arrays.stream(value.split(",")).map(String::trim).filter(v -> !v.isEmpty()).map(Integer::parseInt).toList();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("benchmark." + name + " must be whole numbers separated by commas, was '" + value + "'");
        }
    }

    /** {@code steadyRates=20,100}; the older {@code steadyEventsPerSecond=20} still names a single rate. */
    private static List<Integer> steadyRates(Function<String, String> get) {
        if (get.apply("steadyRates") == null && get.apply("steadyEventsPerSecond") != null) {
            return List.of(intOr(get, "steadyEventsPerSecond", 20));
        }
        return nodesOr(get, "steadyRates", List.of(20, 100));
    }

    private static List<SteadyCache> steadyCaches(Function<String, String> get) {
        String value = get.apply("steadyCaches");
        return value == null ? List.of(SteadyCache.WARM, SteadyCache.COLD)
                : Arrays.stream(value.split(",")).filter(v -> !v.isBlank()).map(SteadyCache::of).toList();
    }

    private static long longOr(Function<String, String> get, String name, long fallback) {
        String value = get.apply(name);
        try {
            return value == null ? fallback : Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("benchmark." + name + " must be a whole number, was '" + value + "'");
        }
    }

    private static String stringOr(Function<String, String> get, String name, String fallback) {
        String value = get.apply(name);
        return value == null ? fallback : value;
    }
}
