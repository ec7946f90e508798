package org.returnsbridge.ledger;

import java.time.Instant;

import org.returnsbridge.support.Sql;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The newest state of each return the bridge has acted on (Reveni's updated_at). Webhooks may arrive
 * late and out of order: an event older than what was already processed is skipped, so the ledger only
 * moves forward.
 */
public class ReturnVersions {

    private final JdbcTemplate jdbc;

    public ReturnVersions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** True when {@code updatedAt} is older than the newest state already acted on. */
    public boolean isStale(String returnId, Instant updatedAt) {
        return jdbc.queryForList("SELECT updated_at FROM return_version WHERE return_id = ?",
                java.time.OffsetDateTime.class, returnId).stream().findFirst()
                .map(seen -> updatedAt.isBefore(seen.toInstant())).orElse(false);
    }

    /** Only ever moves forward. */
    public void advance(String returnId, Instant updatedAt) {
        if (updatedAt == null) {
            return;
        }
        int n = jdbc.update("UPDATE return_version SET updated_at = ? WHERE return_id = ? AND updated_at < ?",
                Sql.utc(updatedAt), returnId, Sql.utc(updatedAt));
        if (n == 0) {
            // Most often the row exists with this very version (the poll's overlap re-reads it): insert only when
            // there is none, so PostgreSQL's log is not filled with a refused duplicate per re-read return.
            try {
                jdbc.update("INSERT INTO return_version (return_id, updated_at) SELECT ?, ?"
                        + " WHERE NOT EXISTS (SELECT 1 FROM return_version WHERE return_id = ?)",
                        returnId, Sql.utc(updatedAt), returnId);
            } catch (DuplicateKeyException insertedMeanwhile) {
                // another worker inserted it between the check and the insert, perhaps with an older version
                jdbc.update("UPDATE return_version SET updated_at = ? WHERE return_id = ? AND updated_at < ?",
                        Sql.utc(updatedAt), returnId, Sql.utc(updatedAt));
            }
        }
    }
}
