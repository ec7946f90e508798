package org.returnsbridge.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.returnsbridge.testsupport.ReturnJson.aReturn;
import static org.returnsbridge.testsupport.ReturnJson.newId;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.returnsbridge.exceptions.ExceptionRecord;
import org.returnsbridge.exceptions.ExceptionStatus;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * The exception queue on the page: records under their category, replay after the cause is fixed in Sitoo (the
 * sandbox) moves stock exactly once, ignore, unknown ids, and POSTs from another site refused.
 */
class ExceptionsPageTest extends OperationsPageTestBase {

    private static final String NEW_SKU = "99999-9";
    private static final String HOSTILE_SKU = "<img src=x onerror=alert(1)>\"'";
    private static final int STOCKHOLM = 1;

    @Test
    void anUnknownSkuShowsUnderItsCategoryAndAReplayAfterTheFixRestocksItExactlyOnce() {
        String item = newId();
        sandbox.putReturn(aReturn().sellable(item, NEW_SKU, 1).json());
        poll();
        ExceptionRecord record = exceptionsFor(item).get(0);

        Document page = page("/operations/exceptions?status=open");
        Element section = page.selectFirst("section.category[data-category=unknown_sku]");
        assertThat(section).as("the unknown_sku section").isNotNull();
        assertThat(section.selectFirst("h2 .count").text()).isEqualTo("1");
        Element row = section.selectFirst("tr[data-exception-id=" + record.id() + "]");
        assertThat(row.selectFirst("td.status").text()).isEqualTo("open");
        assertThat(row.selectFirst("td.key").text()).isEqualTo(item);
        assertThat(row.selectFirst("td.reason").text()).isEqualTo(record.reason()).contains(NEW_SKU);
        assertThat(row.select("button[data-action=replay]")).hasSize(1);
        assertThat(row.selectFirst("button[data-action=ignore]").attr("hx-confirm")).contains("Ignore exception " + record.id());
        assertThat(section.select("button[data-action=replay-category]")).hasSize(1);

        sandbox.createProduct(NEW_SKU, "x");
        ResponseEntity<String> replayed = postFromPage("/operations/exceptions/" + record.id() + "/replay", true);

        assertThat(replayed.getStatusCode().value()).isEqualTo(200);
        Document answer = Jsoup.parseBodyFragment("<table>" + replayed.getBody() + "</table>");
        assertThat(answer.selectFirst("tr[data-exception-id=" + record.id() + "] td.status").text()).isEqualTo("resolved");
        assertThat(answer.selectFirst("#action-result").attr("hx-swap-oob")).isEqualTo("true");
        assertThat(answer.selectFirst("#action-result").text()).startsWith("replayed 1: resolved");
        assertThat(sandbox.stock(STOCKHOLM, NEW_SKU)).isEqualByComparingTo("1");
        assertThat(sandbox.warehouseTransactions()).hasSize(1);

        postFromPage("/operations/exceptions/" + record.id() + "/replay", true);
        assertThat(sandbox.warehouseTransactions()).as("a second replay moves nothing").hasSize(1);
        assertThat(sandbox.stock(STOCKHOLM, NEW_SKU)).isEqualByComparingTo("1");
        assertThat(page("/operations/exceptions").select("section.category")).as("nothing open any more").isEmpty();
        assertThat(page("/operations/exceptions?status=resolved")
                .selectFirst("tr[data-exception-id=" + record.id() + "] td.status").text()).isEqualTo("resolved");
    }

    @Test
    void replayingACategoryWithoutHtmxAnswersThePageWithTheOutcome() {
        sandbox.putReturn(aReturn().sellable(newId(), NEW_SKU, 1).json());
        sandbox.putReturn(aReturn().sellable(newId(), NEW_SKU, 2).json());
        poll();
        sandbox.createProduct(NEW_SKU, "x");

        ResponseEntity<String> replayed = postFromPage("/operations/exceptions/replay?category=unknown_sku", false);

        assertThat(replayed.getStatusCode().value()).isEqualTo(200);
        Document page = Jsoup.parse(replayed.getBody());
        assertThat(page.selectFirst("#action-result").text()).isEqualTo("replayed 2: 2 resolved, 0 still open (unknown_sku)");
        assertThat(page.select("section.category")).isEmpty();
        assertThat(sandbox.stock(STOCKHOLM, NEW_SKU)).isEqualByComparingTo("3");
        assertThat(sandbox.warehouseTransactions()).hasSize(2);
    }

