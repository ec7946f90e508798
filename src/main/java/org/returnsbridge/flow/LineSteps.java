package org.returnsbridge.flow;

import org.returnsbridge.SyncMode;
import org.returnsbridge.exceptions.ExceptionQueue;
import org.returnsbridge.ledger.LedgerLine;
import org.returnsbridge.ledger.LedgerRepository;
import org.returnsbridge.ledger.SeenLine;
import org.returnsbridge.mapping.ReturnDecision;
import org.returnsbridge.reveni.InvalidReturnException;
import org.returnsbridge.reveni.ReturnItem;
import org.returnsbridge.reveni.ReveniReturn;

/**
 * The steps of the line route, one method per step, each taking the line (the exchange body) by
 * Camel's parameter binding, so that the route itself reads like the flow. The route puts the decision
 * on the exchange as the {@value #DECISION} property: the YAML route in {@code routes/} branches on it.
 */
public class LineSteps {

    public static final String DECISION = "decision";
    public static final String DECISION_REASON = "decisionReason";

    private final LedgerRepository ledger;
    private final ExceptionQueue exceptions;
    private final LineDecider decider;
    private final Restocker restocker;
    private final RestockBatcher batcher;
    private final SyncMode syncMode;

    public LineSteps(LedgerRepository ledger, ExceptionQueue exceptions, LineDecider decider,
                     Restocker restocker, RestockBatcher batcher, SyncMode syncMode) {
        this.ledger = ledger;
        this.exceptions = exceptions;
        this.decider = decider;
        this.restocker = restocker;
        this.batcher = batcher;
        this.syncMode = syncMode;
    }

    /** Records what Reveni says about the line now. */
    public void open(ReturnLine line) {
        ReveniReturn ret = line.reveniReturn();
        ReturnItem item = line.item();
        if (item.id() != null) {
            LedgerRepository.Sighting sighting = ledger.see(new SeenLine(item.id(), ret.id(), ret.status(), item.status(), item.sku(),
                    item.isValid() ? item.quantity() : null, ret.locationId(), item.condition(), item.returnReason()));
            String owner = sighting.owner();
            line.newInLedger(sighting.inserted()); // each sighting says afresh: a redelivery re-opens the line
            if (!owner.equals(ret.id())) {
                throw new ItemIdConflictException(ret.id(), item.id(), "return " + ret.id() + ": return_items["
                        + item.index() + "].id " + item.id() + " is already a line of return " + owner
                        + " in the ledger; the line of return " + owner + " is kept as it is and this one is not"
                        + " processed until Reveni sends distinct item ids");
            }
        }
        if (!item.isValid()) {
            throw new InvalidReturnException(ret.id(), "return " + ret.id() + ": " + item.problem());
        }
    }

    /** Final lines (restocked, not restocked) never move again, however often a poll shows them. */
    public boolean isStillOpen(ReturnLine line) {
        if (line.isNewInLedger()) {
            return true; // just inserted as RECEIVED: a read would only say so again (every later write is guarded)
        }
        return !ledger.isFinal(line.itemId());
    }

    public void decide(ReturnLine line) {
        decider.decide(line);
    }

    /**
     * Guarded here and not only in the YAML route: whatever an integrator edits there, a rejected item
     * or a line the decider did not mark RESTOCK can never reach Sitoo as stock. The line's placement
     * (warehouse, Sitoo SKU) goes into the ledger with its intent, as for the other outcomes with theirs.
     */
    public void restock(ReturnLine line) {
        if (line.decision() != ReturnDecision.RESTOCK || line.item().isRejected() || line.location() == null
                || line.sitooSku() == null) {
            throw new IllegalStateException("refusing to restock " + line + ": decision is " + line.decision()
                    + (line.item().isRejected() ? ", item rejected" : ""));
        }
        if (syncMode == SyncMode.INTERVAL) {
            batcher.enqueue(RestockOrder.from(line));
        } else {
            restocker.restock(RestockOrder.from(line));
        }
    }

    public void hold(ReturnLine line) {
        // The UPDATE is guarded against a restock intent: only when it changed nothing is the line read to tell why.
        if (ledger.markHeld(line.itemId(), line.decision().name(), line.decisionReason(), warehouseOf(line),
                line.sitooSku()) || !unconfirmedRestock(line)) {
            exceptions.resolve(line.itemId());
        }
    }

    public void recordNotRestocked(ReturnLine line) {
        if (ledger.markNotRestocked(line.itemId(), line.decision().name(), line.decisionReason(), warehouseOf(line),
                line.sitooSku()) || !unconfirmedRestock(line)) {
            exceptions.resolve(line.itemId());
        }
    }

    /** The warehouse the lookup placed the line in; null when its location is not mapped (allowed unless restocked). */
    private static Integer warehouseOf(ReturnLine line) {
        return line.location() == null ? null : line.location().warehouseId();
    }

    /**
     * A line whose stock-in may already have moved is settled by the restock sweep (read back from
     * Sitoo first), never silently re-labelled: the ledger must say what really happened to the stock.
     */
    private boolean unconfirmedRestock(ReturnLine line) {
        return ledger.find(line.itemId()).map(LedgerLine::hasUnconfirmedIntent).orElse(false);
    }
}
