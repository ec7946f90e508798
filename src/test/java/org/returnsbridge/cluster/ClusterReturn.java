package org.returnsbridge.cluster;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A return of a cluster test as Reveni holds it, which can change during the run (a line inspected late, a refund
 * added) and be rendered again. What the bridge must end up doing follows from its last state alone
 * ({@link ClusterExpectation}). Not thread-safe: one thread changes a return, and nobody reads it meanwhile.
 */
final class ClusterReturn {

    /** Where inspection leaves a line, and so what the bridge must do with it. */
    enum Fate {
        /** accepted, sellable: RESTOCKED, its units in the mapped warehouse exactly once. */
        SELLABLE("accepted", "sellable", "RESTOCKED"),
        /** accepted, damaged: NOT_RESTOCKED (refundable all the same). */
        DAMAGED("accepted", "damaged", "NOT_RESTOCKED"),
        /** rejected by Reveni: NOT_RESTOCKED, never refunded. */
        REJECTED("rejected", "unsellable", "NOT_RESTOCKED"),
        /** not inspected yet: HELD until a later change decides it. */
        PENDING("pending", null, "HELD");

        final String itemStatus;
        final String condition;
        final String ledgerState;

        Fate(String itemStatus, String condition, String ledgerState) {
            this.itemStatus = itemStatus;
            this.condition = condition;
            this.ledgerState = ledgerState;
        }
    }

    /** One line; {@code exchangeSku} non-null means the customer takes that SKU instead of money. */
    static final class Line {
        final String itemId;
        final String sku;
        final int quantity;
        final String exchangeSku;
        Fate fate;

        Line(String itemId, String sku, int quantity, Fate fate, String exchangeSku) {
            this.itemId = itemId;
            this.sku = sku;
            this.quantity = quantity;
            this.fate = fate;
            this.exchangeSku = exchangeSku;
        }

        String stockInExternalId() {
            return "rv-" + itemId;
        }

        boolean accepted() {
            return fate == Fate.SELLABLE || fate == Fate.DAMAGED;
        }
    }

    /** A succeeded refund of some accepted single-unit lines, each refunded at its unit price. */
    record Refund(String refundId, List<String> itemIds, String createdAt) {
        String orderExternalId() {
            return "rf-" + refundId;
        }
    }

    static final BigDecimal UNIT_PRICE = new BigDecimal("49.9500");
    private static final ObjectMapper JSON = new ObjectMapper();

    final String id;
    final String orderId;
    final int orderNumber;
    final String locationId;
    final int warehouseId;
    final List<Line> lines = new ArrayList<>();
    final List<Refund> refunds = new ArrayList<>();

    ClusterReturn(Random random, int orderNumber, String locationId, int warehouseId) {
        this.id = hex32(random);
        this.orderId = hex32(random);
        this.orderNumber = orderNumber;
        this.locationId = locationId;
        this.warehouseId = warehouseId;
    }

    Line addLine(Random random, String sku, int quantity, Fate fate, String exchangeSku) {
        Line line = new Line(hex32(random), sku, quantity, fate, exchangeSku);
        lines.add(line);
        return line;
    }

    /**
     * Refunds accepted single-unit lines that are not exchanged and not refunded yet: all of them, or (partial)
     * only the first; several calls make several refunds on one return. False when nothing is left to refund.
     */
    boolean refund(Random random, boolean partial) {
        List<String> refundable = new ArrayList<>();
        for (Line line : lines) {
            if (line.accepted() && line.quantity == 1 && line.exchangeSku == null && !refunded(line.itemId)) {
                refundable.add(line.itemId);
            }
        }
        if (refundable.isEmpty()) {
            return false;
        }
        refunds.add(new Refund(hex32(random), List.copyOf(partial ? refundable.subList(0, 1) : refundable),
                java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString()));
        return true;
    }

    boolean hasPendingLines() {
        return lines.stream().anyMatch(line -> line.fate == Fate.PENDING);
    }

    /** The inspection of every line still pending: sellable or damaged. */
    void inspectPending(Random random) {
        for (Line line : lines) {
            if (line.fate == Fate.PENDING) {
                line.fate = random.nextInt(4) == 0 ? Fate.DAMAGED : Fate.SELLABLE;
            }
        }
    }

    private boolean refunded(String itemId) {
        return refunds.stream().anyMatch(refund -> refund.itemIds().contains(itemId));
    }

    /** The return as Reveni's API and webhooks serve it now. */
    ObjectNode render() {
        ObjectNode ret = JSON.createObjectNode();
        boolean exchanges = lines.stream().anyMatch(line -> line.exchangeSku != null);
        ret.put("id", id).put("status", status())
                .put("type", exchanges ? (refunds.isEmpty() ? "exchange" : "mixed") : "refund")
                .put("instant", false)
                .put("amount", money(UNIT_PRICE.multiply(BigDecimal.valueOf(lines.stream().mapToInt(l -> l.quantity).sum()))))
                .put("currency", "EUR");
        ret.putObject("order").put("id", orderId).put("external_id", Integer.toString(orderNumber))
                .put("name", "#" + orderNumber);
        ret.putObject("return_location").put("id", locationId).put("name", locationId);
        ArrayNode items = ret.putArray("return_items");
        for (Line line : lines) {
            ObjectNode item = items.addObject().put("id", line.itemId).put("sku", line.sku).put("name", "Item " + line.sku)
                    .put("quantity", line.quantity).put("return_reason", "size_too_small")
                    .put("status", line.fate.itemStatus).put("unit_price", money(UNIT_PRICE))
                    .put("refund_amount", money(line.fate == Fate.REJECTED || line.exchangeSku != null ? BigDecimal.ZERO
                            : UNIT_PRICE.multiply(BigDecimal.valueOf(line.quantity))));
            if (line.exchangeSku == null) {
                item.putNull("exchange");
            } else {
                item.putObject("exchange").put("sku", line.exchangeSku).put("quantity", 1);
            }
            if (line.fate.condition == null) {
                item.putNull("condition");
            } else {
                item.put("condition", line.fate.condition);
            }
            if (line.fate == Fate.REJECTED) {
                item.put("reject_reason", "used_or_worn");
            } else {
                item.putNull("reject_reason");
            }
        }
        ArrayNode refundNodes = ret.putArray("refunds");
        for (Refund refund : refunds) {
            BigDecimal amount = UNIT_PRICE.multiply(BigDecimal.valueOf(refund.itemIds().size()));
            ObjectNode node = refundNodes.addObject().put("id", refund.refundId()).put("status", "succeeded")
                    .put("amount", money(amount)).put("currency", "EUR").put("method", "original_payment")
                    .put("created_at", refund.createdAt());
            ArrayNode refundItems = node.putArray("items");
            refund.itemIds().forEach(itemId -> refundItems.addObject().put("item_id", itemId).put("quantity", 1)
                    .put("amount", money(UNIT_PRICE)));
        }
        return ret;
    }

    private String status() {
        if (hasPendingLines()) {
            return "for_review";
        }
        long accepted = lines.stream().filter(Line::accepted).count();
        return accepted == lines.size() ? "accepted" : accepted == 0 ? "rejected" : "partly_accepted";
    }

    private static String money(BigDecimal amount) {
        return amount.setScale(4, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    private static String hex32(Random random) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
