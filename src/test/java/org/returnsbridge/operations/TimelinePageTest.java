package org.returnsbridge.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.returnsbridge.testsupport.ReturnJson.aReturn;
import static org.returnsbridge.testsupport.ReturnJson.newId;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.returnsbridge.testsupport.ReturnJson;

/** One return's timeline, checked against what Sitoo (the sandbox) really holds. */
class TimelinePageTest extends OperationsPageTestBase {

    private static final String SCARF = "10038-1";
    private static final String HOSTILE_SKU = "<script>alert(\"sku\")</script>'&";

    @Test
    void showsLinesTheStockInAndReturnOrderSitooRecordedAndTransitionsInTimeOrder() {
        String item = newId();
        String damaged = newId();
        String refund = newId();
        ReturnJson ret = aReturn().location("store-goteborg-01").sellable(item, SCARF, 1)
                .item(damaged, SCARF, 1, "accepted", "damaged")
                .refund(refund, "succeeded", "49.9500", item, "49.9500");
        sandbox.putReturn(ret.json());
        poll();

        Document page = page("/operations/returns/" + ret.id());

        assertThat(page.selectFirst("h1").text()).isEqualTo(ret.id());
        assertThat(page.selectFirst("#return-state").text()).isEqualTo("closed");
        Element restocked = page.selectFirst("table#lines tr[data-item-id=" + item + "]");
        assertThat(restocked.selectFirst("td.sku").text()).isEqualTo(SCARF);
        assertThat(restocked.selectFirst("td.quantity").text()).isEqualTo("1");
        assertThat(restocked.selectFirst("td.outcome").text()).isEqualTo("restocked");
        assertThat(restocked.selectFirst("td.warehouse").text()).isEqualTo("2");
        assertThat(page.selectFirst("table#lines tr[data-item-id=" + damaged + "] td.outcome").text()).isEqualTo("not_restocked");

        JsonNode transaction = sandbox.warehouseTransactions().get(0);
        Element stockIn = page.selectFirst("#stock-ins [data-stock-in]");
        assertThat(page.select("#stock-ins [data-stock-in]")).as("only the sellable line is stocked in").hasSize(1);
        assertThat(stockIn.attr("data-stock-in")).isEqualTo(transaction.path("externalid").asText()).isEqualTo("rv-" + item);
        assertThat(stockIn.selectFirst(".transaction-id").text()).isEqualTo(transaction.path("warehousetransactionid").asText());

        JsonNode order = sandbox.orders().get(0);
        Element shownOrder = page.selectFirst("#orders [data-order]");
        assertThat(page.select("#orders [data-order]")).hasSize(1);
        assertThat(shownOrder.selectFirst(".order-id").text()).isEqualTo(order.path("orderid").asText());
        assertThat(shownOrder.selectFirst(".external-id").text()).isEqualTo("rf-" + refund);

        List<Element> transitions = page.select("ol#transitions li[data-at]");
        List<Instant> times = transitions.stream().map(li -> Instant.parse(li.attr("data-at"))).toList();
        assertThat(times).isSorted().hasSizeGreaterThanOrEqualTo(5);
        assertThat(transitions.get(0).text()).contains("seen");
        assertThat(page.select("ol#transitions li").eachText())
                .anySatisfy(t -> assertThat(t).contains("restocked").contains("Sitoo transaction "
                        + transaction.path("warehousetransactionid").asText()))
                .anySatisfy(t -> assertThat(t).contains("recorded as Sitoo return order " + order.path("orderid").asText()))
                .anySatisfy(t -> assertThat(t).contains(damaged).contains("not restocked"));
    }

    @Test
    void anExceptionAndItsReasonShowOnTheTimelineEscaped() {
        String item = newId();
        ReturnJson ret = aReturn().sellable(item, HOSTILE_SKU, 1);
        sandbox.putReturn(ret.json());
        poll();

        Document page = page("/operations/returns/" + ret.id());

        assertThat(page.selectFirst("#return-state").text()).isEqualTo("exception");
        assertThat(page.selectFirst("table#lines tr[data-item-id=" + item + "] td.sku").text()).isEqualTo(HOSTILE_SKU);
        assertThat(page.select("ol#transitions li").eachText())
                .anySatisfy(t -> assertThat(t).contains("[unknown_sku]").contains("filed"));

        long id = exceptionsFor(item).get(0).id();
        assertThat(postFromPage("/operations/exceptions/" + id + "/ignore", false).getStatusCode().value()).isEqualTo(200);
        List<org.jsoup.nodes.Element> after = page("/operations/returns/" + ret.id()).select("ol#transitions li[data-at]");
        assertThat(after.get(after.size() - 1).text()).as("the ignore, with its time, last")
                .contains("exception #" + id).contains("ignored by a person");
        assertThat(after.stream().map(li -> Instant.parse(li.attr("data-at"))).toList()).isSorted();
        assertThat(page.select("script")).as("only the page's own scripts").allSatisfy(s ->
                assertThat(s.attr("src")).startsWith("/"));
        assertThat(page.html()).doesNotContain("<script>alert");
    }

    @Test
    void anUnknownReturnIsANotFoundPageWithTheNavBar() {
        Document page = page("/operations/returns/no-such-return", 404);

        assertThat(page.selectFirst("#message").text()).contains("no return no-such-return");
        assertThat(page.selectFirst("nav#operations-nav a[data-nav=returns]")).isNotNull();
    }
}
