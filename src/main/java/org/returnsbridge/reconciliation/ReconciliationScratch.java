package org.returnsbridge.reconciliation;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;

import com.fasterxml.jackson.databind.JsonNode;
import org.returnsbridge.support.Sql;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What one run read back from Sitoo, parked in the database (tables {@code reconciliation_stock_in} and
 * {@code reconciliation_order}) rather than in the heap: Sitoo's pages are written as they are read, and read back
 * a page of external ids at a time. Each run has its own id, so nodes reconciling at once never see each other's
 * rows; {@link #close()} deletes the run's rows.
 */
class ReconciliationScratch implements AutoCloseable {

    /** A stock-in as the comparison needs it: which transaction, in which warehouse, how many units per SKU. */
    record StockIn(long transactionId, int warehouseId, Map<String, BigDecimal> unitsBySku) {}

    private final JdbcTemplate jdbc;
    private final String runId = UUID.randomUUID().toString();
    private final OffsetDateTime createdAt;
    private final List<Object[]> pendingStockIns = new ArrayList<>();
    private final List<Object[]> pendingOrders = new ArrayList<>();
    private final int flushEvery;

    ReconciliationScratch(JdbcTemplate jdbc, Clock clock, int flushEvery) {
        this.jdbc = jdbc;
        this.createdAt = Sql.utc(clock.instant());
        this.flushEvery = flushEvery;
    }

    /** One of the bridge's stock-ins as Sitoo lists it: a row per SKU (a row without SKU when it has no items). */
    void addStockIn(int warehouseId, String externalId, JsonNode tx) {
        long transactionId = tx.path("warehousetransactionid").asLong();
        Map<String, BigDecimal> units = new LinkedHashMap<>();
        tx.path("items").forEach(item -> units.merge(item.path("sku").asText(),
                new BigDecimal(item.path("decimalquantity").asText("0")), BigDecimal::add));
        if (units.isEmpty()) {
            pendingStockIns.add(new Object[] {runId, transactionId, externalId, warehouseId, null, null, createdAt});
        }
        units.forEach((sku, quantity) -> pendingStockIns.add(new Object[] {runId, transactionId, externalId, warehouseId,
                sku, quantity, createdAt}));
        if (pendingStockIns.size() >= flushEvery) {
            flush();
        }
    }

    void addOrder(String refundId, String orderId) {
        pendingOrders.add(new Object[] {runId, refundId, orderId, createdAt});
        if (pendingOrders.size() >= flushEvery) {
            flush();
        }
    }

    void flush() {
        if (!pendingStockIns.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO reconciliation_stock_in (run_id, transaction_id, external_id, warehouse_id, sku,"
                    + " quantity, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", pendingStockIns);
            pendingStockIns.clear();
        }
        if (!pendingOrders.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO reconciliation_order (run_id, refund_id, order_id, created_at) VALUES (?, ?, ?, ?)",
                    pendingOrders);
            pendingOrders.clear();
        }
    }

    /**
     * The ids first, for the index on (external_id, run_id) (migration V17): each id is one index lookup, where the
     * index on (run_id, external_id) had H2 read every stock-in line of the run for each page. ReconciliationPlanTest
     * reads H2's plan.
     */
    static String stockInsOfSql(int ids) {
        return "SELECT transaction_id, external_id, warehouse_id, sku, quantity FROM reconciliation_stock_in"
                + " WHERE external_id IN (" + String.join(",", Collections.nCopies(ids, "?")) + ") AND run_id = ?"
                + " ORDER BY transaction_id";
    }

    /** The stock-ins Sitoo holds under each of these external ids, oldest transaction first. */
    Map<String, List<StockIn>> stockInsOf(Collection<String> externalIds) {
        Map<String, List<StockIn>> byExternalId = new LinkedHashMap<>();
        if (externalIds.isEmpty()) {
            return byExternalId;
        }
        Map<Long, StockIn> byTransaction = new LinkedHashMap<>();
        List<Object> args = new ArrayList<>(externalIds);
        args.add(runId);
        jdbc.query(stockInsOfSql(externalIds.size()), rs -> {
                    long transactionId = rs.getLong("transaction_id");
                    StockIn stockIn = byTransaction.computeIfAbsent(transactionId, id -> {
                        try {
                            StockIn created = new StockIn(id, rs.getInt("warehouse_id"), new LinkedHashMap<>());
                            byExternalId.computeIfAbsent(rs.getString("external_id"), k -> new ArrayList<>()).add(created);
                            return created;
                        } catch (java.sql.SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    String sku = rs.getString("sku");
                    if (sku != null) {
                        stockIn.unitsBySku().merge(sku, rs.getBigDecimal("quantity"), BigDecimal::add);
                    }
                }, args.toArray());
        return byExternalId;
    }

    /** Each refund id carried by more than one order of the day, with those orders, a refund at a time. */
    void forEachDuplicatedRefund(BiConsumer<String, List<String>> action) {
        String[] current = {null};
        List<String> orderIds = new ArrayList<>();
        jdbc.query("SELECT o.refund_id, o.order_id FROM reconciliation_order o JOIN (SELECT refund_id FROM"
                + " reconciliation_order WHERE run_id = ? GROUP BY refund_id HAVING COUNT(*) > 1) d"
                + " ON d.refund_id = o.refund_id WHERE o.run_id = ? ORDER BY o.refund_id, o.order_id", rs -> {
                    String refundId = rs.getString("refund_id");
                    if (current[0] != null && !current[0].equals(refundId)) {
                        action.accept(current[0], List.copyOf(orderIds));
                        orderIds.clear();
                    }
                    current[0] = refundId;
                    orderIds.add(rs.getString("order_id"));
                }, runId, runId);
        if (current[0] != null) {
            action.accept(current[0], List.copyOf(orderIds));
        }
    }

    /**
     * Rows of runs that never reached {@link #close()} (the node was killed mid-run), older than {@code before}: no
     * run lasts that long, so no live run's rows are touched.
     */
    static void deleteAbandoned(JdbcTemplate jdbc, java.time.Instant before) {
        jdbc.update("DELETE FROM reconciliation_stock_in WHERE created_at < ?", Sql.utc(before));
        jdbc.update("DELETE FROM reconciliation_order WHERE created_at < ?", Sql.utc(before));
    }

    @Override
    public void close() {
        pendingStockIns.clear();
        pendingOrders.clear();
        jdbc.update("DELETE FROM reconciliation_stock_in WHERE run_id = ?", runId);
        jdbc.update("DELETE FROM reconciliation_order WHERE run_id = ?", runId);
    }
}
