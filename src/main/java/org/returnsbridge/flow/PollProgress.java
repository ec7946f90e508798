package org.returnsbridge.flow;

import java.time.Instant;

/**
 * How far one poll has got. Returns arrive ordered by updated_at, so the safe mark is the updated_at
 * of the last return fully processed before the first page the poll could not read. Past such a gap
 * the poll reads on (the rest of the work is not held hostage), but the checkpoint stays before it,
 * so the unread page is read again next time; idempotency makes the re-reading harmless. The returns of a
 * page are processed in parallel, hence the synchronisation.
 *
 * <p>Two more bounds, whatever the data says. The mark never passes the poll's own start: a return
 * dated in the future (a vendor clock error) is processed, but cannot drag the checkpoint past changes
 * that have not happened yet. And it never passes a return whose failure could not even be recorded:
 * the parallel workers finish in any order, so a later return done first must not carry the mark over
 * an earlier one that failed unrecorded; that one is read again next poll.
 */
public final class PollProgress {

    private final Instant startedFrom;
    private final Instant ceiling;
    private Instant safeMark;
    private Instant unrecordedFloor;
    private boolean unrecordedUnplaced;
    private boolean gap;
    private int pages;
    private int returns;
    private int unreadablePagesInARow;

    /** {@code ceiling}: the poll's own start, which the mark never passes. */
    PollProgress(Instant startedFrom, Instant ceiling) {
        this.startedFrom = startedFrom;
        this.ceiling = ceiling;
    }

    /** When the poll started (its ceiling): everything changed before it has been read, once the poll is done. */
    Instant startedAt() {
        return ceiling;
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

    /** Whether this poll has read (or tried) a page yet. */
    synchronized boolean anyPage() {
        return pages > 0;
    }

    synchronized void pageUnreadable() {
        pages++;
        unreadablePagesInARow++;
        gap = true;
    }

    /**
     * A return failed and could not even be recorded as an exception: hold the checkpoint at it (the
     * list's {@code updated_after} is inclusive, so it is read again). {@code updatedAt} null: where it
     * stands is unknown, so nothing more is saved in this poll.
     */
    synchronized void unrecordedFailure(Instant updatedAt) {
        if (updatedAt == null) {
            unrecordedUnplaced = true;
        } else if (unrecordedFloor == null || updatedAt.isBefore(unrecordedFloor)) {
            unrecordedFloor = updatedAt;
        }
    }

    synchronized int unreadablePagesInARow() {
        return unreadablePagesInARow;
    }

    /** Where the checkpoint may safely move, or null when it must not move. */
    synchronized Instant safeMark() {
        if (safeMark == null || unrecordedUnplaced) {
            return null;
        }
        Instant mark = safeMark;
        if (unrecordedFloor != null && mark.isAfter(unrecordedFloor)) {
            mark = unrecordedFloor;
        }
        return mark.isAfter(ceiling) ? ceiling : mark;
    }

    synchronized boolean hadGap() {
        return gap;
    }

    @Override
    public synchronized String toString() {
        return "poll from " + startedFrom + ": " + pages + " pages, " + returns + " returns"
                + (gap ? ", stopped the checkpoint at an unreadable page" : "")
                + (unrecordedFloor != null || unrecordedUnplaced ? ", held the checkpoint at a failure it could not record" : "")
                + (safeMark != null && safeMark.isAfter(ceiling) ? ", a return dated " + safeMark + " is in the future" : "")
                + ", checkpoint " + safeMark();
    }
}
