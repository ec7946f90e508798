package org.returnsbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.returnsbridge.testsupport.ReturnJson.aReturn;
import static org.returnsbridge.testsupport.ReturnJson.newId;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.returnsbridge.exceptions.ExceptionRecord;
import org.returnsbridge.exceptions.ExceptionStatus;
import org.returnsbridge.failure.ExceptionCategory;
import org.returnsbridge.ledger.LedgerLine;
import org.returnsbridge.ledger.LineState;
import org.returnsbridge.testsupport.ReturnJson;
import org.returnsbridge.testsupport.SandboxedBridgeTest;

/** The core flow, end to end over HTTP: Reveni sandbox in, Sitoo sandbox stock out, ledger in between. */
class ReturnFlowTest extends SandboxedBridgeTest {

    private static final String SCARF = "10038-1";
    private static final String SHIRT = "20417-M";
    private static final int STOCKHOLM = 1;
    private static final int GOTEBORG = 2;
    private static final int BORAS = 3;

    @Test
    void sellableLineBecomesStockInExactlyTheMappedWarehouse() {
        String item = newId();
        ReturnJson ret = aReturn().location("store-goteborg-01").sellable(item, SCARF, 1);
        sandbox.putReturn(ret.json());

        poll();

        assertThat(sandbox.stock(GOTEBORG, SCARF)).isEqualByComparingTo("1");
        assertThat(sandbox.stock(STOCKHOLM, SCARF)).isEqualByComparingTo("0");
        assertThat(sandbox.stock(BORAS, SCARF)).isEqualByComparingTo("0");
        JsonNode transactions = sandbox.warehouseTransactions();
        assertThat(transactions).hasSize(1);
        JsonNode tx = transactions.get(0);
        assertThat(tx.path("warehouseid").asInt()).isEqualTo(GOTEBORG);
        assertThat(tx.path("transactiontype").asInt()).isEqualTo(10);
        assertThat(tx.path("externalid").asText()).isEqualTo("rv-" + item);
        assertThat(tx.path("reasoncode").asText()).isEqualTo("102"); // size_too_small in reasons.yaml
        assertThat(tx.path("items").get(0).path("decimalquantity").asText()).isEqualTo("1.000");

        LedgerLine line = line(item);
        assertThat(line.state()).isEqualTo(LineState.RESTOCKED);
        assertThat(line.warehouseId()).isEqualTo(GOTEBORG);
        assertThat(line.sitooTransactionId()).isEqualTo(tx.path("warehousetransactionid").asLong());
        assertThat(line.returnId()).isEqualTo(ret.id());
    }

    @Test
    void damagedItemIsNeverRestocked() {
        String item = newId();
        sandbox.putReturn(aReturn().item(item, SCARF, 1, "accepted", "damaged").json());

        poll();

        assertThat(sandbox.stockLevels()).isEmpty();
        assertThat(sandbox.calls("sitoo POST warehousetransactions")).isZero();
        assertThat(line(item).state()).isEqualTo(LineState.NOT_RESTOCKED);
        assertThat(line(item).decision()).isEqualTo("NO_RESTOCK");
    }

    @Test
    void uninspectedItemIsHeldThenRestockedOnceALaterPollShowsItSellable() {
        String item = newId();
        ReturnJson ret = aReturn().status("received").item(item, SHIRT, 1, "pending", null);
        sandbox.putReturn(ret.json());

        poll();
        assertThat(line(item).state()).isEqualTo(LineState.HELD);
        assertThat(line(item).stateReason()).contains("awaiting inspection");
        assertThat(line(item).warehouseId()).isEqualTo(STOCKHOLM); // placed with the hold
        assertThat(sandbox.stock(STOCKHOLM, SHIRT)).isEqualByComparingTo("0");

        sandbox.putReturn(aReturnWithSameId(ret).status("accepted").sellable(item, SHIRT, 1).json());
        poll();
        poll();

        assertThat(line(item).state()).isEqualTo(LineState.RESTOCKED);
        assertThat(sandbox.stock(STOCKHOLM, SHIRT)).isEqualByComparingTo("1");
        assertThat(sandbox.warehouseTransactions()).hasSize(1);
    }

