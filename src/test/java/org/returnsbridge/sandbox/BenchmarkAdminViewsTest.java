package org.returnsbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The admin views a benchmark measures with: calls by the status they were answered with, the transaction log
 * with millisecond times, and webhook deliveries with their order and millisecond times. The vendor APIs'
 * own shapes do not change.
 */
class BenchmarkAdminViewsTest {

    private static final String STOCK_IN = """
            [{"warehouseid": 1, "transactiontype": 10, "externalid": "rv-%s",
              "items": [{"sku": "10038-1", "decimalquantity": "1.000"}]}]""";

    private final SandboxServer server = SandboxServer.start(SandboxSettings.defaults().withPort(0));
    private final SandboxTestClient client = new SandboxTestClient(server);
    private final WebhookReceiver receiver = new WebhookReceiver();

    @AfterEach
    void stop() {
        receiver.close();
        server.close();
    }

    @Test
    void callsAreAlsoCountedByTheStatusTheyWereAnsweredWith() {
        client.admin("PUT", "/faults/sitoo", "{\"rateLimitPerSecond\": 2}");
        for (int i = 0; i < 5; i++) {
            client.sitooGet(client.sitooSitePath("/products.json?sku=10038-1"));
        }

        JsonNode statuses = client.admin("GET", "/calls/statuses", null).json();

        assertThat(statuses.path("sitoo GET products").path("200").asInt()).isEqualTo(2);
        assertThat(statuses.path("sitoo GET products").path("429").asInt()).isEqualTo(3);
        assertThat(client.admin("GET", "/calls", null).json().path("sitoo GET products").asInt())
                .as("the plain count keeps its shape: every call").isEqualTo(5);
        client.admin("POST", "/calls/reset", null);
        assertThat(client.admin("GET", "/calls/statuses", null).json().size()).isZero();
    }

    @Test
    void theTransactionLogPagesByIdWithMillisecondTimes() {
        long before = System.currentTimeMillis();
        for (int i = 1; i <= 3; i++) {
            assertThat(client.sitooPost(client.sitooSitePath("/warehousetransactions.json"), STOCK_IN.formatted(i)).status())
                    .isEqualTo(200);
        }

        JsonNode first = client.admin("GET", "/sitoo/transaction-log?afterId=0&limit=2", null).json();
        JsonNode rest = client.admin("GET", "/sitoo/transaction-log?afterId=" + first.path("lastId").asInt(), null).json();

        assertThat(first.path("total").asInt()).isEqualTo(3);
        assertThat(first.path("items")).hasSize(2);
        assertThat(first.path("lastId").asInt()).isEqualTo(2);
        assertThat(rest.path("items")).hasSize(1);
        assertThat(rest.path("items").get(0).path("externalid").asText()).isEqualTo("rv-3");
        assertThat(first.path("items").get(0).path("recordedAtMillis").asLong())
                .isBetween(before, System.currentTimeMillis());
        assertThat(client.sitooGet(client.sitooSitePath("/warehousetransactions.json")).json().path("items").get(0)
                .has("recordedAtMillis")).as("not in Sitoo's own API").isFalse();
        assertThat(client.admin("GET", "/sitoo/transaction-log?limit=0", null).status()).isEqualTo(400);
    }

    @Test
    void webhookDeliveriesCarryTheirOrderAndMillisecondTimes() {
        client.admin("PUT", "/reveni/returns/a1000000000000000000000000000001", "{\"status\":\"shipped\"}");
        SandboxTestClient.Answer registered = client.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(client.reveniStoreUrl("/webhooks")))
                .header("Authorization", "Bearer " + server.settings().reveniApiKey())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"event_types\": [\"return.updated\"], \"url\": \""
                        + receiver.url() + "\"}")));
        assertThat(registered.status()).isEqualTo(201);
        client.admin("PUT", "/reveni/returns/a1000000000000000000000000000001", "{\"status\":\"received\"}");
        client.admin("PUT", "/reveni/returns/a1000000000000000000000000000001", "{\"status\":\"accepted\"}");

        await().atMost(Duration.ofSeconds(5))
                .until(() -> client.admin("GET", "/reveni/webhook-deliveries", null).json().size() == 2);
        JsonNode deliveries = client.admin("GET", "/reveni/webhook-deliveries", null).json();

        JsonNode received = deliveries.get(0);
        JsonNode accepted = deliveries.get(1);
        assertThat(accepted.path("sequence").asLong()).isGreaterThan(received.path("sequence").asLong());
        for (JsonNode delivery : deliveries) {
            assertThat(delivery.path("queuedAtMillis").asLong()).isPositive()
                    .isLessThanOrEqualTo(delivery.path("firstSentAtMillis").asLong());
            assertThat(delivery.path("firstSentAtMillis").asLong()).isLessThanOrEqualTo(delivery.path("answeredAtMillis").asLong());
        }
    }
}
