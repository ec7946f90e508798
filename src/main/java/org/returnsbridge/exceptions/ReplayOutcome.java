package org.returnsbridge.exceptions;

/** How a replay of an exception record went. */
public enum ReplayOutcome {
    /** The work went through (or had already: nothing was replayed). */
    RESOLVED,
    /** It failed again and is back in the queue with one more attempt. */
    STILL_FAILING,
    /** The record names nothing that can be run again. */
    NOT_REPLAYABLE,
    /** There is no such record. */
    NOT_FOUND,
    /** Another replay of the record is running, on the node the message names. */
    IN_PROGRESS
}
