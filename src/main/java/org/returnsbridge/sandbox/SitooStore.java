package org.returnsbridge.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Sitoo's state for the one site the sandbox serves: products, warehouses, stock, warehouse transactions,
 * reason codes and orders. Each write runs under the store's lock, so one transaction is applied entirely
 * or not at all, and the stock it reports after itself is exact even when requests race.
 */
final class SitooStore {

    private record StockKey(int warehouseid, String sku) {
    }

    private final Clock clock;
    private final Map<String, SitooProduct> productsBySku = new LinkedHashMap<>();
    private final Map<Integer, SitooWarehouse> warehouses = new TreeMap<>();
    private final Map<StockKey, StockLevel> stock = new HashMap<>();
    private final List<WarehouseTransaction> transactions = new ArrayList<>();
    /** When each transaction was applied, in epoch milliseconds; admin views only (Sitoo itself has seconds). */
    private final List<Long> transactionMillis = new ArrayList<>();
    private final List<SitooReasonCode> reasonCodes = new ArrayList<>();
    private final List<StoredOrder> orders = new ArrayList<>();
    private final java.util.Set<Integer> deletedOrders = new java.util.HashSet<>();
    private final Map<String, Integer> orderIdsByExternalId = new HashMap<>();
    /** What the next unfiltered product-list requests (the catalogue) answer, in order: empty = normally. */
    private final java.util.Deque<Optional<CataloguePageFault>> cataloguePageFaults = new java.util.ArrayDeque<>();

    SitooStore(Clock clock) {
        this.clock = clock;
    }

    long nowSeconds() {
        return clock.instant().getEpochSecond();
    }

    synchronized void reset() {
        cataloguePageFaults.clear();
        productsBySku.clear();
        warehouses.clear();
        stock.clear();
        transactions.clear();
        transactionMillis.clear();
        reasonCodes.clear();
        orders.clear();
        deletedOrders.clear();
        orderIdsByExternalId.clear();
    }

    // ---- products

    /** Creates a product, or updates title and barcode of an existing SKU keeping its productid. */
    synchronized SitooProduct putProduct(String sku, String title, String barcode) {
        SitooProduct existing = productsBySku.get(sku);
        int id = existing != null ? existing.productid()
                : productsBySku.values().stream().mapToInt(SitooProduct::productid).max().orElse(0) + 1;
        SitooProduct product = new SitooProduct(id, sku, title, barcode, true);
        productsBySku.put(sku, product);
        return product;
    }

    synchronized boolean deleteProduct(String sku) {
        return productsBySku.remove(sku) != null;
    }

    synchronized boolean hasProduct(String sku) {
        return productsBySku.containsKey(sku);
    }

    /** After {@code skip} catalogue reads answered normally, the next {@code count} fail with {@code fault}. */
    synchronized void failNextCataloguePages(int skip, int count, CataloguePageFault fault) {
        for (int i = 0; i < skip; i++) {
            cataloguePageFaults.add(Optional.empty());
        }
        for (int i = 0; i < count; i++) {
            cataloguePageFaults.add(Optional.of(fault));
        }
    }

    synchronized long cataloguePageFaultsLeft() {
        return cataloguePageFaults.stream().filter(Optional::isPresent).count();
    }

    /** The fault planned for this product-list request, once per planned fault; empty to answer normally. */
    synchronized Optional<CataloguePageFault> takeCataloguePageFault() {
        Optional<CataloguePageFault> next = cataloguePageFaults.poll();
        return next == null ? Optional.empty() : next;
    }

    /** All products, or only those whose SKU is listed. */
    synchronized List<SitooProduct> products(List<String> skus) {
        if (skus.isEmpty()) {
            return List.copyOf(productsBySku.values());
        }
        return skus.stream().distinct().map(productsBySku::get).filter(p -> p != null).toList();
    }

    // ---- warehouses and stock

    /** Creates or replaces by warehouseid; without one (0) the next free id is assigned. */
    synchronized SitooWarehouse putWarehouse(SitooWarehouse warehouse) {
        SitooWarehouse stored = warehouse.warehouseid() > 0 ? warehouse
                : warehouse.withId(warehouses.keySet().stream().mapToInt(Integer::intValue).max().orElse(0) + 1);
        warehouses.put(stored.warehouseid(), stored);
        return stored;
    }

    synchronized boolean hasWarehouse(int warehouseid) {
        return warehouses.containsKey(warehouseid);
    }

    synchronized List<SitooWarehouse> warehouses() {
        return List.copyOf(warehouses.values());
    }

    synchronized Optional<SitooWarehouse> warehouse(int warehouseid) {
        return Optional.ofNullable(warehouses.get(warehouseid));
    }

    synchronized StockLevel setStock(int warehouseid, String sku, BigDecimal total) {
        if (!warehouses.containsKey(warehouseid)) {
            throw ApiError.badRequest("warehouse " + warehouseid + " not found");
        }
        if (!productsBySku.containsKey(sku)) {
            throw ApiError.badRequest("unknown sku " + sku);
        }
        StockLevel level = new StockLevel(warehouseid, sku, total, nowSeconds());
        stock.put(new StockKey(warehouseid, sku), level);
        return level;
    }

    /** Every level that exists, i.e. every SKU that was ever stocked somewhere, by warehouse then SKU. */
    synchronized List<StockLevel> stockLevels() {
        return stock.values().stream()
                .sorted(Comparator.comparing(StockLevel::warehouseid).thenComparing(StockLevel::sku))
                .toList();
    }

