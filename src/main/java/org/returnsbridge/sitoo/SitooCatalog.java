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
        this.cache = Caffeine.newBuilder().maximumSize(maxSize).expireAfterWrite(expiry).build();
    }

    public Optional<SitooProduct> product(String sku) {
        SitooProduct cached = cache.getIfPresent(sku);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<SitooProduct> found = client.findProduct(sku);
        found.ifPresent(p -> cache.put(sku, p));
        return found;
    }

    public void invalidateAll() {
        cache.invalidateAll();
    }
}
