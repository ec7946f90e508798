package org.returnsbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code POST warehousetransactions.json}: an array of transactions, each judged and applied on its own.
 * One element answers a bare id (or an HTTP 400); several answer one envelope per element, in order, under
 * HTTP 200 even when some failed. That last rule is the one clients forget, so it is kept exact here.
 */
final class SitooTransactionPost {

    static final int MAX_ITEMS = 1000;
    private static final Set<Integer> WRITABLE_TYPES = Set.of(10, 20);
    private static final Set<Integer> READ_ONLY_TYPES = Set.of(30, 40, 50);

    private final SitooStore store;
    private final FaultInjector faults;

    SitooTransactionPost(SitooStore store, FaultInjector faults) {
        this.store = store;
        this.faults = faults;
    }

    HttpAnswer post(HttpCall call) {
        JsonNode body = call.jsonBody();
        if (!body.isArray()) {
            throw ApiError.badRequest("warehousetransactions expects a JSON array of transactions");
        }
        if (body.isEmpty()) {
            throw ApiError.badRequest("the array of warehousetransactions is empty");
        }
        int items = 0;
        for (JsonNode element : body) {
            items += element.path("items").size();
        }
        if (items > MAX_ITEMS) {
            throw ApiError.badRequest("at most " + MAX_ITEMS + " items per request, got " + items);
        }
        if (body.size() == 1) {
            WarehouseTransaction stored = store.applyTransaction(parse(body.get(0)));
            return HttpAnswer.jsonText(200, Integer.toString(stored.warehousetransactionid()));
        }
        ArrayNode envelopes = JsonHttp.array();
        body.forEach(element -> envelopes.add(applyOne(element)));
        return HttpAnswer.json(200, envelopes);
    }

    private ObjectNode applyOne(JsonNode element) {
        ObjectNode envelope = JsonHttp.object();
        try {
            if (faults.elementFails()) {
                throw ApiError.badRequest("transaction refused (sandbox element failure)");
            }
            WarehouseTransaction stored = store.applyTransaction(parse(element));
            envelope.put("statuscode", 200);
            envelope.put("return", stored.warehousetransactionid());
        } catch (ApiError refusal) {
            envelope.put("statuscode", refusal.status());
            envelope.put("errortext", refusal.getMessage());
        }
        return envelope;
    }

    /** Checks the shape of one element; whether the warehouse and SKUs exist is the store's call. */
    static WarehouseTransaction.Request parse(JsonNode element) {
        if (!element.isObject()) {
            throw ApiError.badRequest("each warehousetransaction must be a JSON object");
        }
        int warehouseid = JsonHttp.intField(element, "warehouseid")
                .orElseThrow(() -> ApiError.badRequest("warehouseid is required"));
        int type = JsonHttp.intField(element, "transactiontype")
                .orElseThrow(() -> ApiError.badRequest("transactiontype is required"));
        if (READ_ONLY_TYPES.contains(type)) {
            throw ApiError.badRequest("transactiontype " + type + " is read-only; only 10 (in) and 20 (out) can be posted");
        }
        if (!WRITABLE_TYPES.contains(type)) {
            throw ApiError.badRequest("transactiontype " + type + " is not valid; only 10 (in) and 20 (out) can be posted");
        }
        JsonNode items = element.path("items");
        if (!items.isArray() || items.isEmpty()) {
            throw ApiError.badRequest("items must be a non-empty array");
        }
        if (items.size() > MAX_ITEMS) {
            throw ApiError.badRequest("at most " + MAX_ITEMS + " items per transaction, got " + items.size());
        }
        List<WarehouseTransaction.Change> changes = new ArrayList<>();
        for (JsonNode item : items) {
            String sku = JsonHttp.textField(item, "sku").filter(s -> !s.isBlank())
                    .orElseThrow(() -> ApiError.badRequest("every item needs a sku"));
            changes.add(new WarehouseTransaction.Change(sku,
                    Decimals.parseDecimalString(item.get("decimalquantity"), "decimalquantity of sku " + sku)));
        }
        return new WarehouseTransaction.Request(warehouseid, type,
                JsonHttp.textField(element, "description").orElse(null),
                JsonHttp.textField(element, "externalid").orElse(null),
                JsonHttp.textField(element, "reasoncode").orElse(null),
                List.copyOf(changes));
    }
}
