package org.returnsbridge.reconciliation;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.returnsbridge.flow.StockInIds;
import org.returnsbridge.ledger.LedgerLine;
import org.returnsbridge.ledger.LedgerRepository;
import org.returnsbridge.ledger.TransitionState;
import org.returnsbridge.mapping.MappedLocation;
import org.returnsbridge.mapping.MappingRegistry;
import org.returnsbridge.returns.ReturnOverview;
import org.returnsbridge.sales.Cents;
import org.returnsbridge.sales.SalesLedger;
import org.returnsbridge.sales.SalesRecord;
import org.returnsbridge.sales.SalesRecordState;
import org.returnsbridge.sitoo.SitooClient;
import org.returnsbridge.sitoo.SitooWarehouse;

/**
 * Compares one business day of Reveni (as mirrored in the bridge's ledgers) with what Sitoo really
 * holds, read back from Sitoo itself (orders by externalid and by date, stock-ins by warehouse and date),
 * so that changes made in Sitoo outside the bridge show up too. A day of any size is compared in bounded memory:
 * ledgers are read {@code pageSize} rows at a time, Sitoo's pages are parked in the database (ReconciliationScratch),
 * findings go straight to a FindingSink.
 */
public class Reconciler {

    /** Stock-ins near midnight may be dated the neighbouring day in Sitoo; read a little wider. */
    private static final Duration READ_MARGIN = Duration.ofHours(1);

    private final SitooClient sitoo;
    private final LedgerRepository ledger;
    private final SalesLedger sales;
    private final MappingRegistry mappings;
    private final Clock clock;
    private final ZoneId zone;
    private final Duration stockInSla;
    private final Duration stuckAfter;
    private final int pageSize;

    public Reconciler(SitooClient sitoo, LedgerRepository ledger, SalesLedger sales, MappingRegistry mappings, Clock clock,
                      ZoneId zone, Duration stockInSla, Duration stuckAfter, int pageSize) {
        this.sitoo = sitoo;
        this.ledger = ledger;
        this.sales = sales;
        this.mappings = mappings;
        this.clock = clock;
        this.zone = zone;
        this.stockInSla = stockInSla;
        this.stuckAfter = stuckAfter;
        this.pageSize = pageSize;
    }

    public ZoneId zone() {
        return zone;
    }

    /**
     * Reconciles {@code day}, handing every finding to {@code sink} as it is found. Memory does not grow with the
     * day: the ledgers are read a page at a time, and what Sitoo holds is parked in {@code scratch} as its pages
     * arrive, then joined with the ledger a page of lines at a time.
     */
    void run(LocalDate day, FindingSink sink, ReconciliationScratch scratch) {
        Instant from = day.atStartOfDay(zone).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(zone).toInstant();
        refunds(from, to, sink);
        ordersInSitoo(from, to, sink, scratch);
        stockIns(from, to, sink, scratch);
        stuckReturns(to, sink);
    }

    /** Every refund (and exchange) Reveni settled that day has its one order in Sitoo, for the same money. */
    private void refunds(Instant from, Instant to, FindingSink sink) {
        String after = null;
        for (List<SalesRecord> page; !(page = sales.findFirstSeenBetween(from, to, after, pageSize)).isEmpty(); ) {
            page.forEach(record -> refund(record, sink));
            after = page.get(page.size() - 1).recordKey();
        }
    }

    private void refund(SalesRecord record, FindingSink sink) {
        boolean due = "REFUND".equals(record.kind()) ? "succeeded".equals(record.reveniStatus())
                : "accepted".equals(record.reveniStatus());
        if (!due) {
            return;
        }
        Optional<JsonNode> order = sitoo.findOrder(record.externalId());
        String reveniValue = money(record.amount()) + " " + record.currency();
        if (order.isEmpty()) {
            sink.add(finding(Finding.REFUND_MISSING_IN_SITOO, record, reveniValue, "no order " + record.externalId(),
                    record.state() == SalesRecordState.RECORDED
                            ? "The bridge recorded order " + record.sitooOrderId() + " but Sitoo no longer has it: it was"
                            + " removed in Sitoo; re-create it there or ask finance how to settle it"
                            : "Not recorded (" + record.state() + "): see the exception queue for its reason, fix, replay"));
            return;
        }
        JsonNode o = order.get();
        BigDecimal paid = BigDecimal.ZERO;
        for (JsonNode payment : o.path("payments")) {
            paid = paid.add(new BigDecimal(payment.path("moneyamount").asText("0")));
        }
        BigDecimal expected = record.amount() == null ? null : Cents.round(record.amount()).negate();
        if (expected != null && paid.compareTo(expected) != 0) {
            sink.add(finding(Finding.REFUND_AMOUNT_MISMATCH, record, "-" + money(record.amount()),
                    paid.toPlainString(), "Order " + o.path("orderid").asText() + " in Sitoo does not carry the refunded"
                            + " amount: correct the order in Sitoo"));
        }
        if (record.currency() != null && !record.currency().equals(o.path("currencycode").asText())) {
            sink.add(finding(Finding.REFUND_CURRENCY_MISMATCH, record, record.currency(),
                    o.path("currencycode").asText(), "Order " + o.path("orderid").asText() + " is in another currency"));
        }
    }

