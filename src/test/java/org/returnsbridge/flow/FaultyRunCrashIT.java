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

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.returnsbridge.testsupport.BridgeProcesses;
import org.returnsbridge.testsupport.ReturnJson;
import org.returnsbridge.testsupport.SandboxControl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge process is SIGKILLed in the middle of a run against a faulty Sitoo (20 % of requests
 * misbehave, answers get lost after commit), then started again on the same database with the faults
 * still on. Every sellable line must end in Sitoo exactly once: nothing lost, nothing doubled.
 */
class FaultyRunCrashIT {

    private static final Logger log = LoggerFactory.getLogger(FaultyRunCrashIT.class);
    private static final String[] SKUS = {"10038-1", "10038-2", "20417-M", "30112-40", "40001-1"};
    private static final String[] LOCATIONS = {"store-stockholm-01", "store-goteborg-01", "dc-boras"};

    private final BridgeProcesses processes = new BridgeProcesses("faulty-run-crash");

    @AfterEach
    void stopEverything() {
        processes.stopAll();
    }

    @Test
    void killedMidRunUnderFaultsAndRestartedNothingLostNothingDoubled() throws Exception {
        int sandboxPort = BridgeProcesses.freePort();
        int bridgePort = BridgeProcesses.freePort();
        Path data = Files.createTempDirectory("bridge-faulty-crash-");
        processes.startSandbox(sandboxPort);
        SandboxControl sandbox = new SandboxControl("http://127.0.0.1:" + sandboxPort + "/sandbox");

        Random random = new Random(7);
        Map<String, BigDecimal> expected = new HashMap<>();
        int sellableLines = 0;
        int refunds = 0;
        for (int r = 0; r < 150; r++) {
            int locationIndex = random.nextInt(LOCATIONS.length);
            ReturnJson ret = aReturn().location(LOCATIONS[locationIndex]);
            String refunded = null;
            for (int i = 0; i < 1 + random.nextInt(2); i++) {
                String sku = SKUS[random.nextInt(SKUS.length)];
                String item = newId();
                if (random.nextInt(5) == 0) {
                    ret.item(item, sku, 1, "accepted", "damaged");
                } else {
                    ret.sellable(item, sku, 1);
                    sellableLines++;
                    expected.merge((locationIndex + 1) + "/" + sku, BigDecimal.ONE, BigDecimal::add);
                }
                refunded = item;
            }
            if (r % 2 == 0) { // half the returns carry a refund, which must become exactly one Sitoo order
                ret.refund(newId(), "succeeded", "49.9500", refunded, "49.9500");
                refunds++;
            }
            sandbox.putReturn(ret.json());
        }
        sandbox.sitooFaults("""
                {"seed": 11, "rate429RetryAfter": 0.02, "retryAfterSeconds": 1, "rate429": 0.04, "rate500": 0.05,
                 "rateDrop": 0.03, "rateDropAfterCommit": 0.06}""");
        Map<String, String> fastSweeps = Map.of(
                "BRIDGE_RESTOCK_SETTLE_TIME", "PT3S",
                "BRIDGE_RESTOCK_SWEEP_INTERVAL", "PT2S",
                "BRIDGE_EXCEPTIONS_SWEEP_INTERVAL", "PT2S",
                "BRIDGE_EXCEPTIONS_RETRY_FIRST", "PT1S",
                "BRIDGE_EXCEPTIONS_RETRY_CAP", "PT4S",
                "BRIDGE_REDELIVERY_INITIAL_DELAY", "PT0.1S",
                "BRIDGE_REDELIVERY_MAX_DELAY", "PT0.5S",
                "BRIDGE_SITOO_BREAKER_OPEN_WAIT", "PT2S",
                "BRIDGE_HTTP_RESPONSE_TIMEOUT_MS", "2000");
        final int lines = sellableLines;

        Process first = processes.startBridge("bridge-1", sandboxPort, bridgePort, data, fastSweeps);
        await("part of the run is done").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                .until(() -> sandbox.warehouseTransactions().size() >= lines / 3);
        BridgeProcesses.kill(first);
        int atKill = sandbox.warehouseTransactions().size();

        processes.startBridge("bridge-2", sandboxPort, bridgePort, data, fastSweeps);
        await("every sellable line is in Sitoo").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                .until(() -> sandbox.totalStock().compareTo(BigDecimal.valueOf(lines)) >= 0);
        sandbox.sitooFaults("{}");
        Thread.sleep(6_000); // a few more sweeps: anything still unsettled would post now, and be caught below

        for (var entry : expected.entrySet()) {
            String[] key = entry.getKey().split("/");
            assertThat(sandbox.stock(Integer.parseInt(key[0]), key[1])).as("stock " + entry.getKey())
                    .isEqualByComparingTo(entry.getValue());
        }
        assertThat(sandbox.totalStock()).isEqualByComparingTo(BigDecimal.valueOf(lines));
        assertThat(sandbox.warehouseTransactions()).as("one stock-in per sellable line").hasSize(lines);
        final int expectedOrders = refunds;
        await("every refund is in Sitoo's sales ledger").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> sandbox.orders().size() >= expectedOrders);
        Thread.sleep(3_000);
        assertThat(sandbox.orders()).as("one order per refund, never two").hasSize(expectedOrders);
        log.info("FAULTY CRASH RUN: {} sellable lines, {} stock-ins when bridge-1 was killed, faults {}",
                lines, atKill, sandbox.calls());
    }

}
