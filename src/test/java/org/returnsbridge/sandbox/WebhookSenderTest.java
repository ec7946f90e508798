package org.returnsbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookSenderTest {

    private static final Pattern SIGNATURE = Pattern.compile("t=(\\d+),v1=([0-9a-f]{64})");
    private static final String RETURN_JSON = """
            {"status":"accepted","type":"refund","amount":"49.9500","currency":"EUR","return_items":[]}""";

    /** Numbers the sentinel returns: the receiver keeps what every test received, so each wait needs its own. */
    private static final AtomicInteger SENTINELS = new AtomicInteger();

    private static SandboxServer server;
    private static SandboxTestClient client;
    private static WebhookReceiver receiver;

    @BeforeAll
    static void start() {
        server = SandboxServer.start(SandboxSettings.defaults().withPort(0));
        client = new SandboxTestClient(server);
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void stop() {
        receiver.close();
        server.close();
    }

    @BeforeEach
    void reset() {
        assertThat(client.admin("POST", "/reset", null).status()).isEqualTo(200);
    }

    @Test
    void createdReturnIsPostedAsASignedReturnCreatedEventCarryingTheReturn() {
        register(receiver.url(), "return.created", "return.updated");

        putReturn("a1000000000000000000000000000001");

        WebhookReceiver.Received got = awaitEvents("a1000000000000000000000000000001", 1).get(0);
        assertThat(got.contentType()).isEqualTo("application/json");
        assertSignatureVerifies(got, server.settings().reveniApiKey());
        JsonNode event = got.json();
        assertThat(event.path("id").asText()).matches("[0-9a-f]{32}");
        assertThat(event.path("event").asText()).isEqualTo("return.created");
        assertThat(event.path("created").isIntegralNumber()).isTrue();
        assertThat(event.path("created").asLong()).isCloseTo(Instant.now().getEpochSecond(), Offset.offset(60L));
        JsonNode data = event.path("data");
        assertThat(data.path("amount").asText()).isEqualTo("49.9500");
        assertThat(data.path("status").asText()).isEqualTo("accepted");
        assertThat(data.path("currency").asText()).isEqualTo("EUR");
        assertThat(data.path("resource").asText()).isEqualTo("return");
        assertThat(data.path("resource_id").asText()).isEqualTo("a1000000000000000000000000000001");
        assertThat(data.path("object").path("id").asText()).isEqualTo("a1000000000000000000000000000001");
        assertThat(data.path("object").path("updated_at").isTextual()).isTrue();
    }

    @Test
    void changingAStoredReturnSendsReturnUpdatedWithANewEventId() {
        register(receiver.url(), "return.created", "return.updated");

        putReturn("a2000000000000000000000000000002");
        client.admin("PUT", "/reveni/returns/a2000000000000000000000000000002",
                RETURN_JSON.replace("accepted", "rejected"));

        List<WebhookReceiver.Received> got = awaitEvents("a2000000000000000000000000000002", 2);
        assertThat(got.get(0).json().path("event").asText()).isEqualTo("return.created");
        assertThat(got.get(1).json().path("event").asText()).isEqualTo("return.updated");
        assertThat(got.get(1).json().path("data").path("object").path("status").asText()).isEqualTo("rejected");
        assertThat(got.get(1).json().path("id").asText()).isNotEqualTo(got.get(0).json().path("id").asText());
    }

    @Test
    void onlyTheRegisteredEventTypesAreSent() {
        register(receiver.url(), "return.updated");

        putReturn("a3000000000000000000000000000003");
        putReturn("a3000000000000000000000000000003");

        List<WebhookReceiver.Received> got = awaitEvents("a3000000000000000000000000000003", 1);
        assertThat(got.get(0).json().path("event").asText()).isEqualTo("return.updated");
        await().atMost(Duration.ofSeconds(5)).until(() -> deliveriesFor("a3000000000000000000000000000003").size() == 1);
    }

    @Test
    void injectedDuplicateRepeatsTheSameEventIdBodyAndSignature() {
        register(receiver.url(), "return.created", "return.updated");
        client.admin("PUT", "/reveni/webhook-faults", "{\"seed\":1,\"rateDuplicate\":1.0}");

        putReturn("a4000000000000000000000000000004");

        List<WebhookReceiver.Received> got = awaitEvents("a4000000000000000000000000000004", 2);
        assertThat(got.get(1).json().path("id").asText()).isEqualTo(got.get(0).json().path("id").asText());
        assertThat(got.get(1).rawBody()).isEqualTo(got.get(0).rawBody());
        assertThat(got.get(1).signature()).isEqualTo(got.get(0).signature());
        assertSignatureVerifies(got.get(1), server.settings().reveniApiKey());
    }

    @Test
    void injectedReorderSendsAHeldEventAfterTheNextOne() {
        register(receiver.url(), "return.created", "return.updated");
        client.admin("PUT", "/reveni/webhook-faults", "{\"seed\":1,\"rateReorder\":1.0}");

        putReturn("a5000000000000000000000000000005");
        client.admin("PUT", "/reveni/returns/a5000000000000000000000000000005", RETURN_JSON.replace("accepted", "rejected"));

        List<WebhookReceiver.Received> got = awaitEvents("a5000000000000000000000000000005", 2);
        assertThat(got).extracting(r -> r.json().path("event").asText())
                .containsExactly("return.updated", "return.created");
    }

    @Test
    void webhookFaultsAreReportedRefusedWhenInvalidAndClearedByReset() {
        assertThat(client.admin("PUT", "/reveni/webhook-faults", "{\"delayMillis\":5}").json().path("rateDuplicate")
                .asDouble()).isZero();
        assertThat(client.admin("GET", "/reveni/webhook-faults", null).json().path("delayMillis").asLong()).isEqualTo(5);
        assertThat(client.admin("PUT", "/reveni/webhook-faults", "{\"rateDuplicat\":1.0}").status()).isEqualTo(400);
        assertThat(client.admin("PUT", "/reveni/webhook-faults", "{\"rateReorder\":2.0}").status()).isEqualTo(400);

        register(receiver.url(), "return.created");
        client.admin("POST", "/reset", null);

        assertThat(client.admin("GET", "/reveni/webhook-faults", null).json().path("delayMillis").asLong()).isZero();
        assertThat(client.admin("GET", "/reveni/webhooks", null).json().size()).isZero();
    }

    @Test
    void deliveriesListTheOutcomeOfEachSend() {
        register(receiver.url(), "return.created");

        putReturn("a6000000000000000000000000000006");

        String eventId = awaitEvents("a6000000000000000000000000000006", 1).get(0).json().path("id").asText();
        await().atMost(Duration.ofSeconds(5)).until(() -> deliveriesFor("a6000000000000000000000000000006").size() == 1);
        JsonNode delivery = deliveriesFor("a6000000000000000000000000000006").get(0);
        assertThat(delivery.path("eventId").asText()).isEqualTo(eventId);
        assertThat(delivery.path("event").asText()).isEqualTo("return.created");
        assertThat(delivery.path("returnId").asText()).isEqualTo("a6000000000000000000000000000006");
        assertThat(delivery.path("url").asText()).isEqualTo(receiver.url());
        assertThat(delivery.path("status").asInt()).isEqualTo(200);
        assertThat(delivery.path("error").isNull()).isTrue();
        assertThat(delivery.path("attempts").asInt()).isEqualTo(1);
        assertThat(delivery.path("sentAt").asText()).isNotBlank();

        client.admin("POST", "/reset", null);
        assertThat(client.admin("GET", "/reveni/webhook-deliveries", null).json().size()).isZero();
    }

    @Test
    void unreachableUrlIsRetriedAndRecordedAsAnErrorWhileTheAdminCallAnswersAtOnce() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        register("http://127.0.0.1:" + closedPort + "/hooks", "return.created");

        long started = System.nanoTime();
        SandboxTestClient.Answer put = client.admin("PUT", "/reveni/returns/a7000000000000000000000000000007", RETURN_JSON);
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(put.status()).isEqualTo(200);
        assertThat(millis).as("the admin call never waits for webhooks").isLessThan(1000);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                client.admin("GET", "/reveni/webhook-deliveries", null).json().size() == 1);
        JsonNode delivery = client.admin("GET", "/reveni/webhook-deliveries", null).json().get(0);
        assertThat(delivery.path("status").isNull()).isTrue();
        assertThat(delivery.path("error").asText()).isNotBlank();
        assertThat(delivery.path("attempts").asInt()).isEqualTo(WebhookSender.MAX_ATTEMPTS);
    }

    @Test
    void resendAllSendsEveryStoredReturnAsReturnUpdated() {
        putReturn("a8000000000000000000000000000008");
        register(receiver.url(), "return.updated");

        assertThat(client.admin("POST", "/reveni/webhooks/resend-all", null).json().path("resent").asInt()).isEqualTo(1);

        List<WebhookReceiver.Received> got = awaitEvents("a8000000000000000000000000000008", 1);
        assertThat(got.get(0).json().path("event").asText()).isEqualTo("return.updated");
    }

    @Test
    void configuredWebhookUrlReceivesEventsWithoutAnyRegistration() {
        try (WebhookReceiver own = new WebhookReceiver();
                SandboxServer configured = SandboxServer.start(SandboxSettings.defaults().withPort(0)
                        .withSeedDefaults(false).withReveniApiKey("another-key").withWebhookUrl(own.url()))) {
            new SandboxTestClient(configured).admin("PUT", "/reveni/returns/a9000000000000000000000000000009", RETURN_JSON);

            await().atMost(Duration.ofSeconds(5)).until(() -> own.forReturn("a9000000000000000000000000000009").size() == 1);
            WebhookReceiver.Received got = own.forReturn("a9000000000000000000000000000009").get(0);
            assertThat(got.json().path("event").asText()).isEqualTo("return.created");
            assertSignatureVerifies(got, "another-key");
        }
    }

    private static void register(String url, String... eventTypes) {
        String types = String.join("\",\"", eventTypes);
        SandboxTestClient.Answer answer = client.send(HttpRequest.newBuilder(URI.create(client.reveniStoreUrl("/webhooks")))
                .header("Authorization", "Bearer " + server.settings().reveniApiKey())
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"event_types\":[\"" + types + "\"],\"url\":\"" + url + "\"}")));
        assertThat(answer.status()).isEqualTo(201);
    }

    private static void putReturn(String id) {
        assertThat(client.admin("PUT", "/reveni/returns/" + id, RETURN_JSON).status()).isEqualTo(200);
    }

    /**
     * Waits for {@code count} events for the return, then shows that no further one is coming. The sender sends each
     * URL's events one after another in the order they were queued, so once an event queued after the test's own
     * has arrived, an extra one for the return would have arrived before it. That later event is the last of a
     * sentinel return stored and then changed: under the reorder fault an event is held back until the next
     * one is sent, so the first event queued after the test's may still overtake a held one, the second not.
     */
    private static List<WebhookReceiver.Received> awaitEvents(String returnId, int count) {
        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.forReturn(returnId).size() >= count);
        String sentinel = "af" + String.format("%030x", SENTINELS.incrementAndGet());
        putReturn(sentinel);
        client.admin("PUT", "/reveni/returns/" + sentinel, RETURN_JSON.replace("accepted", "rejected"));
        String lastSent = registeredTypes().contains("return.updated") ? "return.updated" : "return.created";
        await("the sentinel's " + lastSent).atMost(Duration.ofSeconds(10)).until(() -> receiver.forReturn(sentinel)
                .stream().anyMatch(got -> got.json().path("event").asText().equals(lastSent)));
        assertThat(receiver.forReturn(returnId)).as("events for " + returnId).hasSize(count);
        return receiver.forReturn(returnId);
    }

    /** The event types registered for the test's receiver. */
    private static List<String> registeredTypes() {
        List<String> types = new ArrayList<>();
        client.admin("GET", "/reveni/webhooks", null).json().forEach(registration -> {
            if (registration.path("url").asText().equals(receiver.url())) {
                registration.path("event_types").forEach(type -> types.add(type.asText()));
            }
        });
        return types;
    }

    /** The sandbox's delivery log entries for one return (the sentinel's are beside them). */
    private static List<JsonNode> deliveriesFor(String returnId) {
        List<JsonNode> deliveries = new ArrayList<>();
        client.admin("GET", "/reveni/webhook-deliveries", null).json().forEach(delivery -> {
            if (delivery.path("returnId").asText().equals(returnId)) {
                deliveries.add(delivery);
            }
        });
        return deliveries;
    }

    /** Computed here independently of the sender's code, so a shared mistake cannot pass unseen. */
    private static String hmacSha256Hex(String key, String prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(prefix.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** Verifies as a receiver must: HMAC over the raw bytes received, keyed with the API key. */
    private static void assertSignatureVerifies(WebhookReceiver.Received got, String apiKey) {
        Matcher signature = SIGNATURE.matcher(got.signature());
        assertThat(signature.matches()).as(got.signature()).isTrue();
        assertThat(signature.group(2)).isEqualTo(hmacSha256Hex(apiKey, signature.group(1) + ".", got.rawBody()));
        assertThat(Long.parseLong(signature.group(1))).isEqualTo(got.json().path("created").asLong());
    }
}
