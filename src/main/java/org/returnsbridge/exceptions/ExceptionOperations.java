package org.returnsbridge.exceptions;

import java.util.List;
import java.util.Optional;

import org.returnsbridge.claims.Claims;
import org.returnsbridge.failure.ExceptionCategory;
import org.returnsbridge.failure.RetryDelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an operator can do with the exception queue. The one service behind both the REST API and
 * the JMX MBean (and the automatic sweep), so the two can never behave differently.
 */
public class ExceptionOperations {

    private static final Logger log = LoggerFactory.getLogger(ExceptionOperations.class);

    private final ExceptionQueue queue;
    private final Replayer replayer;
    private final Claims claims;

    public ExceptionOperations(ExceptionQueue queue, Replayer replayer, Claims claims) {
        this.queue = queue;
        this.replayer = replayer;
        this.claims = claims;
    }

    /** Records filtered by status and category (either may be null for "any"), oldest first. */
    public List<ExceptionRecord> list(ExceptionStatus status, ExceptionCategory category) {
        return queue.find(status, category);
    }

    /** At most {@code limit} records of one status and category, oldest first (the operations page's view of a category). */
    public List<ExceptionRecord> list(ExceptionStatus status, ExceptionCategory category, int limit) {
        return queue.find(status, category, limit);
    }

    /** How many records of one status each category holds (categories with none left out). */
    public java.util.Map<ExceptionCategory, Long> countByCategory(ExceptionStatus status) {
        return queue.countByCategory(status);
    }

    /** The records filed for one return, oldest first, at most {@code limit}. */
    public List<ExceptionRecord> forReturn(String returnId, int limit) {
        return queue.findByReturn(returnId, limit);
    }

    public Optional<ExceptionRecord> find(long id) {
        return queue.find(id);
    }

    /**
     * Replays one record, synchronously, through the normal path. Replaying a record whose line has
     * since succeeded moves nothing and resolves the record. One replay of a record at a time, whichever
     * node and door (REST, JMX, the sweep) it comes through: a second answers IN_PROGRESS with the node
     * running the first.
     */
    public ReplayResult replay(long id) {
        Optional<ExceptionRecord> found = queue.find(id);
        if (found.isEmpty()) {
            return ReplayResult.notFound(id);
        }
        ExceptionRecord record = found.get();
        if (record.status() == ExceptionStatus.RESOLVED) {
            // Most often another node's replay (or the work itself) resolved it since the caller listed it.
            return new ReplayResult(id, ReplayOutcome.RESOLVED, ExceptionStatus.RESOLVED, "already resolved; nothing replayed");
        }
        String token = claims.newToken();
        if (!queue.startReplay(id, token, claims.expiry())) {
            Optional<String> holder = queue.replayHolder(id);
            ExceptionRecord now = queue.find(id).orElseThrow();
            return holder.map(h -> new ReplayResult(id, ReplayOutcome.IN_PROGRESS, now.status(), "being replayed on node "
                    + Claims.nodeOf(h) + "; its outcome shows on the record")).orElseGet(() -> new ReplayResult(id,
                    now.status() == ExceptionStatus.RESOLVED ? ReplayOutcome.RESOLVED : ReplayOutcome.IN_PROGRESS, now.status(),
                    "another replay finished it just now: " + now.reason()));
        }
        log.info("Replaying exception {} [{}] for {} {}", id, record.category(), record.kind(), record.lineKey());
        try {
            replayer.replay(record);
        } catch (NotReplayableException e) {
            queue.reopen(id, token);
            return new ReplayResult(id, ReplayOutcome.NOT_REPLAYABLE, ExceptionStatus.OPEN, e.getMessage());
        } catch (RuntimeException e) {
            // The replay itself broke (not the work it ran, which records its own failures): the record
            // goes back to the queue with one more attempt instead of hanging in REPLAYING.
            log.error("Replay of exception {} failed", id, e);
            queue.record(ExceptionCategory.of(e), ExceptionCategory.reasonOf(e), FailedWork.of(record),
                    RetryDelay.notBefore(e));
        }
        // The path resolves the record on success and records a new attempt on failure; a replay
        // that did neither (the work simply completed) counts as resolved.
        queue.resolveIfStillReplaying(id, token);
        ExceptionRecord after = queue.find(id).orElseThrow();
        return after.status() == ExceptionStatus.RESOLVED
                ? new ReplayResult(id, ReplayOutcome.RESOLVED, after.status(), "replayed: " + record.lineKey() + " went through")
                : new ReplayResult(id, ReplayOutcome.STILL_FAILING, after.status(), after.reason());
    }

    /** Replays every open record of one category, oldest first. */
    public List<ReplayResult> replayCategory(ExceptionCategory category) {
        return queue.find(ExceptionStatus.OPEN, category).stream().map(r -> replay(r.id())).toList();
    }

    /** A person decided this needs no action: it stays visible, is never retried automatically. */
    public Optional<ExceptionRecord> ignore(long id) {
        if (queue.find(id).isEmpty()) {
            return Optional.empty();
        }
        queue.ignore(id);
        return queue.find(id);
    }

    /**
     * A person decided every open record of one category needs no action (a discontinued product line, a closed
     * store): they stay listed under IGNORED and are never retried automatically. Returns how many were ignored.
     */
    public int ignoreCategory(ExceptionCategory category) {
        return queue.ignoreCategory(category);
    }
}
