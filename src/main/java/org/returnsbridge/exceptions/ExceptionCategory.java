package org.returnsbridge.exceptions;

/**
 * Why a line (or a poll) could not be placed. Transient categories clear by themselves once the
 * vendor is back; permanent ones need a person to fix a mapping, a product or the data.
 */
public enum ExceptionCategory {
    UNKNOWN_SKU(false),
    UNMAPPED_LOCATION(false),
    INVALID_RETURN(false),
    SITOO_REJECTED(false),
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
}
