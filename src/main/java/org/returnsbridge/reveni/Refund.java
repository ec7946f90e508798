package org.returnsbridge.reveni;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A Reveni refund: its own id and status (pending, succeeded, failed), possibly covering only some
 * items or quantities of the return. {@code problem} is null for a usable refund, or says what is wrong.
 */
public record Refund(String id, String status, BigDecimal amount, String currency, String method, Instant createdAt,
                     List<RefundItem> items, String problem) {

    public record RefundItem(String itemId, int quantity, BigDecimal amount) {}

    public boolean isSucceeded() {
        return "succeeded".equals(status);
    }

    public boolean isFailed() {
        return "failed".equals(status);
    }
}
