package org.returnsbridge.health;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * {@code reveni}: DOWN while Reveni leaves the calls already made (the poll's pages, the webhook registration,
 * replays' re-reads) unanswered ({@link Reachability}). Never in liveness or readiness: every replica sees the
 * same Reveni, and Reveni's webhooks must still be accepted while its API is away.
 */
class ReveniHealthIndicator extends AbstractHealthIndicator {

    private final Reachability reachability;

    ReveniHealthIndicator(Reachability reachability) {
        super("Reveni health could not be read");
        this.reachability = reachability;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Health byCalls = reachability.health().build();
        builder.status(byCalls.getStatus()).withDetails(byCalls.getDetails());
    }
}
