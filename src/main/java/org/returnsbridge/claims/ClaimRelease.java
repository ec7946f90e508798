package org.returnsbridge.claims;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.ConnectionCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * On shutdown (SIGTERM), once Camel has stopped taking and finished its work, every claim this node still
 * holds is released, so other nodes carry on at once instead of waiting for the claims to expire. Intents
 * stay as they are: an unanswered stock-in is settled by read-back wherever the line is taken next.
 *
 * <p>And at start-up, before Camel takes any work, the claims a previous run of this node left behind when it
 * was killed are released, instead of holding the work back for a claim TTL: on an embedded H2 database every
 * claim (H2 locks its file to one process, so whatever claims exist belong to a process that is gone), on a
 * shared database those carrying this node's id (a node id is never used by two live nodes; with the
 * generated default it changes every start, so a killed node's claims simply expire).
 */
public class ClaimRelease extends EventNotifierSupport implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(ClaimRelease.class);
    /** The longest shutdown waits to hand claims back; part of the 30 s budget (scheduling.ShutdownPhases). */
    private static final Duration RELEASE_WAIT = Duration.ofSeconds(3);

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
        // A courtesy, bounded: with the database unreachable, waiting for a connection would take the pool's
        // whole connection timeout (30 s) out of the 30 s a node has to stop. Expiry is what guarantees the
        // claims go back; releasing them only saves the other nodes the wait.
        CompletableFuture<Integer> released = new CompletableFuture<>();
        Thread releasing = new Thread(() -> {
            try {
                released.complete(releaseAll());
            } catch (RuntimeException e) {
                released.completeExceptionally(e);
            }
        }, "claim-release");
        releasing.setDaemon(true); // never keeps a stopping JVM alive
        releasing.start();
        try {
            log.info("Node {} stopped taking work: released {} claim(s) it still held", claims.nodeId(),
                    released.get(RELEASE_WAIT.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException | ExecutionException e) {
            log.warn("Node {} stopped taking work but could not release its claims ({}); they expire after the claim"
                    + " TTL", claims.nodeId(), e instanceof TimeoutException ? "no database answer within "
                    + RELEASE_WAIT.toSeconds() + " s" : e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void afterPropertiesSet() {
        boolean embedded = Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) connection ->
                "H2".equals(connection.getMetaData().getDatabaseProductName())));
        int released = embedded ? release("%") : releaseAll();
        if (released > 0) {
            log.info("Released {} claim(s) a previous run of {} left when it stopped without releasing them", released,
                    embedded ? "this bridge (embedded H2: one process only)" : "node " + claims.nodeId());
        }
    }

    /** Answers how many claims of this node were let go. */
    public int releaseAll() {
        return release(claims.ownTokens());
    }

    private int release(String mine) {
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