    /** Orders of the day that look like the bridge's but are not in its ledger, and refunds recorded twice. */
    private void ordersInSitoo(Instant from, Instant to, FindingSink sink, ReconciliationScratch scratch) {
        sitoo.forEachOrder(from.getEpochSecond(), to.getEpochSecond() - 1, order -> {
            String externalId = order.path("externalid").asText("");
            String refundId = order.path("additionaldata").path("reveni-refund-id").asText("");
            if (!refundId.isEmpty()) {
                scratch.addOrder(refundId, order.path("orderid").asText());
            }
            if (externalId.matches("(rf|ex)-.+") && !sales.knowsExternalId(externalId)) {
                sink.add(new Finding(Finding.ORDER_ORPHANED_IN_SITOO, order.path("additionaldata")
                        .path("reveni-return-id").asText(null), refundId.isEmpty() ? null : refundId, null, null,
                        order.path("warehouseid").isInt() ? order.path("warehouseid").asInt() : null, "no such refund",
                        "order " + order.path("orderid").asText() + " " + externalId, "Created outside the bridge with a"
                        + " Reveni-like externalid: check who made it, and cancel it if it double-counts a refund"));
            }
        });
        scratch.flush();
        scratch.forEachDuplicatedRefund((refundId, orderIds) -> sink.add(new Finding(Finding.REFUND_DUPLICATED_IN_SITOO,
                null, refundId, null, null, null, "1 order", orderIds.size() + " orders: " + String.join(", ", orderIds),
                "Cancel all but one of these orders in Sitoo")));
    }

    /**
     * Every sellable, accepted line has exactly one stock-in, of its quantity, in the mapped warehouse. Sitoo's
     * stock-ins of the day go to the scratch tables first; then the day's restocked lines are read a page at a
     * time, and each page's stock-ins (external ids) are compared whole: every line of a stock-in, Sitoo's side
     * read back by external id. A stock-in is compared on the page holding its first line, so exactly once.
     */
    private void stockIns(Instant from, Instant to, FindingSink sink, ReconciliationScratch scratch) {
        for (SitooWarehouse warehouse : sitoo.warehouses()) {
            if (warehouse.isVirtual()) {
                continue;
            }
            sitoo.forEachStockIn(warehouse.warehouseId(), from.minus(READ_MARGIN).getEpochSecond(),
                    to.plus(READ_MARGIN).getEpochSecond(), tx -> {
                        String externalId = tx.path("externalid").asText("");
                        if (StockInIds.OURS.matcher(externalId).matches()) {
                            scratch.addStockIn(warehouse.warehouseId(), externalId, tx);
                        }
                    });
        }
        scratch.flush();
        LedgerLine after = null;
        for (List<LedgerLine> page; !(page = ledger.findRestockedBetween(from, to, after, pageSize)).isEmpty(); ) {
            Set<String> externalIds = new LinkedHashSet<>();
            page.forEach(line -> externalIds.add(line.externalId()));
            Set<String> firstLines = new HashSet<>();
            page.forEach(line -> firstLines.add(line.itemId()));
            Map<String, List<LedgerLine>> linesByExternalId = new LinkedHashMap<>();
            ledger.findRestockedBetween(from, to, externalIds).forEach(line -> linesByExternalId
                    .computeIfAbsent(line.externalId(), k -> new ArrayList<>()).add(line));
            Map<String, List<ReconciliationScratch.StockIn>> inSitoo = scratch.stockInsOf(externalIds);
            linesByExternalId.forEach((externalId, lines) -> {
                if (firstLines.contains(lines.get(0).itemId())) {
                    stockIn(externalId, lines, inSitoo.getOrDefault(externalId, List.of()), sink);
                }
            });
            after = page.get(page.size() - 1);
        }
        String afterItemId = null;
        Instant overdue = clock.instant().minus(stockInSla);
        for (List<LedgerLine> page; !(page = ledger.findRestockOverdue(overdue, afterItemId, pageSize)).isEmpty(); ) {
            page.forEach(line -> sink.add(lineFinding(Finding.STOCK_IN_MISSING, line, "sellable, accepted: "
                    + line.quantity() + " to restock", "not restocked after " + stockInSla, "Line is " + line.state()
                    + " (" + line.stateReason() + "): see the exception queue, fix, replay")));
            afterItemId = page.get(page.size() - 1).itemId();
        }
    }

