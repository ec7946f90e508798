package org.returnsbridge.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.returnsbridge.testsupport.ReturnJson.aReturn;
import static org.returnsbridge.testsupport.ReturnJson.newId;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.returnsbridge.flow.PollCheckpoint;
import org.returnsbridge.reconciliation.Finding;
import org.returnsbridge.testsupport.SandboxedBridgeTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.http.ResponseEntity;

/** The business gauges count what the database holds, as Prometheus reads them from /actuator/prometheus. */
class BusinessMetricsTest extends SandboxedBridgeTest {

    private static final int GOTEBORG = 2;
    private static final String STORE = "store-of-another-node";
    private static final String STOCK_IN_POSTS = "bridge_vendor_calls_seconds_count{operation=\"POST warehousetransactions\","
            + "status_class=\"2xx\",vendor=\"sitoo\"}";

    @Autowired
    private DatabaseGauges gauges;
    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void restocksHeldLinesExceptionsAndRefundsAreCountedFromTheDatabase() {
        // Vendor calls are counted per process since start-up, across the tests sharing this context.
        double stockInsBefore = valueOrZero(scrape(), STOCK_IN_POSTS);
        sandbox.putReturn(aReturn().location("store-goteborg-01").sellable(newId(), "10038-1", 2).json());
        sandbox.putReturn(aReturn().status("received").item(newId(), "20417-M", 1, "pending", null).json());
        sandbox.putReturn(aReturn().sellable(newId(), "99999-9", 1).json());
        String refunded = newId();
        sandbox.putReturn(aReturn().sellable(refunded, "10038-1", 1)
                .refund(newId(), "succeeded", "49.9500", refunded, "49.9500").json());
        poll();

        gauges.refresh();
        String page = scrape();

        assertThat(value(page, "bridge_lines{outcome=\"restocked\",warehouse=\"" + GOTEBORG + "\"}")).isEqualTo(1);
        assertThat(value(page, "bridge_units_restocked{warehouse=\"" + GOTEBORG + "\"}")).isEqualTo(2);
        assertThat(page).containsPattern("(?m)^bridge_lines\\{outcome=\"held\",warehouse=\"[^\"]+\"} 1\\.0$");
        assertThat(page).containsPattern("(?m)^bridge_lines\\{outcome=\"exception\",warehouse=\"[^\"]+\"} 1\\.0$");
        assertThat(value(page, "bridge_returns{state=\"exception\"}")).isEqualTo(1);
        assertThat(value(page, "bridge_returns{state=\"awaiting_inspection\"}")).isEqualTo(1);
        assertThat(value(page, "bridge_returns{state=\"restocked_not_refunded\"}")).isEqualTo(1);
        assertThat(value(page, "bridge_returns{state=\"closed\"}")).isEqualTo(1);
        assertThat(value(page, "bridge_returns{state=\"awaiting_goods\"}")).isZero();
        assertThat(value(page, "bridge_returns_oldest_age_seconds{state=\"exception\"}")).isLessThan(60);
        assertThat(value(page, "bridge_sales_records{kind=\"refund\",state=\"recorded\"}")).isEqualTo(1);
        assertThat(value(page, "bridge_exceptions_open{category=\"unknown_sku\"}")).isEqualTo(1);
        assertThat(value(page, "bridge_exceptions_open{category=\"sitoo_unavailable\"}")).isZero();
        assertThat(value(page, "bridge_exceptions_oldest_open_age_seconds")).isGreaterThanOrEqualTo(0).isLessThan(60);
        assertThat(page).containsPattern("(?m)^bridge_poll_lag_seconds\\{store=\"[^\"]+\"} [0-9.E]+$");
        assertThat(value(page, "bridge_webhooks_inbox_backlog")).isZero();
        assertThat(value(page, "bridge_interval_queue_depth")).isZero();
        assertThat(value(page, "bridge_metrics_refreshed_seconds")).isPositive();
        assertThat(value(page, "bridge_reconciliation_last_run_seconds")).isZero();
        assertThat(value(page, "bridge_poll_last_success_seconds")).isCloseTo(System.currentTimeMillis() / 1000.0,
                org.assertj.core.data.Offset.offset(60.0));
        assertThat(page).containsPattern("(?m)^cache_gets_total\\{cache=\"sitoo_products\",result=\"(hit|miss)\"} [1-9]");
        assertThat(value(page, "bridge_vendor_circuit_state{state=\"closed\",vendor=\"sitoo\"}")).isEqualTo(1);
        assertThat(value(page, "bridge_vendor_circuit_state{state=\"open\",vendor=\"sitoo\"}")).isZero();

        // The two restocked lines are two stock-ins in Sitoo; immediate mode's group commit may carry them in one
        // POST or two, depending on whether they reach it within one commit.
        assertThat(value(page, STOCK_IN_POSTS) - stockInsBefore).as("the stock-in POSTs that carried the two lines")
                .isBetween(1.0, 2.0);
        assertThat(sandbox.warehouseTransactions()).as("one stock-in per restocked line").hasSize(2);
        assertThat(page).containsPattern("(?m)^bridge_vendor_calls_seconds_count\\{operation=\"GET returns\","
                + "status_class=\"2xx\",vendor=\"reveni\"} [1-9]");
        assertThat(value(page, "bridge_vendor_rate_limit_wait_seconds_count{vendor=\"sitoo\"}")).isPositive();
    }

