package org.returnsbridge.exceptions;

/** What a replay did: its {@link ReplayOutcome}, the record's status after it, and a sentence for the operator. */
public record ReplayResult(long id, ReplayOutcome outcome, ExceptionStatus status, String message) {

    public static ReplayResult notFound(long id) {
        return new ReplayResult(id, ReplayOutcome.NOT_FOUND, null, "no exception record " + id);
    }
}
