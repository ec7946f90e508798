package org.returnsbridge.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.returnsbridge.reveni.FieldLimits;
import org.returnsbridge.testsupport.TestDatabase;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * One schema on H2 and PostgreSQL: the same tables and the same column types (money NUMERIC(19,4), every instant
 * TIMESTAMP WITH TIME ZONE, text bounded at least as the parser bounds it), on whichever database the test run
 * uses (TestDatabase). And the migrations H2 users already applied are, to Flyway, exactly the ones they applied.
 */
class DatabaseSchemaTest {

    /**
     * flyway_schema_history of a database migrated before the per-vendor folders existed: version, description,
     * script and checksum. A mismatch would stop every existing deployment at start-up (Flyway's validation).
     */
    private static final List<String> APPLIED_ON_H2 = List.of(
            "1|ledger exceptions checkpoint|V1__ledger_exceptions_checkpoint.sql|1005701635",
            "2|retry schedule and post attempts|V2__retry_schedule_and_post_attempts.sql|-2092358285",
            "3|sales records|V3__sales_records.sql|-1507963993",
            "4|reconciliation reports|V4__reconciliation_reports.sql|-1355901640",
            "5|webhook inbox|V5__webhook_inbox.sql|566532809",
            "6|interval sync|V6__interval_sync.sql|1662524323",
            "7|batch stock ins|V7__batch_stock_ins.sql|278452741",
            "8|poll checkpoint per store|V8__poll_checkpoint_per_store.sql|145816141",
            "9|quartz job store|V9__quartz_job_store.sql|-1592191551",
            "10|claims|V10__claims.sql|1634205987",
            "11|one current exception per work|V11__one_current_exception_per_work.sql|1257233770",
            "12|exception work kind|V12__exception_work_kind.sql|1234866365",
            "13|exception ignored at|V13__exception_ignored_at.sql|822738417",
            "14|reconciliation scratch|V14__reconciliation_scratch.sql|-1854458892",
            "15|ledger return first seen|V15__ledger_return_first_seen.sql|428213795",
            "16|return version state digest|V16__return_version_state_digest.sql|210261871",
            "17|reconciliation stock in by external id first|V17__reconciliation_stock_in_by_external_id_first.sql|1735851551");

    @Test
    void h2DatabasesAlreadyMigratedValidateUnchanged() {
        DataSource h2 = new DriverManagerDataSource("jdbc:h2:mem:history-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
                "sa", "");
        Flyway flyway = Flyway.configure().dataSource(h2)
                .locations("classpath:db/migration/common", "classpath:db/migration/h2").load();
        flyway.migrate();

        List<String> history = new JdbcTemplate(h2).query("SELECT \"version\", \"description\", \"script\", \"checksum\""
                        + " FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\"",
                (rs, n) -> rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getInt(4));
        assertThat(history).startsWith(APPLIED_ON_H2.toArray(String[]::new));
        assertThat(flyway.validateWithResult().validationSuccessful).isTrue();
    }

    @Test
    void everyInstantIsATimestampWithTimeZone() {
        JdbcTemplate jdbc = migrated();
        List<Map<String, Object>> instants = jdbc.queryForList("SELECT table_name, column_name, data_type"
                + " FROM information_schema.columns WHERE LOWER(table_schema) = 'public'"
                + " AND (LOWER(column_name) LIKE '%\\_at' ESCAPE '\\' OR LOWER(column_name) IN ('first_seen', 'last_seen'))"
                + " AND LOWER(table_name) <> 'flyway_schema_history'");
        assertThat(instants).as("every instant column of V1..V8").hasSizeGreaterThanOrEqualTo(20);
        assertThat(instants).allSatisfy(column -> assertThat(lower(column.get("data_type")))
                .as("%s.%s", column.get("table_name"), column.get("column_name"))
                .isEqualTo("timestamp with time zone"));
    }

    @Test
    void moneyIsAnExactNumber() {
        Map<String, Object> amount = column(migrated(), "sales_record", "amount");
        assertThat(lower(amount.get("data_type"))).isIn("numeric", "decimal");
        assertThat(((Number) amount.get("numeric_precision")).intValue()).isEqualTo(19);
        assertThat(((Number) amount.get("numeric_scale")).intValue()).isEqualTo(FieldLimits.MONEY_DECIMALS);
    }

    @ParameterizedTest(name = "{0}.{1} holds {2}")
    @CsvSource({
            "return_line, item_id, ID",
            "return_line, return_id, ID",
            "return_line, return_status, STATUS",
            "return_line, item_status, STATUS",
            "return_line, sku, SKU",
            "return_line, location_id, LOCATION_ID",
            "return_line, inspection_condition, CONDITION",
            "return_line, return_reason, RETURN_REASON",
            "exception_record, location_id, LOCATION_ID",
            "exception_record, sku, SKU",
            "sales_record, return_id, ID",
            "sales_record, refund_id, ID",
            "sales_record, item_id, ID",
            "sales_record, reveni_status, STATUS",
            "webhook_inbox, return_id, ID",
            "return_version, return_id, ID",
    })
    void textColumnsHoldWhatTheParserLetsThrough(String table, String name, String limit) throws Exception {
        int parserLimit = FieldLimits.class.getField(limit).getInt(null);
        Map<String, Object> column = column(migrated(), table, name);
        assertThat(lower(column.get("data_type"))).isEqualTo("character varying");
        assertThat(((Number) column.get("character_maximum_length")).intValue()).isGreaterThanOrEqualTo(parserLimit);
    }

