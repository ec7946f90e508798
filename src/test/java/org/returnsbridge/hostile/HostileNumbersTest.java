package org.returnsbridge.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.returnsbridge.testsupport.ReturnJson.aReturn;
import static org.returnsbridge.testsupport.ReturnJson.newId;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.returnsbridge.exceptions.ExceptionRecord;
import org.returnsbridge.failure.ExceptionCategory;
import org.returnsbridge.ledger.LineState;
import org.returnsbridge.testsupport.ReturnJson;
import org.returnsbridge.testsupport.SandboxedBridgeTest;

/**
 * Numbers Reveni may send that must never be wrapped, flipped or expanded: each is refused with the field
 * named, before any arithmetic, and nothing reaches Sitoo. The values are planted as raw JSON, so the
 * bridge reads exactly the literal text (2^64+1 stays 2^64+1 on the wire).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS) // "1e100000000" once pinned the CPU for minutes
class HostileNumbersTest extends SandboxedBridgeTest {

    private static final String SCARF = "10038-1";
    private static final String HOLE = "\"__HOSTILE__\"";

    /** 2^31, 2^32+1, 2^63, 2^64+1 and friends: none may become a small or negative quantity. */
    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "101", "1.5", "1.0", "1e2", "\"1\"", "true", "null", "{}", "2147483648",
            "4294967297", "9223372036854775808", "18446744073709551617", "-18446744073709551615",
            "340282366920938463463374607431768211457"})
    void hostileItemQuantityIsRefusedNamingTheFieldAndRestocksNothing(String quantity) {
        String item = newId();
        ReturnJson ret = aReturn().sellable(item, SCARF, 1);
        ((com.fasterxml.jackson.databind.node.ObjectNode) ret.json().withArray("return_items").get(0))
                .put("quantity", "__HOSTILE__");
        plant(ret, quantity);

        poll();

        ExceptionRecord record = onlyRecord(item);
        assertThat(record.category()).isEqualTo(ExceptionCategory.INVALID_RETURN);
        assertThat(record.reason()).contains("return_items[0].quantity");
        assertThat(line(item).state()).isEqualTo(LineState.EXCEPTION);
        assertThat(line(item).quantity()).as("never a wrapped number in the ledger").isNull();
        assertThat(sandbox.warehouseTransactions()).isEmpty();
        assertThat(sandbox.stock(1, SCARF)).isEqualByComparingTo("0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "1.5", "\"1\"", "2147483648", "4294967297", "9223372036854775808",
            "18446744073709551617"})
    void hostileRefundItemQuantityIsRefusedAndNoOrderIsPosted(String quantity) {
        String item = newId();
        String refund = newId();
        ReturnJson ret = aReturn().sellable(item, SCARF, 1).refund(refund, "succeeded", "49.9500", item, "49.9500");
        ((com.fasterxml.jackson.databind.node.ObjectNode) ret.json().withArray("refunds").get(0).withArray("items").get(0))
                .put("quantity", "__HOSTILE__");
        plant(ret, quantity);

        poll();

        ExceptionRecord record = onlyRecord("refund:" + refund);
        assertThat(record.category()).isEqualTo(ExceptionCategory.INVALID_RETURN);
        assertThat(record.reason()).contains("refunds[0].items[0].quantity");
        assertThat(sandbox.orders()).isEmpty();
        assertThat(line(item).state()).as("the stock side is independent").isEqualTo(LineState.RESTOCKED);
    }

    /** Money: plain decimal strings only, at most 4 decimals, below a billion, never negative. */
    @ParameterizedTest
    @ValueSource(strings = {"\"1e100000000\"", "\"1E+5\"", "\"-1e-100000000\"", "\"-49.9500\"", "\"-0.0100\"",
            "\"49.95001\"", "\"NaN\"", "\"Infinity\"", "\"0x10\"", "\"49,95\"", "\" \"", "49.95", "1e100000000",
            "\"1000000000.0000\"", "\"99999999999999999999999999999999\"", "null", "true"})
    void hostileRefundAmountIsRefusedQuicklyAndNoOrderIsPosted(String amount) {
        String item = newId();
        String refund = newId();
        ReturnJson ret = aReturn().sellable(item, SCARF, 1).refund(refund, "succeeded", "49.9500", item, "49.9500");
        ((com.fasterxml.jackson.databind.node.ObjectNode) ret.json().withArray("refunds").get(0))
                .put("amount", "__HOSTILE__");
        ((com.fasterxml.jackson.databind.node.ObjectNode) ret.json().withArray("refunds").get(0).withArray("items").get(0))
                .put("amount", "__HOSTILE__");
        plant(ret, amount);

        poll();

        ExceptionRecord record = onlyRecord("refund:" + refund);
        assertThat(record.category()).isEqualTo(ExceptionCategory.INVALID_RETURN);
        assertThat(record.reason()).contains("refunds[0].amount").contains("refunds[0].items[0].amount");
        assertThat(sandbox.orders()).as("never posted, never as money coming in").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"1e100000000\"", "\"-49.9500\"", "\"12.345678\"", "12.5"})
    void hostileUnitPriceRefusesTheLineNamingTheField(String price) {
        String item = newId();
        ReturnJson ret = aReturn().exchanged(item, SCARF, "20417-M");
        ((com.fasterxml.jackson.databind.node.ObjectNode) ret.json().withArray("return_items").get(0))
                .put("unit_price", "__HOSTILE__");
        plant(ret, price);

        poll();

        assertThat(onlyRecord(item).reason()).contains("return_items[0].unit_price");
        assertThat(sandbox.orders()).isEmpty();
        assertThat(sandbox.warehouseTransactions()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"USD", "eur", "EURO", "€", "SEK"})
    void refundInAnotherCurrencyThanItsReturnIsRefusedNamingBoth(String currency) {
        String item = newId();
        String refund = newId();
        ReturnJson ret = aReturn().sellable(item, SCARF, 1).refund(refund, "succeeded", "49.9500", item, "49.9500");
        ((com.fasterxml.jackson.databind.node.ObjectNode) ret.json().withArray("refunds").get(0)).put("currency", currency);
        sandbox.putReturn(ret.json());

        poll();

        ExceptionRecord record = onlyRecord("refund:" + refund);
        assertThat(record.category()).isEqualTo(ExceptionCategory.INVALID_RETURN);
        assertThat(record.reason()).contains("refunds[0].currency");
        if (currency.matches("[A-Z]{3}")) {
            assertThat(record.reason()).contains(currency + " is not the return's currency EUR");
        }
        assertThat(sandbox.orders()).isEmpty();
    }

    @Test
    void aPlainRefundStillPostsWithItsExactAmount() {
        String item = newId();
        String refund = newId();
        sandbox.putReturn(aReturn().sellable(item, SCARF, 2).refund(refund, "succeeded", "12.3450", item, "12.3450").json());

        poll();

        assertThat(sandbox.orders()).hasSize(1);
        assertThat(sandbox.orders().get(0).path("payments").get(0).path("moneyamount").asText()).isEqualTo("-12.35");
        assertThat(sandbox.stock(1, SCARF)).isEqualByComparingTo("2");
    }

    /** A number of thousands of digits never becomes a number: the JSON reader refuses it (StreamReadConstraints). */
    @Test
    void aNumberOfThousandsOfDigitsIsRefusedByTheReaderAndItsNeighboursFlowOn() {
        String good = newId();
        sandbox.putReturn(aReturn().sellable(good, SCARF, 1).json());
        ReturnJson huge = aReturn().sellable(newId(), SCARF, 1);
        ((com.fasterxml.jackson.databind.node.ObjectNode) huge.json().withArray("return_items").get(0))
                .put("quantity", "__HOSTILE__");
        plant(huge, "9".repeat(50_000));

        poll();

        assertThat(line(good).state()).isEqualTo(LineState.RESTOCKED);
        ExceptionRecord page = onlyRecord("poll:reveni-unreadable-page");
        assertThat(page.category()).isEqualTo(ExceptionCategory.INVALID_RETURN);
        assertThat(page.reason()).contains("not JSON").contains("Number value length");
        assertThat(sandbox.stock(1, SCARF)).isEqualByComparingTo("1");
    }

    /** Serves the return exactly as written, with {@code value} as the literal JSON text in each hole. */
    private void plant(ReturnJson ret, String value) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        ret.json().put("updated_at", now);
        sandbox.putRawResult(now, ret.json().toString().replace(HOLE, value));
    }

    private ExceptionRecord onlyRecord(String lineKey) {
        var records = exceptionsFor(lineKey);
        assertThat(records).as("exception for " + lineKey + " among " + exceptions.findOpen()).hasSize(1);
        return records.get(0);
    }
}
