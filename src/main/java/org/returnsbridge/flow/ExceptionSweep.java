package org.returnsbridge.flow;

import org.returnsbridge.exceptions.ExceptionOperations;
import org.returnsbridge.exceptions.ExceptionQueue;
import org.returnsbridge.exceptions.ExceptionRecord;
import org.returnsbridge.exceptions.ReplayOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays, on a schedule, the open records of transient categories whose next attempt is due (Sitoo or
 * Reveni was unavailable). Permanent categories are never replayed automatically: they need a fix first.
 */
public class ExceptionSweep {

    private static final Logger log = LoggerFactory.getLogger(ExceptionSweep.class);

    private final ExceptionQueue queue;
    private final ExceptionOperations operations;
    private final int batch;

    public ExceptionSweep(ExceptionQueue queue, ExceptionOperations operations, int batch) {
        this.queue = queue;
        this.operations = operations;
        this.batch = batch;
    }

    public int replayDue() {
        int reopened = queue.reopenInterruptedReplays();
        if (reopened > 0) {
            log.info("{} replay(s) whose node stopped or hung are back in the queue", reopened);
        }
        int resolved = 0;
        var due = queue.findDueForRetry(batch);
        for (ExceptionRecord record : due) {
            if (!record.kind().isReplayedBySweep()) {
                continue;
            }
            if (operations.replay(record.id()).outcome() == ReplayOutcome.RESOLVED) {
                resolved++;
            }
        }
        if (!due.isEmpty()) {
            log.info("Automatic replay: {} due, {} resolved, {} back in the queue", due.size(), resolved, due.size() - resolved);
        }
        return resolved;
    }
}
