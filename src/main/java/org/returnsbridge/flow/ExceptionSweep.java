package org.returnsbridge.flow;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.returnsbridge.exceptions.ExceptionOperations;
import org.returnsbridge.exceptions.ExceptionQueue;
import org.returnsbridge.exceptions.ReplayOutcome;
import org.returnsbridge.support.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays, on a schedule, the open records of transient categories whose next attempt is due (Sitoo or
 * Reveni was unavailable). Permanent categories are never replayed automatically: they need a fix first.
 * The steps of the {@code replay-due} route ({@link SweepRoutes}), which picks the due records with a
 * {@code jdbc:} step ({@link ExceptionQueue#DUE_FOR_RETRY}) and replays them one by one.
 */
public class ExceptionSweep {

    private static final Logger log = LoggerFactory.getLogger(ExceptionSweep.class);

    private final ExceptionQueue queue;
    private final ExceptionOperations operations;
    private final int batch;
    private final Clock clock;

    public ExceptionSweep(ExceptionQueue queue, ExceptionOperations operations, int batch, Clock clock) {
        this.queue = queue;
        this.operations = operations;
        this.batch = batch;
        this.clock = clock;
    }

    public int reopenInterruptedReplays() {
        int reopened = queue.reopenInterruptedReplays();
        if (reopened > 0) {
            log.info("{} replay(s) whose node stopped or hung are back in the queue", reopened);
        }
        return reopened;
    }

    /** The named parameters of {@link ExceptionQueue#DUE_FOR_RETRY}: due by now, at most a batch. */
    public Map<String, Object> dueWorkParameters() {
        return Map.of("now", Sql.utc(clock.instant()), "limit", batch);
    }

    /** Replays one due record (a row of the jdbc: step) under its replay claim; true if it is resolved now. */
    public boolean replay(Map<String, Object> record) {
        return operations.replay(((Number) record.get("id")).longValue()).outcome() == ReplayOutcome.RESOLVED;
    }

    /** How this sweep went, logged when anything was due. */
    public int report(List<?> resolvedOrNot) {
        int resolved = (int) resolvedOrNot.stream().filter(Boolean.TRUE::equals).count();
        if (!resolvedOrNot.isEmpty()) {
            log.info("Automatic replay: {} due, {} resolved, {} back in the queue", resolvedOrNot.size(), resolved,
                    resolvedOrNot.size() - resolved);
        }
        return resolved;
    }
}
