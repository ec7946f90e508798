package org.returnsbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.returnsbridge.testsupport.BridgeApi;
import org.returnsbridge.testsupport.BridgeProcesses;
import org.returnsbridge.testsupport.CrashBacklog;
import org.returnsbridge.testsupport.SandboxControl;
import org.returnsbridge.testsupport.TestDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two bridge processes share one PostgreSQL and one (faulty) Sitoo, and both poll the same returns every second,
 * so they meet on every line and refund. One is SIGKILLed mid-run: its claims lapse and the other settles what
 * it left by read-back. The survivor is then stopped with SIGTERM and releases its claims. Every sellable line
 * ends in Sitoo exactly once, every refund as exactly one order.
 */
class ClusterCrashIT {

    private static final Logger log = LoggerFactory.getLogger(ClusterCrashIT.class);

    private final BridgeProcesses processes = new BridgeProcesses("cluster-crash");

    @AfterEach
    void stopEverything() {
        processes.stopAll();
    }

    @Test
    void twoNodesOnOneDatabaseOneKilledEverythingOnceAndTheOtherReleasesItsClaimsOnSigterm() throws Exception {
        int sandboxPort = BridgeProcesses.freePort();
        Path data = Files.createTempDirectory("bridge-cluster-crash-");
        processes.startSandbox(sandboxPort);
        SandboxControl sandbox = new SandboxControl("http://127.0.0.1:" + sandboxPort + "/sandbox");

        CrashBacklog backlog = CrashBacklog.seed(sandbox, 13, 120, false);
        sandbox.sitooFaults("""
                {"seed": 5, "rate429": 0.03, "rate500": 0.05, "rateDrop": 0.03, "rateDropAfterCommit": 0.06}""");
        String database = TestDatabase.sharedPostgresUrl("cluster_crash_" + System.nanoTime());
        Map<String, String> env = new HashMap<>(CrashBacklog.FAST_SETTLING);
        env.put("SPRING_DATASOURCE_URL", database);
        env.put("SPRING_DATASOURCE_USERNAME", "postgres");
        // A dead node's claims lapse soon: start-up requires the claim to outlast a line's catalogue wait plus the
        // longest Sitoo call (10 s for a turn under the rate limit + the 2 s response timeout) by 10 s, so with a
        // 2 s catalogue wait 25 s is allowed, and the survivor waits this long for what node-1 held when killed.
        env.put("BRIDGE_SITOO_CATALOGUE_WARMUP_WAIT", "PT2S");
        env.put("BRIDGE_CLAIM_TTL", "PT25S");
        final int lines = backlog.sellableLines();

        int secondPort = BridgeProcesses.freePort();
        Process first = processes.startBridge("node-1", sandboxPort, BridgeProcesses.freePort(), data, with(env, "node-1"));
        Process second = processes.startBridge("node-2", sandboxPort, secondPort, data, with(env, "node-2"));
        // Killed only once node-1 is working too: on a loaded machine node-2 can do the first third alone, and a
        // node killed before it took any return proves nothing about what a dead node leaves behind.
        await("part of the run is done, node-1 among the workers").atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> sandbox.warehouseTransactions().size() >= lines / 3
                        && Files.readString(processes.log("node-1")).contains("Restocked +"));
        BridgeProcesses.kill(first);
        int atKill = sandbox.warehouseTransactions().size();
        assertThat(atKill).as("killed mid-run, with stock-ins still to come").isLessThan(lines);

        backlog.awaitStockInSitoo(sandbox, Duration.ofSeconds(300));
        backlog.awaitOrdersInSitoo(sandbox, Duration.ofSeconds(120));
        sandbox.sitooFaults("{}");
        // Anything node-1 left unsettled would post now: wait until nothing is, and node-2 has polled and swept again.
        backlog.awaitSettled(List.of(new BridgeApi("node-2", secondPort)), sandbox, Duration.ofSeconds(180));
        backlog.assertExactlyOnce(sandbox);

        second.destroy(); // SIGTERM: a graceful stop
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).as("node-2 stopped").isTrue();
        assertThat(Files.readString(processes.log("node-2"))).contains("node-2")
                .containsPattern("Node node-2 stopped taking work: released \\d+ claim\\(s\\)");
        log.info("CLUSTER CRASH RUN: {} sellable lines, {} refunds, {} stock-ins when node-1 was killed, calls {}",
                lines, backlog.refunds(), atKill, sandbox.calls());
    }

    private static Map<String, String> with(Map<String, String> env, String nodeId) {
        Map<String, String> mine = new HashMap<>(env);
        mine.put("BRIDGE_NODE_ID", nodeId);
        return mine;
    }
}
