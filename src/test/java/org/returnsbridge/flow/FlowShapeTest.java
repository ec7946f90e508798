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

    @Test
    void aLineIsOpenedDecidedPlacedByTwoEnrichesThenHandedToTheIntegratorsRoute() {
        assertThat(nodes("return-line")).containsSubsequence("bean[open]", "filter", "bean[decide]",
                "enrich[direct:line-location]", "enrich[direct:line-sku]", "bean[recordPlacement]",
                "to[direct:line-by-condition]");
    }

    @Test
    void theSweepsPickTheirDueWorkWithAJdbcStepThenSplitIt() {
        assertThat(nodes("settle-unconfirmed")).containsSubsequence("to[jdbc:dataSource?useHeadersAsParameters=true]",
                "split", "bean[settle]", "bean[report]");
        assertThat(nodes("replay-due")).containsSubsequence("bean[reopenInterruptedReplays]",
                "to[jdbc:dataSource?useHeadersAsParameters=true]", "split", "bean[replay]", "bean[report]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"reveni-poll", "return", "return-line", "line-location", "line-sku", "restock", "hold",
            "record-not-restocked", "line-failed", "return-sales", "sales-record", "settle-unconfirmed", "replay-due"})
    void noStepOfTheFlowIsAProcessorTakingTheWholeExchange(String routeId) {
        assertThat(nodes(routeId)).isNotEmpty().noneMatch(node -> node.startsWith("process"));
    }

    /** The route's nodes in order, nested ones included: kind[what it calls]. */
    private List<String> nodes(String routeId) {
        RouteDefinition route = ((ModelCamelContext) camelContext).getRouteDefinition(routeId);
        assertThat(route).as("route " + routeId).isNotNull();
        List<String> nodes = new ArrayList<>();
        collect(route.getOutputs(), nodes);
        return nodes;
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
