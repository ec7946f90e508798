package org.returnsbridge.sitoo;

import org.returnsbridge.failure.BridgeException;
import org.returnsbridge.failure.ExceptionCategory;

/** Sitoo answered, and the answer is no (a 4xx other than 429, or a failed element in a 200 envelope). */
public class SitooRejectedException extends BridgeException {

    private final int status;

    public SitooRejectedException(int status, String reason) {
        super(ExceptionCategory.SITOO_REJECTED, reason);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
