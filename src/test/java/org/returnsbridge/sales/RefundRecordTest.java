package org.returnsbridge.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.returnsbridge.testsupport.ReturnJson.aReturn;
import static org.returnsbridge.testsupport.ReturnJson.newId;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.returnsbridge.exceptions.ReplayOutcome;
import org.returnsbridge.exceptions.WorkKind;
import org.returnsbridge.failure.ExceptionCategory;
import org.returnsbridge.ledger.LineState;
import org.returnsbridge.sitoo.SitooClient;
import org.returnsbridge.testsupport.ReturnJson;
import org.returnsbridge.testsupport.SandboxedBridgeTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Refunds and exchanges become Sitoo return orders: exactly one per refund, never moving stock. */
class RefundRecordTest extends SandboxedBridgeTest {

    private static final String SCARF = "10038-1";
    private static final String SHIRT = "20417-M";

    @Autowired
    private SalesLedger sales;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private SitooClient sitoo;
    @Autowired
    private org.returnsbridge.exceptions.ExceptionOperations operations;

    @Test
    void fullRefundBecomesOneClosedPaidReturnOrderAndMovesNoStock() {
        String item = newId();
        String refund = newId();
        ReturnJson ret = aReturn().location("store-goteborg-01").sellable(item, SCARF, 1)
                .refund(refund, "succeeded", "49.9500", item, "49.9500");
        sandbox.putReturn(ret.json());

        poll();

        JsonNode order = onlyOrder();
        assertThat(order.path("externalid").asText()).isEqualTo("rf-" + refund);
        assertThat(order.path("ordertypeid").asInt()).isEqualTo(10);
        assertThat(order.path("orderstateid").asInt()).isEqualTo(10);
        assertThat(order.path("paymentstateid").asInt()).isEqualTo(20);
        assertThat(order.path("currencycode").asText()).isEqualTo("EUR");
        assertThat(order.path("warehouseid").asInt()).isEqualTo(2);
        assertThat(order.path("orderitems")).hasSize(1);
        assertThat(order.path("orderitems").get(0).path("sku").asText()).isEqualTo(SCARF);
        assertThat(order.path("orderitems").get(0).path("quantity").asInt()).isEqualTo(-1);
        assertThat(order.path("orderitems").get(0).path("moneyrowprice").asText()).isEqualTo("-49.95");
        assertThat(order.path("orderitems").get(0).path("additionaldata").path("reasoncode-return").asText()).isEqualTo("102");
        assertThat(order.path("payments").get(0).path("moneyamount").asText()).isEqualTo("-49.95");
        assertThat(order.path("additionaldata").path("reveni-return-id").asText()).isEqualTo(ret.id());
        assertThat(order.path("additionaldata").path("reveni-refund-id").asText()).isEqualTo(refund);
        assertThat(order.path("additionaldata").path("return-warehouseid").asText()).isEqualTo("2");
        // Stock moved once, by the stock-in; the order moved none.
        assertThat(sandbox.stock(2, SCARF)).isEqualByComparingTo("1");
        assertThat(sandbox.warehouseTransactions()).hasSize(1);

        SalesRecord record = sales.find("refund:" + refund).orElseThrow();
        assertThat(record.state()).isEqualTo(SalesRecordState.RECORDED);
        assertThat(record.sitooOrderId()).isEqualTo(order.path("orderid").asLong());
    }

    @Test
    void originalSaleFoundInSitooIsLinked() {
        long sale = sitoo.postOrder(new ObjectMapper().createObjectNode().put("ordertypeid", 10).put("externalid", "WEB-1001")
                .put("currencycode", "EUR").put("orderstateid", 10).put("paymentstateid", 20));
        String item = newId();
        String refund = newId();
        sandbox.putReturn(aReturn().orderExternalId("WEB-1001").sellable(item, SCARF, 1)
                .refund(refund, "succeeded", "49.9500", item, "49.9500").json());

        poll();

        JsonNode order = orderFor("rf-" + refund);
        assertThat(order.path("creditorderid").asLong()).isEqualTo(sale);
        assertThat(order.path("additionaldata").path("pos-originalsales-orderid").asText()).isEqualTo(Long.toString(sale));
    }

