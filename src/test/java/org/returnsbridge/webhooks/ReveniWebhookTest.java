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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.junit.jupiter.api.Test;
import org.returnsbridge.flow.BridgeStartup;
import org.returnsbridge.ledger.LineState;
import org.returnsbridge.testsupport.ReturnJson;
import org.returnsbridge.testsupport.SandboxedBridgeTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Reveni's signed webhooks: only genuine, fresh, well-formed events are processed, each exactly once. */
class ReveniWebhookTest extends SandboxedBridgeTest {

    private static final String SCARF = "10038-1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ReveniSignature GENUINE = new ReveniSignature("sandbox-reveni-key", Duration.ofMinutes(5));
    private static final ReveniSignature WRONG_KEY = new ReveniSignature("someone-elses-key", Duration.ofMinutes(5));

    @LocalServerPort
    private int port;
    @Autowired
    private WebhookInbox inbox;

    private final HttpClient http = HttpClient.newHttpClient();
    @Autowired
    private CamelContext camelContext;

    /** The inbox sweep is marked for the start-up sequence: started once the checks are done, not by Camel. */
    @Test
    void theInboxSweepIsStartedByTheStartUpSequence() {
        Route sweep = camelContext.getRoute(WebhookRoutes.INBOX_SWEEP);
        assertThat(sweep.getProperties()).containsEntry(BridgeStartup.AFTER_START_UP_CHECKS, "true");
        assertThat(sweep.getGroup()).as("no route group: Hawtio lists the routes flat").isNull();
        assertThat(camelContext.getRouteController().getRouteStatus(WebhookRoutes.INBOX_SWEEP).isStarted()).isTrue();
    }

    @Test
    void signedEventIsStoredAnsweredAndRestockedThroughTheNormalFlow() throws Exception {
        String item = newId();
        ReturnJson ret = aReturn().sellable(item, SCARF, 1);
        String eventId = newId();
        byte[] body = event(eventId, "return.updated", ret);

        HttpResponse<String> response = post(body, GENUINE.sign(now(), body), "application/json");

        assertThat(response.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> ledger.find(item).map(l -> l.state() == LineState.RESTOCKED)
                .orElse(false));
        assertThat(sandbox.stock(1, SCARF)).isEqualByComparingTo("1");
        assertThat(inbox.status(eventId)).isEqualTo("PROCESSED");
        assertThat(sandbox.calls("reveni GET returns")).as("no poll was needed").isZero();
    }

    @Test
    void badSignaturesAreRefusedAndNothingIsProcessed() throws Exception {
        String item = newId();
        String eventId = newId();
        byte[] body = event(eventId, "return.updated", aReturn().sellable(item, SCARF, 1));
        String stale = Long.toString(Instant.now().minus(Duration.ofMinutes(10)).getEpochSecond());
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("\"quantity\":1", "\"quantity\":9")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(post(body, WRONG_KEY.sign(now(), body), "application/json").statusCode()).as("wrong key").isEqualTo(401);
        assertThat(post(tampered, GENUINE.sign(now(), body), "application/json").statusCode()).as("tampered").isEqualTo(401);
        assertThat(post(body, GENUINE.sign(stale, body), "application/json").statusCode()).as("stale").isEqualTo(401);
        assertThat(post(body, null, "application/json").statusCode()).as("missing").isEqualTo(401);
        String otherScheme = GENUINE.sign(now(), body).replace("v1=", "v0=");
        assertThat(post(body, otherScheme, "application/json").statusCode()).as("other scheme only").isEqualTo(401);
        HttpResponse<String> answer = post(body, WRONG_KEY.sign(now(), body), "application/json");
        assertThat(answer.body()).doesNotContain("sandbox-reveni-key").contains("does not match");

        // Only a stored event is ever processed (at once or by the inbox sweep), and the controller stores one only
        // after its signature checks: no row means nothing can happen later, so there is nothing to wait for.
        assertThat(inbox.status(eventId)).as("refused event stored").isNull();
        assertThat(ledger.find(item)).isEmpty();
        assertThat(sandbox.stockLevels()).isEmpty();
    }

    @Test
    void malformedOrNonJsonBodiesAreRefusedWithTheRightStatus() throws Exception {
        byte[] broken = "{\"id\": \"abc\", \"event\": ".getBytes(StandardCharsets.UTF_8);
        assertThat(post(broken, GENUINE.sign(now(), broken), "application/json").statusCode()).isEqualTo(400);

        byte[] form = "id=abc&event=return.updated".getBytes(StandardCharsets.UTF_8);
        assertThat(post(form, GENUINE.sign(now(), form), "application/x-www-form-urlencoded").statusCode()).isEqualTo(415);

        byte[] notAnEvent = "{\"hello\": \"world\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(post(notAnEvent, GENUINE.sign(now(), notAnEvent), "application/json").statusCode()).isEqualTo(400);

        ReturnJson huge = aReturn().sellable(newId(), SCARF, 1);
        huge.json().put("notes", "x".repeat(300_000)); // the test context accepts at most 200 000 bytes
        byte[] oversized = event(newId(), "return.updated", huge);
        assertThat(post(oversized, GENUINE.sign(now(), oversized), "application/json").statusCode()).isEqualTo(413);
    }

