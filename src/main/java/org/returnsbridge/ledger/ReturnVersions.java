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

    /**
     * True when this very state of the return (its updated_at and the digest of its content) is the one last acted
     * on; false for a state never acted on, or an unknown digest. Whether anything of it is still open is the
     * caller's to ask.
     */
    public boolean actedOn(String returnId, Instant updatedAt, String stateDigest) {
        if (updatedAt == null || stateDigest == null) {
            return false;
        }
        return !jdbc.queryForList("SELECT 1 FROM return_version WHERE return_id = ? AND updated_at = ?"
                + " AND state_digest = ?", Integer.class, returnId, Sql.utc(updatedAt), stateDigest).isEmpty();
    }

    /**
     * Only ever moves forward. {@code stateDigest} is the digest of the state just acted on, or null when it is not to
     * be trusted (a failure of the pass went unrecorded); at the same updated_at it replaces the digest kept (two
     * states can share a second), so a later read of the same state is known for what the last pass acted on.
     */
    public void advance(String returnId, Instant updatedAt, String stateDigest) {
        if (updatedAt == null) {
            return;
        }
        if (moveForward(returnId, updatedAt, stateDigest) == 0) {
            // Most often the row exists with this very version (the poll's overlap re-reads it): insert only when
            // there is none, so PostgreSQL's log is not filled with a refused duplicate per re-read return.
            try {
                jdbc.update("INSERT INTO return_version (return_id, updated_at, state_digest)"
                        + " SELECT ?, ?, CAST(? AS VARCHAR(64))"
                        + " WHERE NOT EXISTS (SELECT 1 FROM return_version WHERE return_id = ?)",
                        returnId, Sql.utc(updatedAt), stateDigest, returnId);
            } catch (DuplicateKeyException insertedMeanwhile) {
                // another worker inserted it between the check and the insert, perhaps with an older version
                moveForward(returnId, updatedAt, stateDigest);
            }
        }
    }

    private int moveForward(String returnId, Instant updatedAt, String stateDigest) {
        return jdbc.update("UPDATE return_version SET updated_at = ?, state_digest = CAST(? AS VARCHAR(64))"
                + " WHERE return_id = ? AND (updated_at < ?"
                + " OR (updated_at = ? AND state_digest IS DISTINCT FROM CAST(? AS VARCHAR(64))))",
                Sql.utc(updatedAt), stateDigest, returnId, Sql.utc(updatedAt), Sql.utc(updatedAt), stateDigest);
    }
}
