package org.returnsbridge.sitoo;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SKU → Sitoo product, cached because a backlog repeats the same few hundred SKUs thousands of times.
 * Bounded in size and age so memory stays flat and a product renamed in Sitoo is seen again.
 * Misses are not cached: once someone creates the product, the next attempt must find it.
 *
 * <p><b>Cold start.</b> Asking for one SKU at a time costs a Sitoo call per SKU, at the rate limit. So the
 * first time a line needs a product the cache lacks, the catalogue is read page by page in the background
 * ({@link CatalogueWarmup}), up to the configured ceiling and never beyond the cache's size bound, and the
 * line waits (at most {@code warmupWait}) until its SKU's page arrives or the read ends. What the read did not
 * bring is then looked up SKU by SKU as before: a product missing from the catalogue read is no proof that
 * Sitoo has none (it may have been created since), so an unknown SKU is still only decided by its look-up.
 *
 * <p>Why on first need and not at start-up: a node that never needs a product (a standby node of a cluster,
 * a quiet shop) never spends the rate limit on it, and start-up and readiness never wait for it. Each node
 * warms its own cache. The read's products age out with the cache's TTL; once they have, the next miss
 * reads the catalogue again, so a warm-up happens at most once per TTL per node (a failed one too: a Sitoo
 * that fails a page is not asked again for the whole catalogue at every miss).
 */
