package org.returnsbridge.monitoring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.returnsbridge.ledger.LedgerLine;
import org.returnsbridge.ledger.LedgerRepository;
import org.returnsbridge.ledger.TransitionState;
import org.returnsbridge.returns.ReturnOverview;
import org.returnsbridge.sales.SalesLedger;

/**
 * Returns by transition state, with the longest time one has been in each, exactly as the returns view
 * ({@link ReturnOverview}) and the reconciliation's stuck-return check judge them. The state combines lines
 * and sales records, so it is worked out here rather than in SQL; to bound the work, only returns first seen
 * within {@link #WINDOW} count, at most {@link #MAX_RETURNS} of them (the oldest first: those are the ones
 * that may be stuck).
 */
class ReturnStateCounter {

    static final Duration WINDOW = Duration.ofDays(30);
    static final int MAX_RETURNS = 5000;

    /** Count and the longest time in the state, in seconds. */
    record StateCount(long returns, long oldestAgeSeconds) {
    }

    private final LedgerRepository ledger;
    private final SalesLedger sales;
    private final Clock clock;

    ReturnStateCounter(LedgerRepository ledger, SalesLedger sales, Clock clock) {
        this.ledger = ledger;
        this.sales = sales;
        this.clock = clock;
    }

    Map<TransitionState, StateCount> count() {
        Instant now = clock.instant();
        List<LedgerLine> lines = ledger.findByFirstSeen(now.minus(WINDOW), now.plusSeconds(1), MAX_RETURNS);
        List<ReturnOverview> overviews = ReturnOverview.ofEach(lines,
                sales.findByReturns(ReturnOverview.returnIds(lines)), now);

        Map<TransitionState, StateCount> counts = new EnumMap<>(TransitionState.class);
        for (TransitionState state : TransitionState.values()) {
            counts.put(state, new StateCount(0, 0));
        }
        overviews.forEach(overview ->
            counts.merge(overview.state(), new StateCount(1, overview.ageInStateSeconds()), (a, b) ->
                    new StateCount(a.returns() + b.returns(), Math.max(a.oldestAgeSeconds(), b.oldestAgeSeconds()))));
        return counts;
    }
}
