package org.returnsbridge.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.returnsbridge.testsupport.ReturnJson.aReturn;
import static org.returnsbridge.testsupport.ReturnJson.newId;

import java.time.LocalDate;
import java.time.ZoneOffset;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.returnsbridge.reconciliation.ReconciliationService;
import org.returnsbridge.testsupport.ReturnJson;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/** The reconciliation view: a planted gap in Sitoo shows as a finding, and the CSV link downloads. */
class ReconciliationPageTest extends OperationsPageTestBase {

    private static final String SCARF = "10038-1";

    @Autowired
    private ReconciliationService reconciliation;

    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);

    @Test
    void beforeAnyRunThePageSaysSo() {
        Document page = page("/operations/reconciliation");

        assertThat(page.selectFirst("#no-reconciliation").text()).contains("No reconciliation yet");
        assertThat(page.selectFirst("table#findings")).isNull();
    }

    @Test
    void theLatestReportShowsItsFindingsAndTheCsvLinkDownloads() {
        String item = newId();
        String refund = newId();
        ReturnJson ret = aReturn().sellable(item, SCARF, 1).refund(refund, "succeeded", "49.9500", item, "49.9500");
        sandbox.putReturn(ret.json());
        poll();
        // Someone deletes the return order in Sitoo behind the bridge's back.
        sandbox.send("DELETE", "/sitoo/orders/" + sandbox.orders().get(0).path("orderid").asText(), null);
        reconciliation.run(today.minusDays(1));
        reconciliation.run(today);

        Document page = page("/operations/reconciliation");

        assertThat(page.selectFirst("#reconciliation-date").text()).isEqualTo(today.toString());
        assertThat(page.selectFirst("#reconciliation-generated-at").attr("datetime")).isNotBlank();
        Element finding = page.selectFirst("table#findings tr[data-kind=REFUND_MISSING_IN_SITOO]");
        assertThat(finding).isNotNull();
        assertThat(finding.selectFirst("td.return-id").text()).isEqualTo(ret.id());
        assertThat(finding.selectFirst("td.refund-id").text()).isEqualTo(refund);
        assertThat(finding.selectFirst("td.suggested-action").text()).isNotBlank();
        String csvUrl = page.selectFirst("a#findings-csv").attr("href");
        assertThat(csvUrl).isEqualTo("/api/reconciliation/" + today + "/csv");

        ResponseEntity<String> csv = asOperator().getForEntity(csvUrl, String.class);
        assertThat(csv.getStatusCode().value()).isEqualTo(200);
        assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
        assertThat(csv.getBody()).contains("REFUND_MISSING_IN_SITOO").contains(refund);

        Document yesterday = page("/operations/reconciliation?date=" + today.minusDays(1));
        assertThat(yesterday.selectFirst("#reconciliation-date").text()).isEqualTo(today.minusDays(1).toString());
        assertThat(page("/operations/reconciliation?date=not-a-date", 400).selectFirst("#message").text()).contains("date");
    }
}
