package org.returnsbridge.health;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * {@code sitoo}: DOWN while the circuit breaker is open (the bridge is not calling Sitoo at all) or while
 * Sitoo leaves the calls already made unanswered ({@link Reachability}). Never in liveness or readiness: a
 * Sitoo outage is the same for every replica, and restarting or unrouting them would not bring Sitoo back,
 * while webhooks must still be accepted into the inbox.
 */
class SitooHealthIndicator extends AbstractHealthIndicator {

    private final Reachability reachability;
    private final CircuitBreaker breaker;

    SitooHealthIndicator(Reachability reachability, CircuitBreaker breaker) {
        super("Sitoo health could not be read");
        this.reachability = reachability;
        this.breaker = breaker;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Health byCalls = reachability.health().build();
        CircuitBreaker.State circuit = breaker.getState();
        boolean open = circuit == CircuitBreaker.State.OPEN || circuit == CircuitBreaker.State.FORCED_OPEN;
        builder.status(open ? org.springframework.boot.actuate.health.Status.DOWN : byCalls.getStatus())
                .withDetails(byCalls.getDetails())
                .withDetail("circuit", circuit.name())
                .withDetail("circuitFailureRatePercent", breaker.getMetrics().getFailureRate());
        if (open) {
            builder.withDetail("reason", "the circuit breaker is open: Sitoo is not called until it half-opens"
                    + " (BRIDGE_SITOO_BREAKER_OPEN_WAIT)");
        }
    }
}
