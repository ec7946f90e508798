package org.returnsbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;

/** The Sitoo half of the admin API ({@code /sandbox/sitoo/...}): set up and inspect the fake Sitoo. */
final class SitooAdmin {

    private final SitooStore store;

    SitooAdmin(SitooStore store) {
        this.store = store;
    }

    /** @param path segments after {@code /sandbox/sitoo} */
    HttpAnswer handle(HttpCall call, List<String> path) {
        if (path.size() == 2 && path.get(0).equals("orders")) {
            return editOrder(call, path.get(1));
        }
        if (path.size() == 2 && path.get(0).equals("products") && call.is("DELETE")) {
            // A product deleted in Sitoo after the bridge looked it up: its stock-ins are refused from now on.
            if (!store.deleteProduct(path.get(1))) {
                throw ApiError.notFound("no product " + path.get(1));
            }
            return HttpAnswer.json(200, java.util.Map.of("deleted", path.get(1)));
        }
        if (path.size() == 1 && path.get(0).equals("catalogue-page-faults") && call.is("POST")) {
            int count = call.queryInt("count", 1);
            int skip = call.queryInt("skip", 0);
            if (count < 0 || skip < 0) {
                throw ApiError.badRequest("count and skip must not be negative");
            }
            store.failNextCataloguePages(skip, count, CataloguePageFault.of(call.query("kind").orElse("500")));
            return HttpAnswer.json(200, java.util.Map.of("cataloguePageFaultsLeft", store.cataloguePageFaultsLeft()));
        }
        String resource = path.size() == 1 ? path.get(0) : "";
        switch (call.method() + " " + resource) {
            case "POST products" -> {
                return putProduct(call.jsonBody());
            }
            case "GET products" -> {
                return HttpAnswer.json(200, store.products(List.of()));
            }
            case "POST warehouses" -> {
                SitooWarehouse warehouse = JsonHttp.convert(call.jsonBody(), SitooWarehouse.class);
                boolean existed = warehouse.warehouseid() > 0 && store.hasWarehouse(warehouse.warehouseid());
                return HttpAnswer.json(existed ? 200 : 201, store.putWarehouse(warehouse));
            }
            case "GET warehouses" -> {
                return HttpAnswer.json(200, store.warehouses());
            }
            case "PUT stock" -> {
                return setStock(call.jsonBody());
            }
            case "GET stock" -> {
                return HttpAnswer.json(200, store.stockLevels().stream().map(SitooAdmin::stockJson).toList());
            }
            case "GET warehousetransactions" -> {
                return HttpAnswer.json(200, store.transactions());
            }
            case "GET transaction-log" -> {
                return transactionLog(call);
            }
            case "GET orders" -> {
                return HttpAnswer.json(200, store.orders().stream().map(StoredOrder::json).toList());
            }
            case "GET reasoncodes" -> {
                return HttpAnswer.json(200, store.reasonCodes());
            }
            default -> throw ApiError.notFound("no admin endpoint " + call.method() + " " + call.rawPath());
        }
    }

    /** {@code DELETE|PUT /sandbox/sitoo/orders/{orderid}}: what a person might do to an order by hand. */
    private HttpAnswer editOrder(HttpCall call, String id) {
        int orderid;
        try {
            orderid = Integer.parseInt(id);
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("orderid must be a number, got " + id);
        }
        if (call.is("DELETE")) {
            if (!store.deleteOrder(orderid)) {
                throw ApiError.notFound("no order " + orderid);
            }
            return HttpAnswer.json(200, java.util.Map.of("deleted", orderid));
        }
        if (call.is("PUT") && call.jsonBody().isObject()) {
            return HttpAnswer.json(200, store.patchOrder(orderid, (ObjectNode) call.jsonBody())
                    .orElseThrow(() -> ApiError.notFound("no order " + orderid)));
        }
        throw ApiError.notFound("use DELETE or PUT (a JSON object of fields to replace) on /sandbox/sitoo/orders/{orderid}");
    }

    /**
     * {@code GET /sandbox/sitoo/transaction-log?afterId=0&limit=1000}: transactions in id order, each as Sitoo
     * shows it plus {@code recordedAtMillis}, the sandbox's epoch millisecond when it was applied (Sitoo's own
     * {@code datecreated} has whole seconds, too coarse to time a webhook against). Paged by id so a benchmark
     * can follow tens of thousands of them.
     */
    private HttpAnswer transactionLog(HttpCall call) {
        int afterId = call.queryInt("afterId", 0);
        int limit = call.queryInt("limit", 1000);
        if (afterId < 0 || limit < 1 || limit > 10_000) {
            throw ApiError.badRequest("afterId must be 0 or more and limit 1..10000");
        }
        List<SitooStore.TimedTransaction> page = store.transactionsAfter(afterId, limit);
        ObjectNode answer = JsonHttp.object();
        answer.put("total", store.transactionCount());
        var items = answer.putArray("items");
        for (SitooStore.TimedTransaction timed : page) {
            ObjectNode item = JsonHttp.MAPPER.valueToTree(timed.transaction());
            item.put("recordedAtMillis", timed.recordedAtMillis());
            items.add(item);
        }
        answer.put("lastId", page.isEmpty() ? afterId : page.get(page.size() - 1).transaction().warehousetransactionid());
        return HttpAnswer.json(200, answer);
    }

    private HttpAnswer putProduct(JsonNode body) {
        String sku = JsonHttp.textField(body, "sku").filter(s -> !s.isBlank())
                .orElseThrow(() -> ApiError.badRequest("sku is required"));
        boolean existed = store.hasProduct(sku);
        SitooProduct product = store.putProduct(sku, JsonHttp.textField(body, "title").orElse(sku),
                JsonHttp.textField(body, "barcode").orElse(null));
        return HttpAnswer.json(existed ? 200 : 201, product);
    }

    private HttpAnswer setStock(JsonNode body) {
        int warehouseid = JsonHttp.intField(body, "warehouseid")
                .orElseThrow(() -> ApiError.badRequest("warehouseid is required"));
        String sku = JsonHttp.textField(body, "sku").orElseThrow(() -> ApiError.badRequest("sku is required"));
        JsonNode total = body.path("decimaltotal");
        BigDecimal level;
        try {
            // The admin API is lenient: "5.000" and 5 both do.
            level = new BigDecimal(total.asText().trim());
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("decimaltotal must be a decimal, was " + total);
        }
        return HttpAnswer.json(200, stockJson(store.setStock(warehouseid, sku, level)));
    }

    private static ObjectNode stockJson(StockLevel level) {
        ObjectNode json = JsonHttp.object();
        json.put("warehouseid", level.warehouseid());
        json.put("sku", level.sku());
        json.put("decimaltotal", Decimals.quantity(level.total()));
        return json;
    }
}
