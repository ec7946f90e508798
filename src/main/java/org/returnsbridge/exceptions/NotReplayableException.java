package org.returnsbridge.exceptions;

/** The record names nothing that can be run again (say, a return that arrived without an id). */
public class NotReplayableException extends RuntimeException {

    public NotReplayableException(String reason) {
        super(reason);
    }
}
