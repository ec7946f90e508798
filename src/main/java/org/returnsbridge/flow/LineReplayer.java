package org.returnsbridge.flow;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.ProducerTemplate;
import org.returnsbridge.failure.ExceptionCategory;
import org.returnsbridge.exceptions.ExceptionQueue;
import org.returnsbridge.exceptions.ExceptionRecord;
import org.returnsbridge.exceptions.FailedWork;
import org.returnsbridge.exceptions.NotReplayableException;
import org.returnsbridge.exceptions.Replayer;
import org.returnsbridge.reveni.ReturnParser;
import org.returnsbridge.reveni.ReveniClient;
import org.returnsbridge.reveni.ReveniReturn;
import org.returnsbridge.reveni.ReveniUnavailableException;
import org.returnsbridge.sales.SalesRoutes;

/**
 * Replays a recorded failure through the normal routes. The return is read again from Reveni rather
 * than taken from the stored payload: Reveni owns the return, and since the failure the item may have
 * been re-inspected, rejected or cancelled. The stored payload stays on the record as evidence.
 */
public class LineReplayer implements Replayer {

    private final ReveniClient reveni;
    private final ReturnParser parser;
    private final ProducerTemplate camel;
    private final ExceptionQueue exceptions;

    public LineReplayer(ReveniClient reveni, ReturnParser parser, ProducerTemplate camel, ExceptionQueue exceptions) {
        this.reveni = reveni;
        this.parser = parser;
        this.camel = camel;
        this.exceptions = exceptions;
    }

    @Override
    public void replay(ExceptionRecord record) {
        String key = record.lineKey();
        if (key.startsWith("poll:")) {
            camel.sendBody("direct:reveni-poll", null);
        } else if (record.returnId() == null) {
            throw new NotReplayableException("the return arrived without a usable id, so it cannot be read again;"
                    + " once Reveni sends it corrected it flows with the next poll (or mark this record ignored)");
        } else if (key.startsWith("refund:") || key.startsWith("exchange:")) {
            freshReturn(record).ifPresent(raw -> replaySales(record, raw));
        } else if (record.itemId() == null) {
            freshReturn(record).ifPresent(raw -> camel.sendBody("direct:return", raw));
        } else {
            freshReturn(record).ifPresent(raw -> replayLine(record, raw));
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
                item -> camel.sendBody("direct:return-line", new ReturnLine(ret, item)),
                () -> exceptions.record(ExceptionCategory.INVALID_RETURN, "item " + record.itemId()
                        + " is no longer part of return " + ret.id() + " in Reveni", FailedWork.of(record)));
    }

    /** A refund or exchange: every sales record of the return runs again; recorded ones are skipped. */
    private void replaySales(ExceptionRecord record, JsonNode raw) {
        try {
            camel.sendBody(SalesRoutes.RETURN_SALES, parser.parse(raw));
        } catch (RuntimeException invalid) {
            exceptions.record(ExceptionCategory.of(invalid), ExceptionCategory.reasonOf(invalid), FailedWork.of(record));
        }
    }

    private java.util.Optional<JsonNode> freshReturn(ExceptionRecord record) {
        try {
            var raw = reveni.fetchReturn(record.returnId());
            if (raw.isEmpty()) {
                exceptions.record(ExceptionCategory.INVALID_RETURN, "Reveni no longer has return " + record.returnId(),
                        FailedWork.of(record));
            }
            return raw;
        } catch (ReveniUnavailableException | org.returnsbridge.reveni.InvalidReturnException e) {
            exceptions.record(e.category(), e.getMessage(), FailedWork.of(record));
            return java.util.Optional.empty();
        }
    }
}
