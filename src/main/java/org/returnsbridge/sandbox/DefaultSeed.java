package org.returnsbridge.sandbox;

import java.math.BigDecimal;
import java.util.List;

/**
 * The demo world, kept identical to the bridge's shipped mappings: Reveni return locations
 * {@code store-stockholm-01}, {@code store-goteborg-01} and {@code dc-boras} map to Sitoo warehouses 1, 2
 * and 3; {@code store-malmo-01} is deliberately left unmapped, and SKU {@code 99999-9} deliberately unknown
 * to Sitoo, so the demo also shows the bridge's exception handling.
 */
final class DefaultSeed {

    /** A sellable article: what Sitoo knows as a product and Reveni prices on a return line. */
    record CatalogueItem(String sku, String family, String title, String barcode, BigDecimal unitPrice) {
    }

    /** A place where Reveni says goods came back. */
    record ReturnLocation(String id, String name) {
    }

    static final List<CatalogueItem> CATALOGUE = List.of(
            item("10038-1", "10038", "Wool scarf grey", "7350000000012", "49.95"),
            item("10038-2", "10038", "Wool scarf navy", "7350000000029", "49.95"),
            item("10038-3", "10038", "Wool scarf red", "7350000000036", "49.95"),
            item("20417-S", "20417", "Linen shirt S", "7350000000104", "59.95"),
            item("20417-M", "20417", "Linen shirt M", "7350000000111", "59.95"),
            item("20417-L", "20417", "Linen shirt L", "7350000000128", "59.95"),
            item("30112-38", "30112", "Canvas sneaker 38", "7350000000203", "89.95"),
            item("30112-39", "30112", "Canvas sneaker 39", "7350000000210", "89.95"),
            item("30112-40", "30112", "Canvas sneaker 40", "7350000000227", "89.95"),
            item("30112-41", "30112", "Canvas sneaker 41", "7350000000234", "89.95"),
            item("30112-42", "30112", "Canvas sneaker 42", "7350000000241", "89.95"),
            item("40001-1", "40001", "Leather belt", "7350000000302", "39.95"));

    /** Returned now and then by the trickle; Sitoo has never heard of it. */
    static final CatalogueItem UNKNOWN_ITEM = item("99999-9", "99999", "Discontinued gift box", null, "19.95");

    static final ReturnLocation STOCKHOLM = new ReturnLocation("store-stockholm-01", "Drottninggatan store");
    static final ReturnLocation GOTEBORG = new ReturnLocation("store-goteborg-01", "Avenyn store Göteborg");
    static final ReturnLocation BORAS = new ReturnLocation("dc-boras", "Borås distribution centre");
    static final ReturnLocation MALMO_UNMAPPED = new ReturnLocation("store-malmo-01", "Malmö pop-up store");

    static final List<ReturnLocation> MAPPED_LOCATIONS = List.of(STOCKHOLM, GOTEBORG, BORAS);

    private DefaultSeed() {
    }

    static void applyTo(SitooStore sitoo) {
        sitoo.putWarehouse(new SitooWarehouse(1, SitooWarehouse.NORMAL, 10, 1, true, "Drottninggatan store", null));
        sitoo.putWarehouse(new SitooWarehouse(2, SitooWarehouse.NORMAL, 10, 2, true, "Avenyn store Göteborg", null));
        sitoo.putWarehouse(new SitooWarehouse(3, SitooWarehouse.NORMAL, 10, null, true, "Borås distribution centre", null));
        sitoo.putWarehouse(new SitooWarehouse(9, SitooWarehouse.VIRTUAL, 10, null, true, "Webshop (virtual)", null));
        CATALOGUE.forEach(article -> sitoo.putProduct(article.sku(), article.title(), article.barcode()));
        sitoo.addReasonCode(new SitooReasonCode(1, 10, "101", "Customer return"));
        sitoo.addReasonCode(new SitooReasonCode(2, 10, "102", "Return - wrong size"));
        sitoo.addReasonCode(new SitooReasonCode(3, 10, "103", "Return - defect"));
    }

    private static CatalogueItem item(String sku, String family, String title, String barcode, String price) {
        return new CatalogueItem(sku, family, title, barcode, new BigDecimal(price));
    }
}
