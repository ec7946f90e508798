package org.returnsbridge.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.returnsbridge.testsupport.ReturnJson.aReturn;
import static org.returnsbridge.testsupport.ReturnJson.newId;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.returnsbridge.ledger.LineState;
import org.returnsbridge.reconciliation.Finding;
import org.returnsbridge.sitoo.SitooClient;
import org.returnsbridge.sitoo.StockIn;
import org.returnsbridge.testsupport.Browser;
import org.returnsbridge.testsupport.ReturnJson;
import org.returnsbridge.testsupport.SandboxedBridgeTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;

/**
 * The operations page as a store or finance person uses it, in a real (headless) Chromium against the whole bridge
 * in sandbox mode: sign in, find a return, read its timeline, see an exception, fix its cause in Sitoo, replay it
 * from the page and see the stock move exactly once; ignore another (after a confirmation); and the page agrees
 * with the JSON API. Each step waits on what the page shows, then checks the state behind it (the sandbox's Sitoo,
 * the ledger, the REST API).
 *
 * <p>In-JVM ({@link SandboxedBridgeTest}) rather than an IT against the packaged jar: the page needs nothing a
 * separate process gives, and the shared context makes it cheap; the test drives polls and sweeps itself, so
 * nothing in the page moves by a schedule while the browser looks at it. One Chromium serves every step.
 *
 * <p>With {@code -Dscreenshots.dir=docs/images} it redraws the documentation's pictures of the page
 * (docs/developing.md, "Screenshots of the operations page"); by default they go to target/browser/screenshots/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperationsPageBrowserTest extends SandboxedBridgeTest {

    private static final String SCARF = "10038-1";
    private static final String SCARF_NAVY = "10038-2";
    private static final String NEW_SKU = "20417-3";
    private static final String UNMAPPED_LOCATION = "store-malmo-07";
    private static final int STOCKHOLM = 1;

    @RegisterExtension
    static final Browser browser = new Browser();

    @LocalServerPort
    private int port;
    @Autowired
    private SitooClient sitoo;

    @Test
    @Order(1)
    void signInFindAReturnByIdAndReadItsTimelineWithItsStockInsAndReturnOrder() {
        String scarf = newId();
        String navy = newId();
        String damaged = newId();
        String navyRefund = newId();
        ReturnJson wanted = aReturn().sellable(scarf, SCARF, 2).sellable(navy, SCARF_NAVY, 1)
                .item(damaged, SCARF, 1, "accepted", "damaged")
                .refund(navyRefund, "succeeded", "49.9500", navy, "49.9500");
        sandbox.putReturn(wanted.json());
        sandbox.putReturn(aReturn().sellable(newId(), SCARF, 1).json());
        String refunded = newId();
        sandbox.putReturn(aReturn().sellable(refunded, SCARF_NAVY, 1)
                .refund(newId(), "succeeded", "49.9500", refunded, "49.9500").json());
        poll();

        browser.signIn(URI.create("http://127.0.0.1:" + port), OPERATOR, OPERATOR_PASSWORD, "/operations/",
                By.id("operations-nav"));
        assertThat(browser.documentUrl()).as("/operations/ opens the returns list, without the credentials")
                .isEqualTo("http://127.0.0.1:" + port + "/operations/returns");
        assertThat(browser.findAll(By.cssSelector("table#returns tr[data-return-id]"))).hasSize(3);

        search(wanted.id().substring(0, 10));

        List<WebElement> rows = browser.findAll(By.cssSelector("table#returns tr[data-return-id]"));
        assertThat(rows).extracting(row -> row.getAttribute("data-return-id")).containsExactly(wanted.id());
        WebElement row = rows.get(0);
        assertThat(row.findElement(By.cssSelector("td.state")).getText()).isEqualTo("restocked_not_refunded");
        assertThat(Long.parseLong(row.findElement(By.cssSelector("td.age")).getAttribute("data-seconds")))
                .isBetween(0L, 600L);

        row.findElement(By.cssSelector("a.timeline")).click();
        browser.awaitText(By.tagName("h1"), wanted.id());
        assertThat(browser.find(By.id("return-state")).getText()).isEqualTo("restocked_not_refunded");
        assertLine(scarf, SCARF, "2", "restocked");
        assertLine(navy, SCARF_NAVY, "1", "restocked");
        assertLine(damaged, SCARF, "1", "not_restocked");
        assertThat(line(scarf).state()).isEqualTo(LineState.RESTOCKED);

        // Each restocked line's Sitoo stock-in is listed with its externalid and Sitoo's transaction id.
        for (String item : List.of(scarf, navy)) {
            JsonNode stockIn = onlyStockInFor("rv-" + item);
            String shown = stockInShowing("rv-" + item).getText();
            assertThat(shown).contains(stockIn.path("warehousetransactionid").asText());
        }
        assertThat(browser.findAll(By.cssSelector("#stock-ins [data-stock-in]"))).hasSize(2);

        // The refund is listed as the Sitoo return order that records it.
        JsonNode order = onlyOrderFor("rf-" + navyRefund);
        List<WebElement> orders = browser.findAll(By.cssSelector("#orders [data-order]"));
        assertThat(orders).hasSize(1);
        assertThat(orders.get(0).getText()).contains(navyRefund, order.path("orderid").asText());

        List<Instant> transitions = new ArrayList<>();
        browser.findAll(By.cssSelector("ol#transitions li[data-at]"))
                .forEach(li -> transitions.add(Instant.parse(li.getAttribute("data-at"))));
        assertThat(transitions).as("what happened, oldest first").hasSizeGreaterThanOrEqualTo(3).isSorted();
        browser.screenshot("operations-timeline");
    }

    @Test
    @Order(2)
    void anUnknownSkuIsQueuedThenReplayedFromThePageOnceSitooKnowsItAndTheStockMovesOnce() {
        String item = newId();
        ReturnJson unknownSku = aReturn().sellable(item, NEW_SKU, 1);
        sandbox.putReturn(unknownSku.json());
        sandbox.putReturn(aReturn().location(UNMAPPED_LOCATION).sellable(newId(), SCARF, 1).json());
        poll();
        long id = openExceptionId(item, "UNKNOWN_SKU");

        openAsOperator("/operations/exceptions?status=open");
        WebElement section = browser.await(By.cssSelector("section.category[data-category=unknown_sku]"));
        browser.await(By.cssSelector("section.category[data-category=unmapped_location]"));
        WebElement row = section.findElement(exceptionRow(id));
        assertThat(row.findElement(By.cssSelector("td.status")).getText()).isEqualTo("open");
        assertThat(row.findElement(By.cssSelector("td.key")).getText()).contains(item);
        assertThat(row.findElement(By.cssSelector("td.reason")).getText()).isNotBlank();
        browser.screenshot("operations-exceptions");

        // The cause is fixed where it lies: the product is created in Sitoo. Then the operator presses replay.
        sandbox.createProduct(NEW_SKU, "Linen shirt white");
        browser.markDocument();
        row.findElement(By.cssSelector("button[data-action=replay]")).click();

        browser.awaitTextContaining(By.id("action-result"), "replayed 1: resolved");
        browser.awaitText(By.cssSelector("tr[data-exception-id='" + id + "'] td.status"), "resolved");
        assertThat(browser.documentMarked()).as("the row was updated in place, the page not reloaded").isTrue();
        assertThat(sandbox.stock(STOCKHOLM, NEW_SKU)).isEqualByComparingTo("1");
        assertThat(stockInsOf(NEW_SKU)).as("exactly one stock-in moved the new product")
                .singleElement().satisfies(t -> assertThat(t.path("externalid").asText()).isEqualTo("rv-" + item));
        assertThat(line(item).state()).isEqualTo(LineState.RESTOCKED);
        assertThat(exceptionStatus(id)).isEqualTo("RESOLVED");

        // The return's timeline now shows the line restocked, with the stock-in that carries it.
        openAsOperator("/operations/returns/" + unknownSku.id());
        browser.awaitText(By.tagName("h1"), unknownSku.id());
        assertLine(item, NEW_SKU, "1", "restocked");
        assertThat(stockInShowing("rv-" + item).getText())
                .contains(onlyStockInFor("rv-" + item).path("warehousetransactionid").asText());

        // Resolved, it has left the open list.
        openAsOperator("/operations/exceptions?status=open");
        browser.awaitGone(exceptionRow(id));
        assertThat(stockInsOf(NEW_SKU)).hasSize(1);
    }

    @Test
    @Order(3)
    void ignoringAnExceptionAsksFirstAndThenLeavesItIgnoredWithNothingMoved() {
        String item = newId();
        ReturnJson unmapped = aReturn().location(UNMAPPED_LOCATION).sellable(item, SCARF, 1);
        sandbox.putReturn(unmapped.json());
        poll();
        long id = openExceptionId(item, "UNMAPPED_LOCATION");
        openAsOperator("/operations/exceptions?status=open");
        By ignore = By.cssSelector("tr[data-exception-id='" + id + "'] button[data-action=ignore]");

        browser.await(ignore).click();
        assertThat(browser.cancel()).as("the question the page asks names the record").contains(Long.toString(id));
        assertThat(browser.find(By.cssSelector("tr[data-exception-id='" + id + "'] td.status")).getText())
                .isEqualTo("open");
        assertThat(exceptionStatus(id)).as("cancelled: nothing changed").isEqualTo("OPEN");

        browser.await(ignore).click();
        browser.confirm();

        browser.awaitText(By.cssSelector("tr[data-exception-id='" + id + "'] td.status"), "ignored");
        assertThat(browser.find(By.id("action-result")).getText()).startsWith("ignored 1: exception " + id);
        assertThat(exceptionStatus(id)).isEqualTo("IGNORED");
        assertThat(sandbox.warehouseTransactions()).as("ignoring moves no stock").isEmpty();

        // The return's timeline places the ignore last, in time.
        openAsOperator("/operations/returns/" + unmapped.id());
        browser.awaitText(By.tagName("h1"), unmapped.id());
        List<WebElement> transitions = browser.findAll(By.cssSelector("ol#transitions li[data-at]"));
        assertThat(transitions.get(transitions.size() - 1).getText()).contains("ignored");
    }

    @Test
    @Order(4)
    void theCountsPerStateAndTheRowsMatchTheJsonApi() {
        String refunded = newId();
        sandbox.putReturn(aReturn().sellable(refunded, SCARF, 1)
                .refund(newId(), "succeeded", "49.9500", refunded, "49.9500").json());      // closed
        sandbox.putReturn(aReturn().sellable(newId(), SCARF, 1).json());                   // restocked, not refunded
        sandbox.putReturn(aReturn().sellable(newId(), SCARF_NAVY, 1).json());
        sandbox.putReturn(aReturn().sellable(newId(), NEW_SKU, 1).json());                 // exception
        sandbox.putReturn(aReturn().item(newId(), SCARF, 1, "accepted", null).json());      // awaiting inspection
        poll();

        openAsOperator("/operations/returns");
        browser.await(By.id("state-counts"));
        browser.screenshot("operations-returns");
        Map<String, Long> shown = new HashMap<>();
        for (WebElement count : browser.findAll(By.cssSelector("#state-counts [data-state]"))) {
            long n = Long.parseLong(count.findElement(By.cssSelector(".count")).getText().trim());
            if (n > 0) {
                shown.put(count.getAttribute("data-state"), n);
            }
        }
        JsonNode api = asOperator().getForEntity("/api/returns", JsonNode.class).getBody();
        Map<String, Long> served = StreamSupport.stream(api.path("returns").spliterator(), false)
                .collect(Collectors.groupingBy(r -> r.path("state").asText().toLowerCase(Locale.ROOT),
                        Collectors.counting()));

        assertThat(shown).isEqualTo(served).containsOnlyKeys("closed", "restocked_not_refunded", "exception",
                "awaiting_inspection");
        assertThat(browser.findAll(By.cssSelector("table#returns tr[data-return-id]")))
                .hasSize(api.path("count").asInt()).hasSize(5);

        // The state filter keeps exactly the returns the API has in that state.
        new Select(browser.find(By.cssSelector("form#return-search select[name=state]")))
                .selectByValue("restocked_not_refunded");
        submitSearch();
        List<String> rows = new ArrayList<>();
        browser.findAll(By.cssSelector("table#returns tr[data-return-id]"))
                .forEach(row -> rows.add(row.getAttribute("data-return-id")));
        List<String> restocked = StreamSupport.stream(api.path("returns").spliterator(), false)
                .filter(r -> r.path("state").asText().equals("RESTOCKED_NOT_REFUNDED"))
                .map(r -> r.path("returnId").asText()).toList();
        assertThat(rows).containsExactlyInAnyOrderElementsOf(restocked).hasSize(2);
    }

    @Test
    @Order(5)
    void theReconciliationPageShowsTheLatestReportWithItsFindingsAndCsv() {
        openAsOperator("/operations/reconciliation");
        browser.await(By.id("no-reconciliation"));

        String doubled = newId();
        sandbox.putReturn(aReturn().sellable(doubled, SCARF, 1).json());
        poll();
        // A clerk types the same stock-in again by hand: the day's reconciliation finds it doubled.
        sitoo.postStockIn(new StockIn(STOCKHOLM, SCARF, BigDecimal.ONE, "rv-" + doubled, null, "typed in again"));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        ResponseEntity<JsonNode> ran = asOperator().postForEntity("/api/reconciliation/run?date=" + today, null,
                JsonNode.class);
        assertThat(ran.getStatusCode().value()).isEqualTo(200);

        openAsOperator("/operations/reconciliation");
        browser.awaitText(By.id("reconciliation-date"), today.toString());
        assertThat(browser.find(By.id("reconciliation-generated-at")).getText()).isNotBlank();
        List<WebElement> findings = browser.findAll(By.cssSelector("table#findings tr[data-kind]"));
        assertThat(findings).extracting(row -> row.getAttribute("data-kind").toUpperCase(Locale.ROOT))
                .containsExactly(Finding.STOCK_IN_DUPLICATED);
        assertThat(findings.get(0).getText()).contains(doubled);
        String csv = browser.find(By.id("findings-csv")).getAttribute("href");
        assertThat(URI.create(csv).getPath()).isEqualTo("/api/reconciliation/" + today + "/csv");
        assertThat(asOperator().getForEntity(URI.create(csv).getPath(), String.class).getBody())
                .as("the CSV the link downloads").contains(Finding.STOCK_IN_DUPLICATED, doubled);
        browser.screenshot("operations-reconciliation");
    }

    @Test
    @Order(6)
    void theStatusPageShowsTheSyncStateAndTheMappingsInForce() {
        sandbox.putReturn(aReturn().sellable(newId(), SCARF, 1).json());
        poll();

        openAsOperator("/operations/status");
        browser.await(By.id("sync-mode"));
        assertThat(browser.find(By.id("sync-mode")).getText()).isNotBlank();
        assertThat(browser.find(By.id("circuit-state")).getText()).isEqualTo("closed");
        assertThat(browser.find(By.id("poll-lag")).getAttribute("data-seconds")).matches("\\d+");
        assertThat(browser.find(By.id("last-poll")).getText()).isNotBlank();
        List<String> mapped = new ArrayList<>();
        browser.findAll(By.cssSelector("table#mappings tr[data-location]")).forEach(row ->
                mapped.add(row.getAttribute("data-location") + " -> " + row.getAttribute("data-warehouse")));
        assertThat(mapped).as("mappings/locations.yaml, as the bridge loaded it")
                .containsExactlyInAnyOrder("store-stockholm-01 -> 1", "store-goteborg-01 -> 2", "dc-boras -> 3");
        browser.screenshot("operations-status");
    }

    /** Whatever a step did, the pages ran clean: no script error, no refused request, no policy violation. */
    @AfterEach
    void thePagesConsoleHasNoErrors() {
        assertThat(browser.consoleErrors()).as("errors in the browser's console").isEmpty();
    }

    /** Opens a page, signing in first (the operator's way) when this browser has not yet. */
    private void openAsOperator(String path) {
        if (!browser.signedIn()) {
            browser.signIn(URI.create("http://127.0.0.1:" + port), OPERATOR, OPERATOR_PASSWORD, path,
                    By.id("operations-nav"));
        } else {
            browser.open(path);
        }
        browser.await(By.id("operations-nav"));
    }

    private void search(String returnIdPrefix) {
        WebElement query = browser.find(By.cssSelector("form#return-search input[name=q]"));
        query.clear();
        query.sendKeys(returnIdPrefix);
        new Select(browser.find(By.cssSelector("form#return-search select[name=state]"))).selectByValue("");
        submitSearch();
        assertThat(browser.find(By.cssSelector("form#return-search input[name=q]")).getAttribute("value"))
                .isEqualTo(returnIdPrefix);
    }

    /** Presses the search button and waits for the page it loads (the old table goes stale). */
    private void submitSearch() {
        WebElement before = browser.find(By.id("returns"));
        browser.find(By.id("return-search-submit")).click();
        browser.until(ExpectedConditions.stalenessOf(before), "the search's answer to replace the returns list");
        browser.await(By.id("returns"));
    }

    private void assertLine(String itemId, String sku, String quantity, String outcome) {
        WebElement row = browser.await(By.cssSelector("table#lines tr[data-item-id='" + itemId + "']"));
        assertThat(row.findElement(By.cssSelector("td.sku")).getText()).isEqualTo(sku);
        assertThat(new BigDecimal(row.findElement(By.cssSelector("td.quantity")).getText().trim()))
                .isEqualByComparingTo(quantity);
        assertThat(row.findElement(By.cssSelector("td.outcome")).getText().toLowerCase(Locale.ROOT).replace(' ', '_'))
                .isEqualTo(outcome);
        if (outcome.equals("restocked")) {
            assertThat(row.findElement(By.cssSelector("td.warehouse")).getText()).contains(Integer.toString(STOCKHOLM));
        }
    }

    /** The page's entry for one Sitoo stock-in, which must show its externalid. */
    private WebElement stockInShowing(String externalId) {
        List<WebElement> shown = browser.findAll(By.cssSelector("#stock-ins [data-stock-in='" + externalId + "']"));
        assertThat(shown).as("stock-ins on the page for %s", externalId).hasSize(1);
        assertThat(shown.get(0).getText()).contains(externalId);
        return shown.get(0);
    }

    private JsonNode onlyStockInFor(String externalId) {
        List<JsonNode> found = new ArrayList<>();
        sandbox.warehouseTransactions().forEach(t -> {
            if (externalId.equals(t.path("externalid").asText())) {
                found.add(t);
            }
        });
        assertThat(found).as("Sitoo stock-ins with externalid %s", externalId).hasSize(1);
        return found.get(0);
    }

    private JsonNode onlyOrderFor(String externalId) {
        List<JsonNode> found = new ArrayList<>();
        sandbox.orders().forEach(o -> {
            if (externalId.equals(o.path("externalid").asText())) {
                found.add(o);
            }
        });
        assertThat(found).as("Sitoo orders with externalid %s", externalId).hasSize(1);
        return found.get(0);
    }

    private List<JsonNode> stockInsOf(String sku) {
        List<JsonNode> found = new ArrayList<>();
        sandbox.warehouseTransactions().forEach(t -> t.path("items").forEach(line -> {
            if (sku.equals(line.path("sku").asText())) {
                found.add(t);
            }
        }));
        return found;
    }

    private static By exceptionRow(long id) {
        return By.cssSelector("tr[data-exception-id='" + id + "']");
    }

    private long openExceptionId(String itemId, String category) {
        JsonNode open = asOperator().getForEntity("/api/exceptions?status=OPEN&category=" + category, JsonNode.class)
                .getBody();
        for (JsonNode record : open) {
            if (itemId.equals(record.path("itemId").asText())) {
                return record.path("id").asLong();
            }
        }
        throw new AssertionError("no open " + category + " exception for item " + itemId + ": " + open);
    }

    private String exceptionStatus(long id) {
        return asOperator().getForEntity("/api/exceptions/" + id, JsonNode.class).getBody().path("status").asText();
    }
}
