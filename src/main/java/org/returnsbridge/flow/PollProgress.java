package org.returnsbridge.flow;

import java.time.Instant;

/**
 * How far one poll has got. Returns arrive ordered by updated_at, so the safe mark is the updated_at
 * of the last return fully processed before the first page the poll could not read. Past such a gap
 * the poll reads on (the rest of the work is not held hostage), but the checkpoint stays before it,
 * so the unread page is read again next time; idempotency makes the re-reading harmless. The returns of a
 * page are processed in parallel, hence the synchronisation.
 */
public final class PollProgress {

    private final Instant startedFrom;
    private Instant safeMark;
    private boolean gap;
    private int pages;
    private int returns;
    private int unreadablePagesInARow;

    PollProgress(Instant startedFrom) {
        this.startedFrom = startedFrom;
    }

    synchronized void returnDone(Instant updatedAt) {
        returns++;
        if (!gap && updatedAt != null && (safeMark == null || updatedAt.isAfter(safeMark))) {
            safeMark = updatedAt;
        }
    }

    synchronized void pageRead() {
        pages++;
        unreadablePagesInARow = 0;
    }

    synchronized void pageUnreadable() {
        pages++;
        unreadablePagesInARow++;
        gap = true;
    }

    /** A return failed and could not even be recorded as an exception: hold the checkpoint before it. */
    synchronized void unrecordedFailure() {
        gap = true;
    }

    synchronized int unreadablePagesInARow() {
        return unreadablePagesInARow;
    }

    synchronized Instant safeMark() {
        return safeMark;
    }

    synchronized boolean hadGap() {
        return gap;
    }

    @Override
    public synchronized String toString() {
        return "poll from " + startedFrom + ": " + pages + " pages, " + returns + " returns"
                + (gap ? ", stopped the checkpoint at an unreadable page" : "") + ", checkpoint " + safeMark;
    }
}
