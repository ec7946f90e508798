package org.returnsbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReveniSandboxApiTest {

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
    void missingOrWrongBearerKeyIsRefusedWith401() {
        String url = client.reveniStoreUrl("/returns");
        SandboxTestClient.Answer missing = client.get(url, null);
        SandboxTestClient.Answer wrong = client.get(url, "Bearer not-the-key");
        SandboxTestClient.Answer wrongScheme = client.get(url, "Token " + server.settings().reveniApiKey());

        assertThat(List.of(missing.status(), wrong.status(), wrongScheme.status())).containsOnly(401);
        assertThat(wrong.json().path("detail").asText()).isNotBlank();
    }

    @Test
    void unknownStoreAndUnknownReturnAre404() {
        SandboxTestClient.Answer store = client.get(server.reveniBaseUrl() + "/stores/ffffffffffffffffffffffffffffffff/returns",
                "Bearer " + server.settings().reveniApiKey());
        SandboxTestClient.Answer ret = client.reveniGet("/returns/00000000000000000000000000000000");

        assertThat(store.status()).isEqualTo(404);
        assertThat(ret.status()).isEqualTo(404);
        assertThat(ret.json().has("detail")).isTrue();
    }

    @Test
    void listPagesFollowNextUntilNullInUpdatedAtThenIdOrder() {
        putReturn("cccccccccccccccccccccccccccccccc", "accepted", "2026-11-24T08:00:02Z");
        putReturn("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "accepted", "2026-11-24T08:00:01Z");
        putReturn("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "accepted", "2026-11-24T08:00:01Z");
        putReturn("eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee", "shipped", "2026-11-24T08:00:00Z");
        putReturn("dddddddddddddddddddddddddddddddd", "received", "2026-11-24T08:00:03Z");

        List<String> ids = new ArrayList<>();
        List<JsonNode> pages = new ArrayList<>();
        String next = client.reveniStoreUrl("/returns?page_size=2&updated_after=2026-01-01T00:00:00Z");
        while (next != null) {
            SandboxTestClient.Answer page = client.reveniGetUrl(next);
            assertThat(page.status()).isEqualTo(200);
            pages.add(page.json());
            page.json().path("results").forEach(ret -> ids.add(ret.path("id").asText()));
            next = page.json().path("next").isNull() ? null : page.json().path("next").asText();
        }

        assertThat(pages).hasSize(3);
        assertThat(pages).allSatisfy(page -> assertThat(page.path("count").asInt()).isEqualTo(5));
        assertThat(pages.get(0).path("previous").isNull()).isTrue();
        assertThat(pages.get(1).path("previous").asText()).contains("page=1").contains("page_size=2")
                .contains("updated_after=2026-01-01T00:00:00Z").startsWith("http://");
        assertThat(ids).containsExactly("eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "cccccccccccccccccccccccccccccccc",
                "dddddddddddddddddddddddddddddddd");
    }

    @Test
    void pagePastTheEndIs404ButFirstPageOfNothingIsEmpty() {
        SandboxTestClient.Answer empty = client.reveniGet("/returns");
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.json().path("count").asInt()).isZero();
        assertThat(empty.json().path("next").isNull()).isTrue();
        assertThat(empty.json().path("results").size()).isZero();

        putReturn("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "accepted", "2026-11-24T08:00:00Z");
        SandboxTestClient.Answer past = client.reveniGet("/returns?page=2");
        assertThat(past.status()).isEqualTo(404);
        assertThat(past.json().path("detail").asText()).isEqualTo("Invalid page.");
    }

    @Test
    void updatedAfterIsInclusiveAndAcceptsOffsets() {
        putReturn("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "accepted", "2026-11-24T07:59:59Z");
        putReturn("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "accepted", "2026-11-24T08:00:00Z");
        putReturn("cccccccccccccccccccccccccccccccc", "accepted", "2026-11-24T08:00:01Z");

        JsonNode utc = client.reveniGet("/returns?updated_after=2026-11-24T08:00:00Z").json();
        JsonNode offset = client.reveniGet("/returns?updated_after=2026-11-24T09:00:00%2B01:00").json();
        SandboxTestClient.Answer bad = client.reveniGet("/returns?updated_after=yesterday");

        assertThat(utc.path("count").asInt()).isEqualTo(2);
        assertThat(utc.path("results").get(0).path("id").asText()).isEqualTo("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
        assertThat(offset.path("count").asInt()).isEqualTo(2);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().has("detail")).isTrue();
    }

    @Test
    void statusFilterTakesACommaList() {
        putReturn("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "accepted", "2026-11-24T08:00:00Z");
        putReturn("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "shipped", "2026-11-24T08:00:00Z");
        putReturn("cccccccccccccccccccccccccccccccc", "partly_accepted", "2026-11-24T08:00:00Z");

        JsonNode page = client.reveniGet("/returns?status=accepted,partly_accepted").json();

        assertThat(page.path("count").asInt()).isEqualTo(2);
        assertThat(page.findValuesAsText("status")).containsOnly("accepted", "partly_accepted");
    }

    @Test
    void pageSizeAbove100IsClampedAndDefaultIs20() {
        for (int i = 0; i < 105; i++) {
            putReturn(String.format("%032x", i), "accepted", "2026-11-24T08:00:00Z");
        }
        assertThat(client.reveniGet("/returns").json().path("results").size()).isEqualTo(20);
        JsonNode big = client.reveniGet("/returns?page_size=500").json();
        assertThat(big.path("results").size()).isEqualTo(100);
        assertThat(big.path("next").asText()).contains("page=2").contains("page_size=500");
    }

    @Test
    void oneReturnIsServedBackExactlyAsStored() {
        String body = """
                {"status":"accepted","type":"refund","instant":false,"amount":"49.9500","currency":"EUR",
                 "x_unknown_field":{"kept":true},
                 "return_items":[{"id":"9b0c3f7a5d2e4c1b8a6f0e9d7c5b3a19","sku":"10038-1","quantity":1,
                   "status":"accepted","condition":"sellable","unit_price":"49.9500","refund_amount":"49.9500"}]}""";
        SandboxTestClient.Answer put = client.admin("PUT", "/reveni/returns/4e26c9f08f2a468fabc16af12ae0209b", body);

        JsonNode served = client.reveniGet("/returns/4e26c9f08f2a468fabc16af12ae0209b").json();

        assertThat(put.status()).isEqualTo(200);
        assertThat(served).isEqualTo(put.json());
        assertThat(served.path("x_unknown_field").path("kept").asBoolean()).isTrue();
        assertThat(served.path("updated_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(served.path("created_at").asText()).isEqualTo(served.path("updated_at").asText());
    }

    @Test
    void rawResultsAreSplicedVerbatimAtTheirUpdatedAtPosition() {
        putReturn("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "accepted", "2026-11-24T08:00:00Z");
        putReturn("cccccccccccccccccccccccccccccccc", "accepted", "2026-11-24T08:00:02Z");
        String raw = "{\"id\": 12, \"status\": [\"not\", \"a\", \"string\"]}";
        client.admin("POST", "/reveni/raw-results",
                JsonHttp.toText(java.util.Map.of("updated_at", "2026-11-24T08:00:01Z", "raw", raw)));

        SandboxTestClient.Answer page = client.reveniGet("/returns");

        assertThat(page.body()).contains("\"results\":[{\"id\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"");
        assertThat(page.body()).contains("," + raw + ",{\"id\":\"cccccccccccccccccccccccccccccccc\"");
        assertThat(page.json().path("count").asInt()).isEqualTo(3);
    }

    @Test
    void invalidRawTextBreaksTheWholePageAsItWould() {
        client.admin("POST", "/reveni/raw-results", "{\"updated_at\":\"2026-11-24T08:00:00Z\",\"raw\":\"{\\\"id\\\": oops\"}");

        SandboxTestClient.Answer page = client.reveniGet("/returns");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("{\"id\": oops");
        assertThatThrownBy(() -> JsonHttp.MAPPER.readTree(page.body())).isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void corruptNextPagesAnswersBrokenJsonThenRecovers() {
        putReturn("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "accepted", "2026-11-24T08:00:00Z");
        client.admin("POST", "/reveni/corrupt-next-pages?count=2", null);

        SandboxTestClient.Answer first = client.reveniGet("/returns");
        SandboxTestClient.Answer second = client.reveniGet("/returns");
        SandboxTestClient.Answer third = client.reveniGet("/returns");

        assertThat(first.status()).isEqualTo(200);
        assertThatThrownBy(() -> JsonHttp.MAPPER.readTree(first.body())).isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> JsonHttp.MAPPER.readTree(second.body())).isInstanceOf(JsonProcessingException.class);
        assertThat(third.json().path("count").asInt()).isEqualTo(1);
    }

    @Test
    void webhookRegistrationIsStoredAndAnswered201() {
        SandboxTestClient.Answer answer = client.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(client.reveniStoreUrl("/webhooks")))
                .header("Authorization", "Bearer " + server.settings().reveniApiKey())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"event_types\":[\"return.updated\"],\"url\":\"http://localhost:8080/webhooks/reveni\"}")));

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.json().path("id").asText()).matches("[0-9a-f]{32}");
        assertThat(answer.json().path("event_types").get(0).asText()).isEqualTo("return.updated");
        assertThat(client.admin("GET", "/reveni/webhooks", null).json().get(0).path("url").asText())
                .isEqualTo("http://localhost:8080/webhooks/reveni");
    }

    private static void putReturn(String id, String status, String updatedAt) {
        String body = "{\"status\":\"" + status + "\",\"updated_at\":\"" + updatedAt + "\",\"return_items\":[]}";
        assertThat(client.admin("PUT", "/reveni/returns/" + id + "?keepTimestamps=true", body).status()).isEqualTo(200);
    }
}
