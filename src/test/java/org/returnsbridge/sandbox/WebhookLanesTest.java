package org.returnsbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook sender's lanes: one at a time per URL by default; with {@code lanes} set, returns overtake each
 * other while a return's own events stay in order. A receiver that holds one return's webhooks unanswered shows
 * which events could still leave.
 */
class WebhookLanesTest {

    private static final String RETURN_JSON = """
            {"status":"accepted","type":"refund","amount":"49.9500","currency":"EUR","return_items":[]}""";
    private static final int LANES = 8;
    private static final String HELD = "b1000000000000000000000000000001";

    private SandboxServer server;
    private SandboxTestClient client;
    private HttpServer receiver;
    private final ExecutorService receiverThreads = Executors.newCachedThreadPool();
    private final CountDownLatch release = new CountDownLatch(1);
    /** {@code returnId status} of each event as it arrived. */
    private final List<String> arrived = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = SandboxServer.start(SandboxSettings.defaults().withPort(0));
        client = new SandboxTestClient(server);
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        receiver.setExecutor(receiverThreads);
        receiver.createContext("/hooks", exchange -> {
            JsonNode event;
            try (InputStream in = exchange.getRequestBody()) {
                event = JsonHttp.MAPPER.readTree(in.readAllBytes());
            }
            String returnId = event.path("data").path("resource_id").asText();
            arrived.add(returnId + " " + event.path("data").path("object").path("status").asText());
            if (returnId.equals(HELD)) {
                try {
                    release.await(20, TimeUnit.SECONDS); // answered only once the test lets go
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";
        SandboxTestClient.Answer registered = client.send(HttpRequest.newBuilder(
                        URI.create(client.reveniStoreUrl("/webhooks")))
                .header("Authorization", "Bearer " + server.settings().reveniApiKey())
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"event_types\":[\"return.created\",\"return.updated\"],\"url\":\"" + url + "\"}")));
        assertThat(registered.status()).isEqualTo(201);
    }

    @AfterEach
    void stop() {
        release.countDown();
        receiver.stop(0);
        receiverThreads.shutdownNow();
        server.close();
    }

    @Test
    void byDefaultAUrlGetsOneEventAtATime() throws Exception {
        String other = returnInAnotherLaneThan(HELD);
        putReturn(HELD, "accepted");
        await().atMost(Duration.ofSeconds(5)).until(() -> arrived.contains(HELD + " accepted"));
        putReturn(other, "accepted");

        Thread.sleep(1_000); // ample for an event that could leave: it arrives within milliseconds
        assertThat(arrived).as("behind the unanswered one").containsExactly(HELD + " accepted");

        release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> arrived.contains(other + " accepted"));
    }

    @Test
    void withLanesOtherReturnsOvertakeAndAReturnsOwnEventsStayInOrder() {
        assertThat(client.admin("PUT", "/reveni/webhook-faults", "{\"lanes\": " + LANES + "}").status()).isEqualTo(200);
        String other = returnInAnotherLaneThan(HELD);

        putReturn(HELD, "accepted");
        await().atMost(Duration.ofSeconds(5)).until(() -> arrived.contains(HELD + " accepted"));
        putReturn(HELD, "rejected"); // queued behind the held one, in its lane
        putReturn(other, "accepted");

        await("another return's event overtakes the held one").atMost(Duration.ofSeconds(5))
                .until(() -> arrived.contains(other + " accepted"));
        assertThat(arrived).doesNotContain(HELD + " rejected");

        release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> arrived.contains(HELD + " rejected"));
        assertThat(arrived.stream().filter(a -> a.startsWith(HELD)).toList())
                .containsExactly(HELD + " accepted", HELD + " rejected");
    }

    @Test
    void lanesAreBounded() {
        assertThat(client.admin("PUT", "/reveni/webhook-faults", "{\"lanes\": 65}").status()).isEqualTo(400);
        assertThat(client.admin("PUT", "/reveni/webhook-faults", "{\"lanes\": -1}").status()).isEqualTo(400);
    }

    private void putReturn(String id, String status) {
        assertThat(client.admin("PUT", "/reveni/returns/" + id, RETURN_JSON.replace("accepted", status)).status())
                .isEqualTo(200);
    }

    /** A return id whose events take another lane (the sender picks a return's lane by its id's hash). */
    private static String returnInAnotherLaneThan(String returnId) {
        for (int n = 2; ; n++) {
            String candidate = "b2" + String.format("%030x", n);
            if (Math.floorMod(candidate.hashCode(), LANES) != Math.floorMod(returnId.hashCode(), LANES)) {
                return candidate;
            }
        }
    }
}
