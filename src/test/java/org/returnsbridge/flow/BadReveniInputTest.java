package org.returnsbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.returnsbridge.testsupport.ReturnJson.aReturn;
import static org.returnsbridge.testsupport.ReturnJson.newId;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;
import org.returnsbridge.exceptions.ExceptionCategory;
import org.returnsbridge.exceptions.ExceptionRecord;
import org.returnsbridge.exceptions.ExceptionStatus;
import org.returnsbridge.ledger.LineState;
import org.returnsbridge.testsupport.ReturnJson;
import org.returnsbridge.testsupport.SandboxedBridgeTest;

/** What Reveni may send that breaks the contract: each defect is recorded with a reason, the rest flows on. */
class BadReveniInputTest extends SandboxedBridgeTest {

    private static final String SCARF = "10038-1";

    @Test
    void badLinesBecomeExceptionsWithReasonsAndTheirSiblingsAreRestocked() {
        String good = newId();
        String zero = newId();
        String negative = newId();
        String text = newId();
        String absurd = newId();
        ReturnJson ret = aReturn().sellable(good, SCARF, 1).sellable(zero, SCARF, 0).sellable(negative, SCARF, -1)
                .sellable(absurd, SCARF, 5000);
        ret.json().withArray("return_items").addObject().put("id", text).put("sku", SCARF).put("quantity", "one")
                .put("status", "accepted").put("condition", "sellable");
        sandbox.putReturn(ret.json());

        poll();

        assertThat(line(good).state()).isEqualTo(LineState.RESTOCKED);
        assertThat(sandbox.stock(1, SCARF)).isEqualByComparingTo("1");
        assertThat(reasonFor(zero)).contains("quantity must be a positive integer, got 0");
        assertThat(reasonFor(negative)).contains("quantity must be a positive integer, got -1");
        assertThat(reasonFor(text)).contains("quantity must be a positive integer, got \"one\"");
        assertThat(reasonFor(absurd)).contains("above the limit");
        assertThat(line(zero).state()).isEqualTo(LineState.EXCEPTION);
    }

    @Test
    void returnsMissingTheirIdsOrItemsAreRecordedAndThePollCarriesOn() {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        sandbox.putRawResult(now, "{\"status\":\"accepted\",\"updated_at\":\"" + now + "\",\"return_items\":[]}");
        String noItemsId = newId();
        sandbox.putRawResult(now, "{\"id\":\"" + noItemsId + "\",\"status\":\"accepted\",\"updated_at\":\"" + now + "\"}");
        String good = newId();
        sandbox.putReturn(aReturn().sellable(good, SCARF, 1).json());

        poll();

        assertThat(line(good).state()).isEqualTo(LineState.RESTOCKED);
        ExceptionRecord noItems = exceptionsFor("return:" + noItemsId).get(0);
        assertThat(noItems.category()).isEqualTo(ExceptionCategory.INVALID_RETURN);
        assertThat(noItems.reason()).contains("no return_items array");
        assertThat(exceptions.findOpen()).anySatisfy(r -> assertThat(r.reason()).contains("no usable id"));
    }

    @Test
    void unreadablePageIsRecordedTheRestIsProcessedAndThePageIsReadAgainNextPoll() {
        // Five returns: pages of two, so page 1 = [a, b], page 2 = [c, d], page 3 = [e].
        String[] items = {newId(), newId(), newId(), newId(), newId()};
        for (String item : items) {
            sandbox.putReturn(aReturn().sellable(item, SCARF, 1).json());
        }
        sandbox.corruptNextReturnPages(1);

        poll();

        long restocked = java.util.Arrays.stream(items).filter(i -> ledger.find(i).isPresent()).count();
        assertThat(restocked).as("everything but the unreadable first page").isEqualTo(3);
        ExceptionRecord pollRecord = exceptionsFor("poll:reveni").get(0);
        assertThat(pollRecord.category()).isEqualTo(ExceptionCategory.REVENI_UNAVAILABLE);
        assertThat(pollRecord.reason()).contains("not JSON");

        poll();

        for (String item : items) {
            assertThat(line(item).state()).isEqualTo(LineState.RESTOCKED);
        }
        assertThat(sandbox.stock(1, SCARF)).isEqualByComparingTo("5");
        assertThat(sandbox.warehouseTransactions()).hasSize(5);
        assertThat(exceptionsFor("poll:reveni").get(0).status()).isEqualTo(ExceptionStatus.RESOLVED);
    }

    @Test
    void unknownFieldsAreIgnoredAndAnUnknownReturnStatusHoldsTheLine() {
        String item = newId();
        ReturnJson ret = aReturn().status("awaiting_courier_pickup").sellable(item, SCARF, 1);
        ret.json().put("brand_new_field", "whatever").putObject("nested").put("x", 1);
        sandbox.putReturn(ret.json());

        poll();

        // The contract: an unknown status is "not actionable yet", recorded, never a crash or a verdict.
        assertThat(line(item).state()).isEqualTo(LineState.HELD);
        assertThat(line(item).stateReason()).contains("'awaiting_courier_pickup'");
        assertThat(line(item).returnStatus()).isEqualTo("awaiting_courier_pickup");
        assertThat(sandbox.stockLevels()).isEmpty();
        assertThat(exceptions.findOpen()).isEmpty();
    }

    @Test
    void itemWithAConditionButNotYetAcceptedWaits() {
        String item = newId();
        sandbox.putReturn(aReturn().status("for_review").item(item, SCARF, 1, "pending", "sellable").json());

        poll();

        assertThat(line(item).state()).isEqualTo(LineState.HELD);
        assertThat(line(item).stateReason()).contains("awaiting Reveni's acceptance");
        assertThat(sandbox.stockLevels()).isEmpty();
    }

    private String reasonFor(String itemId) {
        var records = exceptionsFor(itemId);
        assertThat(records).as("exception for " + itemId).hasSize(1);
        assertThat(records.get(0).category()).isEqualTo(ExceptionCategory.INVALID_RETURN);
        return records.get(0).reason();
    }
}
