package org.returnsbridge.ledger;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.returnsbridge.support.Sql;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The return-line ledger. Every state change is a conditional UPDATE, so two workers racing on the
 * same line cannot both win, and a final state (RESTOCKED, NOT_RESTOCKED) is never overwritten.
 *
 * <p>A line's stock-in is posted, read back, requeued or voided only by the holder of the line's claim
 * ({@code claim_token}, until {@code claim_expires_at}): nodes sharing this database exclude each other
 * here, not in memory. Recording an outcome releases the claim in the same statement.
 */
public class LedgerRepository {

    private static final String NOT_FINAL = "state NOT IN ('RESTOCKED', 'NOT_RESTOCKED')";
    /** Nobody holds the line: never claimed, released, or its holder's claim lapsed. */
    private static final String UNCLAIMED = "(claim_token IS NULL OR claim_expires_at < ?)";
    /**
     * A stock-in whose outcome is unknown. Queued lines never sent (last_post_at NULL) belong to the batcher,
     * not to the read-back settling; a line another worker holds (claimed) is being settled by it.
     */
    private static final String UNCONFIRMED_RESTOCK = "restock_intent_at IS NOT NULL AND state <> 'RESTOCKED'"
            + " AND (queued_at IS NULL OR last_post_at IS NOT NULL)";

