package org.returnsbridge.sitoo;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * One read of Sitoo's product catalogue, page by page through the {@code sitoo-products} gateway (so under
 * the rate limit, the circuit breaker, the metrics and the answer size limit like any other call), until
 * Sitoo has no more or the ceiling is reached. Each page is handed over as soon as it is read, so a line
 * waiting for its SKU need not wait for the whole catalogue.
 *
 * <p>It advances by the products a page actually held, not by the page size asked for: a Sitoo that caps
 * {@code num} lower than asked is read completely all the same. A page that fails (no answer, 5xx, 429, a
 * refusal, a malformed page) ends the read: the pages before it were read exactly and are kept, nothing of
 * the failed page is, and the caller looks up what is missing one SKU at a time.
 */
final class CatalogueWarmup {

    /** How a read ended: the whole catalogue, the ceiling, a failed page, or the bridge stopping. */
    enum Ending { COMPLETE, CEILING, FAILED, INTERRUPTED }

    record Outcome(Ending ending, int pages, long products, Duration took, String failure) {}

    private final SitooClient client;
    private final int pageSize;

    CatalogueWarmup(SitooClient client, int pageSize) {
        this.client = client;
        this.pageSize = pageSize;
    }

    Outcome read(long ceiling, Consumer<List<SitooProduct>> onPage) {
        long began = System.nanoTime();
        long read = 0;
        int pages = 0;
        while (read < ceiling) {
            if (Thread.currentThread().isInterrupted()) {
                return new Outcome(Ending.INTERRUPTED, pages, read, since(began), null);
            }
            int num = (int) Math.min(pageSize, ceiling - read);
            CataloguePage page;
            try {
                page = client.cataloguePage(read, num);
            } catch (RuntimeException failed) {
                return new Outcome(Ending.FAILED, pages, read, since(began), String.valueOf(failed.getMessage()));
            }
            pages++;
            onPage.accept(page.products());
            read += page.products().size();
            // An empty page before totalcount: the catalogue shrank while it was read; what is left is read.
            if (page.products().isEmpty() || read >= page.totalCount()) {
                return new Outcome(Ending.COMPLETE, pages, read, since(began), null);
            }
        }
        return new Outcome(Ending.CEILING, pages, read, since(began), null);
    }

    private static Duration since(long began) {
        return Duration.ofNanos(System.nanoTime() - began);
    }
}
