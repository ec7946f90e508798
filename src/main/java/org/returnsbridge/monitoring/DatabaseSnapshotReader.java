package org.returnsbridge.monitoring;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The aggregate queries behind the business gauges: a handful of GROUP BYs over indexed columns, whatever
 * the number of gauges or scrapes. Reads the tables directly so the gauges sit on top of every package.
 */
class DatabaseSnapshotReader {

    static final String NO_WAREHOUSE = "none";
    static final String ALL_STORES = "all";

    private final JdbcTemplate jdbc;
    private final ReturnStateCounter returnStates;
    private final Clock clock;

    DatabaseSnapshotReader(JdbcTemplate jdbc, ReturnStateCounter returnStates, Clock clock) {
        this.jdbc = jdbc;
        this.returnStates = returnStates;
        this.clock = clock;
    }

    DatabaseSnapshot read() {
        List<DatabaseSnapshot.LineCount> lines = jdbc.query(
                "SELECT state, warehouse_id, COUNT(*) AS line_count, COALESCE(SUM(quantity), 0) AS units"
                        + " FROM return_line GROUP BY state, warehouse_id",
                (rs, row) -> new DatabaseSnapshot.LineCount(rs.getString("state").toLowerCase(Locale.ROOT),
                        warehouse(rs), rs.getLong("line_count"), rs.getLong("units")));

        List<DatabaseSnapshot.SalesCount> sales = jdbc.query(
                "SELECT kind, state, COUNT(*) AS record_count FROM sales_record GROUP BY kind, state",
                (rs, row) -> new DatabaseSnapshot.SalesCount(rs.getString("kind").toLowerCase(Locale.ROOT),
                        rs.getString("state").toLowerCase(Locale.ROOT), rs.getLong("record_count")));

        Map<String, Long> openByCategory = new LinkedHashMap<>();
        Instant[] oldestOpen = {null};
        jdbc.query("SELECT category, COUNT(*) AS open_count, MIN(first_seen) AS oldest FROM exception_record"
                + " WHERE status = 'OPEN' GROUP BY category", rs -> {
                    openByCategory.put(rs.getString("category"), rs.getLong("open_count"));
                    oldestOpen[0] = earlier(oldestOpen[0], instant(rs, "oldest"));
                });

        List<DatabaseSnapshot.StoreCheckpoint> checkpoints = jdbc.query(
                "SELECT store_id, MIN(checkpoint_at) AS checkpoint_at FROM poll_checkpoint GROUP BY store_id",
                (rs, row) -> new DatabaseSnapshot.StoreCheckpoint(
                        rs.getString("store_id").isEmpty() ? ALL_STORES : rs.getString("store_id"),
                        instant(rs, "checkpoint_at")));

        long[] webhookBacklog = {0};
        Instant[] oldestWebhook = {null};
        jdbc.query("SELECT COUNT(*) AS backlog, MIN(received_at) AS oldest FROM webhook_inbox WHERE status = 'RECEIVED'",
                rs -> {
                    webhookBacklog[0] = rs.getLong("backlog");
                    oldestWebhook[0] = instant(rs, "oldest");
                });

        // The interval mode's queue: lines waiting for the next batch stock-in (ledger.LedgerRepository's queue).
        Long queued = jdbc.queryForObject("SELECT COUNT(*) FROM return_line WHERE queued_at IS NOT NULL"
                + " AND last_post_at IS NULL AND state = 'RESTOCKING'", Long.class);

        Instant lastReconciliation = jdbc.query("SELECT MAX(generated_at) AS last_run FROM reconciliation_report",
                rs -> rs.next() ? instant(rs, "last_run") : null);

        return new DatabaseSnapshot(lines, returnStates.count(), sales, openByCategory, oldestOpen[0], checkpoints, webhookBacklog[0],
                oldestWebhook[0], queued == null ? 0 : queued, lastReconciliation, clock.instant());
    }

    private static String warehouse(ResultSet rs) throws SQLException {
        int id = rs.getInt("warehouse_id");
        return rs.wasNull() ? NO_WAREHOUSE : Integer.toString(id);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    private static Instant earlier(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }
}
