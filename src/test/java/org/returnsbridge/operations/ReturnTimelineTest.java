package org.returnsbridge.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.returnsbridge.ledger.LedgerLine;
import org.returnsbridge.ledger.LineState;

/** The timeline's view model from recorded rows alone: batch stock-ins, queued lines, the order of events. */
class ReturnTimelineTest {

    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    @Test
    void linesSharingAnIntervalBatchAreOneStockInAndEventsAreInTimeOrder() {
        LedgerLine first = line("a", LineState.RESTOCKED, "batch-7", 900L, T0, T0.plusSeconds(60), T0.plusSeconds(120));
        LedgerLine second = line("b", LineState.RESTOCKED, "batch-7", 900L, T0.plusSeconds(5), T0.plusSeconds(61),
                T0.plusSeconds(120));

        ReturnTimeline timeline = ReturnTimeline.of("r-1", List.of(second, first), List.of(), List.of(), T0.plusSeconds(3600));

        assertThat(timeline.stockIns()).singleElement().satisfies(stockIn -> {
            assertThat(stockIn.externalId()).isEqualTo("batch-7");
            assertThat(stockIn.sitooTransactionId()).isEqualTo(900L);
            assertThat(stockIn.itemIds()).containsExactlyInAnyOrder("a", "b");
            assertThat(stockIn.units()).isEqualTo(4);
            assertThat(stockIn.status()).isEqualTo("confirmed by Sitoo");
        });
        assertThat(timeline.transitions()).extracting(ReturnTimeline.Transition::at).isSorted();
        assertThat(timeline.transitions().get(0).what()).startsWith("item a");
        assertThat(timeline.state()).isEqualTo("restocked_not_refunded");
        assertThat(timeline.ageSeconds()).isEqualTo(3600);
    }

    @Test
    void aQueuedLineHasAStockInWaitingForItsBatchAndNoInventedTimes() {
        LedgerLine queued = new LedgerLine("q", "r-2", "accepted", "accepted", "SKU", "SKU", 1, "store", 1, "sellable",
                "size", "102", "RESTOCK", LineState.RESTOCKING, null, "batch-8", T0.plusSeconds(10), null, null, null, null,
                T0, T0.plusSeconds(10), T0.plusSeconds(10), T0.plusSeconds(10));

        ReturnTimeline timeline = ReturnTimeline.of("r-2", List.of(queued), List.of(), List.of(), T0.plusSeconds(20));

        assertThat(timeline.stockIns()).singleElement()
                .satisfies(s -> assertThat(s.status()).isEqualTo("queued for the interval batch"));
        assertThat(timeline.transitions()).extracting(ReturnTimeline.Transition::what).noneMatch(w -> w.contains("posted"))
                .noneMatch(w -> w.contains("restocked:"));
    }

    private static LedgerLine line(String itemId, LineState state, String externalId, Long transactionId, Instant seen,
                                   Instant posted, Instant restocked) {
        return new LedgerLine(itemId, "r-1", "accepted", "accepted", "SKU", "SKU", 2, "store", 1, "sellable", "size",
                "102", "RESTOCK", state, null, externalId, posted, posted, transactionId, restocked, null, seen, restocked,
                restocked, null);
    }
}
