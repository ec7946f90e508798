package org.returnsbridge.benchmark;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/** Progress on standard output: a benchmark runs for minutes, and its user wants to see where it is. */
final class Console {

    private Console() {
    }

    static void say(String line) {
        System.out.println("[benchmark " + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "] " + line);
        System.out.flush();
    }
}