    /** The lines of one stock-in (one line in immediate mode, a batch in interval mode) against Sitoo's. */
    private void stockIn(String externalId, List<LedgerLine> lines, List<ReconciliationScratch.StockIn> txs,
                         FindingSink sink) {
        for (LedgerLine line : lines) {
            if (txs.isEmpty()) {
                sink.add(lineFinding(Finding.STOCK_IN_MISSING, line, line.quantity() + " restocked (transaction "
                        + line.sitooTransactionId() + ")", "no stock-in " + externalId,
                        "The stock-in is gone from Sitoo: check the warehouse's transactions and correct the stock"));
                continue;
            }
            if (txs.size() > 1) {
                sink.add(lineFinding(Finding.STOCK_IN_DUPLICATED, line, "1 stock-in", txs.size() + " stock-ins: "
                        + ids(txs), "Reverse the extra stock-in(s) in Sitoo: the unit was counted more than once"));
            }
            Integer mapped = mappings.current().location(line.locationId()).map(MappedLocation::warehouseId).orElse(null);
            Integer actual = txs.get(0).warehouseId();
            if (mapped != null && !mapped.equals(actual)) {
                sink.add(lineFinding(Finding.STOCK_IN_WRONG_WAREHOUSE, line, "warehouse " + mapped + " (location "
                        + line.locationId() + ")", "warehouse " + actual, "Move the unit from warehouse " + actual
                        + " to " + mapped + " in Sitoo (stock-out there, stock-in here)"));
            }
        }
        if (!txs.isEmpty()) {
            quantitiesPerSku(lines, txs.get(0), sink);
        }
    }

    /** The units of each SKU the ledger restocked under one stock-in, against the units it holds in Sitoo. */
    private static void quantitiesPerSku(List<LedgerLine> lines, ReconciliationScratch.StockIn tx, FindingSink sink) {
        Map<String, List<LedgerLine>> bySku = new LinkedHashMap<>();
        lines.stream().filter(l -> l.quantity() != null)
                .forEach(l -> bySku.computeIfAbsent(l.sitooSku(), k -> new ArrayList<>()).add(l));
        bySku.forEach((sku, skuLines) -> {
            BigDecimal expected = BigDecimal.valueOf(skuLines.stream().mapToInt(LedgerLine::quantity).sum());
            BigDecimal actual = tx.unitsBySku().getOrDefault(sku, BigDecimal.ZERO);
            if (expected.compareTo(actual) != 0) {
                skuLines.forEach(line -> sink.add(lineFinding(Finding.STOCK_IN_QUANTITY_MISMATCH, line,
                        expected.toPlainString() + (skuLines.size() > 1 ? " (" + skuLines.size() + " lines)" : ""),
                        actual.toPlainString(), "Correct the stock-in quantity in Sitoo")));
            }
        });
    }

    /** Returns stuck in a transition state longer than the SLA. */
    private void stuckReturns(Instant until, FindingSink findings) {
        Instant now = clock.instant();
        List<LedgerLine> lines = ledger.findByFirstSeen(until.minus(Duration.ofDays(90)), until, 10_000);
        for (ReturnOverview overview : ReturnOverview.ofEach(lines, sales.findByReturns(ReturnOverview.returnIds(lines)), now)) {
            String returnId = overview.returnId();
            if (overview.state() != TransitionState.CLOSED && overview.ageInStateSeconds() > stuckAfter.toSeconds()) {
                findings.add(new Finding(Finding.RETURN_STUCK, returnId, null, null, null, null, overview.state().name(),
                        "for " + Duration.ofSeconds(overview.ageInStateSeconds()), "Longer than " + stuckAfter
                        + " in " + overview.state() + ": look up GET /api/returns/" + returnId));
            }
        }
    }

    private static Finding finding(String kind, SalesRecord record, String reveniValue, String sitooValue, String action) {
        return new Finding(kind, record.returnId(), record.refundId(), record.itemId(), null, null, reveniValue, sitooValue,
                action);
    }

    private static Finding lineFinding(String kind, LedgerLine line, String reveniValue, String sitooValue, String action) {
        return new Finding(kind, line.returnId(), null, line.itemId(), line.sitooSku() != null ? line.sitooSku() : line.sku(),
                line.warehouseId(), reveniValue, sitooValue, action);
    }

    private static String ids(List<ReconciliationScratch.StockIn> txs) {
        return String.join(", ", txs.stream().map(t -> Long.toString(t.transactionId())).toList());
    }

    private static String money(BigDecimal amount) {
        return amount == null ? "?" : Cents.round(amount).toPlainString();
    }
}
