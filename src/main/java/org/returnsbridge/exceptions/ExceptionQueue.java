package org.returnsbridge.exceptions;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The exception queue. A unit of work that fails again updates its open record (attempts, last seen,
 * latest reason) rather than adding a new one; when it later succeeds, its open record resolves.
 */
public class ExceptionQueue {

    private static final Logger log = LoggerFactory.getLogger(ExceptionQueue.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    public ExceptionQueue(JdbcTemplate jdbc, TransactionTemplate tx, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    /** Records (or updates) the open exception for this unit of work and answers its id. */
    public long record(ExceptionCategory category, String reason, FailedWork work) {
        String shortReason = reason == null ? category.name() : reason.length() > 2000 ? reason.substring(0, 1999) + "…" : reason;
        Long id = tx.execute(status -> {
            OffsetDateTime now = now();
            Optional<Long> open = openId(work.lineKey());
            if (open.isPresent()) {
                jdbc.update("UPDATE exception_record SET category = ?, reason = ?, attempts = attempts + 1, last_seen = ?,"
                        + " status = 'OPEN', sku = COALESCE(?, sku), warehouse_id = COALESCE(?, warehouse_id),"
                        + " location_id = COALESCE(?, location_id), payload = COALESCE(?, payload) WHERE id = ?",
                        category.name(), shortReason, now, work.sku(), work.warehouseId(), work.locationId(),
                        work.payload(), open.get());
                return open.get();
            }
            GeneratedKeyHolder key = new GeneratedKeyHolder();
            jdbc.update(con -> {
                var ps = con.prepareStatement("""
                        INSERT INTO exception_record (line_key, category, reason, return_id, item_id, sku, location_id,
                               warehouse_id, payload, attempts, status, first_seen, last_seen)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 'OPEN', ?, ?)""", new String[] {"id"});
                ps.setString(1, work.lineKey());
                ps.setString(2, category.name());
                ps.setString(3, shortReason);
                ps.setString(4, work.returnId());
                ps.setString(5, work.itemId());
                ps.setString(6, work.sku());
                ps.setString(7, work.locationId());
                ps.setObject(8, work.warehouseId());
                ps.setString(9, work.payload());
                ps.setObject(10, now);
                ps.setObject(11, now);
                return ps;
            }, key);
            return key.getKey().longValue();
        });
        log.warn("Exception {} [{}] for {}: {}", id, category, work.lineKey(), shortReason);
        return id;
    }

    /** The unit of work succeeded: its open record (if any) is resolved. */
    public void resolve(String lineKey) {
        int n = jdbc.update("UPDATE exception_record SET status = 'RESOLVED', resolved_at = ? WHERE line_key = ?"
                + " AND status IN ('OPEN', 'REPLAYING')", now(), lineKey);
        if (n > 0) {
            log.info("Exception for {} resolved: a later attempt succeeded", lineKey);
        }
    }

    public Optional<ExceptionRecord> find(long id) {
        return jdbc.query("SELECT * FROM exception_record WHERE id = ?", ROW, id).stream().findFirst();
    }

    public List<ExceptionRecord> findOpen() {
        return jdbc.query("SELECT * FROM exception_record WHERE status = 'OPEN' ORDER BY id", ROW);
    }

    public List<ExceptionRecord> findByLineKey(String lineKey) {
        return jdbc.query("SELECT * FROM exception_record WHERE line_key = ? ORDER BY id", ROW, lineKey);
    }

    private Optional<Long> openId(String lineKey) {
        return jdbc.queryForList("SELECT id FROM exception_record WHERE line_key = ? AND status IN ('OPEN', 'REPLAYING')"
                + " ORDER BY id", Long.class, lineKey).stream().findFirst();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static final RowMapper<ExceptionRecord> ROW = (rs, n) -> new ExceptionRecord(
            rs.getLong("id"), rs.getString("line_key"), ExceptionCategory.valueOf(rs.getString("category")),
            rs.getString("reason"), rs.getString("return_id"), rs.getString("item_id"), rs.getString("sku"),
            rs.getString("location_id"), (Integer) rs.getObject("warehouse_id"), rs.getString("payload"),
            rs.getInt("attempts"), ExceptionStatus.valueOf(rs.getString("status")), instant(rs, "first_seen"),
            instant(rs, "last_seen"), instant(rs, "resolved_at"));
}
