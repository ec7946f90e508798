package org.returnsbridge.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.returnsbridge.testsupport.TestDatabase;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A page's stock-ins read back from the scratch table, as H2 plans it over a run of many stock-in lines: one index
 * lookup per external id. On the index (run_id, external_id) H2 used run_id alone and read the whole run for every
 * page; nothing but the plan says so at a test's size.
 */
class ReconciliationPlanTest {

    @Test
    void aPagesStockInsAreLookedUpByTheirExternalIds() {
        DataSource dataSource = TestDatabase.dataSource("scratch-plan-" + System.nanoTime());
        TestDatabase.flyway(dataSource).load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.update("""
                INSERT INTO reconciliation_stock_in (run_id, transaction_id, external_id, warehouse_id, sku, quantity,
                       created_at)
                SELECT 'run-1', X / 50, 'rv-b' || (X / 50) || '-' || X, 1, 'sku', 1, CURRENT_TIMESTAMP
                  FROM SYSTEM_RANGE(1, 50000)""");
        jdbc.execute("ANALYZE");

        String plan = String.join("\n", jdbc.queryForList("EXPLAIN " + ReconciliationScratch.stockInsOfSql(2),
                String.class, "rv-b1-50", "rv-b2-100", "run-1"));

        assertThat(plan).contains("RECONCILIATION_STOCK_IN_BY_EXTERNAL_ID: EXTERNAL_ID IN(");
    }
}
