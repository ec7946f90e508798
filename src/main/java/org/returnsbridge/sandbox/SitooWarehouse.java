package org.returnsbridge.sandbox;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A Sitoo warehouse. Type 10 is a normal warehouse; type 20 is virtual and refuses every transaction.
 * A missing {@code warehouseid} (0) asks the store to assign the next free one.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record SitooWarehouse(int warehouseid, int warehousetype, int usetype, Integer storeid, Boolean sellable,
        String name, String externalid) {

    static final int NORMAL = 10;
    static final int VIRTUAL = 20;

    SitooWarehouse {
        if (warehousetype == 0) {
            warehousetype = NORMAL;
        }
        if (usetype == 0) {
            usetype = 10;
        }
        if (sellable == null) {
            sellable = Boolean.TRUE;
        }
    }

    @JsonIgnore
    boolean isVirtual() {
        return warehousetype == VIRTUAL;
    }

    SitooWarehouse withId(int id) {
        return new SitooWarehouse(id, warehousetype, usetype, storeid, sellable, name, externalid);
    }
}
