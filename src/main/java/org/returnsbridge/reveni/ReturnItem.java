package org.returnsbridge.reveni;

/**
 * One line of a Reveni return, as far as the bridge needs it. {@code problem} is null for a usable
 * line, or says what is wrong with it (the line then becomes an INVALID_RETURN exception while the
 * other lines of the same return carry on).
 */
public record ReturnItem(
        int index,
        String id,
        String sku,
        int quantity,
        String returnReason,
        String status,
        String condition,
        String rejectReason,
        String name,
        java.math.BigDecimal unitPrice,
        Exchange exchange,
        String problem) {

    /** What the customer gets instead of money for this line, or null. */
    public record Exchange(String sku, int quantity) {}

    public boolean isValid() {
        return problem == null;
    }

    public boolean isRejected() {
        return "rejected".equals(status);
    }

    public boolean isAccepted() {
        return "accepted".equals(status);
    }

    /** Inspected: Reveni has recorded a condition for it. */
    public boolean isInspected() {
        return condition != null && !condition.isBlank();
    }
}
