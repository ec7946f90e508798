package org.returnsbridge.monitoring;

import java.util.Locale;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * {@code bridge_vendor_circuit_state{vendor,state}}: 1 for the state a vendor's circuit breaker is in, 0 for
 * the others, so {@code bridge_vendor_circuit_state{state="open"} == 1} is the alert. Per node: each node has
 * its own breaker, and one node may see Sitoo failing while another does not.
 */
final class CircuitBreakerGauge implements MeterBinder {

    private static final CircuitBreaker.State[] SHOWN = {CircuitBreaker.State.CLOSED, CircuitBreaker.State.OPEN,
            CircuitBreaker.State.HALF_OPEN, CircuitBreaker.State.FORCED_OPEN, CircuitBreaker.State.DISABLED};

    private final String vendor;
    private final CircuitBreaker breaker;

    CircuitBreakerGauge(String vendor, CircuitBreaker breaker) {
        this.vendor = vendor;
        this.breaker = breaker;
    }

    @Override
    public void bindTo(MeterRegistry meters) {
        for (CircuitBreaker.State state : SHOWN) {
            Gauge.builder("bridge.vendor.circuit.state", breaker, b -> b.getState() == state ? 1 : 0)
                    .description("1 for the state the vendor's circuit breaker is in on this node, 0 for the others")
                    .tag("vendor", vendor).tag("state", state.name().toLowerCase(Locale.ROOT))
                    .register(meters);
        }
    }
}
