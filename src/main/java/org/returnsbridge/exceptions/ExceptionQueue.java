package org.returnsbridge.exceptions;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.returnsbridge.failure.ExceptionCategory;
import org.returnsbridge.support.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The exception queue. A unit of work that fails again updates its open record (attempts, last seen,
 * latest reason) rather than adding a new one; when it later succeeds, its open record resolves.
 */
public class ExceptionQueue {

    private static final Logger log = LoggerFactory.getLogger(ExceptionQueue.class);

    /** Open and being-replayed records are "the" record of their unit of work; so is an ignored one. */
    private static final String CURRENT = "status IN ('OPEN', 'REPLAYING', 'IGNORED')";
    /** A replay whose node stopped renewing it (or one from before replays expired). */
    private static final String REPLAY_LAPSED = "(replay_expires_at IS NULL OR replay_expires_at < ?)";
    /**
     * What the exception sweep route's {@code jdbc:} step replays: at most {@code :?limit} open records whose
     * next attempt is due at {@code :?now}, soonest first, as the columns {@code id}, {@code returnId} and
     * {@code itemId}. Not the poll's own records: the poll schedule itself retries Reveni, and a second
     * poll alongside it helps nobody.
     */
    public static final String DUE_FOR_RETRY = "SELECT id AS \"id\", return_id AS \"returnId\", item_id AS \"itemId\""
            + " FROM exception_record WHERE status = 'OPEN' AND next_attempt_at <= :?now AND kind IN (" + WorkKind.sweptKindsSql() + ")"
            + " ORDER BY next_attempt_at, id FETCH FIRST :?limit ROWS ONLY";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final RetrySchedule retrySchedule;

