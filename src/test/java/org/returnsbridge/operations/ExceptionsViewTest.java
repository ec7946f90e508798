package org.returnsbridge.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.returnsbridge.exceptions.ExceptionRecord;
import org.returnsbridge.exceptions.ExceptionStatus;
import org.returnsbridge.exceptions.WorkKind;
import org.returnsbridge.failure.ExceptionCategory;

/** The exception view stays bounded however many records a category holds, and says how many it leaves out. */
class ExceptionsViewTest {

    @Test
    void eachCategoryShowsAtMostTheBoundAndCountsTheRest() {
        List<Integer> asked = new ArrayList<>();
        ExceptionsView view = ExceptionsView.of(ExceptionStatus.OPEN,
                Map.of(ExceptionCategory.SITOO_UNAVAILABLE, 5000L, ExceptionCategory.UNKNOWN_SKU, 2L),
                (category, limit) -> {
                    asked.add(limit);
                    long n = category == ExceptionCategory.UNKNOWN_SKU ? 2 : limit;
                    return LongStream.rangeClosed(1, n).mapToObj(id -> record(id, category)).toList();
                }, 50);

        assertThat(asked).containsOnly(50);
        assertThat(view.categories()).extracting(ExceptionsView.Category::category)
                .containsExactly("unknown_sku", "sitoo_unavailable");
        ExceptionsView.Category flood = view.categories().get(1);
        assertThat(flood.rows()).hasSize(50);
        assertThat(flood.more()).isEqualTo(4950);
        assertThat(flood.transientFailure()).isTrue();
        assertThat(view.categories().get(0).more()).isZero();
        assertThat(view.total()).isEqualTo(5002);
    }

    @Test
    void onlyOpenRecordsCanBeIgnoredAndOnlyUnresolvedOnesReplayed() {
        ExceptionsView.Row resolved = ExceptionsView.Row.of(record(1, ExceptionCategory.UNKNOWN_SKU, ExceptionStatus.RESOLVED));
        ExceptionsView.Row ignored = ExceptionsView.Row.of(record(2, ExceptionCategory.UNKNOWN_SKU, ExceptionStatus.IGNORED));

        assertThat(resolved.replayable()).isFalse();
        assertThat(resolved.ignorable()).isFalse();
        assertThat(ignored.replayable()).isTrue();
        assertThat(ignored.ignorable()).isFalse();
        assertThat(ignored.status()).isEqualTo("ignored");
    }

    private static ExceptionRecord record(long id, ExceptionCategory category) {
        return record(id, category, ExceptionStatus.OPEN);
    }

    private static ExceptionRecord record(long id, ExceptionCategory category, ExceptionStatus status) {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        return new ExceptionRecord(id, "item-" + id, WorkKind.LINE, category, "why", "r-" + id, "item-" + id, "sku",
                "store", 1, null, 1, status, at, at, null, null);
    }
}
