package org.returnsbridge.support;

/** A request the caller must fix: answered 400 {@code {"detail": message}} by {@link ApiErrorAdvice}. */
public class BadRequestException extends RuntimeException {

    public BadRequestException(String detail) {
        super(detail, null, false, false);
    }
}
