package org.returnsbridge.cluster;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.returnsbridge.testsupport.BridgeProcesses;
import org.returnsbridge.testsupport.SandboxControl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several bridges sharing one PostgreSQL and one set of vendor accounts, as a production cluster does: an
 * embedded PostgreSQL in the test JVM, the standalone sandbox process standing in for Reveni and Sitoo, and N
 * bridge processes in live mode, each with its own port and {@code BRIDGE_NODE_ID}. Reveni's webhooks reach the
 * nodes through a {@link WebhookBalancer}. Logs of every process go to {@code target/it-logs/<test>/}.
 */
final class BridgeCluster implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BridgeCluster.class);
    /** Three bridge JVMs, the sandbox, PostgreSQL and Maven share two cores: start-up is slow. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(240);

    private final BridgeProcesses processes;
    private final SharedPostgres postgres;
    private final WebhookBalancer balancer;
    private final int sandboxPort;
    private final SandboxControl sandbox;
    private final Path workDir;
    private final Map<String, String> nodeEnvironment = new HashMap<>();
    private final List<ClusterNode> nodes = new ArrayList<>();

    private BridgeCluster(BridgeProcesses processes, SharedPostgres postgres, WebhookBalancer balancer, int sandboxPort,
                          Path workDir) {
        this.processes = processes;
        this.postgres = postgres;
        this.balancer = balancer;
        this.sandboxPort = sandboxPort;
        this.sandbox = new SandboxControl("http://127.0.0.1:" + sandboxPort + "/sandbox");
        this.workDir = workDir;
    }

    /** PostgreSQL, the balancer and the sandbox (webhooks to the balancer); no bridge yet. */
    static BridgeCluster start(String testName) throws IOException, InterruptedException {
        clean(Path.of("target", "it-logs", testName)); // an earlier run's logs and summary must not be mistaken for this one's
        BridgeProcesses processes = new BridgeProcesses(testName);
        SharedPostgres postgres = SharedPostgres.start();
        WebhookBalancer balancer = new WebhookBalancer();
        int sandboxPort = BridgeProcesses.freePort();
        try {
            processes.startSandbox(sandboxPort, List.of("-Xmx384m"), List.of("--webhook-url=" + balancer.url()));
        } catch (IOException | RuntimeException e) {
            balancer.close();
            postgres.close();
            throw e;
        }
        Path workDir = Files.createDirectories(processes.logDir().resolve("work"));
        return new BridgeCluster(processes, postgres, balancer, sandboxPort, workDir);
    }

    private static void clean(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    SandboxControl sandbox() {
        return sandbox;
    }

    WebhookBalancer balancer() {
        return balancer;
    }

    List<ClusterNode> nodes() {
        return List.copyOf(nodes);
    }

    ClusterNode node(int index) {
        return nodes.get(index);
    }

    Path logDir() {
        return processes.logDir();
    }

    /** Settings every node of this cluster gets (on top of the live-mode vendor settings and the database). */
    BridgeCluster withNodeSetting(String name, String value) {
        nodeEnvironment.put(name, value);
        return this;
    }

    /** Starts {@code count} nodes at once (Flyway's lock on PostgreSQL orders their migrations) and waits for all. */
    void startNodes(int count) throws IOException {
        List<ClusterNode> starting = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            ClusterNode node = new ClusterNode("node-" + i, BridgeProcesses.freePort());
            nodes.add(node);
            launch(node);
            starting.add(node);
        }
        starting.forEach(this::awaitReady);
    }

    /** SIGKILL: no shutdown hook, no graceful stop. The balancer notices by itself (its calls are refused). */
    void kill(ClusterNode node) throws InterruptedException {
        BridgeProcesses.kill(node.process());
        log.info("{} killed with SIGKILL", node);
    }

    /** The same node id and port again, on the same database, as an orchestrator restarts a crashed pod. */
    void restart(ClusterNode node) throws IOException {
        launch(node);
        awaitReady(node);
    }

    private void launch(ClusterNode node) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("SPRING_DATASOURCE_URL", postgres.jdbcUrl());
        env.put("SPRING_DATASOURCE_USERNAME", SharedPostgres.USER);
        env.put("SPRING_DATASOURCE_PASSWORD", "");
        env.put("BRIDGE_NODE_ID", node.nodeId());
        env.put("BRIDGE_REPORTS_DIR", workDir.resolve(node.nodeId() + "-reports").toAbsolutePath().toString());
        env.putAll(nodeEnvironment);
        Process process = processes.startBridge(node.nextLogName(), sandboxPort, node.port(),
                workDir.resolve(node.nodeId()), env, List.of("-Xmx320m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        node.started(process);
        balancer.removeNode(node.port());
    }

    private void awaitReady(ClusterNode node) {
        await(node + " ready").atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!node.alive()) {
                throw new IllegalStateException(node + " exited with " + node.process().exitValue()
                        + " before it was ready; see " + logDir());
            }
            return node.ready();
        });
        balancer.addNode(node.port());
        log.info("{} ready", node);
    }

    @Override
    public void close() throws IOException {
        processes.stopAll();
        balancer.close();
        postgres.close();
    }
}