    @Test
    void goodsInTransitWait() {
        String item = newId();
        sandbox.putReturn(aReturn().status("shipped").item(item, SHIRT, 1, "pending", null).json());

        poll();

        assertThat(line(item).state()).isEqualTo(LineState.HELD);
        assertThat(line(item).stateReason()).contains("not received yet");
        assertThat(sandbox.calls("sitoo POST warehousetransactions")).isZero();
    }

    @Test
    void partlyAcceptedReturnRestocksOnlyItsSellableItems() {
        String sellable = newId();
        String damaged = newId();
        String rejected = newId();
        String unsellable = newId();
        sandbox.putReturn(aReturn().status("partly_accepted").location("dc-boras")
                .sellable(sellable, SCARF, 1)
                .item(damaged, SHIRT, 1, "accepted", "damaged")
                // Rejected by Reveni although someone typed "sellable": Reveni's verdict wins.
                .item(rejected, "20417-L", 1, "rejected", "sellable")
                .item(unsellable, "40001-1", 1, "accepted", "unsellable")
                .json());

        poll();

        assertThat(sandbox.stock(BORAS, SCARF)).isEqualByComparingTo("1");
        assertThat(sandbox.stock(BORAS, SHIRT)).isEqualByComparingTo("0");
        assertThat(sandbox.stock(BORAS, "20417-L")).isEqualByComparingTo("0");
        assertThat(sandbox.stock(BORAS, "40001-1")).isEqualByComparingTo("0");
        assertThat(sandbox.warehouseTransactions()).hasSize(1);
        assertThat(line(sellable).state()).isEqualTo(LineState.RESTOCKED);
        assertThat(line(damaged).state()).isEqualTo(LineState.NOT_RESTOCKED);
        assertThat(line(rejected).state()).isEqualTo(LineState.NOT_RESTOCKED);
        assertThat(line(rejected).stateReason()).contains("rejected");
        assertThat(line(unsellable).state()).isEqualTo(LineState.NOT_RESTOCKED);
        // Placed all the same, by the outcome's own statement: the warehouse, and no product (none was asked for).
        for (String notRestocked : java.util.List.of(damaged, rejected, unsellable)) {
            assertThat(line(notRestocked).warehouseId()).as(notRestocked).isEqualTo(BORAS);
            assertThat(line(notRestocked).sitooSku()).as(notRestocked).isNull();
        }
        assertThat(line(sellable).warehouseId()).isEqualTo(BORAS);
        assertThat(line(sellable).sitooSku()).isEqualTo(SCARF);
    }

    @Test
    void lineWithQuantityTwoRestocksTwoUnitsInOneTransaction() {
        String item = newId();
        sandbox.putReturn(aReturn().sellable(item, SCARF, 2).json());

        poll();

        assertThat(sandbox.stock(STOCKHOLM, SCARF)).isEqualByComparingTo("2");
        assertThat(sandbox.warehouseTransactions()).hasSize(1);
        assertThat(sandbox.warehouseTransactions().get(0).path("items").get(0).path("decimalquantity").asText())
                .isEqualTo("2.000");
    }

    @Test
    void sameReturnSeenInThreePollsPostsOneTransaction() {
        String item = newId();
        sandbox.putReturn(aReturn().sellable(item, SCARF, 1).json());

        poll();
        poll();
        poll();

        assertThat(sandbox.calls("reveni GET returns")).isGreaterThanOrEqualTo(3);
        assertThat(sandbox.warehouseTransactions()).hasSize(1);
        assertThat(sandbox.stock(STOCKHOLM, SCARF)).isEqualByComparingTo("1");
    }

    /** line-sku asks Sitoo only on a miss of the catalog's cache; the answer is remembered. */
    @Test
    void aSkuLookedUpOnceIsTakenFromTheCatalogForTheNextLine() {
        sandbox.putReturn(aReturn().sellable(newId(), SCARF, 1).json());
        poll();
        assertThat(sandbox.calls("sitoo GET products")).isEqualTo(1);

        sandbox.putReturn(aReturn().sellable(newId(), SCARF, 2).json());
        poll();

        assertThat(sandbox.calls("sitoo GET products")).isEqualTo(1);
        assertThat(sandbox.warehouseTransactions()).hasSize(2);
        assertThat(sandbox.stock(STOCKHOLM, SCARF)).isEqualByComparingTo("3");
    }

