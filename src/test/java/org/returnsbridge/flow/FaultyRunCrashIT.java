package org.returnsbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.returnsbridge.testsupport.BridgeApi;
import org.returnsbridge.testsupport.BridgeProcesses;
import org.returnsbridge.testsupport.CrashBacklog;
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

        CrashBacklog backlog = CrashBacklog.seed(sandbox, 7, 150, true);
        sandbox.sitooFaults("""
                {"seed": 11, "rate429RetryAfter": 0.02, "retryAfterSeconds": 1, "rate429": 0.04, "rate500": 0.05,
                 "rateDrop": 0.03, "rateDropAfterCommit": 0.06}""");
        final int lines = backlog.sellableLines();

        Process first = processes.startBridge("bridge-1", sandboxPort, bridgePort, data, CrashBacklog.FAST_SETTLING);
        await("part of the run is done").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                .until(() -> sandbox.warehouseTransactions().size() >= lines / 3);
        BridgeProcesses.kill(first);
        int atKill = sandbox.warehouseTransactions().size();

        processes.startBridge("bridge-2", sandboxPort, bridgePort, data, CrashBacklog.FAST_SETTLING);
        backlog.awaitStockInSitoo(sandbox, Duration.ofSeconds(180));
        sandbox.sitooFaults("{}");
        backlog.awaitOrdersInSitoo(sandbox, Duration.ofSeconds(60));
        // Anything still unsettled would post now: wait until nothing is, and the sweeps have run once more.
        backlog.awaitSettled(List.of(new BridgeApi("bridge-2", bridgePort)), sandbox, Duration.ofSeconds(120));

        backlog.assertExactlyOnce(sandbox);
        JsonNode calls = sandbox.calls();
        for (String kind : List.of("TOO_MANY_REQUESTS_WITH_RETRY_AFTER", "TOO_MANY_REQUESTS", "SERVER_ERROR", "DROP",
                "DROP_AFTER_COMMIT")) {
            assertThat(calls.path("sitoo fault " + kind).asInt()).as("Sitoo faults of kind %s injected", kind).isPositive();
        }
        log.info("FAULTY CRASH RUN: {} sellable lines, {} stock-ins when bridge-1 was killed, faults {}",
                lines, atKill, sandbox.calls());
    }
}
