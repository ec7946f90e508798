package org.returnsbridge.flow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.returnsbridge.reveni.ListPosition;

/**
 * Where one poll is in Reveni's returns list, kept by keyset rather than by page number.
 *
 * <p>The list is ordered by {@code updated_at}, so it shifts under a long poll: a return updated meanwhile
 * moves to the end and every return after its old place moves one place back. Page n+1 of the same query
 * then starts one return later than it did when page n was read, and the return at the page edge is never
 * read (a three-node chaos test lost 19 of 2,000 so; the checkpoint then passed them for good). So after
 * each page the poll asks again from page 1 for what was updated at or after the last return it read:
 * updates behind the cursor cannot move anything still ahead of it.
 *
 * <p>{@code updated_after} is inclusive and has whole-second precision, so the new query starts with the
 * returns of that last second again; those already read (by id) are dropped, anything else is kept, so a
 * return is at worst read twice (harmless: every step is idempotent), never skipped. Only when a page
 * cannot move the cursor forward does the poll go on by page number within the same query: when the whole
 * page shares the cursor's second (more returns in one second than a page holds), or when no element of
 * it has a readable {@code updated_at} and {@code id} (an invalid return, or a page that could not be read
 * at all), or when the page ends with such an element (a query from the last readable second would serve it
 * again). The cursor then keeps the last good position, and the next readable page moves it on. Those
 * page-number steps are the one place a shift can still skip (a return updated behind them, in that same
 * crowded second or run of unreadable returns); the overlap of the next poll re-reads them.
 */
final class ReturnsCursor {

    /**
     * A bound on the ids remembered from one crowded second (a bulk import may give thousands one
     * updated_at), so memory stays flat. Forgetting only costs a re-read, which is harmless; within the
     * bound (a hundred full pages) a re-read of an already read return is dropped.
     */
    static final int MAX_REMEMBERED_IDS = 10_000;

    private Instant updatedAfter;
    private long page = 1;
    /** The {@code updated_at} of the latest return read, in list order; null before the first. */
    private Instant lastSecond;
    /** The ids read with {@code updated_at} equal to {@link #lastSecond}: the next query starts with them again. */
    private final Set<String> readInLastSecond = new HashSet<>();
    /** This page had an element the cursor could not place after its last readable return. */
    private boolean unplacedAtTheEnd;

    ReturnsCursor(Instant from) {
        this.updatedAfter = from;
    }

    Instant updatedAfter() {
        return updatedAfter;
    }

    long page() {
        return page;
    }

    /**
     * The elements of a page this poll has not read yet, in order; the cursor moves past them. An element
     * whose place cannot be read is always kept: it cannot be told apart from one never read.
     */
    List<JsonNode> unread(List<JsonNode> results) {
        List<JsonNode> unread = new ArrayList<>(results.size());
        for (JsonNode element : results) {
            Optional<ListPosition> position = ListPosition.of(element);
            if (position.isEmpty()) {
                unread.add(element);
                unplacedAtTheEnd = true;
            } else if (!alreadyRead(position.get())) {
                unread.add(element);
                moveTo(position.get());
            }
        }
        return unread;
    }

    /**
     * This page held something that could not be read at all (an unreadable page salvaged return by return
     * with a return still unreadable): where it stands is unknown, so treat it as after the last readable return.
     */
    void unplacedElement() {
        unplacedAtTheEnd = true;
    }

    /**
     * Moves to the query for the next page: keyset when the cursor moved on, else the next page number. Also
     * by page number when the page ended with something unplaced: it sorts at or after the last readable
     * return, so a query from that return's second would serve it again, and an unreadable page read twice
     * would count twice towards giving up on Reveni.
     */
    void advance() {
        if (lastSecond != null && lastSecond.isAfter(updatedAfter) && !unplacedAtTheEnd) {
            updatedAfter = lastSecond;
            page = 1;
        } else {
            page++;
        }
        unplacedAtTheEnd = false;
    }

    private boolean alreadyRead(ListPosition position) {
        return position.updatedAt().equals(lastSecond) && readInLastSecond.contains(position.id());
    }

    private void moveTo(ListPosition position) {
        unplacedAtTheEnd = false;
        if (lastSecond == null || position.updatedAt().isAfter(lastSecond)) {
            lastSecond = position.updatedAt();
            readInLastSecond.clear();
        }
        if (position.updatedAt().equals(lastSecond) && readInLastSecond.size() < MAX_REMEMBERED_IDS) {
            readInLastSecond.add(position.id());
        }
        // An element dated before the cursor (out of the contract's order) is kept but moves nothing.
    }
}
