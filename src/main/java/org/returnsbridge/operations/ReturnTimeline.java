package org.returnsbridge.operations;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.returnsbridge.exceptions.ExceptionRecord;
import org.returnsbridge.exceptions.ExceptionStatus;
import org.returnsbridge.ledger.LedgerLine;
import org.returnsbridge.ledger.LineState;
import org.returnsbridge.returns.ReturnOverview;
import org.returnsbridge.sales.SalesRecord;

/**
 * One return's story, rebuilt from what the bridge recorded: its lines and their outcomes, the Sitoo stock-ins
 * that carry them (by externalid, one per line or one per interval batch), the Sitoo return orders for its
 * refunds and exchanges, and every transition with a recorded time, oldest first. Nothing here is invented:
 * a step without a recorded time (an ignore from before V13, say) is not placed on the time line.
 */
public record ReturnTimeline(String returnId, String state, String stateWords, long ageSeconds, String age,
                             List<Line> lines, List<StockIn> stockIns, List<Order> orders,
                             List<Transition> transitions) {

    public record Line(String itemId, String sku, String sitooSku, Integer quantity, String outcome, String state,
                       String reason, Integer warehouseId, String locationId, String condition) {}

    /** A Sitoo stock-in as the ledger knows it: its externalid and, once confirmed, Sitoo's transaction id. */
    public record StockIn(String externalId, Long sitooTransactionId, Integer warehouseId, List<String> itemIds,
                          int units, String status) {}

    public record Order(String recordKey, String kind, String refundId, String externalId, Long sitooOrderId,
                        BigDecimal amount, String currency, String state, String reason) {}

    /** Something that happened, when, and why if a reason was recorded. */
    public record Transition(Instant at, String what, String reason) {}

    static ReturnTimeline of(String returnId, List<LedgerLine> lines, List<SalesRecord> sales,
                             List<ExceptionRecord> exceptions, Instant now) {
        ReturnOverview overview = ReturnOverview.of(returnId, lines, sales, now);
        List<Line> lineViews = overview.lines().stream().map(l -> {
            LedgerLine stored = lines.stream().filter(x -> x.itemId().equals(l.itemId())).findFirst().orElseThrow();
            return new Line(l.itemId(), l.sku(), stored.sitooSku(), l.quantity(), StateNames.key(l.ledgerState()),
                    StateNames.key(l.state()), l.stateReason(), l.warehouseId(), stored.locationId(), stored.condition());
        }).toList();
        List<Transition> transitions = new ArrayList<>();
        lines.forEach(line -> addLine(line, transitions));
        sales.forEach(record -> addSales(record, transitions));
        exceptions.forEach(record -> addException(record, transitions));
        // Oldest first; what happened at the same instant keeps the order it was recorded in (seen before acted on).
        transitions.sort(Comparator.comparing(Transition::at));
        return new ReturnTimeline(returnId, StateNames.key(overview.state()), StateNames.words(overview.state()),
                overview.ageSeconds(), HumanDuration.of(overview.ageSeconds()), lineViews, stockIns(lines),
                orders(sales), transitions);
    }

    private static List<StockIn> stockIns(List<LedgerLine> lines) {
        Map<String, List<LedgerLine>> byExternalId = new LinkedHashMap<>();
        lines.stream().filter(l -> l.externalId() != null)
                .forEach(l -> byExternalId.computeIfAbsent(l.externalId(), k -> new ArrayList<>()).add(l));
        List<StockIn> stockIns = new ArrayList<>();
        byExternalId.forEach((externalId, carried) -> {
            Long transactionId = carried.stream().map(LedgerLine::sitooTransactionId).filter(Objects::nonNull)
                    .findFirst().orElse(null);
            String status = transactionId != null ? "confirmed by Sitoo"
                    : carried.stream().allMatch(LedgerLine::isQueued) ? "queued for the interval batch"
                    : carried.stream().anyMatch(LedgerLine::hasUnconfirmedIntent) ? "sent or about to be; outcome being confirmed"
                    : "not posted";
            stockIns.add(new StockIn(externalId, transactionId, carried.get(0).warehouseId(),
                    carried.stream().map(LedgerLine::itemId).toList(),
                    carried.stream().map(LedgerLine::quantity).filter(Objects::nonNull).mapToInt(Integer::intValue).sum(),
                    status));
        });
        return stockIns;
    }

    private static List<Order> orders(List<SalesRecord> sales) {
        return sales.stream().map(s -> new Order(s.recordKey(), s.kind(), s.refundId(), s.externalId(), s.sitooOrderId(),
                s.amount(), s.currency(), StateNames.key(s.state()), s.stateReason())).toList();
    }

    private static void addLine(LedgerLine line, List<Transition> out) {
        String item = "item " + line.itemId() + " (" + line.sku() + ", " + line.quantity() + ")";
        at(out, line.createdAt(), item + " seen: Reveni status " + line.itemStatus(), null);
        at(out, line.queuedAt(), item + " queued for warehouse " + line.warehouseId() + "'s interval stock-in", null);
        at(out, line.restockIntentAt(), item + " restock intent recorded, externalid " + line.externalId(), null);
        at(out, line.lastPostAt(), item + " stock-in posted to Sitoo warehouse " + line.warehouseId(), null);
        if (line.state() == LineState.RESTOCKED) {
            at(out, line.restockedAt(), item + " restocked: +" + line.quantity() + " in warehouse " + line.warehouseId()
                    + ", Sitoo transaction " + line.sitooTransactionId(), null);
        } else if (line.state() != LineState.RESTOCKING && line.state() != LineState.RECEIVED) {
            at(out, line.stateChangedAt(), item + " " + StateNames.words(line.state()), line.stateReason());
        }
    }

    private static void addSales(SalesRecord record, List<Transition> out) {
        String what = record.kind() + (record.refundId() == null ? "" : " " + record.refundId());
        String money = record.amount() == null ? "" : " (" + record.amount().toPlainString() + " " + record.currency() + ")";
        at(out, record.createdAt(), what + " seen" + money + ": Reveni status " + record.reveniStatus(), null);
        switch (record.state()) {
            case RECORDED -> at(out, record.recordedAt(), what + " recorded as Sitoo return order " + record.sitooOrderId()
                    + ", externalid " + record.externalId(), null);
            case NOT_RECORDED, EXCEPTION -> at(out, record.updatedAt(), what + " " + StateNames.words(record.state()),
                    record.stateReason());
            case PENDING -> {
                // Waiting for Reveni to settle it: nothing happened yet beyond being seen.
            }
        }
    }

    private static void addException(ExceptionRecord record, List<Transition> out) {
        String what = "exception #" + record.id() + " [" + StateNames.key(record.category()) + "] for " + record.lineKey();
        at(out, record.firstSeen(), what + " filed", record.reason());
        if (record.attempts() > 1 && record.lastSeen() != null && !record.lastSeen().equals(record.firstSeen())) {
            at(out, record.lastSeen(), what + " failed again (" + record.attempts() + " attempts)", record.reason());
        }
        if (record.status() == ExceptionStatus.RESOLVED) {
            at(out, record.resolvedAt(), what + " resolved", null);
        }
        at(out, record.ignoredAt(), what + " ignored by a person: no action needed, never retried automatically", null);
    }

    private static void at(List<Transition> out, Instant at, String what, String reason) {
        if (at != null) {
            out.add(new Transition(at, what, reason));
        }
    }
}