    public ExceptionQueue(JdbcTemplate jdbc, TransactionTemplate tx, Clock clock, RetrySchedule retrySchedule) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.retrySchedule = retrySchedule;
    }

    /**
     * Records (or updates) the open exception for this unit of work and answers its id. A permanent
     * failure met again unchanged (same category, reason and payload, so the same version of the return)
     * while its record waits for a person is the same exception, not a new attempt: each poll's overlap
     * re-reads it, and it is neither logged again nor counted again, only its last_seen moves. A replay,
     * a transient failure or any change (a new updated_at is a new payload) counts and is logged.
     */
    public long record(ExceptionCategory category, String reason, FailedWork work) {
        return record(category, reason, work, Duration.ZERO);
    }

    /**
     * As above, replayed by the sweep no sooner than {@code notBefore} from now (a vendor's Retry-After
     * longer than an in-flight redelivery may wait), nor sooner than the retry schedule says.
     */
    public long record(ExceptionCategory category, String reason, FailedWork work, Duration notBefore) {
        String shortReason = reason == null ? category.name() : reason.length() > 2000 ? reason.substring(0, 1999) + "…" : reason;
        boolean[] unchanged = {false};
        long id;
        try {
            id = recordOnce(category, shortReason, work, notBefore, unchanged);
        } catch (DuplicateKeyException anotherNodeInsertedFirst) {
            // The same work failed on another node (or worker) at this instant and its record won the unique
            // current_key: this failure is one more attempt of that record.
            id = recordOnce(category, shortReason, work, notBefore, unchanged);
        }
        if (unchanged[0]) {
            log.debug("Exception {} [{}] for {} met again unchanged", id, category, work.key());
        } else {
            log.warn("Exception {} [{}] for {}: {}", id, category, work.key(), shortReason);
        }
        return id;
    }

    private long recordOnce(ExceptionCategory category, String shortReason, FailedWork work, Duration notBefore,
                            boolean[] unchanged) {
        Long id = tx.execute(transaction -> {
            OffsetDateTime now = now();
            Optional<ExceptionRecord> current = currentRecord(work.key());
            if (current.isPresent() && isSameWaitingFailure(current.get(), category, shortReason, work)) {
                unchanged[0] = true;
                jdbc.update("UPDATE exception_record SET last_seen = ? WHERE id = ?", now, current.get().id());
                return current.get().id();
            }
            if (current.isPresent()) {
                ExceptionRecord existing = current.get();
                int attempts = existing.attempts() + 1;
                // An ignored record stays ignored (a person decided); anything else is open again.
                String status = existing.status() == ExceptionStatus.IGNORED ? "IGNORED" : "OPEN";
                jdbc.update("UPDATE exception_record SET category = ?, reason = ?, attempts = ?, last_seen = ?,"
                        + " status = ?, next_attempt_at = ?, sku = COALESCE(?, sku), replay_token = NULL,"
                        + " replay_expires_at = NULL,"
                        + " warehouse_id = COALESCE(?, warehouse_id), location_id = COALESCE(?, location_id),"
                        + " payload = COALESCE(?, payload) WHERE id = ?",
                        category.name(), shortReason, attempts, now, status, nextAttempt(category, attempts, now, notBefore),
                        work.sku(), work.warehouseId(), work.locationId(), work.payload(), existing.id());
                return existing.id();
            }
            GeneratedKeyHolder key = new GeneratedKeyHolder();
            jdbc.update(con -> {
                var ps = con.prepareStatement("""
                        INSERT INTO exception_record (line_key, kind, category, reason, return_id, item_id, sku, location_id,
                               warehouse_id, payload, attempts, status, first_seen, last_seen, next_attempt_at, current_key)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 'OPEN', ?, ?, ?, ?)""", new String[] {"id"});
                ps.setString(1, work.key());
                ps.setString(2, work.kind().name());
                ps.setString(3, category.name());
                ps.setString(4, shortReason);
                ps.setString(5, work.returnId());
                ps.setString(6, work.itemId());
                ps.setString(7, work.sku());
                ps.setString(8, work.locationId());
                ps.setObject(9, work.warehouseId());
                ps.setString(10, work.payload());
                ps.setObject(11, now);
                ps.setObject(12, now);
                ps.setObject(13, nextAttempt(category, 1, now, notBefore));
                ps.setString(14, work.key());
                return ps;
            }, key);
            return key.getKey().longValue();
        });
        return id;
    }

    private static boolean isSameWaitingFailure(ExceptionRecord existing, ExceptionCategory category, String reason,
                                                FailedWork work) {
        return !category.isTransient() && existing.category() == category
                && (existing.status() == ExceptionStatus.OPEN || existing.status() == ExceptionStatus.IGNORED)
                && existing.reason().equals(reason)
                && (work.payload() == null || work.payload().equals(existing.payload()));
    }

    /** The unit of work succeeded: its current record (if any) is resolved. */
    public void resolve(String lineKey) {
        int n = jdbc.update("UPDATE exception_record SET status = 'RESOLVED', resolved_at = ?, next_attempt_at = NULL,"
                + " current_key = NULL WHERE line_key = ? AND " + CURRENT, now(), lineKey);
        if (n > 0) {
            log.info("Exception for {} resolved: a later attempt succeeded", lineKey);
        }
    }

    /** The same for many units at once (a batch's lines): one statement, whatever their number. */
    public void resolve(Collection<String> lineKeys) {
        if (lineKeys.isEmpty()) {
            return;
        }
        List<Object> args = new ArrayList<>(lineKeys.size() + 1);
        args.add(now());
        args.addAll(lineKeys);
        int n = jdbc.update("UPDATE exception_record SET status = 'RESOLVED', resolved_at = ?, next_attempt_at = NULL,"
                + " current_key = NULL WHERE line_key IN (" + String.join(",", Collections.nCopies(lineKeys.size(), "?"))
                + ") AND " + CURRENT, args.toArray());
        if (n > 0) {
            log.info("{} exception(s) resolved: a later attempt succeeded", n);
        }
    }

    public Optional<ExceptionRecord> find(long id) {
        return jdbc.query("SELECT * FROM exception_record WHERE id = ?", ROW, id).stream().findFirst();
    }

    public List<ExceptionRecord> findOpen() {
        return find(ExceptionStatus.OPEN, null);
    }

    /** Filtered by status and category, either may be null for "any"; oldest first. */
    public List<ExceptionRecord> find(ExceptionStatus status, ExceptionCategory category) {
        return jdbc.query("SELECT * FROM exception_record WHERE (CAST(? AS VARCHAR(32)) IS NULL OR status = ?)"
                + " AND (CAST(? AS VARCHAR(32)) IS NULL OR category = ?)"
                + " ORDER BY id", ROW, name(status), name(status), name(category), name(category));
    }

    /** At most {@code limit} records of one status and category, oldest first: a page can show a bounded part. */
    public List<ExceptionRecord> find(ExceptionStatus status, ExceptionCategory category, int limit) {
        return jdbc.query("SELECT * FROM exception_record WHERE status = ? AND category = ? ORDER BY id"
                + " FETCH FIRST " + limit + " ROWS ONLY", ROW, status.name(), category.name());
    }

    /** How many records of one status each category holds; categories without any are left out. */
    public java.util.Map<ExceptionCategory, Long> countByCategory(ExceptionStatus status) {
        java.util.Map<ExceptionCategory, Long> counts = new java.util.EnumMap<>(ExceptionCategory.class);
        jdbc.query("SELECT category, COUNT(*) AS n FROM exception_record WHERE status = ? GROUP BY category",
                rs -> { counts.put(ExceptionCategory.valueOf(rs.getString("category")), rs.getLong("n")); }, status.name());
        return counts;
    }

    /** Whether a record filed for the return (a line, a refund, the return itself) is open or being replayed. */
    public boolean hasOpenFor(String returnId) {
        // By return id alone (its index), the status checked here: "status IN (...)" could draw a planner to the
        // index on status, which holds every open record.
        return jdbc.queryForList("SELECT status FROM exception_record WHERE return_id = ?", String.class, returnId)
                .stream().anyMatch(status -> status.equals("OPEN") || status.equals("REPLAYING"));
    }

    /** Every record filed for one return (its lines, its refunds, the return itself), oldest first, at most {@code limit}. */
    public List<ExceptionRecord> findByReturn(String returnId, int limit) {
        return jdbc.query("SELECT * FROM exception_record WHERE return_id = ? ORDER BY id FETCH FIRST " + limit
                + " ROWS ONLY", ROW, returnId);
    }

    public List<ExceptionRecord> findByLineKey(String lineKey) {
        return jdbc.query("SELECT * FROM exception_record WHERE line_key = ? ORDER BY id", ROW, lineKey);
    }

    /** Open records of transient categories whose next automatic attempt is due. */
    /**
     * Takes the record for one replay ({@code token}, alive until {@code until}): true for exactly one of any
     * number of replays racing, from REST, JMX or the sweep, on any node. A replay whose node died (its expiry
     * passed) is taken over. A resolved record is never taken.
     */
    public boolean startReplay(long id, String token, OffsetDateTime until) {
        return jdbc.update("UPDATE exception_record SET status = 'REPLAYING', replay_token = ?, replay_expires_at = ?"
                + " WHERE id = ? AND status <> 'RESOLVED' AND (status <> 'REPLAYING' OR " + REPLAY_LAPSED + ")",
                token, until, id, now()) == 1;
    }

    /** The node running the record's replay now, if one is. */
    public Optional<String> replayHolder(long id) {
        return jdbc.queryForList("SELECT replay_token FROM exception_record WHERE id = ? AND status = 'REPLAYING'"
                + " AND NOT " + REPLAY_LAPSED, String.class, id, now()).stream().findFirst();
    }

    /**
     * Replays whose node died or hung (their expiry passed) go back to the queue: at start-up and on every
     * exception sweep. Replays other nodes are running right now are left alone.
     */
    public int reopenInterruptedReplays() {
        return jdbc.update("UPDATE exception_record SET status = 'OPEN', replay_token = NULL, replay_expires_at = NULL"
                + " WHERE status = 'REPLAYING' AND " + REPLAY_LAPSED, now());
    }

    public void reopen(long id, String token) {
        jdbc.update("UPDATE exception_record SET status = 'OPEN', replay_token = NULL, replay_expires_at = NULL"
                + " WHERE id = ? AND status = 'REPLAYING' AND replay_token = ?", id, token);
    }

    public void resolveIfStillReplaying(long id, String token) {
        jdbc.update("UPDATE exception_record SET status = 'RESOLVED', resolved_at = ?, next_attempt_at = NULL,"
                + " current_key = NULL, replay_token = NULL, replay_expires_at = NULL WHERE id = ? AND status = 'REPLAYING'"
                + " AND replay_token = ?", now(), id, token);
    }

    public void ignore(long id) {
        jdbc.update("UPDATE exception_record SET status = 'IGNORED', next_attempt_at = NULL, ignored_at = ? WHERE id = ?"
                + " AND status IN ('OPEN', 'REPLAYING')", now(), id);
    }

    /**
     * Ignores every open record of one category in one statement, returning how many. A record being replayed
     * right now is left to its replay: a person ignoring "all of them" means those waiting, not one in flight.
     */
    public int ignoreCategory(ExceptionCategory category) {
        return jdbc.update("UPDATE exception_record SET status = 'IGNORED', next_attempt_at = NULL, ignored_at = ?"
                + " WHERE category = ? AND status = 'OPEN'", now(), category.name());
    }

    /**
     * The work's current record, locked until the transaction ends, so two failures of it counted at the same
     * instant both count (attempts is read, then written). Newest first: an older duplicate from before V11
     * has no current_key and is left as it is.
     */
    private Optional<ExceptionRecord> currentRecord(String lineKey) {
        return jdbc.query("SELECT * FROM exception_record WHERE line_key = ? AND " + CURRENT + " ORDER BY id DESC"
                + " FETCH FIRST 1 ROWS ONLY FOR UPDATE", ROW, lineKey).stream().findFirst();
    }

    /** Transient failures are retried automatically, further apart each time; permanent ones wait for a person. */
    private OffsetDateTime nextAttempt(ExceptionCategory category, int attempts, OffsetDateTime now, Duration notBefore) {
        if (!category.isTransient()) {
            return null;
        }
        Duration delay = retrySchedule.delayAfter(attempts);
        return now.plus(notBefore.compareTo(delay) > 0 ? notBefore : delay);
    }

    private static String name(Enum<?> e) {
        return e == null ? null : e.name();
    }

    private OffsetDateTime now() {
        return Sql.utc(clock.instant());
    }


    private static final RowMapper<ExceptionRecord> ROW = (rs, n) -> new ExceptionRecord(
            rs.getLong("id"), rs.getString("line_key"), WorkKind.valueOf(rs.getString("kind")), ExceptionCategory.valueOf(rs.getString("category")),
            rs.getString("reason"), rs.getString("return_id"), rs.getString("item_id"), rs.getString("sku"),
            rs.getString("location_id"), (Integer) rs.getObject("warehouse_id"), rs.getString("payload"),
            rs.getInt("attempts"), ExceptionStatus.valueOf(rs.getString("status")), Sql.instant(rs, "first_seen"),
            Sql.instant(rs, "last_seen"), Sql.instant(rs, "resolved_at"), Sql.instant(rs, "ignored_at"));
}
