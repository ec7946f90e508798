package org.returnsbridge.reveni;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns one element of Reveni's {@code results} into a {@link ReveniReturn}, by hand rather than by
 * data binding, so that every defect gets a sentence an operator can act on ("return_items[1].quantity
 * must be a positive integer, got -1") and one bad line does not sink its siblings. Unknown fields are
 * ignored, as the contract asks.
 *
 * <p>Hostile input is refused here, before anything is stored or computed: numbers are read exactly
 * (a quantity of 2^64+1 is not "1"), money strings are checked by their shape before they become a
 * BigDecimal (so "1e100000000" is never expanded), and every text is bounded by {@link FieldLimits}.
 */
public final class ReturnParser {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1," + FieldLimits.ID + "}");
    /**
     * What the bridge will send to Sitoo as a SKU: no control characters, no commas (Sitoo's list
     * filters are comma separated), no surrounding blanks, at most 100 characters.
     */
    private static final Pattern SKU = Pattern.compile("[^\\p{Cntrl},\\s](?:[^\\p{Cntrl},]{0,98}[^\\p{Cntrl},\\s])?");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    /** Plain decimal notation only: no exponent, no sign but '-', bounded digits on both sides. */
    private static final Pattern MONEY = Pattern.compile("-?\\d{1," + FieldLimits.MONEY_INTEGER_DIGITS + "}(?:\\.\\d{1,"
            + FieldLimits.MONEY_DECIMALS + "})?");

    /** Longer than any ISO-8601 date-time with offset and fraction: anything longer is not one. */
    private static final int MAX_TIMESTAMP_LENGTH = 40;

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
            throw new InvalidReturnException(null, "return has no usable id (got " + abbreviate(node.get("id")) + ")");
        }
        List<String> problems = new ArrayList<>();
        String status = code(node, "status", "status", FieldLimits.STATUS, problems);
        if (status == null && problems.isEmpty()) {
            throw new InvalidReturnException(id, "return " + id + " has no status");
        }
        Instant updatedAt = instant(node, "updated_at", id);
        String type = code(node, "type", "type", FieldLimits.TYPE, problems);
        String currency = code(node, "currency", "currency", 3, problems);
        if (currency != null && !CURRENCY.matcher(currency).matches()) {
            problems.add("currency must be a 3-letter ISO code, got " + abbreviate(node.get("currency")));
        }
        JsonNode location = node.get("return_location");
        String locationId = location != null && location.isObject()
                ? code(location, "id", "return_location.id", FieldLimits.LOCATION_ID, problems) : null;
        JsonNode order = node.get("order");
        String orderExternalId = order != null && order.isObject()
                ? code(order, "external_id", "order.external_id", FieldLimits.ORDER_EXTERNAL_ID, problems) : null;
        if (!problems.isEmpty()) {
            throw new InvalidReturnException(id, "return " + id + ": " + String.join("; ", problems));
        }
        JsonNode itemsNode = node.get("return_items");
        if (itemsNode == null || !itemsNode.isArray()) {
            throw new InvalidReturnException(id, "return " + id + " has no return_items array");
        }
        List<ReturnItem> items = new ArrayList<>();
        Map<String, Integer> seenItemIds = new HashMap<>();
        for (int i = 0; i < itemsNode.size(); i++) {
            ReturnItem item = item(i, itemsNode.get(i));
            if (item.id() != null) {
                Integer first = seenItemIds.putIfAbsent(item.id(), i);
                if (first != null) {
                    // Two lines, one ledger key: whichever were kept, the other would be lost or mislabelled.
                    throw new InvalidReturnException(id, "return " + id + ": return_items[" + first + "] and return_items["
                            + i + "] share the item id " + item.id() + "; neither line is processed until Reveni"
                            + " sends distinct ids");
                }
            }
            items.add(item);
        }
        List<Refund> refunds = new ArrayList<>();
        JsonNode refundsNode = node.get("refunds");
        if (refundsNode != null && refundsNode.isArray()) {
            for (int i = 0; i < refundsNode.size(); i++) {
                refunds.add(refund(i, refundsNode.get(i), currency));
            }
        }
        return new ReveniReturn(id, status, type, updatedAt, locationId, List.copyOf(items), currency, orderExternalId,
                List.copyOf(refunds), node);
    }

    private ReturnItem item(int index, JsonNode node) {
        String where = "return_items[" + index + "]";
        if (node == null || !node.isObject()) {
            return invalid(index, null, where + " is not a JSON object");
        }
        String id = text(node, "id");
        if (id == null || !ID.matcher(id).matches()) {
            return invalid(index, null, where + ".id is missing or not an id (got " + abbreviate(node.get("id")) + ")");
        }
        // Bounded first: even an invalid line's ledger row must never fail its insert.
        List<String> problems = new ArrayList<>();
        String status = code(node, "status", where + ".status", FieldLimits.STATUS, problems);
        String condition = code(node, "condition", where + ".condition", FieldLimits.CONDITION, problems);
        String reason = code(node, "return_reason", where + ".return_reason", FieldLimits.RETURN_REASON, problems);
        // An inspector's words, not a code: a line break in them is plausible and harmless (logs escape it).
        String reject = bounded(node, "reject_reason", where + ".reject_reason", FieldLimits.SHORT_TEXT, problems);
        String name = bounded(node, "name", where + ".name", FieldLimits.NAME, problems);
        String sku = text(node, "sku");
        if (sku == null) {
            problems.add(0, where + ".sku is missing");
        } else if (!SKU.matcher(node.get("sku").asText()).matches()) {
            problems.add(0, where + ".sku " + abbreviate(node.get("sku")) + " has characters the bridge will not send to"
                    + " Sitoo (control characters, commas or surrounding blanks) or is longer than " + FieldLimits.SKU);
            sku = null;
        }
        String quantityProblem = quantityProblem(node.get("quantity"), where + ".quantity");
        if (quantityProblem != null) {
            problems.add(quantityProblem);
        }
        BigDecimal unitPrice = null;
        JsonNode price = node.get("unit_price");
        if (price != null && !price.isNull()) {
            String priceProblem = moneyProblem(price, where + ".unit_price");
            if (priceProblem != null) {
                problems.add(priceProblem);
            } else {
                unitPrice = money(price);
            }
        }
        ReturnItem.Exchange exchange = null;
        JsonNode ex = node.get("exchange");
        if (ex != null && ex.isObject() && text(ex, "sku") != null) {
            String exchangeSku = ex.get("sku").asText();
            JsonNode exq = ex.get("quantity");
            String exchangeQuantityProblem = exq == null || exq.isNull() ? null
                    : quantityProblem(exq, where + ".exchange.quantity");
            if (!SKU.matcher(exchangeSku).matches()) {
                problems.add(where + ".exchange.sku " + abbreviate(ex.get("sku")) + " is not a SKU the bridge will send"
                        + " to Sitoo");
            } else if (exchangeQuantityProblem != null) {
                problems.add(exchangeQuantityProblem);
            } else if (quantityProblem == null) {
                exchange = new ReturnItem.Exchange(exchangeSku.trim(), exq != null && !exq.isNull() ? exq.intValue()
                        : node.get("quantity").intValue());
            }
        }
        if (!problems.isEmpty()) {
            // Only values that passed their checks reach the ledger row of an invalid line.
            return new ReturnItem(index, id, problems.get(0).startsWith(where + ".sku") ? null : sku, 0, reason, status,
                    condition, reject, null, null, null, problems.get(0));
        }
        return new ReturnItem(index, id, sku, node.get("quantity").intValue(), reason, status, condition, reject, name,
                unitPrice, exchange, null);
    }

    /** Null for a whole number of units in 1..max-line-quantity, read exactly (never wrapped); else the reason. */
    private String quantityProblem(JsonNode q, String field) {
        if (q == null || !q.isIntegralNumber()) {
            return field + " must be a positive integer, got " + abbreviate(q);
        }
        if (q.bigIntegerValue().signum() < 1) {
            return field + " must be a positive integer, got " + abbreviate(q);
        }
        if (!q.canConvertToInt() || q.intValue() > maxLineQuantity) {
            return field + " " + abbreviate(q) + " is above the limit of " + maxLineQuantity
                    + " per line (bridge.limits.max-line-quantity)";
        }
        return null;
    }

    private static ReturnItem invalid(int index, String id, String problem) {
        return new ReturnItem(index, id, null, 0, null, null, null, null, null, null, null, problem);
    }

    /** Refunds are checked as strictly as items: money is never guessed, and never flipped. */
    private Refund refund(int index, JsonNode node, String returnCurrency) {
        String where = "refunds[" + index + "]";
        if (node == null || !node.isObject()) {
            return new Refund(null, null, null, null, null, null, List.of(), where + " is not a JSON object");
        }
        List<String> problems = new ArrayList<>();
        String id = text(node, "id");
        if (id == null || !ID.matcher(id).matches()) {
            // The refund's id becomes its record key: without a usable one it cannot be kept apart.
            return new Refund(null, null, null, null, null, null, List.of(), where + ".id is missing or not an id (got "
                    + abbreviate(node.get("id")) + ")");
        }
        String status = code(node, "status", where + ".status", FieldLimits.STATUS, problems);
        if (status == null && problems.isEmpty()) {
            problems.add(where + ".status is missing");
        }
        String method = code(node, "method", where + ".method", FieldLimits.SHORT_TEXT, problems);
        String ownCurrency = code(node, "currency", where + ".currency", 3, problems);
        String currency = ownCurrency != null ? ownCurrency : returnCurrency;
        if (currency == null || !CURRENCY.matcher(currency).matches()) {
            problems.add(where + ".currency is missing or not an ISO code (got " + abbreviate(node.get("currency")) + ")");
            currency = null;
        } else if (returnCurrency != null && !currency.equals(returnCurrency)) {
            problems.add(where + ".currency " + currency + " is not the return's currency " + returnCurrency
                    + "; a refund is never recorded in another currency than its return");
            currency = null;
        }
        Instant createdAt = null;
        try {
            createdAt = text(node, "created_at") == null ? null : Instant.parse(text(node, "created_at"));
        } catch (DateTimeParseException ignored) {
            // an unreadable created_at only loses the order date
        }
        BigDecimal amount = null;
        String amountProblem = moneyProblem(node.get("amount"), where + ".amount");
        if (amountProblem != null) {
            problems.add(amountProblem);
        } else {
            amount = money(node.get("amount"));
        }
        List<Refund.RefundItem> items = new ArrayList<>();
        JsonNode itemsNode = node.get("items");
        if (itemsNode == null || !itemsNode.isArray()) {
            problems.add(where + ".items is missing");
        } else if (itemsNode.size() > FieldLimits.REFUND_ITEMS) {
            problems.add(where + ".items has " + itemsNode.size() + " entries, above the limit of "
                    + FieldLimits.REFUND_ITEMS + " per refund");
        } else {
            for (int i = 0; i < itemsNode.size(); i++) {
                String at = where + ".items[" + i + "]";
                JsonNode item = itemsNode.get(i);
                if (item == null || !item.isObject()) {
                    problems.add(at + " is not a JSON object");
                    continue;
                }
                String itemId = text(item, "item_id");
                String qProblem = quantityProblem(item.get("quantity"), at + ".quantity");
                String mProblem = moneyProblem(item.get("amount"), at + ".amount");
                if (itemId == null || !ID.matcher(itemId).matches()) {
                    problems.add(at + ".item_id is missing or not an id (got " + abbreviate(item.get("item_id")) + ")");
                } else if (qProblem != null) {
                    problems.add(qProblem);
                } else if (mProblem != null) {
                    problems.add(mProblem);
                } else {
                    items.add(new Refund.RefundItem(itemId, item.get("quantity").intValue(), money(item.get("amount"))));
                }
            }
        }
        String problem = problems.isEmpty() ? null : String.join("; ", problems);
        // A refused refund keeps only values that passed their checks: its sales record must never fail to insert.
        return new Refund(id, status, problem == null ? amount : null, currency, method, createdAt,
                problem == null ? List.copyOf(items) : List.of(), problem);
    }

    /**
     * Null for Reveni money: a decimal string ("49.9500") with at most 4 decimals and 9 digits before the
     * point, not negative. The shape is checked on the text, so no number is built from a hostile string
     * ("1e100000000", a thousand digits); numbers are refused, as binary floats cannot hold cents.
     */
    private static String moneyProblem(JsonNode node, String field) {
        if (node == null || !node.isTextual()) {
            return field + " must be a decimal string, got " + abbreviate(node);
        }
        String text = node.asText().trim();
        if (text.length() > FieldLimits.MONEY_TEXT || !MONEY.matcher(text).matches()) {
            return field + " must be a decimal string with at most " + FieldLimits.MONEY_DECIMALS + " decimals and "
                    + FieldLimits.MONEY_INTEGER_DIGITS + " digits before the point, got " + abbreviate(node);
        }
        if (text.startsWith("-") && new BigDecimal(text).signum() < 0) {
            return field + " must not be negative, got " + text + " (a refund is never turned into money coming in)";
        }
        return null;
    }

    /** Only after {@link #moneyProblem} said yes: the text is short and plain, so this is cheap and exact. */
    private static BigDecimal money(JsonNode node) {
        return new BigDecimal(node.asText().trim());
    }

    private static Instant instant(JsonNode node, String field, String id) {
        String value = text(node, field);
        if (value == null) {
            throw new InvalidReturnException(id, "return " + id + " has no " + field);
        }
        if (value.length() > MAX_TIMESTAMP_LENGTH) {
            throw new InvalidReturnException(id, "return " + id + " has an unreadable " + field + ": " + abbreviate(node.get(field)));
        }
        return timestamp(value).orElseThrow(() ->
                new InvalidReturnException(id, "return " + id + " has an unreadable " + field + ": " + value));
    }

    /**
     * A Reveni timestamp ({@code Z} or an offset), or empty when it is not one. Shared with the poll's
     * list cursor, which must read a return's place in the list exactly as the parser reads its date.
     */
    public static Optional<Instant> timestamp(String value) {
        if (value == null || value.length() > MAX_TIMESTAMP_LENGTH) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value.trim()));
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(java.time.OffsetDateTime.parse(value.trim()).toInstant());
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }

    /**
     * A short code (status, condition, location id...): {@link #text}, bounded to {@code max} characters
     * and free of control characters. A value that breaks either adds a problem naming the field and
     * answers null, so the value never reaches a column it does not fit.
     */
    private static String code(JsonNode node, String field, String where, int max, List<String> problems) {
        String value = bounded(node, field, where, max, problems);
        if (value != null && CONTROL.matcher(node.get(field).asText()).find()) { // before trimming: "id\n" is not "id"
            problems.add(where + " has control characters, got " + abbreviate(node.get(field)));
            return null;
        }
        return value;
    }

    /** Free text (a name): {@link #text} bounded to {@code max} characters. */
    private static String bounded(JsonNode node, String field, String where, int max, List<String> problems) {
        String value = text(node, field);
        if (value != null && value.length() > max) {
            problems.add(where + " is longer than its limit of " + max + " characters (got " + value.length() + ")");
            return null;
        }
        return value;
    }

    /** A non-blank string field, or null. Numbers and booleans where text is expected count as absent. */
    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            return null;
        }
        return v.asText().trim();
    }

    /** A vendor value as a reason may quote it: JSON-encoded and cut, so a hostile value cannot flood a reason. */
    private static String abbreviate(JsonNode value) {
        String s = String.valueOf(value);
        return s.length() <= 40 ? s : s.substring(0, 37) + "…(" + s.length() + " chars)";
    }
}
