package org.returnsbridge.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.returnsbridge.testsupport.ReturnJson.aReturn;
import static org.returnsbridge.testsupport.ReturnJson.newId;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.returnsbridge.testsupport.ReturnJson;
import org.springframework.http.ResponseEntity;

/** The returns list: every return polled from the sandbox in its transition state with its age; filters; sign-in. */
class ReturnsPageTest extends OperationsPageTestBase {

    private static final String SCARF = "10038-1";

    @Test
    void aProcessedReturnIsListedInItsStateWithItsAge() {
        String item = newId();
        ReturnJson restocked = aReturn().location("store-goteborg-01").sellable(item, SCARF, 1);
        sandbox.putReturn(restocked.json());
        poll();

        Document page = page("/operations/returns");

        Element row = page.selectFirst("table#returns tr[data-return-id=" + restocked.id() + "]");
        assertThat(row).as("the return's row").isNotNull();
        assertThat(row.selectFirst("td.state").text()).as("restocked, no refund recorded yet").isEqualTo("restocked_not_refunded");
        long seconds = Long.parseLong(row.selectFirst("td.age").attr("data-seconds"));
        assertThat(seconds).isBetween(0L, 120L);
        assertThat(row.selectFirst("td.age").text()).endsWith(" s").isEqualTo(HumanDuration.of(seconds));
        assertThat(row.selectFirst("a.timeline").attr("href")).isEqualTo("/operations/returns/" + restocked.id());
        assertThat(page.selectFirst("#state-counts [data-state=restocked_not_refunded] .count").text()).isEqualTo("1");
        assertThat(page.selectFirst("#state-counts [data-state=closed] .count").text()).isEqualTo("0");
        assertThat(page.select("#operations-nav a[data-nav]").eachAttr("data-nav"))
                .containsExactly("returns", "exceptions", "reconciliation", "status");
        assertThat(page.select("form#return-search select[name=state] option").eachAttr("value"))
                .containsExactly("", "exception", "refunded_not_restocked", "awaiting_goods", "awaiting_inspection",
                        "restocked_not_refunded", "closed");
    }

    @Test
    void filtersByStateAndByIdPrefix() {
        String refundedItem = newId();
        ReturnJson closed = aReturn().location("store-goteborg-01").sellable(refundedItem, SCARF, 1)
                .refund(newId(), "succeeded", "49.9500", refundedItem, "49.9500");
        ReturnJson unknownSku = aReturn().sellable(newId(), "99999-9", 1);
        sandbox.putReturn(closed.json());
        sandbox.putReturn(unknownSku.json());
        poll();

        Document exceptions = page("/operations/returns?state=exception");
        assertThat(exceptions.select("table#returns tr[data-return-id]").eachAttr("data-return-id"))
                .containsExactly(unknownSku.id());
        assertThat(exceptions.selectFirst("select[name=state] option[selected]").val()).isEqualTo("exception");

        Document closedOnes = page("/operations/returns?state=closed");
        assertThat(closedOnes.select("table#returns tr[data-return-id]").eachAttr("data-return-id"))
                .containsExactly(closed.id());

        Document byPrefix = page("/operations/returns?q=" + closed.id().substring(0, 12));
        assertThat(byPrefix.select("table#returns tr[data-return-id]").eachAttr("data-return-id"))
                .containsExactly(closed.id());
        assertThat(byPrefix.selectFirst("input[name=q]").val()).isEqualTo(closed.id().substring(0, 12));

        Document exact = page("/operations/returns?q=" + unknownSku.id() + "&state=");
        assertThat(exact.select("table#returns tr[data-return-id]").eachAttr("data-return-id"))
                .containsExactly(unknownSku.id());

        Document wildcard = page("/operations/returns?q=%25");
        assertThat(wildcard.select("table#returns tr[data-return-id]")).as("%% is no wildcard").isEmpty();
    }

    @Test
    void anUnknownStateIsABadRequestPageThatSaysSo() {
        Document page = page("/operations/returns?state=%3Cscript%3Ebad", 400);

        assertThat(page.selectFirst("#message").text()).contains("unknown state '<script>bad'");
        assertThat(page.select("script:not([src])")).as("the value is text, never markup").isEmpty();
        assertThat(page.selectFirst("nav#operations-nav")).isNotNull();
    }

    @Test
    void theRootRedirectsToTheReturnsAndEveryAnswerCarriesThePagesDefences() {
        ResponseEntity<String> root = asOperator().getForEntity("/operations", String.class);
        // TestRestTemplate follows the redirect: the answer is the returns page.
        assertThat(root.getStatusCode().value()).isEqualTo(200);
        assertThat(org.jsoup.Jsoup.parse(root.getBody()).selectFirst("table#returns")).isNotNull();
        assertThat(page("/operations/").selectFirst("table#returns")).as("with the trailing slash too").isNotNull();

        ResponseEntity<String> page = asOperator().getForEntity("/operations/returns", String.class);
        String csp = page.getHeaders().getFirst("Content-Security-Policy");
        assertThat(csp).contains("script-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
        assertThat(page.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(org.jsoup.Jsoup.parse(page.getBody()).select("script:not([src])")).as("no inline script").isEmpty();
        assertThat(org.jsoup.Jsoup.parse(page.getBody()).select("[href*=@], [src*=@]")).as("no credentials in URLs").isEmpty();

        assertThat(asOperator().getForEntity("/operations/sign-in.js", String.class).getStatusCode().value()).isEqualTo(200);
        assertThat(asOperator().getForEntity("/webjars/htmx.org/2.0.4/dist/htmx.min.js", String.class)
                .getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void withoutCredentialsThePageAsksForThem() {
        ResponseEntity<String> anonymous = rest.getForEntity("/operations/returns", String.class);

        assertThat(anonymous.getStatusCode().value()).isEqualTo(401);
        assertThat(anonymous.getHeaders().getFirst("WWW-Authenticate")).startsWith("Basic");
        assertThat(rest.getForEntity("/operations/status", String.class).getStatusCode().value()).isEqualTo(401);
    }
}
