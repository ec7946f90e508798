package org.returnsbridge.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The demo's heartbeat: on every tick it moves some of its own returns one step along their lifecycle and
 * now and then creates a new one, so a freshly started demo shows activity within a minute. It only ever
 * touches returns it created, so returns put by tests through the admin API stay exactly as put.
 */
final class ReturnsTrickle implements AutoCloseable {

    static final int MAX_TRACKED_RETURNS = 200;
    private static final double ADVANCE_CHANCE = 0.7;
    private static final double NEW_RETURN_CHANCE = 0.5;

    private final ReveniStore store;
    private final Random random;
    private final TrickleReturnFactory factory;
    private final TrickleLifecycle lifecycle;
    private final Set<String> ownReturnIds = new LinkedHashSet<>();
    private ScheduledExecutorService scheduler;

    ReturnsTrickle(ReveniStore store, long seed) {
        this.store = store;
        this.random = new Random(seed);
        this.factory = new TrickleReturnFactory(random);
        this.lifecycle = new TrickleLifecycle(random);
    }

    synchronized void start(int intervalSeconds) {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "sandbox-returns-trickle");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::tickSafely, 1, intervalSeconds, TimeUnit.SECONDS);
    }

    /** One step of the demo world; public to the package so tests and the admin API can drive it directly. */
    synchronized void tick() {
        for (String id : new ArrayList<>(ownReturnIds)) {
            Optional<ObjectNode> ret = store.get(id);
            if (ret.isEmpty()) {
                ownReturnIds.remove(id); // removed by a reset or the admin API
            } else if (!TrickleLifecycle.isFinal(ret.get()) && random.nextDouble() < ADVANCE_CHANCE) {
                lifecycle.advance(ret.get(), store.now());
                store.put(ret.get(), false);
            }
        }
        if (activeCount() == 0 || random.nextDouble() < NEW_RETURN_CHANCE) {
            ObjectNode created = store.put(factory.newReturn(), false);
            ownReturnIds.add(created.get("id").asText());
        }
        forgetOldest();
    }

    synchronized int activeCount() {
        return (int) ownReturnIds.stream().map(store::get).flatMap(Optional::stream)
                .filter(ret -> !TrickleLifecycle.isFinal(ret)).count();
    }

    synchronized void forgetAll() {
        ownReturnIds.clear();
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    /** Bounds memory in a long-running demo: the oldest finished returns go first. */
    private void forgetOldest() {
        while (ownReturnIds.size() > MAX_TRACKED_RETURNS) {
            String victim = ownReturnIds.stream()
                    .filter(id -> store.get(id).map(TrickleLifecycle::isFinal).orElse(true))
                    .findFirst()
                    .orElse(ownReturnIds.iterator().next());
            ownReturnIds.remove(victim);
            store.remove(victim);
        }
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again; one bad tick must not end the demo.
            System.err.println("sandbox trickle tick failed: " + e);
        }
    }
}
