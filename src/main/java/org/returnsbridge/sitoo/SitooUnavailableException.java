package org.returnsbridge.sitoo;

import java.util.OptionalLong;

import org.returnsbridge.failure.ExceptionCategory;
import org.returnsbridge.failure.VendorUnavailableException;

/**
 * Sitoo did not give a usable answer. What that means for a write depends on the {@link Kind}: after
 * {@code NO_ANSWER} (no connection, timeout, 5xx) the stock may or may not have moved, which is why a
 * retry must read Sitoo back first; after {@code THROTTLED} (429) Sitoo refused before doing anything.
 */
public class SitooUnavailableException extends VendorUnavailableException {

    public enum Kind {
        /** No answer, a timeout or a 5xx: a write's outcome is unknown. */
        NO_ANSWER,
        /** 429, or the bridge's own rate limit turned the call away unsent: nothing was applied. */
        THROTTLED,
        /** Not tried: the circuit is open after repeated failures. */
        CIRCUIT_OPEN,
        /** Not tried: an earlier unanswered stock-in may still land; it is settled later by read-back. */
        NOT_SETTLED
    }

    private final Kind kind;
    private final OptionalLong retryAfterSeconds;

    public SitooUnavailableException(String reason, OptionalLong retryAfterSeconds, Throwable cause) {
        this(Kind.NO_ANSWER, reason, retryAfterSeconds, cause);
    }

    public SitooUnavailableException(Kind kind, String reason, OptionalLong retryAfterSeconds, Throwable cause) {
        super(ExceptionCategory.SITOO_UNAVAILABLE, reason, cause);
        this.kind = kind;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static SitooUnavailableException circuitOpen(String reason) {
        return new SitooUnavailableException(Kind.CIRCUIT_OPEN, reason, OptionalLong.empty(), null);
    }

    public static SitooUnavailableException notSettled(String reason) {
        return new SitooUnavailableException(Kind.NOT_SETTLED, reason, OptionalLong.empty(), null);
    }

    public Kind kind() {
        return kind;
    }

    @Override
    public OptionalLong retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** Sitoo certainly did not apply the request. */
    public boolean wasNotApplied() {
        return kind == Kind.THROTTLED || kind == Kind.CIRCUIT_OPEN || kind == Kind.NOT_SETTLED;
    }

    /**
     * Retrying within seconds cannot help: Sitoo is known to be down, or a settle time of minutes must
     * pass first. The line goes to the exception queue at once, to be replayed later.
     */
    @Override
    public boolean isPointlessToRetryNow() {
        return kind == Kind.CIRCUIT_OPEN || kind == Kind.NOT_SETTLED;
    }
}