    /**
     * The same selection as {@link #findUnconfirmedRestocks}, for the restock sweep route's {@code jdbc:}
     * step: the ids of at most {@code :?limit} unconfirmed, unclaimed lines at {@code :?now}, oldest intent
     * first, as the columns {@code itemId} and {@code returnId}.
     */
    public static final String UNCONFIRMED_RESTOCKS_DUE = "SELECT item_id AS \"itemId\", return_id AS \"returnId\""
            + " FROM return_line WHERE " + UNCONFIRMED_RESTOCK
            + " AND (claim_token IS NULL OR claim_expires_at < :?now)"
            + " ORDER BY restock_intent_at FETCH FIRST :?limit ROWS ONLY";
    private static final String RELEASE = "claim_token = NULL, claim_expires_at = NULL";
    /**
     * Where a line that is not (yet) restocked was placed, written with its outcome rather than by a statement of
     * its own; a null (not placed: no mapped location, or no product asked for a line not to restock) keeps the column.
     */
    private static final String PLACEMENT = "warehouse_id = COALESCE(?, warehouse_id), sitoo_sku = COALESCE(?, sitoo_sku)";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    public LedgerRepository(JdbcTemplate jdbc, TransactionTemplate tx, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    /** With transactions of its own on {@code jdbc}'s data source (tests, tools). */
    public LedgerRepository(JdbcTemplate jdbc, Clock clock) {
        this(jdbc, new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource())), clock);
    }

    /**
     * Records what Reveni says about the line now; never touches the bridge's own state columns. A line
     * belongs to the return that first showed it: the update is guarded by its return id, so another
     * return reusing the item id never overwrites it (its SKU, quantity or return). Answers the return
     * the ledger line belongs to, which is another return's id when the item id is taken.
     */
    public String recordSeen(SeenLine seen) {
        return see(seen).owner();
    }

    /**
     * What a sighting did: the return the line belongs to, and whether this sighting inserted it. A line just
     * inserted is known to be open (RECEIVED, no intent), so the flow need not read it back to ask.
     */
    public record Sighting(String owner, boolean inserted) {}

    /** The same as {@link #recordSeen}, also saying whether the line is new to the ledger. */
    public Sighting see(SeenLine seen) {
        OffsetDateTime now = now();
        int updated = jdbc.update("""
                UPDATE return_line SET return_status = ?, item_status = ?, sku = ?, quantity = ?, location_id = ?,
                       inspection_condition = ?, return_reason = ?, updated_at = ?
                 WHERE item_id = ? AND return_id = ?""",
                seen.returnStatus(), seen.itemStatus(), seen.sku(), seen.quantity(), seen.locationId(),
                seen.condition(), seen.returnReason(), now, seen.itemId(), seen.returnId());
        if (updated == 1) {
            return new Sighting(seen.returnId(), false);
        }
        try {
            tx.executeWithoutResult(status -> {
                insertLine(seen, now);
                recordFirstSeen(seen.returnId(), now);
            });
            return new Sighting(seen.returnId(), true);
        } catch (org.springframework.dao.DuplicateKeyException taken) {
            return afterDuplicate(seen, now);
        }
    }

    /**
     * The line's insert met a duplicate key and was rolled back: either its item id is taken (by this return's
     * line another worker inserted first, or by another return's), or the return's first-seen row was in the way
     * ({@link #recordFirstSeen}); then the line is inserted again, lowering the row as need be.
     */
    private Sighting afterDuplicate(SeenLine seen, OffsetDateTime now) {
        String owner = jdbc.queryForList("SELECT return_id FROM return_line WHERE item_id = ?", String.class,
                seen.itemId()).stream().findFirst().orElse(null);
        if (owner == null) {
            try {
                tx.executeWithoutResult(status -> {
                    insertLine(seen, now);
                    lowerFirstSeen(seen.returnId(), now);
                });
                return new Sighting(seen.returnId(), true);
            } catch (org.springframework.dao.DuplicateKeyException meanwhile) {
                return see(seen); // the item id was taken in between: as if it had been from the start
            }
        }
        // Another worker of the same return inserted it first: update instead.
        return owner.equals(seen.returnId()) ? see(seen) : new Sighting(owner, false);
    }

    private void insertLine(SeenLine seen, OffsetDateTime now) {
        jdbc.update("""
                INSERT INTO return_line (item_id, return_id, return_status, item_status, sku, quantity, location_id,
                       inspection_condition, return_reason, state, created_at, updated_at, state_changed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'RECEIVED', ?, ?, ?)""",
                seen.itemId(), seen.returnId(), seen.returnStatus(), seen.itemStatus(), seen.sku(),
                seen.quantity(), seen.locationId(), seen.condition(), seen.returnReason(), now, now, now);
    }

    /**
     * The return's row in {@code ledger_return}, written in the transaction of a line just inserted at
     * {@code createdAt}, so a return is never in the ledger without its row, whenever the node dies. One statement, a
     * write only for the return's first line: the insert is skipped when the row is there with this instant or an
     * earlier one (the return's next lines: one read by primary key). A duplicate key (a row there with a later
     * instant: a line that read the clock earlier landed after the line that wrote the row, two workers or two nodes
     * on one return; or another worker's first line of the return, committed between our read and our insert)
     * rolls the line back with it, and {@link #see} inserts the line again with {@link #lowerFirstSeen}.
     */
    private void recordFirstSeen(String returnId, OffsetDateTime createdAt) {
        jdbc.update("INSERT INTO ledger_return (return_id, first_seen)"
                + " SELECT CAST(? AS VARCHAR(64)), CAST(? AS TIMESTAMP WITH TIME ZONE)"
                + " WHERE NOT EXISTS (SELECT 1 FROM ledger_return WHERE return_id = ? AND first_seen <= ?)",
                returnId, createdAt, returnId, createdAt);
    }

    /** The slow way, after a duplicate key: lower the row if it is later, insert it if it is (still) missing. */
    private void lowerFirstSeen(String returnId, OffsetDateTime createdAt) {
        if (jdbc.update("UPDATE ledger_return SET first_seen = ? WHERE return_id = ? AND first_seen > ?",
                createdAt, returnId, createdAt) == 0) {
            jdbc.update("INSERT INTO ledger_return (return_id, first_seen)"
                    + " SELECT CAST(? AS VARCHAR(64)), CAST(? AS TIMESTAMP WITH TIME ZONE)"
                    + " WHERE NOT EXISTS (SELECT 1 FROM ledger_return WHERE return_id = ?)",
                    returnId, createdAt, returnId);
        }
    }

    /**
     * Whether the line is final (restocked, not restocked); false for a line not in the ledger. One column by primary
     * key: the line route asks it of every line seen again (a poll's overlap re-reads returns), and needs no more.
     */
    public boolean isFinal(String itemId) {
        return jdbc.queryForList("SELECT state FROM return_line WHERE item_id = ?", String.class, itemId).stream()
                .findFirst().map(state -> LineState.valueOf(state).isFinal()).orElse(false);
    }

    /**
     * Whether a line of the return has no outcome of its own: RECEIVED (not decided, or its pass failed before an
     * outcome) or EXCEPTION. Every other state is owned by something (a later state of the return, the restock
     * sweep, the batcher), so acting on the same state again would change nothing.
     */
    public boolean hasLinesWithoutOutcome(String returnId) {
        // The states are checked here, not in the WHERE clause: by return id alone the only index to use is the one
        // on return_id (a return has a few lines), where "state IN (...)" let a planner take the index on state,
        // which in a backlog's first pass holds nearly every line as RECEIVED.
        return jdbc.queryForList("SELECT state FROM return_line WHERE return_id = ?", String.class, returnId).stream()
                .anyMatch(state -> state.equals("RECEIVED") || state.equals("EXCEPTION"));
    }

    public Optional<LedgerLine> find(String itemId) {
        return jdbc.query("SELECT * FROM return_line WHERE item_id = ?", ROW, itemId).stream().findFirst();
    }

    /** Lines of returns first seen in [from, to), oldest returns first, at most {@code limit} returns. */
    public List<LedgerLine> findByFirstSeen(Instant from, Instant to, int limit) {
        return findByFirstSeen(from, null, to, limit);
    }

    /**
     * Lines of returns first seen in [from, to), in (first seen, return id) order, at most {@code limit} returns;
     * with {@code afterReturnId}, only those after the return {@code afterReturnId} first seen at {@code from}:
     * a keyset cursor, so that pages never skip nor repeat returns sharing one first-seen instant. The page of
     * returns is picked from {@code ledger_return} by its index, then its lines are joined by return id.
     */
    public List<LedgerLine> findByFirstSeen(Instant from, String afterReturnId, Instant to, int limit) {
        String after = afterReturnId == null ? "" : " AND (first_seen > ? OR return_id > ?)";
        List<Object> args = new java.util.ArrayList<>(List.of(Sql.utc(from), Sql.utc(to)));
        if (afterReturnId != null) {
            args.addAll(List.of(Sql.utc(from), afterReturnId));
        }
        return jdbc.query("SELECT l.* FROM (SELECT return_id, first_seen FROM ledger_return"
                + " WHERE first_seen >= ? AND first_seen < ?" + after
                + " ORDER BY first_seen, return_id FETCH FIRST " + limit + " ROWS ONLY) r"
                + " JOIN return_line l ON l.return_id = r.return_id"
                + " ORDER BY r.first_seen, r.return_id, l.created_at, l.item_id", ROW, args.toArray());
    }

    /**
     * Lines of the {@code limit} returns first seen most recently (since {@code from}), newest returns first;
     * with an {@code idPrefix}, only returns whose id starts with it (matched literally: {@code %} and {@code _}
     * are no wildcards). For the operations page, which lists what came in lately and looks a return up by id.
     */
    public List<LedgerLine> findLatestReturns(Instant from, String idPrefix, int limit) {
        List<Object> args = new java.util.ArrayList<>(List.of(Sql.utc(from)));
        String prefix = "";
        if (idPrefix != null) {
            prefix = " AND return_id LIKE ? ESCAPE '!'";
            args.add(idPrefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
        }
        return jdbc.query("SELECT l.* FROM (SELECT return_id, first_seen FROM ledger_return WHERE first_seen >= ?" + prefix
                + " ORDER BY first_seen DESC, return_id DESC FETCH FIRST " + limit + " ROWS ONLY) r"
                + " JOIN return_line l ON l.return_id = r.return_id"
                + " ORDER BY r.first_seen DESC, r.return_id DESC, l.created_at, l.item_id", ROW, args.toArray());
    }

    /**
     * A page of the lines restocked in [from, to), in (restocked_at, item_id) order, after the line {@code after}
     * (null: from the first): a day of any size is read a page at a time (index return_line_by_restocked_at).
     */
    public List<LedgerLine> findRestockedBetween(Instant from, Instant to, LedgerLine after, int limit) {
        LedgerLine cursor = after;
        while (true) {
            List<LedgerLine> read = cursor == null
                    ? jdbc.query(RESTOCKED_FIRST_PAGE + limit + " ROWS ONLY", ROW, Sql.utc(from), Sql.utc(to))
                    : jdbc.query(RESTOCKED_NEXT_PAGE + limit + " ROWS ONLY", ROW, Sql.utc(from), Sql.utc(to),
                            Sql.utc(cursor.restockedAt()), Sql.utc(cursor.restockedAt()), cursor.itemId());
            List<LedgerLine> restocked = read.stream().filter(line -> line.state() == LineState.RESTOCKED).toList();
            if (!restocked.isEmpty() || read.size() < limit) {
                return restocked;
            }
            cursor = read.get(read.size() - 1); // a whole page of lines not RESTOCKED (none is, today): read on
        }
    }

    /**
     * The day's pages by the index on (restocked_at, item_id), in its order, so a page reads only its own rows. The
     * state is checked on the rows read, not here: with {@code state = 'RESTOCKED'} in the WHERE clause H2 chose
     * the index on state, read every restocked line of the ledger and sorted them, for every page; a million-line
     * day's reconciliation ran for hours. Only a restocked line has a restocked_at. "restocked_at >= cursor" says
     * again what the OR implies, because neither H2 nor PostgreSQL starts the index range at the cursor from the OR
     * alone. {@code LedgerQueryPlanTest} reads H2's plan of both.
     */
    static final String RESTOCKED_FIRST_PAGE = "SELECT * FROM return_line WHERE restocked_at >= ? AND restocked_at < ?"
            + " ORDER BY restocked_at, item_id FETCH FIRST ";
    static final String RESTOCKED_NEXT_PAGE = "SELECT * FROM return_line WHERE restocked_at >= ? AND restocked_at < ?"
            + " AND restocked_at >= ? AND (restocked_at > ? OR item_id > ?) ORDER BY restocked_at, item_id FETCH FIRST ";

    /** Every line restocked in [from, to) under one of these stock-in external ids, in (restocked_at, item_id) order. */
    public List<LedgerLine> findRestockedBetween(Instant from, Instant to, java.util.Collection<String> externalIds) {
        if (externalIds.isEmpty()) {
            return List.of();
        }
        // By the external ids alone, so that the index on external_id is the only one the query can use; the day's
        // range is checked here instead. With the range in the WHERE clause H2 chose the index on restocked_at,
        // read the whole day through it for every page and tested each line against the ids: a million-line day's
        // reconciliation spent hours in it.
        return jdbc.query("SELECT * FROM return_line WHERE external_id IN ("
                        + String.join(",", java.util.Collections.nCopies(externalIds.size(), "?")) + ")", ROW,
                        externalIds.toArray()).stream()
                .filter(line -> line.state() == LineState.RESTOCKED && line.restockedAt() != null
                        && !line.restockedAt().isBefore(from) && line.restockedAt().isBefore(to))
                .sorted(java.util.Comparator.comparing(LedgerLine::restockedAt).thenComparing(LedgerLine::itemId))
                .toList();
    }

    /**
     * A page of the lines to restock whose state has not changed since {@code before}, in item id order after
     * {@code afterItemId} (null: from the first).
     */
    public List<LedgerLine> findRestockOverdue(Instant before, String afterItemId, int limit) {
        return jdbc.query("SELECT * FROM return_line WHERE decision = 'RESTOCK' AND state <> 'RESTOCKED'"
                + " AND state_changed_at < ? AND (CAST(? AS VARCHAR(64)) IS NULL OR item_id > ?) ORDER BY item_id"
                + " FETCH FIRST " + limit + " ROWS ONLY", ROW, Sql.utc(before), afterItemId, afterItemId);
    }

    public List<LedgerLine> findByReturn(String returnId) {
        return jdbc.query("SELECT * FROM return_line WHERE return_id = ? ORDER BY created_at, item_id", ROW, returnId);
    }

    /**
     * Lines whose stock-in was (maybe) posted but never confirmed: a crash or an outage left them open.
     * The oldest first, at most {@code limit}: after a long outage the rest wait for the next sweep.
     */
    public List<LedgerLine> findUnconfirmedRestocks(int limit) {
        return jdbc.query("SELECT * FROM return_line WHERE " + UNCONFIRMED_RESTOCK + " AND " + UNCLAIMED
                + " ORDER BY restock_intent_at FETCH FIRST ? ROWS ONLY", ROW, now(), limit);
    }


    /**
     * Takes the line for one attempt ({@code token}) until {@code until}: true for exactly one of any
     * number of attempts racing, on any node. A lapsed claim is taken over (its holder died or hung).
     */
    public boolean claim(String itemId, String token, OffsetDateTime until) {
        return jdbc.update("UPDATE return_line SET claim_token = ?, claim_expires_at = ? WHERE item_id = ? AND "
                + UNCLAIMED, token, until, itemId, now()) == 1;
    }

    /** Lets the line go, if {@code token} still holds it. */
    public void release(String itemId, String token) {
        jdbc.update("UPDATE return_line SET " + RELEASE + " WHERE item_id = ? AND claim_token = ?", itemId, token);
    }

    /**
     * The line waits for a later sighting. Where it was placed ({@code warehouseId}, {@code sitooSku}; null: not
     * placed, the column keeps what it had) is written in the same statement, under the same guard.
     */
    public boolean markHeld(String itemId, String decision, String reason, Integer warehouseId, String sitooSku) {
        return jdbc.update("UPDATE return_line SET state_changed_at = CASE WHEN state = 'HELD' THEN state_changed_at ELSE ? END,"
                + " state = 'HELD', decision = ?, state_reason = ?, updated_at = ?, " + PLACEMENT
                + " WHERE item_id = ? AND " + NOT_FINAL + " AND restock_intent_at IS NULL",
                now(), decision, reason, now(), warehouseId, sitooSku, itemId) == 1;
    }

    /** The line is final without stock; its placement is written with it, as for {@link #markHeld}. */
    public boolean markNotRestocked(String itemId, String decision, String reason, Integer warehouseId, String sitooSku) {
        return jdbc.update("UPDATE return_line SET state = 'NOT_RESTOCKED', decision = ?, state_reason = ?, exception_id = NULL,"
                + " updated_at = ?, state_changed_at = ?, " + PLACEMENT
                + " WHERE item_id = ? AND " + NOT_FINAL + " AND restock_intent_at IS NULL",
                decision, reason, now(), now(), warehouseId, sitooSku, itemId) == 1;
    }

    /**
     * Writes the intent to restock before anything is sent to Sitoo. Keeps the first intent's time,
     * so a later read-back searches Sitoo from the earliest moment the stock could have moved, and
     * stamps this attempt's time, so a retry knows how recently a post may still be in flight.
     */
    public boolean recordRestockIntent(String itemId, int warehouseId, String sitooSku, String reasonCode,
                                       String externalId, String token, OffsetDateTime until) {
        // Only while the claim holds (renewed for the post to come): a holder whose claim lapsed posts nothing.
        return jdbc.update("""
                UPDATE return_line SET state = 'RESTOCKING', decision = 'RESTOCK', warehouse_id = ?, sitoo_sku = ?,
                       reason_code = ?, external_id = ?, restock_intent_at = COALESCE(restock_intent_at, ?),
                       last_post_at = ?, state_reason = NULL, updated_at = ?, state_changed_at = ?, claim_expires_at = ?
                 WHERE item_id = ? AND claim_token = ? AND """ + " " + NOT_FINAL,
                warehouseId, sitooSku, reasonCode, externalId, now(), now(), now(), now(), until, itemId, token) == 1;
    }

    /**
     * Interval mode: the intent is recorded and the line queued for its warehouse's next batch; nothing
     * is sent yet, so there is nothing to read back until the batch goes out. The externalid is the
     * batch's, given when the batch is sent.
     */
    public boolean queueRestock(String itemId, int warehouseId, String sitooSku, String reasonCode) {
        return jdbc.update("UPDATE return_line SET state = 'RESTOCKING', decision = 'RESTOCK', warehouse_id = ?, sitoo_sku = ?,"
                + " reason_code = ?, external_id = NULL, restock_intent_at = COALESCE(restock_intent_at, ?),"
                + " queued_at = COALESCE(queued_at, ?), state_reason = 'queued for the next batch', updated_at = ?,"
                + " state_changed_at = ? WHERE item_id = ? AND restock_intent_at IS NULL AND " + NOT_FINAL,
                warehouseId, sitooSku, reasonCode, now(), now(), now(), now(), itemId) == 1;
    }

    /**
     * The queues waiting to be sent: one per warehouse and reason code (a Sitoo transaction carries
     * one reason code), with their length and the age of their oldest line.
     */
    public List<RestockQueue> restockQueues() {
        return jdbc.query("SELECT warehouse_id, reason_code, COUNT(*) AS lines, MIN(queued_at) AS oldest FROM return_line"
                + " WHERE queued_at IS NOT NULL AND last_post_at IS NULL AND state = 'RESTOCKING'"
                + " GROUP BY warehouse_id, reason_code ORDER BY oldest", (rs, n) -> new RestockQueue(rs.getInt("warehouse_id"),
                rs.getString("reason_code"), rs.getInt("lines"), Sql.instant(rs, "oldest")));
    }

    public List<LedgerLine> findQueued(RestockQueue queue, int limit) {
        return jdbc.query("SELECT * FROM return_line WHERE queued_at IS NOT NULL AND last_post_at IS NULL"
                + " AND state = 'RESTOCKING' AND warehouse_id = ? AND reason_code IS NOT DISTINCT FROM ? AND " + UNCLAIMED
                + " ORDER BY queued_at, item_id FETCH FIRST " + limit + " ROWS ONLY", ROW, queue.warehouseId(),
                queue.reasonCode(), now());
    }

    /**
     * The batch is about to be sent as the Sitoo transaction {@code externalId}: each line still queued and
     * unclaimed is claimed by {@code token} and stamped sent in one statement (a compare-and-set per line),
     * and the lines actually taken are answered. Only those may go in the request: another batcher (this node's
     * or another's) or a single restock may have taken the rest. From now on the outcome of the taken lines
     * may be unknown, and is settled by reading {@code externalId} back.
     */
    public List<String> takeForBatch(List<String> itemIds, String externalId, String token, OffsetDateTime until) {
        int taken = jdbc.update("UPDATE return_line SET external_id = ?, last_post_at = ?, updated_at = ?, claim_token = ?,"
                + " claim_expires_at = ? WHERE state = 'RESTOCKING' AND queued_at IS NOT NULL AND last_post_at IS NULL"
                + " AND " + UNCLAIMED + " AND item_id IN (" + placeholders(itemIds) + ")",
                concat(List.of(externalId, now(), now(), token, until, now()), itemIds));
        if (taken == itemIds.size() && new java.util.HashSet<>(itemIds).size() == taken) {
            return List.copyOf(itemIds); // every line given was taken (the usual case): no need to read them back
        }
        return jdbc.queryForList("SELECT item_id FROM return_line WHERE external_id = ? AND claim_token = ?"
                + " ORDER BY queued_at, item_id", String.class, externalId, token);
    }

    /** A throttled batch never reached Sitoo: the lines {@code token} holds go back to the queue. */
    public void requeue(List<String> itemIds, String token) {
        jdbc.update("UPDATE return_line SET last_post_at = NULL, external_id = NULL, " + RELEASE
                + " WHERE state = 'RESTOCKING' AND claim_token = ? AND item_id IN (" + placeholders(itemIds) + ")",
                concat(List.of(token), itemIds));
    }

    /** The batch's answer was lost: its holder lets the lines go, and the sweep reads them back later. */
    public void release(List<String> itemIds, String token) {
        jdbc.update("UPDATE return_line SET " + RELEASE + " WHERE claim_token = ? AND item_id IN ("
                + placeholders(itemIds) + ")", concat(List.of(token), itemIds));
    }

    /**
     * A sent batch that Sitoo never received (read back and not found, long after it was sent): its lines
     * go back to the queue as they are, to be sent in a new batch under a new externalid. Only the lines
     * nobody else holds (or {@code token} holds): a line another worker holds is that worker's to settle,
     * so a requeue can never race a single post of the same line.
     */
    public int requeueBatch(String externalId, String token) {
        return jdbc.update("UPDATE return_line SET state = 'RESTOCKING', last_post_at = NULL, external_id = NULL, "
                + RELEASE + ", state_reason = 'queued again: its batch never reached Sitoo', updated_at = ?"
                + " WHERE external_id = ? AND queued_at IS NOT NULL AND restock_intent_at IS NOT NULL AND " + NOT_FINAL
                + " AND (claim_token = ? OR " + UNCLAIMED + ")", now(), externalId, token, now());
    }

    /** The lines a stock-in (by its externalid) carries that the ledger does not yet know as restocked. */
    public List<String> unconfirmedLinesOf(String externalId) {
        return jdbc.queryForList("SELECT item_id FROM return_line WHERE external_id = ? AND restock_intent_at IS NOT NULL"
                + " AND state <> 'RESTOCKED' ORDER BY item_id", String.class, externalId);
    }

    /** Sitoo confirmed the transaction carrying these lines. One statement, so all or none. */
    public int markRestocked(List<String> itemIds, long sitooTransactionId, String how) {
        return jdbc.update("UPDATE return_line SET state = 'RESTOCKED', sitoo_transaction_id = ?, restocked_at = ?,"
                + " state_reason = ?, exception_id = NULL, updated_at = ?, state_changed_at = ?, " + RELEASE
                + " WHERE state <> 'RESTOCKED'"
                + " AND item_id IN (" + placeholders(itemIds) + ")",
                concat(List.of(sitooTransactionId, now(), how, now(), now()), itemIds));
    }

    /** Sitoo definitely refused the batch, so nothing moved: the intents {@code token} holds are void. */
    public void clearRestockIntents(List<String> itemIds, String token) {
        jdbc.update("UPDATE return_line SET restock_intent_at = NULL, queued_at = NULL, last_post_at = NULL,"
                + " external_id = NULL, updated_at = ?, " + RELEASE + " WHERE state <> 'RESTOCKED' AND claim_token = ?"
                + " AND item_id IN (" + placeholders(itemIds) + ")", concat(List.of(now(), token), itemIds));
    }

    private static String placeholders(List<?> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no lines given");
        }
        return String.join(",", java.util.Collections.nCopies(values.size(), "?"));
    }

    private static Object[] concat(List<?> first, List<?> then) {
        List<Object> all = new java.util.ArrayList<>(first);
        all.addAll(then);
        return all.toArray();
    }

    public boolean markRestocked(String itemId, long sitooTransactionId, String how) {
        return markRestocked(List.of(itemId), sitooTransactionId, how) == 1;
    }

    /**
     * Sitoo definitely refused the stock-in, so nothing moved: the intent is void. Only by the claim's holder:
     * once the claim lapsed, another worker's post may be in flight and its intent must stay.
     */
    public void clearRestockIntent(String itemId, String token) {
        jdbc.update("UPDATE return_line SET restock_intent_at = NULL, queued_at = NULL, last_post_at = NULL, updated_at = ?"
                + " WHERE item_id = ? AND claim_token = ? AND state <> 'RESTOCKED'", now(), itemId, token);
    }

    /** Keeps any restock intent: after a Sitoo outage the outcome is still unknown until read back. */
    public void markException(String itemId, long exceptionId, String reason) {
        jdbc.update("UPDATE return_line SET state_changed_at = CASE WHEN state = 'EXCEPTION' THEN state_changed_at ELSE ? END,"
                + " state = 'EXCEPTION', exception_id = ?, state_reason = ?, updated_at = ?"
                + " WHERE item_id = ? AND " + NOT_FINAL, now(), exceptionId, truncate(reason), now(), itemId);
    }

    private OffsetDateTime now() {
        return Sql.utc(clock.instant());
    }

    private static String truncate(String s) {
        return Sql.truncate(s, 1000);
    }


    private static final RowMapper<LedgerLine> ROW = (rs, n) -> new LedgerLine(
            rs.getString("item_id"), rs.getString("return_id"), rs.getString("return_status"),
            rs.getString("item_status"), rs.getString("sku"), rs.getString("sitoo_sku"),
            (Integer) rs.getObject("quantity"), rs.getString("location_id"), (Integer) rs.getObject("warehouse_id"),
            rs.getString("inspection_condition"), rs.getString("return_reason"), rs.getString("reason_code"),
            rs.getString("decision"), LineState.valueOf(rs.getString("state")), rs.getString("state_reason"),
            rs.getString("external_id"), Sql.instant(rs, "restock_intent_at"), Sql.instant(rs, "last_post_at"),
            (Long) rs.getObject("sitoo_transaction_id"),
            Sql.instant(rs, "restocked_at"), (Long) rs.getObject("exception_id"), Sql.instant(rs, "created_at"),
            Sql.instant(rs, "updated_at"), Sql.instant(rs, "state_changed_at"), Sql.instant(rs, "queued_at"));
}
