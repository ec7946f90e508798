package org.returnsbridge.exceptions;

/**
 * What a replay did. {@code outcome}: RESOLVED (the work went through), STILL_FAILING (it failed again
 * and is back in the queue with one more attempt), NOT_REPLAYABLE, NOT_FOUND, IN_PROGRESS (another replay of
 * the record is running, on the node the message names).
 */
public record ReplayResult(long id, String outcome, ExceptionStatus status, String message) {

    public static ReplayResult notFound(long id) {
        return new ReplayResult(id, "NOT_FOUND", null, "no exception record " + id);
    }
}
