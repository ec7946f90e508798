package org.returnsbridge.ledger;

/** What Reveni says about a line at this poll, as the ledger records it. */
public record SeenLine(String itemId, String returnId, String returnStatus, String itemStatus, String sku,
                       Integer quantity, String locationId, String condition, String returnReason) {}
