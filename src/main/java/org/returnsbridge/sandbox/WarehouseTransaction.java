package org.returnsbridge.sandbox;

import java.math.BigDecimal;
import java.util.List;

/**
 * A stored Sitoo warehouse transaction, shaped exactly as {@code warehousetransactions.json} returns it.
 * Each line's {@code decimaltotal} is the stock level right after the line was applied.
 */
record WarehouseTransaction(int warehousetransactionid, int warehouseid, int transactiontype, long datecreated,
        String description, String externalid, String reasoncode, List<Line> items) {

    record Line(String sku, String decimalquantity, String decimaltotal) {
    }

    /** A transaction as posted, after its shape has been checked but before the store has judged it. */
    record Request(int warehouseid, int transactiontype, String description, String externalid, String reasoncode,
            List<Change> changes) {
    }

    /** One posted item: the signed change of stock of one SKU. */
    record Change(String sku, BigDecimal quantity) {
    }
}
