package org.returnsbridge.flow;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.returnsbridge.exceptions.ExceptionCategory;
import org.returnsbridge.exceptions.ExceptionQueue;
import org.returnsbridge.exceptions.FailedWork;
import org.returnsbridge.ledger.LedgerLine;
import org.returnsbridge.ledger.LedgerRepository;
import org.returnsbridge.reveni.InvalidReturnException;
import org.returnsbridge.reveni.ReveniReturn;
import org.returnsbridge.sales.SalesKeyConflictException;
import org.returnsbridge.sales.SalesLedger;
import org.returnsbridge.sales.SalesWork;
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
    private final SalesLedger salesLedger;

    public FailureRecorder(ExceptionQueue exceptions, LedgerRepository ledger, ObjectMapper json, SalesLedger salesLedger) {
        this.exceptions = exceptions;
        this.ledger = ledger;
        this.json = json;
        this.salesLedger = salesLedger;
    }

    public void record(Exchange exchange) {
        try {
            recordFailure(exchange);
        } catch (RuntimeException cannotRecord) {
            // Not even the exception queue took it (database down?): the poll must not move its
            // checkpoint past this return, or the line would be lost without a trace.
            PollProgress progress = exchange.getProperty(ReturnsPoller.PROGRESS, PollProgress.class);
            if (progress != null) {
                progress.unrecordedFailure(updatedAtOf(exchange.getIn().getBody()));
            }
            log.error("Could not record a failure in the exception queue; the poll checkpoint stays before it", cannotRecord);
            throw cannotRecord;
        }
    }

    /** Where the failed work stands in the poll's order (Reveni's updated_at), or null when unknown. */
    private static Instant updatedAtOf(Object body) {
        if (body instanceof ReturnLine line) {
            return line.reveniReturn().updatedAt();
        } else if (body instanceof SalesWork work) {
            return work.reveniReturn().updatedAt();
        } else if (body instanceof ReveniReturn ret) {
            return ret.updatedAt();
        } else if (body instanceof JsonNode raw && raw.path("updated_at").isTextual()) {
            try {
                return OffsetDateTime.parse(raw.path("updated_at").asText().trim()).toInstant();
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
        return null;
    }

    private void recordFailure(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        ExceptionCategory category = ExceptionCategory.of(failure);
        String reason = ExceptionCategory.reasonOf(failure);
        if (category == ExceptionCategory.INTERNAL_ERROR) {
            log.error("Unexpected failure", failure);
        }
        Object body = exchange.getIn().getBody();
        if (body instanceof ReturnLine line && failure instanceof ItemIdConflictException conflict) {
            // Not this line's ledger row: it belongs to the other return, and stays as it is.
            exceptions.record(category, reason, new FailedWork(conflict.lineKey(), line.returnId(), null,
                    line.item().sku(), line.reveniReturn().locationId(), null, linePayload(line)));
        } else if (body instanceof ReturnLine line) {
            recordLine(line, category, reason, RetryDelay.notBefore(failure));
        } else if (body instanceof SalesWork work && failure instanceof SalesKeyConflictException conflict) {
            // The sales record under that key belongs to another return, and stays as it is.
            // No item id on the record: a replay reads the whole return again, as for a return-level failure.
            exceptions.record(category, reason, new FailedWork(conflict.lineKey(), work.returnId(), null, null,
                    work.reveniReturn().locationId(), null, salesPayload(work)));
        } else if (body instanceof SalesWork work) {
            recordSales(work, category, reason, RetryDelay.notBefore(failure));
        } else if (body instanceof ReveniReturn ret) {
            exceptions.record(category, reason, new FailedWork("return:" + ret.id(), ret.id(), null, null, ret.locationId(),
                    null, ret.raw().toString()));
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

    private void recordLine(ReturnLine line, ExceptionCategory category, String reason, Duration notBefore) {
        String itemId = line.itemId();
        String key = itemId != null ? itemId : "return:" + line.returnId() + "#" + line.item().index();
        recordAgainstLine(category, reason, new FailedWork(key, line.returnId(), itemId, line.item().sku(),
                line.reveniReturn().locationId(), line.location() == null ? null : line.location().warehouseId(),
                linePayload(line)), notBefore);
    }

    private String linePayload(ReturnLine line) {
        // Fields in a fixed order: an unchanged return gives an identical payload (ExceptionQueue compares them).
        ObjectNode payload = json.createObjectNode().put("item_index", line.item().index());
        payload.set("return", line.reveniReturn().raw());
        return payload.toString();
    }

    private void recordSales(SalesWork work, ExceptionCategory category, String reason, Duration notBefore) {
        // Sitoo refusing a sales order is its own category, so finance can find those at a glance.
        ExceptionCategory filed = category == ExceptionCategory.SITOO_REJECTED ? ExceptionCategory.REFUND_POST_FAILED
                : category;
        String payload = salesPayload(work);
        long id = exceptions.record(filed, reason, new FailedWork(work.recordKey(), work.returnId(), work.itemId(), null,
                work.reveniReturn().locationId(), null, payload), notBefore);
        salesLedger.markException(work.recordKey(), id, "[" + filed + "] " + reason);
    }

    private String salesPayload(SalesWork work) {
        ObjectNode payload = json.createObjectNode().put("record_key", work.recordKey());
        payload.set("return", work.reveniReturn().raw());
        return payload.toString();
    }

    /** A restock the sweep could not settle, straight from its ledger row (no Reveni payload at hand). */
    public void recordUnsettled(LedgerLine line, Throwable failure) {
        recordAgainstLine(ExceptionCategory.of(failure), ExceptionCategory.reasonOf(failure), new FailedWork(line.itemId(),
                line.returnId(), line.itemId(), line.sku(), line.locationId(), line.warehouseId(), null),
                RetryDelay.notBefore(failure));
    }

    private void recordAgainstLine(ExceptionCategory category, String reason, FailedWork work, Duration notBefore) {
        long id = exceptions.record(category, reason, work, notBefore);
        if (work.itemId() != null) {
            ledger.markException(work.itemId(), id, "[" + category + "] " + reason);
        }
    }
}
