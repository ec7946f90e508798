package org.returnsbridge.flow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.returnsbridge.exceptions.ExceptionQueue;
import org.returnsbridge.ledger.LedgerLine;
import org.returnsbridge.ledger.LedgerRepository;
import org.returnsbridge.sitoo.SitooClient;
import org.returnsbridge.sitoo.SitooRejectedException;
import org.returnsbridge.sitoo.SitooUnavailableException;
import org.returnsbridge.sitoo.StockIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Interval mode. A line to restock is queued in the ledger (the intent is durable, nothing is sent);
 * a warehouse's queue is flushed when its oldest line has waited {@code window} or it holds
 * {@code batchSize} lines, as one request carrying one stock-in per line, each with the line's own
 * externalid. So every line keeps its own exactly-once proof (read back by externalid), its own Sitoo
 * transaction id, and a refused element fails only its own line. A crash loses nothing: queued lines
 * are still queued at restart, and sent ones are settled by read-back like any unanswered stock-in.
 */
public class RestockBatcher {

    private static final Logger log = LoggerFactory.getLogger(RestockBatcher.class);

    private final LedgerRepository ledger;
    private final Restocker restocker;
    private final SitooClient sitoo;
    private final ExceptionQueue exceptions;
    private final FailureRecorder failures;
    private final Clock clock;
    private final Duration window;
    private final int batchSize;
    private final Duration settleTime;

    public RestockBatcher(LedgerRepository ledger, Restocker restocker, SitooClient sitoo, ExceptionQueue exceptions,
                          FailureRecorder failures, Clock clock, Duration window, int batchSize, Duration settleTime) {
        this.ledger = ledger;
        this.restocker = restocker;
        this.sitoo = sitoo;
        this.exceptions = exceptions;
        this.failures = failures;
        this.clock = clock;
        this.window = window;
        this.batchSize = batchSize;
        this.settleTime = settleTime;
    }

    public void enqueue(RestockOrder order) {
        LedgerLine row = ledger.find(order.itemId()).orElseThrow();
        if (row.state().isFinal() || row.isQueued()) {
            return;
        }
        if (row.hasUnconfirmedIntent()) {
            Instant lastPost = row.lastPostAt() == null ? row.restockIntentAt() : row.lastPostAt();
            if (lastPost.isAfter(clock.instant().minus(settleTime))) {
                return; // its batch is on its way; the answer or the read-back settles it
            }
            restocker.restock(order); // sent long ago, answer lost: read back, post only if it never landed
            return;
        }
        if (ledger.queueRestock(order.itemId(), order.warehouseId(), order.sitooSku(), order.reasonCode(),
                StockInIds.externalIdFor(order.itemId()))) {
            log.debug("Queued for warehouse {}'s next batch", order.warehouseId());
        }
    }

    /** Called every few hundred milliseconds: flushes each warehouse whose window closed or batch filled. */
    public int flushDue() {
        int sent = 0;
        Instant closesBefore = clock.instant().minus(window);
        for (Map<String, Object> queue : ledger.queuedWarehouses()) {
            int warehouseId = ((Number) queue.get("WAREHOUSE_ID")).intValue();
            long lines = ((Number) queue.get("LINES")).longValue();
            Instant oldest = ((OffsetDateTime) queue.get("OLDEST")).toInstant();
            if (lines >= batchSize || !oldest.isAfter(closesBefore)) {
                sent += flush(warehouseId);
            }
        }
        return sent;
    }

    private int flush(int warehouseId) {
        List<LedgerLine> lines = ledger.findQueued(warehouseId, batchSize);
        if (lines.isEmpty()) {
            return 0;
        }
        List<String> ids = lines.stream().map(LedgerLine::itemId).toList();
        List<StockIn> stockIns = lines.stream().map(line -> RestockOrder.from(line).stockIn()).toList();
        ledger.markPosted(ids); // from here the outcome may be unknown: read back before any re-post
        List<SitooClient.ElementResult> results;
        try {
            results = sitoo.postStockIns(stockIns);
        } catch (SitooUnavailableException e) {
            if (e.wasNotApplied()) {
                ledger.requeue(ids);
                log.warn("Batch of {} for warehouse {} turned away ({}); back in the queue", ids.size(), warehouseId,
                        e.getMessage());
            } else {
                log.warn("Batch of {} for warehouse {} unanswered ({}); the restock sweep reads it back", ids.size(),
                        warehouseId, e.getMessage());
            }
            return 0;
        } catch (SitooRejectedException e) {
            results = ids.stream().map(i -> new SitooClient.ElementResult(null, e.getMessage())).toList();
        }
        int restocked = 0;
        for (int i = 0; i < lines.size(); i++) {
            LedgerLine line = lines.get(i);
            SitooClient.ElementResult result = results.get(i);
            if (result.transactionId() != null) {
                ledger.markRestocked(line.itemId(), result.transactionId(), "stock-in posted in a batch of " + lines.size());
                exceptions.resolve(line.itemId());
                restocked++;
            } else {
                ledger.clearRestockIntent(line.itemId()); // refused: nothing moved for this line
                failures.recordUnsettled(line, new SitooRejectedException(400, result.refusal()));
            }
        }
        log.info("Batch for Sitoo warehouse {}: {} lines in one request, {} restocked", warehouseId, lines.size(), restocked);
        return restocked;
    }
}
