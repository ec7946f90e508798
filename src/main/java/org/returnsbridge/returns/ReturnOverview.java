package org.returnsbridge.returns;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * One overview per return the lines name, in the order the lines first name each return (callers read lines
     * oldest first, so the list is too). Each return gets the sales records carrying its id; records of returns
     * without lines are ignored.
     */
    public static List<ReturnOverview> ofEach(List<LedgerLine> lines, List<SalesRecord> sales, Instant now) {
        Map<String, List<LedgerLine>> linesByReturn = new LinkedHashMap<>();
        lines.forEach(line -> linesByReturn.computeIfAbsent(line.returnId(), id -> new ArrayList<>()).add(line));
        Map<String, List<SalesRecord>> salesByReturn = new HashMap<>();
        sales.forEach(record -> salesByReturn.computeIfAbsent(record.returnId(), id -> new ArrayList<>()).add(record));
        List<ReturnOverview> overviews = new ArrayList<>(linesByReturn.size());
        linesByReturn.forEach((returnId, returnLines) ->
                overviews.add(of(returnId, returnLines, salesByReturn.getOrDefault(returnId, List.of()), now)));
        return overviews;
    }

    /** The returns the lines name, each once, in the order they first appear: the ids to read sales records for. */
    public static List<String> returnIds(List<LedgerLine> lines) {
        return lines.stream().map(LedgerLine::returnId).distinct().toList();
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
