package org.returnsbridge.sales;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** One refund or exchange and its Sitoo order, as stored and as served with a return's ledger. */
public record SalesRecord(String recordKey, String kind, String returnId, String refundId, String itemId,
                          String reveniStatus, BigDecimal amount, String currency, SalesRecordState state,
                          String stateReason, String externalId, Long sitooOrderId, Long exceptionId,
                          Instant recordedAt, Instant createdAt, Instant updatedAt, List<String> itemIds) {

    /** This refund or exchange is in Sitoo's sales ledger and covers the item. */
    public boolean recordsItem(String itemId) {
        return state == SalesRecordState.RECORDED && itemIds.contains(itemId);
    }
}
