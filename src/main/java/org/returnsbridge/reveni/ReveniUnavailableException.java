package org.returnsbridge.reveni;

import org.returnsbridge.exceptions.BridgeException;
import org.returnsbridge.exceptions.ExceptionCategory;

/** Reveni did not give a usable answer to a poll: the checkpoint stays, the next poll tries again. */
public class ReveniUnavailableException extends BridgeException {

    public ReveniUnavailableException(String reason, Throwable cause) {
        super(ExceptionCategory.REVENI_UNAVAILABLE, reason, cause);
    }
}
