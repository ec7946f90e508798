package org.returnsbridge.ledger;

import java.time.Instant;

/** One row of the ledger, as stored and as served by {@code GET /api/returns/{returnId}}. */
public record LedgerLine(
        String itemId,
        String returnId,
        String returnStatus,
        String itemStatus,
        String sku,
        String sitooSku,
        Integer quantity,
        String locationId,
        Integer warehouseId,
        String condition,
        String returnReason,
        String reasonCode,
        String decision,
        LineState state,
        String stateReason,
        String externalId,
        Instant restockIntentAt,
        Instant lastPostAt,
        Long sitooTransactionId,
        Instant restockedAt,
        Long exceptionId,
        Instant createdAt,
        Instant updatedAt,
        Instant stateChangedAt,
        Instant queuedAt) {

    /** Interval mode: waiting in its warehouse's queue, not sent yet. */
    public boolean isQueued() {
        return queuedAt != null && lastPostAt == null && state == LineState.RESTOCKING;
    }

    public boolean hasUnconfirmedIntent() {
        return restockIntentAt != null && state != LineState.RESTOCKED;
    }
}
