package org.returnsbridge.exceptions;

/**
 * Runs a recorded unit of work again, as its {@link WorkKind} says, through the bridge's normal path (so a replay is exactly as
 * safe as the first attempt: a line whose stock already moved does not move again). A failure of the
 * replayed work is recorded by that path itself, against the same record.
 */
public interface Replayer {

    /** @throws NotReplayableException when the record names no work that can be fetched again */
    void replay(ExceptionRecord record);
}
