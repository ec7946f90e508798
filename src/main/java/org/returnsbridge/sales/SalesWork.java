package org.returnsbridge.sales;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.returnsbridge.exceptions.FailedWork;
import org.returnsbridge.reveni.Refund;
import org.returnsbridge.reveni.ReturnItem;
import org.returnsbridge.reveni.ReveniReturn;

/**
 * One thing to record in Sitoo's sales ledger: a refund, or an exchanged item. The exchange body of
 * the sales routes.
 */
public record SalesWork(Kind kind, ReveniReturn reveniReturn, Refund refund, ReturnItem exchangedItem) {

    public enum Kind { REFUND, EXCHANGE }

    /** Every refund of the return, and every item the customer exchanged instead of being refunded. */
    public static List<SalesWork> of(ReveniReturn ret) {
        List<SalesWork> work = new ArrayList<>();
        ret.refunds().forEach(refund -> work.add(new SalesWork(Kind.REFUND, ret, refund, null)));
        ret.items().stream().filter(item -> item.isValid() && item.exchange() != null)
                .forEach(item -> work.add(new SalesWork(Kind.EXCHANGE, ret, null, item)));
        return work;
    }

    /** This work as a unit of failed work: keyed as its sales record, with the return as evidence. */
    public FailedWork failedWork() {
        ObjectNode payload = JsonNodeFactory.instance.objectNode().put("record_key", recordKey());
        payload.set("return", reveniReturn.raw());
        return new FailedWork.Sales(recordKey(), returnId(), itemId(), reveniReturn.locationId(), payload.toString());
    }

    /** The return whose sales records are being worked out, as a unit of failed work. */
    public static FailedWork returnOf(ReveniReturn ret) {
        return FailedWork.Return.of(ret.id(), ret.locationId(), ret.raw().toString());
    }

    public String recordKey() {
        return kind == Kind.REFUND ? "refund:" + (refund.id() == null ? returnId() + "#?" : refund.id())
                : "exchange:" + exchangedItem.id();
    }

    /** The order's externalid in Sitoo: unique there, so it is also the idempotency key. */
    public String externalId() {
        return kind == Kind.REFUND ? "rf-" + refund.id() : "ex-" + exchangedItem.id();
    }

    /** The return items this refund (or exchange) covers. */
    public List<String> coveredItemIds() {
        return kind == Kind.REFUND ? refund.items().stream().map(Refund.RefundItem::itemId).toList()
                : List.of(exchangedItem.id());
    }

    public String returnId() {
        return reveniReturn.id();
    }

    public String refundId() {
        return refund == null ? null : refund.id();
    }

    public String itemId() {
        return exchangedItem == null ? null : exchangedItem.id();
    }

    public String reveniStatus() {
        return kind == Kind.REFUND ? refund.status() : exchangedItem.status();
    }

    public BigDecimal amount() {
        if (kind == Kind.REFUND) {
            return refund.amount();
        }
        return exchangedItem.unitPrice() == null ? null
                : exchangedItem.unitPrice().multiply(BigDecimal.valueOf(exchangedItem.quantity()));
    }

    public String currency() {
        return kind == Kind.REFUND ? refund.currency() : reveniReturn.currency();
    }

    @Override
    public String toString() {
        return kind == Kind.REFUND ? "refund " + refund.id() + " of return " + returnId()
                : "exchange of item " + exchangedItem.id() + " of return " + returnId();
    }
}
