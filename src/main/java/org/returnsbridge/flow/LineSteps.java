package org.returnsbridge.flow;

import org.apache.camel.Exchange;
import org.returnsbridge.SyncMode;
import org.returnsbridge.exceptions.ExceptionQueue;
import org.returnsbridge.ledger.LedgerLine;
import org.returnsbridge.ledger.LedgerRepository;
import org.returnsbridge.ledger.SeenLine;
import org.returnsbridge.mapping.ReturnDecision;
import org.returnsbridge.reveni.InvalidReturnException;
import org.returnsbridge.reveni.ReturnItem;
import org.returnsbridge.reveni.ReveniReturn;
import org.slf4j.MDC;

/**
 * The steps of the line route, one method per step, so that the route itself reads like the flow.
 * The decision is also put on the exchange as the {@value #DECISION} property: the YAML route in
 * {@code routes/} branches on it.
 */
public class LineSteps {

    public static final String DECISION = "decision";
    public static final String DECISION_REASON = "decisionReason";

    private final LedgerRepository ledger;
    private final ExceptionQueue exceptions;
    private final LineDecider decider;
    private final LinePlacement placement;
    private final Restocker restocker;
    private final RestockBatcher batcher;
    private final SyncMode syncMode;

    public LineSteps(LedgerRepository ledger, ExceptionQueue exceptions, LineDecider decider, LinePlacement placement,
                     Restocker restocker, RestockBatcher batcher, SyncMode syncMode) {
        this.ledger = ledger;
        this.exceptions = exceptions;
        this.decider = decider;
        this.placement = placement;
        this.restocker = restocker;
        this.batcher = batcher;
        this.syncMode = syncMode;
    }

    /** Puts the line's ids in the log context and records what Reveni says about it now. */
    public void open(Exchange exchange) {
        ReturnLine line = exchange.getIn().getBody(ReturnLine.class);
        ReveniReturn ret = line.reveniReturn();
        ReturnItem item = line.item();
        MDC.put("returnId", ret.id());
        MDC.put("itemId", item.id() == null ? "item#" + item.index() : item.id());
        if (item.id() != null) {
            String owner = ledger.recordSeen(new SeenLine(item.id(), ret.id(), ret.status(), item.status(), item.sku(),
                    item.isValid() ? item.quantity() : null, ret.locationId(), item.condition(), item.returnReason()));
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
    public boolean isStillOpen(Exchange exchange) {
        ReturnLine line = exchange.getIn().getBody(ReturnLine.class);
        return ledger.find(line.itemId()).map(l -> !l.state().isFinal()).orElse(true);
    }

    public void decide(Exchange exchange) {
        ReturnLine line = exchange.getIn().getBody(ReturnLine.class);
        decider.decide(line);
        exchange.setProperty(DECISION, line.decision().name());
        exchange.setProperty(DECISION_REASON, line.decisionReason());
    }

    public void placeLocation(Exchange exchange) {
        ReturnLine line = exchange.getIn().getBody(ReturnLine.class);
        placement.placeLocation(line);
    }

    public void resolveSku(Exchange exchange) {
        ReturnLine line = exchange.getIn().getBody(ReturnLine.class);
        placement.resolveSku(line);
        ledger.recordPlacement(line.itemId(), line.location() == null ? null : line.location().warehouseId(),
                line.sitooSku());
    }

    /**
     * Guarded here and not only in the YAML route: whatever an integrator edits there, a rejected item
     * or a line the decider did not mark RESTOCK can never reach Sitoo as stock.
     */
    public void restock(Exchange exchange) {
        ReturnLine line = exchange.getIn().getBody(ReturnLine.class);
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

    public void hold(Exchange exchange) {
        ReturnLine line = exchange.getIn().getBody(ReturnLine.class);
        if (unconfirmedRestock(line)) {
            return;
        }
        ledger.markHeld(line.itemId(), line.decision().name(), line.decisionReason());
        exceptions.resolve(line.itemId());
    }

    public void recordNotRestocked(Exchange exchange) {
        ReturnLine line = exchange.getIn().getBody(ReturnLine.class);
        if (unconfirmedRestock(line)) {
            return;
        }
        ledger.markNotRestocked(line.itemId(), line.decision().name(), line.decisionReason());
        exceptions.resolve(line.itemId());
    }

    /**
     * A line whose stock-in may already have moved is settled by the restock sweep (read back from
     * Sitoo first), never silently re-labelled: the ledger must say what really happened to the stock.
     */
    private boolean unconfirmedRestock(ReturnLine line) {
        return ledger.find(line.itemId()).map(LedgerLine::hasUnconfirmedIntent).orElse(false);
    }

    public void close(Exchange exchange) {
        MDC.remove("itemId");
    }
}
