package org.returnsbridge.flow;

import java.math.BigDecimal;

import org.returnsbridge.ledger.LedgerLine;
import org.returnsbridge.sitoo.StockIn;

/** Everything needed to put one line back into stock; built from a live line or from the ledger. */
public record RestockOrder(String itemId, String returnId, int warehouseId, String sitooSku, int quantity,
                           String reasonCode) {

    static RestockOrder from(ReturnLine line) {
        return new RestockOrder(line.itemId(), line.returnId(), line.location().warehouseId(), line.sitooSku(),
                line.item().quantity(), line.reasonCode());
    }

    /** A line whose restock was recorded in the ledger (the sweep, the batcher). */
    static RestockOrder from(LedgerLine line) {
        return new RestockOrder(line.itemId(), line.returnId(), line.warehouseId(), line.sitooSku(), line.quantity(),
                line.reasonCode());
    }

    /** The same order, completing where an earlier, unconfirmed attempt started. */
    RestockOrder inWarehouse(int warehouse) {
        return new RestockOrder(itemId, returnId, warehouse, sitooSku, quantity, reasonCode);
    }

    StockIn stockIn() {
        return new StockIn(warehouseId, sitooSku, BigDecimal.valueOf(quantity), StockInIds.externalIdFor(itemId),
                reasonCode, "Reveni return " + returnId + " item " + itemId);
    }
}
