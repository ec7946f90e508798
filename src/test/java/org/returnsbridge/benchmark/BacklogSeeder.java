package org.returnsbridge.benchmark;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Puts a generated backlog into the sandbox's Reveni through the admin API ({@code PUT /sandbox/reveni/returns/{id}},
 * never counted as a vendor call), a few requests in flight at once, while adding up what the bridge must
 * end up doing. Returns are streamed: generated, sent and forgotten, so the harness holds no backlog in memory.
 */
final class BacklogSeeder {

    private static final int IN_FLIGHT = 4;

    private BacklogSeeder() {
    }

    /** Where progress lines go (the console in a benchmark run). */
    interface Progress {
        void report(String line);
    }

    /** Seeds returns until {@code maxReturns} returns or {@code maxLines} lines, whichever comes first. */
    static ExpectedOutcome seed(BenchmarkSandbox sandbox, BacklogGenerator generator, int maxReturns, int maxLines,
                                Progress progress) throws InterruptedException {
        ExpectedOutcome expected = new ExpectedOutcome();
        ExecutorService senders = Executors.newFixedThreadPool(IN_FLIGHT);
        Semaphore window = new Semaphore(IN_FLIGHT * 4); // bounded: never more than a handful of bodies queued
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        try {
            int lines = 0;
            int returns = 0;
            while (returns < maxReturns && lines < maxLines && failure.get() == null) {
                PlannedReturn planned = generator.next(maxLines - lines);
                ObjectNode json = planned.renderInspected();
                expected.add(planned, planned.lines().size(), json.get("status").asText());
                returns++;
                lines += planned.lines().size();
                window.acquire();
                senders.execute(() -> {
                    try {
                        sandbox.putReturn(json);
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                    } finally {
                        window.release();
                    }
                });
                if (returns % 5000 == 0) {
                    progress.report("seeded " + returns + " returns, " + lines + " lines");
                }
            }
        } finally {
            senders.shutdown();
            if (!senders.awaitTermination(5, TimeUnit.MINUTES)) {
                senders.shutdownNow();
                throw new IllegalStateException("seeding the sandbox did not finish within 5 minutes");
            }
        }
        if (failure.get() != null) {
            throw new IllegalStateException("seeding a return failed: " + failure.get().getMessage(), failure.get());
        }
        return expected;
    }
}
