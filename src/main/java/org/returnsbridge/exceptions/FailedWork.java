package org.returnsbridge.exceptions;

/**
 * A unit of work that can fail and be replayed: a poll, a return, a line or a sales record (a refund or an
 * exchange). The route that begins a unit puts it in the exchange property {@link #PROPERTY}; the exception route
 * files a failure against the unit found there, whatever the message body has become by then.
 *
 * <p>{@link #key()} identifies the unit across attempts, so the same failure updates one open record instead of
 * piling up new ones; {@link #kind()} says how a replay runs it. The key's format is kept from before kinds were
 * stored (existing records must still be found by it), but nothing reads meaning out of it.
 */
public sealed interface FailedWork permits FailedWork.Poll, FailedWork.Return, FailedWork.Line, FailedWork.Sales {

    /** The exchange property that carries the unit of work of the route running it. */
    String PROPERTY = "returnsBridgeFailedWork";

    WorkKind kind();

    String key();

    default String returnId() {
        return null;
    }

    default String itemId() {
        return null;
    }

    default String sku() {
        return null;
    }

    default String locationId() {
        return null;
    }

    default Integer warehouseId() {
        return null;
    }

    /** The Reveni payload as it was when the work failed, kept on the record as evidence; null keeps the stored one. */
    default String payload() {
        return null;
    }

    /**
     * The same work, filed under a key of its own because its failure concerns another return's record (see
     * {@link WorkConflict}): a return-level record, so a replay reads this return again and touches nothing
     * of the other one.
     */
    default FailedWork filedApartAs(String conflictKey) {
        return new Return(conflictKey, returnId(), sku(), locationId(), payload());
    }

    /** The unit of work an existing record holds: a new failure of it updates that record. */
    static FailedWork of(ExceptionRecord record) {
        return switch (record.kind()) {
            case POLL -> new Poll(record.lineKey());
            case RETURN -> new Return(record.lineKey(), record.returnId(), record.sku(), record.locationId(), null);
            case LINE -> new Line(record.itemId(), record.returnId(), record.sku(), record.locationId(),
                    record.warehouseId(), null);
            case SALES -> new Sales(record.lineKey(), record.returnId(), record.itemId(), record.locationId(), null);
        };
    }

    /** A poll of Reveni ({@code what} tells the polls apart: the poll itself, an unreadable page). */
    record Poll(String key) implements FailedWork {

        public static Poll of(String what) {
            return new Poll("poll:" + what);
        }

        @Override
        public WorkKind kind() {
            return WorkKind.POLL;
        }
    }

    /** A whole return, or work of it that has no record of its own; without a return id it cannot be replayed. */
    record Return(String key, String returnId, String sku, String locationId, String payload) implements FailedWork {

        public static Return of(String returnId, String locationId, String payload) {
            return new Return("return:" + returnId, returnId, null, locationId, payload);
        }

        /** A return that arrived without a usable id: known only by its payload. */
        public static Return withoutId(String payload) {
            return new Return("return-payload:" + Integer.toHexString(payload.hashCode()), null, null, null, payload);
        }

        /** A line that arrived without an item id: it has no ledger line, so it is replayed with its return. */
        public static Return lineWithoutId(String returnId, int itemIndex, String sku, String locationId, String payload) {
            return new Return("return:" + returnId + "#" + itemIndex, returnId, sku, locationId, payload);
        }

        @Override
        public WorkKind kind() {
            return WorkKind.RETURN;
        }
    }

    /** One return line, keyed by its Reveni item id, as its ledger line is. */
    record Line(String itemId, String returnId, String sku, String locationId, Integer warehouseId, String payload)
            implements FailedWork {

        @Override
        public String key() {
            return itemId;
        }

        @Override
        public WorkKind kind() {
            return WorkKind.LINE;
        }
    }

    /** A refund or an exchange, keyed as its sales record is ({@code itemId}: the exchanged item, if it is one). */
    record Sales(String key, String returnId, String itemId, String locationId, String payload) implements FailedWork {

        @Override
        public WorkKind kind() {
            return WorkKind.SALES;
        }
    }
}
