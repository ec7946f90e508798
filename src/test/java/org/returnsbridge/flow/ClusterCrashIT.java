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
        // 2 s catalogue wait 25 s is allowed, and the survivor waits this long for what the dead node held when killed.
        env.put("BRIDGE_SITOO_CATALOGUE_WARMUP_WAIT", "PT2S");
        env.put("BRIDGE_CLAIM_TTL", "PT25S");
        final int lines = backlog.sellableLines();

        int firstPort = BridgeProcesses.freePort();
        int secondPort = BridgeProcesses.freePort();
        Process first = processes.startBridge("node-1", sandboxPort, firstPort, data, with(env, "node-1"));
        Process second = processes.startBridge("node-2", sandboxPort, secondPort, data, with(env, "node-2"));
        // The node killed is one that is restocking a third of the way through: a node killed before it took any
        // return proves nothing about what a dead node leaves behind. Which node that is, is the clustered poll's
        // choice (one node drains a polled backlog, the other stands by), so it is found out, not assumed.
        await("part of the run is done, a node restocking").atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> sandbox.warehouseTransactions().size() >= lines / 3
                        && (restocking(processes, "node-1") || restocking(processes, "node-2")));
        boolean firstDies = restocking(processes, "node-1");
        String victim = firstDies ? "node-1" : "node-2";
        String survivor = firstDies ? "node-2" : "node-1";
        Process survivorProcess = firstDies ? second : first;
        int survivorPort = firstDies ? secondPort : firstPort;
        BridgeProcesses.kill(firstDies ? first : second);
        int atKill = sandbox.warehouseTransactions().size();
        assertThat(atKill).as("killed mid-run, with stock-ins still to come").isLessThan(lines);

        backlog.awaitStockInSitoo(sandbox, Duration.ofSeconds(300));
        backlog.awaitOrdersInSitoo(sandbox, Duration.ofSeconds(120));
        sandbox.sitooFaults("{}");
        // Anything the dead node left unsettled would post now: wait until nothing is, and the survivor has polled
        // and swept again.
        backlog.awaitSettled(List.of(new BridgeApi(survivor, survivorPort)), sandbox, Duration.ofSeconds(180));
        backlog.assertExactlyOnce(sandbox);

        survivorProcess.destroy(); // SIGTERM: a graceful stop
        assertThat(survivorProcess.waitFor(60, TimeUnit.SECONDS)).as(survivor + " stopped").isTrue();
        assertThat(Files.readString(processes.log(survivor))).contains(survivor)
                .containsPattern("Node " + survivor + " stopped taking work: released \\d+ claim\\(s\\)");
        log.info("CLUSTER CRASH RUN: {} sellable lines, {} refunds, {} stock-ins when {} was killed, calls {}",
                lines, backlog.refunds(), atKill, victim, sandbox.calls());
    }

    private static boolean restocking(BridgeProcesses processes, String node) throws java.io.IOException {
        return Files.readString(processes.log(node)).contains("Restocked +");
    }

    private static Map<String, String> with(Map<String, String> env, String nodeId) {
        Map<String, String> mine = new HashMap<>(env);
        mine.put("BRIDGE_NODE_ID", nodeId);
        return mine;
    }
}
