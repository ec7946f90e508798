package org.returnsbridge.webhooks;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.returnsbridge.testsupport.BridgeProcesses;
import org.returnsbridge.testsupport.RawUpload;
import org.returnsbridge.testsupport.SandboxControl;

/**
 * The attack on the packaged bridge in a JVM with a 128 MB heap and the default limits: waves of
 * 60 concurrent unsigned uploads — declaring 10 MB, streaming 10 MB chunked at full speed, trickling 200 KB
 * a byte at a time — are refused (413, 503, 408) while the bridge stays alive and UP, and a genuine signed
 * event afterwards is restocked. Before the budget, the same uploads were buffered whole before the
 * signature was checked.
 */
class WebhookFloodIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WAVE = 60;
    private static final long DEFAULT_BODY_LIMIT = 262_144;

    private final BridgeProcesses processes = new BridgeProcesses("webhook-flood");
    private final ExecutorService clients = Executors.newFixedThreadPool(WAVE);
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stopEverything() {
        clients.shutdownNow();
        processes.stopAll();
    }

    @Test
    void sixtyHostileUploadsAtATimeNeitherKillNorStallTheBridge() throws Exception {
        int sandboxPort = BridgeProcesses.freePort();
        int port = BridgeProcesses.freePort();
        Path data = Files.createTempDirectory("bridge-flood-");
        processes.startSandbox(sandboxPort);
        SandboxControl sandbox = new SandboxControl("http://127.0.0.1:" + sandboxPort + "/sandbox");
        Process bridge = processes.startBridge("bridge", sandboxPort, port, data,
                Map.of("BRIDGE_POLL_ENABLED", "false", "BRIDGE_WEBHOOK_READ_TIMEOUT", "PT3S"), List.of("-Xmx128m"));
        await("bridge up").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions().until(() -> health(port).contains("\"UP\""));

        Map<Integer, Integer> declared = wave(i -> new RawUpload(port, 10L * 1024 * 1024, false, Duration.ZERO,
                DEFAULT_BODY_LIMIT));
        Map<Integer, Integer> streamed = wave(i -> new RawUpload(port, -1, true, Duration.ZERO, DEFAULT_BODY_LIMIT));
        Map<Integer, Integer> trickled = wave(i -> new RawUpload(port, 200_000, false, Duration.ofMillis(500),
                DEFAULT_BODY_LIMIT));
        System.out.printf("webhook flood, -Xmx128m: declared 10 MB %s, chunked 10 MB %s, trickled 200 KB %s%n",
                declared, streamed, trickled);

        assertThat(declared).isEqualTo(Map.of(413, WAVE));
        assertThat(streamed.keySet()).isSubsetOf(413, 503);
        // 4 MiB / 200 000 bytes: 20 admitted at a time (exactly 20 when all 60 connect within the read timeout).
        assertThat(trickled.keySet()).isSubsetOf(408, 503);
        assertThat(trickled.getOrDefault(503, 0)).as("refused at once").isGreaterThanOrEqualTo(WAVE / 2);
        assertThat(bridge.isAlive()).isTrue();
        assertThat(health(port)).contains("\"UP\"");
        assertThat(Files.readString(processes.log("bridge"))).doesNotContain("OutOfMemoryError");

        String item = newId();
        ObjectNode object = aReturn().sellable(item, "10038-1", 1).json().deepCopy();
        object.put("updated_at", Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        ObjectNode event = JSON.createObjectNode().put("id", newId()).put("event", "return.updated")
                .put("created", Instant.now().getEpochSecond());
        event.putObject("data").put("resource", "return").put("resource_id", object.path("id").asText()).set("object", object);
        byte[] body = event.toString().getBytes(StandardCharsets.UTF_8);
        ReveniSignature signature = new ReveniSignature(BridgeProcesses.REVENI_KEY, Duration.ofMinutes(5));
        HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/reveni"))
                .header("Content-Type", "application/json")
                .header("X-REVENI-SIGNATURE", signature.sign(Long.toString(Instant.now().getEpochSecond()), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        await("the genuine event is restocked").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> sandbox.stock(1, "10038-1").signum() > 0);
    }

    private Map<Integer, Integer> wave(IntFunction<RawUpload> upload) throws Exception {
        List<Future<Integer>> running = new ArrayList<>();
        for (int i = 0; i < WAVE; i++) {
            RawUpload one = upload.apply(i);
            running.add(clients.submit(one::run));
        }
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (Future<Integer> status : running) {
            statuses.merge(status.get(), 1, Integer::sum);
        }
        return statuses;
    }

    private String health(int port) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
