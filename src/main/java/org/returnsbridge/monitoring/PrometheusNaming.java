package org.returnsbridge.monitoring;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;

/**
 * Keeps the Prometheus page clean for {@code promtool check metrics}, whichever library registered a meter:
 * label and metric names in snake_case (Camel tags {@code routeId}, {@code camelContext}; Spring Security
 * names counters after its filter classes), a help text on every meter ({@link MeterHelp}), and none of the
 * few JVM meters whose names break Prometheus's conventions.
 * <p>Camel 4.17's {@code camel.metrics.naming-strategy} only chooses between the Micrometer-style metric
 * names (used here) and the legacy camelCase ones; its tag keys are camelCase either way, hence this filter.
 */
public final class PrometheusNaming implements MeterFilter {

    /** Nanosecond and millisecond counters ({@code process_cpu_time_ns_total}, {@code jvm_compilation_time_ms_total}):
     *  Prometheus wants seconds, a filter cannot rescale, and process_cpu_usage and the GC timers tell the same story. */
    private static final Set<String> ABBREVIATED_UNITS = Set.of("process.cpu.time", "jvm.compilation.time");
    /** Micrometer's processor count gauge: a {@code _count} suffix reads as half of a summary in Prometheus. */
    private static final String CPU_COUNT = "system.cpu.count";
    private static final Pattern HUMP = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])");

    @Override
    public MeterFilterReply accept(Meter.Id id) {
        return ABBREVIATED_UNITS.contains(id.getName()) ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
    }

    @Override
    public Meter.Id map(Meter.Id id) {
        String description = id.getDescription() != null ? id.getDescription() : MeterHelp.describe(id.getName());
        String name = CPU_COUNT.equals(id.getName()) ? "system.cpus" : snakeCase(id.getName());
        List<Tag> tags = id.getTags().stream().map(tag -> Tag.of(snakeCase(tag.getKey()), tag.getValue())).toList();
        if (name.equals(id.getName()) && tags.equals(id.getTags()) && description == id.getDescription()) {
            return id;
        }
        return new Meter.Id(name, io.micrometer.core.instrument.Tags.of(tags), id.getBaseUnit(), description,
                id.getType());
    }

    /** {@code routeId} to {@code route_id}, {@code SignInThrottleFilter} to {@code sign_in_throttle_filter}; dots stay. */
    static String snakeCase(String name) {
        return HUMP.matcher(name).replaceAll("_").toLowerCase(java.util.Locale.ROOT);
    }
}
