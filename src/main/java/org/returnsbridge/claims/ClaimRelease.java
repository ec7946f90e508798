package org.returnsbridge.claims;

import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * On shutdown (SIGTERM), once Camel has stopped taking and finished its work, every claim this node still
 * holds is released, so other nodes carry on at once instead of waiting for the claims to expire. Intents
 * stay as they are: an unanswered stock-in is settled by read-back wherever the line is taken next.
 */
public class ClaimRelease extends EventNotifierSupport {

    private static final Logger log = LoggerFactory.getLogger(ClaimRelease.class);

    private final JdbcTemplate jdbc;
    private final Claims claims;

    public ClaimRelease(JdbcTemplate jdbc, Claims claims) {
        this.jdbc = jdbc;
        this.claims = claims;
        setIgnoreExchangeEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.CamelContextStoppedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        log.info("Node {} stopped taking work: released {} claim(s) it still held", claims.nodeId(), releaseAll());
    }

    /** Answers how many claims were let go. */
    public int releaseAll() {
        String mine = claims.ownTokens();
        int released = jdbc.update("UPDATE return_line SET claim_token = NULL, claim_expires_at = NULL"
                + " WHERE claim_token LIKE ? ESCAPE '\\'", mine)
                + jdbc.update("UPDATE sales_record SET claim_token = NULL, claim_expires_at = NULL"
                + " WHERE claim_token LIKE ? ESCAPE '\\'", mine)
                + jdbc.update("DELETE FROM return_claim WHERE claim_token LIKE ? ESCAPE '\\'", mine)
                + jdbc.update("UPDATE exception_record SET status = 'OPEN', replay_token = NULL, replay_expires_at = NULL"
                + " WHERE status = 'REPLAYING' AND replay_token LIKE ? ESCAPE '\\'", mine);
        return released;
    }
}
