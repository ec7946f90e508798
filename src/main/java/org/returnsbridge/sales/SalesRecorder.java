package org.returnsbridge.sales;

import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.returnsbridge.claims.Claims;
import org.returnsbridge.exceptions.ExceptionQueue;
import org.returnsbridge.failure.BridgeException;
import org.returnsbridge.failure.ExceptionCategory;
import org.returnsbridge.mapping.MappedLocation;
import org.returnsbridge.mapping.MappingRegistry;
import org.returnsbridge.mapping.Mappings;
import org.returnsbridge.reveni.InvalidReturnException;
import org.returnsbridge.reveni.Refund;
import org.returnsbridge.reveni.ReturnItem;
import org.returnsbridge.sitoo.SitooCatalog;
import org.returnsbridge.sitoo.SitooClient;
import org.returnsbridge.sitoo.SitooRejectedException;
import org.returnsbridge.sitoo.SitooUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records each Reveni refund (and each exchange) as exactly one Sitoo return order. Sitoo keeps order
 * externalids unique, so the order's externalid ({@code rf-<refund id>}) is the idempotency key: a
 * repeated post (poll overlap, replay, restart, a lost answer) is refused by Sitoo, the bridge reads the
 * order back, checks it is its own, and records it instead of posting anything new.
 *
 * <p>Before that second line of defence, the first: only the holder of the record's claim posts (nodes
 * sharing the database race on one refund when a poll and a webhook meet); a loser leaves it to the holder.
 */
public class SalesRecorder {

    /** How often a held-off attempt looks whether the other one has finished: a post takes tens of milliseconds. */
    private static final Duration OTHER_ATTEMPT_POLL = Duration.ofMillis(50);

    private static final Logger log = LoggerFactory.getLogger(SalesRecorder.class);

    private final SitooClient sitoo;
    private final SitooCatalog catalog;
    private final SalesLedger ledger;
    private final ExceptionQueue exceptions;
    private final MappingRegistry mappings;
    private final SalesOrders orders;
    private final Claims claims;
    private final Duration otherAttemptWait;

    /**
     * @param otherAttemptWait how long an attempt that finds the record held by another waits for that attempt's
     *                         outcome: the longest Sitoo call (a live holder is done by then; one still holding
     *                         after it has most likely died)
     */
    public SalesRecorder(SitooClient sitoo, SitooCatalog catalog, SalesLedger ledger, ExceptionQueue exceptions,
                         MappingRegistry mappings, SalesOrders orders, Claims claims, Duration otherAttemptWait) {
        this.sitoo = sitoo;
        this.catalog = catalog;
        this.ledger = ledger;
        this.exceptions = exceptions;
        this.mappings = mappings;
        this.orders = orders;
        this.claims = claims;
        this.otherAttemptWait = otherAttemptWait;
    }

    /** The route has put the return, refund and item ids in the log context (support.LogContext). */
    public void record(SalesWork work) {
        if (work.kind() == SalesWork.Kind.REFUND && work.refund().problem() != null) {
            throw new InvalidReturnException(work.returnId(), "return " + work.returnId() + ": " + work.refund().problem());
        }
        String owner = ledger.recordSeen(work);
        if (!owner.equals(work.returnId())) {
            throw new SalesKeyConflictException(work, "return " + work.returnId() + ": " + work + " uses the "
                    + (work.kind() == SalesWork.Kind.REFUND ? "refund id " + work.refundId() : "item id " + work.itemId())
                    + " of a record of return " + owner + "; that record is kept as it is and this one is not"
                    + " recorded until Reveni sends distinct ids");
        }
        if (ledger.find(work.recordKey()).map(r -> r.state() == SalesRecordState.RECORDED).orElse(false)) {
            return;
        }
        if (work.kind() == SalesWork.Kind.REFUND) {
            recordRefund(work);
        } else {
            recordExchange(work);
        }
    }

    private void recordRefund(SalesWork work) {
        Refund refund = work.refund();
        if (refund.isFailed()) {
            ledger.markNotRecorded(work.recordKey(), "refund failed in Reveni: no money moved, nothing to record");
            exceptions.resolve(work.recordKey());
        } else if (!refund.isSucceeded()) {
            ledger.markPending(work.recordKey(), "refund " + refund.status() + " in Reveni: recorded once it succeeds");
        } else {
            post(work, orders.refundOrder(work, context(work, firstRefundedItem(work))));
        }
    }

    private void recordExchange(SalesWork work) {
        ReturnItem item = work.exchangedItem();
        if (item.isRejected()) {
            ledger.markNotRecorded(work.recordKey(), "exchanged item rejected at inspection: no exchange to record");
            exceptions.resolve(work.recordKey());
        } else if (!item.isAccepted()) {
            ledger.markPending(work.recordKey(), "exchange awaiting Reveni's acceptance of the returned item");
        } else {
            post(work, orders.exchangeOrder(work, context(work, item)));
        }
    }

