package org.returnsbridge.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.returnsbridge.sitoo.SitooClient;
import org.returnsbridge.sitoo.StockIn;
import org.returnsbridge.testsupport.SandboxedBridgeTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A day larger than every bound of the run (page size 500, 1000 stored findings): interval-mode batches of 1000 lines
 * that straddle the ledger's pages, seeded straight into the ledger and the sandbox. Each batch's SKUs recur across
 * its lines, so a batch compared in pieces (split at a page boundary) would report wrong quantities, and one compared
 * twice would report its findings twice; the stored report keeps its bound while the counts and the CSV hold all.
 */
class ReconciliationOfALargeDayTest extends SandboxedBridgeTest {

    private static final List<String> SKUS = List.of("10038-1", "10038-2", "10038-3", "20417-S", "20417-M",
            "20417-L", "30112-38", "30112-39", "30112-40", "40001-1");
    private static final int BATCH = 1000;
    private static final int WAREHOUSE = 1;

    @Autowired
    private SitooClient sitoo;
    @Autowired
    private ReconciliationService reconciliation;
    @Autowired
    private JdbcTemplate jdbc;

    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);

    @Test
    void batchesAcrossPagesAreComparedWholeAndOnceAndTheStoredReportStaysBounded() throws Exception {
        restocked("rvb-large-a", "a", true, null);     // clean
        restocked("rvb-large-b", "b", true, "20417-M"); // Sitoo holds one unit fewer of one SKU
        restocked("rvb-large-c", "c", false, null);    // never reached Sitoo: every line is missing

        ReconciliationReport report = reconciliation.run(today);

        int linesOfOneSku = BATCH / SKUS.size();
        assertThat(report.counts()).containsEntry(Finding.STOCK_IN_MISSING, (long) BATCH)
                .containsEntry(Finding.STOCK_IN_QUANTITY_MISMATCH, (long) linesOfOneSku);
        assertThat(report.findingsCount()).isEqualTo(BATCH + linesOfOneSku);
        assertThat(report.findings()).hasSize(1000);
        assertThat(report.isTruncated()).isTrue();

        List<Finding> all = FindingsCsv.read(Files.readString(reconciliation.csvFile(today)));
        assertThat(all).hasSize(BATCH + linesOfOneSku).doesNotHaveDuplicates();
        assertThat(all).filteredOn(f -> f.kind().equals(Finding.STOCK_IN_QUANTITY_MISMATCH))
                .allSatisfy(f -> {
                    assertThat(f.itemId()).startsWith("b-");
                    assertThat(f.reveniValue()).isEqualTo(linesOfOneSku + " (" + linesOfOneSku + " lines)");
                    assertThat(new BigDecimal(f.sitooValue())).isEqualByComparingTo(BigDecimal.valueOf(linesOfOneSku - 1));
                });
        assertThat(all).filteredOn(f -> f.kind().equals(Finding.STOCK_IN_MISSING))
                .allSatisfy(f -> assertThat(f.itemId()).startsWith("c-"));
        assertThat(all).startsWith(report.findings().toArray(Finding[]::new));

        ResponseEntity<JsonNode> stored = asOperator().getForEntity("/api/reconciliation/" + today, JsonNode.class);
        assertThat(stored.getBody().path("findings")).hasSize(1000);
        assertThat(stored.getBody().path("findingsCount").asLong()).isEqualTo(BATCH + linesOfOneSku);
        assertThat(stored.getBody().path("truncated").asBoolean()).isTrue();
        assertThat(stored.getBody().path("clean").asBoolean()).isFalse();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM reconciliation_stock_in", Integer.class))
                .as("the run's scratch rows are gone").isZero();
    }

    /**
     * One interval-mode batch: {@code BATCH} restocked lines of one unit each under {@code externalId}, SKUs in turn,
     * and (when {@code inSitoo}) its stock-in, the units summed per SKU, one fewer of {@code shortSku}.
     */
    private void restocked(String externalId, String prefix, boolean inSitoo, String shortSku) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            String sku = SKUS.get(i % SKUS.size());
            rows.add(new Object[] {prefix + "-" + i, "ret-" + prefix + "-" + i / 2, sku, sku, WAREHOUSE, externalId,
                    now, now, now, now});
        }
        jdbc.batchUpdate("INSERT INTO return_line (item_id, return_id, return_status, item_status, sku, sitoo_sku,"
                + " quantity, warehouse_id, decision, state, external_id, restocked_at, created_at, updated_at,"
                + " state_changed_at) VALUES (?, ?, 'accepted', 'accepted', ?, ?, 1, ?, 'RESTOCK', 'RESTOCKED', ?,"
                + " ?, ?, ?, ?)", rows);
        // The bridge writes each return's first-seen row with its first line (LedgerRepository.see).
        jdbc.update("INSERT INTO ledger_return (return_id, first_seen) SELECT return_id, MIN(created_at) FROM return_line"
                + " WHERE return_id LIKE ? GROUP BY return_id", "ret-" + prefix + "-%");
        if (inSitoo) {
            int perSku = BATCH / SKUS.size();
            List<StockIn.Item> items = SKUS.stream().map(sku -> new StockIn.Item(sku,
                    BigDecimal.valueOf(sku.equals(shortSku) ? perSku - 1 : perSku))).toList();
            sitoo.postStockIn(new StockIn(WAREHOUSE, externalId, null, "seeded batch", items));
        }
    }
}
