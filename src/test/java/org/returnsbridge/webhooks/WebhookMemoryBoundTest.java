package org.returnsbridge.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.returnsbridge.testsupport.ReturnJson.aReturn;
import static org.returnsbridge.testsupport.ReturnJson.newId;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.returnsbridge.ledger.LineState;
import org.returnsbridge.testsupport.RawUpload;
import org.returnsbridge.testsupport.ReturnJson;
import org.returnsbridge.testsupport.SandboxedBridgeTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Hostile senders cannot exhaust memory or the webhook path: many concurrent slow or oversized uploads,
 * none signed, are refused from their headers (413), refused at once when the budget of body bytes in
 * flight is spent (503 with Retry-After), or cut off at the read timeout (408), while the bytes held never
 * exceed the budget. Afterwards the bridge is healthy and a genuine event is restocked. Bounded: 60
 * loopback connections per wave, a 2-second read timeout, small limits so the budget is reached at once.
 */
@TestPropertySource(properties = {
        "bridge.webhooks.max-body-bytes=" + WebhookMemoryBoundTest.MAX_BODY,
        "bridge.webhooks.max-inflight-bytes=" + WebhookMemoryBoundTest.BUDGET,
        "bridge.webhooks.read-timeout=PT2S",
        "server.tomcat.connection-timeout=3s",
})
class WebhookMemoryBoundTest extends SandboxedBridgeTest {

    static final int MAX_BODY = 65_536;
    static final int BUDGET = 4 * MAX_BODY;
    private static final int WAVE = 60;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ReveniSignature GENUINE = new ReveniSignature("sandbox-reveni-key", Duration.ofMinutes(5));

    @LocalServerPort
    private int port;
    @Autowired
    private WebhookBodyBudget budget;

    private ExecutorService clients;

    @BeforeEach
    void clients() {
        clients = Executors.newFixedThreadPool(WAVE);
        budget.resetPeak();
    }

    @AfterEach
    void stopClients() {
        clients.shutdownNow();
    }

    @Test
    void oversizedDeclaredBodiesAreRefusedFromTheirHeadersWithoutBeingRead() throws Exception {
        Map<Integer, Integer> statuses = wave(WAVE, i -> new RawUpload(port, 10L * 1024 * 1024, false, Duration.ZERO, MAX_BODY));

        assertThat(statuses).isEqualTo(Map.of(413, WAVE));
        assertThat(budget.peak()).as("nothing was taken from the budget").isZero();
        assertHealthyAndStillRestocking();
    }

    @Test
    void slowUploadsHoldAtMostTheBudgetTheRestAre503AndTheSlowOnesAreCutOff() throws Exception {
        long heapBefore = usedHeap();
        long started = System.nanoTime();
        Map<Integer, Integer> statuses = wave(WAVE, i -> new RawUpload(port, 60_000, false, Duration.ofMillis(300), MAX_BODY));
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();

        int admitted = BUDGET / 60_000;
        assertThat(statuses).as("answers by status").isEqualTo(Map.of(503, WAVE - admitted, 408, admitted));
        assertThat(budget.peak()).isLessThanOrEqualTo(BUDGET).isGreaterThanOrEqualTo((long) admitted * 60_000);
        assertThat(seconds).as("the slow ones are cut off at the read timeout").isLessThan(10);
        await().atMost(Duration.ofSeconds(5)).until(() -> budget.inFlight() == 0);
        System.out.printf("memory bound: %d slow uploads → %s; peak in flight %d of %d bytes; %d s; heap %d → %d MB%n",
                WAVE, statuses, budget.peak(), BUDGET, seconds, heapBefore >> 20, usedHeap() >> 20);
        assertHealthyAndStillRestocking();
    }

    @Test
    void chunkedUploadsWithoutALengthAreBoundedToo() throws Exception {
        Map<Integer, Integer> slow = wave(20, i -> new RawUpload(port, -1, true, Duration.ofMillis(300), MAX_BODY));

        int admitted = BUDGET / MAX_BODY;
        assertThat(slow).isEqualTo(Map.of(503, 20 - admitted, 408, admitted));
        assertThat(budget.peak()).isLessThanOrEqualTo(BUDGET);

        Map<Integer, Integer> endless = wave(3, i -> new RawUpload(port, -1, true, Duration.ZERO, MAX_BODY));
        assertThat(endless).as("a fast chunked body past the limit").isEqualTo(Map.of(413, 3));
        await().atMost(Duration.ofSeconds(5)).until(() -> budget.inFlight() == 0);
        assertHealthyAndStillRestocking();
    }

    @Test
    void aBurstOfGenuineEventsFitsTheBudget() throws Exception {
        List<String> items = new ArrayList<>();
        List<Future<Integer>> answers = new ArrayList<>();
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 20; i++) {
            String item = newId();
            items.add(item);
            byte[] body = event(aReturn().sellable(item, "10038-1", 1));
            answers.add(clients.submit(() -> post(http, body).statusCode()));
        }
        for (Future<Integer> answer : answers) {
            assertThat(answer.get()).isEqualTo(202);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> items.stream().allMatch(i -> ledger.find(i)
                .map(l -> l.state() == LineState.RESTOCKED).orElse(false)));
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private void assertHealthyAndStillRestocking() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base() + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"UP\"");

        String item = newId();
        HttpResponse<String> accepted = post(http, event(aReturn().sellable(item, "10038-1", 1)));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> ledger.find(item)
                .map(l -> l.state() == LineState.RESTOCKED).orElse(false));
        assertThat(sandbox.stock(1, "10038-1")).isEqualByComparingTo("1");
    }

    private HttpResponse<String> post(HttpClient http, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + "/webhooks/reveni"))
                .header("Content-Type", "application/json")
                .header("X-REVENI-SIGNATURE", GENUINE.sign(Long.toString(Instant.now().getEpochSecond()), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private static byte[] event(ReturnJson ret) {
        ObjectNode object = ret.json().deepCopy();
        object.put("updated_at", Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        ObjectNode event = JSON.createObjectNode().put("id", newId()).put("event", "return.updated")
                .put("created", Instant.now().getEpochSecond());
        event.putObject("data").put("resource", "return").put("resource_id", object.path("id").asText()).set("object", object);
        return event.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static long usedHeap() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private interface UploadFactory {
        RawUpload upload(int index);
    }

    /**
     * Runs n uploads at once; the count of answers by status (0: the connection closed without one). Each
     * 503 says when to come back: the read timeout, by when every share held now is given back.
     */
    private Map<Integer, Integer> wave(int n, UploadFactory factory) throws Exception {
        List<RawUpload> uploads = new ArrayList<>();
        List<Future<Integer>> running = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            RawUpload upload = factory.upload(i);
            uploads.add(upload);
            running.add(clients.submit((Callable<Integer>) upload::run));
        }
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            int status = running.get(i).get();
            statuses.merge(status, 1, Integer::sum);
            if (status == 503) {
                assertThat(uploads.get(i).retryAfter()).isEqualTo("2");
            }
        }
        return statuses;
    }
}
