package org.returnsbridge.flow;

import java.math.BigDecimal;

/** Everything needed to put one line back into stock; built from a live line or from the ledger. */
public record RestockOrder(String itemId, String returnId, int warehouseId, String sitooSku, int quantity,
                           String reasonCode) {

    static RestockOrder from(ReturnLine line) {
        return new RestockOrder(line.itemId(), line.returnId(), line.location().warehouseId(), line.sitooSku(),
                line.item().quantity(), line.reasonCode());
    }

    BigDecimal decimalQuantity() {
        return BigDecimal.valueOf(quantity);
    }

    String description() {
        return "Reveni return " + returnId + " item " + itemId;
    }
}
