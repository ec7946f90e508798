package org.returnsbridge.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sitoo's REST API v2 as the contract describes it, under {@code /sitoo/v2/accounts/{accountid}}: HTTP Basic
 * auth, products, warehouses, stock levels, warehouse transactions, reason codes and orders.
 */
final class SitooSandboxApi implements VendorApi {

    static final String PREFIX = "/sitoo/v2/accounts";

    private final SandboxSettings settings;
    private final SitooStore store;
    private final SitooTransactionPost transactionPost;
    private final SitooOrderPost orderPost;

    SitooSandboxApi(SandboxSettings settings, SitooStore store, FaultInjector faults) {
        this.settings = settings;
        this.store = store;
        this.transactionPost = new SitooTransactionPost(store, faults);
        this.orderPost = new SitooOrderPost(store);
    }

    @Override
    public String vendor() {
        return "sitoo";
    }

    @Override
    public String callName(HttpCall call) {
        List<String> segments = call.segments();
        String last = segments.isEmpty() ? "other" : segments.get(segments.size() - 1);
        if (last.equals("products.json") && call.is("GET") && call.queryList("sku").isEmpty()) {
            // A read of the whole catalogue (a warm-up's page), counted apart from the look-ups of one SKU.
            return "GET products catalogue";
        }
        return call.method() + " " + (last.endsWith(".json") ? last.substring(0, last.length() - 5) : "other");
    }

    @Override
    public boolean commitsState(HttpCall call) {
        return call.is("POST") && (callName(call).endsWith(" warehousetransactions") || callName(call).endsWith(" orders"));
    }

    @Override
    public HttpAnswer error(int status, String message) {
        HttpAnswer answer = HttpAnswer.json(status, Map.of("statuscode", status, "errortext", message));
        return status == 401 ? answer.withHeader("WWW-Authenticate", "Basic realm=\"Sitoo sandbox\"") : answer;
    }

    @Override
    public HttpAnswer handle(HttpCall call) {
        requireBasicAuth(call);
        List<String> segments = call.segments();
        if (segments.isEmpty() || !segments.get(0).equals(settings.sitooAccountId())) {
            throw ApiError.notFound("account not found");
        }
        List<String> path = segments.subList(1, segments.size());
        if (JsonHttp.match("reasoncodes.json", path).isPresent()) {
            requireMethod(call, "GET");
            return SitooLists.envelope(store.reasonCodes(), call, "reasoncodeid");
        }
        if (JsonHttp.match("orders.json", path).isPresent()) {
            requireMethod(call, "GET");
            return listOrders(call);
        }
        if (path.size() >= 3 && path.get(0).equals("sites")) {
            requireSite(path.get(1));
            return handleSite(call, path.subList(2, path.size()));
        }
        throw ApiError.notFound("no such resource");
    }

    private HttpAnswer handleSite(HttpCall call, List<String> path) {
        if (JsonHttp.match("products.json", path).isPresent()) {
            requireMethod(call, "GET");
            List<String> skus = call.queryList("sku");
            if (skus.isEmpty()) {
                Optional<CataloguePageFault> fault = store.takeCataloguePageFault();
                if (fault.isPresent()) {
                    return fault.get().answer(SitooLists.envelope(store.products(skus), call, "productid"));
                }
            }
            return SitooLists.envelope(store.products(skus), call, "productid");
        }
        if (JsonHttp.match("warehouses.json", path).isPresent()) {
            requireMethod(call, "GET");
            return SitooLists.envelope(store.warehouses(), call, "warehouseid");
        }
        Optional<Map<String, String>> items = JsonHttp.match("warehouses/{warehouseid}/warehouseitems.json", path);
        if (items.isPresent()) {
            requireMethod(call, "GET");
            return warehouseItems(call, items.get().get("warehouseid"));
        }
        if (JsonHttp.match("warehousetransactions.json", path).isPresent()) {
            if (call.is("POST")) {
                return transactionPost.post(call);
            }
            requireMethod(call, "GET");
            return listTransactions(call);
        }
        if (JsonHttp.match("orders.json", path).isPresent()) {
            if (call.is("POST")) {
                return orderPost.post(call);
            }
            requireMethod(call, "GET");
            return listOrders(call);
        }
        throw ApiError.notFound("no such resource");
    }

