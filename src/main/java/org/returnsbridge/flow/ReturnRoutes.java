package org.returnsbridge.flow;

import org.apache.camel.builder.RouteBuilder;
import org.returnsbridge.exceptions.FailedWork;
import org.returnsbridge.failure.BridgeErrorPolicy;
import org.returnsbridge.mapping.MappingRegistry;
import org.returnsbridge.sales.SalesRoutes;
import org.returnsbridge.support.LogContext;
import org.springframework.stereotype.Component;

/**
 * The return flow, Java half: a return (polled or from a webhook; a state already acted on, with nothing of it
 * left open, stops here) → its lines → each line opened in the ledger → decided → placed in Sitoo (two
 * {@code enrich} lookups: warehouse, product) → handed to {@code direct:line-by-condition}
 * (routes/line-by-condition.yaml, the integrators' half), which sends it to restock, hold or record-not-restocked
 * below; each of those writes the line's outcome and its placement in one ledger statement. Every step is a plain
 * bean method bound to the line.
 */
@Component
public class ReturnRoutes extends RouteBuilder {

    public static final String RETURN = "direct:return";
    public static final String RETURN_LINE = "direct:return-line";
    static final String LOCATION_LOOKUP = "direct:line-location";
    static final String SKU_LOOKUP = "direct:line-sku";
    /** Lines in flight across all returns being processed (poll workers and webhook workers together). */
    private static final int LINE_WORKERS = 16;

    private final ReturnsPoller poller;
    private final LineSteps lines;
    private final LinePlacement placement;
    private final FailureRecorder failures;
    /** Names the unit of work each route begins, for the exception route to file a failure against. */
    private final UnitsOfWork units;

    public ReturnRoutes(ReturnsPoller poller, LineSteps lines, LinePlacement placement, FailureRecorder failures,
                        MappingRegistry mappings) {
        this.poller = poller;
        this.lines = lines;
        this.placement = placement;
        this.failures = failures;
        this.units = new UnitsOfWork(mappings);
    }

    @Override
    public void configure() {
        from(RETURN)
                .routeId("return")
                .routeConfigurationId(BridgeErrorPolicy.ID)
                .setProperty(FailedWork.PROPERTY, method(units, "ofReturn")).id("return-unit-of-work")
                .bean(poller, "parse").id("parse-return")
                .setProperty(LogContext.RETURN_ID, simple("${body.id()}")).id("return-log-id")
                // A state already acted on, with nothing left open, is not acted on again (the poll's overlap).
                .setProperty(ReturnsPoller.STATE_DIGEST, simple("${body.stateDigest()}")).id("state-digest")
                .setProperty(ReturnsPoller.ACTED_ON, method(poller, "actedOn")).id("state-acted-on")
                .filter(exchangeProperty(ReturnsPoller.ACTED_ON).isEqualTo(false)).id("new-state")
                    .setProperty(ReturnPass.PROPERTY, method(ReturnPass.class, "begin")).id("begin-pass")
                    // A return's lines at once: each is independent in the ledger, and in immediate mode their
                    // stock-ins then share one Sitoo request instead of waiting for a request each in turn.
                    .split(method(ReturnLines.class, "of")).parallelProcessing()
                            .executorService(getCamelContext().getExecutorServiceManager()
                                    .newFixedThreadPool(this, "return-line-worker", LINE_WORKERS)).id("split-lines")
                        .to(RETURN_LINE).id("each-line")
                    .end()
                    .to(SalesRoutes.RETURN_SALES).id("refunds-and-exchanges") // into Sitoo's sales ledger
                .end()
                .bean(poller, "returnDone").id("return-done");

        from(RETURN_LINE)
                .routeId("return-line")
                .routeConfigurationId(BridgeErrorPolicy.ID)
                // Set here, not by the split: a replay sends a single line straight to this route.
                .setProperty(LogContext.RETURN_ID, simple("${body.returnId()}")).id("line-log-return-id")
                .setProperty(LogContext.ITEM_ID, simple("${body.itemRef()}")).id("line-log-item-id")
                .setProperty(FailedWork.PROPERTY, method(units, "ofLine")).id("line-unit-of-work")
                .bean(lines, "open").id("open-line")
                .filter(method(lines, "isStillOpen")).id("still-open")
                    .bean(lines, "decide").id("decide")
                    .setProperty(LineSteps.DECISION, simple("${body.decision().name()}")).id("decision")
                    .setProperty(LineSteps.DECISION_REASON, simple("${body.decisionReason()}")).id("decision-reason")
                    .enrich(LOCATION_LOOKUP, LookupOntoLine.location()).id("enrich-location")
                    .enrich(SKU_LOOKUP, LookupOntoLine.sitooSku()).id("enrich-sku")
                    // No step of its own writes the placement: each outcome's statement carries it (one write per line).
                    .to("direct:line-by-condition").id("by-condition")
                .end();

        // The lookups answer or throw; they have no error handler of their own, so a failure is the enrich's
        // in the line route, redelivered or filed there by the line's error policy like any other step's.
        from(LOCATION_LOOKUP)
                .routeId("line-location")
                .errorHandler(noErrorHandler())
                .bean(placement, "location").id("mapped-warehouse");
        // The product only for a line to be restocked: the catalog's cache answers most lines, and a miss asks
        // Sitoo (the sitoo-products gateway) and remembers what it answered. On a cold cache a miss first waits,
        // bounded, for the catalogue warm-up to reach its SKU (pages of the catalogue, not a call per SKU).
        from(SKU_LOOKUP)
                .routeId("line-sku")
                .errorHandler(noErrorHandler())
                .filter(method(placement, "isRestocked")).id("restocked-only")
                    .setVariable(LinePlacement.SITOO_SKU, method(placement, "mappedSku")).id("mapped-sku")
                    .bean(placement, "awaitCatalogue").id("warm-catalogue")
                    .choice().id("product-cached")
                        .when(method(placement, "isKnown"))
                            .setBody(variable(LinePlacement.SITOO_SKU)).id("cached-sku")
                        .otherwise()
                            .setVariable(LinePlacement.LINE, body()).id("keep-line")
                            .bean(placement, "askSitoo").id("ask-sitoo-products")
                            .bean(placement, "knownSku").id("remember-product")
                    .end()
                .end();

        // The three outcomes the YAML route chooses between. Each carries the error policy itself: a
        // failure handled by a sub-route's default handler would reach the caller as "exhausted" and
        // bypass the caller's policy, escaping the line.
        from("direct:restock").routeId("restock").routeConfigurationId(BridgeErrorPolicy.ID)
                .bean(lines, "restock").id("restock-line");
        from("direct:hold").routeId("hold").routeConfigurationId(BridgeErrorPolicy.ID)
                .bean(lines, "hold").id("hold-line");
        from("direct:record-not-restocked").routeId("record-not-restocked").routeConfigurationId(BridgeErrorPolicy.ID)
                .bean(lines, "recordNotRestocked").id("record-not-restocked-line");

        // The dead-letter channel of the error policy ends here: the unit of work goes into the exception queue.
        from(BridgeErrorPolicy.EXCEPTION_ROUTE)
                .routeId("line-failed")
                .bean(failures, "record").id("file-exception");
    }
}
