package org.returnsbridge.exceptions;

/**
 * The business keys of what failed. {@code lineKey} identifies the unit of work across attempts
 * (the Reveni item id for a line, {@code return:<id>} for a whole return, {@code poll:reveni} for a
 * poll), so the same failure updates one open record instead of piling up new ones.
 */
public record FailedWork(String lineKey, String returnId, String itemId, String sku, String locationId,
                         Integer warehouseId, String payload) {

    /** The same unit of work as an existing record: a new failure of it updates that record. */
    public static FailedWork of(ExceptionRecord record) {
        return new FailedWork(record.lineKey(), record.returnId(), record.itemId(), record.sku(), record.locationId(),
                record.warehouseId(), null);
    }

    public static FailedWork poll(String what) {
        return new FailedWork("poll:" + what, null, null, null, null, null, null);
    }
}
