package org.returnsbridge.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.returnsbridge.support.Sql;
import org.returnsbridge.testsupport.TestDatabase;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The reconciliation's pages of a day, as H2 plans them over a ledger whose states have been analysed: by the index
 * on (restocked_at, item_id), in its order, so a page reads its own rows and no sort. A plan that took the index on
 * state read every restocked line of the ledger and sorted them for each page (a million-line day's reconciliation
 * ran for hours), and nothing but the plan says so at a test's size.
 */
class LedgerQueryPlanTest {

    private static final Instant DAY = Instant.parse("2026-11-30T00:00:00Z");
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void aLedgerOfMixedStatesAnalysed() {
        DataSource dataSource = TestDatabase.dataSource("plan-" + System.nanoTime());
        TestDatabase.flyway(dataSource).load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        // Two lines in three restocked over the day, the third not: the proportions of the benchmark's day.
        jdbc.update("""
                INSERT INTO return_line (item_id, return_id, state, restocked_at, external_id, created_at, updated_at)
                SELECT 'i' || X, 'r' || (X / 3), CASE WHEN MOD(X, 3) = 0 THEN 'NOT_RESTOCKED' ELSE 'RESTOCKED' END,
                       CASE WHEN MOD(X, 3) = 0 THEN NULL ELSE CAST(? AS TIMESTAMP WITH TIME ZONE) + X * INTERVAL '0.5' SECOND END, 'rv-b' || (X / 50), ?, ?
                  FROM SYSTEM_RANGE(1, 60000)""", Sql.utc(DAY), Sql.utc(DAY), Sql.utc(DAY));
        jdbc.execute("ANALYZE");
    }

    @Test
    void theFirstPageOfADayIsReadInTheRestockedIndexOrder() {
        String plan = explain(LedgerRepository.RESTOCKED_FIRST_PAGE + "500 ROWS ONLY", Sql.utc(DAY),
                Sql.utc(DAY.plusSeconds(86_400)));

        assertThat(plan).contains("RETURN_LINE_BY_RESTOCKED_AT").contains("index sorted");
    }

    @Test
    void aLaterPageStartsTheIndexAtItsCursor() {
        Instant cursor = DAY.plusSeconds(3_600);
        String plan = explain(LedgerRepository.RESTOCKED_NEXT_PAGE + "500 ROWS ONLY", Sql.utc(DAY),
                Sql.utc(DAY.plusSeconds(86_400)), Sql.utc(cursor), Sql.utc(cursor), "i7200");

        assertThat(plan).as("the index range starts at the cursor (parameter 3)")
                .contains("RETURN_LINE_BY_RESTOCKED_AT: RESTOCKED_AT >= ?3").contains("index sorted");
    }

    private static String explain(String sql, Object... args) {
        return String.join("\n", jdbc.queryForList("EXPLAIN " + sql, String.class, args));
    }
}
