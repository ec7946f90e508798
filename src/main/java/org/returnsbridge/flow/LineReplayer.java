package org.returnsbridge.flow;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.returnsbridge.exceptions.ExceptionQueue;
import org.returnsbridge.exceptions.ExceptionRecord;
import org.returnsbridge.exceptions.FailedWork;
import org.returnsbridge.exceptions.NotReplayableException;
import org.returnsbridge.exceptions.Replayer;
import org.returnsbridge.failure.ExceptionCategory;
import org.returnsbridge.failure.RetryDelay;
import org.returnsbridge.reveni.InvalidReturnException;
import org.returnsbridge.reveni.ReturnParser;
import org.returnsbridge.reveni.ReveniClient;
import org.returnsbridge.reveni.ReveniReturn;
import org.returnsbridge.reveni.ReveniUnavailableException;
import org.returnsbridge.sales.SalesFlow;

/**
 * Replays a recorded failure through the normal routes, as its kind says: a poll polls again; a return, a line
 * or a sales record (a refund or an exchange) runs again. The return is read again from Reveni rather than taken
 * from the stored payload: Reveni owns the return, and since the failure the item may have been re-inspected,
 * rejected or cancelled. The stored payload stays on the record as evidence. Each kind enters its route through
 * Camel's bean proxy and runs there synchronously: the replay is over when the call returns.
 */
public class LineReplayer implements Replayer {

    private final ReveniClient reveni;
    private final ReturnParser parser;
    private final PollFlow poll;
    private final ReturnFlow returns;
    private final LineFlow lines;
    private final SalesFlow sales;
    private final ExceptionQueue exceptions;

    public LineReplayer(ReveniClient reveni, ReturnParser parser, PollFlow poll, ReturnFlow returns, LineFlow lines,
                        SalesFlow sales, ExceptionQueue exceptions) {
        this.reveni = reveni;
        this.parser = parser;
        this.poll = poll;
        this.returns = returns;
        this.lines = lines;
        this.sales = sales;
        this.exceptions = exceptions;
    }

    @Override
    public void replay(ExceptionRecord record) {
        switch (record.kind()) {
            case POLL -> poll.poll();
            case RETURN -> freshReturn(record).ifPresent(returns::process);
            case LINE -> freshReturn(record).ifPresent(raw -> replayLine(record, raw));
            case SALES -> freshReturn(record).ifPresent(raw -> replaySales(record, raw));
        }
    }

    private void replayLine(ExceptionRecord record, JsonNode raw) {
        ReveniReturn ret;
        try {
            ret = parser.parse(raw);
        } catch (RuntimeException invalid) {
            exceptions.record(ExceptionCategory.of(invalid), ExceptionCategory.reasonOf(invalid), FailedWork.of(record));
            return;
        }
        ret.items().stream().filter(item -> record.itemId().equals(item.id())).findFirst().ifPresentOrElse(
                item -> lines.process(new ReturnLine(ret, item)),
                () -> exceptions.record(ExceptionCategory.INVALID_RETURN, "item " + record.itemId()
                        + " is no longer part of return " + ret.id() + " in Reveni", FailedWork.of(record)));
    }

    /** A refund or exchange: every sales record of the return runs again; recorded ones are skipped. */
    private void replaySales(ExceptionRecord record, JsonNode raw) {
        try {
            sales.record(parser.parse(raw));
        } catch (RuntimeException invalid) {
            exceptions.record(ExceptionCategory.of(invalid), ExceptionCategory.reasonOf(invalid), FailedWork.of(record));
        }
    }

    /** The return as Reveni has it now: Reveni owns it, and it may have changed since the failure. */
    private Optional<JsonNode> freshReturn(ExceptionRecord record) {
        if (record.returnId() == null) {
            throw new NotReplayableException("the return arrived without a usable id, so it cannot be read again;"
                    + " once Reveni sends it corrected it flows with the next poll (or mark this record ignored)");
        }
        try {
            var raw = reveni.fetchReturn(record.returnId());
            if (raw.isEmpty()) {
                exceptions.record(ExceptionCategory.INVALID_RETURN, "Reveni no longer has return " + record.returnId(),
                        FailedWork.of(record));
            }
            return raw;
        } catch (ReveniUnavailableException | InvalidReturnException e) {
            // A Retry-After holds the sweep back as it does after a failure in the flow (FailureRecorder).
            exceptions.record(e.category(), e.getMessage(), FailedWork.of(record), RetryDelay.notBefore(e));
            return Optional.empty();
        }
    }
}
