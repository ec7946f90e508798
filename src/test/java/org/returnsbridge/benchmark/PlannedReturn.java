package org.returnsbridge.benchmark;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One generated return and what its inspection will say about each line. It can be rendered at any point of
 * Reveni's lifecycle (the steady-state run sends every step as a webhook); the backlog uses only its end state.
 */
record PlannedReturn(String id, String orderId, int orderNumber, BenchmarkCatalogue.Location location,
        List<PlannedLine> lines) {

    /** What inspection decides for a line, and so what the bridge must do with it. */
    enum Fate {
        /** accepted, condition sellable: RESTOCK. */
        SELLABLE("accepted", "sellable"),
        /** accepted, condition damaged: NO_RESTOCK. */
        DAMAGED("accepted", "damaged"),
        /** accepted, condition unsellable: NO_RESTOCK. */
        UNSELLABLE("accepted", "unsellable"),
        /** rejected by Reveni (worn): NO_RESTOCK whatever the condition. */
        REJECTED("rejected", "unsellable"),
        /** not inspected yet: no condition, HOLD; the bridge must leave it waiting. */
        NOT_INSPECTED("pending", null);

        final String itemStatus;
        final String condition;

        Fate(String itemStatus, String condition) {
            this.itemStatus = itemStatus;
            this.condition = condition;
        }
    }

    record PlannedLine(String itemId, BenchmarkCatalogue.Article article, int quantity, String returnReason, Fate fate) {

        String externalId() {
            return "rv-" + itemId; // the bridge's stock-in externalid for a Reveni item id (32 hex)
        }
    }

    /** Statuses in which the goods are back, so an inspected, accepted, sellable line is restocked. */
    static final Set<String> BACK = Set.of("received", "for_review", "accepted", "partly_accepted");

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The return as Reveni would serve it once the first {@code inspected} lines have their inspection
     * outcome (a NOT_INSPECTED line never has one). With {@code status} null the status follows from the
     * items, as Reveni's does; otherwise it is forced (the in-transit steps, where nothing is inspected).
     */
    ObjectNode render(String status, int inspected) {
        ObjectNode ret = JSON.createObjectNode();
        ret.put("id", id).put("type", "refund").put("instant", false);
        BigDecimal amount = BigDecimal.ZERO;
        for (PlannedLine line : lines) {
            amount = amount.add(line.article().unitPrice().multiply(BigDecimal.valueOf(line.quantity())));
        }
        ret.put("amount", money(amount)).put("currency", "EUR");
        ret.putObject("order").put("id", orderId).put("external_id", Integer.toString(orderNumber))
                .put("name", "#" + orderNumber);
        ret.putObject("return_location").put("id", location.id()).put("name", location.name());
        ArrayNode items = ret.putArray("return_items");
        int accepted = 0;
        boolean pending = false;
        for (int i = 0; i < lines.size(); i++) {
            PlannedLine line = lines.get(i);
            Fate fate = i < inspected ? line.fate() : Fate.NOT_INSPECTED;
            BigDecimal value = line.article().unitPrice().multiply(BigDecimal.valueOf(line.quantity()));
            ObjectNode item = items.addObject().put("id", line.itemId()).put("sku", line.article().sku())
                    .put("name", line.article().title()).put("quantity", line.quantity())
                    .put("return_reason", line.returnReason()).putNull("exchange")
                    .put("status", fate.itemStatus)
                    .put("unit_price", money(line.article().unitPrice()))
                    .put("refund_amount", money(fate == Fate.REJECTED ? BigDecimal.ZERO : value));
            if (fate.condition == null) {
                item.putNull("condition");
            } else {
                item.put("condition", fate.condition);
            }
            if (fate == Fate.REJECTED) {
                item.put("reject_reason", "used_or_worn");
            } else {
                item.putNull("reject_reason");
            }
            accepted += "accepted".equals(fate.itemStatus) ? 1 : 0;
            pending |= fate == Fate.NOT_INSPECTED;
        }
        ret.put("status", status != null ? status
                : pending ? "for_review"
                : accepted == lines.size() ? "accepted"
                : accepted == 0 ? "rejected" : "partly_accepted");
        // No refunds: refunds become Sitoo orders, a different feature with its own calls; the benchmark
        // measures restocking only, so its Sitoo call counts are about stock.
        ret.putArray("refunds");
        return ret;
    }

    /** The end state: every line that will ever be inspected is. */
    ObjectNode renderInspected() {
        return render(null, lines.size());
    }

    /** True when the line at {@code index} is restocked once the first {@code inspected} lines are inspected. */
    boolean restockable(int index, int inspected, String status) {
        return index < inspected && lines.get(index).fate() == Fate.SELLABLE && BACK.contains(status);
    }

    private static String money(BigDecimal amount) {
        return amount.setScale(4, java.math.RoundingMode.HALF_UP).toPlainString();
    }
}
