package org.returnsbridge.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Resident memory of a process from Linux's {@code /proc/<pid>/status}: {@code VmHWM} is the kernel's own
 * high-water mark of resident memory, exact however rarely it is read; {@code VmRSS} is the current value.
 * Elsewhere (no /proc) both are empty and the report says n/a.
 */
final class ProcessMemory {

    private ProcessMemory() {
    }

    static OptionalLong peakRssBytes(long pid) {
        return field(pid, "VmHWM:");
    }

    static OptionalLong rssBytes(long pid) {
        return field(pid, "VmRSS:");
    }

    private static OptionalLong field(long pid, String name) {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith(name)) {
                    // "VmHWM:	  123456 kB"
                    String[] parts = line.substring(name.length()).trim().split("\\s+");
                    return OptionalLong.of(Long.parseLong(parts[0]) * 1024L);
                }
            }
        } catch (IOException | RuntimeException gone) {
            // not Linux, or the process has exited
        }
        return OptionalLong.empty();
    }
}
