package org.returnsbridge.operations;

import java.time.Duration;

/**
 * A duration as a store or finance person reads it: the two largest units that matter ("3 h 12 min",
 * "2 d 4 h", "45 s"). The exact seconds travel beside it in {@code data-seconds} for scripts and tests.
 */
final class HumanDuration {

    private HumanDuration() {}

    static String of(long seconds) {
        if (seconds < 0) {
            return "in the future (" + of(-seconds) + ")";
        }
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3_600;
        long minutes = seconds % 3_600 / 60;
        long secs = seconds % 60;
        if (days > 0) {
            return hours > 0 ? days + " d " + hours + " h" : days + " d";
        }
        if (hours > 0) {
            return minutes > 0 ? hours + " h " + minutes + " min" : hours + " h";
        }
        if (minutes > 0) {
            return secs > 0 ? minutes + " min " + secs + " s" : minutes + " min";
        }
        return secs + " s";
    }

    static String of(Duration duration) {
        return of(duration.toSeconds());
    }
}
