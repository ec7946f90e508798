package org.returnsbridge.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.returnsbridge.testsupport.ReturnJson.aReturn;
import static org.returnsbridge.testsupport.ReturnJson.newId;

import java.util.stream.Stream;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.returnsbridge.exceptions.ExceptionRecord;
import org.returnsbridge.failure.ExceptionCategory;
import org.returnsbridge.testsupport.ReturnJson;
import org.returnsbridge.testsupport.SandboxedBridgeTest;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * Every vendor text that reaches the database is bounded when the return is parsed: an over-long value
 * (or one with control characters where they make no sense) is an INVALID_RETURN naming the field and
 * its limit, never a failed insert retried forever as an INTERNAL_ERROR with SQL in its reason.
 */
class HostileTextTest extends SandboxedBridgeTest {

    private static final String SCARF = "10038-1";

    static Stream<Arguments> hostileTexts() {
        return Stream.of(
                Arguments.of("status", "x".repeat(33), "limit of 32"),
                Arguments.of("status", "accepted\u0000", "control characters"),
                Arguments.of("type", "t".repeat(5000), "limit of 32"),
                Arguments.of("currency", "EURO", "3"),
                Arguments.of("return_location/id", "s".repeat(129), "limit of 128"),
                Arguments.of("return_location/id", "store-stockholm-01\n", "control characters"),
                Arguments.of("order/external_id", "1".repeat(65), "limit of 64"),
                Arguments.of("return_items/0/status", "a".repeat(33), "limit of 32"),
                Arguments.of("return_items/0/condition", "c".repeat(65), "limit of 64"),
                Arguments.of("return_items/0/condition", "sell\u001bable", "control characters"),
                Arguments.of("return_items/0/return_reason", "r".repeat(129), "limit of 128"),
                Arguments.of("return_items/0/return_reason", "r".repeat(100_000), "limit of 128"),
                Arguments.of("return_items/0/reject_reason", "j".repeat(129), "limit of 128"),
                Arguments.of("return_items/0/name", "n".repeat(201), "limit of 200"),
                Arguments.of("return_items/0/sku", "1".repeat(101), "longer than 100"),
                Arguments.of("return_items/0/sku", "10038-1\u0000", "will not send"),
                Arguments.of("return_items/0/id", "i".repeat(65), "not an id"),
                Arguments.of("refunds/0/status", "s".repeat(33), "limit of 32"),
                Arguments.of("refunds/0/method", "m".repeat(129), "limit of 128"),
                Arguments.of("refunds/0/id", "f".repeat(65), "not an id"),
                Arguments.of("refunds/0/items/0/item_id", "f".repeat(65), "not an id"));
    }

    @ParameterizedTest(name = "{0} = {2}")
    @MethodSource("hostileTexts")
    void overLongOrControlTextIsAnInvalidReturnNamingTheField(String path, String value, String expected) {
        String item = newId();
        String refund = newId();
        ReturnJson ret = aReturn().sellable(item, SCARF, 1).refund(refund, "succeeded", "49.9500", item, "49.9500");
        set(ret.json(), path, value);
        sandbox.putReturn(ret.json());

        poll();

        String field = path.replaceAll("/(\\d+)", "[$1]").replace('/', '.');
        String key = path.startsWith("return_items/0/id") ? null
                : path.startsWith("return_items") ? item
                : path.startsWith("refunds") ? "refund:" + (path.equals("refunds/0/id") ? ret.id() + "#?" : refund)
                : "return:" + ret.id();
        ExceptionRecord record = key == null ? openNaming(field) : exceptionsFor(key).get(0);
        assertThat(record.category()).isEqualTo(ExceptionCategory.INVALID_RETURN);
        assertThat(record.reason()).contains(field).contains(expected).doesNotContainIgnoringCase("insert into");
        assertThat(record.reason().length()).isLessThan(400);
        assertThat(exceptions.find(null, ExceptionCategory.INTERNAL_ERROR)).as("never an INTERNAL_ERROR").isEmpty();
        if (!path.startsWith("refunds")) {
            assertThat(sandbox.warehouseTransactions()).isEmpty();
        }
        assertThat(sandbox.orders()).isEmpty();
    }

    @Test
    void anUnexpectedDatabaseErrorIsFiledWithoutItsSqlText() {
        var failure = new DataIntegrityViolationException("PreparedStatementCallback; SQL [INSERT INTO return_line"
                + " (item_id, return_id) VALUES (?, ?)]; Value too long for column \"RETURN_STATUS CHARACTER VARYING(32)\"");

        String reason = ExceptionCategory.reasonOf(new RuntimeException("wrapped", failure));

        assertThat(reason).contains("database error").contains("DataIntegrityViolationException")
                .doesNotContainIgnoringCase("insert").doesNotContain("RETURN_STATUS");
    }

    private ExceptionRecord openNaming(String field) {
        return exceptions.findOpen().stream().filter(r -> r.reason().contains(field)).findFirst()
                .orElseThrow(() -> new AssertionError("no open exception names " + field + ": " + exceptions.findOpen()));
    }

    /** Sets a field addressed like "return_items/0/status". */
    private static void set(ObjectNode root, String path, String value) {
        String[] parts = path.split("/");
        com.fasterxml.jackson.databind.JsonNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            node = node.isArray() ? node.get(Integer.parseInt(parts[i])) : node.get(parts[i]);
        }
        ((ObjectNode) node).put(parts[parts.length - 1], value);
    }
}
