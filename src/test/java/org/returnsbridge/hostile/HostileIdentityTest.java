package org.returnsbridge.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.returnsbridge.testsupport.ReturnJson.aReturn;
import static org.returnsbridge.testsupport.ReturnJson.newId;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.returnsbridge.exceptions.ExceptionRecord;
import org.returnsbridge.failure.ExceptionCategory;
import org.returnsbridge.ledger.LedgerLine;
import org.returnsbridge.ledger.LineState;
import org.returnsbridge.ledger.SeenLine;
import org.returnsbridge.sales.SalesLedger;
import org.returnsbridge.sales.SalesRecord;
import org.returnsbridge.sales.SalesRecordState;
import org.returnsbridge.testsupport.ReturnJson;
import org.returnsbridge.testsupport.SandboxedBridgeTest;

/** An item id is one ledger line: two lines claiming it never overwrite each other, and both returns are named. */
class HostileIdentityTest extends SandboxedBridgeTest {

    @org.springframework.beans.factory.annotation.Autowired
    private SalesLedger sales;

    private static final String SCARF = "10038-1";
    private static final String SHIRT = "20417-M";

    static Stream<Arguments> sameIdTwiceInOneReturn() {
        return Stream.of(
                Arguments.of(SCARF, 1, SCARF, 1, 0), // an exact duplicate
                Arguments.of(SCARF, 1, SHIRT, 3, 0), // another SKU and quantity under the same id
                Arguments.of(SHIRT, 2, SCARF, 1, 2)); // the two far apart, other lines between them
    }

    @ParameterizedTest
    @MethodSource("sameIdTwiceInOneReturn")
    void twoLinesOfOneReturnWithTheSameItemIdAreRefusedNamingBoth(String sku1, int q1, String sku2, int q2, int between) {
        String shared = newId();
        ReturnJson ret = aReturn().sellable(shared, sku1, q1);
        for (int i = 0; i < between; i++) {
            ret.sellable(newId(), SCARF, 1);
        }
        ret.sellable(shared, sku2, q2);
        sandbox.putReturn(ret.json());

        poll();

        ExceptionRecord record = exceptionsFor("return:" + ret.id()).get(0);
        assertThat(record.category()).isEqualTo(ExceptionCategory.INVALID_RETURN);
        assertThat(record.reason()).contains("return " + ret.id())
                .contains("return_items[0] and return_items[" + (between + 1) + "] share the item id " + shared);
        assertThat(ledger.find(shared)).as("neither line guessed at").isEmpty();
        assertThat(sandbox.warehouseTransactions()).isEmpty();
    }

    static Stream<Arguments> sameIdInAnotherReturn() {
        return Stream.of(
                Arguments.of(SHIRT, 3, "accepted", "sellable"), // would restock the wrong SKU and quantity
                Arguments.of(SCARF, 1, "accepted", "sellable"), // the same data: still another return's line
                Arguments.of(SCARF, 2, "rejected", "damaged")); // would relabel a restocked line as rejected
    }

    @ParameterizedTest
    @MethodSource("sameIdInAnotherReturn")
    void aSecondReturnReusingAnItemIdNeverOverwritesTheFirstLine(String sku, int quantity, String status, String condition) {
        String shared = newId();
        String sibling = newId();
        ReturnJson first = aReturn().sellable(shared, SCARF, 1);
        sandbox.putReturn(first.json());
        poll();
        assertThat(line(shared).state()).isEqualTo(LineState.RESTOCKED);

        ReturnJson second = aReturn().item(shared, sku, quantity, status, condition).sellable(sibling, SCARF, 1);
        sandbox.putReturn(second.json());
        poll();

        LedgerLine kept = line(shared);
        assertThat(kept.returnId()).isEqualTo(first.id());
        assertThat(kept.sku()).isEqualTo(SCARF);
        assertThat(kept.quantity()).isEqualTo(1);
        assertThat(kept.itemStatus()).isEqualTo("accepted");
        assertThat(kept.state()).isEqualTo(LineState.RESTOCKED);
        ExceptionRecord conflict = exceptionsFor("return:" + second.id() + "#item:" + shared).get(0);
        assertThat(conflict.category()).isEqualTo(ExceptionCategory.INVALID_RETURN);
        assertThat(conflict.returnId()).isEqualTo(second.id());
        assertThat(conflict.reason()).contains(second.id()).contains(first.id()).contains("return_items[0].id " + shared);
        assertThat(exceptionsFor(shared)).as("the first return's line is not marked").isEmpty();
        assertThat(line(sibling).state()).as("the other lines carry on").isEqualTo(LineState.RESTOCKED);
        assertThat(sandbox.stock(1, SCARF)).isEqualByComparingTo("2");
        assertThat(sandbox.stock(1, SHIRT)).isEqualByComparingTo("0");
    }

