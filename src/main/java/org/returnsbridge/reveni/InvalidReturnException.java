package org.returnsbridge.reveni;

import org.returnsbridge.failure.BridgeException;
import org.returnsbridge.failure.ExceptionCategory;

/** Reveni sent a return (or a line of one) that breaks the contract; it is recorded, never guessed at. */
public class InvalidReturnException extends BridgeException {

    private final String returnId;

    public InvalidReturnException(String returnId, String reason) {
        super(ExceptionCategory.INVALID_RETURN, reason);
        this.returnId = returnId;
    }

    public String returnId() {
        return returnId;
    }
}
