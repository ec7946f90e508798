package org.returnsbridge.testsupport;

import java.io.Closeable;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ends what a test JVM started outside itself (bridge and sandbox JVMs, embedded PostgreSQL) when that JVM exits
 * without a test's own clean-up having run: surefire or failsafe ending a fork that passed
 * {@code forkedProcessTimeoutInSeconds}, a Ctrl-C, a crash in a {@code @BeforeAll}. Without it those children
 * outlive the build, keep their ports and databases, and the next CI run hangs on them.
 *
 * <p>It runs as a JVM shutdown hook, so it covers a SIGTERM (which is how the Maven plugins end a timed-out fork)
 * and a normal exit, not a SIGKILL of the test JVM itself: nothing inside a JVM can.
 */
public final class OrphanGuard {

    private static final Set<Process> PROCESSES = ConcurrentHashMap.newKeySet();
    private static final Set<Once> RESOURCES = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(OrphanGuard::endAll, "orphan-guard"));
    }

    private OrphanGuard() {
    }

    /** Kills {@code process} and its descendants at JVM exit if it is still alive then. */
    public static Process watch(Process process) {
        PROCESSES.add(process);
        process.onExit().thenRun(() -> PROCESSES.remove(process));
        return process;
    }

    /**
     * Closes {@code resource} at JVM exit unless the returned handle was closed first; close the handle, not the
     * resource, so that it is closed exactly once.
     */
    public static Closeable watch(Closeable resource) {
        Once once = new Once(resource);
        RESOURCES.add(once);
        return once;
    }

    private static void endAll() {
        for (Process process : PROCESSES) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        for (Once resource : RESOURCES) {
            try {
                resource.close();
            } catch (IOException | RuntimeException e) {
                // the JVM is going away; what could not be closed is reported, nothing more can be done
                System.err.println("orphan-guard: could not close " + resource.resource + ": " + e);
            }
        }
    }

    private static final class Once implements Closeable {
        private final Closeable resource;
        private final AtomicBoolean closed = new AtomicBoolean();

        Once(Closeable resource) {
            this.resource = resource;
        }

        @Override
        public void close() throws IOException {
            if (closed.compareAndSet(false, true)) {
                RESOURCES.remove(this);
                resource.close();
            }
        }
    }
}
