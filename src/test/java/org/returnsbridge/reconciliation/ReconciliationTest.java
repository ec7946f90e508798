package org.returnsbridge.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.returnsbridge.testsupport.ReturnJson.aReturn;
import static org.returnsbridge.testsupport.ReturnJson.newId;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.returnsbridge.monitoring.DatabaseGauges;
import org.returnsbridge.sitoo.SitooClient;
import org.returnsbridge.sitoo.StockIn;
import org.returnsbridge.testsupport.ReturnJson;
import org.returnsbridge.testsupport.SandboxedBridgeTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/** The daily reconciliation reads Sitoo back and lists every gap, each with the right kind, and nothing else. */
class ReconciliationTest extends SandboxedBridgeTest {

    private static final String SCARF = "10038-1";

    @Autowired
    private SitooClient sitoo;
    @Autowired
    private ReconciliationService reconciliation;
    @Autowired
    private MeterRegistry meters;
    @Autowired
    private DatabaseGauges gauges;

    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);

    @Test
    void aCleanDayHasNoFindings() {
        String item = newId();
        sandbox.putReturn(aReturn().sellable(item, SCARF, 1).refund(newId(), "succeeded", "49.9500", item, "49.9500").json());
        poll();

        ReconciliationReport report = reconciliation.run(today);

        assertThat(report.findings()).isEmpty();
        assertThat(gauge(Finding.REFUND_MISSING_IN_SITOO)).isZero();
    }

    @Test
    void plantedDiscrepanciesAreEachFoundWithTheirKindAndNothingElse() throws Exception {
        ReturnJson deleted = refunded();
        ReturnJson altered = refunded();
        ReturnJson moved = aReturn().location("store-stockholm-01").sellable(newId(), SCARF, 1);
        String unpostedItem = newId();
        String unpostedRefund = newId();
        ReturnJson unposted = aReturn().sellable(unpostedItem, SCARF, 1)
                .refund(unpostedRefund, "succeeded", "49.9500", unpostedItem, "40.0000"); // lines do not add up
        String doubledItem = newId();
        ReturnJson doubled = aReturn().sellable(doubledItem, SCARF, 1);
        ReturnJson clean = refunded();
        for (ReturnJson r : List.of(deleted, altered, moved, unposted, doubled, clean)) {
            sandbox.putReturn(r.json());
        }
        poll();

        // What happens in Sitoo (and Reveni) behind the bridge's back:
        sandbox.send("DELETE", "/sitoo/orders/" + orderId(refundIdOf(deleted)), null);
        sandbox.send("PUT", "/sitoo/orders/" + orderId(refundIdOf(altered)), "{\"payments\": [{\"moneyamount\": \"-40.00\"}]}");
        moved.location("dc-boras"); // Reveni corrects where the parcel came back, after it was restocked
        sandbox.putReturn(moved.json());
        poll();
        sitoo.postOrder(new ObjectMapper().createObjectNode().put("ordertypeid", 10).put("externalid", "rf-byhand01")
                .put("currencycode", "EUR").put("orderdate", Instant.now().getEpochSecond()));
        sitoo.postStockIn(new StockIn(1, SCARF, BigDecimal.ONE, "rv-" + doubledItem, null, "typed in again by a clerk"));

        ReconciliationReport report = reconciliation.run(today);

        assertThat(report.findings()).extracting(Finding::kind).containsExactlyInAnyOrder(
                Finding.REFUND_MISSING_IN_SITOO, Finding.REFUND_AMOUNT_MISMATCH, Finding.STOCK_IN_WRONG_WAREHOUSE,
                Finding.REFUND_MISSING_IN_SITOO, Finding.ORDER_ORPHANED_IN_SITOO, Finding.STOCK_IN_DUPLICATED);
        assertThat(only(report, Finding.REFUND_AMOUNT_MISMATCH).sitooValue()).isEqualTo("-40.00");
        assertThat(only(report, Finding.REFUND_AMOUNT_MISMATCH).returnId()).isEqualTo(altered.id());
        assertThat(only(report, Finding.STOCK_IN_WRONG_WAREHOUSE).returnId()).isEqualTo(moved.id());
        assertThat(only(report, Finding.STOCK_IN_WRONG_WAREHOUSE).reveniValue()).contains("warehouse 3");
        assertThat(only(report, Finding.STOCK_IN_WRONG_WAREHOUSE).sitooValue()).isEqualTo("warehouse 1");
        assertThat(only(report, Finding.STOCK_IN_DUPLICATED).itemId()).isEqualTo(doubledItem);
        assertThat(only(report, Finding.ORDER_ORPHANED_IN_SITOO).sitooValue()).contains("rf-byhand01");
        assertThat(report.findings().stream().filter(f -> f.kind().equals(Finding.REFUND_MISSING_IN_SITOO))
                .map(Finding::returnId)).containsExactlyInAnyOrder(deleted.id(), unposted.id());
        assertThat(report.findings()).allSatisfy(f -> assertThat(f.suggestedAction()).isNotBlank());

        // The CSV finance opens parses back into the same findings; the JSON and the gauges agree.
        String csv = Files.readString(reconciliation.csvFile(today));
        assertThat(csv).startsWith("kind,return_id,refund_id,item_id,sku,warehouse_id,reveni_value,sitoo_value,suggested_action\r\n");
        assertThat(FindingsCsv.read(csv)).containsExactlyElementsOf(report.findings());
        ResponseEntity<JsonNode> json = asOperator().getForEntity("/api/reconciliation/" + today, JsonNode.class);
        assertThat(json.getBody().path("findings")).hasSize(6);
        assertThat(json.getBody().path("counts").path(Finding.REFUND_MISSING_IN_SITOO).asInt()).isEqualTo(2);
        assertThat(gauge(Finding.REFUND_MISSING_IN_SITOO)).isEqualTo(2);
        assertThat(gauge(Finding.STOCK_IN_DUPLICATED)).isEqualTo(1);
    }

    @Test
    void runOnDemandOverRestAndBadDates() {
        ResponseEntity<JsonNode> none = asOperator().getForEntity("/api/reconciliation/2020-01-01", JsonNode.class);
        assertThat(none.getStatusCode().value()).isEqualTo(404);

        ResponseEntity<JsonNode> ran = asOperator().postForEntity("/api/reconciliation/run?date=" + today, null, JsonNode.class);
        assertThat(ran.getStatusCode().value()).isEqualTo(200);
        assertThat(ran.getBody().path("clean").asBoolean()).isTrue();
        assertThat(asOperator().getForEntity("/api/reconciliation/" + today + "/csv", String.class).getBody())
                .startsWith("kind,return_id");
        assertThat(asOperator().postForEntity("/api/reconciliation/run?date=27/11", null, JsonNode.class)
                .getStatusCode().value()).isEqualTo(400);
        assertThat(rest.getForEntity("/api/reconciliation/" + today, JsonNode.class).getStatusCode().value()).isEqualTo(401);
    }

    private ReturnJson refunded() {
        String item = newId();
        return aReturn().sellable(item, SCARF, 1).refund(newId(), "succeeded", "49.9500", item, "49.9500");
    }

    private static String refundIdOf(ReturnJson ret) {
        return ret.json().path("refunds").get(0).path("id").asText();
    }

    private long orderId(String refundId) {
        for (JsonNode order : sandbox.orders()) {
            if (("rf-" + refundId).equals(order.path("externalid").asText())) {
                return order.path("orderid").asLong();
            }
        }
        throw new AssertionError("no order for refund " + refundId);
    }

    private static Finding only(ReconciliationReport report, String kind) {
        List<Finding> found = report.findings().stream().filter(f -> f.kind().equals(kind)).toList();
        assertThat(found).as(kind).hasSize(1);
        return found.get(0);
    }

    /** The findings gauge as every node shows it: read from the stored report at the next refresh. */
    private double gauge(String kind) {
        gauges.refresh();
        return meters.get("bridge.reconciliation.findings").tag("kind", kind).gauge().value();
    }
}
