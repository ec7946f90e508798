package org.returnsbridge.reveni;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns one element of Reveni's {@code results} into a {@link ReveniReturn}, by hand rather than by
 * data binding, so that every defect gets a sentence an operator can act on ("return_items[1].quantity
 * must be a positive integer, got -1") and one bad line does not sink its siblings. Unknown fields are
 * ignored, as the contract asks.
 */
public final class ReturnParser {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /**
     * What the bridge will send to Sitoo as a SKU: no control characters, no commas (Sitoo's list
     * filters are comma separated), no surrounding blanks, at most 100 characters.
     */
    private static final Pattern SKU = Pattern.compile("[^\\p{Cntrl},\\s](?:[^\\p{Cntrl},]{0,98}[^\\p{Cntrl},\\s])?");

    private final int maxLineQuantity;

    public ReturnParser(int maxLineQuantity) {
        this.maxLineQuantity = maxLineQuantity;
    }

    public ReveniReturn parse(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new InvalidReturnException(null, "a results element is not a JSON object");
        }
        String id = text(node, "id");
        if (id == null || !ID.matcher(id).matches()) {
            throw new InvalidReturnException(null, "return has no usable id (got " + node.get("id") + ")");
        }
        String status = text(node, "status");
        if (status == null) {
            throw new InvalidReturnException(id, "return " + id + " has no status");
        }
        Instant updatedAt = instant(node, "updated_at", id);
        JsonNode location = node.get("return_location");
        String locationId = location != null && location.isObject() ? text(location, "id") : null;
        JsonNode itemsNode = node.get("return_items");
        if (itemsNode == null || !itemsNode.isArray()) {
            throw new InvalidReturnException(id, "return " + id + " has no return_items array");
        }
        List<ReturnItem> items = new ArrayList<>();
        for (int i = 0; i < itemsNode.size(); i++) {
            items.add(item(i, itemsNode.get(i)));
        }
        JsonNode order = node.get("order");
        String orderExternalId = order != null && order.isObject() ? text(order, "external_id") : null;
        List<Refund> refunds = new ArrayList<>();
        JsonNode refundsNode = node.get("refunds");
        if (refundsNode != null && refundsNode.isArray()) {
            for (int i = 0; i < refundsNode.size(); i++) {
                refunds.add(refund(i, refundsNode.get(i), text(node, "currency")));
            }
        }
        return new ReveniReturn(id, status, text(node, "type"), updatedAt, locationId, List.copyOf(items),
                text(node, "currency"), orderExternalId, List.copyOf(refunds), node);
    }

    private ReturnItem item(int index, JsonNode node) {
        String where = "return_items[" + index + "]";
        if (node == null || !node.isObject()) {
            return invalid(index, null, where + " is not a JSON object");
        }
        String id = text(node, "id");
        if (id == null || !ID.matcher(id).matches()) {
            return invalid(index, null, where + ".id is missing or not an id (got " + node.get("id") + ")");
        }
        String sku = text(node, "sku");
        String status = text(node, "status");
        String condition = text(node, "condition");
        String reason = text(node, "return_reason");
        String reject = text(node, "reject_reason");
        JsonNode q = node.get("quantity");
        if (sku == null) {
            return new ReturnItem(index, id, null, 0, reason, status, condition, reject, null, null, null,
                    where + ".sku is missing");
        }
        String rawSku = node.get("sku").asText();
        if (!SKU.matcher(rawSku).matches()) {
            return new ReturnItem(index, id, sku, 0, reason, status, condition, reject, null, null, null, where + ".sku "
                    + node.get("sku") + " has characters the bridge will not send to Sitoo (control characters,"
                    + " commas or surrounding blanks) or is longer than 100");
        }
        if (q == null || !q.isIntegralNumber() || q.asLong() < 1) {
            return new ReturnItem(index, id, sku, 0, reason, status, condition, reject, null, null, null,
                    where + ".quantity must be a positive integer, got " + q);
        }
        if (q.asLong() > maxLineQuantity) {
            return new ReturnItem(index, id, sku, 0, reason, status, condition, reject, null, null, null,
                    where + ".quantity " + q.asLong() + " is above the limit of " + maxLineQuantity
                            + " per line (bridge.limits.max-line-quantity)");
        }
        ReturnItem.Exchange exchange = null;
        JsonNode ex = node.get("exchange");
        if (ex != null && ex.isObject() && text(ex, "sku") != null) {
            exchange = new ReturnItem.Exchange(text(ex, "sku"), ex.path("quantity").isIntegralNumber()
                    ? ex.get("quantity").asInt() : q.asInt());
        }
        return new ReturnItem(index, id, sku, q.asInt(), reason, status, condition, reject, text(node, "name"),
                money(node.get("unit_price")), exchange, null);
    }

    private static ReturnItem invalid(int index, String id, String problem) {
        return new ReturnItem(index, id, null, 0, null, null, null, null, null, null, null, problem);
    }

    /** Refunds are checked as strictly as items: money is never guessed. */
    private static Refund refund(int index, JsonNode node, String returnCurrency) {
        String where = "refunds[" + index + "]";
        if (node == null || !node.isObject()) {
            return new Refund(null, null, null, null, null, null, List.of(), where + " is not a JSON object");
        }
        String id = text(node, "id");
        String status = text(node, "status");
        String currency = text(node, "currency") != null ? text(node, "currency") : returnCurrency;
        String method = text(node, "method");
        Instant createdAt = null;
        try {
            createdAt = text(node, "created_at") == null ? null : Instant.parse(text(node, "created_at"));
        } catch (DateTimeParseException ignored) {
            // reported below
        }
        String problem = null;
        if (id == null || !ID.matcher(id).matches()) {
            problem = where + ".id is missing or not an id";
        } else if (status == null) {
            problem = where + ".status is missing";
        } else if (currency == null || !currency.matches("[A-Z]{3}")) {
            problem = where + ".currency is missing or not an ISO code";
        }
        BigDecimal amount = money(node.get("amount"));
        if (problem == null && amount == null) {
            problem = where + ".amount must be a decimal string, got " + node.get("amount");
        }
        List<Refund.RefundItem> items = new ArrayList<>();
        JsonNode itemsNode = node.get("items");
        if (problem == null && (itemsNode == null || !itemsNode.isArray())) {
            problem = where + ".items is missing";
        } else if (itemsNode != null && itemsNode.isArray()) {
            for (int i = 0; i < itemsNode.size() && problem == null; i++) {
                JsonNode item = itemsNode.get(i);
                String itemId = item == null ? null : text(item, "item_id");
                JsonNode q = item == null ? null : item.get("quantity");
                BigDecimal itemAmount = item == null ? null : money(item.get("amount"));
                if (itemId == null || q == null || !q.isIntegralNumber() || q.asInt() < 1 || itemAmount == null) {
                    problem = where + ".items[" + i + "] needs item_id, a positive integer quantity and a decimal string amount";
                } else {
                    items.add(new Refund.RefundItem(itemId, q.asInt(), itemAmount));
                }
            }
        }
        return new Refund(id, status, amount, currency, method, createdAt, List.copyOf(items), problem);
    }

    /** Reveni money: a decimal string ("49.9500"); numbers are refused, as binary floats cannot hold cents. */
    private static BigDecimal money(JsonNode node) {
        if (node == null || !node.isTextual()) {
            return null;
        }
        try {
            return new BigDecimal(node.asText().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Instant instant(JsonNode node, String field, String id) {
        String value = text(node, field);
        if (value == null) {
            throw new InvalidReturnException(id, "return " + id + " has no " + field);
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException e2) {
                throw new InvalidReturnException(id, "return " + id + " has an unreadable " + field + ": " + value);
            }
        }
    }

    /** A non-blank string field, or null. Numbers and booleans where text is expected count as absent. */
    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            return null;
        }
        return v.asText().trim();
    }
}