    @Test
    void partialRefundRecordsOnlyTheRefundedItemsAndAmounts() {
        String kept = newId();
        String refunded = newId();
        String refund = newId();
        sandbox.putReturn(aReturn().sellable(kept, SCARF, 1).sellable(refunded, SHIRT, 1)
                .refund(refund, "succeeded", "29.9000", refunded, "29.9000").json());

        poll();

        JsonNode order = onlyOrder();
        assertThat(order.path("orderitems")).hasSize(1);
        assertThat(order.path("orderitems").get(0).path("sku").asText()).isEqualTo(SHIRT);
        assertThat(order.path("payments").get(0).path("moneyamount").asText()).isEqualTo("-29.90");
    }

    @Test
    void returnWithSeveralRefundsGetsOneOrderPerRefund() {
        String first = newId();
        String second = newId();
        String r1 = newId();
        String r2 = newId();
        sandbox.putReturn(aReturn().sellable(first, SCARF, 1).sellable(second, SHIRT, 1)
                .refund(r1, "succeeded", "49.9500", first, "49.9500")
                .refund(r2, "succeeded", "12.5050", second, "12.5050").json());

        poll();

        assertThat(externalIds()).containsExactlyInAnyOrder("rf-" + r1, "rf-" + r2);
        assertThat(orderFor("rf-" + r2).path("payments").get(0).path("moneyamount").asText())
                .as("half-up to cents").isEqualTo("-12.51");
    }

