package org.returnsbridge.sitoo;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One page of Sitoo's product list, read exactly: a page either yields every product on it, each value
 * checked, or it is refused whole ({@link MalformedCataloguePageException}). A warm-up never fills the cache
 * from half a page or from a value it had to guess.
 */
record CataloguePage(long totalCount, List<SitooProduct> products) {

    /** Sitoo's SKU column; longer is not a SKU the bridge could have been given. */
    static final int MAX_SKU_LENGTH = 255;
    /** A title is only shown in descriptions; anything longer is not a product title. */
    static final int MAX_TITLE_LENGTH = 1000;

    static CataloguePage read(JsonNode page, int requested) {
        if (page == null || !page.isObject()) {
            throw new MalformedCataloguePageException("the answer is not a list envelope");
        }
        JsonNode total = page.get("totalcount");
        if (total == null || !total.isIntegralNumber() || !total.canConvertToLong() || total.asLong() < 0) {
            throw new MalformedCataloguePageException("totalcount is not a non-negative integer: " + excerpt(total));
        }
        JsonNode items = page.get("items");
        if (items == null || !items.isArray()) {
            throw new MalformedCataloguePageException("items is not an array");
        }
        if (items.size() > requested) {
            throw new MalformedCataloguePageException(items.size() + " items answered, " + requested + " asked for");
        }
        List<SitooProduct> products = new ArrayList<>(items.size());
        for (JsonNode item : items) {
            products.add(product(item));
        }
        return new CataloguePage(total.asLong(), List.copyOf(products));
    }

    /** The same reading as the single look-up, but strict: a missing title is empty, a missing active is true. */
    private static SitooProduct product(JsonNode item) {
        if (!item.isObject()) {
            throw new MalformedCataloguePageException("an item is not an object: " + excerpt(item));
        }
        JsonNode id = item.get("productid");
        if (id == null || !id.isIntegralNumber() || !id.canConvertToLong() || id.asLong() <= 0) {
            throw new MalformedCataloguePageException("productid is not a positive integer: " + excerpt(id));
        }
        JsonNode sku = item.get("sku");
        if (sku == null || !sku.isTextual() || sku.asText().isBlank() || sku.asText().length() > MAX_SKU_LENGTH) {
            throw new MalformedCataloguePageException("product " + id.asLong() + " has no usable sku: " + excerpt(sku));
        }
        JsonNode title = item.get("title");
        if (title != null && !title.isNull() && (!title.isTextual() || title.asText().length() > MAX_TITLE_LENGTH)) {
            throw new MalformedCataloguePageException("product " + id.asLong() + " has an unreadable title");
        }
        JsonNode active = item.get("active");
        if (active != null && !active.isNull() && !active.isBoolean()) {
            throw new MalformedCataloguePageException("product " + id.asLong() + " has a non-boolean active: " + excerpt(active));
        }
        return new SitooProduct(id.asLong(), sku.asText(), title == null || title.isNull() ? "" : title.asText(),
                active == null || active.isNull() || active.asBoolean());
    }

    private static String excerpt(JsonNode node) {
        String text = String.valueOf(node);
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }
}
