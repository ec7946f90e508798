package org.returnsbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.returnsbridge.testsupport.ReturnJson.aReturn;
import static org.returnsbridge.testsupport.ReturnJson.newId;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.returnsbridge.testsupport.BridgeApi;
import org.returnsbridge.testsupport.BridgeProcesses;
import org.returnsbridge.testsupport.SandboxControl;
import org.returnsbridge.testsupport.Settling;

/**
 * Interval mode across a crash: the bridge is SIGKILLed while a batch it sent is applied in Sitoo but
 * unanswered, with more lines still queued. After a restart every line is in Sitoo exactly once.
 */
class IntervalCrashIT {

    private static final String SCARF = "10038-1";

    private final BridgeProcesses processes = new BridgeProcesses("interval-crash");

    @AfterEach
    void stopEverything() {
        processes.stopAll();
    }

    @Test
    void killedWithABatchInFlightAndLinesQueuedRestocksEverythingOnce() throws Exception {
        int sandboxPort = BridgeProcesses.freePort();
        int bridgePort = BridgeProcesses.freePort();
        Path data = Files.createTempDirectory("bridge-interval-crash-");
        processes.startSandbox(sandboxPort);
        SandboxControl sandbox = new SandboxControl("http://127.0.0.1:" + sandboxPort + "/sandbox");
        int lines = 60;
        for (int i = 0; i < lines; i++) {
            sandbox.putReturn(aReturn().sellable(newId(), SCARF, 1).json());
        }
        sandbox.sitooFaults("{\"holdAfterCommitMillis\": 60000}"); // the first batch lands, its answer never comes
        Map<String, String> interval = Map.of(
                "BRIDGE_SYNC_MODE", "interval",
                "BRIDGE_SYNC_WINDOW", "PT1S",
                "BRIDGE_SYNC_BATCH_SIZE", "25",
                "BRIDGE_RESTOCK_SETTLE_TIME", "PT3S",
                "BRIDGE_RESTOCK_SWEEP_INTERVAL", "PT2S");

        Process first = processes.startBridge("bridge-1", sandboxPort, bridgePort, data, interval);
        await("a batch is applied in Sitoo").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> !sandbox.warehouseTransactions().isEmpty());
        BigDecimal atKill = sandbox.totalStock();
        BridgeProcesses.kill(first);
        sandbox.sitooFaults("{}");

        processes.startBridge("bridge-2", sandboxPort, bridgePort, data, interval);
        await("every line is in Sitoo").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> sandbox.totalStock().compareTo(BigDecimal.valueOf(lines)) >= 0);
        // Anything doubled would be sent by a flush or a sweep: wait until every line is confirmed in the ledger
        // (nothing queued, nothing of unknown outcome), then until the batches, the sweep and the poll ran again.
        // The batch held in Sitoo was applied before the kill; its answer, due to a dead process, does not matter.
        BridgeApi bridge = new BridgeApi("bridge-2", bridgePort);
        await("every line RESTOCKED in the ledger").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(bridge.ledgerLinesByItem().values()).hasSize(lines)
                        .allMatch(line -> "RESTOCKED".equals(line.path("ledgerState").asText())));
        Settling.awaitFullRuns(Duration.ofSeconds(60), List.of(bridge),
                Settling.RESTOCK_BATCHES, Settling.RESTOCK_SWEEP, Settling.POLL);

        assertThat(atKill).as("the kill came with a batch in flight and lines still queued")
                .isBetween(BigDecimal.ONE, BigDecimal.valueOf(lines - 1));
        assertThat(sandbox.stock(1, SCARF)).isEqualByComparingTo(BigDecimal.valueOf(lines));
        List<String> externalIds = new ArrayList<>();
        int items = 0;
        for (JsonNode tx : sandbox.warehouseTransactions()) {
            externalIds.add(tx.path("externalid").asText());
            items += tx.path("items").size();
        }
        assertThat(items).as("one item per line, across the batches").isEqualTo(lines);
        assertThat(externalIds).as("no batch sent twice").doesNotHaveDuplicates().allMatch(id -> id.startsWith("rvb-"));
        assertThat(sandbox.calls("sitoo POST warehousetransactions")).as("batched: far fewer requests than lines")
                .isLessThan(lines / 5);
    }
}