public class SitooCatalog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SitooCatalog.class);
    private static final String WARMUP_METER = "bridge.sitoo.catalogue.warmup";

    private final SitooClient client;
    private final Cache<String, SitooProduct> cache;
    private final CatalogueProperties settings;
    private final long ceiling;
    private final long ttlNanos;
    private final CatalogueWarmup warmup;
    private final ExecutorService warmupThread;
    private final MeterRegistry meters;
    private final Counter pagesRead;
    private final Counter productsRead;

    /** Guards the warm-up's state; notified after every page and when a read ends. */
    private final Object warmth = new Object();
    private Future<?> running;
    /** Which warm-up is the current one; a read of an older generation may no longer fill the cache. */
    private long generation;
    private long lastWarmupNanos;
    private boolean warmedOnce;

    public SitooCatalog(SitooClient client, long maxSize, Duration expiry, CatalogueProperties settings,
                        MeterRegistry meters) {
        this.client = client;
        // Statistics on: the hit rate is a metric (monitoring binds the cache to the registry).
        this.cache = Caffeine.newBuilder().maximumSize(maxSize).expireAfterWrite(expiry).recordStats().build();
        this.settings = settings;
        // A read larger than the cache would evict its own first pages: the cache's bound is the ceiling's.
        this.ceiling = Math.min(settings.warmupMax(), maxSize);
        this.ttlNanos = expiry.toNanos();
        this.warmup = new CatalogueWarmup(client, settings.pageSize());
        this.warmupThread = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "sitoo-catalogue-warmup");
            thread.setDaemon(true);
            return thread;
        });
        this.meters = meters;
        this.pagesRead = Counter.builder(WARMUP_METER + ".pages")
                .description("Pages of Sitoo's product catalogue read to warm the product cache").register(meters);
        this.productsRead = Counter.builder(WARMUP_METER + ".products")
                .description("Products read from Sitoo's catalogue into the product cache by warm-ups").register(meters);
    }

    public Optional<SitooProduct> product(String sku) {
        awaitWarmup(sku);
        Optional<SitooProduct> found = cached(sku).or(() -> ask(sku));
        found.ifPresent(p -> remember(sku, p));
        return found;
    }

    // The steps of product(), for a route that shows them as its own nodes: the warm-up, the cache, Sitoo, remember.

    /**
     * For a SKU the cache lacks: starts the catalogue warm-up if one is due, and waits (at most
     * {@code warmupWait}) until the SKU is cached or the warm-up has ended. Returns at once for a cached SKU,
     * when the warm-up is off, or when none is running or due. Never a call to Sitoo on this thread.
     */
    public void awaitWarmup(String sku) {
        if (!settings.warmupEnabled() || isCachedQuietly(sku)) {
            return;
        }
        long deadline = System.nanoTime() + settings.warmupWait().toNanos();
        synchronized (warmth) {
            startWarmupIfDue();
            try {
                while (running != null && !isCachedQuietly(sku)) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return;
                    }
                    TimeUnit.NANOSECONDS.timedWait(warmth, left);
                }
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The product if an earlier lookup found it (and it has not aged out); never a call to Sitoo. */
    public Optional<SitooProduct> cached(String sku) {
        return Optional.ofNullable(cache.getIfPresent(sku));
    }

    /** Sitoo's product with exactly this SKU, asked through the {@code sitoo-products} gateway; not cached. */
    public Optional<SitooProduct> ask(String sku) {
        return client.findProduct(sku);
    }

    public void remember(String sku, SitooProduct product) {
        cache.put(sku, product);
    }

    /** Empties the cache and forgets any warm-up (stopping one in progress): the next miss warms it again. */
    public void invalidateAll() {
        synchronized (warmth) {
            if (running != null) {
                running.cancel(true);
                running = null;
            }
            // A read still on its way out belongs to an old generation: its pages are dropped, not cached.
            generation++;
            cache.invalidateAll();
            warmedOnce = false;
            warmth.notifyAll();
        }
    }

    /** The cache itself, read-only use: for its hit and miss statistics as metrics. */
    public Cache<String, SitooProduct> cacheForMetrics() {
        return cache;
    }

    @Override
    public void close() {
        warmupThread.shutdownNow();
    }

    /** A cache read that leaves the hit and miss statistics alone: waiting for a page is not a lookup. */
    private boolean isCachedQuietly(String sku) {
        return cache.asMap().containsKey(sku);
    }

    /** Under {@link #warmth}: a warm-up is due when none runs and none ran within the cache's TTL. */
    private void startWarmupIfDue() {
        if (running != null || warmedOnce && System.nanoTime() - lastWarmupNanos < ttlNanos) {
            return;
        }
        warmedOnce = true;
        lastWarmupNanos = System.nanoTime();
        log.info("Sitoo product cache is cold: reading the catalogue, up to {} products, {} per request",
                ceiling, settings.pageSize());
        long current = generation;
        running = warmupThread.submit(() -> warmUp(current));
    }

    private void warmUp(long current) {
        CatalogueWarmup.Outcome outcome = null;
        boolean stillCurrent = false;
        try {
            outcome = warmup.read(ceiling, products -> rememberPage(current, products));
        } catch (CancellationException superseded) {
            // invalidated while reading: the new generation warms up on its own
        } finally {
            synchronized (warmth) {
                stillCurrent = generation == current;
                if (stillCurrent) {
                    running = null;
                    lastWarmupNanos = System.nanoTime();
                }
                warmth.notifyAll();
            }
            if (outcome != null && stillCurrent) {
                report(outcome);
            }
        }
    }

    private void rememberPage(long current, List<SitooProduct> products) {
        synchronized (warmth) {
            if (generation != current) {
                throw new CancellationException("the cache was invalidated during the warm-up");
            }
            // Inactive products are cached like a single look-up caches them: placing a line does not depend on it.
            products.forEach(product -> cache.put(product.sku(), product));
            pagesRead.increment();
            productsRead.increment(products.size());
            warmth.notifyAll();
        }
    }

    private void report(CatalogueWarmup.Outcome outcome) {
        Timer.builder(WARMUP_METER).description("Catalogue warm-ups of the product cache, by how they ended")
                .tag("outcome", outcome.ending().name().toLowerCase(Locale.ROOT))
                .register(meters).record(outcome.took());
        String done = outcome.pages() + " pages, " + outcome.products() + " products in "
                + outcome.took().toMillis() + " ms";
        switch (outcome.ending()) {
            case COMPLETE -> log.info("Sitoo catalogue warm-up complete: {}", done);
            case CEILING -> log.info("Sitoo catalogue warm-up stopped at its ceiling of {} products"
                    + " (BRIDGE_SITOO_CATALOGUE_WARMUP_MAX, BRIDGE_SKU_CACHE_SIZE): {}; other SKUs are looked up one by one",
                    ceiling, done);
            case FAILED -> log.warn("Sitoo catalogue warm-up failed after {}: {}. The products of its complete pages"
                    + " stay cached; SKUs it did not reach are looked up one by one", done, outcome.failure());
            case INTERRUPTED -> log.info("Sitoo catalogue warm-up stopped: {}", done);
        }
    }
}
