package org.returnsbridge.mapping;

import java.util.HashMap;
import java.util.Map;

import java.util.stream.Collectors;

import org.returnsbridge.sitoo.SitooWarehouse;

/**
 * Checks every mapped warehouse against Sitoo's own warehouse list, so that a typo in
 * locations.yaml stops the bridge at start-up instead of failing on the first return of that store.
 */
public final class WarehouseCheck {

    private WarehouseCheck() {}

    public static void check(Mappings mappings, Iterable<SitooWarehouse> sitooWarehouses) {
        Map<Integer, SitooWarehouse> byId = new HashMap<>();
        sitooWarehouses.forEach(w -> byId.put(w.warehouseId(), w));
        var file = mappings.directory().resolve(MappingsLoader.LOCATIONS);
        for (MappedLocation location : mappings.locations().values()) {
            SitooWarehouse warehouse = byId.get(location.warehouseId());
            if (warehouse == null) {
                throw new MappingFileException(file, location.line(), "location '" + location.locationId()
                        + "' maps to warehouseid " + location.warehouseId() + ", which Sitoo does not have (known: "
                        + byId.keySet().stream().sorted().map(String::valueOf).collect(Collectors.joining(", ")) + ")");
            }
            if (warehouse.isVirtual()) {
                throw new MappingFileException(file, location.line(), "location '" + location.locationId()
                        + "' maps to warehouseid " + location.warehouseId() + " (" + warehouse.name()
                        + "), a virtual warehouse: Sitoo accepts no stock transactions there");
            }
        }
    }

}
