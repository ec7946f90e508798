package org.returnsbridge.returns;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import org.returnsbridge.ledger.LedgerLine;
import org.returnsbridge.ledger.LineState;
import org.returnsbridge.ledger.TransitionState;
import org.returnsbridge.sales.SalesRecord;
import org.returnsbridge.sales.SalesRecordState;


/** One return as finance sees it: its transition state and age, each line's, and its sales records. */
public record ReturnOverview(String returnId, TransitionState state, Instant firstSeen, long ageSeconds,
                             Instant stateSince, long ageInStateSeconds, List<LineOverview> lines,
                             List<SalesRecord> sales) {

    public record LineOverview(String itemId, String sku, Integer quantity, LineState ledgerState,
                               TransitionState state, String stateReason, Long sitooTransactionId, Integer warehouseId) {}

    public static ReturnOverview of(String returnId, List<LedgerLine> lines, List<SalesRecord> sales, Instant now) {
        List<LineOverview> lineViews = lines.stream().map(l -> new LineOverview(l.itemId(), l.sku(), l.quantity(),
                l.state(), lineState(l, sales), l.stateReason(), l.sitooTransactionId(), l.warehouseId())).toList();
        TransitionState state = lineViews.stream().map(LineOverview::state).min(Comparator.naturalOrder())
                .orElse(TransitionState.AWAITING_GOODS);
        boolean salesOpen = sales.stream().anyMatch(s -> s.state() == SalesRecordState.PENDING);
        if (sales.stream().anyMatch(s -> s.state() == SalesRecordState.EXCEPTION)) {
            state = TransitionState.EXCEPTION;
        } else if (state == TransitionState.CLOSED && salesOpen) {
            state = TransitionState.RESTOCKED_NOT_REFUNDED;
        }
        Instant firstSeen = lines.stream().map(LedgerLine::createdAt).filter(Objects::nonNull).min(Comparator.naturalOrder())
                .orElse(now);
        Instant since = Stream.concat(lines.stream().map(LedgerLine::stateChangedAt),
                        sales.stream().map(s -> s.recordedAt() != null ? s.recordedAt() : s.createdAt()))
                .filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(firstSeen);
        return new ReturnOverview(returnId, state, firstSeen, Duration.between(firstSeen, now).toSeconds(), since,
                Duration.between(since, now).toSeconds(), lineViews, sales);
    }

    static TransitionState lineState(LedgerLine line, List<SalesRecord> sales) {
        boolean salesException = sales.stream()
                .anyMatch(s -> s.state() == SalesRecordState.EXCEPTION && s.itemIds().contains(line.itemId()));
        if (line.state() == LineState.EXCEPTION || salesException) {
            return TransitionState.EXCEPTION;
        }
        boolean refunded = sales.stream().anyMatch(s -> s.recordsItem(line.itemId()));
        if (!line.state().isFinal()) {
            if (refunded) {
                return TransitionState.REFUNDED_NOT_RESTOCKED;
            }
            return isInTransit(line.returnStatus()) ? TransitionState.AWAITING_GOODS : TransitionState.AWAITING_INSPECTION;
        }
        return line.state() == LineState.RESTOCKED && !refunded ? TransitionState.RESTOCKED_NOT_REFUNDED
                : TransitionState.CLOSED;
    }

    private static boolean isInTransit(String returnStatus) {
        return "incomplete".equals(returnStatus) || "in_progress".equals(returnStatus) || "shipped".equals(returnStatus);
    }
}
