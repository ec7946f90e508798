package org.returnsbridge.flow;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.returnsbridge.exceptions.BridgeException;
import org.returnsbridge.exceptions.ExceptionCategory;
import org.returnsbridge.exceptions.ExceptionQueue;
import org.returnsbridge.exceptions.FailedWork;
import org.returnsbridge.ledger.LedgerRepository;
import org.returnsbridge.reveni.InvalidReturnException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of the error policy: files a failed line (or return) in the exception queue with its
 * category, a readable reason and the original Reveni payload, and marks the ledger line EXCEPTION.
 */
public class FailureRecorder {

    private static final Logger log = LoggerFactory.getLogger(FailureRecorder.class);

    private final ExceptionQueue exceptions;
    private final LedgerRepository ledger;
    private final ObjectMapper json;

    public FailureRecorder(ExceptionQueue exceptions, LedgerRepository ledger, ObjectMapper json) {
        this.exceptions = exceptions;
        this.ledger = ledger;
        this.json = json;
    }

    public void record(Exchange exchange) {
        try {
            recordFailure(exchange);
        } catch (RuntimeException cannotRecord) {
            // Not even the exception queue took it (database down?): the poll must not move its
            // checkpoint past this return, or the line would be lost without a trace.
            PollProgress progress = exchange.getProperty(ReturnsPoller.PROGRESS, PollProgress.class);
            if (progress != null) {
                progress.unrecordedFailure();
            }
            throw cannotRecord;
        }
    }

    private void recordFailure(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        ExceptionCategory category = failure instanceof BridgeException b ? b.category() : ExceptionCategory.INTERNAL_ERROR;
        String reason = failure == null ? "unknown failure" : failure instanceof BridgeException
                ? failure.getMessage() : failure.getClass().getSimpleName() + ": " + failure.getMessage();
        if (category == ExceptionCategory.INTERNAL_ERROR) {
            log.error("Unexpected failure", failure);
        }
        Object body = exchange.getIn().getBody();
        if (body instanceof ReturnLine line) {
            recordLine(line, category, reason);
        } else if (body instanceof JsonNode raw) {
            String returnId = failure instanceof InvalidReturnException i && i.returnId() != null ? i.returnId()
                    : raw.path("id").asText(null);
            String key = returnId != null ? "return:" + returnId : "return-payload:" + Integer.toHexString(raw.toString().hashCode());
            exceptions.record(category, reason, new FailedWork(key, returnId, null, null, null, null, raw.toString()));
        } else {
            exceptions.record(category, reason, new FailedWork("unknown:" + exchange.getExchangeId(), null, null, null,
                    null, null, String.valueOf(body)));
        }
    }

    private void recordLine(ReturnLine line, ExceptionCategory category, String reason) {
        String itemId = line.itemId();
        String key = itemId != null ? itemId : "return:" + line.returnId() + "#" + line.item().index();
        String payload = json.valueToTree(Map.of("item_index", line.item().index(), "return", line.reveniReturn().raw()))
                .toString();
        long id = exceptions.record(category, reason, new FailedWork(key, line.returnId(), itemId, line.item().sku(),
                line.reveniReturn().locationId(), line.location() == null ? null : line.location().warehouseId(), payload));
        if (itemId != null) {
            ledger.markException(itemId, id, "[" + category + "] " + reason);
        }
    }
}
