package org.returnsbridge.cluster;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import org.returnsbridge.testsupport.SandboxControl;

/**
 * Sitoo as it stands, read through the sandbox's admin API and judged against a {@link ClusterExpectation}:
 * stock-ins grouped by externalid, orders by externalid and by the Reveni refund id they carry, stock levels.
 * Stock levels alone could hide a doubled line cancelled out by a missing one; the grouping cannot. Every
 * finding names the externalid (or refund id, or stock key) and the Sitoo ids involved.
 */
final class SitooAudit {

    private static final int STOCK_IN = 10;

    private final Map<String, List<Integer>> stockInsByExternalId = new TreeMap<>();
    private final Map<String, List<Integer>> ordersByExternalId = new TreeMap<>();
    private final Map<String, List<Integer>> ordersByRefundId = new TreeMap<>();
    private final Map<String, Long> unitsByStockKey = new TreeMap<>();

    private SitooAudit() {
    }

    static SitooAudit read(SandboxControl sandbox) {
        SitooAudit audit = new SitooAudit();
        for (JsonNode transaction : sandbox.warehouseTransactions()) {
            if (transaction.path("transactiontype").asInt() == STOCK_IN) {
                audit.stockInsByExternalId.computeIfAbsent(transaction.path("externalid").asText(""), k -> new ArrayList<>())
                        .add(transaction.path("warehousetransactionid").asInt());
            }
        }
        for (JsonNode order : sandbox.orders()) {
            int orderId = order.path("orderid").asInt();
            audit.ordersByExternalId.computeIfAbsent(order.path("externalid").asText(""), k -> new ArrayList<>()).add(orderId);
            String refundId = order.path("additionaldata").path("reveni-refund-id").asText("");
            if (!refundId.isEmpty()) {
                audit.ordersByRefundId.computeIfAbsent(refundId, k -> new ArrayList<>()).add(orderId);
            }
        }
        for (JsonNode level : sandbox.stockLevels()) {
            long units = new BigDecimal(level.path("decimaltotal").asText("0")).longValueExact();
            if (units != 0) {
                audit.unitsByStockKey.merge(ClusterExpectation.stockKey(level.path("warehouseid").asInt(),
                        level.path("sku").asText()), units, Long::sum);
            }
        }
        return audit;
    }

    /** How many distinct expected stock-ins Sitoo has (duplicates count once): progress while draining. */
    long expectedStockInsPresent(Set<String> expected) {
        return expected.stream().filter(stockInsByExternalId::containsKey).count();
    }

    long expectedOrdersPresent(Set<String> expected) {
        return expected.stream().filter(ordersByExternalId::containsKey).count();
    }

    int stockInTransactions() {
        return stockInsByExternalId.values().stream().mapToInt(List::size).sum();
    }

    /** Externalids carried by more than one stock-in, with the transaction ids: each extra one is stock counted twice. */
    Map<String, List<Integer>> duplicatedStockIns() {
        return duplicates(stockInsByExternalId);
    }

    /** Order externalids on more than one order (Sitoo refuses those, so this stays empty unless it changes). */
    Map<String, List<Integer>> duplicatedOrderExternalIds() {
        return duplicates(ordersByExternalId);
    }

    /** Refund ids carried by more than one order: one refund booked twice in the sales ledger. */
    Map<String, List<Integer>> duplicatedRefundOrders() {
        return duplicates(ordersByRefundId);
    }

    /** Units of the extra stock-ins beyond the first of each externalid (by count of transactions). */
    int extraStockIns() {
        return duplicatedStockIns().values().stream().mapToInt(ids -> ids.size() - 1).sum();
    }

    Set<String> missingStockIns(Set<String> expected) {
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(stockInsByExternalId.keySet());
        return missing;
    }

    /** Stock-ins the bridge made (rv- externalid) for no line that should have been restocked. */
    Set<String> unexpectedStockIns(Set<String> expected) {
        Set<String> unexpected = new TreeSet<>(stockInsByExternalId.keySet());
        unexpected.removeAll(expected);
        return unexpected;
    }

    Set<String> missingOrders(Set<String> expected) {
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(ordersByExternalId.keySet());
        return missing;
    }

    Set<String> unexpectedOrders(Set<String> expected) {
        Set<String> unexpected = new TreeSet<>(ordersByExternalId.keySet());
        unexpected.removeAll(expected);
        return unexpected;
    }

    /** Every (warehouse, SKU) whose units differ from the expectation, as "key: expected X, Sitoo has Y". */
    List<String> stockMismatches(Map<String, Long> expected) {
        Set<String> keys = new TreeSet<>(expected.keySet());
        keys.addAll(unitsByStockKey.keySet());
        List<String> mismatches = new ArrayList<>();
        for (String key : keys) {
            long want = expected.getOrDefault(key, 0L);
            long have = unitsByStockKey.getOrDefault(key, 0L);
            if (want != have) {
                mismatches.add(key + ": expected " + want + ", Sitoo has " + have);
            }
        }
        return mismatches;
    }

    private static Map<String, List<Integer>> duplicates(Map<String, List<Integer>> grouped) {
        Map<String, List<Integer>> duplicated = new TreeMap<>();
        grouped.forEach((key, ids) -> {
            if (ids.size() > 1) {
                duplicated.put(key, List.copyOf(ids));
            }
        });
        return duplicated;
    }
}
