package org.returnsbridge.flow;

import org.returnsbridge.ledger.LedgerLine;
import org.returnsbridge.ledger.LedgerRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Settles every stock-in whose outcome is unknown (the bridge crashed, or Sitoo timed out, between
 * posting and recording). It runs at start-up and then periodically, straight from the ledger: it
 * does not wait for Reveni to show the return again, since the poll checkpoint may be past it.
 */
public class RestockSweep {

    private static final Logger log = LoggerFactory.getLogger(RestockSweep.class);
    /** Bounded, so a long outage never loads every open line at once; a batch's read-back settles all its lines. */
    static final int LINES_PER_SWEEP = 500;

    private final LedgerRepository ledger;
    private final Restocker restocker;
    private final FailureRecorder failures;

    public RestockSweep(LedgerRepository ledger, Restocker restocker, FailureRecorder failures) {
        this.ledger = ledger;
        this.restocker = restocker;
        this.failures = failures;
    }

    public int settleUnconfirmed() {
        int settled = 0;
        for (LedgerLine line : ledger.findUnconfirmedRestocks(LINES_PER_SWEEP)) {
            MDC.put("returnId", line.returnId());
            MDC.put("itemId", line.itemId());
            try {
                restocker.restock(RestockOrder.from(line));
                settled++;
            } catch (RuntimeException e) {
                failures.recordUnsettled(line, e);
            } finally {
                MDC.clear();
            }
        }
        if (settled > 0) {
            log.info("Settled {} lines whose stock-in outcome was unknown", settled);
        }
        return settled;
    }
}
