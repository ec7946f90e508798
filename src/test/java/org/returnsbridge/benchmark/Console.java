package org.returnsbridge.benchmark;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** Progress on standard output: a benchmark runs for minutes, and its user wants to see where it is. */
final class Console {

    /** Always with seconds: LocalTime's own text drops them when they are zero. */
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private Console() {
    }

    static void say(String line) {
        System.out.println("[benchmark " + CLOCK.format(LocalTime.now()) + "] " + line);
        System.out.flush();
    }
}
