package org.returnsbridge.flow;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.returnsbridge.claims.Claims;
import org.returnsbridge.exceptions.ExceptionQueue;
import org.returnsbridge.ledger.LedgerLine;
import org.returnsbridge.ledger.LedgerRepository;
import org.returnsbridge.ledger.RestockQueue;
import org.returnsbridge.sitoo.SitooClient;
import org.returnsbridge.sitoo.SitooRejectedException;
import org.returnsbridge.sitoo.SitooUnavailableException;
import org.returnsbridge.sitoo.StockIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Interval mode. A line to restock is queued in the ledger (the intent is durable, nothing is sent).
 * A queue (one warehouse, one reason code) is flushed when its oldest line has waited {@code window}
 * or it holds {@code batchSize} lines, as <em>one</em> Sitoo stock-in transaction with one item per
 * line. The other queues ride along in the same request, up to Sitoo's 1000 items per request.
 *
 * <p>Exactly once, batch by batch: the lines are claimed, take the batch's externalid and are marked sent
 * in one statement before the request (a compare-and-set per line: a line another batcher, on this node or
 * another, or a single restock holds is left out, and only the lines taken are in the request); the
 * answer marks them restocked and releases them in one statement. An unanswered batch
 * is settled by reading its externalid back (one find settles every line of it). A batch Sitoo
 * refused moved nothing; its lines are then sent one by one, so one bad line cannot hold the others
 * back, and only the bad one ends in the exception queue.
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
    private final Claims claims;

    public RestockBatcher(LedgerRepository ledger, Restocker restocker, SitooClient sitoo, ExceptionQueue exceptions,
                          FailureRecorder failures, Clock clock, Duration window, int batchSize, Duration settleTime,
                          Claims claims) {
        this.ledger = ledger;
        this.restocker = restocker;
        this.sitoo = sitoo;
        this.exceptions = exceptions;
        this.failures = failures;
        this.clock = clock;
        this.window = window;
        this.batchSize = Math.min(batchSize, SitooClient.MAX_ITEMS_PER_REQUEST);
        this.settleTime = settleTime;
        this.claims = claims;
    }

    public void enqueue(RestockOrder order) {
        // The common case in one statement: a line with no intent yet is queued by a guarded UPDATE. Only a line
        // it leaves alone (final, already queued or sent) is read, to tell those apart.
        if (ledger.queueRestock(order.itemId(), order.warehouseId(), order.sitooSku(), order.reasonCode())) {
            log.debug("Queued for warehouse {}'s next batch", order.warehouseId());
            return;
        }
        LedgerLine row = ledger.find(order.itemId()).orElseThrow();
        if (row.state().isFinal() || row.isQueued()) {
            return;
        }
        if (row.hasUnconfirmedIntent()) {
            Instant lastPost = row.lastPostAt() == null ? row.restockIntentAt() : row.lastPostAt();
            if (lastPost.isAfter(clock.instant().minus(settleTime))) {
                return; // its batch is on its way; the answer or the read-back settles it
            }
            restocker.restock(order); // sent long ago, answer lost: read back, and only then send again
        }
        // No intent and yet not queued: a racing worker queued or finished it between the two statements.
    }

    /**
     * Called every few hundred milliseconds: sends every queue whose window closed or batch filled, and
     * keeps going while full queues remain (a backlog drains at the rate Sitoo allows, not one batch a tick).
     */
    public int flushDue() {
        int restocked = 0;
        while (true) {
            List<Batch> request = nextRequest();
            if (request.isEmpty()) {
                return restocked;
            }
            int sent = send(request);
            if (sent < 0) {
                return restocked; // turned away or unanswered: leave the rest for the next tick
            }
            restocked += sent;
        }
    }

    /**
     * The due queues, packed into one request of at most Sitoo's item limit. Once a request goes anyway,
     * the queues not yet due ride along while there is room: fewer calls, and their lines arrive sooner.
     */
    private List<Batch> nextRequest() {
        Instant closesBefore = clock.instant().minus(window);
        List<RestockQueue> queues = ledger.restockQueues();
        List<RestockQueue> due = queues.stream()
                .filter(q -> q.lines() >= batchSize || !q.oldest().isAfter(closesBefore)).toList();
        if (due.isEmpty()) {
            return List.of();
        }
        List<RestockQueue> order = new ArrayList<>(due);
        queues.stream().filter(q -> !due.contains(q)).forEach(order::add);
        List<Batch> request = new ArrayList<>();
        String token = claims.newToken();
        int room = SitooClient.MAX_ITEMS_PER_REQUEST;
        for (RestockQueue queue : order) {
            if (room == 0) {
                break;
            }
            List<LedgerLine> candidates = ledger.findQueued(queue, Math.min(batchSize, room));
            if (candidates.isEmpty()) {
                continue;
            }
            // From here the outcome of the lines taken may be unknown: read back before anything is sent again.
            String externalId = StockInIds.newBatchExternalId();
            Set<String> taken = new HashSet<>(ledger.takeForBatch(candidates.stream().map(LedgerLine::itemId).toList(), externalId,
                    token, claims.expiry()));
            List<LedgerLine> lines = candidates.stream().filter(line -> taken.contains(line.itemId())).toList();
            if (!lines.isEmpty()) {
                request.add(new Batch(queue, lines, externalId, token));
                room -= lines.size();
            }
        }
        return request;
    }

    /** Answers the number of lines restocked, or -1 when the request got no usable answer. */
    private int send(List<Batch> request) {
        List<SitooClient.ElementResult> results;
        try {
            results = sitoo.postStockIns(request.stream().map(Batch::stockIn).toList());
        } catch (SitooUnavailableException e) {
            if (e.wasNotApplied()) {
                request.forEach(batch -> ledger.requeue(batch.itemIds(), batch.token()));
                log.warn("{} turned away ({}); back in the queue", describe(request), e.getMessage());
            } else {
                request.forEach(batch -> ledger.release(batch.itemIds(), batch.token()));
                log.warn("{} unanswered ({}); the restock sweep reads it back", describe(request), e.getMessage());
            }
            return -1;
        } catch (SitooRejectedException e) {
            results = request.stream().map(b -> new SitooClient.ElementResult(null, e.getMessage())).toList();
        } catch (RuntimeException unexpected) {
            request.forEach(batch -> ledger.release(batch.itemIds(), batch.token())); // intents stay: read back later
            throw unexpected;
        }
        int restocked = 0;
        for (int i = 0; i < request.size(); i++) {
            Batch batch = request.get(i);
            SitooClient.ElementResult result = results.get(i);
            if (result.transactionId() != null) {
                ledger.markRestocked(batch.itemIds(), result.transactionId(), "restocked in Sitoo transaction "
                        + result.transactionId() + " (" + batch.externalId() + ", " + batch.lines().size() + " lines)");
                exceptions.resolve(batch.itemIds()); // one statement for the batch, not one per line
                restocked += batch.lines().size();
                log.info("Restocked {} lines into Sitoo warehouse {} in one transaction {} ({})", batch.lines().size(),
                        batch.queue().warehouseId(), result.transactionId(), batch.externalId());
            } else {
                refused(batch, result.refusal());
            }
        }
        return restocked;
    }

    /** Nothing of a refused transaction moved. A single line is the culprit; several are retried one by one. */
    private void refused(Batch batch, String refusal) {
        ledger.clearRestockIntents(batch.itemIds(), batch.token()); // and releases them: each is claimed afresh below
        if (batch.lines().size() == 1) {
            failures.recordUnsettled(batch.lines().get(0), new SitooRejectedException(400, refusal));
            return;
        }
        log.warn("Sitoo refused the batch {} of {} lines for warehouse {} ({}); sending its lines one by one",
                batch.externalId(), batch.lines().size(), batch.queue().warehouseId(), refusal);
        for (LedgerLine line : batch.lines()) {
            try {
                restocker.restock(RestockOrder.from(line));
            } catch (RuntimeException e) {
                failures.recordUnsettled(line, e);
            }
        }
    }

    private static String describe(List<Batch> request) {
        return "Request with " + request.size() + " stock-in(s), " + request.stream().mapToInt(b -> b.lines().size()).sum()
                + " lines";
    }

    /** One queue's lines as one Sitoo transaction. */
    private record Batch(RestockQueue queue, List<LedgerLine> lines, String externalId, String token) {

        List<String> itemIds() {
            return lines.stream().map(LedgerLine::itemId).toList();
        }

        StockIn stockIn() {
            List<StockIn.Item> items = lines.stream()
                    .map(line -> new StockIn.Item(line.sitooSku(), BigDecimal.valueOf(line.quantity()))).toList();
            return new StockIn(queue.warehouseId(), externalId, queue.reasonCode(), "Reveni returns, batch of "
                    + lines.size() + " lines", items);
        }
    }
}
