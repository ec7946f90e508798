package org.returnsbridge.claims;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One node at a time works on one return's webhook events: a row per claimed return, inserted by the first
 * claimant and taken over by compare-and-set once it expired.
 */
public class ReturnClaims {

    private final JdbcTemplate jdbc;
    private final Claims claims;

    public ReturnClaims(JdbcTemplate jdbc, Claims claims) {
        this.jdbc = jdbc;
        this.claims = claims;
    }

    /** True when {@code token} now holds the return. */
    public boolean tryClaim(String returnId, String token) {
        try {
            jdbc.update("INSERT INTO return_claim (return_id, claim_token, expires_at) VALUES (?, ?, ?)", returnId, token,
                    claims.expiry());
            return true;
        } catch (DuplicateKeyException held) {
            return jdbc.update("UPDATE return_claim SET claim_token = ?, expires_at = ? WHERE return_id = ?"
                    + " AND (expires_at < ? OR claim_token = ?)", token, claims.expiry(), returnId, claims.now(), token) == 1;
        }
    }

    /** Still working: the claim holds another TTL. False when it expired and another node took it. */
    public boolean renew(String returnId, String token) {
        return jdbc.update("UPDATE return_claim SET expires_at = ? WHERE return_id = ? AND claim_token = ?",
                claims.expiry(), returnId, token) == 1;
    }

    public void release(String returnId, String token) {
        jdbc.update("DELETE FROM return_claim WHERE return_id = ? AND claim_token = ?", returnId, token);
    }
}
