package org.returnsbridge.sitoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.returnsbridge.testsupport.ReturnJson.aReturn;
import static org.returnsbridge.testsupport.ReturnJson.newId;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.returnsbridge.exceptions.ExceptionRecord;
import org.returnsbridge.failure.ExceptionCategory;
import org.returnsbridge.ledger.LineState;
import org.returnsbridge.testsupport.ReturnJson;
import org.returnsbridge.testsupport.SandboxedBridgeTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * A cold product cache costs pages of Sitoo's catalogue, not a call per SKU: over real HTTP against the
 * sandbox, whose call counter tells a catalogue page ({@code GET products catalogue}) from a single SKU
 * look-up ({@code GET products}). Small pages and a low ceiling so paging and the ceiling show at the
 * sandbox's dozen products. Every test starts cold (the base class empties the cache and forgets the warm-up).
 */
@TestPropertySource(properties = {
        "bridge.sitoo.catalogue.warmup-max=" + CatalogueWarmupTest.CEILING,
        "bridge.sitoo.catalogue.page-size=" + CatalogueWarmupTest.PAGE,
        "bridge.sitoo.catalogue.warmup-wait=PT20S",
})
class CatalogueWarmupTest extends SandboxedBridgeTest {

    static final int PAGE = 5;
    static final int CEILING = 30;
    private static final String PAGES = "sitoo GET products catalogue";
    private static final String LOOKUPS = "sitoo GET products";
    private static final int STOCKHOLM = 1;
    /** Products of the sandbox's seed, all under their own SKU in Sitoo (skus.yaml maps none). */
    private static final List<String> SEEDED = List.of("10038-1", "10038-2", "20417-S", "20417-M", "30112-40", "40001-1");

    @Autowired
    private MeterRegistry meters;

    @Test
    void aColdBridgeReadsTheCatalogueInPagesAndLooksUpNoSkuItHeld() {
        int catalogue = sandbox.send("GET", "/sitoo/products", null).size();
        double pagesBefore = meters.counter("bridge.sitoo.catalogue.warmup.pages").count();
        long warmupsBefore = warmupsEnded();
        // 18 lines of 6 SKUs over 3 returns, processed in parallel: every line misses the cold cache at once.
        List<String> items = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            ReturnJson ret = aReturn();
            for (String sku : SEEDED) {
                String item = newId();
                items.add(item);
                ret.sellable(item, sku, 1);
            }
            sandbox.putReturn(ret.json());
        }

        poll();
        awaitWarmupEnded(warmupsBefore);

        int pages = (catalogue + PAGE - 1) / PAGE;
        assertThat(sandbox.calls(PAGES)).as("⌈%d products / %d⌉ pages", catalogue, PAGE).isEqualTo(pages);
        assertThat(sandbox.calls(LOOKUPS)).as("no SKU the catalogue held is looked up alone").isZero();
        assertThat(items).allSatisfy(item -> assertThat(line(item).state()).isEqualTo(LineState.RESTOCKED));
        SEEDED.forEach(sku -> assertThat(sandbox.stock(STOCKHOLM, sku)).as(sku).isEqualByComparingTo("3"));
        assertThat(meters.counter("bridge.sitoo.catalogue.warmup.pages").count() - pagesBefore).isEqualTo(pages);

