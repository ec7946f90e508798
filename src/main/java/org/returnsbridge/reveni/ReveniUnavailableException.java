package org.returnsbridge.reveni;

import java.util.OptionalLong;

import org.returnsbridge.failure.ExceptionCategory;
import org.returnsbridge.failure.VendorUnavailableException;

/**
 * Reveni did not give a usable answer: a poll keeps its checkpoint and the next poll tries again; a replay
 * that could not read the return goes back to the queue, due no sooner than a Retry-After Reveni sent.
 */
public class ReveniUnavailableException extends VendorUnavailableException {

    private final OptionalLong retryAfterSeconds;

    public ReveniUnavailableException(String reason, Throwable cause) {
        this(reason, OptionalLong.empty(), cause);
    }

    public ReveniUnavailableException(String reason, OptionalLong retryAfterSeconds, Throwable cause) {
        super(ExceptionCategory.REVENI_UNAVAILABLE, reason, cause);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public OptionalLong retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
