package org.returnsbridge.flow;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.returnsbridge.exceptions.ExceptionQueue;
import org.returnsbridge.exceptions.FailedWork;
import org.returnsbridge.exceptions.WorkConflict;
import org.returnsbridge.failure.ExceptionCategory;
import org.returnsbridge.failure.RetryDelay;
import org.returnsbridge.ledger.LedgerLine;
import org.returnsbridge.ledger.LedgerRepository;
import org.returnsbridge.sales.SalesLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of the error policy: files the failed unit of work (the one its route named in
 * {@link FailedWork#PROPERTY}) in the exception queue with its category, a readable reason and the original Reveni
 * payload, and marks the ledger line (or the sales record) EXCEPTION.
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
        FailedWork work = failedWork(exchange);
        try {
            recordFailure(work, exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
        } catch (RuntimeException cannotRecord) {
            // Not even the exception queue took it (database down?): the poll must not move its
            // checkpoint past this return, or the line would be lost without a trace.
            PollProgress progress = exchange.getProperty(ReturnsPoller.PROGRESS, PollProgress.class);
            if (progress != null) {
                progress.unrecordedFailure(updatedAtOf(work));
            }
            ReturnPass pass = exchange.getProperty(ReturnPass.PROPERTY, ReturnPass.class);
            if (pass != null) {
                pass.failedUnrecorded(); // nor is the return's state settled, whatever its lines say
            }
            log.error("Could not record a failure in the exception queue; the poll checkpoint stays before it", cannotRecord);
            throw cannotRecord;
        }
    }

    /** The unit of work the failed route began; a route that named none is a defect, filed so it is seen. */
    private static FailedWork failedWork(Exchange exchange) {
        FailedWork work = exchange.getProperty(FailedWork.PROPERTY, FailedWork.class);
        if (work == null) {
            log.error("A route failed without naming its unit of work; filed under the exchange id {}",
                    exchange.getExchangeId());
            return new FailedWork.Return("unknown:" + exchange.getExchangeId(), null, null, null,
                    String.valueOf(exchange.getIn().getBody()));
        }
        return work;
    }

    private void recordFailure(FailedWork work, Throwable failure) {
        ExceptionCategory category = ExceptionCategory.of(failure);
        String reason = ExceptionCategory.reasonOf(failure);
        if (category == ExceptionCategory.INTERNAL_ERROR) {
            log.error("Unexpected failure", failure);
        }
        if (failure instanceof WorkConflict conflict) {
            // Another return's record holds the id: that record stays as it is, this failure is filed apart.
            exceptions.record(category, reason, work.filedApartAs(conflict.conflictKey()));
            return;
        }
        Duration notBefore = RetryDelay.notBefore(failure); // a vendor's Retry-After holds the sweep back too
        switch (work.kind()) {
            case LINE -> recordAgainstLine(category, reason, work, notBefore);
            case SALES -> recordSales(work, category, reason, notBefore);
            case POLL, RETURN -> exceptions.record(category, reason, work, notBefore);
        }
    }

    private void recordSales(FailedWork work, ExceptionCategory category, String reason, Duration notBefore) {
        // Sitoo refusing a sales order is its own category, so finance can find those at a glance.
        ExceptionCategory filed = category == ExceptionCategory.SITOO_REJECTED ? ExceptionCategory.REFUND_POST_FAILED
                : category;
        long id = exceptions.record(filed, reason, work, notBefore);
        salesLedger.markException(work.key(), id, "[" + filed + "] " + reason);
    }

    /** A restock the sweep could not settle, straight from its ledger row (no Reveni payload at hand). */
    public void recordUnsettled(LedgerLine line, Throwable failure) {
        recordAgainstLine(ExceptionCategory.of(failure), ExceptionCategory.reasonOf(failure), new FailedWork.Line(
                line.itemId(), line.returnId(), line.sku(), line.locationId(), line.warehouseId(), null),
                RetryDelay.notBefore(failure));
    }

    private void recordAgainstLine(ExceptionCategory category, String reason, FailedWork work, Duration notBefore) {
        long id = exceptions.record(category, reason, work, notBefore);
        ledger.markException(work.itemId(), id, "[" + category + "] " + reason);
    }

    /**
     * Where the failed work stands in the poll's order (Reveni's updated_at), or null when unknown: read from the
     * payload it carries, the return itself or wrapped under "return".
     */
    private Instant updatedAtOf(FailedWork work) {
        if (work.payload() == null) {
            return null;
        }
        try {
            JsonNode payload = json.readTree(work.payload());
            JsonNode ret = payload.has("return") ? payload.path("return") : payload;
            return ret.path("updated_at").isTextual()
                    ? OffsetDateTime.parse(ret.path("updated_at").asText().trim()).toInstant() : null;
        } catch (JsonProcessingException | DateTimeParseException unreadable) {
            return null;
        }
    }
}
