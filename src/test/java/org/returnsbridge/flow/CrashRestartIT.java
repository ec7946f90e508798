package org.returnsbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.returnsbridge.testsupport.ReturnJson.aReturn;
import static org.returnsbridge.testsupport.ReturnJson.newId;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.returnsbridge.testsupport.BridgeProcesses;
import org.returnsbridge.testsupport.ReturnJson;
import org.returnsbridge.testsupport.SandboxControl;

/**
 * Exactly once across a crash: the bridge's JVM is SIGKILLed after Sitoo applied a stock-in and before
 * the bridge could record it. The restarted bridge must find the stock-in in Sitoo and not post it again.
 * Two separate processes (bridge, sandbox) from the packaged jar, so the sandbox outlives the bridge.
 */
class CrashRestartIT {

    private static final String SCARF = "10038-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BridgeProcesses processes = new BridgeProcesses("crash-restart");
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stopEverything() {
        processes.stopAll();
    }

    @Test
    void bridgeKilledBetweenPostedAndRecordedRestocksExactlyOnceAfterRestart() throws Exception {
        int sandboxPort = BridgeProcesses.freePort();
        int bridgePort = BridgeProcesses.freePort();
        Path data = Files.createTempDirectory("bridge-crash-");
        processes.startSandbox(sandboxPort);
        SandboxControl sandbox = new SandboxControl("http://127.0.0.1:" + sandboxPort + "/sandbox");

        String item = newId();
        ReturnJson ret = aReturn().sellable(item, SCARF, 1);
        sandbox.putReturn(ret.json());
        // Sitoo applies the stock-in, then keeps the bridge waiting for its answer.
        sandbox.sitooFaults("{\"holdAfterCommitMillis\": 120000}");

        Process first = processes.startBridge("bridge-1", sandboxPort, bridgePort, data, Map.of());
        await("Sitoo applied the stock-in").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> sandbox.warehouseTransactions().size() == 1);
        assertThat(lineState(bridgePort, ret.id(), item)).as("intent recorded, outcome not yet").isEqualTo("RESTOCKING");

        BridgeProcesses.kill(first);
        sandbox.sitooFaults("{}");
        // Another return arrives while the bridge is down: nothing may be lost either.
        String later = newId();
        sandbox.putReturn(aReturn().location("dc-boras").sellable(later, SCARF, 1).json());

        processes.startBridge("bridge-2", sandboxPort, bridgePort, data, Map.of());
        await("restarted bridge settled the line").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> "RESTOCKED".equals(lineStateOrNull(bridgePort, ret.id(), item)));
        await("the later return flows too").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> sandbox.stock(3, SCARF).signum() > 0);

        assertThat(sandbox.warehouseTransactions()).as("one stock-in per line, never two").hasSize(2);
        assertThat(sandbox.stock(1, SCARF)).isEqualByComparingTo("1");
        assertThat(sandbox.stock(3, SCARF)).isEqualByComparingTo("1");
        assertThat(line(bridgePort, ret.id(), item).path("stateReason").asText()).contains("read-back");
        assertThat(Files.readString(processes.log("bridge-2"))).contains("was already in Sitoo");
    }

    private String lineState(int port, String returnId, String itemId) throws Exception {
        return line(port, returnId, itemId).path("state").asText();
    }

    private String lineStateOrNull(int port, String returnId, String itemId) {
        try {
            return lineState(port, returnId, itemId);
        } catch (Exception notUpYet) {
            return null;
        }
    }

    private JsonNode line(int port, String returnId, String itemId) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/returns/" + returnId))
                        .header("Authorization", basicAuth(BridgeProcesses.OPERATOR, BridgeProcesses.OPERATOR_PASSWORD))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        for (JsonNode line : JSON.readTree(response.body()).path("lines")) {
            if (itemId.equals(line.path("itemId").asText())) {
                return line;
            }
        }
        throw new IllegalStateException("no line " + itemId + " in " + response.body());
    }

    private static String basicAuth(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
