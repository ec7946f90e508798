package org.returnsbridge.operations;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import org.returnsbridge.exceptions.ExceptionRecord;
import org.returnsbridge.exceptions.ExceptionStatus;
import org.returnsbridge.failure.ExceptionCategory;

/**
 * The exception queue by category, for one status: each category's count, its oldest records up to a bound,
 * and how many more there are. The bound keeps a flood (a vendor outage files thousands) from making a page
 * no browser can open; replaying the category still reaches every record.
 */
public record ExceptionsView(String status, List<Category> categories, long total) {

    public record Category(String category, String words, boolean transientFailure, long count, List<Row> rows,
                           long more) {}

    public record Row(long id, String status, String category, String kind, String key, String reason, String returnId,
                      String itemId, String sku, Integer warehouseId, int attempts, Instant firstSeen, Instant lastSeen,
                      boolean replayable, boolean ignorable) {

        static Row of(ExceptionRecord r) {
            return new Row(r.id(), StateNames.key(r.status()), StateNames.key(r.category()), StateNames.key(r.kind()),
                    r.lineKey(), r.reason(), r.returnId(), r.itemId(), r.sku(), r.warehouseId(), r.attempts(),
                    r.firstSeen(), r.lastSeen(), r.status() != ExceptionStatus.RESOLVED,
                    r.status() == ExceptionStatus.OPEN || r.status() == ExceptionStatus.REPLAYING);
        }
    }

    /**
     * @param counts  records of {@code status} per category (categories with none are left out)
     * @param records the shown records of one category, at most {@code perCategory}
     */
    static ExceptionsView of(ExceptionStatus status, Map<ExceptionCategory, Long> counts,
                             BiFunction<ExceptionCategory, Integer, List<ExceptionRecord>> records, int perCategory) {
        List<Category> categories = new ArrayList<>();
        long total = 0;
        for (ExceptionCategory category : ExceptionCategory.values()) {
            long count = counts.getOrDefault(category, 0L);
            if (count == 0) {
                continue;
            }
            List<Row> rows = records.apply(category, perCategory).stream().map(Row::of).toList();
            categories.add(new Category(StateNames.key(category), StateNames.words(category), category.isTransient(),
                    count, rows, Math.max(0, count - rows.size())));
            total += count;
        }
        return new ExceptionsView(StateNames.key(status), categories, total);
    }
}
