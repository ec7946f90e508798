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
    public boolean tryClaim(String key, String token) {
        try {
            jdbc.update("INSERT INTO return_claim (claim_key, claim_token, expires_at) VALUES (?, ?, ?)", key, token,
                    claims.expiry());
            return true;
        } catch (DuplicateKeyException held) {
            return jdbc.update("UPDATE return_claim SET claim_token = ?, expires_at = ? WHERE claim_key = ?"
                    + " AND (expires_at < ? OR claim_token = ?)", token, claims.expiry(), key, claims.now(), token) == 1;
        }
    }

    /** Still working: the claim holds another TTL. False when it expired and another node took it. */
    public boolean renew(String key, String token) {
        return jdbc.update("UPDATE return_claim SET expires_at = ? WHERE claim_key = ? AND claim_token = ?",
                claims.expiry(), key, token) == 1;
    }

    public void release(String key, String token) {
        jdbc.update("DELETE FROM return_claim WHERE claim_key = ? AND claim_token = ?", key, token);
    }
}
