package org.returnsbridge.flow;

import org.returnsbridge.failure.BridgeException;
import org.returnsbridge.failure.ExceptionCategory;
import org.returnsbridge.mapping.MappedLocation;
import org.returnsbridge.mapping.MappingRegistry;
import org.returnsbridge.mapping.ReturnDecision;
import org.returnsbridge.sitoo.SitooCatalog;

/**
 * The two lookups that place a line in Sitoo, each behind its own {@code enrich} of the line route: the
 * warehouse mapped to the return location, and the Sitoo product for the SKU. A line to be restocked
 * that cannot be placed is an exception; there is no default warehouse and no guessed product. Lines
 * that will not be restocked are placed where possible (for the ledger) but never fail and never cost
 * a Sitoo call.
 */
public class LinePlacement {

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

    /** The SKU of the Sitoo product to restock (skus.yaml, checked against Sitoo), or null when not restocking. */
    public String sitooSku(ReturnLine line) {
        if (line.decision() != ReturnDecision.RESTOCK) {
            return null;
        }
        String reveniSku = line.item().sku();
        String sitooSku = mappings.current().sitooSkuFor(reveniSku);
        if (catalog.product(sitooSku).isEmpty()) {
            throw new BridgeException(ExceptionCategory.UNKNOWN_SKU, "Sitoo has no product with SKU '" + sitooSku + "'"
                    + (sitooSku.equals(reveniSku) ? "" : " (Reveni SKU '" + reveniSku + "', mapped in skus.yaml)"));
        }
        return sitooSku;
    }
}
