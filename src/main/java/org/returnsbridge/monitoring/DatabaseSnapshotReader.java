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

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.returnsbridge.flow.PollCheckpoint;
import org.returnsbridge.reconciliation.Finding;
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
    private final ObjectMapper json;

    DatabaseSnapshotReader(JdbcTemplate jdbc, ReturnStateCounter returnStates, Clock clock, ObjectMapper json) {
        this.jdbc = jdbc;
        this.returnStates = returnStates;
        this.clock = clock;
        this.json = json;
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

        // The checkpoint only moves when a return changes; on a quiet store the start of the last complete poll
        // (every page read) is what says the poll keeps up. The later of the two is how far Reveni has been read.
        List<DatabaseSnapshot.StoreCheckpoint> checkpoints = jdbc.query(
                "SELECT store_id, MAX(checkpoint_at) AS checkpoint_at FROM poll_checkpoint WHERE name IN (?, ?)"
                        + " GROUP BY store_id",
                (rs, row) -> new DatabaseSnapshot.StoreCheckpoint(
                        rs.getString("store_id").isEmpty() ? ALL_STORES : rs.getString("store_id"),
                        instant(rs, "checkpoint_at")), PollCheckpoint.NAME, PollCheckpoint.POLLED);

        // When the last complete poll, by any node, finished (its row is saved as it finishes).
        Instant lastCompletePoll = jdbc.query("SELECT MAX(saved_at) AS finished FROM poll_checkpoint WHERE name = ?",
                rs -> rs.next() ? instant(rs, "finished") : null, PollCheckpoint.POLLED);

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
                oldestWebhook[0], queued == null ? 0 : queued, lastReconciliation, latestFindings(), lastCompletePoll,
                clock.instant());
    }

    /**
     * Findings per kind in the report of the latest business day reconciled, by whichever node ran it (every kind,
     * 0 included; all 0 before the first report). Read from the stored report itself: the reconciliation package
     * is not asked, so monitoring stays on top of it.
     */
    private Map<String, Long> latestFindings() {
        Map<String, Long> counts = new LinkedHashMap<>();
        Finding.KINDS.forEach(kind -> counts.put(kind, 0L));
        List<String> latest = jdbc.queryForList(
                "SELECT report_json FROM reconciliation_report ORDER BY report_date DESC LIMIT 1", String.class);
        if (!latest.isEmpty()) {
            try {
                json.readTree(latest.get(0)).path("counts").properties()
                        .forEach(count -> counts.put(count.getKey(), count.getValue().asLong()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("the latest reconciliation report is not JSON: " + e.getOriginalMessage(), e);
            }
        }
        return counts;
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
