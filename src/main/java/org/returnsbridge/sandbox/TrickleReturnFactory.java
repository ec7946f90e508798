package org.returnsbridge.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Random;

/**
 * Invents plausible new Reveni returns for the demo: mostly refunds of one item at a mapped store, with the
 * rarer cases the bridge must also handle (exchanges, mixed returns, instant refunds, an unmapped location,
 * a SKU Sitoo does not know) mixed in at realistic rates.
 */
final class TrickleReturnFactory {

    private static final List<String> RETURN_REASONS =
            List.of("size_too_small", "size_too_large", "changed_mind", "defective");

    private final Random random;
    private int lastOrderNumber = 1000;

    TrickleReturnFactory(Random random) {
        this.random = random;
    }

    ObjectNode newReturn() {
        String type = pickType();
        int itemCount = type.equals("mixed") ? 2 + random.nextInt(2) : pickItemCount();
        ObjectNode ret = JsonHttp.object();
        ret.put("id", Ids.hex32(random));
        ret.put("status", "in_progress");
        ret.put("type", type);
        // Instant returns are refunded before the goods arrive; an exchange involves no money to pay early.
        ret.put("instant", !type.equals("exchange") && random.nextDouble() < 0.10);
        ret.put("amount", Decimals.reveniMoney(BigDecimal.ZERO)); // filled in below, placed here for readability
        ret.put("currency", "EUR");
        lastOrderNumber++;
        ObjectNode order = ret.putObject("order");
        order.put("id", Ids.hex32(random));
        order.put("external_id", Integer.toString(lastOrderNumber));
        order.put("name", "#" + lastOrderNumber);
        DefaultSeed.ReturnLocation location = pickLocation();
        ObjectNode returnLocation = ret.putObject("return_location");
        returnLocation.put("id", location.id());
        returnLocation.put("name", location.name());
        ArrayNode items = ret.putArray("return_items");
        BigDecimal amount = BigDecimal.ZERO;
        for (int i = 0; i < itemCount; i++) {
            // In a mixed return the first line is exchanged and the others refunded.
            boolean exchanged = type.equals("exchange") || (type.equals("mixed") && i == 0);
            ObjectNode item = newItem(exchanged);
            items.add(item);
            amount = amount.add(new BigDecimal(item.get("unit_price").asText())
                    .multiply(BigDecimal.valueOf(item.get("quantity").asInt())));
        }
        ret.put("amount", Decimals.reveniMoney(amount));
        ret.putArray("refunds");
        return ret;
    }

    private ObjectNode newItem(boolean exchanged) {
        DefaultSeed.CatalogueItem article = random.nextDouble() < 0.04 ? DefaultSeed.UNKNOWN_ITEM
                : DefaultSeed.CATALOGUE.get(random.nextInt(DefaultSeed.CATALOGUE.size()));
        int quantity = random.nextDouble() < 0.85 ? 1 : 2;
        BigDecimal lineValue = article.unitPrice().multiply(BigDecimal.valueOf(quantity));
        ObjectNode item = JsonHttp.object();
        item.put("id", Ids.hex32(random));
        item.put("sku", article.sku());
        item.put("ean", article.barcode());
        item.put("name", article.title());
        item.put("quantity", quantity);
        item.put("return_reason", RETURN_REASONS.get(random.nextInt(RETURN_REASONS.size())));
        if (exchanged) {
            ObjectNode exchange = item.putObject("exchange");
            exchange.put("sku", otherVariantOf(article).sku());
            exchange.put("quantity", quantity);
        } else {
            item.putNull("exchange");
        }
        item.put("status", "pending");
        item.putNull("condition");
        item.putNull("reject_reason");
        item.put("unit_price", Decimals.reveniMoney(article.unitPrice()));
        item.put("refund_amount", Decimals.reveniMoney(exchanged ? BigDecimal.ZERO : lineValue));
        return item;
    }

    private String pickType() {
        double roll = random.nextDouble();
        return roll < 0.78 ? "refund" : roll < 0.90 ? "exchange" : "mixed";
    }

    private int pickItemCount() {
        double roll = random.nextDouble();
        return roll < 0.60 ? 1 : roll < 0.90 ? 2 : 3;
    }

    private DefaultSeed.ReturnLocation pickLocation() {
        if (random.nextDouble() < 0.05) {
            return DefaultSeed.MALMO_UNMAPPED;
        }
        return DefaultSeed.MAPPED_LOCATIONS.get(random.nextInt(DefaultSeed.MAPPED_LOCATIONS.size()));
    }

    /** An exchange is for another size or colour of the same product, when it has one. */
    private DefaultSeed.CatalogueItem otherVariantOf(DefaultSeed.CatalogueItem article) {
        List<DefaultSeed.CatalogueItem> siblings = DefaultSeed.CATALOGUE.stream()
                .filter(other -> other.family().equals(article.family()) && !other.sku().equals(article.sku()))
                .toList();
        return siblings.isEmpty() ? article : siblings.get(random.nextInt(siblings.size()));
    }
}
