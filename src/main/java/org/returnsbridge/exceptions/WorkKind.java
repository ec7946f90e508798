package org.returnsbridge.exceptions;

/**
 * What kind of work an exception record holds, stored in its {@code kind} column. A replay dispatches on it
 * ({@link Replayer}); the record's key only names which unit of that kind it is.
 */
public enum WorkKind {
    /** A poll of Reveni: replayed by polling again. */
    POLL(false),
    /** A whole return (or a part of it that has no record of its own): read again from Reveni and run again. */
    RETURN(true),
    /** One return line, by its Reveni item id: the return is read again and that line runs again. */
    LINE(true),
    /** A refund or an exchange: the return is read again and its sales records run again. */
    SALES(true);

    private final boolean replayedBySweep;

    WorkKind(boolean replayedBySweep) {
        this.replayedBySweep = replayedBySweep;
    }

    /**
     * Whether the exception sweep replays it when it is due. A poll is not: the poll schedule itself retries
     * Reveni, and a second poll alongside it helps nobody.
     */
    public boolean isReplayedBySweep() {
        return replayedBySweep;
    }

    /** The kinds the sweep replays, as an SQL list of literals (the {@code kind} column holds the names). */
    static String sweptKindsSql() {
        return java.util.Arrays.stream(values()).filter(WorkKind::isReplayedBySweep)
                .map(kind -> "'" + kind.name() + "'").collect(java.util.stream.Collectors.joining(", "));
    }
}
