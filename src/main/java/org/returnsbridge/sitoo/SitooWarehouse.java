package org.returnsbridge.sitoo;

/** A Sitoo warehouse; type 20 is virtual and takes no transactions. */
public record SitooWarehouse(int warehouseId, int warehouseType, String name) {

    public static final int VIRTUAL = 20;

    public boolean isVirtual() {
        return warehouseType == VIRTUAL;
    }
}
