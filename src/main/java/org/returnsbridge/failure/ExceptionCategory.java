package org.returnsbridge.failure;

/**
 * Why a line (or a poll) could not be placed. Transient categories clear by themselves once the
 * vendor is back; permanent ones need a person to fix a mapping, a product or the data.
 */
public enum ExceptionCategory {
    UNKNOWN_SKU(false),
    UNMAPPED_LOCATION(false),
    INVALID_RETURN(false),
    SITOO_REJECTED(false),
    /** Sitoo refused the return order for a refund or an exchange. */
    REFUND_POST_FAILED(false),
    /** A refund's lines do not add up to its amount (at Reveni's precision, or once in cents). */
    REFUND_MISMATCH(false),
    SITOO_UNAVAILABLE(true),
    REVENI_UNAVAILABLE(true),
    INTERNAL_ERROR(true);

    private final boolean transientFailure;

    ExceptionCategory(boolean transientFailure) {
        this.transientFailure = transientFailure;
    }

    public boolean isTransient() {
        return transientFailure;
    }

    /** The category a failure files under: its own if the bridge understood it, INTERNAL_ERROR if not. */
    public static ExceptionCategory of(Throwable failure) {
        return failure instanceof BridgeException b ? b.category() : INTERNAL_ERROR;
    }

    /** A failure as an operator reads it: the bridge's own sentence, or the unexpected exception named. */
    public static String reasonOf(Throwable failure) {
        if (failure == null) {
            return "unknown failure";
        }
        if (failure instanceof BridgeException) {
            return failure.getMessage();
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.springframework.dao.DataAccessException || t instanceof java.sql.SQLException) {
                // A driver's message carries the SQL and the values: the log has it, the reason does not.
                return "database error (" + t.getClass().getSimpleName() + "); the details are in the bridge's log";
            }
        }
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }
}
