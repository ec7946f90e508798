package org.returnsbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SandboxAdminApiTest {

    private static final String ONE_TRANSACTION = """
            [{"warehouseid":1,"transactiontype":10,"externalid":"rv-hold-1",
              "items":[{"sku":"10038-1","decimalquantity":"1.000"}]}]""";

    private static SandboxServer server;
    private static SandboxTestClient client;

    @BeforeAll
    static void start() {
        server = SandboxServer.start(SandboxSettings.defaults().withPort(0));
        client = new SandboxTestClient(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        assertThat(client.admin("POST", "/reset", null).status()).isEqualTo(200);
    }

    @Test
    void holdAfterCommitAppliesTheTransactionBeforeTheAnswerIsSent() throws Exception {
        client.admin("PUT", "/faults/sitoo", "{\"holdAfterCommitMillis\":1500}");

        CompletableFuture<HttpResponse<String>> pending =
                client.sitooPostAsync(client.sitooSitePath("/warehousetransactions.json"), ONE_TRANSACTION);

        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20)).until(() ->
                client.admin("GET", "/sitoo/warehousetransactions", null).json().size() == 1);
        assertThat(pending).as("the client is still waiting for its answer").isNotDone();
        assertThat(stockOf("10038-1")).isEqualTo("1.000");
        HttpResponse<String> answer = pending.get(5, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("1");
    }

    @Test
    void dropAfterCommitAppliesButNeverAnswers() {
        client.admin("PUT", "/faults/sitoo", "{\"rateDropAfterCommit\":1.0}");

        assertThatThrownBy(() -> client.sitooPost(client.sitooSitePath("/warehousetransactions.json"), ONE_TRANSACTION))
                .isInstanceOf(UncheckedIOException.class);
        assertThat(stockOf("10038-1")).isEqualTo("1.000");
    }

    @Test
    void droppedRequestClosesTheConnectionWithoutApplyingAnything() {
        client.admin("PUT", "/faults/sitoo", "{\"rateDrop\":1.0}");

        assertThatThrownBy(() -> client.sitooPost(client.sitooSitePath("/warehousetransactions.json"), ONE_TRANSACTION))
                .isInstanceOf(UncheckedIOException.class);
        assertThat(client.admin("GET", "/sitoo/warehousetransactions", null).json().size()).isZero();
    }

    @Test
    void faultsHitOnlyTheirVendorAndNeverTheAdminApi() {
        client.admin("PUT", "/faults/sitoo", "{\"rate500\":1.0}");

        SandboxTestClient.Answer sitoo = client.sitooGet(client.sitooSitePath("/warehouses.json"));

        assertThat(sitoo.status()).isEqualTo(500);
        assertThat(sitoo.json().path("statuscode").asInt()).isEqualTo(500);
        assertThat(client.reveniGet("/returns").status()).isEqualTo(200);
        assertThat(client.admin("GET", "/sitoo/warehouses", null).status()).isEqualTo(200);
        assertThat(client.admin("GET", "/faults/sitoo", null).json().path("rate500").asDouble()).isEqualTo(1.0);
    }

    @Test
    void tooManyRequestsComesWithOrWithoutRetryAfter() {
        client.admin("PUT", "/faults/reveni", "{\"rate429RetryAfter\":1.0,\"retryAfterSeconds\":7}");
        SandboxTestClient.Answer withHeader = client.reveniGet("/returns");
        client.admin("PUT", "/faults/reveni", "{\"rate429\":1.0}");
        SandboxTestClient.Answer without = client.reveniGet("/returns");

        assertThat(withHeader.status()).isEqualTo(429);
        assertThat(withHeader.response().headers().firstValue("Retry-After")).contains("7");
        assertThat(withHeader.json().has("detail")).isTrue();
        assertThat(without.status()).isEqualTo(429);
        assertThat(without.response().headers().firstValue("Retry-After")).isEmpty();
    }

    @Test
    void outageAnswers503UntilItEnds() {
        client.admin("PUT", "/faults/sitoo", "{\"outageSeconds\":1}");

        assertThat(client.sitooGet(client.sitooSitePath("/warehouses.json")).status()).isEqualTo(503);
        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(200)).until(() ->
                client.sitooGet(client.sitooSitePath("/warehouses.json")).status() == 200);
    }

    @Test
    void ratesAreSeededSoARunRepeats() {
        String faults = "{\"seed\":7,\"rate500\":0.5}";
        client.admin("PUT", "/faults/sitoo", faults);
        StringBuilder first = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            first.append(client.sitooGet("/reasoncodes.json").status()).append(' ');
        }
        client.admin("PUT", "/faults/sitoo", faults);
        StringBuilder second = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            second.append(client.sitooGet("/reasoncodes.json").status()).append(' ');
        }

        assertThat(first.toString()).contains("500").contains("200").isEqualTo(second.toString());
    }

    @Test
    void elementFailureRefusesElementsOfMultiElementPostsOnly() {
        client.admin("PUT", "/faults/sitoo", "{\"rateElementFailure\":1.0}");
        String two = """
                [{"warehouseid":1,"transactiontype":10,"items":[{"sku":"10038-1","decimalquantity":"1.000"}]},
                 {"warehouseid":2,"transactiontype":10,"items":[{"sku":"10038-1","decimalquantity":"1.000"}]}]""";

        JsonNode envelopes = client.sitooPost(client.sitooSitePath("/warehousetransactions.json"), two).json();

        assertThat(envelopes.findValuesAsText("statuscode")).containsExactly("400", "400");
        assertThat(client.admin("GET", "/sitoo/warehousetransactions", null).json().size()).isZero();
    }

    @Test
    void badFaultSettingsAreRefused() {
        assertThat(client.admin("PUT", "/faults/sitoo", "{\"rate500\":2.0}").status()).isEqualTo(400);
        assertThat(client.admin("PUT", "/faults/sitoo", "{\"rate5OO\":0.1}").status()).isEqualTo(400);
        assertThat(client.admin("PUT", "/faults/nobody", "{}").status()).isEqualTo(404);
        String current = client.admin("GET", "/faults/sitoo", null).body();
        assertThat(client.admin("PUT", "/faults/sitoo", current).status()).as("a GET answer can be PUT back").isEqualTo(200);
    }

    @Test
    void callsAreCountedPerVendorMethodAndResource() {
        client.reveniGet("/returns");
        client.reveniGet("/returns");
        client.reveniGet("/returns/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
        client.sitooPost(client.sitooSitePath("/warehousetransactions.json"), ONE_TRANSACTION);
        client.sitooGet(client.sitooSitePath("/products.json?sku=10038-1"));

        JsonNode calls = client.admin("GET", "/calls", null).json();

        assertThat(calls.path("reveni GET returns").asInt()).isEqualTo(2);
        assertThat(calls.path("reveni GET return").asInt()).isEqualTo(1);
        assertThat(calls.path("sitoo POST warehousetransactions").asInt()).isEqualTo(1);
        assertThat(calls.path("sitoo GET products").asInt()).isEqualTo(1);
        client.admin("POST", "/calls/reset", null);
        assertThat(client.admin("GET", "/calls", null).json().size()).isZero();
    }

    @Test
    void resetClearsEverythingAndCanLeaveTheWorldEmpty() {
        client.admin("PUT", "/reveni/returns/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "{\"status\":\"accepted\"}");
        client.sitooPost(client.sitooSitePath("/warehousetransactions.json"), ONE_TRANSACTION);
        client.admin("PUT", "/faults/sitoo", "{\"rate500\":1.0}");

        client.admin("POST", "/reset?seed=false", null);

        assertThat(client.admin("GET", "/reveni/returns", null).json().size()).isZero();
        assertThat(client.admin("GET", "/sitoo/warehousetransactions", null).json().size()).isZero();
        assertThat(client.admin("GET", "/sitoo/stock", null).json().size()).isZero();
        assertThat(client.sitooGet(client.sitooSitePath("/warehouses.json")).json().path("totalcount").asInt()).isZero();
        assertThat(client.admin("GET", "/calls", null).json().path("sitoo GET warehouses").asInt()).isEqualTo(1);
    }

    @Test
    void putReturnStampsUpdatedAtUnlessAskedToKeepIt() {
        JsonNode stamped = client.admin("PUT", "/reveni/returns/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                "{\"status\":\"accepted\",\"updated_at\":\"2020-01-01T00:00:00Z\"}").json();
        JsonNode kept = client.admin("PUT", "/reveni/returns/bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb?keepTimestamps=true",
                "{\"status\":\"accepted\",\"updated_at\":\"2020-01-01T00:00:00Z\"}").json();

        assertThat(stamped.path("updated_at").asText()).isNotEqualTo("2020-01-01T00:00:00Z");
        assertThat(kept.path("updated_at").asText()).isEqualTo("2020-01-01T00:00:00Z");
        assertThat(kept.path("id").asText()).isEqualTo("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
        assertThat(client.admin("GET", "/reveni/returns", null).json().get(0).path("id").asText())
                .as("listed in updated_at order").isEqualTo("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
    }

    @Test
    void productsAndWarehousesCanBeAdded() {
        SandboxTestClient.Answer product = client.admin("POST", "/sitoo/products",
                "{\"sku\":\"50001-1\",\"title\":\"Cap\",\"barcode\":\"7350000000500\"}");
        SandboxTestClient.Answer warehouse = client.admin("POST", "/sitoo/warehouses",
                "{\"warehouseid\":4,\"warehousetype\":10,\"storeid\":4,\"sellable\":true,\"name\":\"Malmö store\"}");

        assertThat(product.status()).isEqualTo(201);
        assertThat(product.json().path("productid").asInt()).isEqualTo(13);
        assertThat(warehouse.status()).isEqualTo(201);
        assertThat(client.sitooGet(client.sitooSitePath("/warehouses.json")).json().path("totalcount").asInt()).isEqualTo(5);
        assertThat(client.sitooPost(client.sitooSitePath("/warehousetransactions.json"), """
                [{"warehouseid":4,"transactiontype":10,"items":[{"sku":"50001-1","decimalquantity":"3.000"}]}]""")
                .status()).isEqualTo(200);
    }

    private static String stockOf(String sku) {
        for (JsonNode level : client.admin("GET", "/sitoo/stock", null).json()) {
            if (level.path("sku").asText().equals(sku)) {
                return level.path("decimaltotal").asText();
            }
        }
        return null;
    }
}
