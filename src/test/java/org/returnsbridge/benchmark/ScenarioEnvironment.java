package org.returnsbridge.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.returnsbridge.testsupport.BridgeProcesses;

/**
 * One scenario's world: its own standalone sandbox process (fresh state, the Sitoo latency and rate
 * limit, the benchmark's warehouses and products), a mappings folder, and whatever bridge the scenario
 * starts. Everything lives under {@code <outputDir>/<scenario>/} (process logs, the bridge's H2 file), and
 * {@link #close()} kills every process it started, whatever happened.
 */
final class ScenarioEnvironment implements AutoCloseable {

    private final BenchmarkSettings settings;
    private final BenchmarkCatalogue catalogue;
    private final Path dir;
    private final BridgeProcesses processes;
    private final List<Process> started = new ArrayList<>();
    private BenchmarkSandbox sandbox;
    private Process sandboxProcess;
    private Path mappings;
    /** Only with {@code -Dbenchmark.database=postgresql}: the scenario's embedded PostgreSQL. */
    private ClusterDatabase postgresql;

    ScenarioEnvironment(BenchmarkSettings settings, BenchmarkCatalogue catalogue, String scenario) throws IOException {
        this.settings = settings;
        this.catalogue = catalogue;
        this.dir = settings.outputDir().resolve(scenario).toAbsolutePath();
        deleteRecursively(dir); // a scenario's folder only ever holds its latest run
        Files.createDirectories(dir);
        this.processes = new BridgeProcesses(dir);
    }

    /** Starts the sandbox, creates the benchmark's Sitoo world, writes the mappings, switches the faults on. */
    BenchmarkSandbox startSandbox() throws IOException, InterruptedException {
        int port = BridgeProcesses.freePort();
        sandboxProcess = processes.startSandbox(port, List.of("-Xmx" + settings.sandboxHeap()));
        started.add(sandboxProcess);
        sandbox = new BenchmarkSandbox(port);
        catalogue.setUpSitoo(sandbox.admin());
        mappings = catalogue.writeMappings(Path.of("mappings"), dir.resolve("mappings"));
        sandbox.sitooFaults(settings.sitooFaultsJson());
        return sandbox;
    }

    /**
     * Starts the packaged bridge in live mode against this scenario's sandbox. The bridge's own Sitoo rate
     * limit is set to the sandbox's, as an operator who knows the vendor's limit would; it exits on an
     * OutOfMemoryError instead of limping on, so a memory failure shows as one.
     */
    RunningBridge startBridge(String syncMode, String heap, Map<String, String> scenarioEnv) throws IOException {
        return startBridge(BridgeProcesses.freePort(), syncMode, heap, scenarioEnv);
    }

    /** The same on a given port (the steady state needs it first, for the webhook URL the bridge registers). */
    RunningBridge startBridge(int port, String syncMode, String heap, Map<String, String> scenarioEnv) throws IOException {
        return startNode("bridge", port, syncMode, heap, scenarioEnv);
    }

    /**
     * One of several bridges of a scenario (the cluster's nodes): the same, its log and H2 folder named after it.
     * Nodes that share a database say so in {@code scenarioEnv} ({@code SPRING_DATASOURCE_URL} and friends).
     */
    RunningBridge startNode(String name, int port, String syncMode, String heap, Map<String, String> scenarioEnv)
            throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("BRIDGE_SYNC_MODE", syncMode);
        env.put("BRIDGE_MAPPINGS_DIR", mappings.toString());
        env.put("BRIDGE_POLL_CRON", settings.pollCron());
        env.put("BRIDGE_SITOO_RATE_LIMIT", Integer.toString(settings.rateLimit()));
        env.put("BRIDGE_REPORTS_DIR", dir.resolve("reports").toString());
        env.putAll(scenarioEnv);
        if (settings.onPostgresql() && !scenarioEnv.containsKey("SPRING_DATASOURCE_URL")) {
            env.putAll(freshPostgresqlDatabase(name));
        }
        env.putAll(settings.bridgeEnv());
        List<String> jvm = new ArrayList<>(List.of("-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError"));
        jvm.addAll(settings.bridgeJvmArgs());
        long startMillis = System.currentTimeMillis();
        Process process = processes.startBridge(name, sandbox.port(), port, dir.resolve("data-" + name), env, jvm);
        started.add(process);
        return new RunningBridge(process, port, startMillis, heap, env, processes.log(name));
    }

    /**
     * A fresh PostgreSQL database for one bridge ({@code -Dbenchmark.database=postgresql}): the scenario's embedded
     * server is started on first need and stopped with the scenario.
     */
    private Map<String, String> freshPostgresqlDatabase(String bridgeName) throws IOException {
        try {
            if (postgresql == null) {
                postgresql = ClusterDatabase.start(dir.resolve("postgresql.log"));
            }
            String url = postgresql.createDatabase((dir.getFileName() + "_" + bridgeName).replaceAll("[^A-Za-z0-9]", "_"));
            return Map.of("SPRING_DATASOURCE_URL", url, "SPRING_DATASOURCE_USERNAME", ClusterDatabase.USER,
                    "SPRING_DATASOURCE_PASSWORD", "");
        } catch (java.sql.SQLException e) {
            throw new IOException("could not create the bridge's PostgreSQL database: " + e.getMessage(), e);
        }
    }

    Path dir() {
        return dir;
    }

    BenchmarkSandbox sandbox() {
        return sandbox;
    }

    /** The sandbox's process id (its CPU time is the harness's share of the machine), or -1 before it started. */
    long sandboxPid() {
        return sandboxProcess == null ? -1 : sandboxProcess.pid();
    }

    /** Kills the bridge(s) first, then the sandbox; waits until each is gone. */
    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            Process process = started.get(i);
            try {
                if (!settings.bridgeJvmArgs().isEmpty() && process != sandboxProcess) {
                    stopGracefully(process); // a flight recording is written at exit, which SIGKILL would skip
                }
                BridgeProcesses.kill(process);
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                Console.say("could not stop process " + process.pid() + ": " + e.getMessage());
            }
        }
        if (postgresql != null) {
            try {
                postgresql.close();
            } catch (IOException | RuntimeException e) {
                Console.say("could not stop the scenario's PostgreSQL: " + e.getMessage());
            }
        }
    }

    /** SIGTERM, and a bounded wait for the JVM's shutdown (a JFR recording given a filename is written then). */
    private static void stopGracefully(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            Console.say("process " + process.pid() + " did not stop within 60 s of SIGTERM; killing it");
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
