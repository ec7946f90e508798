package org.returnsbridge.failure;

import java.util.OptionalLong;

/**
 * A vendor (Sitoo or Reveni) gave no usable answer: the failure is transient and may be redelivered in
 * flight. The error policy and the retry delay need only what every vendor shares, so they know no vendor
 * package.
 */
public abstract class VendorUnavailableException extends BridgeException {

    protected VendorUnavailableException(ExceptionCategory category, String reason, Throwable cause) {
        super(category, reason, cause);
    }

    /** How long the vendor asked the bridge to wait (a 429's Retry-After), if it said. */
    public OptionalLong retryAfterSeconds() {
        return OptionalLong.empty();
    }

    /**
     * Retrying within seconds cannot help (the vendor is known to be down, or a settle time must pass first):
     * the work goes to the exception queue at once, to be replayed later.
     */
    public boolean isPointlessToRetryNow() {
        return false;
    }
}
