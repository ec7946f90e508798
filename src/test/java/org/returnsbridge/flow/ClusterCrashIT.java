package org.returnsbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.returnsbridge.testsupport.ReturnJson.aReturn;
import static org.returnsbridge.testsupport.ReturnJson.newId;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.returnsbridge.testsupport.BridgeProcesses;
import org.returnsbridge.testsupport.ReturnJson;
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
    private static final String[] SKUS = {"10038-1", "10038-2", "20417-M", "30112-40", "40001-1"};
    private static final String[] LOCATIONS = {"store-stockholm-01", "store-goteborg-01", "dc-boras"};

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

        Random random = new Random(13);
        Map<String, BigDecimal> expected = new HashMap<>();
        int sellableLines = 0;
        int refunds = 0;
        for (int r = 0; r < 120; r++) {
            int locationIndex = random.nextInt(LOCATIONS.length);
            ReturnJson ret = aReturn().location(LOCATIONS[locationIndex]);
            String refunded = null;
            for (int i = 0; i < 1 + random.nextInt(2); i++) {
                String sku = SKUS[random.nextInt(SKUS.length)];
                String item = newId();
                ret.sellable(item, sku, 1);
                sellableLines++;
                expected.merge((locationIndex + 1) + "/" + sku, BigDecimal.ONE, BigDecimal::add);
                refunded = item;
            }
            if (r % 2 == 0) {
                ret.refund(newId(), "succeeded", "49.9500", refunded, "49.9500");
                refunds++;
            }
            sandbox.putReturn(ret.json());
        }
        sandbox.sitooFaults("""
                {"seed": 5, "rate429": 0.03, "rate500": 0.05, "rateDrop": 0.03, "rateDropAfterCommit": 0.06}""");
        String database = TestDatabase.sharedPostgresUrl("cluster_crash_" + System.nanoTime());
        Map<String, String> env = new HashMap<>(Map.of(
                "SPRING_DATASOURCE_URL", database,
                "SPRING_DATASOURCE_USERNAME", "postgres",
                "BRIDGE_CLAIM_TTL", "PT75S", // the least the 2 s response timeout allows: a dead node's claims lapse soon
                "BRIDGE_RESTOCK_SETTLE_TIME", "PT3S",
                "BRIDGE_RESTOCK_SWEEP_INTERVAL", "PT2S",
                "BRIDGE_EXCEPTIONS_SWEEP_INTERVAL", "PT2S",
                "BRIDGE_EXCEPTIONS_RETRY_FIRST", "PT1S",
                "BRIDGE_EXCEPTIONS_RETRY_CAP", "PT4S",
                "BRIDGE_SITOO_BREAKER_OPEN_WAIT", "PT2S",
                "BRIDGE_HTTP_RESPONSE_TIMEOUT_MS", "2000"));
        env.put("BRIDGE_REDELIVERY_INITIAL_DELAY", "PT0.1S");
        env.put("BRIDGE_REDELIVERY_MAX_DELAY", "PT0.5S");
        final int lines = sellableLines;

        Process first = processes.startBridge("node-1", sandboxPort, BridgeProcesses.freePort(), data, with(env, "node-1"));
        Process second = processes.startBridge("node-2", sandboxPort, BridgeProcesses.freePort(), data,
                with(env, "node-2"));
        await("part of the run is done").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(100))
                .until(() -> sandbox.warehouseTransactions().size() >= lines / 3);
        BridgeProcesses.kill(first);
        int atKill = sandbox.warehouseTransactions().size();

        await("every sellable line is in Sitoo").atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofSeconds(1))
                .until(() -> sandbox.totalStock().compareTo(BigDecimal.valueOf(lines)) >= 0);
        final int expectedOrders = refunds;
        await("every refund is in Sitoo's sales ledger").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> sandbox.orders().size() >= expectedOrders);
        sandbox.sitooFaults("{}");
        Thread.sleep(6_000); // a few more polls and sweeps: anything unsettled would post now, and be caught below

        for (var entry : expected.entrySet()) {
            String[] key = entry.getKey().split("/");
            assertThat(sandbox.stock(Integer.parseInt(key[0]), key[1])).as("stock " + entry.getKey())
                    .isEqualByComparingTo(entry.getValue());
        }
        assertThat(sandbox.totalStock()).isEqualByComparingTo(BigDecimal.valueOf(lines));
        assertThat(sandbox.warehouseTransactions()).as("one stock-in per sellable line").hasSize(lines);
        assertThat(sandbox.orders()).as("one order per refund, never two").hasSize(expectedOrders);

        second.destroy(); // SIGTERM: a graceful stop
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).as("node-2 stopped").isTrue();
        assertThat(Files.readString(processes.log("node-2"))).contains("node-2")
                .containsPattern("Node node-2 stopped taking work: released \\d+ claim\\(s\\)");
        log.info("CLUSTER CRASH RUN: {} sellable lines, {} refunds, {} stock-ins when node-1 was killed, calls {}",
                lines, refunds, atKill, sandbox.calls());
    }

    private static Map<String, String> with(Map<String, String> env, String nodeId) {
        Map<String, String> mine = new HashMap<>(env);
        mine.put("BRIDGE_NODE_ID", nodeId);
        return mine;
    }
}