    @Test
    void twoReturnsClaimingOneItemIdInTheSamePollRestockOnlyOneOfThem() {
        String shared = newId();
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        ReturnJson a = aReturn().sellable(shared, SCARF, 1);
        ReturnJson b = aReturn().sellable(shared, SHIRT, 4);
        a.json().put("updated_at", now);
        b.json().put("updated_at", now);
        sandbox.putReturnKeepingTimestamps(a.json()); // one page, processed in parallel
        sandbox.putReturnKeepingTimestamps(b.json());

        poll();

        LedgerLine kept = line(shared);
        ReturnJson owner = kept.returnId().equals(a.id()) ? a : b;
        ReturnJson other = owner == a ? b : a;
        assertThat(kept.sku()).isEqualTo(owner == a ? SCARF : SHIRT);
        assertThat(kept.quantity()).isEqualTo(owner == a ? 1 : 4);
        assertThat(exceptionsFor("return:" + other.id() + "#item:" + shared).get(0).reason())
                .contains(owner.id()).contains(other.id());
        assertThat(sandbox.warehouseTransactions()).hasSize(1);
        assertThat(sandbox.totalStock()).isEqualByComparingTo(owner == a ? "1" : "4");
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"49.9500", "10.0000"})
    void aSecondReturnReusingARefundIdNeverOverwritesTheFirstRefundsRecord(String secondAmount) {
        String refund = newId();
        String firstItem = newId();
        ReturnJson first = aReturn().sellable(firstItem, SCARF, 1).refund(refund, "succeeded", "49.9500", firstItem, "49.9500");
        sandbox.putReturn(first.json());
        poll();
        assertThat(sales.find("refund:" + refund).orElseThrow().state()).isEqualTo(SalesRecordState.RECORDED);

        String secondItem = newId();
        ReturnJson second = aReturn().sellable(secondItem, SCARF, 1)
                .refund(refund, "succeeded", secondAmount, secondItem, secondAmount);
        sandbox.putReturn(second.json());
        poll();

        SalesRecord kept = sales.find("refund:" + refund).orElseThrow();
        assertThat(kept.returnId()).isEqualTo(first.id());
        assertThat(kept.amount()).isEqualByComparingTo("49.95");
        assertThat(kept.state()).isEqualTo(SalesRecordState.RECORDED);
        ExceptionRecord conflict = exceptionsFor("return:" + second.id() + "#refund:" + refund).get(0);
        assertThat(conflict.category()).isEqualTo(ExceptionCategory.INVALID_RETURN);
        assertThat(conflict.reason()).contains(first.id()).contains(second.id()).contains("refund id " + refund);
        assertThat(exceptionsFor("refund:" + refund)).as("the first refund's record is not marked").isEmpty();
        assertThat(sandbox.orders()).hasSize(1);
    }

    @Test
    void theLedgerRefusesToOverwriteALineWithAnotherReturnsData() {
        String item = newId();
        assertThat(ledger.recordSeen(new SeenLine(item, "return-a", "accepted", "accepted", SCARF, 1, "store-stockholm-01",
                "sellable", "size_too_small"))).isEqualTo("return-a");

        String owner = ledger.recordSeen(new SeenLine(item, "return-b", "accepted", "rejected", SHIRT, 9, "elsewhere",
                "damaged", "changed_mind"));

        assertThat(owner).isEqualTo("return-a");
        LedgerLine row = line(item);
        assertThat(row.returnId()).isEqualTo("return-a");
        assertThat(row.sku()).isEqualTo(SCARF);
        assertThat(row.quantity()).isEqualTo(1);
        assertThat(row.itemStatus()).isEqualTo("accepted");
        assertThat(row.locationId()).isEqualTo("store-stockholm-01");
    }
}
