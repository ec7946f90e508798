package org.returnsbridge.support;

/** A vendor answered with a body larger than the bridge accepts; nothing of it was kept. */
public class ResponseTooLargeException extends RuntimeException {

    private final long limitBytes;

    public ResponseTooLargeException(long limitBytes) {
        super("answer body larger than " + limitBytes + " bytes");
        this.limitBytes = limitBytes;
    }

    public long limitBytes() {
        return limitBytes;
    }
}
