package org.returnsbridge.sitoo;

import java.util.OptionalLong;

import org.returnsbridge.exceptions.BridgeException;
import org.returnsbridge.exceptions.ExceptionCategory;

/**
 * Sitoo did not give a usable answer (no connection, timeout, 5xx, 429). For a write the outcome is
 * unknown: the stock may or may not have moved, which is why a retry must read Sitoo back first.
 */
public class SitooUnavailableException extends BridgeException {

    private final OptionalLong retryAfterSeconds;
    private final boolean circuitOpen;

    public SitooUnavailableException(String reason, OptionalLong retryAfterSeconds, Throwable cause) {
        this(reason, retryAfterSeconds, cause, false);
    }

    private SitooUnavailableException(String reason, OptionalLong retryAfterSeconds, Throwable cause, boolean circuitOpen) {
        super(ExceptionCategory.SITOO_UNAVAILABLE, reason, cause);
        this.retryAfterSeconds = retryAfterSeconds;
        this.circuitOpen = circuitOpen;
    }

    /** Not even tried: retrying within seconds is pointless, the line goes straight to the queue. */
    public static SitooUnavailableException circuitOpen(String reason) {
        return new SitooUnavailableException(reason, OptionalLong.empty(), null, true);
    }

    public OptionalLong retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public boolean isCircuitOpen() {
        return circuitOpen;
    }
}
