package org.returnsbridge.sitoo;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.builder.RouteBuilder;
import org.returnsbridge.support.VendorCallMeter;

/**
 * Every Sitoo call is a route, so Hawtio shows each operation family and the one way out to Sitoo, with
 * their statistics. A family route names the operation; all of them go through {@code sitoo-call}:
 *
 * <ol>
 *   <li>the request becomes camel-http headers, every inbound header dropped ({@link SitooCallSteps#prepare});</li>
 *   <li>{@code rate-limit}: the configured rate limit as a sliding window (a call goes at once while the last
 *       1.05 s holds fewer than the limit), the wait for a turn bounded ({@link SitooRateLimit});</li>
 *   <li>{@code circuitBreaker} (resilience4j, the {@value #CIRCUIT_BREAKER} bean): inside it only "no usable
 *       answer" fails (no answer, timeout, too large, 5xx, 429), so only that opens the circuit; an open
 *       circuit turns the call away unsent, which the error policy queues at once;</li>
 *   <li>{@code toD} on camel-http, statuses returned rather than thrown, then judged: a 4xx is Sitoo's no
 *       ({@link SitooRejectedException});</li>
 *   <li>camel-jackson reads the JSON; anything else is a clear failure.</li>
 * </ol>
 *
 * <p>Nothing here retries: a failure goes back to the caller, whose retry budget (the error policy's
 * in-flight redelivery, then the exception queue's sweep) decides what happens next (docs/retries.md).
 * A route that calls a gateway should {@code enrich} it, so the gateway's header reset stays on a copy.
 */
public class SitooGatewayRoutes extends RouteBuilder {

    public static final String STOCK_INS = "direct:sitoo-stock-in";
    public static final String ORDERS = "direct:sitoo-order";
    public static final String PRODUCTS = "direct:sitoo-products";
    public static final String WAREHOUSES = "direct:sitoo-warehouses";
    static final String CALL = "direct:sitoo-call";
    /** The bean name of the resilience4j circuit breaker the call route uses. */
    public static final String CIRCUIT_BREAKER = "sitooCircuitBreaker";

    private final SitooCallSteps steps;
    private final SitooRateLimit rateLimit;
    private final VendorCallMeter meter;

    public SitooGatewayRoutes(SitooCallSteps steps, SitooRateLimit rateLimit, VendorCallMeter meter) {
        this.steps = steps;
        this.rateLimit = rateLimit;
        this.meter = meter;
    }

    @Override
    public void configure() {
        // Failures go back to the caller as they are: the caller's error policy owns every retry.
        errorHandler(noErrorHandler());

        from(STOCK_INS).routeId("sitoo-stock-in").description("Sitoo stock-ins: post, read back, list")
                .to(CALL).id("stock-in-call");
        from(ORDERS).routeId("sitoo-order").description("Sitoo orders: post, find by externalid, list")
                .to(CALL).id("order-call");
        from(PRODUCTS).routeId("sitoo-products").description("Sitoo products: look up a SKU, page through the catalogue")
                .to(CALL).id("products-call");
        from(WAREHOUSES).routeId("sitoo-warehouses").description("Sitoo warehouses: the list the mappings are checked against")
                .to(CALL).id("warehouses-call");

        from(CALL).routeId("sitoo-call").description("The one way out to Sitoo: rate limit, circuit breaker, HTTP")
                .process(steps::prepare).id("sitoo-prepare")
                .process(rateLimit::enter).id("rate-limit-enter")
                .process(meter::queued).id("sitoo-rate-limit-queued")
                .doTry().id("sitoo-rate-limited")
                    .process(rateLimit::awaitTurn).id("rate-limit")
                .endDoTry()
                .doFinally()
                    .process(rateLimit::leave).id("rate-limit-leave")
                    .process(meter::throttled).id("sitoo-rate-limit-waited")
                .end()
                .circuitBreaker().id("circuit-breaker")
                    .resilience4jConfiguration().circuitBreaker(CIRCUIT_BREAKER).end()
                    .process(meter::sending).id("sitoo-call-timed")
                    .doTry().id("sitoo-http")
                        .toD("${exchangeProperty." + SitooCallSteps.URL + "}?throwExceptionOnFailure=false").id("sitoo-http-call")
                        .process(meter::answered).id("sitoo-call-answered")
                        .process(steps::readAnswer).id("sitoo-read-answer")
                    .doCatch(Exception.class)
                        .process(meter::unanswered).id("sitoo-call-unanswered")
                        .process(steps::noAnswer).id("sitoo-no-answer")
                    .end()
                    .process(steps::failIfUnavailable).id("fail-if-unavailable")
                .end()
                .filter(exchangeProperty(ExchangePropertyKey.CIRCUIT_BREAKER_RESPONSE_SHORT_CIRCUITED.getName()).isEqualTo(true))
                        .id("if-circuit-open")
                    .process(steps::circuitOpen).id("circuit-open")
                .end()
                .process(steps::failIfRefused).id("fail-if-refused")
                .doTry().id("sitoo-json")
                    .unmarshal().json(JsonNode.class).id("sitoo-read-json")
                .endDoTry()
                .doCatch(Exception.class)
                    .process(steps::notJson).id("sitoo-not-json")
                .end();
    }
}
