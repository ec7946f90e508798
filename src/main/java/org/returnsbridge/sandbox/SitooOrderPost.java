package org.returnsbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * {@code POST orders.json}: one order object, stored whole, answered with the bare orderid. Orders are the
 * sales ledger only: they never move stock (Sitoo moves stock for an order only on an order delivery,
 * which the bridge never posts). The externalid is the one thing Sitoo keeps unique.
 */
final class SitooOrderPost {

    static final Pattern EXTERNAL_ID = Pattern.compile("[A-Za-z0-9_-]{1,40}");

    private final SitooStore store;

    SitooOrderPost(SitooStore store) {
        this.store = store;
    }

    HttpAnswer post(HttpCall call) {
        JsonNode body = call.jsonBody();
        if (!body.isObject()) {
            throw ApiError.badRequest("orders.json expects one order as a JSON object");
        }
        ObjectNode order = (ObjectNode) body;
        String externalid = JsonHttp.textField(order, "externalid").orElse(null);
        if (externalid != null && !EXTERNAL_ID.matcher(externalid).matches()) {
            throw ApiError.badRequest("externalid '" + externalid + "' must match [A-Za-z0-9_-]{1,40}");
        }
        long orderdate = JsonHttp.longField(order, "orderdate").orElse(store.nowSeconds());
        order.put("moneytotal_gross_all", Decimals.sitooMoney(checkItemsAndTotal(order)));
        checkPayments(order);
        return HttpAnswer.jsonText(200, Integer.toString(store.addOrder(order, externalid, orderdate).orderid()));
    }

    /** Validates every order line and returns the sum of their row prices. */
    private BigDecimal checkItemsAndTotal(ObjectNode order) {
        JsonNode items = order.path("orderitems");
        if (items.isMissingNode() || items.isNull()) {
            return BigDecimal.ZERO;
        }
        if (!items.isArray()) {
            throw ApiError.badRequest("orderitems must be an array");
        }
        BigDecimal total = BigDecimal.ZERO;
        for (JsonNode item : items) {
            String sku = JsonHttp.textField(item, "sku").orElse(null);
            if (sku != null && !store.hasProduct(sku)) {
                throw ApiError.badRequest("unknown sku " + sku);
            }
            JsonNode quantity = item.get("quantity");
            if (quantity != null && !quantity.isNull() && !quantity.isIntegralNumber()) {
                throw ApiError.badRequest("orderitem quantity must be an integer, was " + quantity);
            }
            if (item.hasNonNull("moneyrowprice")) {
                total = total.add(Decimals.parseDecimalString(item.get("moneyrowprice"), "moneyrowprice"));
            }
        }
        return total;
    }

    private static void checkPayments(ObjectNode order) {
        JsonNode payments = order.path("payments");
        if (payments.isMissingNode() || payments.isNull()) {
            return;
        }
        if (!payments.isArray()) {
            throw ApiError.badRequest("payments must be an array");
        }
        for (JsonNode payment : payments) {
            if (payment.hasNonNull("moneyamount")) {
                Decimals.parseDecimalString(payment.get("moneyamount"), "payment moneyamount");
            }
        }
    }
}
