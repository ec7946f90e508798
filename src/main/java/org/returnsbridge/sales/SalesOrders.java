package org.returnsbridge.sales;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.returnsbridge.failure.BridgeException;
import org.returnsbridge.failure.ExceptionCategory;
import org.returnsbridge.reveni.Refund;
import org.returnsbridge.reveni.ReturnItem;
import org.returnsbridge.reveni.ReveniReturn;

/**
 * Builds the Sitoo order that records a refund or an exchange (shared/contracts/sitoo-api.md): an
 * ordinary order with negative quantities and a negative payment, closed and paid. It never carries a
 * delivery, so it never moves stock: stock moves only through the inspection-driven stock-in.
 */
class SalesOrders {

    static final int ORDER = 10;
    static final int CLOSED = 10;
    static final int PAID = 20;

    private final ObjectMapper json;

    SalesOrders(ObjectMapper json) {
        this.json = json;
    }

    /** Only the refunded items, quantities and amounts; the payment equals the refund amount. */
    ObjectNode refundOrder(SalesWork work, OrderContext context) {
        Refund refund = work.refund();
        checkAddsUp(refund);
        ObjectNode order = header(work, context, refund.createdAt() == null ? null : refund.createdAt().getEpochSecond());
        for (Refund.RefundItem refunded : refund.items()) {
            ReturnItem item = item(work.reveniReturn(), refunded.itemId(), refund);
            orderItem(order, context, item, refunded.quantity(), refunded.amount());
        }
        ObjectNode payment = order.putArray("payments").addObject()
                .put("name", "Reveni refund" + (refund.method() == null ? "" : " (" + refund.method() + ")"))
                .put("moneyamount", Cents.negative(refund.amount()))
                .put("externalid", refund.id());
        payment.putObject("additionaldata").put("reveni-refund-id", refund.id());
        order.with("additionaldata").put("reveni-refund-id", refund.id());
        return order;
    }

    /** No money moves: the returned item is settled by a virtual payment, and the order names the new SKU. */
    ObjectNode exchangeOrder(SalesWork work, OrderContext context) {
        ReturnItem item = work.exchangedItem();
        if (item.unitPrice() == null) {
            throw new BridgeException(ExceptionCategory.INVALID_RETURN, "exchanged item " + item.id()
                    + " has no unit_price to record the exchange at");
        }
        BigDecimal value = item.unitPrice().multiply(BigDecimal.valueOf(item.quantity()));
        ObjectNode order = header(work, context, null);
        orderItem(order, context, item, item.quantity(), value);
        ObjectNode payment = order.putArray("payments").addObject()
                .put("name", "Reveni exchange")
                .put("moneyamount", Cents.negative(value))
                .put("externalid", "ex-" + item.id());
        payment.putObject("additionaldata").put("virtual-payment", "true");
        order.with("additionaldata")
                .put("reveni-exchange-item-id", item.id())
                .put("exchange-sku", item.exchange().sku())
                .put("exchange-quantity", Integer.toString(item.exchange().quantity()));
        return order;
    }

    private ObjectNode header(SalesWork work, OrderContext context, Long orderDate) {
        ReveniReturn ret = work.reveniReturn();
        ObjectNode order = json.createObjectNode()
                .put("ordertypeid", ORDER)
                .put("externalid", work.externalId())
                .put("currencycode", work.currency())
                .put("orderstateid", CLOSED)
                .put("paymentstateid", PAID);
        if (orderDate != null) {
            order.put("orderdate", orderDate);
        }
        if (context.warehouseId() != null) {
            order.put("warehouseid", context.warehouseId());
        }
        if (context.originalOrderId() != null) {
            order.put("creditorderid", context.originalOrderId());
        }
        ObjectNode data = order.putObject("additionaldata").put("reveni-return-id", ret.id());
        if (context.originalOrderId() != null) {
            data.put("pos-originalsales-orderid", Long.toString(context.originalOrderId()));
        }
        if (context.reasonCode() != null) {
            data.put("refundreasoncode-reasoncode", context.reasonCode());
        }
        if (context.warehouseId() != null) {
            data.put("return-warehouseid", Integer.toString(context.warehouseId()));
        }
        return order;
    }

    private void orderItem(ObjectNode order, OrderContext context, ReturnItem item, int quantity, BigDecimal amount) {
        ObjectNode line = order.withArray("orderitems").addObject()
                .put("sku", context.sitooSku(item.sku()))
                .put("productname", item.name() == null ? item.sku() : item.name())
                .put("quantity", -quantity)
                .put("moneyrowprice", Cents.negative(amount));
        ObjectNode data = line.putObject("additionaldata");
        String reason = context.reasonCodeFor(item.returnReason());
        if (reason != null) {
            data.put("reasoncode-return", reason);
        }
        if (context.warehouseId() != null) {
            data.put("return-warehouseid", Integer.toString(context.warehouseId()));
        }
    }

    private static ReturnItem item(ReveniReturn ret, String itemId, Refund refund) {
        return ret.items().stream().filter(i -> itemId.equals(i.id()) && i.isValid()).findFirst()
                .orElseThrow(() -> new BridgeException(ExceptionCategory.INVALID_RETURN, "refund " + refund.id()
                        + " covers item " + itemId + ", which is not a valid item of return " + ret.id()));
    }

    /** Exact at Reveni's precision, and still exact once each amount is rounded to cents. */
    private static void checkAddsUp(Refund refund) {
        BigDecimal lines = refund.items().stream().map(Refund.RefundItem::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (lines.compareTo(refund.amount()) != 0) {
            throw new BridgeException(ExceptionCategory.REFUND_MISMATCH, "refund " + refund.id() + " of "
                    + refund.amount().toPlainString() + " " + refund.currency() + " has lines adding up to "
                    + lines.toPlainString());
        }
        BigDecimal roundedLines = refund.items().stream().map(i -> Cents.round(i.amount()))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        if (roundedLines.compareTo(Cents.round(refund.amount())) != 0) {
            throw new BridgeException(ExceptionCategory.REFUND_MISMATCH, "refund " + refund.id() + ": its lines"
                    + " rounded to cents add up to " + roundedLines.toPlainString() + ", not "
                    + Cents.round(refund.amount()).toPlainString() + "; not adjusting silently");
        }
    }
}
