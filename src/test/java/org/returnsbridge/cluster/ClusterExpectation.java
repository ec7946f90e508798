package org.returnsbridge.cluster;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the cluster must have done once it caught up, from the returns' last states alone: each line's final
 * ledger state, the units per (Sitoo warehouse, SKU), the stock-in externalids (one per restocked line) and the
 * order externalids (one per refund, one per exchanged item).
 */
record ClusterExpectation(Map<String, String> ledgerStateByItem, Map<String, Long> unitsByStockKey,
                          Set<String> stockInExternalIds, Set<String> orderExternalIds) {

    static ClusterExpectation of(Collection<ClusterReturn> returns) {
        Map<String, String> states = new TreeMap<>();
        Map<String, Long> units = new TreeMap<>();
        Set<String> stockIns = new TreeSet<>();
        Set<String> orders = new TreeSet<>();
        for (ClusterReturn ret : returns) {
            for (ClusterReturn.Line line : ret.lines) {
                states.put(line.itemId, line.fate.ledgerState);
                if (line.fate == ClusterReturn.Fate.SELLABLE) {
                    units.merge(stockKey(ret.warehouseId, line.sku), (long) line.quantity, Long::sum);
                    stockIns.add(line.stockInExternalId());
                }
                if (line.exchangeSku != null && line.accepted()) {
                    orders.add("ex-" + line.itemId);
                }
            }
            ret.refunds.forEach(refund -> orders.add(refund.orderExternalId()));
        }
        return new ClusterExpectation(Map.copyOf(states), Map.copyOf(units), Set.copyOf(stockIns), Set.copyOf(orders));
    }

    static String stockKey(int warehouseId, String sku) {
        return "warehouse " + warehouseId + " " + sku;
    }

    long restockUnits() {
        return unitsByStockKey.values().stream().mapToLong(Long::longValue).sum();
    }
}
