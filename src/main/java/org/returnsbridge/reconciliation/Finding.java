package org.returnsbridge.reconciliation;

/**
 * One gap between Reveni (as the bridge mirrors it) and what Sitoo really holds: its kind, the business
 * keys, both sides' values and what to do about it.
 */
public record Finding(String kind, String returnId, String refundId, String itemId, String sku, Integer warehouseId,
                      String reveniValue, String sitooValue, String suggestedAction) {

    public static final String REFUND_MISSING_IN_SITOO = "REFUND_MISSING_IN_SITOO";
    public static final String REFUND_AMOUNT_MISMATCH = "REFUND_AMOUNT_MISMATCH";
    public static final String REFUND_CURRENCY_MISMATCH = "REFUND_CURRENCY_MISMATCH";
    public static final String REFUND_DUPLICATED_IN_SITOO = "REFUND_DUPLICATED_IN_SITOO";
    public static final String ORDER_ORPHANED_IN_SITOO = "ORDER_ORPHANED_IN_SITOO";
    public static final String STOCK_IN_MISSING = "STOCK_IN_MISSING";
    public static final String STOCK_IN_QUANTITY_MISMATCH = "STOCK_IN_QUANTITY_MISMATCH";
    public static final String STOCK_IN_WRONG_WAREHOUSE = "STOCK_IN_WRONG_WAREHOUSE";
    public static final String STOCK_IN_DUPLICATED = "STOCK_IN_DUPLICATED";
    public static final String RETURN_STUCK = "RETURN_STUCK";

    public static final java.util.List<String> KINDS = java.util.List.of(REFUND_MISSING_IN_SITOO, REFUND_AMOUNT_MISMATCH,
            REFUND_CURRENCY_MISMATCH, REFUND_DUPLICATED_IN_SITOO, ORDER_ORPHANED_IN_SITOO, STOCK_IN_MISSING,
            STOCK_IN_QUANTITY_MISMATCH, STOCK_IN_WRONG_WAREHOUSE, STOCK_IN_DUPLICATED, RETURN_STUCK);
}
