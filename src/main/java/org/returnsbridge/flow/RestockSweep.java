package org.returnsbridge.flow;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.apache.camel.ExchangeProperty;
import org.returnsbridge.ledger.LedgerLine;
import org.returnsbridge.ledger.LedgerRepository;
import org.returnsbridge.support.LogContext;
import org.returnsbridge.support.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles every stock-in whose outcome is unknown (the bridge crashed, or Sitoo timed out, between
 * posting and recording). It runs at start-up and then periodically, straight from the ledger: it
 * does not wait for Reveni to show the return again, since the poll checkpoint may be past it.
 *
 * <p>The steps of the {@code settle-unconfirmed} route ({@link SweepRoutes}), which picks the due lines
 * with a {@code jdbc:} step ({@link LedgerRepository#UNCONFIRMED_RESTOCKS_DUE}) and settles them one by one;
 * {@link #settleUnconfirmed()} is the same sweep in-process, for callers without a Camel context.
 */
public class RestockSweep {

    private static final Logger log = LoggerFactory.getLogger(RestockSweep.class);
    /** Bounded, so a long outage never loads every open line at once; a batch's read-back settles all its lines. */
    static final int LINES_PER_SWEEP = 500;

    private final LedgerRepository ledger;
    private final Restocker restocker;
    private final FailureRecorder failures;
    private final Clock clock;

    public RestockSweep(LedgerRepository ledger, Restocker restocker, FailureRecorder failures, Clock clock) {
        this.ledger = ledger;
        this.restocker = restocker;
        this.failures = failures;
        this.clock = clock;
    }

    /** The named parameters of {@link LedgerRepository#UNCONFIRMED_RESTOCKS_DUE}: claims lapsed by now, the limit. */
    public Map<String, Object> dueWorkParameters() {
        return Map.of("now", Sql.utc(clock.instant()), "limit", LINES_PER_SWEEP);
    }

    /** Settles one line the sweep picked: true once its outcome is known, false if it stays for the next sweep. */
    public boolean settle(@ExchangeProperty(LogContext.ITEM_ID) String itemId) {
        return ledger.find(itemId).map(this::settleLine).orElse(false);
    }

    /** How many lines of this sweep were settled, logged when any were. */
    public int report(List<?> settledOrNot) {
        int settled = (int) settledOrNot.stream().filter(Boolean.TRUE::equals).count();
        if (settled > 0) {
            log.info("Settled {} lines whose stock-in outcome was unknown", settled);
        }
        return settled;
    }

    public int settleUnconfirmed() {
        return report(ledger.findUnconfirmedRestocks(LINES_PER_SWEEP).stream().map(this::settleLine).toList());
    }

    private boolean settleLine(LedgerLine line) {
        try {
            restocker.restock(RestockOrder.from(line));
            return true;
        } catch (RuntimeException e) {
            failures.recordUnsettled(line, e);
            return false;
        }
    }
}
