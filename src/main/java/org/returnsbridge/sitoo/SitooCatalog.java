package org.returnsbridge.sitoo;

import java.time.Duration;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * SKU → Sitoo product, cached because a backlog repeats the same few hundred SKUs thousands of times.
 * Bounded in size and age so memory stays flat and a product renamed in Sitoo is seen again.
 * Misses are not cached: once someone creates the product, the next attempt must find it.
 */
public class SitooCatalog {

    private final SitooClient client;
    private final Cache<String, SitooProduct> cache;

    public SitooCatalog(SitooClient client, long maxSize, Duration expiry) {
        this.client = client;
        // Statistics on: the hit rate is a metric (monitoring binds the cache to the registry).
        this.cache = Caffeine.newBuilder().maximumSize(maxSize).expireAfterWrite(expiry).recordStats().build();
    }

    public Optional<SitooProduct> product(String sku) {
        Optional<SitooProduct> found = cached(sku).or(() -> ask(sku));
        found.ifPresent(p -> remember(sku, p));
        return found;
    }

    // The steps of product(), for a route that shows them as its own nodes: the cache, Sitoo, remember.

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

    public void invalidateAll() {
        cache.invalidateAll();
    }

    /** The cache itself, read-only use: for its hit and miss statistics as metrics. */
    public Cache<String, SitooProduct> cacheForMetrics() {
        return cache;
    }
}
