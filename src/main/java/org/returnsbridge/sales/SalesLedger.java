package org.returnsbridge.sales;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.returnsbridge.support.Sql;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/** The sales records. RECORDED is final: no later poll, replay or restart records a refund twice. */
public class SalesLedger {

    private static final String NOT_RECORDED_YET = "state <> 'RECORDED'";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public SalesLedger(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * What Reveni says about the refund now; the bridge's own columns are left alone. A record belongs to
     * the return that first showed it: another return reusing the refund id (or exchanged item id) never
     * overwrites its amount, currency or items. Answers the return the record belongs to.
     */
    public String recordSeen(SalesWork work) {
        OffsetDateTime now = now();
        int updated = jdbc.update("UPDATE sales_record SET reveni_status = ?, amount = ?, currency = ?, item_ids = ?,"
                + " updated_at = ? WHERE record_key = ? AND return_id = ?", work.reveniStatus(), work.amount(),
                work.currency(), String.join(",", work.coveredItemIds()), now, work.recordKey(), work.returnId());
        if (updated == 1) {
            return work.returnId();
        }
        try {
            jdbc.update("""
                    INSERT INTO sales_record (record_key, kind, return_id, refund_id, item_id, reveni_status, amount,
                           currency, state, external_id, item_ids, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?, ?)""",
                    work.recordKey(), work.kind().name(), work.returnId(), work.refundId(), work.itemId(),
                    work.reveniStatus(), work.amount(), work.currency(), work.externalId(),
                    String.join(",", work.coveredItemIds()), now, now);
            return work.returnId();
        } catch (DuplicateKeyException taken) {
            String owner = jdbc.queryForList("SELECT return_id FROM sales_record WHERE record_key = ?", String.class,
                    work.recordKey()).stream().findFirst().orElse(work.returnId());
            return owner.equals(work.returnId()) ? recordSeen(work) : owner;
        }
    }

    public Optional<SalesRecord> find(String recordKey) {
        return jdbc.query("SELECT * FROM sales_record WHERE record_key = ?", ROW, recordKey).stream().findFirst();
    }

    /**
     * A page of the records the bridge first saw in [from, to), the refunds and exchanges of a business day, in
     * record key order after {@code afterKey} (null: from the first): a day of any size is read a page at a time.
     */
    public List<SalesRecord> findFirstSeenBetween(Instant from, Instant to, String afterKey, int limit) {
        return jdbc.query("SELECT * FROM sales_record WHERE created_at >= ? AND created_at < ?"
                + " AND (CAST(? AS VARCHAR(80)) IS NULL OR record_key > ?) ORDER BY record_key FETCH FIRST " + limit
                + " ROWS ONLY", ROW, Sql.utc(from), Sql.utc(to), afterKey, afterKey);
    }

    public boolean knowsExternalId(String externalId) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM sales_record WHERE external_id = ?", Integer.class,
                externalId);
        return n != null && n > 0;
    }

    public List<SalesRecord> findByReturns(Collection<String> returnIds) {
        if (returnIds.isEmpty()) {
            return List.of();
        }
        String marks = String.join(",", Collections.nCopies(returnIds.size(), "?"));
        return jdbc.query("SELECT * FROM sales_record WHERE return_id IN (" + marks + ") ORDER BY created_at, record_key",
                ROW, returnIds.toArray());
    }

    public List<SalesRecord> findByReturn(String returnId) {
        return jdbc.query("SELECT * FROM sales_record WHERE return_id = ? ORDER BY created_at, record_key", ROW, returnId);
    }

    /**
     * Takes the record for one attempt to post its order ({@code token}, until {@code until}): true for exactly
     * one of any number of attempts racing on any node; a lapsed claim is taken over.
     */
    public boolean claim(String recordKey, String token, OffsetDateTime until) {
        return jdbc.update("UPDATE sales_record SET claim_token = ?, claim_expires_at = ? WHERE record_key = ?"
                + " AND (claim_token IS NULL OR claim_expires_at < ?)", token, until, recordKey, now()) == 1;
    }

    /** Lets the record go, if {@code token} still holds it. */
    public void release(String recordKey, String token) {
        jdbc.update("UPDATE sales_record SET claim_token = NULL, claim_expires_at = NULL WHERE record_key = ?"
                + " AND claim_token = ?", recordKey, token);
    }

    public void markPending(String recordKey, String reason) {
        mark(recordKey, "PENDING", reason);
    }

    public void markNotRecorded(String recordKey, String reason) {
        mark(recordKey, "NOT_RECORDED", reason);
    }

    public void markException(String recordKey, long exceptionId, String reason) {
        jdbc.update("UPDATE sales_record SET state = 'EXCEPTION', exception_id = ?, state_reason = ?, updated_at = ?"
                + " WHERE record_key = ? AND " + NOT_RECORDED_YET, exceptionId, truncate(reason), now(), recordKey);
    }

    public void markRecorded(String recordKey, long sitooOrderId, String how) {
        jdbc.update("UPDATE sales_record SET state = 'RECORDED', sitoo_order_id = ?, state_reason = ?, exception_id = NULL,"
                + " recorded_at = ?, updated_at = ?, claim_token = NULL, claim_expires_at = NULL WHERE record_key = ? AND " + NOT_RECORDED_YET,
                sitooOrderId, how, now(), now(), recordKey);
    }

    private void mark(String recordKey, String state, String reason) {
        jdbc.update("UPDATE sales_record SET state = ?, state_reason = ?, exception_id = NULL, updated_at = ?"
                + " WHERE record_key = ? AND " + NOT_RECORDED_YET, state, truncate(reason), now(), recordKey);
    }

    private OffsetDateTime now() {
        return Sql.utc(clock.instant());
    }

    private static String truncate(String s) {
        return Sql.truncate(s, 1000);
    }


    private static final RowMapper<SalesRecord> ROW = (rs, n) -> new SalesRecord(
            rs.getString("record_key"), rs.getString("kind"), rs.getString("return_id"), rs.getString("refund_id"),
            rs.getString("item_id"), rs.getString("reveni_status"), (BigDecimal) rs.getObject("amount"),
            rs.getString("currency"), SalesRecordState.valueOf(rs.getString("state")), rs.getString("state_reason"),
            rs.getString("external_id"), (Long) rs.getObject("sitoo_order_id"), (Long) rs.getObject("exception_id"),
            Sql.instant(rs, "recorded_at"), Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"), itemIds(rs));

    private static List<String> itemIds(ResultSet rs) throws SQLException {
        String ids = rs.getString("item_ids");
        return ids == null || ids.isEmpty() ? List.of() : List.of(ids.split(","));
    }
}
