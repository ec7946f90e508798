package org.returnsbridge.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * CPU time of processes from Linux's {@code /proc/<pid>/stat}: user plus system time, in clock ticks of
 * {@code USER_HZ} (100 on every Linux the benchmark runs on; the JDK cannot ask {@code sysconf}). With
 * {@code reapedChildren}, the time of children the process has already waited for is added: a PostgreSQL
 * server's finished backends land in the postmaster's {@code cutime}/{@code cstime}. Elsewhere (no /proc)
 * every figure is empty and the report says n/a.
 */
final class ProcessCpu {

    static final long TICKS_PER_SECOND = 100;
    private static final long NANOS_PER_TICK = 1_000_000_000L / TICKS_PER_SECOND;

    /** One process's fields of interest; {@code ppid} finds a server's children. */
    record Stat(long pid, long ppid, long utime, long stime, long cutime, long cstime) {
        long ownNanos() {
            return (utime + stime) * NANOS_PER_TICK;
        }

        long withReapedChildrenNanos() {
            return (utime + stime + cutime + cstime) * NANOS_PER_TICK;
        }
    }

    private ProcessCpu() {
    }

    /** The process's own CPU time (its threads, not its children). */
    static OptionalLong ownNanos(long pid) {
        Stat stat = stat(pid);
        return stat == null ? OptionalLong.empty() : OptionalLong.of(stat.ownNanos());
    }

    /**
     * A server's CPU time: the parent's own and reaped children's time, plus every live child's (its own and
     * its reaped children's). A child ending between the two reads is missed or counted twice: one backend's
     * few milliseconds against a run's seconds.
     */
    static OptionalLong serverNanos(long parentPid) {
        Stat parent = stat(parentPid);
        if (parent == null) {
            return OptionalLong.empty();
        }
        long total = parent.withReapedChildrenNanos();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            total += procs.map(p -> p.getFileName().toString()).filter(ProcessCpu::isPid)
                    .map(name -> stat(Long.parseLong(name)))
                    .filter(s -> s != null && s.ppid() == parentPid)
                    .mapToLong(Stat::withReapedChildrenNanos).sum();
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(total);
    }

    /**
     * CPU time the whole machine spent busy, every process and core together, from the first line of
     * {@code /proc/stat}: user, nice, system, irq, softirq and steal (idle and iowait left out).
     */
    static OptionalLong machineBusyNanos() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/stat"))) {
            String cpu = lines.filter(l -> l.startsWith("cpu ")).findFirst().orElse(null);
            if (cpu == null) {
                return OptionalLong.empty();
            }
            String[] f = cpu.substring(4).trim().split("\\s+");
            long busy = Long.parseLong(f[0]) + Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[5])
                    + Long.parseLong(f[6]) + (f.length > 7 ? Long.parseLong(f[7]) : 0);
            return OptionalLong.of(busy * NANOS_PER_TICK);
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** The parent of a process (a backend's parent is the postmaster), or empty. */
    static OptionalLong parentPid(long pid) {
        Stat stat = stat(pid);
        return stat == null ? OptionalLong.empty() : OptionalLong.of(stat.ppid());
    }

    /** Parses {@code /proc/<pid>/stat}; null when the process is gone or /proc is absent. */
    static Stat stat(long pid) {
        try {
            String line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // "pid (comm) state ppid ..." — comm may hold spaces and parentheses: fields start after the last ')'.
            String[] f = line.substring(line.lastIndexOf(')') + 2).trim().split("\\s+");
            // f[0] is field 3 (state): ppid is field 4, utime..cstime are fields 14..17.
            return new Stat(pid, Long.parseLong(f[1]), Long.parseLong(f[11]), Long.parseLong(f[12]),
                    Long.parseLong(f[13]), Long.parseLong(f[14]));
        } catch (IOException | RuntimeException gone) {
            return null;
        }
    }

    private static boolean isPid(String name) {
        return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }
}
