package org.returnsbridge.flow;

import org.returnsbridge.mapping.MappedLocation;
import org.returnsbridge.mapping.ReturnDecision;
import org.returnsbridge.reveni.ReturnItem;
import org.returnsbridge.reveni.ReveniReturn;

/**
 * One return line travelling through the routes: what Reveni said, and what the bridge has worked
 * out so far (decision, warehouse, Sitoo SKU, reason code). The exchange body of the line routes.
 */
public final class ReturnLine {

    private final ReveniReturn reveniReturn;
    private final ReturnItem item;
    private ReturnDecision decision;
    private String decisionReason;
    private MappedLocation location;
    private String sitooSku;
    private String reasonCode;
    /** This sighting inserted the line into the ledger: it is open, with no need to read it back. */
    private boolean newInLedger;

    public ReturnLine(ReveniReturn reveniReturn, ReturnItem item) {
        this.reveniReturn = reveniReturn;
        this.item = item;
    }

    public ReveniReturn reveniReturn() { return reveniReturn; }
    public ReturnItem item() { return item; }
    public String returnId() { return reveniReturn.id(); }
    public String itemId() { return item.id(); }
    /** How the logs name the line: its item id, or its position when Reveni sent no id. */
    public String itemRef() { return item.id() == null ? "item#" + item.index() : item.id(); }

    public ReturnDecision decision() { return decision; }
    public String decisionReason() { return decisionReason; }
    public MappedLocation location() { return location; }
    public String sitooSku() { return sitooSku; }
    public String reasonCode() { return reasonCode; }

    void decide(ReturnDecision decision, String reason) {
        this.decision = decision;
        this.decisionReason = reason;
    }

    void place(MappedLocation location) { this.location = location; }
    void resolveSku(String sitooSku) { this.sitooSku = sitooSku; }
    boolean isNewInLedger() { return newInLedger; }
    void newInLedger(boolean inserted) { this.newInLedger = inserted; }

    void reasonCode(String code) { this.reasonCode = code; }

    @Override
    public String toString() {
        return "line " + item.id() + " of return " + reveniReturn.id() + " (sku " + item.sku() + " x" + item.quantity() + ")";
    }
}
