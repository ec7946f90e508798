package org.returnsbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.returnsbridge.testsupport.ReturnJson.aReturn;
import static org.returnsbridge.testsupport.ReturnJson.newId;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;
import org.returnsbridge.exceptions.ExceptionRecord;
import org.returnsbridge.exceptions.ExceptionStatus;
import org.returnsbridge.exceptions.WorkKind;
import org.returnsbridge.failure.ExceptionCategory;
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
        assertThat(noItems.kind()).isEqualTo(WorkKind.RETURN);
        assertThat(noItems.reason()).contains("no return_items array");
        assertThat(exceptions.findOpen()).anySatisfy(r -> {
            assertThat(r.reason()).contains("no usable id");
            assertThat(r.kind()).isEqualTo(WorkKind.RETURN);
            assertThat(r.lineKey()).as("known by its payload").startsWith("return-payload:");
        });
    }

    @Test
    void pageThatIsNotJsonOnceIsReadAgainReturnByReturn() {
        // Five returns: pages of two, so page 1 = [a, b], page 2 = [c, d], page 3 = [e].
        String[] items = {newId(), newId(), newId(), newId(), newId()};
        for (String item : items) {
            sandbox.putReturn(aReturn().sellable(item, SCARF, 1).json());
        }
        sandbox.corruptNextReturnPages(1);

        poll();

        for (String item : items) {
            assertThat(line(item).state()).isEqualTo(LineState.RESTOCKED);
        }
        assertThat(sandbox.warehouseTransactions()).hasSize(5);
        assertThat(exceptions.findOpen()).as("read fine the second time").isEmpty();
    }

    @Test
    void malformedReturnInAPageIsRecordedAndTheRestOfThePageIsProcessed() {
        String before = newId();
        String after = newId();
        sandbox.putReturn(aReturn().sellable(before, SCARF, 1).json());
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        sandbox.putRawResult(now, "{\"id\": \"broken\", \"status\": "); // not JSON: the whole page breaks
        sandbox.putReturn(aReturn().sellable(after, SCARF, 1).json());

        poll();

        assertThat(line(before).state()).isEqualTo(LineState.RESTOCKED);
        assertThat(line(after).state()).isEqualTo(LineState.RESTOCKED);
        ExceptionRecord page = exceptionsFor("poll:reveni-unreadable-page").get(0);
        assertThat(page.category()).isEqualTo(ExceptionCategory.INVALID_RETURN);
        assertThat(page.reason()).contains("1 return(s) could not be read").contains("not JSON");

        poll(); // still broken in Reveni: the same record, seen again, nothing doubled

        assertThat(exceptionsFor("poll:reveni-unreadable-page")).hasSize(1);
        ExceptionRecord again = exceptionsFor("poll:reveni-unreadable-page").get(0);
        // The keyset cursor asks for the broken page by the same URL both times, so the failure is the same
        // waiting one (not a new attempt), only seen again.
        assertThat(again.reason()).isEqualTo(page.reason());
        assertThat(again.attempts()).isEqualTo(1);
        assertThat(again.lastSeen()).isAfter(page.lastSeen());
        assertThat(sandbox.warehouseTransactions()).hasSize(2);
    }

    @Test
    void oversizedReturnIsRefusedUnreadAndTheRestOfThePageIsProcessed() {
        String good = newId();
        sandbox.putReturn(aReturn().sellable(good, SCARF, 1).json());
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        ReturnJson huge = aReturn().sellable(newId(), SCARF, 1);
        huge.json().put("notes", "x".repeat(300_000)); // the test context refuses pages over 200 000 bytes
        huge.json().put("updated_at", now);
        sandbox.putRawResult(now, huge.json().toString());

        poll();

        assertThat(line(good).state()).isEqualTo(LineState.RESTOCKED);
        ExceptionRecord page = exceptionsFor("poll:reveni-unreadable-page").get(0);
        assertThat(page.category()).isEqualTo(ExceptionCategory.INVALID_RETURN);
        assertThat(page.reason()).contains("larger than 200000 bytes");
    }

    @Test
    void illegalSkuCharactersAreRefusedWithTheReason() {
        String comma = newId();
        String control = newId();
        String good = newId();
        sandbox.putReturn(aReturn().sellable(comma, "10038-1,10038-2", 1).sellable(control, "10038\u0007", 1)
                .sellable(good, SCARF, 1).json());

        poll();

        assertThat(reasonFor(comma)).contains("sku \"10038-1,10038-2\" has characters the bridge will not send");
        assertThat(reasonFor(control)).contains("will not send to Sitoo");
        assertThat(line(good).state()).isEqualTo(LineState.RESTOCKED);
        assertThat(sandbox.warehouseTransactions()).hasSize(1);
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
