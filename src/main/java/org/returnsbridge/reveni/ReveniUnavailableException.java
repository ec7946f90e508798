package org.returnsbridge.reveni;

import org.returnsbridge.failure.ExceptionCategory;
import org.returnsbridge.failure.VendorUnavailableException;

/** Reveni did not give a usable answer to a poll: the checkpoint stays, the next poll tries again. */
public class ReveniUnavailableException extends VendorUnavailableException {

    public ReveniUnavailableException(String reason, Throwable cause) {
        super(ExceptionCategory.REVENI_UNAVAILABLE, reason, cause);
    }
}