        // Warm now: the next return costs no product call at all.
        sandbox.putReturn(aReturn().sellable(newId(), SEEDED.get(0), 1).json());
        poll();
        assertThat(sandbox.calls(PAGES)).isEqualTo(pages);
        assertThat(sandbox.calls(LOOKUPS)).isZero();
    }

    @Test
    void aProductCreatedAfterTheWarmupIsFoundByItsSingleLookup() {
        long warmupsBefore = warmupsEnded();
        sandbox.putReturn(aReturn().sellable(newId(), SEEDED.get(0), 1).json());
        poll();
        awaitWarmupEnded(warmupsBefore);
        int pages = sandbox.calls(PAGES);
        assertThat(pages).isPositive();

        sandbox.createProduct("61001-1", "Created after the warm-up");
        String item = newId();
        sandbox.putReturn(aReturn().sellable(item, "61001-1", 2).json());
        poll();

        assertThat(line(item).state()).isEqualTo(LineState.RESTOCKED);
        assertThat(sandbox.stock(STOCKHOLM, "61001-1")).isEqualByComparingTo("2");
        assertThat(sandbox.calls(LOOKUPS)).as("its own look-up").isEqualTo(1);
        assertThat(sandbox.calls(PAGES)).as("the catalogue is not read again within the TTL").isEqualTo(pages);
    }

    @Test
    void aSkuMissingFromTheCatalogueIsStillLookedUpBeforeItIsAnUnknownSku() {
        String unknown = newId();
        String known = newId();
        sandbox.putReturn(aReturn().sellable(unknown, "99999-9", 1).sellable(known, SEEDED.get(1), 1).json());

        poll();

        assertThat(sandbox.calls(PAGES)).isPositive();
        assertThat(sandbox.calls(LOOKUPS)).as("the unknown SKU's look-up, and only it").isEqualTo(1);
        assertThat(line(known).state()).isEqualTo(LineState.RESTOCKED);
        assertThat(line(unknown).state()).isEqualTo(LineState.EXCEPTION);
        List<ExceptionRecord> records = exceptionsFor(unknown);
        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.category()).isEqualTo(ExceptionCategory.UNKNOWN_SKU);
            assertThat(record.reason()).contains("99999-9");
        });
    }

    @Test
    void aCatalogueAboveTheCeilingIsReadUpToItAndTheRestIsLookedUpOneByOne() {
        // Created after the seed, so they sort (by productid) behind it: the last ones lie beyond the ceiling.
        for (int i = 0; i < CEILING; i++) {
            sandbox.createProduct("62000-" + i, "Filler " + i);
        }
        String beyond = "62000-" + (CEILING - 1);
        String withinItem = newId();
        String beyondItem = newId();
        sandbox.putReturn(aReturn().sellable(withinItem, SEEDED.get(2), 1).sellable(beyondItem, beyond, 1).json());

        poll();

        assertThat(sandbox.calls(PAGES)).as("the ceiling's %d products in pages of %d", CEILING, PAGE)
                .isEqualTo(CEILING / PAGE);
        assertThat(sandbox.calls(LOOKUPS)).as("only the product beyond the ceiling").isEqualTo(1);
        assertThat(line(withinItem).state()).isEqualTo(LineState.RESTOCKED);
        assertThat(line(beyondItem).state()).isEqualTo(LineState.RESTOCKED);
        assertThat(sandbox.stock(STOCKHOLM, beyond)).isEqualByComparingTo("1");
    }

    /** The seed's productids 1–5 make the first page: it is kept when the second fails, the rest is looked up. */
    @Test
    void aPageFailingMidwayKeepsTheCompletePagesBeforeIt() {
        sandbox.send("POST", "/sitoo/catalogue-page-faults?skip=1&count=1&kind=bad-item", null);
        List<String> items = new ArrayList<>();
        ReturnJson ret = aReturn();
        for (String sku : SEEDED) {
            String item = newId();
            items.add(item);
            ret.sellable(item, sku, 1);
        }
        sandbox.putReturn(ret.json());

        poll();

        assertThat(sandbox.calls(PAGES)).as("the good page and the failed one").isEqualTo(2);
        assertThat(sandbox.calls(LOOKUPS)).as("30112-40 and 40001-1, beyond the first page").isEqualTo(2);
        assertThat(items).allSatisfy(item -> assertThat(line(item).state()).isEqualTo(LineState.RESTOCKED));
        assertThat(sandbox.totalStock()).isEqualByComparingTo(BigDecimal.valueOf(SEEDED.size()));
    }

    /** Nothing of a failed page is cached; the lines fall back to one look-up per SKU, each restocked once. */
    @ParameterizedTest
    @ValueSource(strings = {"500", "bad-item", "truncated"})
    void aFailedCataloguePageFallsBackToSingleLookupsWithoutLosingOrDoublingWork(String kind) {
        sandbox.send("POST", "/sitoo/catalogue-page-faults?count=1&kind=" + kind, null);
        List<String> items = new ArrayList<>();
        ReturnJson ret = aReturn();
        for (String sku : SEEDED) {
            String item = newId();
            items.add(item);
            ret.sellable(item, sku, 2);
        }
        sandbox.putReturn(ret.json());

        poll();
        poll();

        assertThat(sandbox.calls(PAGES)).as("the failed page, and no retry of the warm-up").isEqualTo(1);
        assertThat(sandbox.calls(LOOKUPS)).as("one look-up per SKU").isEqualTo(SEEDED.size());
        assertThat(items).allSatisfy(item -> {
            assertThat(line(item).state()).isEqualTo(LineState.RESTOCKED);
            assertThat(exceptionsFor(item)).isEmpty();
        });
        SEEDED.forEach(sku -> assertThat(sandbox.stock(STOCKHOLM, sku)).as(sku).isEqualByComparingTo("2"));
        assertThat(sandbox.totalStock()).isEqualByComparingTo(BigDecimal.valueOf(2L * SEEDED.size()));
        assertThat(sandbox.warehouseTransactions()).hasSize(SEEDED.size());
    }

    /**
     * A line goes on as soon as the page holding its SKU is cached, so the poll may end while the warm-up still
     * reads later pages: tests that count pages, or create a product "after the warm-up", wait for its end.
     */
    private void awaitWarmupEnded(long endedBefore) {
        org.awaitility.Awaitility.await("the catalogue warm-up ended").atMost(java.time.Duration.ofSeconds(30))
                .pollInterval(java.time.Duration.ofMillis(50)).until(() -> warmupsEnded() > endedBefore);
    }

    /** Warm-ups ended so far, however they ended (the timer is recorded once per warm-up, tagged by its outcome). */
    private long warmupsEnded() {
        return meters.find("bridge.sitoo.catalogue.warmup").timers().stream()
                .mapToLong(io.micrometer.core.instrument.Timer::count).sum();
    }
}
