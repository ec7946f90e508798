package org.returnsbridge.flow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.returnsbridge.claims.Claims;
import org.returnsbridge.exceptions.ExceptionQueue;
import org.returnsbridge.ledger.LedgerLine;
import org.returnsbridge.ledger.LedgerRepository;
import org.returnsbridge.ledger.LineState;
import org.returnsbridge.sitoo.SitooClient;
import org.returnsbridge.sitoo.SitooRejectedException;
import org.returnsbridge.sitoo.SitooUnavailableException;
import org.returnsbridge.sitoo.StockInGroupCommit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a line back into stock exactly once, although Sitoo never de-duplicates a stock movement.
 *
 * <ol>
 *   <li>The intent (warehouse, SKU, externalid) is committed to the ledger before Sitoo is called.</li>
 *   <li>The stock-in is posted with externalid {@code rv-<item id>}.</li>
 *   <li>The answer's transaction id is committed; the line is RESTOCKED and final.</li>
 * </ol>
 * If anything stops between 1 and 3 (a crash, a timeout, a 5xx), the outcome is unknown: the next
 * attempt finds the intent, reads the warehouse's stock-ins back from Sitoo and matches the
 * externalid, and posts again only when Sitoo has no such transaction and the first attempt is old
 * enough that it can no longer be in flight.
 *
 * <p>Several nodes (and threads) may meet on one line: the poll on one node and a webhook on another, a
 * sweep and a replay. Each attempt first claims the line in the ledger (a compare-and-set only one attempt
 * wins, see {@link LedgerRepository#claim}); only the holder reads back, stamps the intent and posts, and
 * the intent stamp itself checks the claim is still held. A loser does nothing: the holder records the
 * outcome. A holder that dies leaves its intent behind; the claim expires and the sweep reads it back.
 */
public class Restocker {

    private static final Logger log = LoggerFactory.getLogger(Restocker.class);
    /** Sitoo's clock and ours may differ; read back from a little before the intent. */
    private static final Duration READ_BACK_SLACK = Duration.ofMinutes(10);

    private final SitooClient sitoo;
    private final StockInGroupCommit stockIns;
    private final LedgerRepository ledger;
    private final ExceptionQueue exceptions;
    private final Clock clock;
    private final Duration settleTime;
    private final Claims claims;

    public Restocker(SitooClient sitoo, StockInGroupCommit stockIns, LedgerRepository ledger, ExceptionQueue exceptions,
                     Clock clock, Duration settleTime, Claims claims) {
        this.sitoo = sitoo;
        this.stockIns = stockIns;
        this.ledger = ledger;
        this.exceptions = exceptions;
        this.clock = clock;
        this.settleTime = settleTime;
        this.claims = claims;
    }

    public void restock(RestockOrder order) {
        String token = claims.newToken();
        if (!ledger.claim(order.itemId(), token, claims.expiry())) {
            log.debug("Another worker holds this line right now; it records the outcome");
            return;
        }
        try {
            restockClaimed(order, token);
        } finally {
            ledger.release(order.itemId(), token); // a no-op once the outcome was recorded
        }
    }

    /** Everything below runs as the line's claim holder; the row is read after the claim, so it is current. */
    private void restockClaimed(RestockOrder order, String token) {
        LedgerLine row = ledger.find(order.itemId())
                .orElseThrow(() -> new IllegalStateException("no ledger row for item " + order.itemId()));
        if (row.state() == LineState.RESTOCKED) {
            log.debug("Already restocked in Sitoo transaction {}", row.sitooTransactionId());
            return;
        }
        if (row.isQueued()) {
            log.debug("Queued for an interval batch; the batcher sends it");
            return;
        }
        String externalId = StockInIds.externalIdFor(order.itemId());
        RestockOrder effective = order;
        if (row.hasUnconfirmedIntent()) {
            if (settledByReadBack(row, token)) {
                return;
            }
            // An unfinished restock completes where it started, even if the mapping changed since.
            effective = order.inWarehouse(row.warehouseId());
        }
        if (!ledger.recordRestockIntent(order.itemId(), effective.warehouseId(), effective.sitooSku(),
                effective.reasonCode(), externalId, token, claims.expiry())) {
            log.info("Line became final, or its claim lapsed to another worker, while being restocked; nothing posted");
            return;
        }
        long transactionId;
        try {
            transactionId = stockIns.post(effective.stockIn()); // shares a request with others posting now
        } catch (SitooRejectedException rejected) {
            // A definite "no": nothing moved, so the intent is void and a fixed replay may post afresh.
            ledger.clearRestockIntent(order.itemId(), token);
            throw rejected;
        } catch (SitooUnavailableException unavailable) {
            if (unavailable.wasNotApplied()) {
                // Throttled or not even sent: nothing moved either, so a retry may post at once.
                ledger.clearRestockIntent(order.itemId(), token);
            }
            throw unavailable;
        }
        ledger.markRestocked(order.itemId(), transactionId, "stock-in posted");
        exceptions.resolve(order.itemId());
        log.info("Restocked +{} {} into Sitoo warehouse {} (transaction {})", effective.quantity(),
                effective.sitooSku(), effective.warehouseId(), transactionId);
    }

    /**
     * True when the line needs no post from here: Sitoo already has its stock-in (the ledger catches up,
     * for every line that transaction carried), or its never-received batch went back to the queue.
     */
    private boolean settledByReadBack(LedgerLine row, String token) {
        String externalId = row.externalId() != null ? row.externalId() : StockInIds.externalIdFor(row.itemId());
        Instant since = row.restockIntentAt().minus(READ_BACK_SLACK);
        Optional<Long> found = sitoo.findStockIn(row.warehouseId(), externalId, since);
        if (found.isPresent()) {
            List<String> carried = ledger.unconfirmedLinesOf(externalId);
            List<String> settled = carried.contains(row.itemId()) ? carried : List.of(row.itemId());
            ledger.markRestocked(settled, found.get(), "stock-in " + externalId + " found in Sitoo on read-back");
            settled.forEach(exceptions::resolve);
            log.info("Stock-in {} was already in Sitoo (transaction {}): {} line(s) recorded, nothing posted again",
                    externalId, found.get(), settled.size());
            return true;
        }
        Instant lastPost = row.lastPostAt() != null ? row.lastPostAt() : row.restockIntentAt();
        if (lastPost.isAfter(clock.instant().minus(settleTime))) {
            throw SitooUnavailableException.notSettled("an earlier stock-in for this line (" + externalId + ") may still"
                    + " be in flight; it is read back again once " + settleTime.toSeconds() + " s have passed since it was sent");
        }
        if (StockInIds.isBatch(externalId)) {
            // Never posted singly: the batch's lines go back to the queue, each taken by whoever holds it (this
            // line by this holder; lines other workers hold are theirs to decide), and the batcher sends them.
            int requeued = ledger.requeueBatch(externalId, token);
            log.info("Batch {} never reached Sitoo warehouse {}: {} of its lines queued again", externalId,
                    row.warehouseId(), requeued);
            return true;
        }
        log.info("No stock-in {} in Sitoo warehouse {}: the earlier attempt did not land, posting now", externalId,
                row.warehouseId());
        return false;
    }
}