    @Test
    void repeatedDeliveryIsAcknowledgedAndProcessedOnce() throws Exception {
        String item = newId();
        String eventId = newId();
        byte[] body = event(eventId, "return.updated", aReturn().sellable(item, SCARF, 1));

        assertThat(post(body, GENUINE.sign(now(), body), "application/json").statusCode()).isEqualTo(202);
        HttpResponse<String> again = post(body, GENUINE.sign(now(), body), "application/json");

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("duplicate");
        await().atMost(Duration.ofSeconds(10)).until(() -> "PROCESSED".equals(inbox.status(eventId)));
        assertThat(sandbox.warehouseTransactions()).hasSize(1);
    }

    @Test
    void lateEventWithAnOlderStateCannotMoveTheLedgerBackwards() throws Exception {
        String item = newId();
        ReturnJson pending = aReturn().status("received").item(item, SCARF, 1, "pending", null);
        pending.json().put("updated_at", "2026-11-20T10:00:00Z");
        ReturnJson inspected = aReturn().sellable(item, SCARF, 1);
        inspected.json().put("id", pending.id()).put("updated_at", "2026-11-20T11:00:00Z");
        String newer = newId();
        String older = newId();
        byte[] newerBody = event(newer, "return.updated", inspected);
        byte[] olderBody = event(older, "return.updated", pending);

        post(newerBody, GENUINE.sign(now(), newerBody), "application/json");
        await().atMost(Duration.ofSeconds(10)).until(() -> "PROCESSED".equals(inbox.status(newer)));
        post(olderBody, GENUINE.sign(now(), olderBody), "application/json");
        await().atMost(Duration.ofSeconds(10)).until(() -> "SKIPPED".equals(inbox.status(older)));

        assertThat(line(item).state()).isEqualTo(LineState.RESTOCKED);
        assertThat(sandbox.warehouseTransactions()).hasSize(1);
    }

    @Test
    void webhookArrivingWhileTheSameReturnIsPolledStillRestocksOnce() throws Exception {
        String item = newId();
        ReturnJson ret = aReturn().sellable(item, SCARF, 1);
        sandbox.putReturn(ret.json());
        String eventId = newId();
        byte[] body = event(eventId, "return.updated", ret);

        Thread poller = new Thread(this::poll);
        poller.start();
        post(body, GENUINE.sign(now(), body), "application/json");
        poller.join(); // the poll runs to completion on its thread
        // The webhook's own processing is the other path that could post a second stock-in: wait until it is done.
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            String status = inbox.status(eventId);
            return status != null && !"RECEIVED".equals(status);
        });
        assertThat(line(item).state()).isEqualTo(LineState.RESTOCKED);

        assertThat(sandbox.warehouseTransactions()).hasSize(1);
        assertThat(sandbox.stock(1, SCARF)).isEqualByComparingTo("1");
    }

    @Test
    void eventsArrivingTogetherAreProcessedInParallelAndTheirStockInsShareRequests() throws Exception {
        sandbox.sitooFaults("{\"latencyMillis\": 300}");
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String item = newId();
            items.add(item);
            byte[] body = event(newId(), "return.updated", aReturn().sellable(item, SCARF, 1));
            assertThat(post(body, GENUINE.sign(now(), body), "application/json").statusCode()).isEqualTo(202);
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> items.stream()
                .allMatch(i -> ledger.find(i).map(l -> l.state() == LineState.RESTOCKED).orElse(false)));

        assertThat(sandbox.stock(1, SCARF)).isEqualByComparingTo("12");
        assertThat(sandbox.warehouseTransactions()).as("each line its own stock-in").hasSize(12);
        assertThat(sandbox.calls("sitoo POST warehousetransactions")).as("lines restocked together share requests")
                .isLessThan(12);
    }

    private HttpResponse<String> post(byte[] body, String signature, String contentType) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/reveni"))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header("X-REVENI-SIGNATURE", signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] event(String id, String type, ReturnJson ret) {
        ObjectNode object = ret.json().deepCopy();
        if (!object.has("updated_at")) {
            object.put("updated_at", Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        }
        ObjectNode event = JSON.createObjectNode().put("id", id).put("event", type).put("created", Instant.now().getEpochSecond());
        event.putObject("data").put("status", object.path("status").asText()).put("resource", "return")
                .put("resource_id", object.path("id").asText()).set("object", object);
        return event.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String now() {
        return Long.toString(Instant.now().getEpochSecond());
    }
}