    private void requireBasicAuth(HttpCall call) {
        String header = call.header("Authorization").orElse("");
        String expected = settings.sitooApiId() + ":" + settings.sitooApiPassword();
        if (!header.regionMatches(true, 0, "Basic ", 0, 6) || !expected.equals(decodeBasic(header.substring(6)))) {
            throw new ApiError(401, "Unauthorized: wrong or missing API id / password");
        }
    }

    private static String decodeBasic(String encoded) {
        try {
            return new String(Base64.getDecoder().decode(encoded.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return "";
        }
    }

    private void requireSite(String siteId) {
        if (!siteId.equals(Integer.toString(settings.sitooSiteId()))) {
            throw ApiError.notFound("site " + siteId + " not found");
        }
    }

    private static void requireMethod(HttpCall call, String method) {
        if (!call.is(method)) {
            throw new ApiError(405, "method " + call.method() + " not allowed here");
        }
    }

    private HttpAnswer warehouseItems(HttpCall call, String warehouseidText) {
        int warehouseid;
        try {
            warehouseid = Integer.parseInt(warehouseidText);
        } catch (NumberFormatException e) {
            throw ApiError.notFound("warehouse " + warehouseidText + " not found");
        }
        if (!store.hasWarehouse(warehouseid)) {
            throw ApiError.notFound("warehouse " + warehouseid + " not found");
        }
        List<ObjectNode> items = store.stockIn(warehouseid, call.queryList("sku")).stream()
                .map(SitooSandboxApi::warehouseItem).toList();
        return SitooLists.envelope(items, call, "sku");
    }

    private static ObjectNode warehouseItem(StockLevel level) {
        ObjectNode item = JsonHttp.object();
        item.put("sku", level.sku());
        item.put("decimaltotal", Decimals.quantity(level.total()));
        // The sandbox reserves nothing: everything on hand is available.
        item.put("decimalreserved", Decimals.quantity(BigDecimal.ZERO));
        item.put("decimalavailable", Decimals.quantity(level.total()));
        item.put("datelastmodified", level.lastModified());
        return item;
    }

    private HttpAnswer listTransactions(HttpCall call) {
        Optional<Long> warehouseid = call.queryLong("warehouseid");
        Optional<Long> type = call.queryLong("transactiontype");
        Optional<Long> from = call.queryLong("datecreatedfrom");
        Optional<Long> to = call.queryLong("datecreatedto");
        Optional<Long> idFrom = call.queryLong("warehousetransactionidfrom");
        List<WarehouseTransaction> matching = store.transactions().stream()
                .filter(t -> warehouseid.map(id -> t.warehouseid() == id).orElse(true))
                .filter(t -> type.map(wanted -> t.transactiontype() == wanted).orElse(true))
                .filter(t -> from.map(seconds -> t.datecreated() >= seconds).orElse(true))
                .filter(t -> to.map(seconds -> t.datecreated() <= seconds).orElse(true))
                .filter(t -> idFrom.map(id -> t.warehousetransactionid() >= id).orElse(true))
                .toList();
        return SitooLists.envelope(matching, call, "warehousetransactionid");
    }

    private HttpAnswer listOrders(HttpCall call) {
        List<String> externalIds = call.queryList("externalid");
        Optional<Long> from = call.queryLong("orderdatefrom");
        Optional<Long> to = call.queryLong("orderdateto");
        List<ObjectNode> matching = store.orders().stream()
                .filter(o -> externalIds.isEmpty() || externalIds.contains(o.externalid()))
                .filter(o -> from.map(seconds -> o.orderdate() >= seconds).orElse(true))
                .filter(o -> to.map(seconds -> o.orderdate() <= seconds).orElse(true))
                .map(StoredOrder::json)
                .toList();
        return SitooLists.envelope(matching, call, "orderid");
    }
}
