package org.returnsbridge.ledger;

/** Where a return line stands. RESTOCKED and NOT_RESTOCKED are final: the ledger never moves back. */
public enum LineState {
    /** Seen, not decided yet. */
    RECEIVED,
    /** Waiting: goods in transit or not inspected yet. A later poll acts on it. */
    HELD,
    /** Intent recorded, stock-in being posted; if this survives a crash the outcome must be read back. */
    RESTOCKING,
    /** +quantity posted to the mapped Sitoo warehouse; carries the Sitoo transaction id. */
    RESTOCKED,
    /** Damaged, unsellable, rejected or cancelled: recorded, never restocked. */
    NOT_RESTOCKED,
    /** Could not be placed; see the exception record. */
    EXCEPTION;

    public boolean isFinal() {
        return this == RESTOCKED || this == NOT_RESTOCKED;
    }
}
