package org.returnsbridge.sales;

import org.returnsbridge.mapping.Mappings;

/** What an order needs beyond the return itself: the return warehouse, the original sale, the mappings. */
record OrderContext(Integer warehouseId, Long originalOrderId, String reasonCode, Mappings mappings) {

    String sitooSku(String reveniSku) {
        return mappings.sitooSkuFor(reveniSku);
    }

    String reasonCodeFor(String returnReason) {
        return mappings.reasonCodeFor(returnReason);
    }
}
