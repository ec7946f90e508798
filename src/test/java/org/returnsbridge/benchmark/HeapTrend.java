package org.returnsbridge.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The bridge's heap after a full collection, sampled every {@code period} over a run, and whether it stays flat: the
 * least-squares slope (MB per minute) and the mean of the last third against the first. Heap in use between
 * collections mostly measures garbage, and so does the heap right after a young collection (G1 leaves old-generation
 * garbage until its next concurrent cycle: a first try read LastGcInfo and saw a rise that was only that); what a
 * full collection leaves is what the bridge holds, so a bridge that keeps something per line shows a rising line
 * here, one that does not a flat one.
 */
final class HeapTrend implements AutoCloseable {

    /** One sample: seconds since the trend started, heap after GC in MB, what the run was doing. */
    record Sample(double atSeconds, double heapMb, String phase) {}

    /**
     * Flat, for the report: the last third of the samples is on average within 10 % (or 10 MB) of the first third.
     * Reported beside the slope, never asserted.
     */
    static final double FLAT_TOLERANCE = 0.10;
    static final double FLAT_TOLERANCE_MB = 10;

    private final List<Sample> samples = new ArrayList<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "heap-trend");
        t.setDaemon(true);
        return t;
    });
    private final long startNanos = System.nanoTime();
    private volatile String phase = "drain";
    private boolean failureSaid;

    HeapTrend(LongSupplier heapAfterGcBytes, long periodSeconds) {
        sampler.scheduleWithFixedDelay(() -> {
            try {
                double mb = RunningBridge.mb(heapAfterGcBytes.getAsLong());
                Sample sample = new Sample(Math.round((System.nanoTime() - startNanos) / 1e8) / 10.0, mb, phase);
                int count;
                synchronized (samples) {
                    samples.add(sample);
                    count = samples.size();
                }
                if (count % 6 == 1) {
                    // Also said as it goes (about once a minute): a long run stopped midway still leaves its trend.
                    Console.say("heap after GC: " + sample.heapMb() + " MB at " + sample.atSeconds() + " s ("
                            + sample.phase() + ")");
                }
            } catch (RuntimeException notUpOrBusy) {
                // starting, or too busy to answer: the next sample will do (said once, should it never answer)
                if (!failureSaid) {
                    failureSaid = true;
                    Console.say("heap after GC not read (yet): " + notUpOrBusy.getMessage());
                }
            }
        }, periodSeconds, periodSeconds, TimeUnit.SECONDS);
    }

    void phase(String now) {
        phase = now;
    }

    List<Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    /** Least-squares slope of heap after GC over time, in MB per minute; null with fewer than 3 samples. */
    static Double slopeMbPerMinute(List<Sample> samples) {
        if (samples.size() < 3) {
            return null;
        }
        double meanT = samples.stream().mapToDouble(Sample::atSeconds).average().orElse(0);
        double meanH = samples.stream().mapToDouble(Sample::heapMb).average().orElse(0);
        double num = 0;
        double den = 0;
        for (Sample s : samples) {
            num += (s.atSeconds() - meanT) * (s.heapMb() - meanH);
            den += (s.atSeconds() - meanT) * (s.atSeconds() - meanT);
        }
        return den == 0 ? null : Math.round(num / den * 60 * 100) / 100.0;
    }

    /** Mean heap after GC over the first and the last third of the samples (MB); null with fewer than 3 samples. */
    static double[] firstAndLastThird(List<Sample> samples) {
        if (samples.size() < 3) {
            return null;
        }
        int third = samples.size() / 3;
        double first = samples.subList(0, third).stream().mapToDouble(Sample::heapMb).average().orElse(0);
        double last = samples.subList(samples.size() - third, samples.size()).stream().mapToDouble(Sample::heapMb)
                .average().orElse(0);
        return new double[] {Math.round(first * 10) / 10.0, Math.round(last * 10) / 10.0};
    }

    /**
     * Whether the heap after GC stayed flat: the last third's mean is within {@link #FLAT_TOLERANCE} (or
     * {@link #FLAT_TOLERANCE_MB}, whichever is larger) of the first third's. Null with fewer than 3 samples: too short
     * a run to say.
     */
    static Boolean flat(double[] firstAndLastThird) {
        if (firstAndLastThird == null) {
            return null;
        }
        double allowed = Math.max(firstAndLastThird[0] * FLAT_TOLERANCE, FLAT_TOLERANCE_MB);
        return firstAndLastThird[1] - firstAndLastThird[0] <= allowed;
    }

    /** How {@link #flat} judged, in words for the goals table. */
    static String flatHow(List<Sample> samples, double[] firstAndLastThird, Double slopeMbPerMinute) {
        if (firstAndLastThird == null) {
            return "heap after a full GC: " + samples.size() + " samples, too few to judge flatness";
        }
        double growth = Math.round((firstAndLastThird[1] - firstAndLastThird[0]) * 10) / 10.0;
        return "heap after a full GC " + Goal.fmt(firstAndLastThird[0]) + " → " + Goal.fmt(firstAndLastThird[1])
                + " MB (first → last third of " + samples.size() + " samples, " + (growth >= 0 ? "+" : "") + Goal.fmt(growth)
                + " MB; flat within max(" + Math.round(FLAT_TOLERANCE * 100) + " %, " + Goal.fmt(FLAT_TOLERANCE_MB)
                + " MB)), slope " + (slopeMbPerMinute == null ? "n/a" : Goal.fmt(slopeMbPerMinute)) + " MB/min";
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
