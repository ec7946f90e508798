package org.returnsbridge.testsupport;

import java.util.concurrent.CountDownLatch;

/**
 * The owner JVM {@code OrphanGuardTest} starts and ends: it starts two {@code sleep} processes, one watched by
 * {@link OrphanGuard} and one not, prints their pids and waits to be ended. Nothing but the JDK and OrphanGuard,
 * so that it runs on the test classes folder alone.
 */
public final class OrphanGuardOwner {

    static final String GUARDED = "GUARDED ";
    static final String UNGUARDED = "UNGUARDED ";

    private OrphanGuardOwner() {
    }

    public static void main(String[] args) throws Exception {
        Process guarded = OrphanGuard.watch(new ProcessBuilder("sleep", "600").start());
        Process unguarded = new ProcessBuilder("sleep", "600").start();
        System.out.println(GUARDED + guarded.pid());
        System.out.println(UNGUARDED + unguarded.pid());
        System.out.flush();
        new CountDownLatch(1).await(); // until the test ends this JVM
    }
}
