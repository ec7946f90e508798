package org.returnsbridge.sitoo;

import java.math.BigDecimal;
import java.util.List;

/**
 * One stock-in warehouse transaction: one line in immediate mode, a whole batch of a warehouse's
 * lines in interval mode. {@code externalId} ties it to the bridge's ledger, so that the bridge can
 * find it again in Sitoo: Sitoo itself never de-duplicates.
 */
public record StockIn(int warehouseId, String externalId, String reasonCode, String description, List<Item> items) {

    /** +quantity of one SKU. A transaction may name a SKU more than once (one item per returned line). */
    public record Item(String sku, BigDecimal quantity) {}

    public StockIn {
        items = List.copyOf(items);
        if (items.isEmpty()) {
            throw new IllegalArgumentException("a stock-in needs at least one item");
        }
    }

    /** The stock-in of a single line. */
    public StockIn(int warehouseId, String sku, BigDecimal quantity, String externalId, String reasonCode,
                   String description) {
        this(warehouseId, externalId, reasonCode, description, List.of(new Item(sku, quantity)));
    }
}