    @Test
    void countsFollowTheDatabaseNotTheProcess() {
        sandbox.putReturn(aReturn().location("store-goteborg-01").sellable(newId(), "10038-1", 1).json());
        poll();
        gauges.refresh();
        assertThat(value(scrape(), "bridge_lines{outcome=\"restocked\",warehouse=\"" + GOTEBORG + "\"}")).isEqualTo(1);

        // Another node (or an operator) changed the shared tables: the next refresh shows it, the stale row goes.
        ledgerRowsDeleted();
        gauges.refresh();
        assertThat(scrape()).doesNotContain("bridge_lines{outcome=\"restocked\"");
    }

    @Test
    void reconciliationFindingsComeFromTheLatestStoredReportWhicheverNodeRanIt() {
        gauges.refresh();
        String before = scrape();
        for (String kind : Finding.KINDS) {
            assertThat(value(before, "bridge_reconciliation_findings{kind=\"" + kind + "\"}")).as("no report yet: " + kind).isZero();
        }

        // Another node stored these reports; this one never ran a reconciliation. The latest business day counts.
        storedReport(LocalDate.of(2026, 3, 1), "{\"counts\":{\"STOCK_IN_MISSING\":7,\"RETURN_STUCK\":0}}");
        storedReport(LocalDate.of(2026, 3, 2), "{\"counts\":{\"STOCK_IN_MISSING\":2,\"RETURN_STUCK\":1}}");
        gauges.refresh();
        String page = scrape();

        assertThat(value(page, "bridge_reconciliation_findings{kind=\"STOCK_IN_MISSING\"}")).isEqualTo(2);
        assertThat(value(page, "bridge_reconciliation_findings{kind=\"RETURN_STUCK\"}")).isEqualTo(1);
        assertThat(value(page, "bridge_reconciliation_findings{kind=\"REFUND_MISSING_IN_SITOO\"}")).as("every kind, 0 included")
                .isZero();
        assertThat(value(page, "bridge_reconciliation_last_run_seconds")).isPositive();
    }

    @Test
    void theLastCompletePollIsReadFromTheDatabaseWhicheverNodePolled() {
        Instant finished = Instant.parse("2026-03-02T10:15:30Z");
        Instant started = Instant.now().minusSeconds(120);
        // Another node's complete poll; the checkpoint (a quiet store: no return changed for days) is far older.
        pollRow(PollCheckpoint.NAME, Instant.now().minus(Duration.ofDays(3)), finished);
        pollRow(PollCheckpoint.POLLED, started, finished);
        gauges.refresh();
        String page = scrape();

        assertThat(value(page, "bridge_poll_last_success_seconds")).isEqualTo(finished.getEpochSecond());
        assertThat(value(page, "bridge_poll_lag_seconds{store=\"" + STORE + "\"}"))
                .as("a quiet store whose polls run is not behind").isBetween(120.0, 180.0);

        jdbc.update("DELETE FROM poll_checkpoint WHERE name = ?", PollCheckpoint.POLLED);
        gauges.refresh();
        assertThat(value(scrape(), "bridge_poll_last_success_seconds")).as("no complete poll recorded").isZero();
    }

    private void storedReport(LocalDate day, String json) {
        jdbc.update("INSERT INTO reconciliation_report (report_date, zone, generated_at, findings_count, report_json)"
                + " VALUES (?, 'UTC', ?, 0, ?)", day, OffsetDateTime.now(ZoneOffset.UTC), json);
    }

    private void pollRow(String name, Instant checkpointAt, Instant savedAt) {
        jdbc.update("INSERT INTO poll_checkpoint (name, store_id, checkpoint_at, saved_at) VALUES (?, ?, ?, ?)", name, STORE,
                checkpointAt.atOffset(ZoneOffset.UTC), savedAt.atOffset(ZoneOffset.UTC));
    }

    private void ledgerRowsDeleted() {
        jdbc.update("DELETE FROM return_line");
        jdbc.update("DELETE FROM ledger_return");
    }

    private String scrape() {
        ResponseEntity<String> response = asOperator().getForEntity("/actuator/prometheus", String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    private static double valueOrZero(String page, String series) {
        Matcher sample = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([^ ]+)$").matcher(page);
        return sample.find() ? Double.parseDouble(sample.group(1)) : 0;
    }

    /** The value of one series, written exactly as Prometheus prints it (labels in alphabetical order). */
    private static double value(String page, String series) {
        Matcher sample = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([^ ]+)$").matcher(page);
        assertThat(sample.find()).as("series %s on the Prometheus page", series).isTrue();
        return Double.parseDouble(sample.group(1));
    }
}
