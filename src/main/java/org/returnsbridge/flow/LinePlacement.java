package org.returnsbridge.flow;

import org.apache.camel.Body;
import org.apache.camel.Variable;
import org.returnsbridge.failure.BridgeException;
import org.returnsbridge.failure.ExceptionCategory;
import org.returnsbridge.mapping.MappedLocation;
import org.returnsbridge.mapping.MappingRegistry;
import org.returnsbridge.mapping.ReturnDecision;
import org.returnsbridge.sitoo.SitooCatalog;
import org.returnsbridge.sitoo.SitooProduct;

/**
 * The two lookups that place a line in Sitoo, each behind its own {@code enrich} of the line route: the
 * warehouse mapped to the return location, and the Sitoo product for the SKU. A line to be restocked
 * that cannot be placed is an exception; there is no default warehouse and no guessed product. Lines
 * that will not be restocked are placed where possible (for the ledger) but never fail and never cost
 * a Sitoo call. The product lookup is steps of the {@code line-sku} route: on a cold cache the catalogue
 * warm-up (bounded wait), the catalog's cache, and only on a miss Sitoo, whose answer is remembered. Sitoo is asked from a bean through the gateway's bean
 * proxy, as before, not by a {@code to} in the route: routed from here, inside the line's {@code enrich}
 * and its redelivery, a gateway call left the line unfinished during a Sitoo outage (not yet explained).
 */
public class LinePlacement {

    /** The variables of the SKU lookup: the mapped SKU, and the line while Sitoo's answer is the body. */
    static final String SITOO_SKU = "sitooSku";
    static final String LINE = "line";

    private final MappingRegistry mappings;
    private final SitooCatalog catalog;

    public LinePlacement(MappingRegistry mappings, SitooCatalog catalog) {
        this.mappings = mappings;
        this.catalog = catalog;
    }

    /** The warehouse mapped to the line's return location (locations.yaml), or null when none is. */
    public MappedLocation location(ReturnLine line) {
        String locationId = line.reveniReturn().locationId();
        MappedLocation location = mappings.current().location(locationId).orElse(null);
        if (location == null && line.decision() == ReturnDecision.RESTOCK) {
            throw new BridgeException(ExceptionCategory.UNMAPPED_LOCATION, locationId == null
                    ? "return " + line.returnId() + " has no return_location, so there is no warehouse to restock into"
                    : "return location '" + locationId + "' is not mapped to a Sitoo warehouse in locations.yaml");
        }
        return location;
    }

    /** Only a line to be restocked needs its Sitoo product: the others never cost a Sitoo call. */
    public boolean isRestocked(ReturnLine line) {
        return line.decision() == ReturnDecision.RESTOCK;
    }

    /** The Sitoo SKU the line's Reveni SKU maps to (skus.yaml; the same SKU where none is mapped). */
    public String mappedSku(ReturnLine line) {
        return mappings.current().sitooSkuFor(line.item().sku());
    }

    /**
     * On a cold cache, waits (bounded) for the catalogue warm-up to reach the SKU, so a backlog's first lines
     * cost pages of the catalogue rather than a Sitoo call per SKU; at once when the SKU is cached.
     */
    public void awaitCatalogue(@Variable(SITOO_SKU) String sitooSku) {
        catalog.awaitWarmup(sitooSku);
    }

    /** Whether an earlier lookup or the warm-up found the product (the catalog's cache), so Sitoo need not be asked. */
    public boolean isKnown(@Variable(SITOO_SKU) String sitooSku) {
        return catalog.cached(sitooSku).isPresent();
    }

    /** Sitoo's product with the SKU, through the {@code sitoo-products} gateway; null when Sitoo has none. */
    public SitooProduct askSitoo(@Variable(SITOO_SKU) String sitooSku) {
        return catalog.ask(sitooSku).orElse(null);
    }

    /** The SKU of the product Sitoo answered, remembered for the next line; no product is an exception. */
    public String knownSku(@Variable(LINE) ReturnLine line, @Variable(SITOO_SKU) String sitooSku,
                           @Body SitooProduct product) {
        if (product == null) {
            String reveniSku = line.item().sku();
            throw new BridgeException(ExceptionCategory.UNKNOWN_SKU, "Sitoo has no product with SKU '" + sitooSku + "'"
                    + (sitooSku.equals(reveniSku) ? "" : " (Reveni SKU '" + reveniSku + "', mapped in skus.yaml)"));
        }
        catalog.remember(sitooSku, product);
        return sitooSku;
    }
}