    @ParameterizedTest(name = "{0}.{1} holds a claim token")
    @CsvSource({
            "return_line, claim_token",
            "sales_record, claim_token",
            "exception_record, replay_token",
            "return_claim, claim_token",
    })
    void claimTokensFitTheirColumn(String table, String name) {
        // A node id of at most 60 characters (ClusterProperties), a separator and 16 random hex digits.
        Map<String, Object> column = column(migrated(), table, name);
        assertThat(((Number) column.get("character_maximum_length")).intValue()).isGreaterThanOrEqualTo(60 + 1 + 16);
    }

    @Test
    void coveredItemIdsFitTheirColumn() {
        Map<String, Object> itemIds = column(migrated(), "sales_record", "item_ids");
        // REFUND_ITEMS ids of ID characters, comma-separated.
        assertThat(((Number) itemIds.get("character_maximum_length")).intValue())
                .isGreaterThanOrEqualTo(FieldLimits.REFUND_ITEMS * (FieldLimits.ID + 1));
    }

    /**
     * Records written before V12 get the kind replay used to read from their keys: a poll, a refund or an exchange,
     * a line by its item id, a return (a return-level key, a conflict, a line without an item id), and a record
     * with no return id, which no replay could run, as a return without an id.
     */
    @Test
    void exceptionRecordsFromBeforeKindsGetTheKindTheirKeyMeant() {
        DataSource dataSource = TestDatabase.dataSource("kinds-" + System.nanoTime());
        TestDatabase.flyway(dataSource).target("11").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        String[][] records = {
                // line_key, return_id, item_id, the kind expected
                {"poll:reveni", null, null, "POLL"},
                {"poll:reveni-unreadable-page", null, null, "POLL"},
                {"refund:rf-1", "r-1", null, "SALES"},
                {"exchange:i-2", "r-1", "i-2", "SALES"},
                {"i-3", "r-1", "i-3", "LINE"},
                {"return:r-1", "r-1", null, "RETURN"},
                {"return:r-1#item:i-4", "r-1", null, "RETURN"},
                {"return:r-1#refund:rf-5", "r-1", null, "RETURN"},
                {"return:r-1#0", "r-1", null, "RETURN"},
                {"return-payload:1a2b", null, null, "RETURN"},
                {"unknown:ID-1", null, null, "RETURN"},
        };
        for (String[] r : records) {
            jdbc.update("INSERT INTO exception_record (line_key, category, reason, return_id, item_id, attempts, status,"
                    + " first_seen, last_seen) VALUES (?, 'INTERNAL_ERROR', 'x', ?, ?, 1, 'OPEN', CURRENT_TIMESTAMP,"
                    + " CURRENT_TIMESTAMP)", r[0], r[1], r[2]);
        }

        TestDatabase.flyway(dataSource).load().migrate();

        for (String[] r : records) {
            assertThat(jdbc.queryForObject("SELECT kind FROM exception_record WHERE line_key = ?", String.class, r[0]))
                    .as("kind of %s", r[0]).isEqualTo(r[3]);
        }
        assertThatThrownBy(() -> jdbc.update("INSERT INTO exception_record (line_key, category, reason, attempts, status,"
                + " first_seen, last_seen) VALUES ('i-9', 'INTERNAL_ERROR', 'x', 1, 'OPEN', CURRENT_TIMESTAMP,"
                + " CURRENT_TIMESTAMP)")).as("kind is required from V12 on").isInstanceOf(DataIntegrityViolationException.class);
    }

    private static JdbcTemplate migrated() {
        DataSource dataSource = TestDatabase.dataSource("schema-" + System.nanoTime());
        TestDatabase.flyway(dataSource).load().migrate();
        return new JdbcTemplate(dataSource);
    }

    private static Map<String, Object> column(JdbcTemplate jdbc, String table, String name) {
        List<Map<String, Object>> found = jdbc.queryForList("SELECT data_type, character_maximum_length,"
                + " numeric_precision, numeric_scale FROM information_schema.columns WHERE LOWER(table_schema) = 'public'"
                + " AND LOWER(table_name) = ? AND LOWER(column_name) = ?", table, name);
        assertThat(found).as("%s.%s", table, name).hasSize(1);
        return found.get(0);
    }

    private static String lower(Object value) {
        return String.valueOf(value).toLowerCase(Locale.ROOT);
    }
}
