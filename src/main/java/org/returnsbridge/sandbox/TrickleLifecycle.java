package org.returnsbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Moves a trickle return one step along Reveni's lifecycle: in_progress → shipped → received →
 * (for_review while some items wait for inspection) → accepted | partly_accepted | rejected, or now and then
 * cancelled. Items are inspected on different ticks, so the bridge sees returns with some conditions still
 * null. The refund comes on acceptance, or at shipping for instant returns.
 */
final class TrickleLifecycle {

    static final Set<String> FINAL_STATUSES = Set.of("accepted", "partly_accepted", "rejected", "cancelled");

    private static final List<String> REJECT_REASONS = List.of("item_missing", "used_or_worn", "wrong_item");

    private final Random random;

    TrickleLifecycle(Random random) {
        this.random = random;
    }

    static boolean isFinal(JsonNode ret) {
        return FINAL_STATUSES.contains(ret.path("status").asText());
    }

    /** Changes {@code ret} in place; {@code now} is the timestamp for anything created on the way (refunds). */
    void advance(ObjectNode ret, String now) {
        switch (ret.path("status").asText()) {
            case "in_progress" -> ship(ret, now);
            case "shipped" -> ret.put("status", "received");
            case "received", "for_review" -> inspectSome(ret, now);
            default -> {
                // final or unknown: nothing left to do
            }
        }
    }

    private void ship(ObjectNode ret, String now) {
        if (random.nextDouble() < 0.04) {
            ret.put("status", "cancelled");
            return;
        }
        ret.put("status", "shipped");
        if (ret.path("instant").asBoolean()) {
            addRefund(ret, refundableItems(ret, false), now);
        }
    }

    private void inspectSome(ObjectNode ret, String now) {
        List<ObjectNode> pending = new ArrayList<>();
        ret.withArray("return_items").forEach(item -> {
            if (item.path("status").asText().equals("pending")) {
                pending.add((ObjectNode) item);
            }
        });
        boolean inspectedOne = false;
        for (ObjectNode item : pending) {
            if (!inspectedOne || random.nextDouble() < 0.6) {
                inspect(item, ret.path("instant").asBoolean());
                inspectedOne = true;
            }
        }
        boolean allInspected = pending.stream().allMatch(item -> !item.path("status").asText().equals("pending"));
        if (allInspected) {
            conclude(ret, now);
        } else {
            ret.put("status", "for_review");
        }
    }

    private void inspect(ObjectNode item, boolean alreadyRefunded) {
        double roll = random.nextDouble();
        if (roll < 0.85) {
            item.put("status", "accepted");
            item.put("condition", roll < 0.60 ? "sellable" : roll < 0.75 ? "damaged" : "unsellable");
            return;
        }
        String reason = REJECT_REASONS.get(random.nextInt(REJECT_REASONS.size()));
        item.put("status", "rejected");
        item.put("reject_reason", reason);
        // A rejected item was still looked at, so it has a condition; a missing one is "missing".
        item.put("condition", reason.equals("item_missing") ? "missing" : "unsellable");
        if (!alreadyRefunded) {
            item.put("refund_amount", Decimals.reveniMoney(BigDecimal.ZERO));
        }
    }

    private void conclude(ObjectNode ret, String now) {
        long accepted = 0;
        long total = 0;
        for (JsonNode item : ret.withArray("return_items")) {
            total++;
            if (item.path("status").asText().equals("accepted")) {
                accepted++;
            }
        }
        ret.put("status", accepted == total ? "accepted" : accepted == 0 ? "rejected" : "partly_accepted");
        if (!ret.path("instant").asBoolean()) {
            addRefund(ret, refundableItems(ret, true), now);
        }
    }

    /** Refund lines are those without an exchange; after inspection only the accepted ones. */
    private static List<JsonNode> refundableItems(ObjectNode ret, boolean acceptedOnly) {
        List<JsonNode> result = new ArrayList<>();
        for (JsonNode item : ret.withArray("return_items")) {
            boolean refundLine = item.path("exchange").isNull() || item.path("exchange").isMissingNode();
            if (refundLine && (!acceptedOnly || item.path("status").asText().equals("accepted"))) {
                result.add(item);
            }
        }
        return result;
    }

    private void addRefund(ObjectNode ret, List<JsonNode> items, String now) {
        if (items.isEmpty()) {
            return;
        }
        ObjectNode refund = JsonHttp.object();
        refund.put("id", Ids.hex32(random));
        refund.put("status", "succeeded");
        BigDecimal amount = BigDecimal.ZERO;
        ArrayNode refundItems = JsonHttp.array();
        for (JsonNode item : items) {
            BigDecimal lineAmount = new BigDecimal(item.path("refund_amount").asText("0"));
            amount = amount.add(lineAmount);
            ObjectNode refunded = refundItems.addObject();
            refunded.put("item_id", item.path("id").asText());
            refunded.put("quantity", item.path("quantity").asInt());
            refunded.put("amount", Decimals.reveniMoney(lineAmount));
        }
        refund.put("amount", Decimals.reveniMoney(amount));
        refund.put("currency", ret.path("currency").asText("EUR"));
        refund.put("method", "original_payment");
        refund.put("created_at", now);
        refund.set("items", refundItems);
        ret.withArray("refunds").add(refund);
    }
}
