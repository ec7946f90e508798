package org.returnsbridge.reveni;

import java.math.BigDecimal;

/**
 * The one bounds table for what Reveni sends: every vendor text that reaches the database (or Sitoo)
 * is checked against it when the return is parsed, so an over-long value is an INVALID_RETURN naming
 * the field and its limit, never a failed insert. Each limit fits the column it ends up in
 * (db/migration) with room to spare; docs/exactly-once.md, "Limits on what Reveni sends", lists them.
 */
public final class FieldLimits {

    private FieldLimits() {}

    /** Return, item and refund ids: return_line.item_id / return_id, sales_record.refund_id (64). */
    public static final int ID = 64;
    /** Return, item and refund status: return_line.return_status / item_status, sales_record.reveni_status (32). */
    public static final int STATUS = 32;
    /** Return type (refund, exchange, mixed): not stored, bounded like a status. */
    public static final int TYPE = 32;
    /** Item condition: return_line.inspection_condition (64). */
    public static final int CONDITION = 64;
    /** Item return reason: return_line.return_reason (128). */
    public static final int RETURN_REASON = 128;
    /** Item reject reason and refund method: shown, sent to Sitoo as text, not stored in a column. */
    public static final int SHORT_TEXT = 128;
    /** return_location.id: return_line.location_id, exception_record.location_id (128). */
    public static final int LOCATION_ID = 128;
    /** SKUs (returned and exchanged): return_line.sku (128); the SKU pattern already caps it at 100. */
    public static final int SKU = 100;
    /** order.external_id: looked up in Sitoo, not stored. */
    public static final int ORDER_EXTERNAL_ID = 64;
    /** Item name: Sitoo's order line productname. */
    public static final int NAME = 200;
    /** Items one refund may cover: their ids are kept in sales_record.item_ids (4000). */
    public static final int REFUND_ITEMS = 60;
    /** A money string longer than this is refused before it is read as a number. */
    public static final int MONEY_TEXT = 24;
    /** Reveni's precision: money strings carry up to 4 decimals ("49.9500"). */
    public static final int MONEY_DECIMALS = 4;
    /** Digits before the decimal point: below a billion, and within sales_record.amount DECIMAL(19, 4). */
    public static final int MONEY_INTEGER_DIGITS = 9;
    public static final BigDecimal MONEY_MAX = new BigDecimal("999999999.9999");
}
