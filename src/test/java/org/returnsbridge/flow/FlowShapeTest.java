package org.returnsbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.ToDefinition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.returnsbridge.testsupport.SandboxedBridgeTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The routes read as the flow in Hawtio's diagrams: every step a node (a bean bound to the body, an
 * enrich, a jdbc: step), none a processor hiding several steps behind the whole exchange.
 */
class FlowShapeTest extends SandboxedBridgeTest {

    @Autowired
    private CamelContext camelContext;

    /**
     * The placement has no step of its own (it had, {@code record-placement}: an UPDATE per line that the outcome's
     * statement then repeated); the outcome routes write it with the outcome.
     */
    @Test
    void aLineIsOpenedDecidedPlacedByTwoEnrichesThenHandedToTheIntegratorsRoute() {
        assertThat(nodes("return-line")).containsSubsequence("bean[open]", "filter", "bean[decide]",
                "enrich[direct:line-location]", "enrich[direct:line-sku]", "to[direct:line-by-condition]");
        assertThat(nodes("return-line")).doesNotContain("bean[recordPlacement]");
    }

    @Test
    void theSweepsPickTheirDueWorkWithAJdbcStepThenSplitIt() {
        assertThat(nodes("settle-unconfirmed")).containsSubsequence("to[jdbc:dataSource?useHeadersAsParameters=true]",
                "split", "bean[settle]", "bean[report]");
        assertThat(nodes("replay-due")).containsSubsequence("bean[reopenInterruptedReplays]",
                "to[jdbc:dataSource?useHeadersAsParameters=true]", "split", "bean[replay]", "bean[report]");
    }

    /** The ids Hawtio's boxes show, and that docs/operations.md and the diagrams in docs/images rely on. */
    @Test
    void theStepsOfTheFlowCarryIdsThatSayWhatTheyDo() {
        assertThat(ids("reveni-poll")).containsSubsequence("drop-trigger-headers", "begin-poll", "page-by-page", "fetch-page", "split-returns",
                "each-return", "save-checkpoint", "finish-poll");
        assertThat(ids("return")).containsSubsequence("parse-return", "state-digest", "state-acted-on", "new-state",
                "split-lines", "each-line", "refunds-and-exchanges", "return-done");
        assertThat(ids("return-line")).containsSubsequence("open-line", "still-open", "decide", "enrich-location",
                "enrich-sku", "by-condition");
        assertThat(ids("line-location")).containsExactly("mapped-warehouse");
        assertThat(ids("line-by-condition")).containsSubsequence("choose-outcome", "to-restock", "to-record-not-restocked",
                "to-hold");
        assertThat(ids("restock")).containsExactly("restock-line");
        assertThat(ids("hold")).containsExactly("hold-line");
        assertThat(ids("record-not-restocked")).containsExactly("record-not-restocked-line");
        assertThat(ids("settle-unconfirmed")).containsSubsequence("select-unconfirmed-due", "each-unconfirmed",
                "settle-line", "settle-report");
        assertThat(ids("replay-due")).containsSubsequence("reopen-interrupted", "select-exceptions-due", "each-exception",
                "replay-exception", "replay-report");
        assertThat(ids("sitoo-call")).containsSubsequence("rate-limit", "circuit-breaker", "sitoo-http-call",
                "sitoo-read-json");
        assertThat(ids("reveni-call")).containsSubsequence("reveni-http-call", "reveni-status", "reveni-read-json");
    }

    /** The SKU lookup: the catalog's cache as a choice, Sitoo asked only on a miss, its answer remembered. */
    @Test
    void theSkuLookupAsksSitooOnlyWhenTheProductIsNotCached() {
        // A choice lists its branches' steps as its own (cached: setBody; otherwise: keep the line, ask, remember).
        assertThat(nodes("line-sku")).containsExactly("filter", "setVariable", "bean[awaitCatalogue]", "choice", "setBody",
                "setVariable", "bean[askSitoo]", "bean[knownSku]");
        assertThat(ids("line-sku")).containsExactly("restocked-only", "mapped-sku", "warm-catalogue", "product-cached",
                "cached-sku", "keep-line", "ask-sitoo-products", "remember-product");
    }

    @Test
    void everyFlowStepHasAnIdOfItsOwn() {
        for (String routeId : List.of("reveni-poll", "return", "return-line", "line-location", "line-sku", "restock",
                "hold", "record-not-restocked", "line-failed", "return-sales", "sales-record", "settle-unconfirmed",
                "replay-due", "line-by-condition")) {
            List<ProcessorDefinition<?>> steps = new ArrayList<>();
            collectDefinitions(route(routeId).getOutputs(), steps);
            assertThat(steps).as(routeId).allMatch(step -> step.hasCustomIdAssigned() || isBranch(step),
                    "has an id naming the step");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"reveni-poll", "return", "return-line", "line-location", "line-sku", "restock", "hold",
            "record-not-restocked", "line-failed", "return-sales", "sales-record", "settle-unconfirmed", "replay-due"})
    void noStepOfTheFlowIsAProcessorTakingTheWholeExchange(String routeId) {
        assertThat(nodes(routeId)).isNotEmpty().noneMatch(node -> node.startsWith("process"));
    }

    /** The route's nodes in order, nested ones included: kind[what it calls]. */
    private List<String> nodes(String routeId) {
        List<String> nodes = new ArrayList<>();
        collect(route(routeId).getOutputs(), nodes);
        return nodes;
    }

    /** The ids given to the route's nodes, in order, nested ones included. */
    private List<String> ids(String routeId) {
        List<ProcessorDefinition<?>> steps = new ArrayList<>();
        collectDefinitions(route(routeId).getOutputs(), steps);
        return steps.stream().filter(ProcessorDefinition::hasCustomIdAssigned).map(ProcessorDefinition::getId).toList();
    }

    private RouteDefinition route(String routeId) {
        RouteDefinition route = ((ModelCamelContext) camelContext).getRouteDefinition(routeId);
        assertThat(route).as("route " + routeId).isNotNull();
        return route;
    }

    /** The branches of a choice and the parts of an error handler are drawn inside their parent, not as steps. */
    private static boolean isBranch(ProcessorDefinition<?> node) {
        Object step = node;
        return step instanceof org.apache.camel.model.WhenDefinition
                || step instanceof org.apache.camel.model.OtherwiseDefinition
                || step instanceof org.apache.camel.model.OnExceptionDefinition;
    }

    private static void collectDefinitions(List<ProcessorDefinition<?>> outputs, List<ProcessorDefinition<?>> into) {
        for (ProcessorDefinition<?> node : outputs) {
            into.add(node);
            collectDefinitions(node.getOutputs(), into);
        }
    }

    private static void collect(List<ProcessorDefinition<?>> outputs, List<String> nodes) {
        for (ProcessorDefinition<?> node : outputs) {
            nodes.add(describe(node));
            collect(node.getOutputs(), nodes);
        }
    }

    private static String describe(ProcessorDefinition<?> node) {
        if (node instanceof ToDefinition to) {
            return "to[" + to.getUri() + "]";
        } else if (node instanceof org.apache.camel.model.BeanDefinition bean) {
            return "bean[" + bean.getMethod() + "]";
        } else if (node instanceof org.apache.camel.model.EnrichDefinition enrich) {
            return "enrich[" + enrich.getExpression().getExpression() + "]";
        }
        return node.getShortName();
    }
}
