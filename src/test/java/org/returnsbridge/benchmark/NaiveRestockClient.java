package org.returnsbridge.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The baseline: what a user might write instead of the bridge. It is deliberately simple but correct on this
 * backlog — pages through Reveni's returns, and for every inspected, accepted, sellable line of a return that
 * is back looks the SKU up in Sitoo and posts one stock-in for it. No cache, no batching, one request at a
 * time; a 429 is met the way people usually meet it, by sleeping a second and trying again.
 *
 * <p>It has none of the bridge's exactly-once machinery (no ledger, no read-back), which is fine here: the
 * backlog is read once and the benchmark runs no faults but the rate limit, whose 429 Sitoo answers before
 * doing anything.
 */
final class NaiveRestockClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SLEEP_ON_429_MILLIS = 1000;
    private static final int MAX_SERVER_ERRORS_IN_A_ROW = 10;

    private final String reveniReturnsUrl;
    private final String reveniAuthorization;
    private final String sitooSiteUrl;
    private final String sitooAuthorization;
    private final Map<String, Integer> warehouseByLocation;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private int restockedLines;
    private int skippedUnknownSku;

    NaiveRestockClient(String reveniBaseUrl, String reveniKey, String storeId, String sitooBaseUrl, String sitooApiId,
                       String sitooPassword, int siteId, Map<String, Integer> warehouseByLocation) {
        this.reveniReturnsUrl = reveniBaseUrl + "/stores/" + storeId + "/returns?page_size=100";
        this.reveniAuthorization = "Bearer " + reveniKey;
        this.sitooSiteUrl = sitooBaseUrl + "/sites/" + siteId;
        this.sitooAuthorization = "Basic " + Base64.getEncoder()
                .encodeToString((sitooApiId + ":" + sitooPassword).getBytes(StandardCharsets.UTF_8));
        this.warehouseByLocation = Map.copyOf(warehouseByLocation);
    }

    /** Restocks every sellable line of every return in Reveni, once; answers how many lines it restocked. */
    int run() throws IOException, InterruptedException {
        String next = reveniReturnsUrl;
        while (next != null) {
            JsonNode page = send(HttpRequest.newBuilder(URI.create(next)).header("Authorization", reveniAuthorization).GET());
            for (JsonNode ret : page.path("results")) {
                restockReturn(ret);
            }
            next = page.path("next").isTextual() ? page.path("next").asText() : null;
        }
        return restockedLines;
    }

    int skippedUnknownSku() {
        return skippedUnknownSku;
    }

    private void restockReturn(JsonNode ret) throws IOException, InterruptedException {
        if (!PlannedReturn.BACK.contains(ret.path("status").asText())) {
            return;
        }
        Integer warehouse = warehouseByLocation.get(ret.path("return_location").path("id").asText());
        if (warehouse == null) {
            return;
        }
        for (JsonNode item : ret.path("return_items")) {
            if (item.path("status").asText().equals("accepted") && item.path("condition").asText().equals("sellable")) {
                restockLine(warehouse, item);
            }
        }
    }

    private void restockLine(int warehouse, JsonNode item) throws IOException, InterruptedException {
        String sku = item.path("sku").asText();
        JsonNode product = send(sitoo(sitooSiteUrl + "/products.json?sku=" + URLEncoder.encode(sku, StandardCharsets.UTF_8)).GET());
        if (product.path("totalcount").asInt() == 0) {
            skippedUnknownSku++;
            return;
        }
        ArrayNode body = JSON.createArrayNode();
        ObjectNode transaction = body.addObject().put("warehouseid", warehouse).put("transactiontype", 10)
                .put("description", "Reveni return (naive client)").put("externalid", "rv-" + item.path("id").asText());
        transaction.putArray("items").addObject().put("sku", sku)
                .put("decimalquantity", item.path("quantity").asInt() + ".000");
        send(sitoo(sitooSiteUrl + "/warehousetransactions.json")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
        restockedLines++;
    }

    private HttpRequest.Builder sitoo(String url) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", sitooAuthorization);
    }

    /** One request until it is answered 2xx: 429 → sleep a second and again; 5xx → the same, a few times. */
    private JsonNode send(HttpRequest.Builder builder) throws IOException, InterruptedException {
        HttpRequest request = builder.timeout(Duration.ofSeconds(30)).build();
        int serverErrors = 0;
        while (true) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return JSON.readTree(response.body());
            }
            if (status == 429 || (status >= 500 && ++serverErrors < MAX_SERVER_ERRORS_IN_A_ROW)) {
                Thread.sleep(SLEEP_ON_429_MILLIS);
                continue;
            }
            throw new IOException(request.method() + " " + request.uri() + " answered " + status + ": " + response.body());
        }
    }
}