    private void post(SalesWork work, ObjectNode order) {
        order.withArray("orderitems").forEach(line -> requireKnownSku(line.path("sku").asText()));
        String token = claims.newToken();
        if (!claimOrAwaitTheOtherAttempt(work, token)) {
            return; // the other attempt recorded it
        }
        try {
            if (ledger.find(work.recordKey()).map(r -> r.state() == SalesRecordState.RECORDED).orElse(false)) {
                return; // the previous holder recorded it since this attempt looked
            }
            postClaimed(work, order);
        } finally {
            ledger.release(work.recordKey(), token); // a no-op once recorded
        }
    }

    /**
     * True once this attempt holds the record; false when another attempt, holding it, recorded it meanwhile.
     * Two attempts meet on one record when a poll and a webhook bring the same return to two nodes at once: the
     * other one is then done within one Sitoo call, and this one simply waits for it. But its node may have died
     * holding the claim, and once Reveni stops showing the return as changed nothing else would come back to this
     * record: so an attempt still held off after the longest Sitoo call is not dropped. It waits in the exception
     * queue and is looked at again later (recorded by then: nothing to do; the claim lapsed: taken over, and an
     * order the dead attempt did land is found by its externalid, never posted twice).
     */
    private boolean claimOrAwaitTheOtherAttempt(SalesWork work, String token) {
        long deadline = System.nanoTime() + otherAttemptWait.toNanos();
        while (!ledger.claim(work.recordKey(), token, claims.expiry())) {
            if (ledger.find(work.recordKey()).map(r -> r.state() == SalesRecordState.RECORDED).orElse(false)) {
                return false;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw SitooUnavailableException.notSettled(work + " is being recorded by another attempt that has not"
                        + " finished within " + otherAttemptWait.toSeconds() + " s; it is looked at again once that"
                        + " attempt has ended or its claim (" + claims.ttl().toSeconds() + " s) has lapsed");
            }
            try {
                Thread.sleep(OTHER_ATTEMPT_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw SitooUnavailableException.notSettled(work + " was interrupted waiting for another attempt");
            }
        }
        return true;
    }

    private void postClaimed(SalesWork work, ObjectNode order) {
        long orderId;
        String how;
        try {
            orderId = sitoo.postOrder(order);
            how = "return order posted";
        } catch (SitooRejectedException refused) {
            // Most often the externalid is taken because an earlier attempt did land: read it back.
            JsonNode existing = sitoo.findOrder(work.externalId()).orElseThrow(() -> new BridgeException(
                    ExceptionCategory.REFUND_POST_FAILED, refused.getMessage()));
            if (!work.returnId().equals(existing.path("additionaldata").path("reveni-return-id").asText())) {
                throw new BridgeException(ExceptionCategory.REFUND_POST_FAILED, "externalid " + work.externalId()
                        + " is taken in Sitoo by order " + existing.path("orderid").asText()
                        + ", which the bridge did not create for return " + work.returnId());
            }
            orderId = existing.path("orderid").asLong();
            how = "return order already in Sitoo (found by externalid), not posted again";
        }
        ledger.markRecorded(work.recordKey(), orderId, how);
        exceptions.resolve(work.recordKey());
        log.info("Recorded {} as Sitoo order {} ({})", work, orderId, how);
    }

    private void requireKnownSku(String sitooSku) {
        if (catalog.product(sitooSku).isEmpty()) {
            throw new BridgeException(ExceptionCategory.UNKNOWN_SKU, "Sitoo has no product with SKU '" + sitooSku
                    + "' to record the return order with");
        }
    }

    private OrderContext context(SalesWork work, ReturnItem reasonItem) {
        Mappings m = mappings.current();
        Integer warehouseId = m.location(work.reveniReturn().locationId()).map(MappedLocation::warehouseId).orElse(null);
        Long originalOrderId = Optional.ofNullable(work.reveniReturn().orderExternalId())
                .flatMap(sitoo::findOrder).map(o -> o.path("orderid").asLong()).orElse(null);
        String reason = reasonItem == null ? null : m.reasonCodeFor(reasonItem.returnReason());
        return new OrderContext(warehouseId, originalOrderId, reason, m);
    }

    private static ReturnItem firstRefundedItem(SalesWork work) {
        return work.refund().items().stream().findFirst()
                .flatMap(r -> work.reveniReturn().items().stream().filter(i -> r.itemId().equals(i.id())).findFirst())
                .orElse(null);
    }
}
