package org.returnsbridge.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A bridge process started by the benchmark: its client, the moment it was started (harness clock, the same
 * machine clock as the sandbox's), and its peak memory figures. Memory is read while it is still alive.
 */
final class RunningBridge {

    private final Process process;
    private final BridgeClient client;
    private final long startMillis;
    private final String heapLimit;
    private final Map<String, String> env;
    private final Path log;
    /** Sampled from whichever thread watches the run; read at the end. */
    private final java.util.concurrent.atomic.AtomicLong sampledHeapMax = new java.util.concurrent.atomic.AtomicLong(-1);

    RunningBridge(Process process, int port, long startMillis, String heapLimit, Map<String, String> env, Path log) {
        this.process = process;
        this.client = new BridgeClient(port);
        this.startMillis = startMillis;
        this.heapLimit = heapLimit;
        this.env = Map.copyOf(env);
        this.log = log;
    }

    BridgeClient client() {
        return client;
    }

    long startMillis() {
        return startMillis;
    }

    String heapLimit() {
        return heapLimit;
    }

    Map<String, String> env() {
        return env;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    String exitDescription() {
        return "the bridge exited with code " + process.exitValue()
                + (sawOutOfMemory() ? " after an OutOfMemoryError" : "") + " (see " + log + ")";
    }

    /** The log says so: -XX:+ExitOnOutOfMemoryError prints "Terminating due to java.lang.OutOfMemoryError". */
    boolean sawOutOfMemory() {
        try {
            if (!Files.exists(log)) {
                return false;
            }
            try (var lines = Files.lines(log)) {
                return lines.anyMatch(l -> l.contains("OutOfMemoryError"));
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    /**
     * The heap the bridge really holds: a full collection asked for with {@code jcmd <pid> GC.run} (the JDK's own
     * tool, same user, from outside: the bridge's Jolokia access policy allows no gc(), rightly), then the heap in
     * use read through Jolokia. Costs the bridge one full collection, so sample it seconds apart, not faster.
     */
    long heapAfterFullGcBytes() {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process gc = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "GC.run")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!gc.waitFor(30, java.util.concurrent.TimeUnit.SECONDS) || gc.exitValue() != 0) {
                gc.destroyForcibly();
                throw new IllegalStateException("jcmd GC.run did not succeed");
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("jcmd not runnable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return client.heapUsedBytes();
    }

    /** Samples the heap in use (Jolokia); quietly skipped while the bridge is still starting. */
    void sampleHeap() {
        try {
            long used = client.heapUsedBytes();
            sampledHeapMax.accumulateAndGet(used, Math::max);
        } catch (RuntimeException notUpYet) {
            // starting, or busy: the next sample will do
        }
    }

    /** Fills the memory fields of a result; call before the process is killed. */
    void recordMemory(ScenarioResult result) {
        result.bridgeHeapLimit = heapLimit;
        sampleHeap();
        if (sampledHeapMax.get() >= 0) {
            result.heapPeakSampledMb = mb(sampledHeapMax.get());
        }
        try {
            result.heapPoolsPeakSumMb = mb(client.peakHeapBytes());
        } catch (RuntimeException e) {
            result.note("peak heap not read: " + e.getMessage());
        }
        ProcessMemory.peakRssBytes(process.pid()).ifPresent(bytes -> result.peakRssMb = mb(bytes));
        result.outOfMemory = sawOutOfMemory();
    }

    static double mb(long bytes) {
        return Math.round(bytes / 1024.0 / 1024.0 * 10) / 10.0;
    }
}
