package org.returnsbridge.sitoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.ProxyBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.returnsbridge.support.VendorCallMeter;
import org.returnsbridge.testsupport.SandboxedBridgeTest;
import org.springframework.beans.factory.annotation.Autowired;

/** The Sitoo gateway routes against the sandbox: rate limit, circuit breaker, and what each answer means. */
class SitooGatewayTest extends SandboxedBridgeTest {

    @Autowired
    private SitooClient sitoo;
    @Autowired
    private CircuitBreaker sitooCircuitBreaker;
    @Autowired
    private SitooConnection connection;
    @Autowired
    private ObjectMapper json;

    /**
     * No 1.05 s window holds more than {@code rate} turns, so call j cannot leave within 1.05 s of call
     * {@code j - rate}: measured from outside (before call i was asked, after call j answered) the span can only be
     * longer, however slowly the machine runs, so this holds at any speed. Three windows' worth are sent: the
     * first {@code rate} go as a burst, the rest wait for room, and the sandbox's own limit never answers 429.
     */
    @Test
    void noSecondHoldsMoreCallsThanTheLimitAndSitooNeverThrottles() throws Exception {
        int rate = 20;
        sandbox.sitooFaults("{\"rateLimitPerSecond\": " + rate + "}");
        try (CamelContext camel = new DefaultCamelContext()) {
            SitooRateLimit rateLimit = new SitooRateLimit(rate);
            camel.getRegistry().bind(SitooGatewayRoutes.CIRCUIT_BREAKER, CircuitBreaker.ofDefaults("test"));
            camel.addRoutes(new SitooGatewayRoutes(new SitooCallSteps(connection, 1 << 20, json,
                    new org.returnsbridge.support.VendorReachability(java.time.Clock.systemUTC())), rateLimit,
                    new VendorCallMeter("sitoo", SitooCallSteps.URL, new SimpleMeterRegistry())));
            camel.start();
            SitooCall warehouses = new ProxyBuilder(camel).endpoint(SitooGatewayRoutes.WAREHOUSES).build(SitooCall.class);

            List<long[]> calls = new ArrayList<>(); // {asked, answered} in nanoseconds
            for (int i = 0; i < 3 * rate; i++) {
                long asked = System.nanoTime();
                warehouses.send(SitooRequest.get(connection.siteUrl() + "/warehouses.json", "num=1", "list warehouses"));
                calls.add(new long[] {asked, System.nanoTime()});
            }

            for (int i = 0; i + rate < calls.size(); i++) {
                assertThat(Duration.ofNanos(calls.get(i + rate)[1] - calls.get(i)[0])).as("calls %d to %d", i, i + rate)
                        .isGreaterThanOrEqualTo(SitooRateLimit.WINDOW);
            }
        }
        assertThat(sandbox.callsAnswered("sitoo", 429)).as("never over Sitoo's limit").isZero();
    }

    @Test
    void anOpenCircuitTurnsCallsAwayUnsentAsPointlessToRetryNow() {
        sitooCircuitBreaker.transitionToOpenState();

        assertThatThrownBy(() -> sitoo.findProduct("10038-1")).isInstanceOfSatisfying(SitooUnavailableException.class,
                e -> {
                    assertThat(e.kind()).isEqualTo(SitooUnavailableException.Kind.CIRCUIT_OPEN);
                    assertThat(e.isPointlessToRetryNow()).isTrue();
                });
        assertThat(sandbox.calls("sitoo GET products")).as("nothing sent").isZero();
    }

    @Test
    void aRefusalIsSitooAnsweringAndDoesNotCountAgainstItsHealth() {
        assertThatThrownBy(() -> sitoo.postStockIn(new StockIn(1, "NO-SUCH-SKU", BigDecimal.ONE, "rv-refused", null,
                "refused"))).isInstanceOfSatisfying(SitooRejectedException.class,
                e -> assertThat(e.getMessage()).contains("NO-SUCH-SKU"));

        assertThat(sitooCircuitBreaker.getMetrics().getNumberOfFailedCalls()).isZero();
        assertThat(sitooCircuitBreaker.getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(1);
    }

    @Test
    void serverErrorsAndThrottlingAreUnavailableWithTheirRetryAfterAndCountAgainstSitoosHealth() {
        sandbox.sitooFaults("{\"rate429RetryAfter\": 1.0, \"retryAfterSeconds\": 7}");
        assertThatThrownBy(() -> sitoo.findProduct("10038-1")).isInstanceOfSatisfying(SitooUnavailableException.class,
                e -> {
                    assertThat(e.kind()).isEqualTo(SitooUnavailableException.Kind.THROTTLED);
                    assertThat(e.retryAfterSeconds()).hasValue(7);
                });

        sandbox.sitooFaults("{\"rate500\": 1.0}");
        assertThatThrownBy(() -> sitoo.warehouses()).isInstanceOfSatisfying(SitooUnavailableException.class,
                e -> assertThat(e.kind()).isEqualTo(SitooUnavailableException.Kind.NO_ANSWER));

        assertThat(sitooCircuitBreaker.getMetrics().getNumberOfFailedCalls()).isEqualTo(2);
        assertThat(sandbox.calls("sitoo GET products")).as("one request: the gateway never retries").isEqualTo(1);
    }

    @Test
    void aSlowAnswerIsNoAnswerAfterTheResponseTimeout() {
        sandbox.sitooFaults("{\"rateSlow\": 1.0, \"slowMillis\": 3000}"); // the test context times out after 2 s

        assertThatThrownBy(() -> sitoo.warehouses()).isInstanceOfSatisfying(SitooUnavailableException.class, e -> {
            assertThat(e.kind()).isEqualTo(SitooUnavailableException.Kind.NO_ANSWER);
            assertThat(e.getMessage()).startsWith("Sitoo did not answer (list warehouses)");
        });
    }

    @Test
    void aCallBeyondTheLongestWaitForItsTurnIsTurnedAwayUnsent() {
        SitooRateLimit oneASecond = new SitooRateLimit(1);
        var exchange = new DefaultExchange(new DefaultCamelContext());
        long fits = oneASecond.maxWaiting();
        for (int i = 0; i < fits; i++) {
            oneASecond.enter(exchange);
        }

        assertThatThrownBy(() -> oneASecond.enter(exchange)).isInstanceOfSatisfying(SitooUnavailableException.class,
                e -> assertThat(e.wasNotApplied()).isTrue());
        oneASecond.leave(exchange);
        oneASecond.enter(exchange);
    }
}