    @Test
    void unknownSkuIsAnExceptionAndNothingIsPosted() {
        String item = newId();
        sandbox.putReturn(aReturn().sellable(item, "99999-9", 1).json());

        poll();

        assertThat(sandbox.calls("sitoo POST warehousetransactions")).isZero();
        assertThat(line(item).state()).isEqualTo(LineState.EXCEPTION);
        ExceptionRecord record = onlyException(item);
        assertThat(record.category()).isEqualTo(ExceptionCategory.UNKNOWN_SKU);
        assertThat(record.reason()).contains("99999-9");
        assertThat(record.status()).isEqualTo(ExceptionStatus.OPEN);
        assertThat(line(item).exceptionId()).isEqualTo(record.id());
    }

    @Test
    void unknownSkuFailingAgainUpdatesItsOpenRecordAndResolvesOnceTheProductExists() {
        String item = newId();
        ReturnJson ret = aReturn().sellable(item, "77777-1", 1);
        sandbox.putReturn(ret.json());
        poll();
        poll();
        // Met again unchanged on the next poll: the same record, not a new attempt (logged once).
        assertThat(onlyException(item).attempts()).isEqualTo(1);

        sandbox.createProduct("77777-1", "New jacket");
        poll();

        assertThat(line(item).state()).isEqualTo(LineState.RESTOCKED);
        assertThat(sandbox.stock(STOCKHOLM, "77777-1")).isEqualByComparingTo("1");
        assertThat(onlyException(item).status()).isEqualTo(ExceptionStatus.RESOLVED);
    }

    @Test
    void unmappedLocationIsAnExceptionWithoutAnySitooCall() {
        String item = newId();
        sandbox.putReturn(aReturn().location("store-malmo-01").sellable(item, SCARF, 1).json());

        poll();

        assertThat(sandbox.calls("sitoo GET products")).isZero();
        assertThat(sandbox.calls("sitoo POST warehousetransactions")).isZero();
        assertThat(sandbox.stockLevels()).isEmpty();
        ExceptionRecord record = onlyException(item);
        assertThat(record.category()).isEqualTo(ExceptionCategory.UNMAPPED_LOCATION);
        assertThat(record.reason()).contains("store-malmo-01");
        assertThat(record.payload()).contains(item);
    }

    @Test
    void missingLocationIsNeverDefaulted() {
        String item = newId();
        sandbox.putReturn(aReturn().location(null).sellable(item, SCARF, 1).json());

        poll();

        assertThat(sandbox.stockLevels()).isEmpty();
        assertThat(onlyException(item).category()).isEqualTo(ExceptionCategory.UNMAPPED_LOCATION);
        assertThat(onlyException(item).reason()).contains("no return_location");
    }

    @Test
    void unknownConditionIsHeldNeverRestocked() {
        String item = newId();
        sandbox.putReturn(aReturn().item(item, SCARF, 1, "accepted", "like_new_but_smelly").json());

        poll();

        assertThat(line(item).state()).isEqualTo(LineState.HELD);
        assertThat(line(item).stateReason()).contains("not in conditions.yaml");
        assertThat(sandbox.stockLevels()).isEmpty();
    }

    @Test
    void restockedLineStaysRestockedWhateverLaterPollsSay() {
        String item = newId();
        ReturnJson ret = aReturn().sellable(item, SCARF, 1);
        sandbox.putReturn(ret.json());
        poll();

        // Damaged now, and at another location: the final line keeps its outcome and where it went.
        sandbox.putReturn(aReturnWithSameId(ret).location("dc-boras").item(item, SCARF, 1, "accepted", "damaged").json());
        poll();

        assertThat(line(item).state()).isEqualTo(LineState.RESTOCKED);
        assertThat(line(item).warehouseId()).isEqualTo(STOCKHOLM);
        assertThat(sandbox.stock(STOCKHOLM, SCARF)).isEqualByComparingTo(BigDecimal.ONE);
    }

    private ExceptionRecord onlyException(String lineKey) {
        var records = exceptionsFor(lineKey);
        assertThat(records).as("exception records for " + lineKey).hasSize(1);
        return records.get(0);
    }

    /** The same return (same id, location) with its items to be re-described. */
    private static ReturnJson aReturnWithSameId(ReturnJson original) {
        ReturnJson copy = aReturn();
        copy.json().put("id", original.id());
        copy.json().set("return_location", original.json().get("return_location"));
        return copy;
    }
}
