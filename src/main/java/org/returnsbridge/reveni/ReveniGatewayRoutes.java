package org.returnsbridge.reveni;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.builder.RouteBuilder;
import org.returnsbridge.support.VendorCallMeter;

/**
 * Every Reveni call is a route, so Hawtio shows them: the returns (pages and single returns) and the
 * webhook registration, both through {@code reveni-call}: the request becomes camel-http headers (every
 * inbound header dropped), {@code toD} on camel-http with statuses returned rather than thrown, the
 * answer read within BRIDGE_MAX_PAGE_BYTES, the status judged, and camel-jackson reads the JSON.
 *
 * <p>Reveni has no rate limit or circuit here: the poll reads one page at a time and a failed poll simply
 * keeps its checkpoint. Nothing here retries (docs/retries.md).
 */
public class ReveniGatewayRoutes extends RouteBuilder {

    public static final String RETURNS = "direct:reveni-returns";
    public static final String WEBHOOKS = "direct:reveni-webhooks";
    static final String CALL = "direct:reveni-call";

    private final ReveniCallSteps steps;
    private final VendorCallMeter meter;

    public ReveniGatewayRoutes(ReveniCallSteps steps, VendorCallMeter meter) {
        this.steps = steps;
        this.meter = meter;
    }

    @Override
    public void configure() {
        // Failures go back to the caller as they are: the caller decides what a failed read means.
        errorHandler(noErrorHandler());

        from(RETURNS).routeId("reveni-returns").description("Reveni returns: a page of the list, or one return")
                .to(CALL).id("returns-call");
        from(WEBHOOKS).routeId("reveni-webhooks").description("Reveni webhooks: register the bridge's endpoint")
                .to(CALL).id("webhooks-call");

        from(CALL).routeId("reveni-call").description("The one way out to Reveni: HTTP, status, JSON")
                .process(steps::prepare).id("reveni-prepare")
                .process(meter::sending).id("reveni-call-timed")
                .doTry().id("reveni-http")
                    .toD("${exchangeProperty." + ReveniCallSteps.URL + "}?throwExceptionOnFailure=false").id("reveni-http-call")
                    .process(meter::answered).id("reveni-call-answered")
                    .process(steps::readAnswer).id("reveni-read-answer")
                .doCatch(Exception.class)
                    .process(meter::unanswered).id("reveni-call-unanswered")
                    .process(steps::noAnswer).id("reveni-no-answer")
                .end()
                .choice().id("reveni-status")
                    .when(steps::isNotFound)
                        .process(steps::notFound).id("reveni-not-found")
                    .otherwise()
                        .process(steps::failUnlessSuccess).id("fail-unless-success")
                        .doTry().id("reveni-json")
                            .unmarshal().json(JsonNode.class).id("reveni-read-json")
                        .endDoTry()
                        .doCatch(Exception.class)
                            .process(steps::notJson).id("reveni-not-json")
                        .end()
                .end();
    }
}
