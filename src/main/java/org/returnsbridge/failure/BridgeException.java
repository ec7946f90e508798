package org.returnsbridge.failure;

/** A failure the bridge understands well enough to file under a category with a readable reason. */
public class BridgeException extends RuntimeException {

    private final ExceptionCategory category;

    public BridgeException(ExceptionCategory category, String reason) {
        super(reason);
        this.category = category;
    }

    public BridgeException(ExceptionCategory category, String reason, Throwable cause) {
        super(reason, cause);
        this.category = category;
    }

    public ExceptionCategory category() {
        return category;
    }
}
