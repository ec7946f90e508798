package org.returnsbridge.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Body;
import org.returnsbridge.exceptions.FailedWork;
import org.returnsbridge.mapping.MappedLocation;
import org.returnsbridge.mapping.MappingRegistry;

/**
 * Names the unit of work a route begins, in the exchange property {@link FailedWork#PROPERTY}: the first step of
 * the return route and of the line route, as the value of that property. Whatever then fails in that route is filed against this unit by the
 * exception route ({@link FailureRecorder}), with the Reveni payload as it arrived.
 */
public final class UnitsOfWork {

    private final MappingRegistry mappings;

    UnitsOfWork(MappingRegistry mappings) {
        this.mappings = mappings;
    }

    /**
     * A return as Reveni sent it, not yet parsed (it may not parse): known by its id, or by its payload when it
     * has none.
     */
    public FailedWork ofReturn(@Body JsonNode raw) {
        String payload = String.valueOf(raw);
        String returnId = raw == null ? null : raw.path("id").asText(null);
        return returnId != null ? FailedWork.Return.of(returnId, null, payload) : FailedWork.Return.withoutId(payload);
    }

    /** One line: by its item id, as in the ledger; a line without one is replayed with its return. */
    public FailedWork ofLine(@Body ReturnLine line) {
        String locationId = line.reveniReturn().locationId();
        String payload = payload(line);
        return line.itemId() != null
                ? new FailedWork.Line(line.itemId(), line.returnId(), line.item().sku(), locationId,
                        mappings.current().location(locationId).map(MappedLocation::warehouseId).orElse(null), payload)
                : FailedWork.Return.lineWithoutId(line.returnId(), line.item().index(), line.item().sku(), locationId,
                        payload);
    }

    private static String payload(ReturnLine line) {
        // Fields in a fixed order: an unchanged return gives an identical payload (ExceptionQueue compares them).
        ObjectNode payload = JsonNodeFactory.instance.objectNode().put("item_index", line.item().index());
        payload.set("return", line.reveniReturn().raw());
        return payload.toString();
    }
}