    @Test
    void pendingRefundWaitsAndFailedRefundPostsNothing() {
        String item = newId();
        String failedItem = newId();
        String pending = newId();
        String failed = newId();
        ReturnJson ret = aReturn().sellable(item, SCARF, 1).sellable(failedItem, SHIRT, 1)
                .refund(pending, "pending", "49.9500", item, "49.9500")
                .refund(failed, "failed", "29.9000", failedItem, "29.9000");
        sandbox.putReturn(ret.json());

        poll();

        assertThat(sandbox.orders()).isEmpty();
        assertThat(sales.find("refund:" + pending).orElseThrow().state()).isEqualTo(SalesRecordState.PENDING);
        assertThat(sales.find("refund:" + failed).orElseThrow().state()).isEqualTo(SalesRecordState.NOT_RECORDED);

        ret.json().withArray("refunds").forEach(r -> {
            if (r.path("id").asText().equals(pending)) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) r).put("status", "succeeded");
            }
        });
        sandbox.putReturn(ret.json());
        poll();

        assertThat(externalIds()).containsExactly("rf-" + pending);
        assertThat(sales.find("refund:" + pending).orElseThrow().state()).isEqualTo(SalesRecordState.RECORDED);
    }

    @Test
    void exchangeIsSettledByAVirtualPaymentThatNamesTheNewSku() {
        String item = newId();
        sandbox.putReturn(aReturn().exchanged(item, SCARF, "10038-2").json());

        poll();

        JsonNode order = onlyOrder();
        assertThat(order.path("externalid").asText()).isEqualTo("ex-" + item);
        assertThat(order.path("orderitems").get(0).path("quantity").asInt()).isEqualTo(-1);
        assertThat(order.path("payments").get(0).path("additionaldata").path("virtual-payment").asText()).isEqualTo("true");
        assertThat(order.path("additionaldata").path("exchange-sku").asText()).isEqualTo("10038-2");
        assertThat(sandbox.stock(1, SCARF)).as("the returned unit is restocked once").isEqualByComparingTo("1");
    }

    @Test
    void mixedReturnRecordsTheRefundAndTheExchangePerLine() {
        String refundedItem = newId();
        String exchangedItem = newId();
        String refund = newId();
        sandbox.putReturn(aReturn().sellable(refundedItem, SHIRT, 1).exchanged(exchangedItem, SCARF, "10038-3")
                .refund(refund, "succeeded", "49.9500", refundedItem, "49.9500").json());

        poll();

        assertThat(externalIds()).containsExactlyInAnyOrder("rf-" + refund, "ex-" + exchangedItem);
    }

    @Test
    void instantRefundIsRecordedBeforeTheGoodsArriveAndTheStockStillWaits() {
        String item = newId();
        String refund = newId();
        sandbox.putReturn(aReturn().status("shipped").item(item, SCARF, 1, "pending", null)
                .refund(refund, "succeeded", "49.9500", item, "49.9500").json());

        poll();

        assertThat(externalIds()).containsExactly("rf-" + refund);
        assertThat(line(item).state()).isEqualTo(LineState.HELD);
        assertThat(sandbox.stockLevels()).isEmpty();
    }

    @Test
    void repeatedPollsAndLostAnswersCreateNoSecondOrder() {
        String item = newId();
        String refund = newId();
        sandbox.putReturn(aReturn().sellable(item, SCARF, 1).refund(refund, "succeeded", "49.9500", item, "49.9500").json());
        // The order is applied, its answer outlasts the client timeout: the retry meets the taken externalid.
        sandbox.sitooFaults("{\"holdAfterCommitMillis\": 2500}");

        poll();
        sandbox.sitooFaults("{}");
        poll();
        poll();

        assertThat(sandbox.orders()).hasSize(1);
        SalesRecord record = sales.find("refund:" + refund).orElseThrow();
        assertThat(record.state()).isEqualTo(SalesRecordState.RECORDED);
        assertThat(record.sitooOrderId()).isEqualTo(sandbox.orders().get(0).path("orderid").asLong());
    }

    @Test
    void refundQueuedDuringAnOutageIsReplayedIntoOneOrderAndReplayingAgainAddsNone() {
        String item = newId();
        String refund = newId();
        sandbox.putReturn(aReturn().item(item, SCARF, 1, "accepted", "damaged")
                .refund(refund, "succeeded", "49.9500", item, "49.9500").json());
        sandbox.sitooFaults("{\"outageSeconds\": 3}");

        poll();

        var record = exceptionsFor("refund:" + refund).get(0);
        assertThat(record.category()).isEqualTo(ExceptionCategory.SITOO_UNAVAILABLE);
        assertThat(sandbox.orders()).isEmpty();

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .pollInterval(java.time.Duration.ofMillis(500))
                .until(() -> operations.replay(record.id()).outcome() == ReplayOutcome.RESOLVED);
        operations.replay(record.id());

        assertThat(externalIds()).containsExactly("rf-" + refund);
        assertThat(sales.find("refund:" + refund).orElseThrow().state()).isEqualTo(SalesRecordState.RECORDED);
    }

    @Test
    void refundWhoseLinesDoNotAddUpIsAnExceptionNotAnAdjustment() {
        String item = newId();
        String refund = newId();
        sandbox.putReturn(aReturn().sellable(item, SCARF, 1).refund(refund, "succeeded", "49.9500", item, "45.0000").json());

        poll();

        assertThat(sandbox.orders()).isEmpty();
        var record = exceptionsFor("refund:" + refund).get(0);
        assertThat(record.category()).isEqualTo(ExceptionCategory.REFUND_MISMATCH);
        assertThat(record.reason()).contains("49.9500").contains("45.0000");
        assertThat(sales.find("refund:" + refund).orElseThrow().state()).isEqualTo(SalesRecordState.EXCEPTION);
    }

    @Test
    void externalIdTakenByAnOrderTheBridgeDidNotCreateIsRefusedNotClaimed() {
        String item = newId();
        String refund = newId();
        sitoo.postOrder(new ObjectMapper().createObjectNode().put("ordertypeid", 10).put("externalid", "rf-" + refund)
                .put("currencycode", "EUR"));
        sandbox.putReturn(aReturn().sellable(item, SCARF, 1).refund(refund, "succeeded", "49.9500", item, "49.9500").json());

        poll();

        var record = exceptionsFor("refund:" + refund).get(0);
        assertThat(record.category()).isEqualTo(ExceptionCategory.REFUND_POST_FAILED);
        assertThat(record.kind()).isEqualTo(WorkKind.SALES);
        assertThat(record.reason()).contains("did not create");
        assertThat(sandbox.orders()).hasSize(1);
    }

    /** The longest Sitoo call in these tests (10 s for a turn under the rate limit + the 2 s response timeout). */
    private static final Duration OTHER_ATTEMPT_WAIT = Duration.ofSeconds(12);

    @Test
    void aRefundAnotherAttemptHoldsIsRecordedOnceThatAttemptLetsGoWithinTheWait() {
        String refund = newId();
        ReturnJson ret = pendingRefundWithItsRecordHeldElsewhere(refund, OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(1));

        succeed(ret);
        poll();

        assertThat(externalIds()).containsExactly("rf-" + refund);
        assertThat(sales.find("refund:" + refund).orElseThrow().state()).isEqualTo(SalesRecordState.RECORDED);
        assertThat(exceptionsFor("refund:" + refund)).as("a brief meeting of two attempts files nothing").isEmpty();
    }

    @Test
    void aRefundWhoseHolderDiedIsQueuedNotDroppedAndRecordedOnceItsClaimLapses() {
        String refund = newId();
        // A node died while posting this refund's order: its claim stays beyond the longest Sitoo call.
        OffsetDateTime lapses = OffsetDateTime.now(ZoneOffset.UTC).plus(OTHER_ATTEMPT_WAIT).plusSeconds(3);
        ReturnJson ret = pendingRefundWithItsRecordHeldElsewhere(refund, lapses);

        succeed(ret);
        poll();

        assertThat(sandbox.orders()).as("not posted over another attempt's claim").isEmpty();
        var queued = exceptionsFor("refund:" + refund);
        assertThat(queued).as("queued, not dropped: nothing else would come back to it").hasSize(1);
        assertThat(queued.get(0).category()).isEqualTo(ExceptionCategory.SITOO_UNAVAILABLE);
        assertThat(queued.get(0).kind()).isEqualTo(WorkKind.SALES);
        assertThat(queued.get(0).reason()).contains("being recorded by another attempt");

        Awaitility.await("the dead attempt's claim lapses").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200)).until(() -> OffsetDateTime.now(ZoneOffset.UTC).isAfter(lapses));
        assertThat(operations.replay(queued.get(0).id()).outcome()).isEqualTo(ReplayOutcome.RESOLVED);

        assertThat(externalIds()).containsExactly("rf-" + refund);
        assertThat(sales.find("refund:" + refund).orElseThrow().state()).isEqualTo(SalesRecordState.RECORDED);
    }

    /** A return whose refund is pending in Reveni, its sales record claimed by another node until {@code until}. */
    private ReturnJson pendingRefundWithItsRecordHeldElsewhere(String refund, OffsetDateTime until) {
        String item = newId();
        ReturnJson ret = aReturn().sellable(item, SCARF, 1).refund(refund, "pending", "49.9500", item, "49.9500");
        sandbox.putReturn(ret.json());
        poll();
        assertThat(sales.find("refund:" + refund).orElseThrow().state()).isEqualTo(SalesRecordState.PENDING);
        jdbc.update("UPDATE sales_record SET claim_token = ?, claim_expires_at = ? WHERE record_key = ?",
                "other-node:1", until, "refund:" + refund);
        return ret;
    }

    private void succeed(ReturnJson ret) {
        ret.json().withArray("refunds").forEach(r -> ((com.fasterxml.jackson.databind.node.ObjectNode) r)
                .put("status", "succeeded"));
        sandbox.putReturn(ret.json());
    }

    private JsonNode onlyOrder() {
        JsonNode orders = sandbox.orders();
        assertThat(orders).hasSize(1);
        return orders.get(0);
    }

    private JsonNode orderFor(String externalId) {
        for (JsonNode order : sandbox.orders()) {
            if (externalId.equals(order.path("externalid").asText())) {
                return order;
            }
        }
        throw new AssertionError("no order " + externalId + " in " + sandbox.orders());
    }

    private List<String> externalIds() {
        List<String> ids = new ArrayList<>();
        for (JsonNode order : sandbox.orders()) {
            if (order.path("externalid").asText().matches("(rf|ex)-.*")) {
                ids.add(order.path("externalid").asText());
            }
        }
        return ids;
    }
}
