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

    public SitooUnavailableException(String reason, OptionalLong retryAfterSeconds, Throwable cause) {
        super(ExceptionCategory.SITOO_UNAVAILABLE, reason, cause);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public OptionalLong retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
