package org.returnsbridge.sitoo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.returnsbridge.support.BoundedBody;

/**
 * Sitoo REST API v2, as far as the bridge uses it (see shared/contracts/sitoo-api.md): Basic auth,
 * {@code .json} paths, {@code start/num} paging, 3-decimal quantity strings, and array POSTs that
 * answer a bare id for one element and per-element envelopes for several.
 *
 * <p>This class knows what to ask and how to read the answer; the asking itself is a Camel route per
 * operation family ({@link SitooGatewayRoutes}), reached through Camel's bean proxy, which owns the rate
 * limit, the circuit breaker, the HTTP call and what a status means.
 */
public class SitooClient {

    static final int PAGE_SIZE = 100;
    static final int STOCK_IN = 10;
    /** Sitoo takes at most this many items in one warehousetransactions request (contract: documented). */
    public static final int MAX_ITEMS_PER_REQUEST = 1000;

    private final SitooGateway gateway;
    private final SitooConnection connection;
    private final ObjectMapper json;

    public SitooClient(SitooGateway gateway, SitooConnection connection, ObjectMapper json) {
        this.gateway = gateway;
        this.connection = connection;
        this.json = json;
    }

    /** The product Sitoo knows under this SKU, or empty when it knows none (Sitoo answers 200, not 404). */
    public Optional<SitooProduct> findProduct(String sku) {
        JsonNode page = gateway.products().send(SitooRequest.get(connection.siteUrl() + "/products.json",
                "sku=" + enc(sku) + "&fields=productid,sku,title,barcode,active", "look up SKU " + sku));
        for (JsonNode item : page.path("items")) {
            // The filter may match loosely; only an exact SKU is the same product.
            if (sku.equals(item.path("sku").asText())) {
                return Optional.of(new SitooProduct(item.path("productid").asLong(), sku,
                        item.path("title").asText(""), item.path("active").asBoolean(true)));
            }
        }
        return Optional.empty();
    }

    /**
     * One page of the whole product list for the catalogue warm-up: only the fields the bridge uses, sorted
     * by productid so that products created while the warm-up pages land behind it rather than shifting the
     * pages already read. Goes through the same {@code sitoo-products} gateway as a single look-up.
     */
    CataloguePage cataloguePage(long start, int num) {
        JsonNode page = gateway.products().send(SitooRequest.get(connection.siteUrl() + "/products.json",
                "fields=productid,sku,title,active&sort=productid&start=" + start + "&num=" + num,
                "read the product catalogue from " + start));
        return CataloguePage.read(page, num);
    }

    public List<SitooWarehouse> warehouses() {
        List<SitooWarehouse> all = new ArrayList<>();
        forEachItem(gateway.warehouses(), connection.siteUrl() + "/warehouses.json", "", "list warehouses", w -> all.add(new SitooWarehouse(
                w.path("warehouseid").asInt(), w.path("warehousetype").asInt(10), w.path("name").asText(""))));
        return all;
    }

    /** Posts one stock-in transaction and answers its Sitoo id. */
    public long postStockIn(StockIn stockIn) {
        return postStockIn(stockIn, null);
    }

    private long postStockIn(StockIn stockIn, SitooRateLimit.Turn turn) {
        ArrayNode body = json.createArrayNode();
        addTransaction(body, stockIn);
        String what = "post stock-in " + stockIn.externalId();
        JsonNode answer = gateway.stockIns().send(SitooRequest.post(connection.siteUrl() + "/warehousetransactions.json",
                body.toString(), what).onTurn(turn));
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
                    + excerpt(answer), OptionalLong.empty(), null);
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
        return postStockIns(stockIns, null);
    }

    /** As {@link #postStockIns(List)}, on a rate-limit turn the caller already took ({@code null}: the gateway takes one). */
    public List<ElementResult> postStockIns(List<StockIn> stockIns, SitooRateLimit.Turn turn) {
        if (stockIns.size() == 1) {
            return List.of(new ElementResult(postStockIn(stockIns.get(0), turn), null));
        }
        int items = stockIns.stream().mapToInt(s -> s.items().size()).sum();
        if (items > MAX_ITEMS_PER_REQUEST) {
            throw new IllegalArgumentException(items + " items in one request; Sitoo takes " + MAX_ITEMS_PER_REQUEST);
        }
        ArrayNode body = json.createArrayNode();
        stockIns.forEach(stockIn -> addTransaction(body, stockIn));
        String what = "post " + stockIns.size() + " stock-ins";
        JsonNode answer = gateway.stockIns().send(SitooRequest.post(connection.siteUrl() + "/warehousetransactions.json",
                body.toString(), what).onTurn(turn));
        if (!answer.isArray() || answer.size() != stockIns.size()) {
            throw new SitooUnavailableException("Sitoo answered " + what + " with " + excerpt(answer),
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
            JsonNode page = gateway.stockIns().send(SitooRequest.get(connection.siteUrl() + "/warehousetransactions.json",
                    query, "read back stock-ins of warehouse " + warehouseId));
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
        JsonNode answer = gateway.orders().send(SitooRequest.post(connection.siteUrl() + "/orders.json",
                order.toString(), what));
        if (!answer.canConvertToLong()) {
            throw new SitooUnavailableException("Sitoo answered " + what + " with no orderid: " + excerpt(answer),
                    OptionalLong.empty(), null);
        }
        return answer.asLong();
    }

    /** The order carrying this externalid (unique in Sitoo), if any. */
    public Optional<JsonNode> findOrder(String externalId) {
        JsonNode page = gateway.orders().send(SitooRequest.get(connection.baseUrl() + "/orders.json",
                "externalid=" + enc(externalId) + "&num=10", "look up order " + externalId));
        for (JsonNode order : page.path("items")) {
            if (externalId.equals(order.path("externalid").asText())) {
                return Optional.of(order);
            }
        }
        return Optional.empty();
    }

    /** Every order dated in [from, to] (unix seconds), page by page, without collecting them. */
    public void forEachOrder(long from, long to, Consumer<JsonNode> action) {
        forEachItem(gateway.orders(), connection.baseUrl() + "/orders.json", "orderdatefrom=" + from + "&orderdateto=" + to,
                "list orders", action);
    }

    /** Every stock-in of one warehouse created in [from, to] (unix seconds), page by page. */
    public void forEachStockIn(int warehouseId, long from, long to, Consumer<JsonNode> action) {
        forEachItem(gateway.stockIns(), connection.siteUrl() + "/warehousetransactions.json", "warehouseid=" + warehouseId
                + "&transactiontype=" + STOCK_IN + "&datecreatedfrom=" + from + "&datecreatedto=" + to
                + "&sort=warehousetransactionid", "list stock-ins of warehouse " + warehouseId, action);
    }

    private static void forEachItem(SitooCall family, String url, String filter, String what, Consumer<JsonNode> action) {
        int start = 0;
        while (true) {
            JsonNode page = family.send(SitooRequest.get(url,
                    (filter.isEmpty() ? "" : filter + "&") + "start=" + start + "&num=" + PAGE_SIZE, what));
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

    private static String excerpt(JsonNode answer) {
        return BoundedBody.excerpt(String.valueOf(answer));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
