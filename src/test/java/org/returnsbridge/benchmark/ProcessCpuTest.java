package org.returnsbridge.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The /proc readings the cluster scenario's CPU figures rest on, against this very JVM. */
class ProcessCpuTest {

    private final long self = ProcessHandle.current().pid();

    @Test
    void ownCpuTimeGrowsWithWorkDoneAndAgreesWithTheJvm() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "Linux only");
        long before = ProcessCpu.ownNanos(self).orElseThrow();
        long jvmBefore = jvmCpuNanos();
        burn(300_000_000L);
        long spent = ProcessCpu.ownNanos(self).orElseThrow() - before;
        long jvmSpent = jvmCpuNanos() - jvmBefore;

        assertThat(spent).as("at least the busy loop's 0.3 s, less a clock tick").isGreaterThan(250_000_000L);
        // The JVM's own figure (nanoseconds) and /proc's (10 ms ticks) measure the same thing.
        assertThat((double) spent).isCloseTo(jvmSpent, org.assertj.core.data.Percentage.withPercentage(20));
    }

    @Test
    void aParentSeesItsChildAndTheMachineItsBusyTime() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "Linux only");
        Process child = new ProcessBuilder("sleep", "30").start();
        try {
            assertThat(ProcessCpu.parentPid(child.pid())).hasValue(self);
            long machineBefore = ProcessCpu.machineBusyNanos().orElseThrow();
            long serverBefore = ProcessCpu.serverNanos(self).orElseThrow();
            burn(200_000_000L);
            assertThat(ProcessCpu.serverNanos(self).orElseThrow() - serverBefore).isGreaterThan(150_000_000L);
            assertThat(ProcessCpu.machineBusyNanos().orElseThrow() - machineBefore).isGreaterThan(150_000_000L);
        } finally {
            child.destroyForcibly().waitFor();
        }
    }

    @Test
    void aProcessThatIsGoneHasNoFigures() {
        assertThat(ProcessCpu.ownNanos(Long.MAX_VALUE)).isEmpty();
        assertThat(ProcessCpu.serverNanos(Long.MAX_VALUE)).isEmpty();
    }

    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Spins on this thread until it has used {@code nanos} of CPU. */
    private static void burn(long nanos) {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        long x = 0;
        while (threads.getCurrentThreadCpuTime() - start < nanos) {
            for (int i = 0; i < 100_000; i++) {
                x += i ^ (x << 1);
            }
        }
        if (x == 42) {
            System.out.println(x);
        }
    }
}
