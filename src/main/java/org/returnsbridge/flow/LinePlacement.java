package org.returnsbridge.flow;

import org.returnsbridge.failure.BridgeException;
import org.returnsbridge.failure.ExceptionCategory;
import org.returnsbridge.mapping.MappedLocation;
import org.returnsbridge.mapping.MappingRegistry;
import org.returnsbridge.mapping.Mappings;
import org.returnsbridge.mapping.ReturnDecision;
import org.returnsbridge.sitoo.SitooCatalog;

/**
 * Enriches a line with where it goes in Sitoo: the warehouse mapped to its return location and the
 * Sitoo product for its SKU. A line to be restocked that cannot be placed is an exception; there is no
 * default warehouse and no guessed product. Lines that will not be restocked are placed where possible
 * (for the ledger) but never fail and never cost a Sitoo call.
 */
public class LinePlacement {

    private final MappingRegistry mappings;
    private final SitooCatalog catalog;

    public LinePlacement(MappingRegistry mappings, SitooCatalog catalog) {
        this.mappings = mappings;
        this.catalog = catalog;
    }

    public void placeLocation(ReturnLine line) {
        Mappings m = mappings.current();
        String locationId = line.reveniReturn().locationId();
        MappedLocation location = m.location(locationId).orElse(null);
        if (location == null && line.decision() == ReturnDecision.RESTOCK) {
            throw new BridgeException(ExceptionCategory.UNMAPPED_LOCATION, locationId == null
                    ? "return " + line.returnId() + " has no return_location, so there is no warehouse to restock into"
                    : "return location '" + locationId + "' is not mapped to a Sitoo warehouse in locations.yaml");
        }
        line.place(location);
        line.reasonCode(m.reasonCodeFor(line.item().returnReason()));
    }

    public void resolveSku(ReturnLine line) {
        if (line.decision() != ReturnDecision.RESTOCK) {
            return;
        }
        String reveniSku = line.item().sku();
        String sitooSku = mappings.current().sitooSkuFor(reveniSku);
        if (catalog.product(sitooSku).isEmpty()) {
            throw new BridgeException(ExceptionCategory.UNKNOWN_SKU, "Sitoo has no product with SKU '" + sitooSku + "'"
                    + (sitooSku.equals(reveniSku) ? "" : " (Reveni SKU '" + reveniSku + "', mapped in skus.yaml)"));
        }
        line.resolveSku(sitooSku);
    }
}
