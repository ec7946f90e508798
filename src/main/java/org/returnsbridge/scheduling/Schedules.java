package org.returnsbridge.scheduling;

import java.time.Duration;

/**
 * Endpoint URIs of the bridge's scheduled routes: Quartz triggers in the clustered job store, so each schedule runs
 * on one node of the cluster at a time, and {@code stateful} (Quartz's {@code @DisallowConcurrentExecution}, which
 * the JDBC store enforces across nodes), so a run never starts while the previous one is still going, anywhere.
 * The trigger name is the schedule's identity in the shared tables: every node must use the same one for the same
 * work. A changed interval or cron is taken by the next node to start (camel-quartz reschedules a stored trigger
 * whose repeat interval or cron expression differs); nodes of one cluster should therefore share their settings.
 */
public final class Schedules {

    static final String GROUP = "bridge";

    private Schedules() {}

    /** Every {@code interval}, the first run as soon as the trigger is created. */
    public static String every(String name, Duration interval) {
        return "quartz://" + GROUP + "/" + name + "?stateful=true&trigger.repeatInterval=" + interval.toMillis();
    }

    /** On a Quartz cron (seconds first), in the JVM's time zone. */
    public static String cron(String name, String cron) {
        return "quartz://" + GROUP + "/" + name + "?stateful=true&cron=" + cron.trim().replace(' ', '+');
    }

    /**
     * On a Quartz cron in {@code zone}. camel-quartz compares only the cron expression with a stored trigger, so a
     * changed zone alone is not applied to a trigger already in the job store (change the cron too, or delete the
     * trigger's rows); docs/configuration.md says so.
     */
    public static String cron(String name, String cron, String zone) {
        return cron(name, cron) + "&trigger.timeZone=" + zone;
    }
}
