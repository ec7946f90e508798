package org.returnsbridge.reconciliation;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
 * so that changes made in Sitoo outside the bridge show up too.
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

    public Reconciler(SitooClient sitoo, LedgerRepository ledger, SalesLedger sales, MappingRegistry mappings, Clock clock,
                      ZoneId zone, Duration stockInSla, Duration stuckAfter) {
        this.sitoo = sitoo;
        this.ledger = ledger;
        this.sales = sales;
        this.mappings = mappings;
        this.clock = clock;
        this.zone = zone;
        this.stockInSla = stockInSla;
        this.stuckAfter = stuckAfter;
    }

    public ZoneId zone() {
        return zone;
    }

    public ReconciliationReport run(LocalDate day) {
        Instant from = day.atStartOfDay(zone).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(zone).toInstant();
        List<Finding> findings = new ArrayList<>();
        refunds(from, to, findings);
        ordersInSitoo(from, to, findings);
        stockIns(from, to, findings);
        stuckReturns(to, findings);
        return new ReconciliationReport(day, zone.getId(), clock.instant(), List.copyOf(findings));
    }

    /** Every refund (and exchange) Reveni settled that day has its one order in Sitoo, for the same money. */
    private void refunds(Instant from, Instant to, List<Finding> findings) {
        for (SalesRecord record : sales.findFirstSeenBetween(from, to)) {
            boolean due = "REFUND".equals(record.kind()) ? "succeeded".equals(record.reveniStatus())
                    : "accepted".equals(record.reveniStatus());
            if (!due) {
                continue;
            }
            Optional<JsonNode> order = sitoo.findOrder(record.externalId());
            String reveniValue = money(record.amount()) + " " + record.currency();
            if (order.isEmpty()) {
                findings.add(finding(Finding.REFUND_MISSING_IN_SITOO, record, reveniValue, "no order " + record.externalId(),
                        record.state() == SalesRecordState.RECORDED
                                ? "The bridge recorded order " + record.sitooOrderId() + " but Sitoo no longer has it: it was"
                                + " removed in Sitoo; re-create it there or ask finance how to settle it"
                                : "Not recorded (" + record.state() + "): see the exception queue for its reason, fix, replay"));
                continue;
            }
            JsonNode o = order.get();
            BigDecimal paid = BigDecimal.ZERO;
            for (JsonNode payment : o.path("payments")) {
                paid = paid.add(new BigDecimal(payment.path("moneyamount").asText("0")));
            }
            BigDecimal expected = record.amount() == null ? null : Cents.round(record.amount()).negate();
            if (expected != null && paid.compareTo(expected) != 0) {
                findings.add(finding(Finding.REFUND_AMOUNT_MISMATCH, record, "-" + money(record.amount()),
                        paid.toPlainString(), "Order " + o.path("orderid").asText() + " in Sitoo does not carry the refunded"
                                + " amount: correct the order in Sitoo"));
            }
            if (record.currency() != null && !record.currency().equals(o.path("currencycode").asText())) {
                findings.add(finding(Finding.REFUND_CURRENCY_MISMATCH, record, record.currency(),
                        o.path("currencycode").asText(), "Order " + o.path("orderid").asText() + " is in another currency"));
            }
        }
    }

    /** Orders of the day that look like the bridge's but are not in its ledger, and refunds recorded twice. */
    private void ordersInSitoo(Instant from, Instant to, List<Finding> findings) {
        Map<String, List<String>> ordersByRefund = new LinkedHashMap<>();
        sitoo.forEachOrder(from.getEpochSecond(), to.getEpochSecond() - 1, order -> {
            String externalId = order.path("externalid").asText("");
            String refundId = order.path("additionaldata").path("reveni-refund-id").asText("");
            if (!refundId.isEmpty()) {
                ordersByRefund.computeIfAbsent(refundId, k -> new ArrayList<>()).add(order.path("orderid").asText());
            }
            if (externalId.matches("(rf|ex)-.+") && !sales.knowsExternalId(externalId)) {
                findings.add(new Finding(Finding.ORDER_ORPHANED_IN_SITOO, order.path("additionaldata")
                        .path("reveni-return-id").asText(null), refundId.isEmpty() ? null : refundId, null, null,
                        order.path("warehouseid").isInt() ? order.path("warehouseid").asInt() : null, "no such refund",
                        "order " + order.path("orderid").asText() + " " + externalId, "Created outside the bridge with a"
                        + " Reveni-like externalid: check who made it, and cancel it if it double-counts a refund"));
            }
        });
        ordersByRefund.forEach((refundId, orderIds) -> {
            if (orderIds.size() > 1) {
                findings.add(new Finding(Finding.REFUND_DUPLICATED_IN_SITOO, null, refundId, null, null, null, "1 order",
                        orderIds.size() + " orders: " + String.join(", ", orderIds),
                        "Cancel all but one of these orders in Sitoo"));
            }
        });
    }

    /** Every sellable, accepted line has exactly one stock-in, of its quantity, in the mapped warehouse. */
    private void stockIns(Instant from, Instant to, List<Finding> findings) {
        Map<String, List<JsonNode>> byExternalId = new HashMap<>();
        Map<String, Integer> warehouseOf = new HashMap<>();
        for (SitooWarehouse warehouse : sitoo.warehouses()) {
            if (warehouse.isVirtual()) {
                continue;
            }
            sitoo.forEachStockIn(warehouse.warehouseId(), from.minus(READ_MARGIN).getEpochSecond(),
                    to.plus(READ_MARGIN).getEpochSecond(), tx -> {
                        String externalId = tx.path("externalid").asText("");
                        if (StockInIds.OURS.matcher(externalId).matches()) {
                            byExternalId.computeIfAbsent(externalId, k -> new ArrayList<>()).add(tx);
                            warehouseOf.put(tx.path("warehousetransactionid").asText(), warehouse.warehouseId());
                        }
                    });
        }
        // A stock-in carries one line (immediate mode) or a whole batch (interval mode): compare per SKU.
        Map<String, List<LedgerLine>> linesByExternalId = new LinkedHashMap<>();
        for (LedgerLine line : ledger.findRestockedBetween(from, to)) {
            linesByExternalId.computeIfAbsent(line.externalId(), k -> new ArrayList<>()).add(line);
        }
        linesByExternalId.forEach((externalId, lines) -> {
            List<JsonNode> txs = byExternalId.getOrDefault(externalId, List.of());
            for (LedgerLine line : lines) {
                if (txs.isEmpty()) {
                    findings.add(lineFinding(Finding.STOCK_IN_MISSING, line, line.quantity() + " restocked (transaction "
                            + line.sitooTransactionId() + ")", "no stock-in " + externalId,
                            "The stock-in is gone from Sitoo: check the warehouse's transactions and correct the stock"));
                    continue;
                }
                if (txs.size() > 1) {
                    findings.add(lineFinding(Finding.STOCK_IN_DUPLICATED, line, "1 stock-in", txs.size() + " stock-ins: "
                            + ids(txs), "Reverse the extra stock-in(s) in Sitoo: the unit was counted more than once"));
                }
                Integer mapped = mappings.current().location(line.locationId()).map(MappedLocation::warehouseId).orElse(null);
                Integer actual = warehouseOf.get(txs.get(0).path("warehousetransactionid").asText());
                if (mapped != null && !mapped.equals(actual)) {
                    findings.add(lineFinding(Finding.STOCK_IN_WRONG_WAREHOUSE, line, "warehouse " + mapped + " (location "
                            + line.locationId() + ")", "warehouse " + actual, "Move the unit from warehouse " + actual
                            + " to " + mapped + " in Sitoo (stock-out there, stock-in here)"));
                }
            }
            if (!txs.isEmpty()) {
                quantitiesPerSku(lines, txs.get(0), findings);
            }
        });
        for (LedgerLine line : ledger.findRestockOverdue(clock.instant().minus(stockInSla))) {
            findings.add(lineFinding(Finding.STOCK_IN_MISSING, line, "sellable, accepted: " + line.quantity()
                    + " to restock", "not restocked after " + stockInSla, "Line is " + line.state() + " ("
                    + line.stateReason() + "): see the exception queue, fix, replay"));
        }
    }

    /** The units of each SKU the ledger restocked under one stock-in, against the units it holds in Sitoo. */
    private static void quantitiesPerSku(List<LedgerLine> lines, JsonNode tx, List<Finding> findings) {
        Map<String, BigDecimal> inSitoo = new HashMap<>();
        tx.path("items").forEach(item -> inSitoo.merge(item.path("sku").asText(),
                new BigDecimal(item.path("decimalquantity").asText("0")), BigDecimal::add));
        Map<String, List<LedgerLine>> bySku = new LinkedHashMap<>();
        lines.stream().filter(l -> l.quantity() != null)
                .forEach(l -> bySku.computeIfAbsent(l.sitooSku(), k -> new ArrayList<>()).add(l));
        bySku.forEach((sku, skuLines) -> {
            BigDecimal expected = BigDecimal.valueOf(skuLines.stream().mapToInt(LedgerLine::quantity).sum());
            BigDecimal actual = inSitoo.getOrDefault(sku, BigDecimal.ZERO);
            if (expected.compareTo(actual) != 0) {
                skuLines.forEach(line -> findings.add(lineFinding(Finding.STOCK_IN_QUANTITY_MISMATCH, line,
                        expected.toPlainString() + (skuLines.size() > 1 ? " (" + skuLines.size() + " lines)" : ""),
                        actual.toPlainString(), "Correct the stock-in quantity in Sitoo")));
            }
        });
    }

    /** Returns stuck in a transition state longer than the SLA. */
    private void stuckReturns(Instant until, List<Finding> findings) {
        Instant now = clock.instant();
        Map<String, List<LedgerLine>> byReturn = new LinkedHashMap<>();
        ledger.findByFirstSeen(until.minus(Duration.ofDays(90)), until, 10_000)
                .forEach(l -> byReturn.computeIfAbsent(l.returnId(), k -> new ArrayList<>()).add(l));
        Map<String, List<SalesRecord>> salesByReturn = new HashMap<>();
        sales.findByReturns(byReturn.keySet()).forEach(s -> salesByReturn.computeIfAbsent(s.returnId(),
                k -> new ArrayList<>()).add(s));
        byReturn.forEach((returnId, lines) -> {
            ReturnOverview overview = ReturnOverview.of(returnId, lines, salesByReturn.getOrDefault(returnId, List.of()), now);
            if (overview.state() != TransitionState.CLOSED && overview.ageInStateSeconds() > stuckAfter.toSeconds()) {
                findings.add(new Finding(Finding.RETURN_STUCK, returnId, null, null, null, null, overview.state().name(),
                        "for " + Duration.ofSeconds(overview.ageInStateSeconds()), "Longer than " + stuckAfter
                        + " in " + overview.state() + ": look up GET /api/returns/" + returnId));
            }
        });
    }

    private static Finding finding(String kind, SalesRecord record, String reveniValue, String sitooValue, String action) {
        return new Finding(kind, record.returnId(), record.refundId(), record.itemId(), null, null, reveniValue, sitooValue,
                action);
    }

    private static Finding lineFinding(String kind, LedgerLine line, String reveniValue, String sitooValue, String action) {
        return new Finding(kind, line.returnId(), null, line.itemId(), line.sitooSku() != null ? line.sitooSku() : line.sku(),
                line.warehouseId(), reveniValue, sitooValue, action);
    }

    private static String ids(List<JsonNode> txs) {
        return String.join(", ", txs.stream().map(t -> t.path("warehousetransactionid").asText()).toList());
    }

    private static String money(BigDecimal amount) {
        return amount == null ? "?" : Cents.round(amount).toPlainString();
    }
}