    /** Levels in one warehouse, all or only the listed SKUs; a SKU never stocked there is absent. */
    synchronized List<StockLevel> stockIn(int warehouseid, List<String> skus) {
        return stockLevels().stream()
                .filter(level -> level.warehouseid() == warehouseid)
                .filter(level -> skus.isEmpty() || skus.contains(level.sku()))
                .toList();
    }

    // ---- warehouse transactions

    /**
     * Judges a transaction against the current state and applies it as a whole. It is never de-duplicated:
     * Sitoo does not look at {@code externalid}, so posting the same transaction twice moves stock twice.
     */
    synchronized WarehouseTransaction applyTransaction(WarehouseTransaction.Request request) {
        SitooWarehouse warehouse = warehouses.get(request.warehouseid());
        if (warehouse == null) {
            throw ApiError.badRequest("warehouse " + request.warehouseid() + " not found");
        }
        if (warehouse.isVirtual()) {
            throw ApiError.badRequest("warehouse " + request.warehouseid()
                    + " is virtual (warehousetype 20): transactions are not allowed");
        }
        for (WarehouseTransaction.Change change : request.changes()) {
            if (!productsBySku.containsKey(change.sku())) {
                throw ApiError.badRequest("unknown sku " + change.sku());
            }
        }
        long now = nowSeconds();
        List<WarehouseTransaction.Line> lines = new ArrayList<>();
        for (WarehouseTransaction.Change change : request.changes()) {
            StockKey key = new StockKey(request.warehouseid(), change.sku());
            BigDecimal before = Optional.ofNullable(stock.get(key)).map(StockLevel::total).orElse(BigDecimal.ZERO);
            BigDecimal after = before.add(change.quantity());
            stock.put(key, new StockLevel(key.warehouseid(), key.sku(), after, now));
            lines.add(new WarehouseTransaction.Line(change.sku(), Decimals.quantity(change.quantity()),
                    Decimals.quantity(after)));
        }
        WarehouseTransaction transaction = new WarehouseTransaction(transactions.size() + 1, request.warehouseid(),
                request.transactiontype(), now, request.description(), request.externalid(), request.reasoncode(),
                List.copyOf(lines));
        transactions.add(transaction);
        transactionMillis.add(clock.millis());
        return transaction;
    }

    synchronized List<WarehouseTransaction> transactions() {
        return List.copyOf(transactions);
    }

    /** A transaction with the millisecond it was applied at: what a benchmark measures latency against. */
    record TimedTransaction(WarehouseTransaction transaction, long recordedAtMillis) {
    }

    /**
     * At most {@code limit} transactions with an id above {@code afterId}, in id order, so a reader can follow
     * a long run page by page instead of copying every transaction at once.
     */
    synchronized List<TimedTransaction> transactionsAfter(int afterId, int limit) {
        // Ids are positions + 1 and never reused, so the page is a plain slice.
        int from = Math.min(Math.max(afterId, 0), transactions.size());
        int to = (int) Math.min((long) from + Math.max(limit, 0), transactions.size());
        List<TimedTransaction> page = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            page.add(new TimedTransaction(transactions.get(i), transactionMillis.get(i)));
        }
        return page;
    }

    synchronized int transactionCount() {
        return transactions.size();
    }

    // ---- reason codes

    synchronized void addReasonCode(SitooReasonCode reasonCode) {
        reasonCodes.add(reasonCode);
    }

    synchronized List<SitooReasonCode> reasonCodes() {
        return List.copyOf(reasonCodes);
    }

    // ---- orders

    /** Stores an order; unlike transactions, an order's externalid is unique, so a repeat is refused. */
    synchronized StoredOrder addOrder(ObjectNode order, String externalid, long orderdate) {
        if (externalid != null && orderIdsByExternalId.containsKey(externalid)) {
            throw ApiError.badRequest("an order with externalid '" + externalid + "' already exists (orderid "
                    + orderIdsByExternalId.get(externalid) + ")");
        }
        int orderid = orders.size() + 1;
        ObjectNode stored = order.deepCopy();
        stored.put("orderid", orderid);
        stored.put("orderdate", orderdate);
        StoredOrder result = new StoredOrder(orderid, externalid, orderdate, stored);
        orders.add(result);
        if (externalid != null) {
            orderIdsByExternalId.put(externalid, orderid);
        }
        return result;
    }

    synchronized List<StoredOrder> orders() {
        return orders.stream()
                .filter(o -> !deletedOrders.contains(o.orderid()))
                .map(o -> new StoredOrder(o.orderid(), o.externalid(), o.orderdate(), o.json().deepCopy()))
                .toList();
    }

    /** Admin only: an order removed by hand in Sitoo (reconciliation must notice). */
    synchronized boolean deleteOrder(int orderid) {
        if (orderid < 1 || orderid > orders.size() || !deletedOrders.add(orderid)) {
            return false;
        }
        StoredOrder order = orders.get(orderid - 1);
        if (order.externalid() != null) {
            orderIdsByExternalId.remove(order.externalid());
        }
        return true;
    }

    /** Admin only: an order edited by hand in Sitoo; the given fields replace the stored ones. */
    synchronized Optional<ObjectNode> patchOrder(int orderid, ObjectNode fields) {
        if (orderid < 1 || orderid > orders.size() || deletedOrders.contains(orderid)) {
            return Optional.empty();
        }
        ObjectNode json = orders.get(orderid - 1).json();
        json.setAll(fields);
        return Optional.of(json.deepCopy());
    }
}
