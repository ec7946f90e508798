package org.returnsbridge.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A process started through {@link OrphanGuard} is ended when the JVM that started it is stopped (SIGTERM, as
 * surefire and failsafe end a fork that ran out of time), while one started without it is left running: the
 * second half shows that the first is the guard's doing, not a side effect of how the owner was stopped.
 */
class OrphanGuardTest {

    private static final Duration BOUND = Duration.ofSeconds(30);

    private final Map<String, ProcessHandle> started = new HashMap<>();
    private Process owner;

    @AfterEach
    void endWhatIsLeft() {
        started.values().forEach(ProcessHandle::destroyForcibly);
        if (owner != null) {
            owner.destroyForcibly();
        }
    }

    @Test
    void aProcessWatchedByTheGuardIsKilledWhenItsOwnerIsStoppedAndAnUnwatchedOneIsNot() throws Exception {
        Path testClasses = Path.of(OrphanGuardOwner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        owner = new ProcessBuilder(BridgeProcesses.java(), "-Xmx32m", "-cp", testClasses.toString(),
                OrphanGuardOwner.class.getName()).redirectErrorStream(true).start();
        readPids(owner);
        ProcessHandle guarded = started.get(OrphanGuardOwner.GUARDED);
        ProcessHandle unguarded = started.get(OrphanGuardOwner.UNGUARDED);
        assertThat(guarded.isAlive()).as("the watched child runs while its owner does").isTrue();

        owner.destroy(); // SIGTERM
        assertThat(owner.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)).as("the owner stopped").isTrue();

        assertThat(guarded.onExit()).as("the watched child ended with its owner").succeedsWithin(BOUND);
        assertThat(unguarded.isAlive()).as("the unwatched child outlived its owner").isTrue();
    }

    /** The owner's two pid lines, read within {@link #BOUND}: a JVM that cannot start fails the test, not hangs it. */
    private void readPids(Process owner) throws Exception {
        CompletableFuture<Void> read = CompletableFuture.runAsync(() -> {
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(owner.getInputStream(), StandardCharsets.UTF_8));
                String line;
                while (started.size() < 2 && (line = out.readLine()) != null) {
                    for (String label : new String[] {OrphanGuardOwner.GUARDED, OrphanGuardOwner.UNGUARDED}) {
                        if (line.startsWith(label)) {
                            long pid = Long.parseLong(line.substring(label.length()).trim());
                            started.put(label, ProcessHandle.of(pid).orElseThrow(
                                    () -> new IllegalStateException(label + "child " + pid + " is gone already")));
                        }
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        read.get(BOUND.toSeconds(), TimeUnit.SECONDS);
        assertThat(started).as("pids the owner printed").containsKeys(OrphanGuardOwner.GUARDED, OrphanGuardOwner.UNGUARDED);
    }
}
