package org.returnsbridge.reveni;

/** Reveni answered 2xx with something that is not JSON; the caller decides what that means for its read. */
public class ReveniAnswerNotJsonException extends RuntimeException {

    public ReveniAnswerNotJsonException(String message, Throwable cause) {
        super(message, cause);
    }
}
