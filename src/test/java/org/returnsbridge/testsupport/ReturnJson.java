package org.returnsbridge.testsupport;

import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds Reveni returns in the contract's shape for tests. */
public final class ReturnJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode node = JSON.createObjectNode();
    private final ArrayNode items;

    private ReturnJson(String id) {
        node.put("id", id).put("status", "accepted").put("type", "refund").put("instant", false)
                .put("amount", "49.9500").put("currency", "EUR");
        node.putObject("order").put("id", newId()).put("external_id", "1001").put("name", "#1001");
        location("store-stockholm-01");
        items = node.putArray("return_items");
        node.putArray("refunds");
    }

    public static ReturnJson aReturn() {
        return new ReturnJson(newId());
    }

    public static String newId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    public ReturnJson status(String status) {
        node.put("status", status);
        return this;
    }

    public ReturnJson location(String locationId) {
        if (locationId == null) {
            node.remove("return_location");
        } else {
            node.putObject("return_location").put("id", locationId).put("name", locationId);
        }
        return this;
    }

    /** An item; {@code condition} null means not inspected yet. */
    public ReturnJson item(String itemId, String sku, int quantity, String status, String condition) {
        ObjectNode item = items.addObject().put("id", itemId).put("sku", sku).put("name", "Item " + sku)
                .put("quantity", quantity).put("return_reason", "size_too_small").put("status", status)
                .put("unit_price", "49.9500").put("refund_amount", "49.9500");
        item.putNull("exchange");
        if (condition == null) {
            item.putNull("condition");
        } else {
            item.put("condition", condition);
        }
        if ("rejected".equals(status)) {
            item.put("reject_reason", "worn");
        } else {
            item.putNull("reject_reason");
        }
        return this;
    }

    /** A refund of {@code amount} (4-decimal string) covering {@code itemId → amount} pairs, one unit each. */
    public ReturnJson refund(String refundId, String status, String amount, String... itemIdAmountPairs) {
        ObjectNode refund = node.withArray("refunds").addObject().put("id", refundId).put("status", status)
                .put("amount", amount).put("currency", "EUR").put("method", "original_payment")
                .put("created_at", java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        ArrayNode items = refund.putArray("items");
        for (int i = 0; i < itemIdAmountPairs.length; i += 2) {
            items.addObject().put("item_id", itemIdAmountPairs[i]).put("quantity", 1).put("amount", itemIdAmountPairs[i + 1]);
        }
        return this;
    }

    /** An accepted, sellable item the customer exchanges for {@code newSku} instead of being refunded. */
    public ReturnJson exchanged(String itemId, String sku, String newSku) {
        sellable(itemId, sku, 1);
        ObjectNode item = (ObjectNode) items.get(items.size() - 1);
        item.putObject("exchange").put("sku", newSku).put("quantity", 1);
        node.put("type", "exchange");
        return this;
    }

    public ReturnJson orderExternalId(String externalId) {
        node.with("order").put("external_id", externalId);
        return this;
    }

    public ReturnJson sellable(String itemId, String sku, int quantity) {
        return item(itemId, sku, quantity, "accepted", "sellable");
    }

    public String id() {
        return node.get("id").asText();
    }

    public ObjectNode json() {
        return node;
    }
}
