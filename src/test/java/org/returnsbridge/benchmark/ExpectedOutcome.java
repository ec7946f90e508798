package org.returnsbridge.benchmark;

import java.util.Map;
import java.util.TreeMap;

/**
 * What the bridge must have done once it has caught up, computed from the generated returns alone: units per
 * (Sitoo warehouse, SKU), and how many lines end restocked, not restocked, or held. Counts only, never the
 * returns themselves, so a 100 000-line run costs the harness no memory to speak of.
 */
final class ExpectedOutcome {

    /** One stock level: a SKU in a warehouse. */
    record StockKey(int warehouseId, String sku) implements Comparable<StockKey> {
        @Override
        public int compareTo(StockKey other) {
            int byWarehouse = Integer.compare(warehouseId, other.warehouseId);
            return byWarehouse != 0 ? byWarehouse : sku.compareTo(other.sku);
        }
    }

    private final Map<StockKey, Long> units = new TreeMap<>();
    private int returns;
    private int lines;
    private int restockLines;
    private long restockUnits;
    private int notRestockedLines;
    private int heldLines;

    /**
     * Adds a return as it stands with its first {@code inspected} lines inspected and the given status
     * (the steady state calls this once per return, at the step that makes its lines restockable).
     */
    synchronized void add(PlannedReturn ret, int inspected, String status) {
        returns++;
        for (int i = 0; i < ret.lines().size(); i++) {
            PlannedReturn.PlannedLine line = ret.lines().get(i);
            lines++;
            if (ret.restockable(i, inspected, status)) {
                restockLines++;
                restockUnits += line.quantity();
                units.merge(new StockKey(ret.location().warehouseId(), line.article().sku()), (long) line.quantity(), Long::sum);
            } else if (i < inspected && line.fate() != PlannedReturn.Fate.NOT_INSPECTED) {
                notRestockedLines++;
            } else {
                heldLines++;
            }
        }
    }

    /** A return the steady state started: counted, its lines not decided yet (see {@link #addRestock}). */
    synchronized void countStarted(PlannedReturn ret) {
        returns++;
        lines += ret.lines().size();
    }

    /** A line the steady state made restockable: its units must reach its warehouse exactly once. */
    synchronized void addRestock(PlannedReturn ret, PlannedReturn.PlannedLine line) {
        restockLines++;
        restockUnits += line.quantity();
        units.merge(new StockKey(ret.location().warehouseId(), line.article().sku()), (long) line.quantity(), Long::sum);
    }

    /** The backlog's end state: everything that will be inspected is. */
    void addInspected(PlannedReturn ret) {
        add(ret, ret.lines().size(), ret.renderInspected().get("status").asText());
    }

    synchronized Map<StockKey, Long> units() {
        return Map.copyOf(units);
    }

    synchronized int returns() {
        return returns;
    }

    synchronized int lines() {
        return lines;
    }

    synchronized int restockLines() {
        return restockLines;
    }

    synchronized long restockUnits() {
        return restockUnits;
    }

    synchronized int notRestockedLines() {
        return notRestockedLines;
    }

    synchronized int heldLines() {
        return heldLines;
    }
}
