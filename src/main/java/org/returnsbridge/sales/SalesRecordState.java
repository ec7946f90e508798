package org.returnsbridge.sales;

/** Where a refund (or an exchange) stands on the sales side. */
public enum SalesRecordState {
    /** Reveni has not settled it yet (refund pending, exchanged item not accepted yet). */
    PENDING,
    /** One Sitoo return order records it; carries the orderid. Final. */
    RECORDED,
    /** Nothing to record: the refund failed, or the exchanged item was rejected. */
    NOT_RECORDED,
    /** Could not be recorded; see the exception record. */
    EXCEPTION
}