    @Test
    void ignoringACategoryFromThePageIgnoresEveryOpenRecordOfItAndSaysHowMany() {
        String first = newId();
        String second = newId();
        sandbox.putReturn(aReturn().sellable(first, NEW_SKU, 1).json());
        sandbox.putReturn(aReturn().sellable(second, NEW_SKU, 2).json());
        poll();
        assertThat(page("/operations/exceptions").select("section.category[data-category=unknown_sku]"
                + " button[data-action=ignore-category][hx-confirm]")).as("asks first").hasSize(1);

        ResponseEntity<String> ignored = postFromPage("/operations/exceptions/ignore?category=unknown_sku", false);

        assertThat(ignored.getStatusCode().value()).isEqualTo(200);
        Document page = Jsoup.parse(ignored.getBody());
        assertThat(page.selectFirst("#action-result").text()).startsWith("ignored 2 (unknown_sku)");
        assertThat(page.select("section.category[data-category=unknown_sku]")).isEmpty();
        assertThat(exceptionsFor(first).get(0).status()).isEqualTo(ExceptionStatus.IGNORED);
        assertThat(exceptionsFor(second).get(0).status()).isEqualTo(ExceptionStatus.IGNORED);
        assertThat(sandbox.warehouseTransactions()).isEmpty();
    }

    @Test
    void ignoreMarksTheRecordIgnoredInPlaceAndItStaysListedUnderIgnored() {
        String item = newId();
        sandbox.putReturn(aReturn().sellable(item, NEW_SKU, 1).json());
        poll();
        long id = exceptionsFor(item).get(0).id();

        ResponseEntity<String> ignored = postFromPage("/operations/exceptions/" + id + "/ignore", true);

        Document answer = Jsoup.parseBodyFragment("<table>" + ignored.getBody() + "</table>");
        assertThat(answer.selectFirst("tr[data-exception-id=" + id + "] td.status").text()).isEqualTo("ignored");
        assertThat(answer.select("tr[data-exception-id=" + id + "] button[data-action=ignore]")).isEmpty();
        assertThat(answer.selectFirst("#action-result").text()).startsWith("ignored 1");
        assertThat(exceptions.find(id).orElseThrow().status()).isEqualTo(ExceptionStatus.IGNORED);
        assertThat(page("/operations/exceptions?status=ignored")
                .selectFirst("section.category[data-category=unknown_sku] tr[data-exception-id=" + id + "] td.status").text())
                .isEqualTo("ignored");
        assertThat(sandbox.warehouseTransactions()).isEmpty();
    }

    @Test
    void anUnknownIdIsAClearMessageNotAStackTrace() {
        ResponseEntity<String> plain = postFromPage("/operations/exceptions/987654/replay", false);
        assertThat(plain.getStatusCode().value()).isEqualTo(404);
        assertThat(Jsoup.parse(plain.getBody()).selectFirst("#action-result").text()).isEqualTo("no exception record 987654");

        ResponseEntity<String> htmx = postFromPage("/operations/exceptions/987654/ignore", true);
        assertThat(htmx.getStatusCode().value()).isEqualTo(200);
        assertThat(Jsoup.parseBodyFragment(htmx.getBody()).selectFirst("#action-result").text())
                .isEqualTo("no exception record 987654");

        ResponseEntity<String> notANumber = postFromPage("/operations/exceptions/abc/replay", false);
        assertThat(notANumber.getStatusCode().value()).isEqualTo(400);
        assertThat(Jsoup.parse(notANumber.getBody()).selectFirst("#message").text()).isEqualTo("id must be a number, got 'abc'");
        assertThat(notANumber.getBody()).doesNotContain("MismatchException").doesNotContain("at org.");
    }

    @Test
    void aPostFromAnotherSiteIsRefusedAndChangesNothing() {
        String item = newId();
        sandbox.putReturn(aReturn().sellable(item, NEW_SKU, 1).json());
        poll();
        long id = exceptionsFor(item).get(0).id();
        HttpHeaders crossSite = new HttpHeaders();
        crossSite.set("Sec-Fetch-Site", "cross-site");
        crossSite.set("Sec-Fetch-Mode", "navigate");
        crossSite.set("Origin", "https://evil.example");

        ResponseEntity<String> forged = asOperator().exchange("/operations/exceptions/" + id + "/ignore", HttpMethod.POST,
                new HttpEntity<>(null, crossSite), String.class);

        assertThat(forged.getStatusCode().value()).isEqualTo(403);
        assertThat(exceptions.find(id).orElseThrow().status()).isEqualTo(ExceptionStatus.OPEN);
    }

    @Test
    void aHostileSkuAndReasonAreShownAsTextNeverAsMarkup() {
        String item = newId();
        sandbox.putReturn(aReturn().sellable(item, HOSTILE_SKU, 1).json());
        poll();

        Document page = page("/operations/exceptions");

        Element row = page.selectFirst("tr[data-exception-id=" + exceptionsFor(item).get(0).id() + "]");
        assertThat(row.selectFirst("td.sku").text()).isEqualTo(HOSTILE_SKU);
        assertThat(row.selectFirst("td.reason").text()).contains(HOSTILE_SKU);
        assertThat(page.select("img")).as("the SKU's <img> is text").isEmpty();
        assertThat(page.select("[onerror]")).isEmpty();
    }
}
