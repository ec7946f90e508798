package org.returnsbridge.returns;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.returnsbridge.ledger.LedgerLine;
import org.returnsbridge.ledger.LineState;
import org.returnsbridge.ledger.TransitionState;
import org.returnsbridge.sales.SalesRecord;
import org.returnsbridge.sales.SalesRecordState;

/** Grouping a page of ledger lines and sales records into one overview per return, as every list of returns does. */
class ReturnOverviewTest {

    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    @Test
    void oneOverviewPerReturnInTheOrderTheLinesFirstNameThemEachWithItsOwnSales() {
        List<LedgerLine> lines = List.of(restocked("a1", "r-a"), restocked("b1", "r-b"), restocked("a2", "r-a"));
        // r-b's refund covers its line; r-a's lines have no refund, and a refund of a return without lines is ignored.
        List<SalesRecord> sales = List.of(refund("r-b", "b1"), refund("r-none", "x1"));

        List<ReturnOverview> overviews = ReturnOverview.ofEach(lines, sales, T0.plusSeconds(3600));

        assertThat(overviews).extracting(ReturnOverview::returnId).containsExactly("r-a", "r-b");
        assertThat(overviews.get(0).lines()).extracting(ReturnOverview.LineOverview::itemId).containsExactly("a1", "a2");
        assertThat(overviews.get(0).sales()).isEmpty();
        assertThat(overviews.get(0).state()).isEqualTo(TransitionState.RESTOCKED_NOT_REFUNDED);
        assertThat(overviews.get(1).sales()).extracting(SalesRecord::returnId).containsExactly("r-b");
        assertThat(overviews.get(1).state()).isEqualTo(TransitionState.CLOSED);
        assertThat(ReturnOverview.returnIds(lines)).containsExactly("r-a", "r-b");
    }

    @Test
    void noLinesNoOverviews() {
        assertThat(ReturnOverview.ofEach(List.of(), List.of(refund("r-a", "a1")), T0)).isEmpty();
    }

    private static LedgerLine restocked(String itemId, String returnId) {
        return new LedgerLine(itemId, returnId, "accepted", "accepted", "SKU", "SKU", 1, "store", 1, "sellable", "size",
                "102", "RESTOCK", LineState.RESTOCKED, null, "rv-" + itemId, T0, T0, 900L, T0, null, T0, T0, T0, null);
    }

    private static SalesRecord refund(String returnId, String itemId) {
        return new SalesRecord("refund-" + itemId, "refund", returnId, "rf-" + itemId, itemId, "refunded",
                BigDecimal.TEN, "SEK", SalesRecordState.RECORDED, null, "rf-" + itemId, 77L, null, T0, T0, T0,
                List.of(itemId));
    }
}
