package org.returnsbridge.testsupport;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Drives the sandbox's admin API over real HTTP, the way a test (or a person with curl) would: seed
 * returns, read Sitoo's stock and transactions, count vendor calls, switch faults on.
 */
public final class SandboxControl {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One client for the whole test JVM. A control is made for every test method, and a client per control
     * left one idle keep-alive connection per method in the sandbox: past the JDK server's idle-connection
     * limit (200) it closes each connection as soon as it goes idle, and the next request on it (ours or the
     * bridge's) reads no answer at all, every other test case.
     */
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String adminUrl;
    private final HttpClient http = HTTP;

    public SandboxControl(String adminUrl) {
        this.adminUrl = adminUrl;
    }

    public void reset() {
        send("POST", "/reset?seed=true", null);
    }

    public JsonNode putReturn(ObjectNode ret) {
        return send("PUT", "/reveni/returns/" + ret.get("id").asText(), ret.toString());
    }

    /** Stores a return with the {@code updated_at} it carries (the sandbox otherwise stamps it with now). */
    public JsonNode putReturnKeepingTimestamps(ObjectNode ret) {
        return send("PUT", "/reveni/returns/" + ret.get("id").asText() + "?keepTimestamps=true", ret.toString());
    }

    public void putRawResult(String updatedAt, String raw) {
        ObjectNode body = JSON.createObjectNode().put("updated_at", updatedAt).put("raw", raw);
        send("POST", "/reveni/raw-results", body.toString());
    }

    public void corruptNextReturnPages(int count) {
        send("POST", "/reveni/corrupt-next-pages?count=" + count, null);
    }

    public void createProduct(String sku, String title) {
        send("POST", "/sitoo/products", JSON.createObjectNode().put("sku", sku).put("title", title).toString());
    }

    /** Stock on hand of one SKU in one warehouse; absent means 0, as in Sitoo. */
    public BigDecimal stock(int warehouseId, String sku) {
        for (JsonNode level : send("GET", "/sitoo/stock", null)) {
            if (level.path("warehouseid").asInt() == warehouseId && sku.equals(level.path("sku").asText())) {
                return new BigDecimal(level.path("decimaltotal").asText());
            }
        }
        return BigDecimal.ZERO;
    }

    /** Units on hand over every warehouse and SKU. */
    public BigDecimal totalStock() {
        BigDecimal total = BigDecimal.ZERO;
        for (JsonNode level : stockLevels()) {
            total = total.add(new BigDecimal(level.path("decimaltotal").asText()));
        }
        return total;
    }

    public JsonNode stockLevels() {
        return send("GET", "/sitoo/stock", null);
    }

    public JsonNode orders() {
        return send("GET", "/sitoo/orders", null);
    }

    public JsonNode warehouseTransactions() {
        return send("GET", "/sitoo/warehousetransactions", null);
    }

    /** How many vendor API calls the sandbox received under a key like "sitoo POST warehousetransactions". */
    public int calls(String key) {
        return send("GET", "/calls", null).path(key).asInt(0);
    }

    /** How many of a vendor's calls were answered with this status ({@code GET /sandbox/calls/statuses}). */
    public long callsAnswered(String vendor, int status) {
        long total = 0;
        var keys = send("GET", "/calls/statuses", null).fields();
        while (keys.hasNext()) {
            var key = keys.next();
            if (key.getKey().startsWith(vendor + " ")) {
                total += key.getValue().path(Integer.toString(status)).asLong(0);
            }
        }
        return total;
    }

    public JsonNode calls() {
        return send("GET", "/calls", null);
    }

    public void sitooFaults(String json) {
        send("PUT", "/faults/sitoo", json);
    }

    public void reveniFaults(String json) {
        send("PUT", "/faults/reveni", json);
    }

    public JsonNode send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(adminUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + " → " + response.statusCode() + " " + response.body());
            }
            return response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
