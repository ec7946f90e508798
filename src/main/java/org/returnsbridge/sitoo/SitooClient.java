package org.returnsbridge.sitoo;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.returnsbridge.support.CamelHttp;
import org.returnsbridge.support.HttpResponse;

/**
 * Sitoo REST API v2, as far as the bridge uses it (see shared/contracts/sitoo-api.md): Basic auth,
 * {@code .json} paths, {@code start/num} paging, 3-decimal quantity strings, and array POSTs that
 * answer a bare id for one element and per-element envelopes for several.
 */
public class SitooClient {

    static final int PAGE_SIZE = 100;
    static final int STOCK_IN = 10;
    /** Sitoo takes at most this many items in one warehousetransactions request (contract: documented). */
    public static final int MAX_ITEMS_PER_REQUEST = 1000;

    private final CamelHttp http;
    private final SitooConnection connection;
    private final ObjectMapper json;
    private final SitooGuard guard;
    private final String authorization;

    public SitooClient(CamelHttp http, SitooConnection connection, ObjectMapper json, SitooGuard guard) {
        this.http = http;
        this.connection = connection;
        this.json = json;
        this.guard = guard;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (connection.apiId() + ":" + connection.apiPassword()).getBytes(StandardCharsets.UTF_8));
    }

    /** The product Sitoo knows under this SKU, or empty when it knows none (Sitoo answers 200, not 404). */
    public Optional<SitooProduct> findProduct(String sku) {
        JsonNode page = get(connection.siteUrl() + "/products.json",
                "sku=" + enc(sku) + "&fields=productid,sku,title,barcode,active", "look up SKU " + sku);
        for (JsonNode item : page.path("items")) {
            // The filter may match loosely; only an exact SKU is the same product.
            if (sku.equals(item.path("sku").asText())) {
                return Optional.of(new SitooProduct(item.path("productid").asLong(), sku,
                        item.path("title").asText(""), item.path("active").asBoolean(true)));
            }
        }
        return Optional.empty();
    }

    public List<SitooWarehouse> warehouses() {
        List<SitooWarehouse> all = new ArrayList<>();
        forEachItem(connection.siteUrl() + "/warehouses.json", "", "list warehouses", w -> all.add(new SitooWarehouse(
                w.path("warehouseid").asInt(), w.path("warehousetype").asInt(10), w.path("name").asText(""))));
        return all;
    }

    /** Posts one stock-in transaction and answers its Sitoo id. */
    public long postStockIn(StockIn stockIn) {
        ArrayNode body = json.createArrayNode();
        addTransaction(body, stockIn);
        String what = "post stock-in " + stockIn.externalId();
        HttpResponse response = send("POST", connection.siteUrl() + "/warehousetransactions.json", null,
                body.toString(), what);
        JsonNode answer = parse(response, what);
        // One element answers a bare id; tolerate the envelope form too, and its per-element failure.
        if (answer.isArray() && answer.size() == 1) {
            JsonNode element = answer.get(0);
            if (element.path("statuscode").asInt(200) != 200) {
                throw new SitooRejectedException(element.path("statuscode").asInt(), "Sitoo refused to " + what
                        + ": " + element.path("errortext").asText("no reason given"));
            }
            answer = element.path("return");
        }
        if (!answer.canConvertToLong()) {
            throw new SitooUnavailableException("Sitoo answered " + what + " with no transaction id: "
                    + response.bodyExcerpt(), OptionalLong.empty(), null);
        }
        return answer.asLong();
    }

    /** One stock-in as Sitoo's warehouse transaction: its items, carrying the ledger's externalid. */
    private static void addTransaction(ArrayNode body, StockIn stockIn) {
        ObjectNode tx = body.addObject()
                .put("warehouseid", stockIn.warehouseId())
                .put("transactiontype", STOCK_IN)
                .put("description", stockIn.description())
                .put("externalid", stockIn.externalId());
        if (stockIn.reasonCode() != null) {
            tx.put("reasoncode", stockIn.reasonCode());
        }
        ArrayNode items = tx.putArray("items");
        for (StockIn.Item item : stockIn.items()) {
            items.addObject().put("sku", item.sku()).put("decimalquantity", quantity(item.quantity()));
        }
    }

    /** The answer for one element of a multi-transaction POST: its id, or why Sitoo refused it. */
    public record ElementResult(Long transactionId, String refusal) {}

    /**
     * Posts several stock-ins in one request (interval mode: one per warehouse). Sitoo answers one
     * envelope per element, in order, inside an HTTP 200: each element stands or fails on its own.
     */
    public List<ElementResult> postStockIns(List<StockIn> stockIns) {
        if (stockIns.size() == 1) {
            return List.of(new ElementResult(postStockIn(stockIns.get(0)), null));
        }
        int items = stockIns.stream().mapToInt(s -> s.items().size()).sum();
        if (items > MAX_ITEMS_PER_REQUEST) {
            throw new IllegalArgumentException(items + " items in one request; Sitoo takes " + MAX_ITEMS_PER_REQUEST);
        }
        ArrayNode body = json.createArrayNode();
        stockIns.forEach(stockIn -> addTransaction(body, stockIn));
        String what = "post " + stockIns.size() + " stock-ins";
        HttpResponse response = send("POST", connection.siteUrl() + "/warehousetransactions.json", null, body.toString(), what);
        JsonNode answer = parse(response, what);
        if (!answer.isArray() || answer.size() != stockIns.size()) {
            throw new SitooUnavailableException("Sitoo answered " + what + " with " + response.bodyExcerpt(),
                    OptionalLong.empty(), null);
        }
        List<ElementResult> results = new ArrayList<>();
        for (JsonNode element : answer) {
            results.add(element.path("statuscode").asInt(200) == 200 && element.path("return").canConvertToLong()
                    ? new ElementResult(element.path("return").asLong(), null)
                    : new ElementResult(null, "Sitoo refused the stock-in (element " + element.path("statuscode").asInt()
                            + "): " + element.path("errortext").asText("no reason given")));
        }
        return results;
    }

    /**
     * Looks for a stock-in carrying {@code externalId} in one warehouse since {@code since}. Sitoo
     * cannot filter on externalid, so this pages through the warehouse's stock-ins of the window.
     */
    public Optional<Long> findStockIn(int warehouseId, String externalId, Instant since) {
        int start = 0;
        while (true) {
            String query = "warehouseid=" + warehouseId + "&transactiontype=" + STOCK_IN
                    + "&datecreatedfrom=" + since.getEpochSecond()
                    + "&sort=warehousetransactionid&start=" + start + "&num=" + PAGE_SIZE;
            JsonNode page = get(connection.siteUrl() + "/warehousetransactions.json", query,
                    "read back stock-ins of warehouse " + warehouseId);
            for (JsonNode tx : page.path("items")) {
                if (externalId.equals(tx.path("externalid").asText())) {
                    return Optional.of(tx.path("warehousetransactionid").asLong());
                }
            }
            start += PAGE_SIZE;
            if (start >= page.path("totalcount").asInt(0) || page.path("items").isEmpty()) {
                return Optional.empty();
            }
        }
    }

    /** Posts one order (the sales ledger) and answers its Sitoo orderid. Orders never move stock. */
    public long postOrder(ObjectNode order) {
        String what = "post order " + order.path("externalid").asText();
        JsonNode answer = parse(send("POST", connection.siteUrl() + "/orders.json", null, order.toString(), what), what);
        if (!answer.canConvertToLong()) {
            throw new SitooUnavailableException("Sitoo answered " + what + " with no orderid: " + answer,
                    OptionalLong.empty(), null);
        }
        return answer.asLong();
    }

    /** The order carrying this externalid (unique in Sitoo), if any. */
    public Optional<JsonNode> findOrder(String externalId) {
        JsonNode page = get(connection.baseUrl() + "/orders.json", "externalid=" + enc(externalId) + "&num=10",
                "look up order " + externalId);
        for (JsonNode order : page.path("items")) {
            if (externalId.equals(order.path("externalid").asText())) {
                return Optional.of(order);
            }
        }
        return Optional.empty();
    }

    /** Every order dated in [from, to] (unix seconds), page by page, without collecting them. */
    public void forEachOrder(long from, long to, java.util.function.Consumer<JsonNode> action) {
        forEachItem(connection.baseUrl() + "/orders.json", "orderdatefrom=" + from + "&orderdateto=" + to,
                "list orders", action);
    }

    /** Every stock-in of one warehouse created in [from, to] (unix seconds), page by page. */
    public void forEachStockIn(int warehouseId, long from, long to, java.util.function.Consumer<JsonNode> action) {
        forEachItem(connection.siteUrl() + "/warehousetransactions.json", "warehouseid=" + warehouseId
                + "&transactiontype=" + STOCK_IN + "&datecreatedfrom=" + from + "&datecreatedto=" + to
                + "&sort=warehousetransactionid", "list stock-ins of warehouse " + warehouseId, action);
    }

    private void forEachItem(String url, String filter, String what, java.util.function.Consumer<JsonNode> action) {
        int start = 0;
        while (true) {
            JsonNode page = get(url, (filter.isEmpty() ? "" : filter + "&") + "start=" + start + "&num=" + PAGE_SIZE, what);
            page.path("items").forEach(action);
            start += PAGE_SIZE;
            if (start >= page.path("totalcount").asInt(0) || page.path("items").isEmpty()) {
                return;
            }
        }
    }

    /** Sitoo's quantity format: a string with exactly three decimals. */
    static String quantity(BigDecimal q) {
        return q.setScale(3, RoundingMode.UNNECESSARY).toPlainString();
    }

    private JsonNode get(String url, String query, String what) {
        return parse(send("GET", url, query, null, what), what);
    }

    /**
     * Every Sitoo call passes the guard. A 429 applied nothing, so the very same request is sent again
     * after a short pause, a few times at most, before the caller's own retry (with its back-off) takes over.
     */
    private HttpResponse send(String method, String url, String query, String body, String what) {
        int throttled = 0;
        while (true) {
            try {
                return guard.call(() -> sendUnguarded(method, url, query, body, what));
            } catch (SitooUnavailableException e) {
                Optional<java.time.Duration> pause = SitooGuard.briefThrottlePause(e);
                if (pause.isEmpty() || ++throttled > SitooGuard.THROTTLED_RESENDS) {
                    throw e;
                }
                pauseFor(pause.get(), e);
            }
        }
    }

    private static void pauseFor(java.time.Duration pause, SitooUnavailableException cause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw cause;
        }
    }

    private HttpResponse sendUnguarded(String method, String url, String query, String body, String what) {
        HttpResponse response;
        try {
            response = http.call(method, url, query, Map.of("Authorization", authorization, "Accept", "application/json"),
                    body);
        } catch (IOException e) {
            throw new SitooUnavailableException("Sitoo did not answer (" + what + "): " + e.getMessage(),
                    OptionalLong.empty(), e);
        }
        if (response.isTransientFailure()) {
            throw new SitooUnavailableException(response.status() == 429 ? SitooUnavailableException.Kind.THROTTLED
                    : SitooUnavailableException.Kind.NO_ANSWER, "Sitoo answered HTTP " + response.status() + " (" + what
                    + "): " + response.bodyExcerpt(), response.retryAfterSeconds(), null);
        }
        if (!response.isSuccess()) {
            throw new SitooRejectedException(response.status(), "Sitoo refused to " + what + " (HTTP "
                    + response.status() + "): " + errorText(response));
        }
        return response;
    }

    private JsonNode parse(HttpResponse response, String what) {
        try {
            return json.readTree(response.body() == null ? "" : response.body());
        } catch (JsonProcessingException e) {
            throw new SitooUnavailableException("Sitoo answered " + what + " with something that is not JSON: "
                    + response.bodyExcerpt(), OptionalLong.empty(), e);
        }
    }

    private String errorText(HttpResponse response) {
        try {
            JsonNode error = json.readTree(response.body());
            if (error.hasNonNull("errortext")) {
                return error.get("errortext").asText();
            }
        } catch (JsonProcessingException | IllegalArgumentException ignored) {
            // fall through to the raw excerpt
        }
        return response.bodyExcerpt();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
