package org.returnsbridge.monitoring;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.returnsbridge.ledger.TransitionState;

/** One reading of the shared tables, taken by {@link DatabaseSnapshotReader}; the gauges show the latest. */
record DatabaseSnapshot(List<LineCount> lines, Map<TransitionState, ReturnStateCounter.StateCount> returns, List<SalesCount> sales, Map<String, Long> openExceptionsByCategory,
                        Instant oldestOpenException, List<StoreCheckpoint> checkpoints, long webhookBacklog,
                        Instant oldestWebhook, long intervalQueueDepth, Instant lastReconciliation,
                        Map<String, Long> latestFindings, Instant lastCompletePoll, Instant takenAt) {

    /** Ledger lines in one state for one warehouse ("none" before a warehouse is known), with their units. */
    record LineCount(String outcome, String warehouse, long lines, long units) {
    }

    /** Sales records (refunds, exchanges) of one kind in one state. */
    record SalesCount(String kind, String state, long records) {
    }

    /**
     * How far the poll has read for one store ("all" when the poll does not split by store): the later of its
     * checkpoint and the start of its last complete poll.
     */
    record StoreCheckpoint(String store, Instant checkpointAt) {
    }

    static DatabaseSnapshot empty() {
        return new DatabaseSnapshot(List.of(), Map.of(), List.of(), Map.of(), null, List.of(), 0, null, 0, null, Map.of(),
                null, null);
    }
}
